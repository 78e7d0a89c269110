// Stripe Issuing end to end over the built app (build/index.js) on real
// PostgreSQL: events signed with the real SDK (generateTestHeaderString) are
// POSTed to the real webhook route; outgoing calls go through the real SDK
// to test/stripe-server.ts, a local stand-in for Stripe's API. Nothing of
// ours is mocked. Run `pnpm build` first.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  and,
  auditEvents,
  budgetBalances,
  eq,
  notifications,
  outboxEmails,
  sessions,
  users,
  withScope,
  issuingAuthorizations,
  issuingTransactions,
  ledgerPostings,
  municipalitySettings,
  spendRequests,
  sql,
  stripeEvents,
  stripeOutbox,
  teamCards,
} from "@wijkwerk/db";
import { checkLedger, approveSpend, cancelSpend, recordPayment, settleSpend, financeCsv, workbudgetDashboard, getSpend } from "@wijkwerk/core/workbudget";
import {
  createCardDetailsKey,
  cardReconciliation,
  createStripeClient,
  disbursementMode,
  stripeSettingsFromEnv,
  deliverStripeOutbox,
  requestTeamCard,
  selectSpendForCardPayment,
  updateCardControls,
} from "@wijkwerk/core/cards";
import { updateDisbursementMode } from "@wijkwerk/core/tenancy";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { createUser, municipalityContext, teamContext } from "../packages/core/test/fixtures";
import { ledgerWorld } from "../packages/core/test/ledger-fixture";
import { authorization, event, issuingCard, signed, transaction, type CardRef } from "./fixtures/stripe-events";
import { startStripeTestServer, type StripeTestServer } from "./stripe-server";
import Stripe from "stripe";

const BUILD = path.resolve("build/index.js");
const SECRET_KEY = "sk_test_wijkwerk_local";
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("hex")}`;
/** A second signing secret (the real-time endpoint's own, or a secret being rolled): STRIPE_WEBHOOK_SECRET holds both. */
const SECOND_SECRET = `whsec_${randomBytes(24).toString("hex")}`;
const PUBLISHABLE_KEY = "pk_test_wijkwerk_local";
type Handler = (request: Request) => Promise<Response>;

let t: TestDatabase;
let handler: Handler;
let stripeApi: StripeTestServer;

beforeAll(async () => {
  if (!existsSync(BUILD)) throw new Error("build/index.js is missing: run `pnpm build` before this test.");
  t = await createTestDatabase("postgres");
  stripeApi = await startStripeTestServer({ secretKey: SECRET_KEY });
  Object.assign(process.env, {
    DATABASE_URL: t.url!,
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: `${WEBHOOK_SECRET}, ${SECOND_SECRET}`,
    STRIPE_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(stripeApi.port),
    STRIPE_API_PROTOCOL: "http",
  });
  const build = await import(pathToFileURL(BUILD).href);
  const { createRequestHandler } = await import("@remix-run/node");
  handler = createRequestHandler(build, "production") as Handler;
});

afterAll(async () => {
  await stripeApi?.close();
  await t?.drop();
});

async function deliver(payload: object, opts: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
  const { body, header } = signed(payload, opts.secret ?? WEBHOOK_SECRET, { timestamp: opts.timestamp });
  const headers: Record<string, string> = { "Content-Type": "application/json", Host: "localhost" };
  if (opts.signature !== null) headers["Stripe-Signature"] = opts.signature ?? header;
  const started = performance.now();
  const res = await handler(new Request("http://localhost/webhooks/stripe", { method: "POST", headers, body }));
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null, ms: performance.now() - started };
}

/** A municipality on Stripe Issuing with team A's card active (as the outbox leaves it), and approved requests on demand. */
async function cardWorld(
  controls: { perAuthorizationCapCents?: number | null; monthlyCapCents?: number | null; allowedCategories?: string[]; blockedCategories?: string[] } = {},
) {
  const world = await ledgerWorld(t, { year: new Date().getUTCFullYear(), budgetCents: 1_000_000, thresholdCents: 100_000 });
  await t.db.update(municipalitySettings).set({ disbursementMode: "stripe_issuing" }).where(eq(municipalitySettings.municipalityId, world.municipalityId));
  const ref: CardRef = { stripeCardId: `ic_${randomBytes(8).toString("hex")}`, stripeCardholderId: `ich_${randomBytes(8).toString("hex")}`, last4: "4242" };
  const [card] = await t.db
    .insert(teamCards)
    .values({
      municipalityId: world.municipalityId,
      teamId: world.teamA.id,
      stripeCardId: ref.stripeCardId,
      stripeCardholderId: ref.stripeCardholderId,
      last4: ref.last4,
      status: "active",
      perAuthorizationCapCents: controls.perAuthorizationCapCents ?? null,
      monthlyCapCents: controls.monthlyCapCents ?? null,
      allowedCategories: controls.allowedCategories ?? [],
      blockedCategories: controls.blockedCategories ?? [],
    })
    .returning();
  const approved = async (amountCents: number) => {
    const id = await world.submitted(amountCents);
    await approveSpend(await world.as.controller1(), id);
    return id;
  };
  const spend = async (id: string) => (await t.db.select().from(spendRequests).where(eq(spendRequests.id, id)))[0];
  const budget = async () => (await t.db.select().from(budgetBalances).where(eq(budgetBalances.id, world.budget.id)))[0];
  const postings = (spendId: string, kind: string) =>
    t.db
      .select()
      .from(ledgerPostings)
      .where(and(eq(ledgerPostings.spendId, spendId), eq(ledgerPostings.kind, kind)));
  const reserved = async (spendId: string) =>
    (
      await t.db
        .select({ s: sql<string>`coalesce(sum(amount_cents),0)::text` })
        .from(ledgerPostings)
        .where(and(eq(ledgerPostings.spendId, spendId), eq(ledgerPostings.account, "reserved")))
    )[0].s;
  /** Asks for an authorisation and returns Stripe's view of our answer. */
  const request = async (amountCents: number, opts: { id?: string; category?: string; currency?: string } = {}) => {
    const auth = authorization({ id: opts.id, card: ref, pendingAmount: amountCents, category: opts.category, currency: opts.currency });
    const res = await deliver(event("issuing_authorization.request", auth));
    const [row] = await t.db.select().from(issuingAuthorizations).where(eq(issuingAuthorizations.id, auth.id));
    return { ...res, auth, row };
  };
  return { world, ref, card, approved, spend, budget, postings, reserved, request };
}

describe("webhook signature", () => {
  it("refuses a bad signature and a stale timestamp with 400 and records nothing", async () => {
    const w = await cardWorld();
    await w.approved(30_000);
    const payload = event("issuing_authorization.request", authorization({ card: w.ref, pendingAmount: 10_000 }));
    const wrong = await deliver(payload, { secret: "whsec_someone_else" });
    expect(wrong.status).toBe(400);
    const stale = await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(400);
    const missing = await deliver(payload, { signature: null });
    expect(missing.status).toBe(400);
    // A body changed after signing.
    const { header } = signed(payload, WEBHOOK_SECRET);
    const tampered = await handler(
      new Request("http://localhost/webhooks/stripe", {
        method: "POST",
        headers: { "Stripe-Signature": header, "Content-Type": "application/json" },
        body: JSON.stringify({ ...payload, id: "evt_other" }, null, 2),
      }),
    );
    expect(tampered.status).toBe(400);
    expect(await t.db.select().from(stripeEvents).where(eq(stripeEvents.id, payload.id))).toHaveLength(0);
    expect(await t.db.select().from(issuingAuthorizations).where(eq(issuingAuthorizations.teamId, w.world.teamA.id))).toHaveLength(0);
    // The same payload, signed correctly, goes through.
    expect((await deliver(payload)).status).toBe(200);
  });
});

describe("webhook: tolerance both ways, and signed events we cannot read", () => {
  it("a signature dated ahead of now by more than Stripe's 300 s is refused like a stale one; within it both ways passes", async () => {
    const w = await cardWorld();
    await w.approved(30_000);
    const now = Math.floor(Date.now() / 1000);
    const payload = event("issuing_authorization.request", authorization({ card: w.ref, pendingAmount: 10_000 }));
    const ahead = await deliver(payload, { timestamp: now + 3600 });
    expect(ahead.status).toBe(400);
    expect(ahead.json).toMatchObject({ error: "invalid_signature", reason: "timestamp_out_of_tolerance" });
    // Just past the tolerance, reading the clock again: on a loaded machine a second may pass since `now`.
    expect((await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) + 302 })).status).toBe(400);
    expect(await t.db.select().from(stripeEvents).where(eq(stripeEvents.id, payload.id))).toHaveLength(0);
    expect((await deliver(payload, { timestamp: now + 200 })).status).toBe(200);
    const other = event("issuing_authorization.request", authorization({ card: w.ref, pendingAmount: 1_000 }));
    expect((await deliver(other, { timestamp: now - 200 })).status).toBe(200);
  });

  it("a signed but malformed event is a 400 with the reason, and nothing is recorded or booked", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const auth = authorization({ card: w.ref, pendingAmount: 10_000 });
    const cases: [object, RegExp][] = [
      [event("issuing_authorization.request", { ...auth, card: undefined }), /^data\.object\.card: /],
      [event("issuing_authorization.request", { ...auth, pending_request: { amount: "10000", currency: "eur" } }), /^data\.object\.pending_request\.amount: /],
      [
        event("issuing_transaction.created", { ...transaction({ card: w.ref, authorizationId: auth.id, type: "capture", amountCents: 10_000 }), amount: 1.5 }),
        /^data\.object\.amount: /,
      ],
      [event("issuing_card.updated", { id: w.ref.stripeCardId, status: 42 }), /^data\.object\.status: /],
      [{ ...event("issuing_card.updated", issuingCard(w.ref)), data: null }, /^data: /],
      [{ id: "evt_no_type" }, /^type: /],
    ];
    for (const [payload, reason] of cases) {
      const res = await deliver(payload);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.error).toBe("malformed_event");
      expect(res.json.reason).toMatch(reason);
    }
    // Signed bytes that are not JSON.
    const body = "this is not json";
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET });
    const notJson = await handler(
      new Request("http://localhost/webhooks/stripe", { method: "POST", headers: { "Stripe-Signature": header, "Content-Type": "application/json" }, body }),
    );
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: "malformed_event", reason: "not_json" });
    expect(await t.db.select().from(stripeEvents).where(eq(stripeEvents.teamId, w.world.teamA.id))).toHaveLength(0);
    expect(await t.db.select().from(issuingAuthorizations).where(eq(issuingAuthorizations.teamId, w.world.teamA.id))).toHaveLength(0);
    expect(await w.postings(spendId, "pay")).toHaveLength(0);
    // Events of types we do not act on are still acknowledged.
    expect((await deliver(event("charge.succeeded", { id: "ch_1" }))).json).toEqual({ received: true, ignored: "charge.succeeded" });
  });
});

describe("real-time authorisation", () => {
  it("approves an amount an approved spend covers, in Stripe's synchronous format, and links it", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const r = await w.request(25_000);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ approved: true, metadata: { wijkwerk_spend: spendId } });
    expect(r.headers.get("Stripe-Version")).toBeTruthy();
    expect(r.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(r.ms).toBeLessThan(2000);
    expect(r.row).toMatchObject({ spendId, approved: true, approvedCents: 25_000, declineReason: null });
    // A redelivery of the same request event gets the same answer and changes nothing.
    const again = await deliver(
      event("issuing_authorization.request", r.auth, (await t.db.select().from(stripeEvents).where(eq(stripeEvents.teamId, w.world.teamA.id)))[0].id),
    );
    expect(again.json).toMatchObject({ approved: true, metadata: { wijkwerk_spend: spendId } });
    // The spend is held by this pending authorisation: a second card payment finds nothing to pay.
    const second = await w.request(1_000);
    expect(second.json).toMatchObject({ approved: false, metadata: { wijkwerk_reason: "no_approved_spend" } });
  });

  it("declines an amount no approved spend covers, with the reason stored", async () => {
    const w = await cardWorld();
    await w.approved(30_000);
    const r = await w.request(30_001);
    expect(r.json).toMatchObject({ approved: false, metadata: { wijkwerk_reason: "not_covered" } });
    expect(r.row).toMatchObject({ approved: false, declineReason: "not_covered", spendId: null });
    // Nothing approved at all.
    const w2 = await cardWorld();
    expect((await w2.request(100)).row?.declineReason).toBe("no_approved_spend");
  });

  it("declines when the spend's 14-day window has passed", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    await t.db
      .update(spendRequests)
      .set({ approvedAt: new Date(Date.now() - 15 * 86_400_000) })
      .where(eq(spendRequests.id, spendId));
    expect((await w.request(10_000)).row?.declineReason).toBe("spend_expired");
  });

  it("declines above the card's controls: per-authorisation cap, monthly cap, categories, currency", async () => {
    const w = await cardWorld({ perAuthorizationCapCents: 20_000, monthlyCapCents: 30_000, blockedCategories: ["betting_casino_gambling"] });
    const a = await w.approved(25_000);
    expect((await w.request(20_001)).row?.declineReason).toBe("over_authorization_cap");
    expect((await w.request(5_000, { category: "betting_casino_gambling" })).row?.declineReason).toBe("category_blocked");
    expect((await w.request(5_000, { currency: "usd" })).row?.declineReason).toBe("currency_not_eur");
    const ok = await w.request(20_000);
    expect(ok.row).toMatchObject({ approved: true, spendId: a });
    await w.approved(25_000);
    // 20 000 this month already approved: another 15 000 is over the 30 000 monthly cap.
    expect((await w.request(15_000)).row?.declineReason).toBe("over_monthly_cap");
    const allowedOnly = await cardWorld({ allowedCategories: ["hardware_stores"] });
    await allowedOnly.approved(10_000);
    expect((await allowedOnly.request(5_000, { category: "fast_food_restaurants" })).row?.declineReason).toBe("category_not_allowed");
    expect((await allowedOnly.request(5_000, { category: "hardware_stores" })).row?.approved).toBe(true);
  });

  it("declines when two spends could be meant, and follows the coordinator's 'Nu betalen' selection", async () => {
    const w = await cardWorld();
    const first = await w.approved(30_000);
    const second = await w.approved(40_000);
    expect((await w.request(20_000)).row?.declineReason).toBe("ambiguous");
    await selectSpendForCardPayment(await w.world.as.coordinator(), second);
    const r = await w.request(20_000);
    expect(r.row).toMatchObject({ approved: true, spendId: second });
    // The selected spend does not cover a larger amount: declined, not silently paid from the other one.
    const w2 = await cardWorld();
    const small = await w2.approved(10_000);
    await w2.approved(50_000);
    await selectSpendForCardPayment(await w2.world.as.coordinator(), small);
    expect((await w2.request(20_000)).row?.declineReason).toBe("selected_not_covered");
    expect(first).not.toBe(second);
  });

  it("an incremental request on the same authorisation is approved only while the spend still covers the total", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const first = await w.request(20_000);
    expect(first.row?.spendId).toBe(spendId);
    expect((await w.request(10_000, { id: first.auth.id })).json.approved).toBe(true);
    const over = await w.request(1, { id: first.auth.id });
    expect(over.json).toMatchObject({ approved: false, metadata: { wijkwerk_reason: "not_covered" } });
    expect(over.row).toMatchObject({ approved: true, approvedCents: 30_000, spendId });
  });
});

describe("captures, refunds and releases on the ledger", () => {
  it("a duplicate delivery (×5, also at once) books the capture once", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const r = await w.request(25_000);
    const capture = event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: r.auth.id, type: "capture", amountCents: 25_000 }));
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => deliver(capture)));
    expect(results.map((x) => x.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await w.postings(spendId, "pay")).toHaveLength(2); // one group: two legs
    expect(await t.db.select().from(stripeEvents).where(eq(stripeEvents.id, capture.id))).toHaveLength(1);
    expect(await w.spend(spendId)).toMatchObject({ status: "paid", paidCents: 25_000, paymentMethod: "card" });
    expect((await w.budget()).paidCents).toBe(25_000);
  });

  it("partial capture: the closed authorisation releases what was not captured", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const r = await w.request(25_000);
    const capture = transaction({ card: w.ref, authorizationId: r.auth.id, type: "capture", amountCents: 20_000 });
    await deliver(event("issuing_authorization.created", authorization({ id: r.auth.id, card: w.ref, amount: 25_000, approved: true })));
    await deliver(event("issuing_transaction.created", capture));
    expect(await w.reserved(spendId)).toBe("10000");
    await deliver(
      event(
        "issuing_authorization.updated",
        authorization({ id: r.auth.id, card: w.ref, amount: 20_000, approved: true, status: "closed", transactions: [capture] }),
      ),
    );
    expect(await w.reserved(spendId)).toBe("0");
    const b = await w.budget();
    expect(b).toMatchObject({ paidCents: 20_000, reservedCents: 0, availableCents: 1_000_000 - 20_000 });
    expect(await w.postings(spendId, "release")).toHaveLength(2);
    // Another 'updated' of the closed authorisation changes nothing.
    await deliver(
      event(
        "issuing_authorization.updated",
        authorization({ id: r.auth.id, card: w.ref, amount: 20_000, approved: true, status: "closed", transactions: [capture] }),
      ),
    );
    expect(await w.postings(spendId, "release")).toHaveLength(2);
  });

  it("out of order: the closed authorisation (listing its capture) before issuing_transaction.created books once", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const r = await w.request(30_000);
    const capture = transaction({ card: w.ref, authorizationId: r.auth.id, type: "capture", amountCents: 30_000 });
    await deliver(
      event(
        "issuing_authorization.updated",
        authorization({ id: r.auth.id, card: w.ref, amount: 30_000, approved: true, status: "closed", transactions: [capture] }),
      ),
    );
    await deliver(event("issuing_transaction.created", capture));
    await deliver(event("issuing_authorization.created", authorization({ id: r.auth.id, card: w.ref, amount: 30_000, approved: true })));
    expect(await w.postings(spendId, "pay")).toHaveLength(2);
    expect(await t.db.select().from(issuingTransactions).where(eq(issuingTransactions.spendId, spendId))).toHaveLength(1);
    expect(await w.spend(spendId)).toMatchObject({ status: "paid", paidCents: 30_000 });
    expect((await w.budget()).paidCents).toBe(30_000);
  });

  it("a refund posts paid → available for the spend", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const r = await w.request(30_000);
    await deliver(event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: r.auth.id, type: "capture", amountCents: 30_000 })));
    await deliver(event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: r.auth.id, type: "refund", amountCents: 5_000 })));
    expect(await w.postings(spendId, "refund")).toHaveLength(2);
    expect(await w.spend(spendId)).toMatchObject({ paidCents: 25_000 });
    expect(await w.budget()).toMatchObject({ paidCents: 25_000, availableCents: 1_000_000 - 25_000 - 0 });
    // A refund larger than what was paid is kept as a problem, not booked.
    await deliver(event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: r.auth.id, type: "refund", amountCents: 99_999 })));
    const problems = await t.db
      .select()
      .from(issuingTransactions)
      .where(and(eq(issuingTransactions.spendId, spendId), eq(issuingTransactions.problem, "refund_exceeds_paid")));
    expect(problems).toHaveLength(1);
    const check = await checkLedger(t.db);
    expect(check.problems.filter((p) => p.includes(problems[0].id))).toHaveLength(1);
  });

  it("the dashboard and the CSV count card money as the ledger does: a refund after settlement lowers the request's cost", async () => {
    const w = await cardWorld();
    const controller = await w.world.as.controller1();
    const spendId = await w.approved(30_000);
    const r = await w.request(30_000);
    await deliver(event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: r.auth.id, type: "capture", amountCents: 30_000 })));
    await settleSpend(controller, spendId, { actualCents: 30_000 });
    // The shop refunds € 40 after the settlement: the ledger's paid goes down, so must every figure that counts this request.
    await deliver(event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: r.auth.id, type: "refund", amountCents: 4_000 })));
    expect(await w.budget()).toMatchObject({ reservedCents: 0, paidCents: 26_000 });
    const year = new Date().getUTCFullYear();
    const d = await workbudgetDashboard(controller, { year });
    expect(d.returns.committedCostCents).toBe(26_000);
    expect(d.perTeam).toEqual([
      expect.objectContaining({ teamId: w.world.teamA.id, approvedCount: 1, reservedCents: 0, paidCents: 26_000, committedCents: 26_000 }),
    ]);
    expect(d.prevented.map((p) => p.costCents)).toEqual([26_000]);
    // Semicolon-separated (the purpose has a comma in it).
    const csv = (await financeCsv(controller, { year, kind: "spends", decimalComma: true })).split("\r\n");
    const header = csv[0].replace(/^\uFEFF/, "").split(";");
    const row = Object.fromEntries(csv[1].split(";").map((v, i) => [header[i], v]));
    expect(row).toMatchObject({ betaald_eur: "260,00", vastgelegd_eur: "260,00", werkelijk_eur: "300,00", betaling_eur: "260,00" });
    expect((await getSpend(controller, spendId)).ledger).toMatchObject({ committedCents: 26_000 });
  });

  it("ledger:check: every card transaction maps to exactly one posting (and the check catches one that does not)", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const r = await w.request(30_000);
    await deliver(event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: r.auth.id, type: "capture", amountCents: 30_000 })));
    const before = await checkLedger(t.db);
    const txIds = (await t.db.select().from(issuingTransactions).where(eq(issuingTransactions.spendId, spendId))).map((x) => x.id);
    expect(txIds).toHaveLength(1);
    expect(before.problems.filter((p) => p.includes(spendId) || txIds.some((id) => p.includes(id)))).toEqual([]);
    // The budgets' balances equal their postings, card movements included; no card posting lacks its transaction.
    expect(before.problems.filter((p) => p.startsWith("budget") || p.startsWith("kaartboeking") || p.startsWith("boekingsgroep"))).toEqual([]);
    // A transaction claimed without its posting (as a bug would leave it) is reported.
    await t.db.insert(issuingTransactions).values({
      id: "ipi_without_posting",
      municipalityId: w.world.municipalityId,
      teamId: w.world.teamA.id,
      authorizationId: r.auth.id,
      spendId,
      type: "capture",
      amountCents: 1_000,
      ledgerGroupId: null,
      stripeCreatedAt: new Date(),
    });
    const after = await checkLedger(t.db);
    expect(after.problems.some((p) => p.includes("ipi_without_posting"))).toBe(true);
    expect(after.problems.some((p) => p.includes(spendId) && p.includes("betalingen"))).toBe(false);
    await t.db.execute(sql`delete from issuing_transactions where id = 'ipi_without_posting'`);
  });
});

describe("outgoing calls through the Stripe outbox", () => {
  const stripe = () => createStripeClient(stripeSettingsFromEnv()!);

  it("creates the cardholder and card with idempotency keys from our ids, retrying after a 5xx", async () => {
    const w = await ledgerWorld(t, { year: 2030 });
    await t.db.update(municipalitySettings).set({ disbursementMode: "stripe_issuing" }).where(eq(municipalitySettings.municipalityId, w.municipalityId));
    const { id } = await requestTeamCard(await w.as.controller1(), w.teamB.id, {
      perAuthorizationCapCents: 50_000,
      monthlyCapCents: 200_000,
      allowedCategories: [],
      blockedCategories: [],
    });
    const before = stripeApi.requests.length;
    stripeApi.failNext(1, 503);
    const first = await deliverStripeOutbox(t.db, stripe());
    expect(first).toMatchObject({ sent: 0, failed: 1 });
    const [row] = await t.db.select().from(stripeOutbox).where(eq(stripeOutbox.teamCardId, id));
    expect(row).toMatchObject({ attempts: 1, doneAt: null, idempotencyKey: `wijkwerk-cardholder-${id}` });
    expect(row.lastError).toMatch(/Simulated server error/);
    // Not before its retry time …
    expect(await deliverStripeOutbox(t.db, stripe())).toMatchObject({ sent: 0, failed: 0 });
    // … and then the cardholder, followed by the card.
    const later = await deliverStripeOutbox(t.db, stripe(), { now: new Date(Date.now() + 3600_000) });
    expect(later).toMatchObject({ sent: 2, failed: 0 });
    const [card] = await t.db.select().from(teamCards).where(eq(teamCards.id, id));
    expect(card).toMatchObject({
      status: "active",
      stripeCardholderId: expect.stringMatching(/^ich_/),
      stripeCardId: expect.stringMatching(/^ic_/),
      last4: expect.stringMatching(/^\d{4}$/),
    });
    const sent = stripeApi.requests.slice(before);
    expect(sent.map((r) => [r.path, r.idempotencyKey])).toEqual([
      ["/v1/issuing/cardholders", `wijkwerk-cardholder-${id}`],
      ["/v1/issuing/cardholders", `wijkwerk-cardholder-${id}`],
      ["/v1/issuing/cards", `wijkwerk-card-${id}`],
    ]);
    expect(stripeApi.cards.get(card.stripeCardId!)?.spending_controls).toMatchObject({
      spending_limits: [
        { amount: 50_000, interval: "per_authorization" },
        { amount: 200_000, interval: "monthly" },
      ],
    });

    // The controller's new controls reach Stripe through the outbox too.
    await updateCardControls(await w.as.controller1(), id, {
      perAuthorizationCapCents: 10_000,
      monthlyCapCents: null,
      allowedCategories: [],
      blockedCategories: ["betting_casino_gambling"],
    });
    expect(await deliverStripeOutbox(t.db, stripe())).toMatchObject({ sent: 1 });
    expect(stripeApi.cards.get(card.stripeCardId!)?.spending_controls).toMatchObject({
      spending_limits: [{ amount: 10_000, interval: "per_authorization" }],
      blocked_categories: ["betting_casino_gambling"],
    });
    expect(stripeApi.requests.at(-1)?.idempotencyKey).toMatch(/^wijkwerk-controls-[0-9a-f-]{36}$/);
  });

  it("a sender that dies after Stripe created the cardholder leaves the row; the retry reuses the key and creates nothing twice", async () => {
    const w = await ledgerWorld(t, { year: 2031 });
    await t.db.update(municipalitySettings).set({ disbursementMode: "stripe_issuing" }).where(eq(municipalitySettings.municipalityId, w.municipalityId));
    const { id } = await requestTeamCard(await w.as.controller1(), w.teamA.id, { perAuthorizationCapCents: null, monthlyCapCents: null });
    const holdersBefore = stripeApi.cardholders.size;
    // `pnpm stripe:sync` in its own process; Stripe takes the call and the process is killed before it hears back.
    const arrived = stripeApi.swallowNext();
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/stripe-sync.ts"], { env: { ...process.env }, stdio: "ignore" });
    await arrived;
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(stripeApi.cardholders.size).toBe(holdersBefore + 1);
    const [left] = await t.db
      .select()
      .from(stripeOutbox)
      .where(and(eq(stripeOutbox.teamCardId, id), eq(stripeOutbox.kind, "create_cardholder")));
    expect(left.doneAt).toBeNull();
    expect((await t.db.select().from(teamCards).where(eq(teamCards.id, id)))[0].stripeCardholderId).toBeNull();
    // The next run (the server's timer, or stripe:sync again) sends the same key: Stripe replays the first answer.
    // (PostgreSQL rolls the dead sender's transaction back once it notices the closed connection; until then the row is locked and skipped.)
    let failed = 0;
    for (let i = 0; i < 50; i++) {
      const result = await deliverStripeOutbox(t.db, stripe());
      failed += result.failed;
      if ((await t.db.select().from(teamCards).where(eq(teamCards.id, id)))[0].status === "active") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(failed).toBe(0);
    expect(stripeApi.cardholders.size).toBe(holdersBefore + 1);
    const [card] = await t.db.select().from(teamCards).where(eq(teamCards.id, id));
    expect(stripeApi.cardholders.has(card.stripeCardholderId!)).toBe(true);
    expect(card.status).toBe("active");
  });
});

describe("the controller's reconciliation, 'Nu betalen' rules, the setting and RLS", () => {
  it("reconciliation per team and month is clean for booked payments and flags an unbooked one", async () => {
    const w = await cardWorld();
    await w.approved(30_000);
    const r = await w.request(30_000);
    await deliver(event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: r.auth.id, type: "capture", amountCents: 30_000 })));
    const controller = await w.world.as.controller1();
    const now = new Date();
    const clean = await cardReconciliation(controller, { year: now.getUTCFullYear() });
    expect(clean.rows).toHaveLength(1);
    expect(clean.rows[0]).toMatchObject({ teamId: w.world.teamA.id, authorizationsApproved: 1, capturedCents: 30_000, bookedPaidCents: 30_000, problems: [] });
    // A capture Stripe approved on its own (our answer timed out): no spend, so not booked — flagged.
    const alone = authorization({ card: w.ref, amount: 5_000, approved: true, status: "closed" });
    await deliver(event("issuing_authorization.created", alone));
    await deliver(event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: alone.id, type: "capture", amountCents: 5_000 })));
    const flagged = await cardReconciliation(controller, { year: now.getUTCFullYear() });
    expect(flagged.rows[0].problems).toEqual(expect.arrayContaining(["unbooked", "capture_mismatch", "approved_without_spend"]));
    expect(flagged.unbooked).toMatchObject([{ amountCents: 5_000, problem: "no_spend" }]);
    // A team member may not reconcile.
    await expect(cardReconciliation(await w.world.as.author(), { year: now.getUTCFullYear() })).rejects.toThrow();
  });

  it("'Nu betalen' is the coordinator's, on approved requests, within 14 days of approval", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(10_000);
    const coordinator = await w.world.as.coordinator();
    await expect(selectSpendForCardPayment(await w.world.as.author(), spendId)).rejects.toThrow();
    const { validUntil } = await selectSpendForCardPayment(coordinator, spendId);
    const approvedAt = (await w.spend(spendId)).approvedAt!;
    expect(validUntil.getTime()).toBe(approvedAt.getTime() + 14 * 86_400_000);
    const far = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await expect(selectSpendForCardPayment(coordinator, spendId, { validUntil: far })).rejects.toMatchObject({ code: "invalid_input" });
    const draft = await w.world.submitted(5_000);
    await expect(selectSpendForCardPayment(coordinator, draft)).rejects.toMatchObject({ code: "spend_invalid_transition" });
    // Team B's scope sees none of team A's card rows (RLS, not only the WHERE).
    const seen = await withScope(
      t.db,
      { kind: "team", municipalityId: w.world.municipalityId, teamId: w.world.teamB.id, userId: w.world.users.memberB.id },
      (tx) => tx.select().from(teamCards),
    );
    expect(seen).toEqual([]);
    const own = await withScope(
      t.db,
      { kind: "team", municipalityId: w.world.municipalityId, teamId: w.world.teamA.id, userId: w.world.users.coordinatorA.id },
      (tx) => tx.select().from(teamCards),
    );
    expect(own).toHaveLength(1);
  });

  it("Stripe can be chosen per municipality only when the keys are set", async () => {
    const w = await ledgerWorld(t, { year: 2032 });
    const admin = await createUser(t.db, w.municipalityId, { scopeRoles: [{ role: "admin" }] });
    const ctx = await municipalityContext(t.db, admin.id);
    await expect(updateDisbursementMode(ctx, "stripe_issuing", null)).rejects.toMatchObject({ code: "stripe_not_configured" });
    expect(await updateDisbursementMode(ctx, "stripe_issuing")).toEqual({ changed: true });
    expect(await disbursementMode(t.db, w.municipalityId)).toBe("stripe_issuing");
    // Without keys the stored choice counts as manual.
    expect(await disbursementMode(t.db, w.municipalityId, null)).toBe("manual");
  });
});

describe("the pages, over the built app with real sessions (the journey without a browser)", () => {
  async function signIn(userId: string) {
    const id = randomBytes(20).toString("hex");
    await t.db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
    return `wijkwerk_session=${id}`;
  }
  const page = async (url: string, cookie: string, form?: Record<string, string>) => {
    const res = await handler(
      new Request(`http://localhost${url}`, {
        method: form ? "POST" : "GET",
        headers: { Cookie: cookie, Host: "localhost", ...(form ? { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" } : {}) },
        body: form ? new URLSearchParams(form).toString() : undefined,
        redirect: "manual",
      }),
    );
    return { status: res.status, location: res.headers.get("Location"), html: await res.text() };
  };

  it("approved request → coordinator 'Nu betalen' → card payment → paid → reconciliation clean; controller sets limits", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(12_500);
    await w.approved(20_000); // a second open request: without the choice the card would be ambiguous
    const coordinator = await signIn(w.world.users.coordinatorA.id);
    await t.db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, w.world.users.controller1.id));
    const controller = await signIn(w.world.users.controller1.id);
    const spendUrl = `/t/${w.world.teamA.slug}/werkbudget/${spendId}`;

    const before = await page(spendUrl, coordinator);
    expect(before.status).toBe(200);
    expect(before.html).toContain("Betalen met de teamkaart");
    expect(before.html).toContain("Nu betalen");
    const chosen = await page(spendUrl, coordinator, { intent: "pay_now", validUntil: "" });
    expect(chosen.status).toBe(302);
    expect(chosen.location).toBe(`${spendUrl}?gedaan=nu-betalen`);
    expect((await page(`${spendUrl}?gedaan=nu-betalen`, coordinator)).html).toContain("Gekozen voor de volgende kaartbetaling");
    // A member (not the coordinator) has no 'Nu betalen'.
    const author = await signIn(w.world.users.authorA.id);
    expect((await page(spendUrl, author)).html).not.toContain('value="pay_now"');

    const r = await w.request(12_000);
    expect(r.json).toMatchObject({ approved: true, metadata: { wijkwerk_spend: spendId } });
    const declined = await w.request(99_000);
    expect(declined.json.approved).toBe(false);
    await deliver(event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: r.auth.id, type: "capture", amountCents: 12_000 })));
    await deliver(event("issuing_authorization.updated", authorization({ id: r.auth.id, card: w.ref, amount: 12_000, approved: true, status: "closed" })));
    expect(await w.spend(spendId)).toMatchObject({ status: "paid", paidCents: 12_000 });
    expect(await w.reserved(spendId)).toBe("0");

    const cardPage = await page(`/t/${w.world.teamA.slug}/kaart`, coordinator);
    expect(cardPage.status).toBe(200);
    expect(cardPage.html).toContain("•••• 4242");
    expect(cardPage.html).toContain("Geen goedgekeurde aanvraag dekt dit bedrag.");
    expect(cardPage.html).toContain("Afschrijving");
    expect((await page(`/t/${w.world.teamA.slug}`, coordinator)).html).toContain(`/t/${w.world.teamA.slug}/kaart`);

    const recon = await page(`/gemeente/werkbudget/afstemming?jaar=${new Date().getUTCFullYear()}`, controller);
    expect(recon.status).toBe(200);
    expect(recon.html).toContain("Alles klopt");
    expect((await page("/gemeente/werkbudget/afstemming", coordinator)).status).toBe(404);

    const cards = await page("/gemeente/werkbudget/kaarten", controller);
    expect(cards.status).toBe(200);
    const saved = await page("/gemeente/werkbudget/kaarten", controller, {
      intent: "controls",
      id: w.card.id,
      perAuthorizationCap: "150,00",
      monthlyCap: "",
      allowedCategories: "",
      blockedCategories: "betting_casino_gambling",
    });
    expect(saved.status).toBe(302);
    expect((await t.db.select().from(teamCards).where(eq(teamCards.id, w.card.id)))[0]).toMatchObject({
      perAuthorizationCapCents: 15_000,
      monthlyCapCents: null,
      blockedCategories: ["betting_casino_gambling"],
    });
    expect(
      await t.db
        .select()
        .from(stripeOutbox)
        .where(and(eq(stripeOutbox.teamCardId, w.card.id), eq(stripeOutbox.kind, "update_card"))),
    ).toHaveLength(1);
    const invalid = await page("/gemeente/werkbudget/kaarten", controller, {
      intent: "controls",
      id: w.card.id,
      perAuthorizationCap: "veel",
      monthlyCap: "",
      allowedCategories: "a",
      blockedCategories: "b",
    });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain("Vul een bedrag in euro");
  });
});

describe("several signing secrets (STRIPE_WEBHOOK_SECRET comma-separated)", () => {
  it("reads every secret from the environment", () => {
    expect(
      stripeSettingsFromEnv({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: " whsec_a, whsec_b ,," } as unknown as NodeJS.ProcessEnv)?.webhookSecrets,
    ).toEqual(["whsec_a", "whsec_b"]);
    expect(stripeSettingsFromEnv({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: " , " } as unknown as NodeJS.ProcessEnv)).toBeNull();
  });

  it("accepts an event signed with the second secret; one signed with an unknown secret is 400 and records nothing", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const payload = event("issuing_authorization.request", authorization({ card: w.ref, pendingAmount: 10_000 }));
    const unknown = await deliver(payload, { secret: `whsec_${randomBytes(24).toString("hex")}` });
    expect(unknown.status).toBe(400);
    expect(await t.db.select().from(stripeEvents).where(eq(stripeEvents.id, payload.id))).toHaveLength(0);
    expect(await t.db.select().from(issuingAuthorizations).where(eq(issuingAuthorizations.teamId, w.world.teamA.id))).toHaveLength(0);
    const second = await deliver(payload, { secret: SECOND_SECRET });
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ approved: true, metadata: { wijkwerk_spend: spendId } });
    expect(await t.db.select().from(stripeEvents).where(eq(stripeEvents.id, payload.id))).toHaveLength(1);
    // A stale signature with the second secret is still refused.
    const stale = await deliver(event("issuing_authorization.request", authorization({ card: w.ref, pendingAmount: 1_000 })), {
      secret: SECOND_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale.status).toBe(400);
  });
});

describe("issuing_card.created/updated: the card's status and controls from Stripe", () => {
  it("a card cancelled in Stripe's dashboard is shown so and declines further payments; exactly once; an older event changes nothing", async () => {
    const w = await cardWorld({ perAuthorizationCapCents: 50_000 });
    await w.approved(30_000);
    const frozenAt = Math.floor(Date.now() / 1000);
    const frozen = event("issuing_card.updated", issuingCard(w.ref, { status: "inactive", perAuthorization: 50_000 }));
    frozen.created = frozenAt;
    const deliveries = await Promise.all([1, 2, 3].map(() => deliver(frozen)));
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(await t.db.select().from(stripeEvents).where(eq(stripeEvents.id, frozen.id))).toHaveLength(1);
    expect((await t.db.select().from(teamCards).where(eq(teamCards.id, w.card.id)))[0]).toMatchObject({ status: "inactive", cancellationReason: null });
    expect((await w.request(10_000)).json).toMatchObject({ approved: false, metadata: { wijkwerk_reason: "card_inactive" } });

    const cancelled = event("issuing_card.updated", issuingCard(w.ref, { status: "canceled", cancellationReason: "lost", perAuthorization: 50_000 }));
    cancelled.created = frozenAt + 10;
    await deliver(cancelled);
    // Delivered late: the 'active' state from before the freeze must not bring the card back.
    const older = event("issuing_card.updated", issuingCard(w.ref, { status: "active", perAuthorization: 50_000 }));
    older.created = frozenAt - 60;
    expect((await deliver(older)).status).toBe(200);
    const [row] = await t.db.select().from(teamCards).where(eq(teamCards.id, w.card.id));
    expect(row).toMatchObject({ status: "canceled", cancellationReason: "lost" });
    expect((await w.request(10_000)).json).toMatchObject({ approved: false, metadata: { wijkwerk_reason: "card_inactive" } });

    const coordinator = (
      await t.db
        .insert(sessions)
        .values({ id: randomBytes(20).toString("hex"), userId: w.world.users.coordinatorA.id, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true })
        .returning()
    )[0];
    const res = await handler(
      new Request(`http://localhost/t/${w.world.teamA.slug}/kaart`, { headers: { Cookie: `wijkwerk_session=${coordinator.id}`, Host: "localhost" } }),
    );
    expect(await res.text()).toContain("Opgeheven");
  });

  it("mirrors the controls changed at Stripe, except while a change of the controller's own still waits in the outbox", async () => {
    const w = await cardWorld({ perAuthorizationCapCents: 50_000 });
    await deliver(
      event("issuing_card.updated", issuingCard(w.ref, { perAuthorization: 20_000, monthly: 100_000, blockedCategories: ["betting_casino_gambling"] })),
    );
    expect((await t.db.select().from(teamCards).where(eq(teamCards.id, w.card.id)))[0]).toMatchObject({
      status: "active",
      perAuthorizationCapCents: 20_000,
      monthlyCapCents: 100_000,
      blockedCategories: ["betting_casino_gambling"],
      allowedCategories: [],
    });
    // Our stricter cap now applies to the real-time decision as well.
    await w.approved(30_000);
    expect((await w.request(25_000)).json).toMatchObject({ approved: false, metadata: { wijkwerk_reason: "over_authorization_cap" } });
    // The controller changes the controls; Stripe's event about the old state arrives before the outbox sent them.
    await updateCardControls(await w.world.as.controller1(), w.card.id, {
      perAuthorizationCapCents: 40_000,
      monthlyCapCents: null,
      allowedCategories: [],
      blockedCategories: [],
    });
    await deliver(event("issuing_card.updated", issuingCard(w.ref, { perAuthorization: 20_000, monthly: 100_000 })));
    expect((await t.db.select().from(teamCards).where(eq(teamCards.id, w.card.id)))[0]).toMatchObject({
      perAuthorizationCapCents: 40_000,
      monthlyCapCents: null,
    });
  });

  it("an event about a card that is not ours is acknowledged and recorded, nothing else", async () => {
    const stranger: CardRef = { stripeCardId: `ic_${randomBytes(8).toString("hex")}`, stripeCardholderId: "ich_x", last4: "0000" };
    const e = event("issuing_card.created", issuingCard(stranger));
    expect((await deliver(e)).status).toBe(200);
    expect(await t.db.select().from(stripeEvents).where(eq(stripeEvents.id, e.id))).toHaveLength(1);
  });
});

describe("notices on card payments", () => {
  it("a booked capture tells the author and the coordinator (in-app and e-mail) once, also when redelivered", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const r = await w.request(25_000);
    const capture = event("issuing_transaction.created", transaction({ card: w.ref, authorizationId: r.auth.id, type: "capture", amountCents: 25_000 }));
    await deliver(capture);
    await deliver(capture);
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.spendId, spendId), eq(notifications.kind, "card_paid")));
    expect(told.map((n) => n.userId).sort()).toEqual([w.world.users.authorA.id, w.world.users.coordinatorA.id].sort());
    expect(told[0].text).toMatch(/Met de teamkaart is €\s250,00 betaald bij Bouwmarkt Maastricht voor aanvraag WB-\d{4}-\d{4}\./);
    expect(told[0].link).toBe(`/t/${w.world.teamA.slug}/werkbudget/${spendId}`);
    const mails = await t.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, w.world.users.authorA.email));
    expect(mails.filter((m) => m.subject.startsWith("Wijkwerk: kaartbetaling voor aanvraag"))).toHaveLength(1);
  });

  it("a decline the team can act on tells the coordinators (not the members), once", async () => {
    const w = await cardWorld();
    await w.approved(30_000);
    const declined = await w.request(40_000);
    expect(declined.json.approved).toBe(false);
    // Redelivered: the same answer, no second notice.
    const again = await deliver(
      event(
        "issuing_authorization.request",
        declined.auth,
        (
          await t.db
            .select()
            .from(stripeEvents)
            .where(and(eq(stripeEvents.teamId, w.world.teamA.id), eq(stripeEvents.type, "issuing_authorization.request")))
        )[0].id,
      ),
    );
    expect(again.json.approved).toBe(false);
    const told = await t.db.select().from(notifications).where(eq(notifications.kind, "card_declined"));
    const ours = told.filter((n) => n.link === `/t/${w.world.teamA.slug}/kaart`);
    expect(ours.map((n) => n.userId)).toEqual([w.world.users.coordinatorA.id]);
    expect(ours[0].text.replace(/\u00a0/g, " ")).toBe(
      "Een betaling van € 400,00 met de teamkaart bij Bouwmarkt Maastricht is geweigerd: geen goedgekeurde aanvraag dekt dit bedrag.",
    );
    const mails = await t.db
      .select()
      .from(outboxEmails)
      .where(and(eq(outboxEmails.toAddress, w.world.users.coordinatorA.email), eq(outboxEmails.subject, "Wijkwerk: kaartbetaling geweigerd")));
    expect(mails).toHaveLength(1);
    expect(mails[0].textBody).toContain("Bekijk de teamkaart");
  });
});

describe("no manual cancel or payment while a card payment is pending", () => {
  it("refuses both while Stripe's authorisation is open; the page says why; allowed again once it ended without capture", async () => {
    const w = await cardWorld();
    const spendId = await w.approved(30_000);
    const r = await w.request(20_000);
    expect(r.json.approved).toBe(true);
    const author = await w.world.as.author();
    const controller = await w.world.as.controller1();
    await expect(cancelSpend(author, spendId)).rejects.toMatchObject({ code: "card_payment_pending", status: 409 });
    await expect(recordPayment(controller, spendId, { amountCents: 20_000, paymentDate: "2026-01-05", method: "bank_transfer" })).rejects.toMatchObject({
      code: "card_payment_pending",
    });
    expect(await w.spend(spendId)).toMatchObject({ status: "approved", paidCents: 0 });
    const seenByAuthor = await getSpend(author, spendId);
    expect(seenByAuthor).toMatchObject({ cardPaymentPending: true, blockedByCardPayment: true });
    expect(seenByAuthor.allowedActions).not.toContain("cancel");
    const seenByController = await getSpend(controller, spendId);
    expect(seenByController.allowedActions).not.toContain("pay");
    // Stripe reversed the authorisation (nothing captured): the request is free again.
    await deliver(event("issuing_authorization.updated", authorization({ id: r.auth.id, card: w.ref, amount: 0, approved: true, status: "reversed" })));
    expect((await getSpend(author, spendId)).allowedActions).toContain("cancel");
    await cancelSpend(author, spendId);
    expect(await w.spend(spendId)).toMatchObject({ status: "cancelled" });
    expect(await w.reserved(spendId)).toBe("0");
  });
});

describe("secure card display: the ephemeral key for Issuing Elements", () => {
  /** Team A's card also exists at the stand-in, as Stripe would have it. */
  async function displayWorld() {
    const w = await cardWorld();
    stripeApi.cards.set(w.ref.stripeCardId, { id: w.ref.stripeCardId, object: "issuing.card", status: "active", last4: w.ref.last4 });
    return w;
  }

  it("the coordinator gets a key for the team's own card, audited without the key; the nonce works once", async () => {
    const w = await displayWorld();
    const coordinator = await w.world.as.coordinator();
    const nonce = stripeApi.issueNonce(w.ref.stripeCardId);
    const key = await createCardDetailsKey(coordinator, { issuingCard: w.ref.stripeCardId, nonce });
    expect(key).toMatchObject({ issuingCard: w.ref.stripeCardId, nonce, ephemeralKeySecret: expect.stringMatching(/^ek_test_/) });
    const sent = stripeApi.requests.at(-1)!;
    expect(sent).toMatchObject({ method: "POST", path: "/v1/ephemeral_keys", body: { issuing_card: w.ref.stripeCardId, nonce } });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "card.details_viewed"), eq(auditEvents.objectId, w.card.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: w.world.users.coordinatorA.id, teamId: w.world.teamA.id, data: { last4: "4242" } });
    expect(JSON.stringify(audit[0])).not.toContain(key.ephemeralKeySecret);
    // A used nonce: Stripe refuses, we give nothing and record nothing more.
    await expect(createCardDetailsKey(coordinator, { issuingCard: w.ref.stripeCardId, nonce })).rejects.toMatchObject({ code: "card_details_unavailable" });
    expect(
      await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "card.details_viewed"), eq(auditEvents.objectId, w.card.id))),
    ).toHaveLength(1);
  });

  it("refuses a member of the team, another team's coordinator, the controller, and an inactive card", async () => {
    const w = await displayWorld();
    const before = stripeApi.requests.filter((r) => r.path === "/v1/ephemeral_keys").length;
    const input = () => ({ issuingCard: w.ref.stripeCardId, nonce: stripeApi.issueNonce(w.ref.stripeCardId) });
    await expect(createCardDetailsKey(await w.world.as.author(), input())).rejects.toThrow(/Cannot execute|forbidden/i);
    const otherCoordinator = await createUser(t.db, w.world.municipalityId, {
      name: "Coördinator B",
      teamRoles: [{ teamId: w.world.teamB.id, role: "coordinator" }],
    });
    await expect(createCardDetailsKey(await teamContext(t.db, otherCoordinator.id, w.world.teamB), input())).rejects.toMatchObject({
      code: "card_not_found",
      status: 404,
    });
    await expect(createCardDetailsKey(await w.world.as.controller1(), input())).rejects.toMatchObject({ code: "forbidden" });
    await t.db.update(teamCards).set({ status: "canceled" }).where(eq(teamCards.id, w.card.id));
    await expect(createCardDetailsKey(await w.world.as.coordinator(), input())).rejects.toMatchObject({ code: "card_not_active" });
    // None of them reached Stripe.
    expect(stripeApi.requests.filter((r) => r.path === "/v1/ephemeral_keys").length).toBe(before);
  });

  it("over the built app: the coordinator's card page admits Stripe.js (CSP) and its action returns the key; other pages keep the strict CSP", async () => {
    const w = await displayWorld();
    const id = randomBytes(20).toString("hex");
    await t.db.insert(sessions).values({ id, userId: w.world.users.coordinatorA.id, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
    const cookie = `wijkwerk_session=${id}`;
    const url = `http://localhost/t/${w.world.teamA.slug}/kaart`;
    const page = await handler(new Request(url, { headers: { Cookie: cookie, Host: "localhost" } }));
    const csp = page.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("script-src 'self' 'unsafe-inline' https://js.stripe.com");
    expect(csp).toContain("frame-src https://js.stripe.com");
    const html = await page.text();
    expect(html).toContain("De beveiligde weergave van Stripe wordt geladen");
    expect(html).toContain(PUBLISHABLE_KEY);
    expect(html).not.toContain("sk_test_");
    const home = await handler(new Request(`http://localhost/t/${w.world.teamA.slug}`, { headers: { Cookie: cookie, Host: "localhost" } }));
    expect(home.headers.get("Content-Security-Policy")).not.toContain("stripe.com");
    const reveal = await handler(
      // Remix single fetch: the fetcher posts to <route>.data and gets the action's data back (turbo-stream).
      new Request(`${url}.data`, {
        method: "POST",
        headers: { Cookie: cookie, Host: "localhost", Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "card_details", issuingCard: w.ref.stripeCardId, nonce: stripeApi.issueNonce(w.ref.stripeCardId) }).toString(),
      }),
    );
    expect(reveal.status).toBe(200);
    expect(reveal.headers.get("Cache-Control")).toContain("no-store");
    const body = await reveal.text();
    expect(body).toContain(w.ref.stripeCardId);
    expect(body).toMatch(/"ek_test_[\w-]+"/);
    // A member of the team may not ask (their page has no display either).
    const memberSession = randomBytes(20).toString("hex");
    await t.db.insert(sessions).values({ id: memberSession, userId: w.world.users.authorA.id, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
    const refused = await handler(
      new Request(`${url}.data`, {
        method: "POST",
        headers: {
          Cookie: `wijkwerk_session=${memberSession}`,
          Host: "localhost",
          Origin: "http://localhost",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ intent: "card_details", issuingCard: w.ref.stripeCardId, nonce: stripeApi.issueNonce(w.ref.stripeCardId) }).toString(),
      }),
    );
    expect(await refused.text()).not.toContain("ek_test_");
  });
});

describe("reconciliation against Stripe's own lists (SDK list calls to the stand-in)", () => {
  it("flags what Stripe has and we do not, what we have and Stripe does not; clean when they agree; says when Stripe is unreachable", async () => {
    const w = await cardWorld();
    stripeApi.cards.set(w.ref.stripeCardId, { id: w.ref.stripeCardId, object: "issuing.card", status: "active", last4: w.ref.last4 });
    await w.approved(30_000);
    const r = await w.request(30_000);
    const capture = transaction({ card: w.ref, authorizationId: r.auth.id, type: "capture", amountCents: 30_000 });
    const closed = authorization({ id: r.auth.id, card: w.ref, amount: 30_000, approved: true, status: "closed", transactions: [capture] });
    await deliver(event("issuing_authorization.updated", closed));
    // Stripe holds the same authorisation and capture (and a declined attempt that never reached us: not a difference).
    stripeApi.authorizations.set(closed.id, closed as unknown as Record<string, unknown>);
    stripeApi.transactions.set(capture.id, capture as unknown as Record<string, unknown>);
    const declinedAtStripe = authorization({ card: w.ref, amount: 0, approved: false, status: "closed" });
    stripeApi.authorizations.set(declinedAtStripe.id, declinedAtStripe as unknown as Record<string, unknown>);
    const controller = await w.world.as.controller1();
    const year = new Date().getUTCFullYear();
    const stripe = createStripeClient(stripeSettingsFromEnv()!);
    const clean = await cardReconciliation(controller, { year }, { pullFromStripe: stripe });
    expect(clean.stripe).toMatchObject({ checkedAuthorizations: 2, checkedTransactions: 1, differences: [] });

    // A webhook Stripe gave up on: an approved, captured payment only Stripe knows.
    const lostAuth = authorization({ card: w.ref, amount: 4_000, approved: true, status: "closed" });
    const lostCapture = transaction({ card: w.ref, authorizationId: lostAuth.id, type: "capture", amountCents: 4_000 });
    stripeApi.authorizations.set(lostAuth.id, lostAuth as unknown as Record<string, unknown>);
    stripeApi.transactions.set(lostCapture.id, lostCapture as unknown as Record<string, unknown>);
    // And one only we have (approved by us, unknown to Stripe).
    await w.approved(5_000);
    const onlyOurs = await w.request(5_000);
    expect(onlyOurs.json.approved).toBe(true);
    const flagged = await cardReconciliation(controller, { year }, { pullFromStripe: stripe });
    const diffs = flagged.stripe === "unavailable" ? [] : flagged.stripe!.differences;
    expect(diffs.map((d) => [d.kind, d.object, d.id]).sort()).toEqual(
      [
        ["missing_here", "authorization", lostAuth.id],
        ["missing_here", "transaction", lostCapture.id],
        ["missing_at_stripe", "authorization", onlyOurs.auth.id],
      ].sort(),
    );
    // The page shows them (over the built app, the controller signed in).
    const id = randomBytes(20).toString("hex");
    await t.db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, w.world.users.controller1.id));
    await t.db.insert(sessions).values({ id, userId: w.world.users.controller1.id, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
    const res = await handler(
      new Request(`http://localhost/gemeente/werkbudget/afstemming?jaar=${year}&stripe=1`, {
        headers: { Cookie: `wijkwerk_session=${id}`, Host: "localhost" },
      }),
    );
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("3 verschillen tussen Stripe en Wijkwerk");
    expect(html).toContain("Wel bij Stripe, niet in Wijkwerk");
    expect(html).toContain(lostCapture.id);
    // Stripe unreachable: the webhook-based table still, and a plain message.
    stripeApi.failNext(1, 500);
    expect((await cardReconciliation(controller, { year }, { pullFromStripe: stripe })).stripe).toBe("unavailable");
  });
});
