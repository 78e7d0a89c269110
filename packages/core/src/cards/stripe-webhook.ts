// Stripe Issuing webhooks: real-time authorisation against approved spends,
// and captured/refunded card payments booked on the ledger.
//
// Who acts: nobody signed in. The webhook runs on the owner connection (like
// the outbox sender and the reminders), as the system actor: what makes it
// trustworthy is the signature over the raw body (constructEvent), and the
// card in the event decides the team; every query below is filtered by that
// card's team and municipality explicitly, because RLS does not apply here.
//
// Exactly once: each event's id is inserted into stripe_events in the SAME
// transaction as its effects (ON CONFLICT DO NOTHING: a duplicate waits for
// the first delivery's commit and then finds the row). Each Stripe
// transaction is also claimed once by its own id, because it can reach us
// twice (in issuing_transaction.created and in the closed authorisation's
// transactions list), in any order. The team card's row is locked first, so
// all events of one card are applied one after the other.
import { randomUUID } from "node:crypto";
import {
  and,
  eq,
  isNull,
  issuingAuthorizations,
  issuingTransactions,
  ledgerPostings,
  queryRows,
  retryOnDeadlock,
  spendRequests,
  sql,
  stripeEvents,
  stripeOutbox,
  teamCards,
  type Database,
  type Tx,
} from "@wijkwerk/db";
import Stripe from "stripe";
import { z } from "zod";
import { bookCardMove } from "../workbudget";
import { notifyCardDeclined, notifyCardPaid } from "../notifications";
import { amsterdamDay } from "../common";
import { disbursementMode, type StripeSettings } from "./stripe-client";

/** How long after approval a spend may be paid by card (and the default of a "Nu betalen" selection). */
export const CARD_PAYMENT_VALIDITY_DAYS = 14;

export const DECLINE_REASONS = [
  "unknown_card",
  "stripe_disabled",
  "card_inactive",
  "currency_not_eur",
  "over_authorization_cap",
  "over_monthly_cap",
  "category_not_allowed",
  "category_blocked",
  "no_approved_spend",
  "spend_expired",
  "not_covered",
  "selected_not_covered",
  "ambiguous",
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

type TeamCard = typeof teamCards.$inferSelect;
type SpendRow = typeof spendRequests.$inferSelect;
type AuthorizationRow = typeof issuingAuthorizations.$inferSelect;

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): WebhookResponse => ({
  status,
  body,
  headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
});

/**
 * Verifies and processes one delivery. A bad or stale signature is a 400
 * and nothing is recorded; so is a signed event that lacks what we read
 * (400 malformed_event with the path that failed). An
 * issuing_authorization.request is answered in Stripe's synchronous format:
 * 200, header Stripe-Version, JSON { approved, metadata } (the direct
 * webhook response Stripe documents; the /approve and /decline calls are
 * deprecated).
 */
export async function handleStripeWebhook(
  db: Database,
  settings: StripeSettings,
  input: { rawBody: string; signature: string | null; now?: Date },
): Promise<WebhookResponse> {
  const now = input.now ?? new Date();
  const verified = verifyEvent(input.rawBody, input.signature, settings.webhookSecrets, now);
  if (!verified.ok) return json(400, { error: verified.error, ...(verified.reason ? { reason: verified.reason } : {}) });
  const parsed = parseEvent(verified.event);
  if (!parsed.ok) return json(400, { error: "malformed_event", reason: parsed.reason });
  // Not ours to act on (Stripe may send more than we enabled): acknowledged, not stored.
  if ("ignored" in parsed) return json(200, { received: true, ignored: parsed.ignored });
  const event = parsed.event;
  switch (event.type) {
    case "issuing_authorization.request": {
      const decision = await decideAuthorization(db, settings, event.id, event.data.object, now);
      return json(
        200,
        { approved: decision.approved, metadata: { wijkwerk_spend: decision.spendId ?? "", wijkwerk_reason: decision.reason ?? "" } },
        { "Stripe-Version": Stripe.API_VERSION },
      );
    }
    case "issuing_authorization.created":
    case "issuing_authorization.updated":
      await processEvent(db, event.id, event.type, event.data.object.card.id, (tx, card) =>
        syncAuthorization(tx, card, event.data.object as Stripe.Issuing.Authorization),
      );
      return json(200, { received: true });
    case "issuing_transaction.created":
    case "issuing_transaction.updated": {
      const txn = event.data.object;
      const cardId = typeof txn.card === "string" ? txn.card : txn.card.id;
      await processEvent(db, event.id, event.type, cardId, async (tx, card) => ({ booked: await bookTransaction(tx, card, txn) }));
      return json(200, { received: true });
    }
    case "issuing_card.created":
    case "issuing_card.updated": {
      const stripeCard = event.data.object;
      await processEvent(db, event.id, event.type, stripeCard.id, (tx, card) => syncCard(tx, card, stripeCard, new Date(event.created * 1000)));
      return json(200, { received: true });
    }
  }
}

/** Stripe's tolerance for the signature's timestamp (its SDKs' default), applied both ways. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type VerifiedEvent = { ok: true; event: unknown } | { ok: false; error: "invalid_signature" | "malformed_event"; reason?: string };

/**
 * The event, when one of the signing secrets verifies the raw body (Stripe
 * signs with each endpoint's own secret, and while a secret is rolled both
 * the old and the new one sign). The signature's timestamp must lie within
 * 300 s of now, in the past (replays) and in the future: the SDK only
 * checks the past, so a delivery dated ahead would stay valid for longer.
 * A verified body that is not JSON is malformed_event.
 */
export function verifyEvent(rawBody: string, signature: string | null, secrets: string[], now = new Date()): VerifiedEvent {
  if (!signature) return { ok: false, error: "invalid_signature", reason: "missing_signature" };
  const timestamp = Number(/(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(signature)?.[1]);
  if (Number.isFinite(timestamp) && timestamp - Math.floor(now.getTime() / 1000) > WEBHOOK_TOLERANCE_SECONDS)
    return { ok: false, error: "invalid_signature", reason: "timestamp_out_of_tolerance" };
  for (const secret of secrets) {
    try {
      return { ok: true, event: Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS, undefined, now.getTime()) };
    } catch (e) {
      // Signed, but not JSON.
      if (e instanceof SyntaxError) return { ok: false, error: "malformed_event", reason: "not_json" };
      // Not this secret (or stale, or tampered): try the next one.
    }
  }
  return { ok: false, error: "invalid_signature" };
}

// What we read of the events we act on, checked before anything is written:
// a signed event without these answers 400 instead of failing mid-way.
const stripeId = z.string().min(1).max(255);
const cents = z.number().int().safe();
const unixTime = z.number().int().nonnegative();
const merchantData = z.object({ name: z.string().nullish(), category: z.string().nullish() }).passthrough().nullish();
const transactionObject = z
  .object({
    id: stripeId,
    card: z.union([stripeId, z.object({ id: stripeId }).passthrough()]),
    authorization: z.union([stripeId, z.object({ id: stripeId }).passthrough()]).nullish(),
    type: z.string(),
    amount: cents,
    currency: z.string(),
    created: unixTime,
    merchant_data: merchantData,
  })
  .passthrough();
const authorizationObject = z
  .object({
    id: stripeId,
    card: z.object({ id: stripeId }).passthrough(),
    amount: cents,
    currency: z.string(),
    created: unixTime,
    status: z.string(),
    approved: z.boolean(),
    pending_request: z.object({ amount: cents, currency: z.string() }).passthrough().nullish(),
    merchant_data: merchantData,
    request_history: z.array(z.object({ amount: cents, reason: z.string().nullish() }).passthrough()).nullish(),
    transactions: z.array(transactionObject).nullish(),
  })
  .passthrough();
const cardObject = z
  .object({
    id: stripeId,
    status: z.string(),
    cancellation_reason: z.string().nullish(),
    last4: z.string().nullish(),
    exp_month: z.number().int().nullish(),
    exp_year: z.number().int().nullish(),
    spending_controls: z
      .object({
        spending_limits: z.array(z.object({ amount: cents, interval: z.string(), categories: z.array(z.string()).nullish() }).passthrough()).nullish(),
        allowed_categories: z.array(z.string()).nullish(),
        blocked_categories: z.array(z.string()).nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();
const envelope = (object: z.ZodTypeAny) =>
  z.object({ id: stripeId, type: z.string(), created: unixTime, data: z.object({ object }).passthrough() }).passthrough();
const authorizationEvent = envelope(authorizationObject);
const transactionEvent = envelope(transactionObject);
const cardEvent = envelope(cardObject);
/** The event types we act on, each with what we read of it. */
const EVENT_SCHEMAS: Record<string, z.ZodTypeAny> = {
  "issuing_authorization.request": authorizationEvent,
  "issuing_authorization.created": authorizationEvent,
  "issuing_authorization.updated": authorizationEvent,
  "issuing_transaction.created": transactionEvent,
  "issuing_transaction.updated": transactionEvent,
  "issuing_card.created": cardEvent,
  "issuing_card.updated": cardEvent,
};
const otherEvent = z.object({ id: stripeId, type: z.string() }).passthrough();

type OurEvent =
  | {
      id: string;
      type: "issuing_authorization.request" | "issuing_authorization.created" | "issuing_authorization.updated";
      created: number;
      data: { object: Stripe.Issuing.Authorization };
    }
  | { id: string; type: "issuing_transaction.created" | "issuing_transaction.updated"; created: number; data: { object: Stripe.Issuing.Transaction } }
  | { id: string; type: "issuing_card.created" | "issuing_card.updated"; created: number; data: { object: Stripe.Issuing.Card } };

/** The verified event checked against what we read of it; the reason names the first field that failed. */
export function parseEvent(raw: unknown): { ok: true; event: OurEvent } | { ok: true; ignored: string } | { ok: false; reason: string } {
  const type = (raw as { type?: unknown } | null)?.type;
  const schema = typeof type === "string" && Object.hasOwn(EVENT_SCHEMAS, type) ? EVENT_SCHEMAS[type] : null;
  const result = (schema ?? otherEvent).safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    return { ok: false, reason: `${first.path.join(".") || "event"}: ${first.message}` };
  }
  return schema ? { ok: true, event: result.data as OurEvent } : { ok: true, ignored: (result.data as { type: string }).type };
}

/** Claims the event and runs fn with the card locked, all in one transaction; false when the event was processed before. */
async function processEvent(
  db: Database,
  eventId: string,
  type: string,
  stripeCardId: string,
  fn: (tx: Tx, card: TeamCard) => Promise<Record<string, unknown> | void>,
): Promise<boolean> {
  // A deadlock (a capture that gathers money from other pots meets another move) is tried again here rather than left to Stripe's redelivery.
  return retryOnDeadlock(() =>
    db.transaction(async (tx) => {
      const card = await lockCard(tx, stripeCardId);
      const claimed = await tx
        .insert(stripeEvents)
        .values({ id: eventId, type, municipalityId: card?.municipalityId ?? null, teamId: card?.teamId ?? null })
        .onConflictDoNothing()
        .returning({ id: stripeEvents.id });
      if (claimed.length === 0) return false;
      if (!card) return true; // Not one of our cards: recorded, nothing to book.
      const outcome = await fn(tx, card);
      if (outcome) await tx.update(stripeEvents).set({ outcome }).where(eq(stripeEvents.id, eventId));
      return true;
    }),
  );
}

async function lockCard(tx: Tx, stripeCardId: string): Promise<TeamCard | null> {
  const [card] = await tx.select().from(teamCards).where(eq(teamCards.stripeCardId, stripeCardId)).for("update");
  return card ?? null;
}

// ── Real-time authorisation ───────────────────────────────────────────────

interface Decision {
  approved: boolean;
  spendId?: string | null;
  reason?: DeclineReason | null;
}

async function decideAuthorization(db: Database, settings: StripeSettings, eventId: string, auth: Stripe.Issuing.Authorization, now: Date): Promise<Decision> {
  // Stripe waits about two seconds for this answer: a deadlock is tried again at once instead of declining the payment.
  return retryOnDeadlock(() =>
    db.transaction(async (tx): Promise<Decision> => {
      const unknownCard: Decision = { approved: false, reason: "unknown_card" };
      const card = await lockCard(tx, auth.card.id);
      const claimed = await tx
        .insert(stripeEvents)
        .values({ id: eventId, type: "issuing_authorization.request", municipalityId: card?.municipalityId ?? null, teamId: card?.teamId ?? null })
        .onConflictDoNothing()
        .returning({ id: stripeEvents.id });
      if (claimed.length === 0) {
        // A redelivery: the same answer as the first time.
        const [earlier] = await tx.select({ outcome: stripeEvents.outcome }).from(stripeEvents).where(eq(stripeEvents.id, eventId));
        return (earlier?.outcome as Decision | null) ?? unknownCard;
      }
      let decision = unknownCard;
      if (card) {
        const amountCents = auth.pending_request?.amount ?? auth.amount;
        decision = await decide(tx, settings, card, auth, amountCents, now);
        await recordDecision(tx, card, auth, amountCents, decision);
        // A decline the team can act on (no request covers it, ambiguous, the card's limits …): the coordinators hear it now.
        if (!decision.approved && decision.reason)
          await notifyCardDeclined(tx, card, { reason: decision.reason, amountCents, merchant: auth.merchant_data?.name ?? null });
      }
      await tx.update(stripeEvents).set({ outcome: decision }).where(eq(stripeEvents.id, eventId));
      return decision;
    }),
  );
}

async function decide(tx: Tx, settings: StripeSettings, card: TeamCard, auth: Stripe.Issuing.Authorization, amountCents: number, now: Date): Promise<Decision> {
  const decline = (reason: DeclineReason): Decision => ({ approved: false, reason });
  if ((await disbursementMode(tx, card.municipalityId, settings)) !== "stripe_issuing") return decline("stripe_disabled");
  if (card.status !== "active") return decline("card_inactive");
  if ((auth.pending_request?.currency ?? auth.currency) !== "eur") return decline("currency_not_eur");
  const [existing] = await tx.select().from(issuingAuthorizations).where(eq(issuingAuthorizations.id, auth.id));
  // An incremental request adds to what this authorisation already holds.
  const totalCents = (existing?.approvedCents ?? 0) + amountCents;

  // The card's controls (Stripe enforces its own copy too; this is our wall).
  if (card.perAuthorizationCapCents != null && totalCents > card.perAuthorizationCapCents) return decline("over_authorization_cap");
  if (card.monthlyCapCents != null) {
    const month = amsterdamDay(now).slice(0, 7);
    const [{ used }] = await queryRows<{ used: string }>(
      tx,
      sql`select coalesce(sum(approved_cents), 0)::text as used from issuing_authorizations
          where team_card_id = ${card.id}::uuid and approved and id <> ${auth.id} and status <> 'reversed'
            and to_char(stripe_created_at at time zone 'Europe/Amsterdam', 'YYYY-MM') = ${month}`,
    );
    if (Number(used) + totalCents > card.monthlyCapCents) return decline("over_monthly_cap");
  }
  const category = auth.merchant_data?.category ?? "";
  if (card.allowedCategories.length > 0 && !card.allowedCategories.includes(category)) return decline("category_not_allowed");
  if (card.blockedCategories.includes(category)) return decline("category_blocked");

  if (existing?.spendId) {
    const [spend] = await tx
      .select()
      .from(spendRequests)
      .where(and(eq(spendRequests.id, existing.spendId), eq(spendRequests.teamId, card.teamId)))
      .for("update");
    if (spend && spend.status === "approved" && spend.amountCents >= totalCents) return { approved: true, spendId: spend.id };
    return decline("not_covered");
  }

  // The team's approved, not yet paid requests that no other pending authorisation holds.
  const open = await queryRows<{ id: string; amount_cents: string; within_window: boolean; selected: boolean }>(
    tx,
    sql`select s.id, s.amount_cents::text as amount_cents,
          s.approved_at + make_interval(days => ${CARD_PAYMENT_VALIDITY_DAYS}) >= ${now.toISOString()}::timestamptz as within_window,
          exists (select 1 from card_payment_selections c where c.spend_id = s.id and c.valid_until >= ${now.toISOString()}::timestamptz) as selected
        from spend_requests s
        where s.team_id = ${card.teamId}::uuid and s.municipality_id = ${card.municipalityId}::uuid and s.status = 'approved'
          and not exists (select 1 from issuing_authorizations a where a.spend_id = s.id and a.approved and a.status = 'pending' and a.id <> ${auth.id})
        order by s.id
        for update of s`,
  );
  const valid = open.filter((s) => s.within_window);
  const covering = valid.filter((s) => Number(s.amount_cents) >= totalCents);
  const selected = valid.filter((s) => s.selected);
  if (selected.length > 0) {
    const selectedCovering = selected.filter((s) => Number(s.amount_cents) >= totalCents);
    if (selectedCovering.length === 1) return { approved: true, spendId: selectedCovering[0].id };
    return decline(selectedCovering.length > 1 ? "ambiguous" : "selected_not_covered");
  }
  if (covering.length === 1) return { approved: true, spendId: covering[0].id };
  if (covering.length > 1) return decline("ambiguous");
  if (open.length === 0) return decline("no_approved_spend");
  if (valid.length === 0) return decline("spend_expired");
  return decline("not_covered");
}

async function recordDecision(tx: Tx, card: TeamCard, auth: Stripe.Issuing.Authorization, amountCents: number, decision: Decision) {
  const [existing] = await tx.select().from(issuingAuthorizations).where(eq(issuingAuthorizations.id, auth.id)).for("update");
  if (existing) {
    await tx
      .update(issuingAuthorizations)
      .set({
        requestedCents: amountCents,
        approvedCents: existing.approvedCents + (decision.approved ? amountCents : 0),
        approved: existing.approved || decision.approved,
        declineReason: decision.approved ? existing.declineReason : (decision.reason ?? null),
        updatedAt: new Date(),
      })
      .where(eq(issuingAuthorizations.id, auth.id));
    return;
  }
  await tx.insert(issuingAuthorizations).values({
    id: auth.id,
    municipalityId: card.municipalityId,
    teamId: card.teamId,
    teamCardId: card.id,
    spendId: decision.approved ? (decision.spendId ?? null) : null,
    approvedCents: decision.approved ? amountCents : 0,
    requestedCents: amountCents,
    approved: decision.approved,
    declineReason: decision.approved ? null : (decision.reason ?? null),
    status: "pending",
    merchantName: auth.merchant_data?.name ?? null,
    merchantCategory: auth.merchant_data?.category ?? null,
    stripeCreatedAt: new Date(auth.created * 1000),
  });
}

// ── Captures, refunds and the release of what was not captured ───────────

const FINAL_STATUSES = new Set(["closed", "reversed", "expired"]);

/** issuing_authorization.created/updated: the authorisation's state, its transactions, and on a final capture the release of the rest. */
async function syncAuthorization(tx: Tx, card: TeamCard, auth: Stripe.Issuing.Authorization): Promise<Record<string, unknown>> {
  let [row] = await tx.select().from(issuingAuthorizations).where(eq(issuingAuthorizations.id, auth.id)).for("update");
  if (!row) {
    // Stripe decided without asking us (its own controls, or our answer timed out): recorded, never linked to a spend.
    const last = auth.request_history?.[auth.request_history.length - 1];
    [row] = await tx
      .insert(issuingAuthorizations)
      .values({
        id: auth.id,
        municipalityId: card.municipalityId,
        teamId: card.teamId,
        teamCardId: card.id,
        spendId: null,
        approvedCents: auth.approved ? auth.amount : 0,
        requestedCents: last?.amount ?? auth.amount,
        approved: auth.approved,
        declineReason: auth.approved ? null : `stripe:${last?.reason ?? "unknown"}`,
        status: auth.status,
        merchantName: auth.merchant_data?.name ?? null,
        merchantCategory: auth.merchant_data?.category ?? null,
        stripeCreatedAt: new Date(auth.created * 1000),
      })
      .returning();
  } else {
    await tx.update(issuingAuthorizations).set({ status: auth.status, updatedAt: new Date() }).where(eq(issuingAuthorizations.id, auth.id));
  }
  // The closed authorisation lists its transactions: book any we have not seen yet (out of order is fine).
  let booked = 0;
  for (const txn of auth.transactions ?? []) if (await bookTransaction(tx, card, txn)) booked++;
  let released = 0;
  if (FINAL_STATUSES.has(auth.status)) released = await releaseRest(tx, { ...row, status: auth.status });
  return { status: auth.status, booked, released };
}

/**
 * When Stripe closed an authorisation that captured something, the spend is
 * paid: what it still has reserved goes back to the budget (a partial capture
 * releases the rest). An authorisation that captured nothing (reversed,
 * expired) leaves the spend approved, so it can still be paid.
 */
async function releaseRest(tx: Tx, auth: AuthorizationRow): Promise<number> {
  if (!auth.spendId || auth.releaseGroupId) return 0;
  const spend = await lockSpend(tx, auth.spendId, auth.teamId);
  if (!spend || spend.status !== "paid") return 0;
  const pending = await tx
    .select({ id: issuingAuthorizations.id })
    .from(issuingAuthorizations)
    .where(and(eq(issuingAuthorizations.spendId, spend.id), eq(issuingAuthorizations.status, "pending"), eq(issuingAuthorizations.approved, true)));
  if (pending.some((p) => p.id !== auth.id)) return 0;
  const reserved = await reservedFor(tx, spend.id);
  if (reserved <= 0) return 0;
  const groupId = randomUUID();
  if (!(await bookCardMove(tx, spend, { kind: "release", amountCents: reserved, groupId, reference: auth.id })))
    throw new Error(`release of ${reserved} on spend ${spend.id} refused`);
  await tx.update(issuingAuthorizations).set({ releaseGroupId: groupId }).where(eq(issuingAuthorizations.id, auth.id));
  return reserved;
}

async function lockSpend(tx: Tx, spendId: string, teamId: string): Promise<SpendRow | null> {
  const [spend] = await tx
    .select()
    .from(spendRequests)
    .where(and(eq(spendRequests.id, spendId), eq(spendRequests.teamId, teamId)))
    .for("update");
  return spend ?? null;
}

async function reservedFor(tx: Tx, spendId: string): Promise<number> {
  const [r] = await tx
    .select({ total: sql<string>`coalesce(sum(${ledgerPostings.amountCents}), 0)` })
    .from(ledgerPostings)
    .where(and(eq(ledgerPostings.spendId, spendId), eq(ledgerPostings.account, "reserved")));
  return Number(r.total);
}

/**
 * Books one Stripe transaction exactly once (claimed by its id): a capture
 * pays the authorisation's spend (reserved → paid; a capture above what is
 * still reserved first reserves the difference), a refund returns money
 * (paid → available). A transaction we cannot book is kept with its problem,
 * so the reconciliation and ledger:check show it. True when booked now.
 */
async function bookTransaction(tx: Tx, card: TeamCard, txn: Stripe.Issuing.Transaction): Promise<boolean> {
  if (txn.type !== "capture" && txn.type !== "refund") return false;
  const authorizationId = typeof txn.authorization === "string" ? txn.authorization : (txn.authorization?.id ?? null);
  const amountCents = Math.abs(txn.amount);
  if (amountCents === 0) return false;
  const [auth] = authorizationId
    ? await tx
        .select()
        .from(issuingAuthorizations)
        .where(and(eq(issuingAuthorizations.id, authorizationId), eq(issuingAuthorizations.teamId, card.teamId)))
    : [];
  const groupId = randomUUID();
  const claimed = await tx
    .insert(issuingTransactions)
    .values({
      id: txn.id,
      municipalityId: card.municipalityId,
      teamId: card.teamId,
      authorizationId,
      spendId: auth?.spendId ?? null,
      type: txn.type,
      amountCents,
      ledgerGroupId: groupId,
      stripeCreatedAt: new Date(txn.created * 1000),
    })
    .onConflictDoNothing()
    .returning({ id: issuingTransactions.id });
  if (claimed.length === 0) return false;
  const problem = async (reason: string) => {
    await tx.update(issuingTransactions).set({ ledgerGroupId: null, problem: reason }).where(eq(issuingTransactions.id, txn.id));
    return false;
  };
  if (txn.currency !== "eur") return problem("currency_not_eur");
  if (!auth?.spendId) return problem("no_spend");
  const spend = await lockSpend(tx, auth.spendId, card.teamId);
  if (!spend) return problem("no_spend");
  if (txn.type === "capture") {
    const reserved = await reservedFor(tx, spend.id);
    if (amountCents > reserved && !(await bookCardMove(tx, spend, { kind: "reserve", amountCents: amountCents - reserved, reference: txn.id })))
      return problem("insufficient_budget");
    if (!(await bookCardMove(tx, spend, { kind: "pay", amountCents, groupId, reference: txn.id }))) return problem("insufficient_budget");
    // Paid: the author and the coordinators are told, in this same transaction.
    await notifyCardPaid(tx, spend, amountCents, txn.merchant_data?.name ?? null);
  } else {
    const [fresh] = await tx.select({ paidCents: spendRequests.paidCents }).from(spendRequests).where(eq(spendRequests.id, spend.id));
    if (amountCents > fresh.paidCents) return problem("refund_exceeds_paid");
    if (!(await bookCardMove(tx, { ...spend, paidCents: fresh.paidCents }, { kind: "refund", amountCents, groupId, reference: txn.id })))
      return problem("insufficient_budget");
  }
  return true;
}

// ── The card itself: frozen, cancelled or changed in Stripe's dashboard ───

const CARD_STATUSES = new Set(["active", "inactive", "canceled"]);

/**
 * issuing_card.created/updated: our row mirrors Stripe's status (a card
 * cancelled or frozen in the dashboard is shown so, and decide() declines
 * every further authorisation on a card that is not active), its last four
 * digits and expiry, and its spending controls. Events can arrive out of
 * order: one older than the state we hold changes nothing. The controls are
 * not taken over while a change of the controller's own is still waiting in
 * the Stripe outbox (that change is newer than what Stripe reports).
 */
async function syncCard(tx: Tx, card: TeamCard, stripeCard: Stripe.Issuing.Card, eventAt: Date): Promise<Record<string, unknown>> {
  if (card.stripeStateAt && card.stripeStateAt > eventAt) return { stale: true };
  const status = CARD_STATUSES.has(stripeCard.status) ? stripeCard.status : card.status;
  const set: Partial<typeof teamCards.$inferInsert> = {
    status,
    cancellationReason: stripeCard.status === "canceled" ? (stripeCard.cancellation_reason ?? "canceled") : null,
    last4: stripeCard.last4 ?? card.last4,
    expMonth: stripeCard.exp_month ?? card.expMonth,
    expYear: stripeCard.exp_year ?? card.expYear,
    stripeStateAt: eventAt,
    updatedAt: new Date(),
  };
  const [waiting] = await tx
    .select({ id: stripeOutbox.id })
    .from(stripeOutbox)
    .where(and(eq(stripeOutbox.teamCardId, card.id), eq(stripeOutbox.kind, "update_card"), isNull(stripeOutbox.doneAt)))
    .limit(1);
  const controls = stripeCard.spending_controls;
  if (!waiting && controls) {
    const limit = (interval: string) => controls.spending_limits?.find((l) => l.interval === interval && !l.categories?.length)?.amount ?? null;
    set.perAuthorizationCapCents = limit("per_authorization");
    set.monthlyCapCents = limit("monthly");
    set.allowedCategories = (controls.allowed_categories as string[] | null) ?? [];
    set.blockedCategories = (controls.blocked_categories as string[] | null) ?? [];
  }
  await tx.update(teamCards).set(set).where(eq(teamCards.id, card.id));
  return { status, from: card.status, controls: !waiting && !!controls };
}
