// The coordinator's discipline matrix: per discipline, the hours per week the
// partners agreed for this team (agreements valid today), the contract hours
// of the people placed now, and the hours per week actually registered over
// the last completed weeks — with the gap against the agreed mix. One query.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, withScope } from "@wijkwerk/db";
import { type TeamContext, amsterdamDay } from "../common";
import { DISCIPLINES } from "./partner-agreements";
import { addDays, addWeeks, currentMonday } from "./time-registration";

export interface DisciplineRow {
  discipline: string;
  /** Agreed hours per week (sum over the partners' agreements valid today). */
  agreed: number;
  /** People placed in the team now with this discipline, and their contract hours per week. */
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
    queryRows<{ discipline: string; agreed: string; people: number; contracted: string; registered: string }>(
      tx,
      sql`with agreed as (
            select c.discipline, sum(c.hours_per_week) as hours
            from agreement_contributions c join partner_agreements a on a.id = c.agreement_id
            where c.team_id = ${teamId} and a.valid_from <= ${today}::date and (a.valid_to is null or a.valid_to >= ${today}::date)
            group by c.discipline
          ), placed as (
            select u.discipline, count(*)::int as people, coalesce(sum(m.contracted_hours_per_week), 0) as hours
            from team_memberships m join users u on u.id = m.user_id
            where m.team_id = ${teamId} and m.role in ('coordinator', 'member') and u.is_active and u.discipline is not null
            group by u.discipline
          ), registered as (
            select r.discipline, sum(r.individual_hours + r.collective_hours + r.meeting_hours + r.workgroup_hours + r.other_hours) as hours
            from time_registrations r
            where r.team_id = ${teamId} and r.week_start between ${first}::date and ${last}::date and r.discipline is not null
            group by r.discipline
          )
          select d.discipline, coalesce(a.hours, 0)::text as agreed, coalesce(p.people, 0) as people, coalesce(p.hours, 0)::text as contracted,
                 coalesce(r.hours, 0)::text as registered
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
    totals: { agreed: sum("agreed"), contracted: sum("contracted"), registered: sum("registered"), people: sum("people") },
  };
}
