// Reference lists for forms (teams, partner organisations) of the actor's
// municipality: names only, readable in every scope.
import { and, asc, eq, gte, isNull, or, partnerOrganisations, sql, teams, withScope } from "@wijkwerk/db";
import type { UseCaseContext } from "../common";

export interface Option {
  id: string;
  name: string;
}

/** Teams active today. */
export async function listTeamOptions(ctx: UseCaseContext): Promise<Option[]> {
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.municipalityId, ctx.actor.municipalityId), or(isNull(teams.activeTo), gte(teams.activeTo, sql`current_date`))))
      .orderBy(asc(teams.name)),
  );
}

export async function listPartnerOptions(ctx: UseCaseContext): Promise<Option[]> {
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select({ id: partnerOrganisations.id, name: partnerOrganisations.name })
      .from(partnerOrganisations)
      .where(eq(partnerOrganisations.municipalityId, ctx.actor.municipalityId))
      .orderBy(asc(partnerOrganisations.name)),
  );
}
