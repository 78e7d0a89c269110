// Partner organisations, managed by the functional admin: list with the
// number of staff, read, create and edit (name and slug unique within the
// municipality, kind free text, funding type). Each change is one admin-scope
// transaction with its audit event (a field diff).
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, asc, eq, ne, partnerOrganisations, sql, withScope, type Queryable } from "@wijkwerk/db";
import { z } from "zod";
import { fieldDiff, notFoundUnlessUuid, slugSchema, writeWithUniqueSlug } from "../tenancy";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, invalidInput } from "../common";

export const FUNDING_TYPES = ["subsidy", "service_agreement", "municipality"] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];

export const partnerInput = z.object({
  name: z.string().trim().min(2).max(100),
  slug: slugSchema,
  kind: z.string().trim().min(1).max(200),
  fundingType: z.enum(FUNDING_TYPES),
});
export type PartnerInput = z.input<typeof partnerInput>;

export interface PartnerRow {
  id: string;
  slug: string;
  name: string;
  kind: string;
  fundingType: FundingType;
  /** Active accounts of people employed by the organisation. */
  staffCount: number;
}

function parse(raw: PartnerInput) {
  const parsed = partnerInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/**
 * Name (case-insensitive) and slug must be free. The name has no unique index,
 * so writers of one municipality's partners take a transaction lock first.
 */
async function assertUnique(tx: Queryable, municipalityId: string, input: { name: string; slug: string }, exceptId?: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`partners:${municipalityId}`}, 0))`);
  const others = await tx
    .select({ name: partnerOrganisations.name, slug: partnerOrganisations.slug })
    .from(partnerOrganisations)
    .where(
      and(
        eq(partnerOrganisations.municipalityId, municipalityId),
        sql`(lower(${partnerOrganisations.name}) = lower(${input.name}) or ${partnerOrganisations.slug} = ${input.slug})`,
        exceptId ? ne(partnerOrganisations.id, exceptId) : undefined,
      ),
    );
  const fieldErrors: Record<string, ["name_taken"] | ["slug_taken"]> = {};
  if (others.some((o) => o.name.toLowerCase() === input.name.toLowerCase())) fieldErrors.name = ["name_taken"];
  if (others.some((o) => o.slug === input.slug)) fieldErrors.slug = ["slug_taken"];
  if (fieldErrors.name || fieldErrors.slug) throw new DomainError(fieldErrors.name ? "name_taken" : "slug_taken", 409, fieldErrors);
}

function partnerColumns() {
  return {
    id: partnerOrganisations.id,
    slug: partnerOrganisations.slug,
    name: partnerOrganisations.name,
    kind: partnerOrganisations.kind,
    fundingType: partnerOrganisations.fundingType,
    staffCount: sql<number>`(select count(*)::int from users u where u.partner_organisation_id = "partner_organisations"."id" and u.is_active)`,
  };
}

export async function listPartners(ctx: UseCaseContext): Promise<PartnerRow[]> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("Partner", { municipalityId }));
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select(partnerColumns())
      .from(partnerOrganisations)
      .where(eq(partnerOrganisations.municipalityId, municipalityId))
      .orderBy(asc(partnerOrganisations.name)),
  );
}

/** One partner of the actor's municipality; another municipality's is not found. */
export async function getPartner(ctx: UseCaseContext, id: string): Promise<PartnerRow> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("Partner", { municipalityId }));
  notFoundUnlessUuid(id);
  const [row] = await withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select(partnerColumns())
      .from(partnerOrganisations)
      .where(and(eq(partnerOrganisations.id, id), eq(partnerOrganisations.municipalityId, municipalityId))),
  );
  if (!row) throw new DomainError("not_found", 404);
  return row;
}

export async function createPartner(ctx: UseCaseContext, raw: PartnerInput): Promise<{ id: string; slug: string }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("Partner", { municipalityId }));
  const input = parse(raw);
  return writeWithUniqueSlug(ctx, "partners_municipality_slug", async (tx) => {
    await assertUnique(tx, municipalityId, input);
    const [row] = await tx
      .insert(partnerOrganisations)
      .values({ municipalityId, ...input })
      .returning({ id: partnerOrganisations.id, slug: partnerOrganisations.slug });
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "partner.created",
      objectType: "partner",
      objectId: row.id,
      meta: ctx.meta,
      data: { ...input },
    });
    return row;
  });
}

/** Edits a partner; the row is locked so concurrent edits apply one after the other. */
export async function updatePartner(ctx: UseCaseContext, id: string, raw: PartnerInput): Promise<{ id: string; slug: string; changed: string[] }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", as("Partner", { municipalityId }));
  notFoundUnlessUuid(id);
  const input = parse(raw);
  return writeWithUniqueSlug(ctx, "partners_municipality_slug", async (tx) => {
    const [current] = await tx
      .select()
      .from(partnerOrganisations)
      .where(and(eq(partnerOrganisations.id, id), eq(partnerOrganisations.municipalityId, municipalityId)))
      .for("update");
    if (!current) throw new DomainError("not_found", 404);
    const diff = fieldDiff(current, input);
    if (Object.keys(diff).length === 0) return { id, slug: current.slug, changed: [] };
    if (diff.name || diff.slug) await assertUnique(tx, municipalityId, input, id);
    await tx.update(partnerOrganisations).set(input).where(eq(partnerOrganisations.id, id));
    await appendAudit(tx, { municipalityId, actor: ctx.actor, action: "partner.updated", objectType: "partner", objectId: id, meta: ctx.meta, data: diff });
    return { id, slug: input.slug, changed: Object.keys(diff) };
  });
}
