// The one plan of a household (1 Gezin 1 Plan 1 Regisseur): goals per life
// domain with their type, and arrangements per kanteling layer that serve
// them (several goals each). The support that already existed at intake is
// recorded the same way and marked `existing`. Providers come from the
// sociale kaart where listed, otherwise by name. Case notes: no privacy
// guard (they never leave the case team); audit data holds ids and counts only.
import { ForbiddenError, as } from "@wijkwerk/authz";
import {
  and,
  asc,
  buurten,
  buurtserviceEntries,
  buurtserviceMatches,
  caseArrangementGoals,
  caseArrangements,
  caseGoals,
  caseInvolved,
  eq,
  inArray,
  isNotNull,
  isNull,
  ne,
  or,
  socialMapOffers,
  socialMapProviders,
  households,
  teams,
  neighbourhoodInitiatives,
  spendRequests,
  users,
  withScope,
  desc,
  type Tx,
} from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit, type AuditAction } from "../audit";
import { DomainError, calendarDate, invalidInput, notFound, type TeamContext } from "../common";
import { withCaseRead, withCaseWrite, type HouseholdHead } from "./access";
import { currentCase, openCase } from "./current-case";
import {
  ALL_ZRM_DOMAINS,
  ARRANGEMENT_STATUSES,
  GOAL_STATUSES,
  GOAL_TYPES,
  KANTELING_LAYERS,
  MATCH_LAYERS,
  type KantelingLayer,
  type ZrmDomain,
} from "./vocabulary";
import { alias } from "drizzle-orm/pg-core";

const uuid = z.string().uuid();

export const goalInput = z.object({
  lifeDomain: z.enum(ALL_ZRM_DOMAINS as [ZrmDomain, ...ZrmDomain[]]),
  description: z.string().trim().min(1).max(2000),
  goalType: z.enum(GOAL_TYPES),
  status: z.enum(GOAL_STATUSES).default("open"),
});
export type GoalInput = z.input<typeof goalInput>;

export const arrangementInput = z
  .object({
    layer: z.enum(KANTELING_LAYERS),
    existing: z.boolean().default(false),
    providerId: uuid.nullish(),
    offerId: uuid.nullish(),
    /** A provider not on the sociale kaart (or the resident's own network). */
    providerName: z.string().trim().max(200).default(""),
    description: z.string().trim().max(2000).default(""),
    startsOn: calendarDate().nullish(),
    endsOn: calendarDate().nullish(),
    status: z.enum(ARRANGEMENT_STATUSES).default("planned"),
    goalIds: z.array(uuid).max(50).default([]),
    /** A Buurtservice match of the case's team: own strength and social network layers only (issue 19). */
    buurtserviceMatchId: uuid.nullish(),
    /** A buurtinitiatief of the municipality, in any layer (issue 19). */
    initiativeId: uuid.nullish(),
  })
  .refine((v) => !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn, { path: ["endsOn"], params: { code: "date_range_invalid" } })
  .refine((v) => !v.offerId || v.providerId, { path: ["offerId"] })
  .refine((v) => !v.buurtserviceMatchId || (MATCH_LAYERS as readonly string[]).includes(v.layer), {
    path: ["buurtserviceMatchId"],
    params: { code: "arrangement_match_layer" },
  });
export type ArrangementInput = z.input<typeof arrangementInput>;

export async function caseAudit(
  tx: Tx,
  ctx: TeamContext,
  head: HouseholdHead,
  action: AuditAction,
  objectType: string,
  objectId: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await appendAudit(tx, {
    municipalityId: ctx.team.municipalityId,
    teamId: ctx.team.id,
    actor: ctx.actor,
    action,
    objectType,
    objectId,
    meta: ctx.meta,
    data: { householdId: head.id, ...data },
  });
}

function parse<T extends z.ZodTypeAny>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

// ── Goals ────────────────────────────────────────────────────────────────

export async function addGoal(ctx: TeamContext, householdId: string, raw: GoalInput): Promise<{ id: string }> {
  const v = parse(goalInput, raw);
  return withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCase(tx, head.id);
    const [row] = await tx
      .insert(caseGoals)
      .values({ municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, caseId: c.id, householdId: head.id, ...v })
      .returning({ id: caseGoals.id });
    await caseAudit(tx, ctx, head, "casework.goal_added", "case_goal", row.id, { caseId: c.id });
    return row;
  });
}

export async function updateGoal(ctx: TeamContext, householdId: string, goalId: string, raw: GoalInput): Promise<void> {
  const v = parse(goalInput, raw);
  if (!uuid.safeParse(goalId).success) throw notFound();
  await withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCase(tx, head.id);
    const done = await tx
      .update(caseGoals)
      .set({ ...v, updatedAt: new Date() })
      .where(and(eq(caseGoals.id, goalId), eq(caseGoals.caseId, c.id)))
      .returning({ id: caseGoals.id });
    if (done.length === 0) throw notFound();
    await caseAudit(tx, ctx, head, "casework.goal_updated", "case_goal", goalId, { caseId: c.id });
  });
}

// ── Arrangements ─────────────────────────────────────────────────────────

/** The provider and offer, when picked from the sociale kaart: they must exist (RLS: this municipality) and belong together. */
async function checkProvider(tx: Tx, v: z.output<typeof arrangementInput>): Promise<void> {
  if (!v.providerId) return;
  const [p] = await tx.select({ id: socialMapProviders.id }).from(socialMapProviders).where(eq(socialMapProviders.id, v.providerId));
  if (!p) throw new DomainError("invalid_input", 400, { providerId: ["provider_unknown"] });
  if (v.offerId) {
    const [o] = await tx
      .select({ id: socialMapOffers.id })
      .from(socialMapOffers)
      .where(and(eq(socialMapOffers.id, v.offerId), eq(socialMapOffers.providerId, v.providerId)));
    if (!o) throw new DomainError("invalid_input", 400, { offerId: ["provider_unknown"] });
  }
}

/**
 * The Buurtservice match and the buurtinitiatief an arrangement points to
 * (issue 19). A match must be one of the case team's own (RLS shows no other
 * team's match; the team id is checked as well) and the viewer must be allowed
 * to read the team's Buurtservice; an initiative must be one of the
 * municipality's. A link the arrangement already has is kept as it is, even
 * when its match or initiative has ended or (after a transfer) belongs to
 * another team: the link survives, only a new one is checked.
 */
async function checkNeighbourhoodLinks(
  tx: Tx,
  ctx: TeamContext,
  v: z.output<typeof arrangementInput>,
  current: { buurtserviceMatchId: string | null; initiativeId: string | null } | null,
): Promise<void> {
  if (v.buurtserviceMatchId && v.buurtserviceMatchId !== current?.buurtserviceMatchId) {
    const mayRead = ctx.ability.can("read", as("BuurtserviceMatch", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
    const [m] = mayRead
      ? await tx
          .select({ id: buurtserviceMatches.id })
          .from(buurtserviceMatches)
          .where(and(eq(buurtserviceMatches.id, v.buurtserviceMatchId), eq(buurtserviceMatches.teamId, ctx.team.id)))
      : [];
    if (!m) throw new DomainError("arrangement_match_unknown", 400, { buurtserviceMatchId: ["arrangement_match_unknown"] });
  }
  if (v.initiativeId && v.initiativeId !== current?.initiativeId) {
    const [i] = await tx
      .select({ id: neighbourhoodInitiatives.id })
      .from(neighbourhoodInitiatives)
      .where(and(eq(neighbourhoodInitiatives.id, v.initiativeId), eq(neighbourhoodInitiatives.municipalityId, ctx.team.municipalityId)));
    if (!i) throw new DomainError("arrangement_initiative_unknown", 400, { initiativeId: ["arrangement_initiative_unknown"] });
  }
}

/** The goals an arrangement serves must be goals of the same case. */
async function checkGoals(tx: Tx, caseId: string, goalIds: string[]): Promise<string[]> {
  const unique = [...new Set(goalIds)];
  if (unique.length === 0) return unique;
  const found = await tx
    .select({ id: caseGoals.id })
    .from(caseGoals)
    .where(and(inArray(caseGoals.id, unique), eq(caseGoals.caseId, caseId)));
  if (found.length !== unique.length) throw new DomainError("goal_other_case", 400, { goalIds: ["goal_other_case"] });
  return unique;
}

async function linkGoals(tx: Tx, ctx: TeamContext, householdId: string, arrangementId: string, goalIds: string[]) {
  await tx.delete(caseArrangementGoals).where(eq(caseArrangementGoals.arrangementId, arrangementId));
  if (goalIds.length)
    await tx
      .insert(caseArrangementGoals)
      .values(goalIds.map((goalId) => ({ municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, householdId, arrangementId, goalId })));
}

const arrangementValues = (v: z.output<typeof arrangementInput>) => ({
  layer: v.layer,
  existing: v.existing,
  providerId: v.providerId ?? null,
  offerId: v.offerId ?? null,
  providerName: v.providerId ? "" : v.providerName,
  description: v.description,
  startsOn: v.startsOn ?? null,
  endsOn: v.endsOn ?? null,
  status: v.status,
  buurtserviceMatchId: v.buurtserviceMatchId ?? null,
  initiativeId: v.initiativeId ?? null,
});

const linkAudit = (v: z.output<typeof arrangementInput>) => ({
  buurtserviceMatchId: v.buurtserviceMatchId ?? null,
  initiativeId: v.initiativeId ?? null,
});

export async function addArrangement(ctx: TeamContext, householdId: string, raw: ArrangementInput): Promise<{ id: string }> {
  const v = parse(arrangementInput, raw);
  return withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCase(tx, head.id);
    await checkProvider(tx, v);
    await checkNeighbourhoodLinks(tx, ctx, v, null);
    const goalIds = await checkGoals(tx, c.id, v.goalIds);
    const [row] = await tx
      .insert(caseArrangements)
      .values({ municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, caseId: c.id, householdId: head.id, ...arrangementValues(v) })
      .returning({ id: caseArrangements.id });
    await linkGoals(tx, ctx, head.id, row.id, goalIds);
    await caseAudit(tx, ctx, head, "casework.arrangement_added", "case_arrangement", row.id, { caseId: c.id, goals: goalIds.length, ...linkAudit(v) });
    return row;
  });
}

export async function updateArrangement(ctx: TeamContext, householdId: string, arrangementId: string, raw: ArrangementInput): Promise<void> {
  const v = parse(arrangementInput, raw);
  if (!uuid.safeParse(arrangementId).success) throw notFound();
  await withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCase(tx, head.id);
    await checkProvider(tx, v);
    const [current] = await tx
      .select({ buurtserviceMatchId: caseArrangements.buurtserviceMatchId, initiativeId: caseArrangements.initiativeId })
      .from(caseArrangements)
      .where(and(eq(caseArrangements.id, arrangementId), eq(caseArrangements.caseId, c.id)))
      .for("update");
    if (!current) throw notFound();
    await checkNeighbourhoodLinks(tx, ctx, v, current);
    const goalIds = await checkGoals(tx, c.id, v.goalIds);
    const done = await tx
      .update(caseArrangements)
      .set({ ...arrangementValues(v), updatedAt: new Date() })
      .where(and(eq(caseArrangements.id, arrangementId), eq(caseArrangements.caseId, c.id)))
      .returning({ id: caseArrangements.id });
    if (done.length === 0) throw notFound();
    await linkGoals(tx, ctx, head.id, arrangementId, goalIds);
    await caseAudit(tx, ctx, head, "casework.arrangement_updated", "case_arrangement", arrangementId, {
      caseId: c.id,
      goals: goalIds.length,
      ...linkAudit(v),
    });
  });
}

// ── Reading the plan ─────────────────────────────────────────────────────

export interface PlanGoal {
  id: string;
  lifeDomain: ZrmDomain;
  description: string;
  goalType: string;
  status: string;
  arrangementIds: string[];
}

export interface PlanArrangement {
  id: string;
  layer: KantelingLayer;
  existing: boolean;
  providerId: string | null;
  offerId: string | null;
  /** The kaart's provider (and offer) name, or the free name. */
  provider: string;
  offer: string | null;
  providerName: string;
  description: string;
  startsOn: string | null;
  endsOn: string | null;
  status: string;
  goalIds: string[];
  /**
   * The Buurtservice match it points to; `visible` false when the match is
   * not the viewer's team's (the household was transferred): then only that
   * there is a link shows.
   */
  match: PlanMatchLink | null;
  /** The buurtinitiatief it points to, active or ended. */
  initiative: PlanInitiativeLink | null;
}

export type PlanMatchLink =
  | { id: string; visible: true; status: string; requestId: string; requestPseudonym: string; offerPseudonym: string; buurtName: string; reciprocal: boolean }
  | { id: string; visible: false };

export interface PlanInitiativeLink {
  id: string;
  name: string;
  buurtName: string;
  teamName: string;
  endedOn: string | null;
}

export interface Plan {
  caseId: string | null;
  caseStatus: "open" | "closed" | null;
  regisseur: { id: string; name: string } | null;
  involved: { id: string; name: string }[];
  goals: PlanGoal[];
  /** New support in this plan. */
  arrangements: PlanArrangement[];
  /** Support the household already had at intake. */
  existing: PlanArrangement[];
  canEdit: boolean;
}

/** The open (or latest) case's plan: regisseur, involved, goals with their arrangements, arrangements with their goals, existing support apart. */
export async function getPlan(ctx: TeamContext, householdId: string): Promise<Plan> {
  return withCaseRead(ctx, householdId, "plan", async (tx, head) => {
    const c = await currentCase(tx, head.id);
    const canEdit = ctx.ability.can("update", as("Case", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId, access: head.access }));
    if (!c) return { caseId: null, caseStatus: null, regisseur: null, involved: [], goals: [], arrangements: [], existing: [], canEdit: false };
    const [regisseur] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, c.regisseurId));
    const involved = await tx
      .select({ id: users.id, name: users.name })
      .from(caseInvolved)
      .innerJoin(users, eq(users.id, caseInvolved.userId))
      .where(eq(caseInvolved.caseId, c.id))
      .orderBy(asc(users.name));
    const goals = await tx.select().from(caseGoals).where(eq(caseGoals.caseId, c.id)).orderBy(asc(caseGoals.createdAt));
    const arrangements = await tx
      .select({ a: caseArrangements, provider: socialMapProviders.name, offer: socialMapOffers.name })
      .from(caseArrangements)
      .leftJoin(socialMapProviders, eq(socialMapProviders.id, caseArrangements.providerId))
      .leftJoin(socialMapOffers, eq(socialMapOffers.id, caseArrangements.offerId))
      .where(eq(caseArrangements.caseId, c.id))
      .orderBy(asc(caseArrangements.createdAt));
    const matches = await linkedMatches(
      tx,
      ctx,
      arrangements.map(({ a }) => a.buurtserviceMatchId),
    );
    const initiatives = await linkedInitiatives(
      tx,
      arrangements.map(({ a }) => a.initiativeId),
    );
    const links = await tx
      .select({ arrangementId: caseArrangementGoals.arrangementId, goalId: caseArrangementGoals.goalId })
      .from(caseArrangementGoals)
      .innerJoin(caseGoals, eq(caseGoals.id, caseArrangementGoals.goalId))
      .where(eq(caseGoals.caseId, c.id));
    const all: PlanArrangement[] = arrangements.map(({ a, provider, offer }) => ({
      id: a.id,
      layer: a.layer as KantelingLayer,
      existing: a.existing,
      providerId: a.providerId,
      offerId: a.offerId,
      provider: provider ?? a.providerName,
      offer: offer ?? null,
      providerName: a.providerName,
      description: a.description,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      status: a.status,
      goalIds: links.filter((l) => l.arrangementId === a.id).map((l) => l.goalId),
      match: a.buurtserviceMatchId ? (matches.get(a.buurtserviceMatchId) ?? { id: a.buurtserviceMatchId, visible: false }) : null,
      initiative: a.initiativeId ? (initiatives.get(a.initiativeId) ?? null) : null,
    }));
    return {
      caseId: c.id,
      caseStatus: c.status,
      regisseur: regisseur ?? null,
      involved,
      goals: goals.map((g) => ({
        id: g.id,
        lifeDomain: g.lifeDomain as ZrmDomain,
        description: g.description,
        goalType: g.goalType,
        status: g.status,
        arrangementIds: links.filter((l) => l.goalId === g.id).map((l) => l.arrangementId),
      })),
      arrangements: all.filter((a) => !a.existing),
      existing: all.filter((a) => a.existing),
      canEdit: canEdit && c.status === "open",
    };
  });
}

const requestEntries = alias(buurtserviceEntries, "request_entries");
const offerEntries = alias(buurtserviceEntries, "offer_entries");

/** The team's Buurtservice matches with both pseudonyms and the buurt (the plan's links and its choice list). */
function teamMatches(tx: Tx, teamId: string, where?: ReturnType<typeof inArray>) {
  return tx
    .select({
      id: buurtserviceMatches.id,
      status: buurtserviceMatches.status,
      reciprocal: buurtserviceMatches.reciprocal,
      requestId: buurtserviceMatches.requestId,
      requestPseudonym: requestEntries.pseudonym,
      offerPseudonym: offerEntries.pseudonym,
      buurtName: buurten.name,
    })
    .from(buurtserviceMatches)
    .innerJoin(requestEntries, eq(requestEntries.id, buurtserviceMatches.requestId))
    .innerJoin(offerEntries, eq(offerEntries.id, buurtserviceMatches.offerId))
    .innerJoin(buurten, eq(buurten.id, buurtserviceMatches.buurtId))
    .where(and(eq(buurtserviceMatches.teamId, teamId), where))
    .$dynamic();
}

/** The linked matches the viewer's team may read (RLS and the team id): pseudonyms, buurt, status. */
async function linkedMatches(tx: Tx, ctx: TeamContext, ids: (string | null)[]): Promise<Map<string, PlanMatchLink>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length || !ctx.ability.can("read", as("BuurtserviceMatch", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }))) return new Map();
  const rows = await teamMatches(tx, ctx.team.id, inArray(buurtserviceMatches.id, wanted));
  return new Map(rows.map((r) => [r.id, { ...r, visible: true as const }]));
}

async function linkedInitiatives(tx: Tx, ids: (string | null)[]): Promise<Map<string, PlanInitiativeLink>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await tx
    .select({
      id: neighbourhoodInitiatives.id,
      name: neighbourhoodInitiatives.name,
      endedOn: neighbourhoodInitiatives.endedOn,
      buurtName: buurten.name,
      teamName: teams.name,
    })
    .from(neighbourhoodInitiatives)
    .innerJoin(buurten, eq(buurten.id, neighbourhoodInitiatives.buurtId))
    .innerJoin(teams, eq(teams.id, neighbourhoodInitiatives.teamId))
    .where(inArray(neighbourhoodInitiatives.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface NeighbourhoodChoices {
  /** The team's Buurtservice matches, running ones first (empty for a viewer without Buurtservice). */
  matches: { id: string; label: string; status: string; buurtName: string }[];
  /** The municipality's buurtinitiatieven, active ones first. */
  initiatives: { id: string; name: string; buurtName: string; endedOn: string | null }[];
}

/**
 * What an arrangement can point to in the neighbourhood (issue 19): the case
 * team's own Buurtservice matches (pseudonyms only) and every buurtinitiatief
 * of the municipality. Nothing of a household goes the other way.
 */
export async function neighbourhoodChoicesForPlan(ctx: TeamContext): Promise<NeighbourhoodChoices> {
  const mayMatches = ctx.ability.can("read", as("BuurtserviceMatch", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
  const mayInitiatives = ctx.ability.can("read", as("NeighbourhoodInitiative", { municipalityId: ctx.team.municipalityId }));
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const matches = mayMatches
      ? await teamMatches(tx, ctx.team.id)
          .orderBy(asc(isNotNull(buurtserviceMatches.endedAt)), desc(buurtserviceMatches.createdAt))
          .limit(300)
      : [];
    const initiatives = mayInitiatives
      ? await tx
          .select({ id: neighbourhoodInitiatives.id, name: neighbourhoodInitiatives.name, buurtName: buurten.name, endedOn: neighbourhoodInitiatives.endedOn })
          .from(neighbourhoodInitiatives)
          .innerJoin(buurten, eq(buurten.id, neighbourhoodInitiatives.buurtId))
          .where(eq(neighbourhoodInitiatives.municipalityId, ctx.team.municipalityId))
          .orderBy(asc(isNotNull(neighbourhoodInitiatives.endedOn)), asc(neighbourhoodInitiatives.name))
          .limit(500)
      : [];
    return {
      matches: matches.map((m) => ({ id: m.id, status: m.status, buurtName: m.buurtName, label: `${m.requestPseudonym} – ${m.offerPseudonym}` })),
      initiatives,
    };
  });
}

export interface ProviderChoice {
  id: string;
  name: string;
  layer: KantelingLayer;
  offers: { id: string; name: string; layer: KantelingLayer }[];
}

/** The sociale kaart's providers (not archived) with their offers, optionally of one layer: the list an arrangement's provider is picked from. */
export async function providerChoicesForPlan(ctx: TeamContext, layer?: KantelingLayer | null): Promise<ProviderChoice[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("SocialMap", { municipalityId: ctx.team.municipalityId }));
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const providers = await tx
      .select({ id: socialMapProviders.id, name: socialMapProviders.name, layer: socialMapProviders.layer })
      .from(socialMapProviders)
      .where(and(isNull(socialMapProviders.archivedAt), layer ? eq(socialMapProviders.layer, layer) : undefined))
      .orderBy(asc(socialMapProviders.name));
    const offers = providers.length
      ? await tx
          .select({ id: socialMapOffers.id, name: socialMapOffers.name, layer: socialMapOffers.layer, providerId: socialMapOffers.providerId })
          .from(socialMapOffers)
          .where(
            and(
              isNull(socialMapOffers.archivedAt),
              inArray(
                socialMapOffers.providerId,
                providers.map((p) => p.id),
              ),
            ),
          )
          .orderBy(asc(socialMapOffers.name))
      : [];
    return providers.map((p) => ({
      id: p.id,
      name: p.name,
      layer: p.layer as KantelingLayer,
      offers: offers.filter((o) => o.providerId === p.id).map((o) => ({ id: o.id, name: o.name, layer: o.layer as KantelingLayer })),
    }));
  });
}

// ── The household's workbudget spends ────────────────────────────────────

export interface HouseholdSpend {
  id: string;
  number: number;
  amountCents: number;
  status: string;
  purpose: string;
}

/** The spend requests that point to this household (read as part 'spends' of the file). */
export async function getHouseholdSpends(ctx: TeamContext, householdId: string): Promise<HouseholdSpend[]> {
  return withCaseRead(ctx, householdId, "spends", (tx, head) =>
    tx
      .select({
        id: spendRequests.id,
        number: spendRequests.number,
        amountCents: spendRequests.amountCents,
        status: spendRequests.status,
        purpose: spendRequests.purpose,
      })
      .from(spendRequests)
      // Someone else's draft is not yet a request (as in the workbudget's own lists).
      .where(
        and(
          eq(spendRequests.householdId, head.id),
          eq(spendRequests.teamId, ctx.team.id),
          or(ne(spendRequests.status, "draft"), eq(spendRequests.authorId, ctx.actor.userId)),
        ),
      )
      .orderBy(desc(spendRequests.number)),
  );
}

/**
 * The team's households as the whole team sees them (reference and initials),
 * open ones first, for linking a spend request to one. No content: not a read
 * of a file, so not logged.
 */
export async function householdChoicesForSpend(ctx: TeamContext): Promise<{ id: string; reference: string; initials: string; status: string }[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Household", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select({ id: households.id, reference: households.reference, initials: households.initials, status: households.status })
      .from(households)
      .where(eq(households.teamId, ctx.team.id))
      .orderBy(desc(eq(households.status, "open")), asc(households.reference))
      .limit(1000),
  );
}
