// Municipality-wide overview for the controller and admin: aggregates per
// team, no names. Runs on the owner connection after the ability check,
// because the municipality scope has no RLS access to team rows; only counts
// and sums leave this function.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql } from "@wijkwerk/db";
import type { UseCaseContext } from "../common";

export interface TeamAggregate {
  slug: string;
  name: string;
  buurten: number;
  coordinators: number;
  members: number;
  volunteers: number;
  contractedHours: number;
}

export async function municipalityOverview(ctx: UseCaseContext): Promise<TeamAggregate[]> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("MunicipalityOverview", { municipalityId }));
  const rows = await queryRows<{
    slug: string;
    name: string;
    buurten: string;
    coordinators: string;
    members: string;
    volunteers: string;
    hours: string | null;
  }>(
    ctx.db,
    sql`select t.slug, t.name,
          (select count(*) from buurt_assignments a where a.team_id = t.id and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)) as buurten,
          count(m.id) filter (where m.role = 'coordinator') as coordinators,
          count(m.id) filter (where m.role = 'member') as members,
          count(m.id) filter (where m.role = 'volunteer') as volunteers,
          coalesce(sum(m.contracted_hours_per_week), 0) as hours
        from teams t
        left join active_team_memberships m on m.team_id = t.id
        where t.municipality_id = ${municipalityId} and (t.active_to is null or t.active_to >= current_date)
        group by t.id, t.municipality_id order by t.name`,
  );
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    buurten: Number(r.buurten),
    coordinators: Number(r.coordinators),
    members: Number(r.members),
    volunteers: Number(r.volunteers),
    contractedHours: Number(r.hours),
  }));
}
