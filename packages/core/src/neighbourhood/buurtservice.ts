// Buurtservice (issue 19): per buurt, a team member registers a resident's
// offer or request by pseudonym only; requests are matched with offers on
// category, buurt and availability; a match records whether it was
// reciprocal (the requester also offers something) and runs proposed →
// running → done, or stops. The team's own data (CASL + RLS); everyone
// professional sees the counts only (buurtservice_counts(), migration 0027).
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, buurtserviceEntries, buurtserviceMatches, buurten, desc, eq, isNull, queryRows, sql, teams, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type TeamContext, type UseCaseContext, neutraliseFormula, DomainError, invalidInput, writeCsv } from "../common";
import { guardPersonalData } from "../workgroups";

export const BUURTSERVICE_CATEGORIES = ["odd_jobs", "company", "shopping", "language", "administration", "transport", "garden", "other"] as const;
export const BUURTSERVICE_AVAILABILITY = ["weekday_morning", "weekday_afternoon", "weekday_evening", "weekend"] as const;
export const MATCH_STATUSES = ["proposed", "running", "done", "stopped"] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
/** An open entry older than this is flagged as stale. */
export const STALE_AFTER_MONTHS = 3;

/** Allowed status steps; done and stopped are final. */
export const MATCH_TRANSITIONS: Record<MatchStatus, MatchStatus[]> = { proposed: ["running", "stopped"], running: ["done", "stopped"], done: [], stopped: [] };

const checkboxes = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.enum(values))
      .min(1)
      .transform((a) => [...new Set(a)]),
  );

export const entryInput = z.object({
  kind: z.enum(["offer", "request"]),
  buurtId: z.string().uuid(),
  pseudonym: z.string().trim().min(2).max(40),
  categories: checkboxes(BUURTSERVICE_CATEGORIES),
  availability: checkboxes(BUURTSERVICE_AVAILABILITY),
  description: z.string().trim().max(500).default(""),
  confirmNoPersonalData: z.coerce.boolean().default(false),
});
export type EntryInput = z.input<typeof entryInput>;

const subject = (type: "BuurtserviceEntry" | "BuurtserviceMatch", ctx: TeamContext) =>
  as(type, { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId });

export interface EntryRow {
  id: string;
  kind: "offer" | "request";
  buurtId: string;
  buurtName: string;
  pseudonym: string;
  categories: string[];
  availability: string[];
  description: string;
  createdAt: string;
  closedAt: string | null;
  stale: boolean;
}

const entryColumns = {
  id: buurtserviceEntries.id,
  kind: sql<"offer" | "request">`${buurtserviceEntries.kind}`,
  buurtId: buurtserviceEntries.buurtId,
  buurtName: buurten.name,
  pseudonym: buurtserviceEntries.pseudonym,
  categories: buurtserviceEntries.categories,
  availability: buurtserviceEntries.availability,
  description: buurtserviceEntries.description,
  createdAt: sql<string>`${buurtserviceEntries.createdAt}::text`,
  closedAt: sql<string | null>`${buurtserviceEntries.closedAt}::text`,
  stale: sql<boolean>`(${buurtserviceEntries.closedAt} is null and ${buurtserviceEntries.createdAt} < now() - make_interval(months => ${STALE_AFTER_MONTHS}))`,
};

/** Registers a resident's offer or request in one of the team's buurten (today). */
export async function registerBuurtserviceEntry(ctx: TeamContext, raw: EntryInput): Promise<{ id: string }> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", subject("BuurtserviceEntry", ctx));
  const parsed = entryInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    await requireServedBuurt(tx, v.buurtId);
    const id = crypto.randomUUID();
    await guardPersonalData(tx, ctx, {
      text: `${v.pseudonym}\n${v.description}`,
      field: "description",
      confirmNoPersonalData: v.confirmNoPersonalData,
      objectType: "buurtservice_entry",
      objectId: id,
      workgroupId: null,
    });
    await tx.insert(buurtserviceEntries).values({
      id,
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      buurtId: v.buurtId,
      kind: v.kind,
      pseudonym: v.pseudonym,
      categories: v.categories,
      availability: v.availability,
      description: v.description,
      createdBy: ctx.actor.userId,
    });
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "buurtservice.entry_registered",
      objectType: "buurtservice_entry",
      objectId: id,
      meta: ctx.meta,
      data: { kind: v.kind, categories: v.categories },
    });
    return { id };
  });
}

/** The buurt must be the team's today (the RLS tenant policy lets the team read its own assignments). */
async function requireServedBuurt(tx: Tx, buurtId: string) {
  const [row] = await queryRows<{ ok: boolean }>(
    tx,
    sql`select true as ok from buurt_assignments a where a.buurt_id = ${buurtId} and a.team_id = (select app_tenant())
        and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date) limit 1`,
  );
  if (!row) throw new DomainError("buurtservice_buurt_not_served", 400, { buurtId: ["buurtservice_buurt_not_served"] });
}

/** The team's buurten today (for the form). */
export async function listServedBuurten(ctx: TeamContext): Promise<{ id: string; name: string }[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", subject("BuurtserviceEntry", ctx));
  return withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<{ id: string; name: string }>(
      tx,
      sql`select b.id, b.name from buurt_assignments a join buurten b on b.id = a.buurt_id where a.team_id = (select app_tenant())
          and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date) order by b.name`,
    ),
  );
}

/** Open offers and requests of the team (stale ones flagged), newest first. */
export async function listOpenEntries(ctx: TeamContext): Promise<EntryRow[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", subject("BuurtserviceEntry", ctx));
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select(entryColumns)
      .from(buurtserviceEntries)
      .innerJoin(buurten, eq(buurten.id, buurtserviceEntries.buurtId))
      .where(isNull(buurtserviceEntries.closedAt))
      .orderBy(buurten.name, desc(buurtserviceEntries.createdAt)),
  );
}

export interface MatchRow {
  id: string;
  status: MatchStatus;
  reciprocal: boolean;
  outcome: string;
  createdAt: string;
  buurtName: string;
  request: { id: string; pseudonym: string };
  offer: { id: string; pseudonym: string };
}

async function matchesWhere(tx: Tx, filter: ReturnType<typeof sql> | undefined): Promise<MatchRow[]> {
  const rows = await queryRows<{
    id: string;
    status: MatchStatus;
    reciprocal: boolean;
    outcome: string;
    created_at: string;
    buurt: string;
    request_id: string;
    request_pseudonym: string;
    offer_id: string;
    offer_pseudonym: string;
  }>(
    tx,
    sql`select m.id, m.status, m.reciprocal, m.outcome, m.created_at::text, b.name as buurt, r.id as request_id, r.pseudonym as request_pseudonym, o.id as offer_id, o.pseudonym as offer_pseudonym
        from buurtservice_matches m join buurten b on b.id = m.buurt_id
        join buurtservice_entries r on r.id = m.request_id join buurtservice_entries o on o.id = m.offer_id
        where ${filter ?? sql`true`} order by m.created_at desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    reciprocal: r.reciprocal,
    outcome: r.outcome,
    createdAt: r.created_at,
    buurtName: r.buurt,
    request: { id: r.request_id, pseudonym: r.request_pseudonym },
    offer: { id: r.offer_id, pseudonym: r.offer_pseudonym },
  }));
}

export async function listMatches(ctx: TeamContext): Promise<MatchRow[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", subject("BuurtserviceMatch", ctx));
  return withScope(ctx.db, ctx.scope, (tx) => matchesWhere(tx, undefined));
}

export interface MatchSuggestion extends EntryRow {
  score: number;
  sharedCategories: string[];
  sharedAvailability: string[];
  sameBuurt: boolean;
}

/** Pure: open offers ranked for a request — shared categories first, then the same buurt, then shared availability. */
export function rankOffers(request: Pick<EntryRow, "buurtId" | "pseudonym" | "categories" | "availability">, offers: EntryRow[]): MatchSuggestion[] {
  return offers
    .filter((o) => o.kind === "offer" && !o.closedAt && o.pseudonym.toLowerCase() !== request.pseudonym.toLowerCase())
    .map((o) => {
      const sharedCategories = o.categories.filter((c) => request.categories.includes(c));
      const sharedAvailability = o.availability.filter((a) => request.availability.includes(a));
      const sameBuurt = o.buurtId === request.buurtId;
      return { ...o, sharedCategories, sharedAvailability, sameBuurt, score: sharedCategories.length * 10 + (sameBuurt ? 5 : 0) + sharedAvailability.length };
    })
    .filter((o) => o.sharedCategories.length > 0)
    .sort((a, b) => b.score - a.score || a.createdAt.localeCompare(b.createdAt));
}

/** One entry with its matches and, for an open request, the suggested offers. */
export async function getBuurtserviceEntry(ctx: TeamContext, entryId: string) {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", subject("BuurtserviceEntry", ctx));
  if (!z.string().uuid().safeParse(entryId).success) throw new DomainError("not_found", 404);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [entry] = await tx
      .select(entryColumns)
      .from(buurtserviceEntries)
      .innerJoin(buurten, eq(buurten.id, buurtserviceEntries.buurtId))
      .where(eq(buurtserviceEntries.id, entryId));
    if (!entry) throw new DomainError("not_found", 404);
    const matches = await matchesWhere(tx, sql`(m.request_id = ${entryId} or m.offer_id = ${entryId})`);
    let suggestions: MatchSuggestion[] = [];
    if (entry.kind === "request" && !entry.closedAt) {
      const offers = await tx
        .select(entryColumns)
        .from(buurtserviceEntries)
        .innerJoin(buurten, eq(buurten.id, buurtserviceEntries.buurtId))
        .where(and(eq(buurtserviceEntries.kind, "offer"), isNull(buurtserviceEntries.closedAt)));
      const linked = new Set(matches.filter((m) => m.status !== "stopped").map((m) => m.offer.id));
      suggestions = rankOffers(
        entry,
        offers.filter((o) => !linked.has(o.id)),
      );
    }
    return { entry, matches, suggestions };
  });
}

/**
 * Proposes a match of an open request with an open offer. Reciprocal when
 * the requester (same pseudonym) also has an offer in the team.
 */
export async function proposeMatch(ctx: TeamContext, raw: { requestId: string; offerId: string }): Promise<{ id: string; reciprocal: boolean }> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", subject("BuurtserviceMatch", ctx));
  const parsed = z.object({ requestId: z.string().uuid(), offerId: z.string().uuid() }).safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { requestId, offerId } = parsed.data;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    // Lock both entries so a concurrent close or second match sees this one.
    const rows = await tx
      .select()
      .from(buurtserviceEntries)
      .where(sql`${buurtserviceEntries.id} in (${requestId}, ${offerId})`)
      .orderBy(buurtserviceEntries.id)
      .for("update");
    const request = rows.find((r) => r.id === requestId);
    const offer = rows.find((r) => r.id === offerId);
    if (!request || !offer) throw new DomainError("not_found", 404);
    if (request.kind !== "request" || offer.kind !== "offer") throw new DomainError("buurtservice_wrong_kind", 400);
    if (request.closedAt || offer.closedAt) throw new DomainError("buurtservice_not_open", 409);
    if (request.pseudonym.toLowerCase() === offer.pseudonym.toLowerCase()) throw new DomainError("buurtservice_same_resident", 400);
    const [existing] = await tx
      .select({ id: buurtserviceMatches.id })
      .from(buurtserviceMatches)
      .where(and(eq(buurtserviceMatches.requestId, requestId), eq(buurtserviceMatches.offerId, offerId), sql`${buurtserviceMatches.status} <> 'stopped'`));
    if (existing) throw new DomainError("buurtservice_match_exists", 409);
    const [{ reciprocal }] = await queryRows<{ reciprocal: boolean }>(
      tx,
      sql`select exists (select 1 from buurtservice_entries e where e.kind = 'offer' and lower(e.pseudonym) = lower(${request.pseudonym})) as reciprocal`,
    );
    const [m] = await tx
      .insert(buurtserviceMatches)
      .values({
        municipalityId: ctx.team.municipalityId,
        teamId: ctx.team.id,
        buurtId: request.buurtId,
        requestId,
        offerId,
        reciprocal,
        createdBy: ctx.actor.userId,
      })
      .returning({ id: buurtserviceMatches.id });
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "buurtservice.match_proposed",
      objectType: "buurtservice_match",
      objectId: m.id,
      meta: ctx.meta,
      data: { requestId, offerId, reciprocal },
    });
    return { id: m.id, reciprocal };
  });
}

export const matchStepInput = z.object({
  status: z.enum(["running", "done", "stopped"]),
  outcome: z.string().trim().max(500).default(""),
  confirmNoPersonalData: z.coerce.boolean().default(false),
});

/** Moves a match on (proposed → running → done; stopped from either), with its outcome. Done closes the request. */
export async function stepMatch(ctx: TeamContext, matchId: string, raw: z.input<typeof matchStepInput>): Promise<void> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", subject("BuurtserviceMatch", ctx));
  if (!z.string().uuid().safeParse(matchId).success) throw new DomainError("not_found", 404);
  const parsed = matchStepInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const [m] = await tx.select().from(buurtserviceMatches).where(eq(buurtserviceMatches.id, matchId)).for("update");
    if (!m) throw new DomainError("not_found", 404);
    if (!MATCH_TRANSITIONS[m.status as MatchStatus].includes(v.status)) throw new DomainError("buurtservice_invalid_transition", 409);
    if (v.outcome)
      await guardPersonalData(tx, ctx, {
        text: v.outcome,
        field: "outcome",
        confirmNoPersonalData: v.confirmNoPersonalData,
        objectType: "buurtservice_match",
        objectId: m.id,
        workgroupId: null,
      });
    const final = v.status === "done" || v.status === "stopped";
    await tx
      .update(buurtserviceMatches)
      .set({ status: v.status, outcome: v.outcome || m.outcome, updatedAt: sql`now()`, endedAt: final ? sql`now()` : null })
      .where(eq(buurtserviceMatches.id, m.id));
    // A request that was helped is no longer open.
    if (v.status === "done")
      await tx
        .update(buurtserviceEntries)
        .set({ closedAt: sql`now()` })
        .where(and(eq(buurtserviceEntries.id, m.requestId), isNull(buurtserviceEntries.closedAt)));
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "buurtservice.match_updated",
      objectType: "buurtservice_match",
      objectId: m.id,
      meta: ctx.meta,
      data: { from: m.status, to: v.status },
    });
  });
}

/** Withdraws an open offer or request (no longer open; counted as closed from now). */
export async function closeBuurtserviceEntry(ctx: TeamContext, entryId: string): Promise<void> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", subject("BuurtserviceEntry", ctx));
  if (!z.string().uuid().safeParse(entryId).success) throw new DomainError("not_found", 404);
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const [e] = await tx
      .update(buurtserviceEntries)
      .set({ closedAt: sql`now()` })
      .where(and(eq(buurtserviceEntries.id, entryId), isNull(buurtserviceEntries.closedAt)))
      .returning({ id: buurtserviceEntries.id, kind: buurtserviceEntries.kind });
    if (!e) throw new DomainError("buurtservice_not_open", 409);
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "buurtservice.entry_closed",
      objectType: "buurtservice_entry",
      objectId: e.id,
      meta: ctx.meta,
      data: { kind: e.kind },
    });
  });
}

// ── Counts ───────────────────────────────────────────────────────────────

export interface CountRow {
  teamId: string;
  teamName: string;
  buurtName: string;
  /** First day of the month (ISO). */
  month: string;
  requests: number;
  offers: number;
  matches: number;
  reciprocalMatches: number;
  openOffers: number;
}

export const yearInput = z.coerce.number().int().min(2013).max(2100);

/**
 * Counts per team × buurt × month of a year, for every team of the
 * municipality (numbers only): for a team member, the coordinator, the admin
 * and the controller. Months after today are left out.
 */
export async function buurtserviceCounts(ctx: UseCaseContext, year: number): Promise<CountRow[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("BuurtserviceCounts", { municipalityId: ctx.actor.municipalityId }));
  const y = yearInput.parse(year);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await queryRows<{
      team_id: string;
      team: string;
      buurt: string;
      month: string;
      requests: number;
      offers: number;
      matches: number;
      reciprocal_matches: number;
      open_offers: number;
    }>(
      tx,
      sql`select c.team_id, t.name as team, b.name as buurt, c.month::text, c.requests, c.offers, c.matches, c.reciprocal_matches, c.open_offers
          from buurtservice_counts(make_date(${y}, 1, 1), least(make_date(${y}, 12, 1), current_date)) c
          join ${teams} t on t.id = c.team_id join ${buurten} b on b.id = c.buurt_id
          order by t.name, b.name, c.month`,
    );
    return rows.map((r) => ({
      teamId: r.team_id,
      teamName: r.team,
      buurtName: r.buurt,
      month: r.month,
      requests: r.requests,
      offers: r.offers,
      matches: r.matches,
      reciprocalMatches: r.reciprocal_matches,
      openOffers: r.open_offers,
    }));
  });
}

export interface CountTotals {
  requests: number;
  offers: number;
  matches: number;
  reciprocalMatches: number;
  /** Open offers at the end of the last month counted. */
  openOffers: number;
}

/** Pure: totals per key (per month, per team…). Open offers are a stock: the sum over the key's last month only. */
export function totalCounts(rows: CountRow[], key: (r: CountRow) => string): Map<string, CountTotals> {
  const out = new Map<string, CountTotals & { lastMonth: string }>();
  for (const r of rows) {
    const k = key(r);
    const t = out.get(k) ?? { requests: 0, offers: 0, matches: 0, reciprocalMatches: 0, openOffers: 0, lastMonth: "" };
    t.requests += r.requests;
    t.offers += r.offers;
    t.matches += r.matches;
    t.reciprocalMatches += r.reciprocalMatches;
    if (r.month > t.lastMonth) {
      t.lastMonth = r.month;
      t.openOffers = r.openOffers;
    } else if (r.month === t.lastMonth) t.openOffers += r.openOffers;
    out.set(k, t);
  }
  return new Map([...out].map(([k, { lastMonth: _last, ...t }]) => [k, t]));
}

export const BUURTSERVICE_CSV_HEADERS = ["team", "buurt", "maand", "vragen", "aanbod", "koppelingen", "wederkerige koppelingen", "open aanbod"] as const;

/** The counts as CSV (semicolons, Dutch headers): the pilot evaluation's Buurtservice figures (docs/domain.md#the-neighbourhood), per team × buurt × month. */
export function buurtserviceCountsCsv(rows: CountRow[]): string {
  return writeCsv(
    BUURTSERVICE_CSV_HEADERS,
    rows.map((r) => [
      neutraliseFormula(r.teamName),
      neutraliseFormula(r.buurtName),
      r.month.slice(0, 7),
      r.requests,
      r.offers,
      r.matches,
      r.reciprocalMatches,
      r.openOffers,
    ]),
  );
}
