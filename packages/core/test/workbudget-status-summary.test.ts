// The team's "Totalen per status" (the coordinator's workbudget page) from
// workbudget_status_summary (migration 0052), kept by the workbudget summary's
// triggers: each cell of a small hand-made set; the counted total the same
// number as the controller's per-team figure (the dashboard and
// workbudgetMonthFigures, both from workbudget_summary); the same before and
// after a merge; a member's own totals (from the rows) unchanged; ledger:check
// recomputing the status summary and reporting a hand-broken cell.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, queryRows, spendRequests, sql, withScope } from "@wijkwerk/db";
import {
  approveSpend,
  cancelSpend,
  createSpendDraft,
  evaluateSpend,
  recordPayment,
  rejectSpend,
  settleSpend,
  spendStatusTotals,
  submitSpend,
  workbudgetDashboard,
  workbudgetMonthFigures,
} from "../src/workbudget";
import { summaryDifferences } from "../src/workbudget/summary-check";
import { createTestDatabase, type TestDatabase } from "./db";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

const PAY = { paymentDate: "2017-06-02", method: "bank_transfer" as const, reference: "NL-2017-001" };

describe("the team's totals per status, from the status summary", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t);
    const c = () => w.as.controller1();
    const s1 = await w.submitted(45_000);
    await approveSpend(await c(), s1);
    await recordPayment(await c(), s1, { ...PAY, amountCents: 45_000 });
    await settleSpend(await c(), s1, { actualCents: 41_250 });
    await evaluateSpend(await w.as.author(), s1, {
      prevented: "yes",
      realisedReturnCents: 900_000,
      realisedSocialReturn: "Werkt.",
      otherRegulationApplied: false,
    });
    const s2 = await w.submitted(20_000);
    await approveSpend(await c(), s2);
    const s3 = await w.submitted(5_000);
    await rejectSpend(await c(), s3, { comment: "Valt onder de Wmo." });
    await createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 9_000, neededOn: "2017-06-01" });
    const s5 = await w.submitted(3_000);
    await approveSpend(await c(), s5);
    await cancelSpend(await w.as.author(), s5);
    await w.submitted(7_000); // waiting for the controller
    // Another member's request of team A (the coordinator sees it, the author not) and one of team B.
    const other = (await createSpendDraft(await w.as.otherMember(), { ...COMPLETE_DRAFT, amountCents: 11_000, neededOn: "2017-06-01" })).id;
    await submitSpend(await w.as.otherMember(), other);
    const b1 = (await createSpendDraft(await w.as.memberB(), { ...COMPLETE_DRAFT, amountCents: 10_000, neededOn: "2017-06-01" })).id;
    await submitSpend(await w.as.memberB(), b1);
    // Spread over months (the summary's key), as the month figures' test does.
    await t.db
      .update(spendRequests)
      .set({ createdAt: new Date("2017-03-15T10:00:00Z") })
      .where(eq(spendRequests.id, s1));
    await t.db
      .update(spendRequests)
      .set({ createdAt: new Date("2017-04-02T10:00:00Z") })
      .where(eq(spendRequests.id, s2));
  });
  afterAll(() => t.drop());

  const teamA = {
    perStatus: [
      { status: "draft", count: 1, amountCents: 9_000 },
      { status: "submitted", count: 2, amountCents: 18_000 },
      { status: "approved", count: 1, amountCents: 20_000 },
      { status: "rejected", count: 1, amountCents: 5_000 },
      { status: "evaluated", count: 1, amountCents: 45_000 },
      { status: "cancelled", count: 1, amountCents: 3_000 },
    ],
    // Not the draft, not the cancelled one.
    requests: { count: 5, amountCents: 88_000 },
  };
  const sortByStatus = (x: { perStatus: { status: string }[] }) => x.perStatus.map((r) => r.status);

  it("the coordinator's totals: each status of the team's requests, read from the summary", async () => {
    const totals = await spendStatusTotals(await w.as.coordinator());
    expect(new Set(sortByStatus(totals))).toEqual(new Set(teamA.perStatus.map((r) => r.status)));
    expect(totals.perStatus.map((r) => ({ ...r }))).toEqual(expect.arrayContaining(teamA.perStatus));
    expect(totals.requests).toEqual(teamA.requests);
    // The filters the page has: a status, a budget year.
    expect(await spendStatusTotals(await w.as.coordinator(), { status: ["submitted"] })).toEqual({
      perStatus: [{ status: "submitted", count: 2, amountCents: 18_000 }],
      requests: { count: 2, amountCents: 18_000 },
    });
    expect((await spendStatusTotals(await w.as.coordinator(), { year: 2017 })).requests).toEqual(teamA.requests);
    expect(await spendStatusTotals(await w.as.coordinator(), { year: 2018 })).toEqual({ perStatus: [], requests: { count: 0, amountCents: 0 } });
    // The summary holds no row of the request itself: the same figures as counting the rows (the late-evaluation filter counts rows).
    const fromRows = await queryRows<{ status: string; n: string; amount: string }>(
      t.db,
      sql`select status, count(*) as n, sum(amount_cents) as amount from spend_requests where team_id = ${w.teamA.id} group by status`,
    );
    expect(fromRows.map((r) => ({ status: r.status, count: Number(r.n), amountCents: Number(r.amount) }))).toEqual(expect.arrayContaining(teamA.perStatus));
    expect(fromRows).toHaveLength(teamA.perStatus.length);
  });

  it("the counted total is the controller's per-team figure (dashboard and month figures)", async () => {
    const coordinator = await spendStatusTotals(await w.as.coordinator(), { year: 2017 });
    const dashboard = await workbudgetDashboard(await w.as.controller1(), { year: 2017 });
    const row = dashboard.perTeam.find((r) => r.teamId === w.teamA.id)!;
    expect(row.requestCount).toBe(coordinator.requests.count);
    const ctx = await w.as.controller1();
    const months = await withScope(ctx.db, ctx.scope, (tx) =>
      workbudgetMonthFigures(tx, { municipalityId: w.municipalityId, teamId: w.teamA.id, fromMonth: "2017-01", toMonth: "2030-12" }),
    );
    expect(months.reduce((a, m) => a + m.requests, 0)).toBe(coordinator.requests.count);
    expect(months.reduce((a, m) => a + m.requestedCents, 0)).toBe(coordinator.requests.amountCents);
  });

  it("is the same before and after the deltas are merged, and ledger:check recomputes it", async () => {
    const before = await spendStatusTotals(await w.as.coordinator());
    const [{ deltas }] = await queryRows<{ deltas: string }>(t.db, sql`select count(*) as deltas from workbudget_status_summary where not merged`);
    expect(Number(deltas)).toBeGreaterThanOrEqual(0);
    const ctx = await w.as.controller1();
    await withScope(ctx.db, ctx.scope, (tx) => tx.execute(sql`select workbudget_summary_merge()`));
    const [{ left }] = await queryRows<{ left: string }>(t.db, sql`select count(*) as left from workbudget_status_summary where not merged`);
    expect(Number(left)).toBe(0);
    expect(await spendStatusTotals(await w.as.coordinator())).toEqual(before);
    expect(await summaryDifferences(t.db)).toEqual([]);
    await t.db.execute(sql`update workbudget_status_summary set requests = requests + 1 where team_id = ${w.teamA.id} and status = 'rejected' and merged`);
    const diffs = await summaryDifferences(t.db);
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatchObject({ table: "workbudget_status_summary", column: "requests", detail: "status rejected", kept: 2, fromRows: 1 });
    await t.db.execute(sql`update workbudget_status_summary set requests = requests - 1 where team_id = ${w.teamA.id} and status = 'rejected' and merged`);
  });

  it("a member's own totals (counted from their rows) and another team's stay their own", async () => {
    const own = await spendStatusTotals(await w.as.author());
    expect(own.requests).toEqual({ count: 4, amountCents: 77_000 }); // not the other member's 11.000
    const b = await spendStatusTotals(await w.as.memberB());
    expect(b).toEqual({ perStatus: [{ status: "submitted", count: 1, amountCents: 10_000 }], requests: { count: 1, amountCents: 10_000 } });
  });

  it("a delete moves the status summary too (the erasure of a request)", async () => {
    await t.db.execute(sql`delete from spend_transitions where spend_id in (select id from spend_requests where team_id = ${w.teamA.id} and status = 'draft')`);
    await t.db.execute(sql`delete from spend_requests where team_id = ${w.teamA.id} and status = 'draft'`);
    const totals = await spendStatusTotals(await w.as.coordinator());
    expect(totals.perStatus.find((r) => r.status === "draft")).toBeUndefined();
    expect(totals.requests).toEqual(teamA.requests);
    expect(await summaryDifferences(t.db)).toEqual([]);
  });
});
