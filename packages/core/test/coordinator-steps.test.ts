// The coordinator's other answers to a submitted request (issue 17): ask the
// author for more information, or decline with a reason — besides endorsing.
// Declining is the existing "rejected" status taken by the coordinator
// (docs/workbudget.md): no money moved yet, so the ledger stays as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, budgetBalances, eq, notifications, spendRequests, spendTransitions, withScope } from "@wijkwerk/db";
import {
  approveSpend,
  checkLedger,
  endorseSpend,
  getSpend,
  rejectSpend,
  requestSpendInfo,
  spendBudgetContext,
  workbudgetMonthFigures,
  submitSpend,
  updateSpendDraft,
} from "../src/workbudget";
import { createTestDatabase, type TestDatabase } from "./db";
import { createUser, outcomeOf, teamContext } from "./fixtures";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

describe("the coordinator asks for information or declines", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  let coordinatorB: () => ReturnType<typeof teamContext>;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t, { budgetCents: 1_000_000, thresholdCents: 100_000 });
    const userB = await createUser(t.db, w.municipalityId, { name: "Coördinator B", teamRoles: [{ teamId: w.teamB.id, role: "coordinator" }] });
    coordinatorB = () => teamContext(t.db, userB.id, w.teamB);
  });
  afterAll(() => t.drop());

  const row = async (id: string) => (await t.db.select().from(spendRequests).where(eq(spendRequests.id, id)))[0];
  const audit = async (id: string) => (await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, id))).map((a) => a.action);
  const noticesOf = async (userId: string, spendId: string) =>
    t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.spendId, spendId)));

  it("the coordinator sees endorse, ask and decline on a submitted request of the team, not on their own", async () => {
    const id = await w.submitted(20_000);
    expect((await getSpend(await w.as.coordinator(), id)).allowedActions).toEqual(["endorse", "request_info", "reject"]);
    expect((await getSpend(await w.as.author(), id)).allowedActions).toEqual(["cancel"]);
  });

  it("asks for information: status info_requested, the question on the timeline, audit row, the author told; the author answers and resubmits", async () => {
    const id = await w.submitted(30_000);
    expect(await outcomeOf(requestSpendInfo(await w.as.coordinator(), id, { comment: "  " }))).toBe("comment_required");
    await requestSpendInfo(await w.as.coordinator(), id, { comment: "Is er een offerte van de bouwmarkt?" });
    expect((await row(id)).status).toBe("info_requested");
    const [step] = await t.db
      .select()
      .from(spendTransitions)
      .where(and(eq(spendTransitions.spendId, id), eq(spendTransitions.toStatus, "info_requested")));
    expect(step).toMatchObject({
      action: "request_info",
      fromStatus: "submitted",
      actorUserId: w.users.coordinatorA.id,
      comment: "Is er een offerte van de bouwmarkt?",
    });
    expect(await audit(id)).toEqual(["spend.info_requested"]);
    const [notice] = await noticesOf(w.users.authorA.id, id);
    expect(notice).toMatchObject({ kind: "info_requested" });
    expect(notice.text).toContain("Is er een offerte van de bouwmarkt?");
    // What happens next, for the author: they act, and the asker is named.
    const next = (await getSpend(await w.as.author(), id)).nextStep;
    expect(next).toMatchObject({ actor: "author", who: "Jij" });
    expect(next.what).toContain("Coördinator A");
    // The author answers (edits) and submits again: the coordinator decides once more.
    await updateSpendDraft(await w.as.author(), id, { ...COMPLETE_DRAFT, amountCents: 30_000, supplier: "Bouwmarkt, offerte bijgevoegd" });
    await submitSpend(await w.as.author(), id);
    expect((await row(id)).status).toBe("submitted");
    await endorseSpend(await w.as.coordinator(), id);
    expect((await row(id)).status).toBe("endorsed");
  });

  it("declines with a reason: rejected, reason kept, audit row, the author told, no money moved", async () => {
    const before = (await t.db.select().from(budgetBalances).where(eq(budgetBalances.id, w.budget.id)))[0];
    const id = await w.submitted(40_000);
    expect(await outcomeOf(rejectSpend(await w.as.coordinator(), id, { comment: "" }))).toBe("comment_required");
    await rejectSpend(await w.as.coordinator(), id, { comment: "Dit valt onder de Wmo, vraag dat eerst aan." });
    expect(await row(id)).toMatchObject({ status: "rejected", rejectionReason: "Dit valt onder de Wmo, vraag dat eerst aan." });
    expect(await audit(id)).toEqual(["spend.rejected"]);
    const [auditRow] = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, id));
    expect(auditRow.actorUserId).toBe(w.users.coordinatorA.id);
    expect((await noticesOf(w.users.authorA.id, id)).map((n) => n.kind)).toEqual(["rejected"]);
    const after = (await t.db.select().from(budgetBalances).where(eq(budgetBalances.id, w.budget.id)))[0];
    expect(after).toEqual(before);
    expect(await outcomeOf(approveSpend(await w.as.controller1(), id))).toBe("spend_invalid_transition");
    expect((await checkLedger(t.db)).problems).toEqual([]);
  });

  it("refuses: the author on their own request, another team's coordinator, a colleague, and any status but submitted", async () => {
    const id = await w.submitted(5_000);
    expect(await outcomeOf(rejectSpend(await w.as.author(), id, { comment: "Nee" }))).toBe("own_request");
    // A colleague (member) does not even see another member's request.
    expect(await outcomeOf(requestSpendInfo(await w.as.otherMember(), id, { comment: "Vraag" }))).toBe("not_found");
    expect(await outcomeOf(rejectSpend(await w.as.otherMember(), id, { comment: "Nee" }))).toBe("not_found");
    // Another team's coordinator: the request is not there for them (RLS), so not found.
    expect(await outcomeOf(requestSpendInfo(await coordinatorB(), id, { comment: "Vraag" }))).toBe("not_found");
    expect(await outcomeOf(rejectSpend(await coordinatorB(), id, { comment: "Nee" }))).toBe("not_found");
    // Once endorsed the decision is the controller's: the coordinator may no longer decline or ask.
    await endorseSpend(await w.as.coordinator(), id);
    expect(await outcomeOf(rejectSpend(await w.as.coordinator(), id, { comment: "Toch niet" }))).toBe("forbidden");
    expect(await outcomeOf(requestSpendInfo(await w.as.coordinator(), id, { comment: "Nog een vraag" }))).toBe("forbidden");
    expect((await getSpend(await w.as.coordinator(), id)).allowedActions).toEqual([]);
    // The controller still may.
    await requestSpendInfo(await w.as.controller1(), id, { comment: "Welke leverancier?" });
    expect((await row(id)).status).toBe("info_requested");
    expect(await audit(id)).toEqual(["spend.info_requested"]);
  });

  it("the controller's budget context: available now, and the team's year so far from the month figures (the same sums)", async () => {
    const id = await w.submitted(12_345);
    await approveSpend(await w.as.controller1(), id);
    const ctx = await w.as.controller1();
    const now = new Date();
    const context = await spendBudgetContext(ctx, id, now);
    const year = context.year;
    expect(year).toBe(Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric" }).format(now)));
    const [balances] = await t.db.select().from(budgetBalances).where(eq(budgetBalances.id, w.budget.id));
    expect(context).toMatchObject({ availableCents: balances.availableCents, fundedCents: 1_000_000 });
    const months = await withScope(ctx.db, ctx.scope, (tx) =>
      workbudgetMonthFigures(tx, { municipalityId: w.municipalityId, teamId: w.teamA.id, fromMonth: `${year}-01`, toMonth: `${year}-12` }),
    );
    expect(context.team.committedCents).toBe(months.reduce((a, m) => a + m.committedCents, 0));
    expect(context.team.committedCents).toBeGreaterThanOrEqual(12_345);
    expect(context.team.requests).toBeGreaterThan(0);
    // Another team's member reads nothing of it.
    expect(await outcomeOf(spendBudgetContext(await w.as.memberB(), id))).toBe("not_found");
  });

  it("what happens next: the norm until enough steps are measured, then the measured median of the timeline", async () => {
    const fresh = await w.submitted(1_000);
    const before = (await getSpend(await w.as.controller1(), fresh)).nextStep;
    // The earlier tests' steps out of "submitted" count as well: with five or more the median is told.
    const counted = await t.db.select().from(spendTransitions).where(eq(spendTransitions.fromStatus, "submitted"));
    const stepsOut = counted.filter((r) => r.toStatus !== "submitted" && r.toStatus !== "cancelled").length;
    expect(before.whenSource).toBe(stepsOut >= 5 ? "measured" : "norm");
    for (let i = 0; i < 5; i++) await endorseSpend(await w.as.coordinator(), await w.submitted(1_000 + i));
    const after = (await getSpend(await w.as.controller1(), fresh)).nextStep;
    expect(after).toMatchObject({ actor: "coordinator", whenSource: "measured", when: "Meestal binnen 1 dag (gemeten over het afgelopen jaar)." });
    expect(after.who).toBe("De coördinator van het team (Coördinator A)");
  });
});
