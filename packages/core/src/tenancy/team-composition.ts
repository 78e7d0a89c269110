// Who was in a team in a given month, with which hours, roles and secondment:
// every period of terms that overlaps the month (a change mid-month gives two
// rows for one person), clipped to the month. Reads team_membership_periods,
// so RLS decides as for the memberships themselves (team, admin scope).
import { ForbiddenError, as, type TeamRole } from "@wijkwerk/authz";
import { queryRows, sql, withScope } from "@wijkwerk/db";
import { type UseCaseContext, DomainError } from "../common";

export interface CompositionRow {
  membershipId: string;
  userId: string;
  name: string;
  role: TeamRole;
  contractedHoursPerWeek: number | null;
  disciplines: string[];
  seconded: boolean;
  secondedTo: string | null;
  /** The days of the month these terms applied (inclusive). */
  from: string;
  to: string;
}

/** month: "yyyy-mm". */
export async function teamCompositionInMonth(ctx: UseCaseContext, teamId: string, month: string): Promise<CompositionRow[]> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new DomainError("invalid_input", 400, { month: ["invalid_input"] });
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Membership", { municipalityId, teamId }));
  const first = `${month}-01`;
  const rows = await withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<Omit<CompositionRow, "contractedHoursPerWeek"> & { contractedHoursPerWeek: string | null }>(
      tx,
      sql`select p.id as "membershipId", p.user_id as "userId", u.name, p.role, p.contracted_hours_per_week as "contractedHoursPerWeek",
                 p.disciplines, p.seconded, p.seconded_to as "secondedTo",
                 greatest(p.valid_from, ${first}::date)::text as "from",
                 least(coalesce(p.valid_to - 1, 'infinity'::date), (${first}::date + interval '1 month' - interval '1 day')::date)::text as "to"
          from team_membership_periods p join users u on u.id = p.user_id
          where p.team_id = ${teamId} and p.municipality_id = ${municipalityId}
            and period_overlaps(p.valid_from, p.valid_to, ${first}::date, (${first}::date + interval '1 month' - interval '1 day')::date)
          order by case p.role when 'coordinator' then 0 when 'member' then 1 else 2 end, u.name, p.valid_from`,
    ),
  );
  return rows.map((r) => ({ ...r, contractedHoursPerWeek: r.contractedHoursPerWeek === null ? null : Number(r.contractedHoursPerWeek) }));
}
