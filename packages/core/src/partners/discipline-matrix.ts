// The coordinator's discipline matrix: per discipline, the hours per week the
// partners agreed for this team (agreements valid today), the contract hours
// of the people placed now, and the hours per week actually registered over
// the last completed weeks — with the gap against the agreed mix. One query.
// Several disciplines per person: counted under each, hours split equally
// (docs/partners.md, "Lidmaatschappen in de tijd").
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, withScope } from "@wijkwerk/db";
import { type TeamContext, amsterdamDay } from "../common";
import { DISCIPLINES } from "./partner-agreements";
import { addDays, addWeeks, currentMonday } from "./time-registration";

export interface DisciplineRow {
  discipline: string;
  /** Agreed hours per week (sum over the partners' agreements valid today). */
  agreed: number;
  /**
   * People placed in the team now with this discipline (a person with two counts under both), and their
   * contract hours per week (split equally over a person's disciplines, so the column adds up to the contracts).
   */
  people: number;
  contracted: number;
  /** Registered hours per week, averaged over the weeks shown. */
  registered: number;
  /** registered − agreed; negative = short of the intended mix. */
  gap: number;
  /** Short by more than 10 % of the agreement, or agreed with nobody placed. */
  short: boolean;
}

export interface DisciplineMatrix {
  weeks: number;
  from: string;
  to: string;
  rows: DisciplineRow[];
  totals: { agreed: number; contracted: number; registered: number; people: number };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function teamDisciplineMatrix(ctx: TeamContext, opts: { weeks?: number; now?: Date } = {}): Promise<DisciplineMatrix> {
  const { teamId, municipalityId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TimeRegistration", { teamId, municipalityId }));
  const weeks = Math.min(Math.max(opts.weeks ?? 13, 1), 52);
  const last = addWeeks(currentMonday(opts.now), -1);
  const first = addWeeks(last, -(weeks - 1));
  const today = amsterdamDay(opts.now ?? new Date());
  const rows = await withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<{ discipline: string; agreed: string; people: number; contracted: string; registered: string; persons: number }>(
      tx,
      sql`with agreed as (
            select c.discipline, sum(c.hours_per_week) as hours
            from agreement_contributions c join partner_agreements a on a.id = c.agreement_id
            where c.team_id = ${teamId} and a.valid_from <= ${today}::date and (a.valid_to is null or a.valid_to >= ${today}::date)
            group by c.discipline
          ), placed_people as (
            -- The people placed now, under each of their disciplines; contract hours split equally over them.
            select m.user_id, d.discipline, m.contracted_hours_per_week / cardinality(m.disciplines) as hours
            from active_team_memberships m join users u on u.id = m.user_id cross join unnest(m.disciplines) as d(discipline)
            where m.team_id = ${teamId} and m.role in ('coordinator', 'member') and u.is_active
          ), placed as (
            select discipline, count(distinct user_id)::int as people, coalesce(sum(hours), 0) as hours from placed_people group by discipline
          ), registered as (
            -- Registered hours under the disciplines of the person's terms in that week (split equally over
            -- several), else the discipline copied at registration.
            select coalesce(d.discipline, r.discipline) as discipline,
                   sum((r.individual_hours + r.collective_hours + r.meeting_hours + r.workgroup_hours + r.other_hours)
                       / greatest(coalesce(cardinality(p.disciplines), 1), 1)) as hours
            from time_registrations r
            left join lateral (
              select x.disciplines from team_membership_periods x
              where x.team_id = r.team_id and x.user_id = r.user_id and cardinality(x.disciplines) > 0
                and period_overlaps(x.valid_from, x.valid_to, r.week_start, r.week_start + 6)
              order by x.valid_from limit 1
            ) p on true
            left join lateral unnest(p.disciplines) as d(discipline) on true
            where r.team_id = ${teamId} and r.week_start between ${first}::date and ${last}::date
              and coalesce(d.discipline, r.discipline) is not null
            group by 1
          )
          select d.discipline, coalesce(a.hours, 0)::text as agreed, coalesce(p.people, 0) as people, coalesce(p.hours, 0)::text as contracted,
                 coalesce(r.hours, 0)::text as registered, (select count(distinct user_id)::int from placed_people) as persons
          from (select discipline from agreed union select discipline from placed union select discipline from registered) d
          left join agreed a using (discipline) left join placed p using (discipline) left join registered r using (discipline)`,
    ),
  );
  const byName = new Map(rows.map((r) => [r.discipline, r]));
  const order = [...DISCIPLINES, ...[...byName.keys()].filter((d) => !(DISCIPLINES as readonly string[]).includes(d)).sort((a, b) => a.localeCompare(b, "nl"))];
  const out: DisciplineRow[] = order.map((discipline) => {
    const r = byName.get(discipline);
    const agreed = Number(r?.agreed ?? 0);
    const registered = round1(Number(r?.registered ?? 0) / weeks);
    const people = r?.people ?? 0;
    return {
      discipline,
      agreed,
      people,
      contracted: Number(r?.contracted ?? 0),
      registered,
      gap: round1(registered - agreed),
      short: agreed > 0 && (people === 0 || registered < agreed * 0.9),
    };
  });
  const sum = (k: "agreed" | "contracted" | "registered" | "people") => round1(out.reduce((a, r) => a + r[k], 0));
  return {
    weeks,
    from: first,
    to: addDays(last, 6),
    rows: out,
    // A person with two disciplines counts once in the total.
    totals: { agreed: sum("agreed"), contracted: sum("contracted"), registered: sum("registered"), people: rows[0]?.persons ?? 0 },
  };
}
