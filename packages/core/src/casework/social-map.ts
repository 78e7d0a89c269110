// The sociale kaart (issue 15): a city-wide directory of providers and their
// offers, per kanteling layer and life domain, with the buurten they serve.
// Every professional of the municipality reads it (coordinators, members,
// the functional admin, the controller); coordinators and the functional
// admin keep it. It holds no resident data: a directory, nothing more.
//
// RLS (migration 0030) lets a write through in the admin scope or for a
// team's coordinator (app_team_role(), team scope). A coordinator reaches
// the kaart through the municipality-wide checkpoint, so a write runs in the
// team scope of one of the teams they coordinate (keeperScope).
import { ForbiddenError, as } from "@wijkwerk/authz";
import { eq, queryRows, socialMapOffers, socialMapProviders, sql, withScope, type Scope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, hasForbiddenCharacter, invalidInput, isUniqueIndexViolation, notFound } from "../common";
import { ALL_ZRM_DOMAINS, KANTELING_LAYERS, type KantelingLayer, type ZrmDomain } from "./vocabulary";

export const SOCIAL_MAP_PAGE_SIZE = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A text field: trimmed, no NUL or lone surrogate, at most `max` characters (each failure its own Dutch field error). */
const text = (max: number, min = 0) =>
  z
    .string()
    .default("")
    .transform((s) => s.trim())
    .superRefine((s, c) => {
      if (hasForbiddenCharacter(s)) c.addIssue({ code: "custom", params: { code: "invalid_character" } });
      else if (min > 0 && s.length === 0) c.addIssue({ code: "custom", params: { code: "required" } });
      else if (s.length < min) c.addIssue({ code: "custom", params: { code: "social_map_too_short" } });
      else if (s.length > max) c.addIssue({ code: "custom", params: { code: "social_map_too_long" } });
    });

/** Dutch phone numbers as people write them: 043-350 50 50, +31 43 350 5050, 0800-8115 (6–15 digits). */
export const isPhone = (s: string) => /^\+?[0-9][0-9 ()./-]*$/.test(s) && s.replace(/\D/g, "").length >= 4 && s.replace(/\D/g, "").length <= 15;
export const isEmail = (s: string) => s.length <= 254 && /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[a-z]{2,}$/i.test(s);
export function isWebsite(s: string): boolean {
  if (s.length > 300 || /\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === "https:" || u.protocol === "http:") && /\.[a-z]{2,}$/i.test(u.hostname) && !u.username && !u.password;
  } catch {
    return false;
  }
}

const formatted = (max: number, valid: (s: string) => boolean, code: "social_map_phone_invalid" | "social_map_email_invalid" | "social_map_website_invalid") =>
  text(max).superRefine((s, c) => {
    if (s && !hasForbiddenCharacter(s) && s.length <= max && !valid(s)) c.addIssue({ code: "custom", params: { code } });
  });

const layer = z.enum(KANTELING_LAYERS, { message: "required" }).or(z.literal("").transform(() => undefined));
const lifeDomains = z
  .array(z.enum(ALL_ZRM_DOMAINS as [ZrmDomain, ...ZrmDomain[]]))
  .max(ALL_ZRM_DOMAINS.length)
  .default([])
  .transform((a) => [...new Set(a)]);

const requiredLayer = layer.superRefine((v, c) => {
  if (!v) c.addIssue({ code: "custom", params: { code: "required" } });
});

export const providerInput = z.object({
  name: text(120, 2),
  kind: text(80, 2),
  description: text(2000),
  layer: requiredLayer,
  lifeDomains,
  buurtIds: z
    .array(z.string().regex(UUID))
    .max(200)
    .default([])
    .transform((a) => [...new Set(a)]),
  address: text(200),
  phone: formatted(40, isPhone, "social_map_phone_invalid"),
  email: formatted(254, isEmail, "social_map_email_invalid"),
  website: formatted(300, isWebsite, "social_map_website_invalid"),
  hours: text(500),
  /** The buurtinitiatief this entry is (issue 19); empty for none. */
  initiativeId: z
    .union([z.string().regex(UUID), z.literal("")])
    .nullish()
    .transform((s) => s || null),
});
/** As a form sends it; the use case validates every field (providerInput). */
export interface ProviderInput {
  name?: string;
  kind?: string;
  description?: string;
  layer?: string;
  lifeDomains?: string[];
  buurtIds?: string[];
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
  hours?: string;
  initiativeId?: string | null;
}

export const offerInput = z.object({
  name: text(120, 2),
  description: text(1000),
  layer: requiredLayer,
  lifeDomains,
});
export interface OfferInput {
  name?: string;
  description?: string;
  layer?: string;
  lifeDomains?: string[];
}

const subject = (ctx: UseCaseContext) => as("SocialMap", { municipalityId: ctx.actor.municipalityId });

/** Whether the viewer keeps the kaart (coordinator or functional admin). */
export const canKeepSocialMap = (ctx: Pick<UseCaseContext, "ability" | "actor">) =>
  ctx.ability.can("update", as("SocialMap", { municipalityId: ctx.actor.municipalityId }));

/**
 * The scope a keeper writes in: the admin scope as is; a coordinator's own
 * team scope when they already work in one, else that of a team they
 * coordinate (the database checks app_team_role() = 'coordinator').
 */
export function keeperScope(ctx: UseCaseContext): Scope {
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", subject(ctx));
  const { scope, grants, actor } = ctx;
  if (scope.kind === "admin") return scope;
  if (scope.kind === "team" && grants.teamRoles.some((r) => r.teamId === scope.teamId && r.role === "coordinator")) return scope;
  const coordinated = grants.teamRoles.find((r) => r.role === "coordinator");
  if (coordinated) return { kind: "team", municipalityId: actor.municipalityId, teamId: coordinated.teamId, userId: actor.userId };
  if (grants.scopeRoles.some((r) => r.role === "admin")) return { kind: "admin", municipalityId: actor.municipalityId, userId: actor.userId };
  throw new DomainError("forbidden", 403);
}

const auditTeam = (scope: Scope) => (scope.kind === "team" ? scope.teamId : null);

async function checkBuurten(tx: Tx, buurtIds: string[]): Promise<void> {
  if (!buurtIds.length) return;
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from buurten where municipality_id = (select app_municipality()) and id = any(${`{${buurtIds.join(",")}}`}::uuid[])`,
  );
  if (n !== buurtIds.length) throw new DomainError("invalid_input", 400, { buurtIds: ["social_map_buurt_unknown"] });
}

/** A linked buurtinitiatief must be one of the municipality's (readable in the keeper's scope). */
async function checkInitiative(tx: Tx, initiativeId: string | null): Promise<void> {
  if (!initiativeId) return;
  const [found] = await queryRows<{ id: string }>(
    tx,
    sql`select id from neighbourhood_initiatives where id = ${initiativeId} and municipality_id = (select app_municipality())`,
  );
  if (!found) throw new DomainError("invalid_input", 400, { initiativeId: ["arrangement_initiative_unknown"] });
}

const nameTaken = () => new DomainError("name_taken", 409, { name: ["name_taken"] });

export async function createProvider(ctx: UseCaseContext, raw: ProviderInput): Promise<{ id: string }> {
  const scope = keeperScope(ctx);
  const parsed = providerInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  const id = crypto.randomUUID();
  try {
    await withScope(ctx.db, scope, async (tx) => {
      await checkBuurten(tx, v.buurtIds);
      await checkInitiative(tx, v.initiativeId);
      await tx.insert(socialMapProviders).values({
        id,
        municipalityId: ctx.actor.municipalityId,
        ...providerColumns(v),
        createdBy: ctx.actor.userId,
      });
      await appendAudit(tx, {
        municipalityId: ctx.actor.municipalityId,
        teamId: auditTeam(scope),
        actor: ctx.actor,
        action: "casework.social_map_provider_created",
        objectType: "social_map_provider",
        objectId: id,
        meta: ctx.meta,
        data: { name: v.name, layer: v.layer, initiativeId: v.initiativeId },
      });
    });
  } catch (e) {
    if (isUniqueIndexViolation(e, "social_map_providers_name")) throw nameTaken();
    throw e;
  }
  return { id };
}

/** The provider's columns from checked input, the same for creating and updating. */
function providerColumns(v: z.output<typeof providerInput>) {
  return {
    name: v.name,
    kind: v.kind,
    description: v.description,
    layer: v.layer!,
    lifeDomains: v.lifeDomains,
    buurtIds: v.buurtIds,
    address: v.address,
    phone: v.phone,
    email: v.email,
    website: v.website,
    hours: v.hours,
    initiativeId: v.initiativeId,
  };
}

export async function updateProvider(ctx: UseCaseContext, providerId: string, raw: ProviderInput): Promise<void> {
  const scope = keeperScope(ctx);
  if (!UUID.test(providerId)) throw notFound();
  const parsed = providerInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  try {
    await withScope(ctx.db, scope, async (tx) => {
      const [row] = await tx.select().from(socialMapProviders).where(eq(socialMapProviders.id, providerId)).for("update");
      if (!row) throw notFound();
      await checkBuurten(tx, v.buurtIds);
      // A link the entry already has is kept even when the initiative has ended.
      if (v.initiativeId !== row.initiativeId) await checkInitiative(tx, v.initiativeId);
      await tx
        .update(socialMapProviders)
        .set({
          ...providerColumns(v),
          updatedAt: sql`now()`,
        })
        .where(eq(socialMapProviders.id, providerId));
      const changed = (Object.keys(v) as (keyof typeof v)[]).filter((k) => JSON.stringify(v[k]) !== JSON.stringify(row[k]));
      await appendAudit(tx, {
        municipalityId: ctx.actor.municipalityId,
        teamId: auditTeam(scope),
        actor: ctx.actor,
        action: "casework.social_map_provider_updated",
        objectType: "social_map_provider",
        objectId: providerId,
        meta: ctx.meta,
        data: { name: v.name, changed },
      });
    });
  } catch (e) {
    if (isUniqueIndexViolation(e, "social_map_providers_name")) throw nameTaken();
    throw e;
  }
}

/** Archives a provider (it leaves the search and the picker; existing arrangements keep pointing to it) or takes it back. */
export async function setProviderArchived(ctx: UseCaseContext, providerId: string, archived: boolean): Promise<void> {
  const scope = keeperScope(ctx);
  if (!UUID.test(providerId)) throw notFound();
  await withScope(ctx.db, scope, async (tx) => {
    const [row] = await tx
      .update(socialMapProviders)
      .set({ archivedAt: archived ? sql`coalesce(archived_at, now())` : null, updatedAt: sql`now()` })
      .where(eq(socialMapProviders.id, providerId))
      .returning({ name: socialMapProviders.name });
    if (!row) throw notFound();
    await appendAudit(tx, {
      municipalityId: ctx.actor.municipalityId,
      teamId: auditTeam(scope),
      actor: ctx.actor,
      action: archived ? "casework.social_map_provider_archived" : "casework.social_map_provider_restored",
      objectType: "social_map_provider",
      objectId: providerId,
      meta: ctx.meta,
      data: { name: row.name },
    });
  });
}

export async function addOffer(ctx: UseCaseContext, providerId: string, raw: OfferInput): Promise<{ id: string }> {
  const scope = keeperScope(ctx);
  if (!UUID.test(providerId)) throw notFound();
  const parsed = offerInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  const id = crypto.randomUUID();
  await withScope(ctx.db, scope, async (tx) => {
    const [provider] = await tx.select({ id: socialMapProviders.id }).from(socialMapProviders).where(eq(socialMapProviders.id, providerId));
    if (!provider) throw notFound();
    await tx.insert(socialMapOffers).values({
      id,
      municipalityId: ctx.actor.municipalityId,
      providerId,
      name: v.name,
      description: v.description,
      layer: v.layer!,
      lifeDomains: v.lifeDomains,
    });
    await appendAudit(tx, {
      municipalityId: ctx.actor.municipalityId,
      teamId: auditTeam(scope),
      actor: ctx.actor,
      action: "casework.social_map_offer_created",
      objectType: "social_map_offer",
      objectId: id,
      meta: ctx.meta,
      data: { providerId, name: v.name, layer: v.layer },
    });
  });
  return { id };
}

export async function updateOffer(ctx: UseCaseContext, offerId: string, raw: OfferInput): Promise<void> {
  const scope = keeperScope(ctx);
  if (!UUID.test(offerId)) throw notFound();
  const parsed = offerInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  await withScope(ctx.db, scope, async (tx) => {
    const [row] = await tx
      .update(socialMapOffers)
      .set({ name: v.name, description: v.description, layer: v.layer!, lifeDomains: v.lifeDomains, updatedAt: sql`now()` })
      .where(eq(socialMapOffers.id, offerId))
      .returning({ providerId: socialMapOffers.providerId });
    if (!row) throw notFound();
    await appendAudit(tx, {
      municipalityId: ctx.actor.municipalityId,
      teamId: auditTeam(scope),
      actor: ctx.actor,
      action: "casework.social_map_offer_updated",
      objectType: "social_map_offer",
      objectId: offerId,
      meta: ctx.meta,
      data: { providerId: row.providerId, name: v.name, layer: v.layer },
    });
  });
}

export async function setOfferArchived(ctx: UseCaseContext, offerId: string, archived: boolean): Promise<void> {
  const scope = keeperScope(ctx);
  if (!UUID.test(offerId)) throw notFound();
  await withScope(ctx.db, scope, async (tx) => {
    const [row] = await tx
      .update(socialMapOffers)
      .set({ archivedAt: archived ? sql`coalesce(archived_at, now())` : null, updatedAt: sql`now()` })
      .where(eq(socialMapOffers.id, offerId))
      .returning({ providerId: socialMapOffers.providerId, name: socialMapOffers.name });
    if (!row) throw notFound();
    await appendAudit(tx, {
      municipalityId: ctx.actor.municipalityId,
      teamId: auditTeam(scope),
      actor: ctx.actor,
      action: archived ? "casework.social_map_offer_archived" : "casework.social_map_offer_restored",
      objectType: "social_map_offer",
      objectId: offerId,
      meta: ctx.meta,
      data: { providerId: row.providerId, name: row.name },
    });
  });
}

// ── Reading ─────────────────────────────────────────────────────────────

export interface SocialMapFilter {
  q?: string;
  layer?: string;
  lifeDomain?: string;
  buurtId?: string;
  page?: number;
}

export interface ProviderListItem {
  id: string;
  name: string;
  kind: string;
  layer: KantelingLayer;
  lifeDomains: ZrmDomain[];
  /** Names of the buurten served; empty = the whole city. */
  buurten: string[];
  description: string;
  phone: string;
  website: string;
  offers: { id: string; name: string; layer: KantelingLayer }[];
  /** The buurtinitiatief this entry is (issue 19). */
  initiative: LinkedInitiative | null;
}

/** A buurtinitiatief as the kaart shows it: name, buurt, whether it has ended. */
export interface LinkedInitiative {
  id: string;
  name: string;
  buurtName: string;
  endedOn: string | null;
}

const initiativeJson = (column: ReturnType<typeof sql>) =>
  sql`(select json_build_object('id', i.id, 'name', i.name, 'buurtName', b.name, 'endedOn', i.ended_on::text)
        from neighbourhood_initiatives i join buurten b on b.id = i.buurt_id where i.id = ${column})`;

/** The filter as the search understands it: unknown values are dropped (a stale link shows everything rather than failing). */
export function normaliseFilter(f: SocialMapFilter) {
  const q = (f.q ?? "")
    // eslint-disable-next-line no-control-regex -- control characters (tabs, newlines, NUL) become spaces in a search
    .replace(/[\u0000-\u001f]/g, " ")
    .trim()
    .slice(0, 200);
  return {
    q: hasForbiddenCharacter(q) ? "" : q,
    layer: (KANTELING_LAYERS as readonly string[]).includes(f.layer ?? "") ? (f.layer as KantelingLayer) : undefined,
    lifeDomain: (ALL_ZRM_DOMAINS as readonly string[]).includes(f.lifeDomain ?? "") ? (f.lifeDomain as ZrmDomain) : undefined,
    buurtId: f.buurtId && UUID.test(f.buurtId) ? f.buurtId : undefined,
    page: Math.max(1, Math.min(10_000, Math.floor(f.page ?? 1) || 1)),
  };
}

/**
 * Searches the kaart in Dutch (to_tsvector('dutch', …), like the workgroup
 * search: "schulden" finds "schuldhulp…" by its stem) over the provider's
 * name, kind and description and its offers; filters by layer and life
 * domain (of the provider or one of its offers) and by buurt (providers for
 * the whole city always serve it). Best match first, then by name; paginated.
 */
export async function searchSocialMap(ctx: UseCaseContext, raw: SocialMapFilter = {}) {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", subject(ctx));
  const f = normaliseFilter(raw);
  const offset = (f.page - 1) * SOCIAL_MAP_PAGE_SIZE;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const found = sql`
      with query as (select case when ${f.q} = '' then null else websearch_to_tsquery('dutch', ${f.q}) end as tsq),
      docs as (
        select p.*,
          setweight(to_tsvector('dutch', p.name || ' ' || p.kind), 'A') || setweight(to_tsvector('dutch', p.description), 'B')
          || setweight(to_tsvector('dutch', coalesce((select string_agg(o.name || ' ' || o.description, ' ') from social_map_offers o
               where o.provider_id = p.id and o.archived_at is null), '')), 'B') as doc
        from social_map_providers p
        where p.archived_at is null
          ${f.layer ? sql`and (p.layer = ${f.layer} or exists (select 1 from social_map_offers o where o.provider_id = p.id and o.archived_at is null and o.layer = ${f.layer}))` : sql``}
          ${f.lifeDomain ? sql`and (${f.lifeDomain} = any(p.life_domains) or exists (select 1 from social_map_offers o where o.provider_id = p.id and o.archived_at is null and ${f.lifeDomain} = any(o.life_domains)))` : sql``}
          ${f.buurtId ? sql`and (cardinality(p.buurt_ids) = 0 or ${f.buurtId}::uuid = any(p.buurt_ids))` : sql``}
      ),
      found as (select docs.*, case when query.tsq is null then 0 else ts_rank(docs.doc, query.tsq) end as rank
        from docs, query where query.tsq is null or docs.doc @@ query.tsq)`;
    const [{ total }] = await queryRows<{ total: number }>(tx, sql`${found} select count(*)::int as total from found`);
    const items = await queryRows<ProviderListItem>(
      tx,
      sql`${found}
        select f.id, f.name, f.kind, f.layer, f.life_domains as "lifeDomains", f.description, f.phone, f.website,
          coalesce((select array_agg(b.name order by b.name) from buurten b where b.id = any(f.buurt_ids)), '{}') as buurten,
          coalesce((select json_agg(json_build_object('id', o.id, 'name', o.name, 'layer', o.layer) order by lower(o.name))
            from social_map_offers o where o.provider_id = f.id and o.archived_at is null), '[]') as offers,
          ${initiativeJson(sql`f.initiative_id`)} as initiative
        from found f order by f.rank desc, lower(f.name), f.id
        limit ${SOCIAL_MAP_PAGE_SIZE} offset ${offset}`,
    );
    return { filter: f, items, total, page: f.page, pages: Math.max(1, Math.ceil(total / SOCIAL_MAP_PAGE_SIZE)) };
  });
}

export interface ProviderDetail {
  id: string;
  name: string;
  kind: string;
  description: string;
  layer: KantelingLayer;
  lifeDomains: ZrmDomain[];
  buurtIds: string[];
  buurten: string[];
  address: string;
  phone: string;
  email: string;
  website: string;
  hours: string;
  archived: boolean;
  updatedAt: string;
  offers: { id: string; name: string; description: string; layer: KantelingLayer; lifeDomains: ZrmDomain[]; archived: boolean }[];
  initiative: LinkedInitiative | null;
}

/** One provider with its offers (archived ones too: the keeper may restore them; readers see them marked). 404 when unknown. */
export async function getProvider(ctx: UseCaseContext, providerId: string): Promise<ProviderDetail & { canKeep: boolean }> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", subject(ctx));
  if (!UUID.test(providerId)) throw notFound();
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [p] = await queryRows<ProviderDetail>(
      tx,
      sql`select p.id, p.name, p.kind, p.description, p.layer, p.life_domains as "lifeDomains", p.buurt_ids as "buurtIds",
            coalesce((select array_agg(b.name order by b.name) from buurten b where b.id = any(p.buurt_ids)), '{}') as buurten,
            p.address, p.phone, p.email, p.website, p.hours, p.archived_at is not null as archived, p.updated_at::text as "updatedAt",
            coalesce((select json_agg(json_build_object('id', o.id, 'name', o.name, 'description', o.description, 'layer', o.layer,
                 'lifeDomains', o.life_domains, 'archived', o.archived_at is not null) order by (o.archived_at is not null), lower(o.name))
               from social_map_offers o where o.provider_id = p.id), '[]') as offers,
            ${initiativeJson(sql`p.initiative_id`)} as initiative
          from social_map_providers p where p.id = ${providerId}`,
    );
    if (!p) throw notFound();
    return { ...p, canKeep: canKeepSocialMap(ctx) };
  });
}

export interface PickerProvider {
  id: string;
  name: string;
  layer: KantelingLayer;
  offers: { id: string; name: string; layer: KantelingLayer }[];
}

/**
 * The providers an arrangement can be picked from (the plan's form): the
 * active ones, with their active offers; with a layer, those of that layer
 * or with an offer in it (then only those offers). By name.
 */
export async function listProvidersForPicker(ctx: UseCaseContext, opts: { layer?: KantelingLayer } = {}): Promise<PickerProvider[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", subject(ctx));
  const l = opts.layer && (KANTELING_LAYERS as readonly string[]).includes(opts.layer) ? opts.layer : undefined;
  return withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<PickerProvider>(
      tx,
      sql`select p.id, p.name, p.layer,
            coalesce((select json_agg(json_build_object('id', o.id, 'name', o.name, 'layer', o.layer) order by lower(o.name))
              from social_map_offers o where o.provider_id = p.id and o.archived_at is null ${l ? sql`and o.layer = ${l}` : sql``}), '[]') as offers
          from social_map_providers p
          where p.archived_at is null
            ${l ? sql`and (p.layer = ${l} or exists (select 1 from social_map_offers o where o.provider_id = p.id and o.archived_at is null and o.layer = ${l}))` : sql``}
          order by lower(p.name)`,
    ),
  );
}

/** The name the brief's plan slice asks for; the same list. */
export const pickProviders = listProvidersForPicker;

/** The buurten of the municipality, for the kaart's filter and form (name order). */
export async function socialMapBuurten(ctx: UseCaseContext): Promise<{ id: string; name: string }[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", subject(ctx));
  return withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<{ id: string; name: string }>(tx, sql`select id, name from buurten where municipality_id = (select app_municipality()) order by name`),
  );
}
