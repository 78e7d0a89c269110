// Evaluation reminders on real PostgreSQL: nothing before the due date
// (Amsterdam calendar day), one notification + e-mail per team recipient on
// it, never twice — also not when runs race — and nothing for requests that
// were evaluated or cancelled. The second reminder comes N days after the first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, notifications, outboxEmails, spendRequests, users } from "@wijkwerk/db";
import { EVALUATION_DUE_KIND, EVALUATION_OVERDUE_KIND } from "../src/workbudget/evaluation-reminders";
import {
  sendDueEvaluationReminders,
  workbudgetDashboard,
  listSpends,
  approveSpend,
  cancelSpend,
  createSpendDraft,
  evaluateSpend,
  recordPayment,
  settleSpend,
} from "../src/workbudget";
import { createTestDatabase, type TestDatabase } from "./db";
import { createTeam, createUser, teamContext } from "./fixtures";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

let t: TestDatabase;
let world: Awaited<ReturnType<typeof ledgerWorld>>;

beforeAll(async () => {
  t = await createTestDatabase("postgres");
  world = await ledgerWorld(t, { year: 2017, budgetCents: 10_000_000 });
});
afterAll(async () => {
  await t?.drop();
});

/** A request of the author, through the real workflow up to settlement at `settledAt` (due 3 months later). */
async function settled(amountCents: number, settledAt: Date) {
  const id = await world.submitted(amountCents);
  await approveSpend(await world.as.controller1(), id);
  await recordPayment(await world.as.controller1(), id, { amountCents, paymentDate: "2017-03-01", method: "bank_transfer" });
  await settleSpend(await world.as.controller1(), id, { actualCents: amountCents }, {}, settledAt);
  return id;
}

const reminders = (spendIds: string[], kind = EVALUATION_DUE_KIND) =>
  t.db
    .select()
    .from(notifications)
    .where(and(inArray(notifications.spendId, spendIds), eq(notifications.kind, kind)));

describe("evaluation reminders", () => {
  let spendId: string;

  it("sends nothing before the evaluation date, counted in Amsterdam", async () => {
    // 00:30 on 1 March in Amsterdam (still 28 February in UTC) → due on 1 June.
    spendId = await settled(10_000, new Date("2017-02-28T23:30:00Z"));
    const [row] = await t.db.select().from(spendRequests).where(eq(spendRequests.id, spendId));
    expect(row.evaluationDueOn).toBe("2017-06-01");
    // 31 May 23:59 in Amsterdam is 21:59 UTC: not due yet.
    const early = await sendDueEvaluationReminders(t.db, { now: new Date("2017-05-31T21:59:00Z") });
    expect(early).toMatchObject({ due: 0, notifications: 0 });
    expect(await reminders([spendId])).toHaveLength(0);
  });

  it("on the due date (00:30 in Amsterdam, still 31 May in UTC) tells the author and the coordinator, in the app and by e-mail", async () => {
    const mailsBefore = await t.db.select().from(outboxEmails);
    const result = await sendDueEvaluationReminders(t.db, { now: new Date("2017-05-31T22:30:00Z") });
    expect(result).toMatchObject({ due: 1, overdue: 0, notifications: 2, withoutRecipients: 0 });
    const rows = await reminders([spendId]);
    expect(rows.map((r) => r.userId).sort()).toEqual([world.users.authorA.id, world.users.coordinatorA.id].sort());
    for (const r of rows) {
      expect(r.link).toBe(`/t/${world.teamA.slug}/werkbudget/${spendId}`);
      expect(r.text).toMatch(/^Het is tijd om aanvraag WB-2017-\d{4} te evalueren \(gepland op 01-06-2017\)/);
      expect(r.municipalityId).toBe(world.municipalityId);
      expect(r.readAt).toBeNull();
    }
    // Not the other team member, not team B, not the controllers.
    const mails = (await t.db.select().from(outboxEmails)).filter((m) => !mailsBefore.some((b) => b.id === m.id));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([world.users.authorA.email, world.users.coordinatorA.email].sort());
    for (const m of mails) {
      expect(m.subject).toMatch(/^Wijkwerk: evalueer aanvraag WB-2017-\d{4}$/);
      expect(m.textBody).toContain(`/t/${world.teamA.slug}/werkbudget/${spendId}`);
      expect(m.sentAt).toBeNull();
    }
  });

  it("a second run sends nothing again", async () => {
    const again = await sendDueEvaluationReminders(t.db, { now: new Date("2017-06-02T08:00:00Z") });
    expect(again).toMatchObject({ due: 0, notifications: 0 });
    expect(await reminders([spendId])).toHaveLength(2);
  });

  it("the second reminder goes once, N days after the first, while still not evaluated", async () => {
    // The first reminder was written at 2017-05-31T22:30Z.
    expect((await sendDueEvaluationReminders(t.db, { now: new Date("2017-06-29T22:00:00Z"), overdueAfterDays: 30 })).overdue).toBe(0);
    const late = await sendDueEvaluationReminders(t.db, { now: new Date("2017-06-30T23:00:00Z"), overdueAfterDays: 30 });
    expect(late).toMatchObject({ due: 0, overdue: 1, notifications: 2 });
    const second = await reminders([spendId], EVALUATION_OVERDUE_KIND);
    expect(second.map((r) => r.userId).sort()).toEqual([world.users.authorA.id, world.users.coordinatorA.id].sort());
    expect(second[0].text).toMatch(/is te laat: die stond gepland op 01-06-2017/);
    expect((await sendDueEvaluationReminders(t.db, { now: new Date("2017-09-01T08:00:00Z"), overdueAfterDays: 30 })).overdue).toBe(0);
    expect(await reminders([spendId], EVALUATION_OVERDUE_KIND)).toHaveLength(2);
    // Without a second reminder configured, nothing overdue is sent at all.
    expect((await sendDueEvaluationReminders(t.db, { now: new Date("2017-09-01T08:00:00Z"), overdueAfterDays: null })).overdue).toBe(0);
  });

  it("evaluated and cancelled requests get no reminder", async () => {
    const evaluated = await settled(5_000, new Date("2017-03-02T10:00:00Z"));
    await evaluateSpend(await world.as.author(), evaluated, { prevented: "yes", otherRegulationApplied: false });
    // A cancelled request never reaches settlement; give it a due date anyway to show the status decides.
    const { id: cancelled } = await createSpendDraft(await world.as.author(), { ...COMPLETE_DRAFT, amountCents: 4_000, neededOn: "2017-06-01" });
    await cancelSpend(await world.as.author(), cancelled);
    await t.db.update(spendRequests).set({ evaluationDueOn: "2017-06-02" }).where(eq(spendRequests.id, cancelled));
    const result = await sendDueEvaluationReminders(t.db, { now: new Date("2017-07-01T08:00:00Z"), overdueAfterDays: null });
    expect(result.due).toBe(0);
    expect(await reminders([evaluated, cancelled])).toHaveLength(0);
  });

  it("two (and three) runs at the same time send each reminder exactly once", async () => {
    // Many due requests so the runs' batches really overlap. The reminder only
    // looks at status and due date, so the rows are put in place directly.
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const { id } = await createSpendDraft(await world.as.author(), { ...COMPLETE_DRAFT, amountCents: 1_000 + i, neededOn: "2017-06-01" });
      ids.push(id);
    }
    await t.db
      .update(spendRequests)
      .set({ status: "settled", settledCents: 1_000, settledAt: new Date("2017-03-01T10:00:00Z"), evaluationDueOn: "2017-06-01" })
      .where(inArray(spendRequests.id, ids));
    const now = new Date("2017-06-01T09:00:00Z");
    const runs = await Promise.all([1, 2, 3].map(() => sendDueEvaluationReminders(t.db, { now, batchSize: 7, overdueAfterDays: null })));
    expect(runs.reduce((n, r) => n + r.due, 0)).toBe(60);
    expect(runs.reduce((n, r) => n + r.notifications, 0)).toBe(120);
    const rows = await reminders(ids);
    expect(rows).toHaveLength(120);
    const perSpendAndUser = new Set(rows.map((r) => `${r.spendId}/${r.userId}`));
    expect(perSpendAndUser.size).toBe(120);
    // …and one e-mail per notification: two per request.
    const mails = (await t.db.select().from(outboxEmails)).filter((m) => m.subject.startsWith("Wijkwerk: evalueer aanvraag"));
    for (const id of ids)
      expect(
        mails.filter((m) => m.textBody.includes(`/werkbudget/${id}`)),
        id,
      ).toHaveLength(2);
  });

  it("a team with nobody to tell is tried again later, and reminded once someone is there", async () => {
    const lonelyTeam = await createTeam(t.db, world.municipalityId);
    const author = await createUser(t.db, world.municipalityId, { name: "Vertrokken", teamRoles: [{ teamId: lonelyTeam.id, role: "member" }] });
    const { id } = await createSpendDraft(await teamContext(t.db, author.id, lonelyTeam), {
      ...COMPLETE_DRAFT,
      residentRef: "",
      amountCents: 2_000,
      neededOn: "2017-06-01",
    });
    await t.db.update(spendRequests).set({ status: "settled", evaluationDueOn: "2017-06-01" }).where(eq(spendRequests.id, id));
    await t.db.update(users).set({ isActive: false }).where(eq(users.id, author.id));
    const none = await sendDueEvaluationReminders(t.db, { now: new Date("2017-06-03T08:00:00Z"), overdueAfterDays: null });
    expect(none).toMatchObject({ due: 0, withoutRecipients: 1 });
    const coordinator = await createUser(t.db, world.municipalityId, {
      name: "Nieuwe coördinator",
      teamRoles: [{ teamId: lonelyTeam.id, role: "coordinator" }],
    });
    const later = await sendDueEvaluationReminders(t.db, { now: new Date("2017-06-04T08:00:00Z"), overdueAfterDays: null });
    expect(later).toMatchObject({ due: 1, notifications: 1 });
    expect((await reminders([id])).map((r) => r.userId)).toEqual([coordinator.id]);
  });
});

describe("late evaluations in the lists", () => {
  it("the team's list and the controller's dashboard show settled requests whose evaluation date has passed", async () => {
    const id = await settled(3_000, new Date("2017-04-10T10:00:00Z")); // due 2017-07-10
    const lateOnly = { status: ["settled" as const], evaluationOverdue: true };
    // On the due date itself it is not late yet; the day after it is.
    const onTheDay = await listSpends(await world.as.author(), lateOnly, 1, new Date("2017-07-10T21:00:00Z"));
    expect(onTheDay.rows.map((r) => r.id)).not.toContain(id);
    const dayAfter = await listSpends(await world.as.author(), lateOnly, 1, new Date("2017-07-10T22:30:00Z"));
    expect(dayAfter.rows.find((r) => r.id === id)).toMatchObject({ evaluationOverdue: true, evaluationDueOn: "2017-07-10" });
    // The coordinator sees the team's; team B sees none of them.
    expect((await listSpends(await world.as.coordinator(), lateOnly, 1, new Date("2017-07-11T08:00:00Z"))).rows.map((r) => r.id)).toContain(id);
    expect((await listSpends(await world.as.memberB(), lateOnly, 1, new Date("2017-07-11T08:00:00Z"))).total).toBe(0);
    // Without the filter the row still says whether it is late; an evaluated request never is.
    const all = await listSpends(await world.as.author(), { status: ["settled", "evaluated"] }, 1, new Date("2017-07-11T08:00:00Z"));
    expect(all.rows.filter((r) => r.status === "evaluated").every((r) => !r.evaluationOverdue)).toBe(true);
    expect(all.rows.find((r) => r.id === id)?.evaluationOverdue).toBe(true);

    const before = await workbudgetDashboard(await world.as.controller1(), { year: 2017 }, new Date("2017-05-01T08:00:00Z"));
    expect(before.overdueEvaluations).toEqual({ count: 0, oldestDueOn: null });
    const after = await workbudgetDashboard(await world.as.controller1(), { year: 2017 }, new Date("2017-07-11T08:00:00Z"));
    const late = await t.db
      .select()
      .from(spendRequests)
      .where(and(eq(spendRequests.status, "settled"), eq(spendRequests.budgetId, world.budget.id)));
    expect(after.overdueEvaluations.count).toBe(late.filter((s) => s.evaluationDueOn! < "2017-07-11").length);
    expect(after.overdueEvaluations.count).toBeGreaterThan(60);
    expect(after.overdueEvaluations.oldestDueOn).toBe("2017-06-01");
    const teamB = await workbudgetDashboard(await world.as.controller1(), { year: 2017, teamId: world.teamB.id }, new Date("2017-07-11T08:00:00Z"));
    expect(teamB.overdueEvaluations.count).toBe(0);
  });
});

describe("evaluation reminders on PGlite (the embedded database runs the same SQL)", () => {
  it("due → one reminder per recipient, and not again", async () => {
    const p = await createTestDatabase("pglite");
    try {
      const w = await ledgerWorld(p, { year: 2017 });
      const { id } = await createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 2_500, neededOn: "2017-06-01" });
      await p.db.update(spendRequests).set({ status: "settled", evaluationDueOn: "2017-06-01" }).where(eq(spendRequests.id, id));
      expect((await sendDueEvaluationReminders(p.db, { now: new Date("2017-05-31T12:00:00Z") })).due).toBe(0);
      expect(await sendDueEvaluationReminders(p.db, { now: new Date("2017-06-01T12:00:00Z") })).toMatchObject({ due: 1, notifications: 2 });
      expect(await sendDueEvaluationReminders(p.db, { now: new Date("2017-06-02T12:00:00Z") })).toMatchObject({ due: 0, notifications: 0 });
      const rows = await p.db.select().from(notifications).where(eq(notifications.spendId, id));
      expect(
        rows
          .filter((r) => r.kind === EVALUATION_DUE_KIND)
          .map((r) => r.userId)
          .sort(),
      ).toEqual([w.users.authorA.id, w.users.coordinatorA.id].sort());
      const late = await listSpends(await w.as.coordinator(), { evaluationOverdue: true }, 1, new Date("2017-06-02T12:00:00Z"));
      expect(late.rows.map((r) => [r.id, r.evaluationOverdue])).toEqual([[id, true]]);
    } finally {
      await p.drop();
    }
    // A fresh PGlite with every migration takes most of the default 30 s on a busy machine.
  }, 120_000);
});
