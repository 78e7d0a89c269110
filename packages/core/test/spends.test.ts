import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  and,
  auditEvents,
  budgetBalances,
  eq,
  ledgerPostings,
  notifications,
  outboxEmails,
  queryRows,
  spendRequests,
  spendTransitions,
  sql,
} from "@wijkwerk/db";
import {
  commentOnSpend,
  getSpend,
  listSpends,
  approveSpend,
  cancelSpend,
  createSpendDraft,
  endorseSpend,
  evaluateSpend,
  recordPayment,
  rejectSpend,
  requestSpendInfo,
  settleSpend,
  submitSpend,
  updateSpendDraft,
} from "../src/workbudget";
import { listNotifications, markNotificationsRead } from "../src/notifications";
import { createTestDatabase, type TestDatabase } from "./db";
import { outcomeOf } from "./fixtures";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

const PAY = { paymentDate: "2017-06-02", method: "bank_transfer" as const, reference: "NL-2017-001" };

describe("spend requests on the workbudget", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t, { budgetCents: 15_000_000, thresholdCents: 100_000 });
  });
  afterAll(() => t.drop());

  const balances = async () => (await t.db.select().from(budgetBalances).where(eq(budgetBalances.id, w.budget.id)))[0];

  it("the whole road: draft → submitted → endorsed → approved (reserved) → paid → settled (unused released) → evaluated", async () => {
    const { id } = await createSpendDraft(await w.as.author(), { amountCents: 45_000, neededOn: "2017-06-01", purpose: "Werkschoenen" });
    expect(await outcomeOf(submitSpend(await w.as.author(), id))).toBe("spend_incomplete");
    await updateSpendDraft(await w.as.author(), id, { ...COMPLETE_DRAFT, amountCents: 45_000, neededOn: "2017-06-01" });
    await submitSpend(await w.as.author(), id);
    expect(await outcomeOf(endorseSpend(await w.as.author(), id))).toBe("own_request");
    await endorseSpend(await w.as.coordinator(), id, { comment: "Akkoord, spoed." });
    await approveSpend(await w.as.controller1(), id, { idempotencyKey: "approve-road-1" });
    expect(await balances()).toMatchObject({ availableCents: 15_000_000 - 45_000, reservedCents: 45_000, paidCents: 0 });
    await recordPayment(await w.as.controller1(), id, { ...PAY, amountCents: 45_000 }, { idempotencyKey: "pay-road-1" });
    expect(await balances()).toMatchObject({ reservedCents: 0, paidCents: 45_000 });
    await settleSpend(await w.as.controller1(), id, { actualCents: 41_250 }, { idempotencyKey: "settle-road-1" }, new Date("2017-06-10T10:00:00Z"));
    expect(await balances()).toMatchObject({ availableCents: 15_000_000 - 41_250, reservedCents: 0, paidCents: 41_250 });
    const [settled] = await t.db.select().from(spendRequests).where(eq(spendRequests.id, id));
    expect(settled).toMatchObject({ status: "settled", settledCents: 41_250, evaluationDueOn: "2017-09-10" });
    await evaluateSpend(await w.as.author(), id, {
      prevented: "yes",
      realisedReturnCents: 1_600_000,
      realisedSocialReturn: "Werkt nog steeds.",
      otherRegulationApplied: true,
      otherRegulation: "bijzondere_bijstand",
      otherRegulationAmountCents: 40_000,
      otherRegulationLeadDays: 28,
    });
    const timeline = await t.db.select().from(spendTransitions).where(eq(spendTransitions.spendId, id)).orderBy(spendTransitions.id);
    expect(timeline.map((s) => s.toStatus)).toEqual(["draft", "submitted", "endorsed", "approved", "paid", "settled", "evaluated"]);
    expect(timeline[2].comment).toBe("Akkoord, spoed.");
    const audited = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, id)));
    expect(audited.map((a) => a.action)).toEqual(["spend.approved", "spend.paid", "spend.settled"]);
    // Every posting group balances.
    const groups = await queryRows(t.db, sql`select group_id from ledger_postings group by group_id having sum(amount_cents) <> 0`);
    expect(groups).toHaveLength(0);
  });

  it("a draft without a date needed goes on the budget of today's year in Amsterdam, not in UTC", async () => {
    // 31-12-2017 23:30 in Amsterdam is 22:30 UTC: still 2017.
    const { id } = await createSpendDraft(await w.as.author(), { amountCents: 1_000, purpose: "Oudejaarsavond" }, new Date("2017-12-31T22:30:00Z"));
    const [draft] = await t.db.select().from(spendRequests).where(eq(spendRequests.id, id));
    expect(draft.budgetId).toBe(w.budget.id);
    // 23:30 UTC is already 1 January 2018 in Amsterdam, and there is no 2018 budget.
    expect(await outcomeOf(createSpendDraft(await w.as.author(), { amountCents: 1_000, purpose: "Nieuwjaarsnacht" }, new Date("2017-12-31T23:30:00Z")))).toBe(
      "no_budget",
    );
  });

  it("author never approves their own; rejection needs a reason; more information sends it back to the author", async () => {
    const id = await w.submitted(10_000);
    expect(await outcomeOf(rejectSpend(await w.as.controller1(), id, { comment: " " }))).toBe("comment_required");
    await requestSpendInfo(await w.as.controller1(), id, { comment: "Welke offerte?" });
    await updateSpendDraft(await w.as.author(), id, { ...COMPLETE_DRAFT, amountCents: 12_000, supplier: "Offerte bijgevoegd" });
    await submitSpend(await w.as.author(), id);
    await rejectSpend(await w.as.controller1(), id, { comment: "Valt onder de Wmo." });
    const [row] = await t.db.select().from(spendRequests).where(eq(spendRequests.id, id));
    expect(row).toMatchObject({ status: "rejected", rejectionReason: "Valt onder de Wmo.", amountCents: 12_000 });
    expect(await outcomeOf(approveSpend(await w.as.controller1(), id))).toBe("spend_invalid_transition");
  });

  it("a controller who is also the author cannot approve", async () => {
    // The same person as controller and team member: approving their own request is refused.
    const { id } = await createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 5_000, neededOn: "2017-05-01" });
    await submitSpend(await w.as.author(), id);
    const ctl = await w.as.controller1();
    const sameActor = { ...ctl, actor: { ...ctl.actor, userId: w.users.authorA.id }, scope: { ...ctl.scope, userId: w.users.authorA.id } };
    expect(await outcomeOf(approveSpend(sameActor, id))).toBe("own_request");
  });

  it("above the threshold a second, different controller must approve; only then is it reserved", async () => {
    const id = await w.submitted(250_000);
    const before = await balances();
    const first = await approveSpend(await w.as.controller1(), id);
    expect(first).toMatchObject({ status: "awaiting_second_approval", action: "first_approval" });
    expect((await balances()).reservedCents).toBe(before.reservedCents);
    expect(await outcomeOf(approveSpend(await w.as.controller1(), id))).toBe("second_approver_required");
    expect(await approveSpend(await w.as.controller2(), id)).toMatchObject({ status: "approved" });
    expect((await balances()).reservedCents).toBe(before.reservedCents + 250_000);
  });

  it("cancelling an approved request releases the reservation; payment and settlement are bounded", async () => {
    const id = await w.submitted(30_000);
    await approveSpend(await w.as.controller1(), id);
    const reserved = (await balances()).reservedCents;
    await cancelSpend(await w.as.author(), id);
    expect((await balances()).reservedCents).toBe(reserved - 30_000);
    const id2 = await w.submitted(20_000);
    await approveSpend(await w.as.controller1(), id2);
    expect(await outcomeOf(recordPayment(await w.as.controller1(), id2, { ...PAY, amountCents: 20_001 }))).toBe("payment_exceeds_approved");
    await recordPayment(await w.as.controller1(), id2, { ...PAY, amountCents: 15_000 });
    expect(await outcomeOf(settleSpend(await w.as.controller1(), id2, { actualCents: 15_001 }))).toBe("settlement_exceeds_paid");
    const mid = await balances();
    await settleSpend(await w.as.controller1(), id2, { actualCents: 15_000 });
    // The 5.000 never paid is released.
    expect((await balances()).availableCents).toBe(mid.availableCents + 5_000);
    expect((await balances()).reservedCents).toBe(mid.reservedCents - 5_000);
  });

  it("the same idempotency key returns the first result; with other input it is refused", async () => {
    const id = await w.submitted(7_500);
    const a = await approveSpend(await w.as.controller1(), id, { idempotencyKey: "key-approve-7500" });
    const again = await approveSpend(await w.as.controller1(), id, { idempotencyKey: "key-approve-7500" });
    expect(again).toEqual(a);
    const postings = await t.db
      .select()
      .from(ledgerPostings)
      .where(and(eq(ledgerPostings.spendId, id), eq(ledgerPostings.kind, "reserve")));
    expect(postings).toHaveLength(2);
    expect(await outcomeOf(approveSpend(await w.as.controller1(), id, { idempotencyKey: "key-approve-7500", comment: "anders" }))).toBe("idempotency_conflict");
  });

  it("team isolation: another team's member cannot see or act on the request; a colleague sees only their own", async () => {
    const id = await w.submitted(1_000);
    expect(await outcomeOf(cancelSpend(await w.as.memberB(), id))).toBe("not_found");
    expect(await outcomeOf(cancelSpend(await w.as.otherMember(), id))).toBe("not_found");
    expect(await outcomeOf(approveSpend(await w.as.coordinator(), id))).toBe("forbidden");
  });

  it("the ledger is append-only and every group must balance (database walls)", async () => {
    expect(await outcomeOf(t.db.execute(sql`update ledger_postings set amount_cents = 0`))).not.toBe("ok");
    expect(await outcomeOf(t.db.execute(sql`delete from ledger_postings`))).not.toBe("ok");
    const unbalanced = t.db.execute(
      sql`insert into ledger_postings (municipality_id, budget_id, group_id, kind, account, amount_cents) values (${w.municipalityId}, ${w.budget.id}, gen_random_uuid(), 'allocate', 'available', 100)`,
    );
    expect(await outcomeOf(unbalanced)).not.toBe("ok");
    expect(
      await outcomeOf(
        t.db.execute(
          sql`update budget_pots set available_cents = -1, funded_cents = funded_cents - available_cents - 1 where budget_id = ${w.budget.id} and pot = 0`,
        ),
      ),
    ).not.toBe("ok");
  });

  it("lists: a member sees their own requests, the coordinator the team's, the controller every team's, another team none", async () => {
    const mine = await w.submitted(2_000);
    const { id: colleagues } = await createSpendDraft(await w.as.otherMember(), { ...COMPLETE_DRAFT, amountCents: 3_000, neededOn: "2017-06-01" });
    const ids = async (ctx: Parameters<typeof listSpends>[0]) => (await listSpends(ctx, {}, 1)).rows.map((r) => r.id);
    expect(await ids(await w.as.author())).toContain(mine);
    expect(await ids(await w.as.author())).not.toContain(colleagues);
    expect(await ids(await w.as.coordinator())).toEqual(expect.arrayContaining([mine, colleagues]));
    expect(await ids(await w.as.controller1())).toEqual(expect.arrayContaining([mine, colleagues]));
    expect(await ids(await w.as.memberB())).toHaveLength(0);
    const queue = await listSpends(await w.as.controller1(), { status: ["submitted", "endorsed"], oldestFirst: true });
    expect(queue.rows.every((r) => ["submitted", "endorsed"].includes(r.status))).toBe(true);
    expect(queue.rows[0].reference).toMatch(/^WB-2017-\d{4}$/);
  });

  it("one request with its timeline and the steps the viewer may take; comments join the timeline", async () => {
    const id = await w.submitted(4_000);
    expect((await getSpend(await w.as.author(), id)).allowedActions).toEqual(["cancel"]);
    expect((await getSpend(await w.as.coordinator(), id)).allowedActions).toEqual(["endorse", "request_info", "reject"]);
    expect((await getSpend(await w.as.controller1(), id)).allowedActions).toEqual(["request_info", "approve", "reject"]);
    await commentOnSpend(await w.as.controller1(), id, "Is er een offerte?");
    await commentOnSpend(await w.as.author(), id, "Ja, bijgevoegd.");
    const { timeline } = await getSpend(await w.as.author(), id);
    expect(timeline.filter((e) => e.action === "comment").map((e) => e.comment)).toEqual(["Is er een offerte?", "Ja, bijgevoegd."]);
    expect(await outcomeOf(getSpend(await w.as.memberB(), id))).toBe("not_found");
    expect(await outcomeOf(commentOnSpend(await w.as.memberB(), id, "Hallo"))).toBe("not_found");
  });

  it("tells the next actors in the app and by e-mail: coordinator and controllers on submit, the author on a question", async () => {
    const id = await w.submitted(3_300);
    const forUser = async (userId: string) =>
      t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.spendId, id)));
    expect((await forUser(w.users.coordinatorA.id)).map((n) => n.kind)).toEqual(["endorse"]);
    expect((await forUser(w.users.controller1.id)).map((n) => n.kind)).toEqual(["approve"]);
    expect(await forUser(w.users.authorA.id)).toHaveLength(0);
    expect(await forUser(w.users.memberB.id)).toHaveLength(0);
    await requestSpendInfo(await w.as.controller1(), id, { comment: "Welke leverancier?" });
    const [question] = await forUser(w.users.authorA.id);
    expect(question.text).toContain("Welke leverancier?");
    expect(question.link).toBe(`/t/${w.teamA.slug}/werkbudget/${id}`);
    const mails = await t.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, w.users.authorA.email));
    expect(mails.some((m) => m.textBody.includes(`/t/${w.teamA.slug}/werkbudget/${id}`))).toBe(true);
    const mine = await listNotifications(await w.as.author());
    expect(mine.unread).toBeGreaterThan(0);
    await markNotificationsRead(await w.as.author());
    expect((await listNotifications(await w.as.author())).unread).toBe(0);
  });
});
