// Teams, managed by the functional admin: list (ended teams included), read,
// create and edit name, slug, description and active period. Every change
// runs in one admin-scope transaction with its audit event (a field diff).
import { calendarDate, type UseCaseContext, DomainError, invalidInput, isUniqueIndexViolation } from "../common";
import { RESIDENT_REF_PREFIX_PATTERN, defaultResidentRefPrefix } from "../workbudget";
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, asc, eq, ne, sql, teams, withScope, type Queryable, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";

/** Lowercase letters, digits and single hyphens between them (used in URLs). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 60;

const isoDate = calendarDate();

export const slugSchema = z.string().trim().min(1).max(SLUG_MAX_LENGTH).regex(SLUG_PATTERN);

export const teamInput = z
  .object({
    name: z.string().trim().min(2).max(100),
    slug: slugSchema,
    description: z
      .string()
      .trim()
      .max(2000)
      .nullish()
      .transform((v) => v ?? ""),
    activeFrom: isoDate,
    activeTo: z
      .union([isoDate, z.literal(""), z.null()])
      .optional()
      .transform((v) => (v ? v : null)),
    /** The resident pseudonyms' prefix (MB for MB-014); empty: derived from the slug on create, unchanged on edit. */
    residentRefPrefix: z
      .string()
      .trim()
      .toUpperCase()
      .nullish()
      .transform((v) => v || null)
      .refine((v) => v === null || RESIDENT_REF_PREFIX_PATTERN.test(v)),
  })
  .superRefine((v, ctx) => {
    // ISO dates compare correctly as strings.
    if (v.activeTo && v.activeTo < v.activeFrom) ctx.addIssue({ code: "custom", path: ["activeTo"], params: { code: "date_range_invalid" } });
  });
export type TeamInput = z.input<typeof teamInput>;

export interface TeamRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  activeFrom: string;
  activeTo: string | null;
  residentRefPrefix: string | null;
  /** Buurten assigned to the team today. */
  buurtCount: number;
  memberCount: number;
}

export type TeamDetail = TeamRow;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is simply not found (never a database error). */
export function notFoundUnlessUuid(id: string): void {
  if (!UUID.test(id)) throw new DomainError("not_found", 404);
}

/** {field: [old, new]} for the fields that changed. */
export function fieldDiff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const old = before[key] ?? null;
    const next = after[key] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(next)) diff[key] = [old, next];
  }
  return diff;
}

function parse(raw: TeamInput) {
  const parsed = teamInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

const slugTaken = () => new DomainError("slug_taken", 409, { slug: ["slug_taken"] });

/**
 * Runs an admin's write in the actor's scope. When two admins claim the same
 * slug at once, both pass the check before writing: the unique index decides
 * and the other gets slug_taken, as if the check had caught it.
 */
export async function writeWithUniqueSlug<T>(ctx: UseCaseContext, slugIndex: string, write: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await withScope(ctx.db, ctx.scope, write);
  } catch (e) {
    if (isUniqueIndexViolation(e, slugIndex)) throw slugTaken();
    throw e;
  }
}

async function assertSlugFree(tx: Queryable, municipalityId: string, slug: string, exceptId?: string) {
  const [other] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.municipalityId, municipalityId), eq(teams.slug, slug), exceptId ? ne(teams.id, exceptId) : undefined));
  if (other) throw slugTaken();
}

function teamColumns() {
  return {
    id: teams.id,
    slug: teams.slug,
    name: teams.name,
    description: teams.description,
    activeFrom: teams.activeFrom,
    activeTo: teams.activeTo,
    residentRefPrefix: teams.residentRefPrefix,
    buurtCount: sql<number>`(select count(*)::int from buurt_assignments ba
      where ba.team_id = "teams"."id" and ba.valid_from <= current_date and (ba.valid_to is null or ba.valid_to >= current_date))`,
    memberCount: sql<number>`(select count(*)::int from active_team_memberships tm where tm.team_id = "teams"."id")`,
  };
}

/** All teams of the municipality, ended ones included, by name. */
export async function listTeams(ctx: UseCaseContext): Promise<TeamRow[]> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("Team", { municipalityId }));
  return withScope(ctx.db, ctx.scope, (tx) => tx.select(teamColumns()).from(teams).where(eq(teams.municipalityId, municipalityId)).orderBy(asc(teams.name)));
}

/** One team of the actor's municipality; another municipality's team is not found. */
export async function getTeam(ctx: UseCaseContext, id: string): Promise<TeamDetail> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("Team", { municipalityId }));
  notFoundUnlessUuid(id);
  const [team] = await withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select(teamColumns())
      .from(teams)
      .where(and(eq(teams.id, id), eq(teams.municipalityId, municipalityId))),
  );
  if (!team) throw new DomainError("not_found", 404);
  return team;
}

export async function createTeam(ctx: UseCaseContext, raw: TeamInput): Promise<{ id: string; slug: string }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("Team", { municipalityId }));
  const parsed = parse(raw);
  const input = { ...parsed, residentRefPrefix: parsed.residentRefPrefix ?? defaultResidentRefPrefix(parsed.slug) };
  return writeWithUniqueSlug(ctx, "teams_municipality_slug", async (tx) => {
    await assertSlugFree(tx, municipalityId, input.slug);
    const [row] = await tx
      .insert(teams)
      .values({
        municipalityId,
        slug: input.slug,
        name: input.name,
        description: input.description,
        activeFrom: input.activeFrom,
        activeTo: input.activeTo,
        residentRefPrefix: input.residentRefPrefix,
      })
      .returning({ id: teams.id, slug: teams.slug });
    await appendAudit(tx, {
      municipalityId,
      teamId: row.id,
      actor: ctx.actor,
      action: "team.created",
      objectType: "team",
      objectId: row.id,
      meta: ctx.meta,
      data: { ...input },
    });
    return row;
  });
}

/** Edits a team; the row is locked so concurrent edits apply one after the other, each with a correct diff. */
export async function updateTeam(ctx: UseCaseContext, id: string, raw: TeamInput): Promise<{ id: string; slug: string; changed: string[] }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", as("Team", { municipalityId }));
  notFoundUnlessUuid(id);
  const input = parse(raw);
  return writeWithUniqueSlug(ctx, "teams_municipality_slug", async (tx) => {
    const [current] = await tx
      .select()
      .from(teams)
      .where(and(eq(teams.id, id), eq(teams.municipalityId, municipalityId)))
      .for("update");
    if (!current) throw new DomainError("not_found", 404);
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", as("Team", { municipalityId: current.municipalityId, id: current.id }));
    // Left empty on edit: the prefix stays as it is.
    input.residentRefPrefix ??= current.residentRefPrefix;
    const diff = fieldDiff(current, input);
    if (Object.keys(diff).length === 0) return { id, slug: current.slug, changed: [] };
    if (diff.slug) await assertSlugFree(tx, municipalityId, input.slug, id);
    await tx
      .update(teams)
      .set({
        slug: input.slug,
        name: input.name,
        description: input.description,
        activeFrom: input.activeFrom,
        activeTo: input.activeTo,
        residentRefPrefix: input.residentRefPrefix,
      })
      .where(eq(teams.id, id));
    await appendAudit(tx, {
      municipalityId,
      teamId: id,
      actor: ctx.actor,
      action: "team.updated",
      objectType: "team",
      objectId: id,
      meta: ctx.meta,
      data: diff,
    });
    return { id, slug: input.slug, changed: Object.keys(diff) };
  });
}
