// Buurten and their effective-dated assignment to teams. History is never
// rewritten: a reassignment ends the open assignment the day before the new
// one starts. Both dates are inclusive; valid_to NULL means "until further notice".
import { calendarDate, type UseCaseContext, DomainError, invalidInput, type ErrorCode } from "../common";
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, asc, buurtAssignments, buurten, eq, ilike, isNull, sql, teams, withScope, type Queryable } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";

const isoDate = calendarDate();

export interface BuurtRow {
  id: string;
  name: string;
  residents: number | null;
  currentTeam: string | null;
  nextTeam: string | null;
  nextFrom: string | null;
}

function requireManage(ctx: UseCaseContext) {
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("BuurtAssignment", { municipalityId: ctx.actor.municipalityId }));
}

/** Every buurt with its team today and a scheduled change, if any. */
export async function listBuurten(ctx: UseCaseContext, search = ""): Promise<BuurtRow[]> {
  requireManage(ctx);
  const municipalityId = ctx.actor.municipalityId;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await tx
      .select({
        id: buurten.id,
        name: buurten.name,
        residents: buurten.residents,
        currentTeam: sql<string | null>`(select t.name from buurt_assignments a join teams t on t.id = a.team_id
          where a.buurt_id = "buurten"."id" and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date) limit 1)`,
        nextTeam: sql<string | null>`(select t.name from buurt_assignments a join teams t on t.id = a.team_id
          where a.buurt_id = "buurten"."id" and a.valid_from > current_date order by a.valid_from limit 1)`,
        nextFrom: sql<string | null>`(select a.valid_from::text from buurt_assignments a
          where a.buurt_id = "buurten"."id" and a.valid_from > current_date order by a.valid_from limit 1)`,
      })
      .from(buurten)
      .where(and(eq(buurten.municipalityId, municipalityId), search ? ilike(buurten.name, `%${search.replace(/[\\%_]/g, "\\$&")}%`) : undefined))
      .orderBy(asc(buurten.name));
    return rows;
  });
}

export interface AssignmentHistoryRow {
  id: string;
  teamId: string;
  teamName: string;
  validFrom: string;
  validTo: string | null;
}

export async function getBuurt(ctx: UseCaseContext, buurtId: string) {
  requireManage(ctx);
  if (!z.string().uuid().safeParse(buurtId).success) throw new DomainError("not_found", 404);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [buurt] = await tx
      .select()
      .from(buurten)
      .where(and(eq(buurten.id, buurtId), eq(buurten.municipalityId, ctx.actor.municipalityId)));
    if (!buurt) throw new DomainError("not_found", 404);
    return { buurt: { id: buurt.id, name: buurt.name, residents: buurt.residents }, history: await historyOf(tx, buurt.id) };
  });
}

async function historyOf(q: Queryable, buurtId: string): Promise<AssignmentHistoryRow[]> {
  return q
    .select({ id: buurtAssignments.id, teamId: teams.id, teamName: teams.name, validFrom: buurtAssignments.validFrom, validTo: buurtAssignments.validTo })
    .from(buurtAssignments)
    .innerJoin(teams, eq(teams.id, buurtAssignments.teamId))
    .where(eq(buurtAssignments.buurtId, buurtId))
    .orderBy(asc(buurtAssignments.validFrom));
}

export const reassignInput = z.object({ teamId: z.string().uuid(), validFrom: isoDate });

function invalid(field: string, code: ErrorCode = "invalid_input"): never {
  throw new DomainError(code, 400, { [field]: [code] });
}

/** The day before an ISO date, as an ISO date. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function activeTeamOn(q: Queryable, municipalityId: string, teamId: string, day: string) {
  const [team] = await q
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(
      and(
        eq(teams.id, teamId),
        eq(teams.municipalityId, municipalityId),
        sql`${teams.activeFrom} <= ${day}::date`,
        sql`(${teams.activeTo} is null or ${teams.activeTo} >= ${day}::date)`,
      ),
    );
  return team ?? null;
}

/**
 * Moves a buurt to another team from a date. The buurt row is locked, so two
 * admins changing the same buurt at once are serialised and the second sees
 * the first's result; the new start must lie after the open assignment's start.
 */
export async function reassignBuurt(ctx: UseCaseContext, buurtId: string, raw: z.input<typeof reassignInput>): Promise<AssignmentHistoryRow[]> {
  requireManage(ctx);
  const parsed = reassignInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { teamId, validFrom } = parsed.data;
  const municipalityId = ctx.actor.municipalityId;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [buurt] = await tx
      .select()
      .from(buurten)
      .where(and(eq(buurten.id, buurtId), eq(buurten.municipalityId, municipalityId)))
      .for("update");
    if (!buurt) throw new DomainError("not_found", 404);
    const team = await activeTeamOn(tx, municipalityId, teamId, validFrom);
    if (!team) invalid("teamId", "assignment_team_inactive");
    const [open] = await tx
      .select()
      .from(buurtAssignments)
      .where(and(eq(buurtAssignments.buurtId, buurt.id), isNull(buurtAssignments.validTo)));
    if (open) {
      if (validFrom <= open.validFrom) invalid("validFrom", "assignment_date_invalid");
      if (open.teamId === teamId) invalid("teamId", "assignment_same_team");
      await tx
        .update(buurtAssignments)
        .set({ validTo: dayBefore(validFrom) })
        .where(eq(buurtAssignments.id, open.id));
    } else {
      // A buurt without an open assignment: the new one must start after the last one ended.
      const [{ lastEnd }] = await tx
        .select({ lastEnd: sql<string | null>`max(${buurtAssignments.validTo})::text` })
        .from(buurtAssignments)
        .where(eq(buurtAssignments.buurtId, buurt.id));
      if (lastEnd && validFrom <= lastEnd) invalid("validFrom", "assignment_overlap");
    }
    await tx.insert(buurtAssignments).values({ municipalityId, buurtId: buurt.id, teamId, validFrom });
    const fromTeam = open ? ((await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, open.teamId)))[0]?.name ?? null) : null;
    await appendAudit(tx, {
      municipalityId,
      teamId,
      actor: ctx.actor,
      action: "buurt.reassigned",
      objectType: "buurt",
      objectId: buurt.id,
      meta: ctx.meta,
      data: { buurt: buurt.name, fromTeam, toTeam: team.name, validFrom },
    });
    return historyOf(tx, buurt.id);
  });
}

export const createBuurtInput = z.object({
  name: z.string().trim().min(2).max(100),
  residents: z.coerce.number().int().min(0).max(1_000_000).nullish(),
  teamId: z.string().uuid(),
  validFrom: isoDate,
});

/** A new buurt and its first assignment, in one transaction. */
export async function createBuurt(ctx: UseCaseContext, raw: z.input<typeof createBuurtInput>): Promise<{ id: string }> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("Buurt", { municipalityId: ctx.actor.municipalityId }));
  requireManage(ctx);
  const parsed = createBuurtInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const municipalityId = ctx.actor.municipalityId;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [taken] = await tx
      .select({ id: buurten.id })
      .from(buurten)
      .where(and(eq(buurten.municipalityId, municipalityId), sql`lower(${buurten.name}) = lower(${input.name})`));
    if (taken) invalid("name", "name_taken");
    const team = await activeTeamOn(tx, municipalityId, input.teamId, input.validFrom);
    if (!team) invalid("teamId", "assignment_team_inactive");
    const [buurt] = await tx
      .insert(buurten)
      .values({ municipalityId, name: input.name, residents: input.residents ?? null })
      .returning({ id: buurten.id });
    await tx.insert(buurtAssignments).values({ municipalityId, buurtId: buurt.id, teamId: input.teamId, validFrom: input.validFrom });
    await appendAudit(tx, {
      municipalityId,
      teamId: input.teamId,
      actor: ctx.actor,
      action: "buurt.created",
      objectType: "buurt",
      objectId: buurt.id,
      meta: ctx.meta,
      data: { buurt: input.name, team: team.name, validFrom: input.validFrom },
    });
    return buurt;
  });
}
