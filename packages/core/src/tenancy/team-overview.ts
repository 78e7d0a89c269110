// What a team's home page shows: its current buurten and its people.
import { ForbiddenError, accessibleWhere, as } from "@wijkwerk/authz";
import {
  and,
  asc,
  buurtAssignments,
  buurten,
  eq,
  gte,
  isNull,
  lte,
  or,
  partnerOrganisations,
  sql,
  activeTeamMemberships as teamMemberships,
  users,
  withScope,
} from "@wijkwerk/db";
import type { TeamContext } from "../common";

export interface TeamMemberRow {
  membershipId: string;
  userId: string;
  name: string;
  email: string | null;
  role: "coordinator" | "member" | "volunteer";
  partner: string | null;
  discipline: string | null;
  contractedHoursPerWeek: string | null;
  /** The disciplines/roles the person fills in this team now (several possible). */
  disciplines: string[];
  seconded: boolean;
  secondedTo: string | null;
  memberSince: string;
}

/** Buurten assigned to the team on a date (default today), from the effective-dated history. */
export async function listTeamBuurten(ctx: TeamContext, onDate?: string) {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("BuurtAssignment", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
  const day = onDate ? sql`${onDate}::date` : sql`current_date`;
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select({ id: buurten.id, name: buurten.name, residents: buurten.residents, validFrom: buurtAssignments.validFrom })
      .from(buurtAssignments)
      .innerJoin(buurten, eq(buurten.id, buurtAssignments.buurtId))
      .where(and(lte(buurtAssignments.validFrom, day), or(isNull(buurtAssignments.validTo), gte(buurtAssignments.validTo, day))))
      .orderBy(asc(buurten.name)),
  );
}

export async function listTeamMembers(ctx: TeamContext): Promise<TeamMemberRow[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Membership", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
  // Contract details only for those whose ability covers every field.
  const seesContracts = ctx.ability.can("read", as("Membership", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }), "contractedHoursPerWeek");
  const rows = await withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select({
        membershipId: teamMemberships.id,
        userId: users.id,
        name: users.name,
        email: users.email,
        role: teamMemberships.role,
        partner: partnerOrganisations.name,
        discipline: users.discipline,
        contractedHoursPerWeek: teamMemberships.contractedHoursPerWeek,
        disciplines: teamMemberships.disciplines,
        seconded: teamMemberships.seconded,
        secondedTo: teamMemberships.secondedTo,
        memberSince: teamMemberships.memberSince,
      })
      .from(teamMemberships)
      .innerJoin(users, eq(users.id, teamMemberships.userId))
      .leftJoin(partnerOrganisations, eq(partnerOrganisations.id, users.partnerOrganisationId))
      .where(
        and(
          accessibleWhere(ctx.ability, "read", "Membership", {
            teamId: teamMemberships.teamId,
            municipalityId: teamMemberships.municipalityId,
            role: teamMemberships.role,
          }),
          eq(users.isActive, true),
        ),
      )
      .orderBy(sql`case ${teamMemberships.role} when 'coordinator' then 0 when 'member' then 1 else 2 end`, asc(users.name)),
  );
  return rows.map((r) => (seesContracts ? r : { ...r, email: null, contractedHoursPerWeek: null, seconded: false, secondedTo: null }));
}
