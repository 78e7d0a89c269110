import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@wijkwerk/authz";
import { budgetBalances, eq, spendRequests } from "@wijkwerk/db";
import { DASHBOARD_LIST_LIMIT, LIST_LIMIT, POSTINGS_CSV_COLUMNS, SPENDS_CSV_COLUMNS } from "../src/workbudget/ledger-reports";
import {
  financeCsv,
  workbudgetDashboard,
  workbudgetDashboardPage,
  workbudgetFilterOptions,
  getSpend,
  listSpends,
  spendStatusTotals,
  approveSpend,
  cancelSpend,
  evaluateSpend,
  recordPayment,
  rejectSpend,
  settleSpend,
} from "../src/workbudget";
import { spendReference } from "../src/workbudget/spend-queries";
import { centsToEuros } from "../src/common";
import { createTestDatabase, type TestDatabase } from "./db";
import { ledgerWorld } from "./ledger-fixture";

const PAY = { paymentDate: "2017-06-02", method: "bank_transfer" as const, reference: "NL-2017-001" };
const NOW = new Date("2026-11-23T12:00:00Z");

describe("workbudget reports for the controller", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t, { budgetCents: 15_000_000, thresholdCents: 100_000 });
    const c1 = () => w.as.controller1();
    // s1: approved → paid → settled at € 412,50 → evaluated, with another regulation (€ 400, 28 days).
    ids.s1 = await w.submitted(45_000);
    await approveSpend(await c1(), ids.s1, { idempotencyKey: "rep-approve-1" });
    await recordPayment(await c1(), ids.s1, { ...PAY, amountCents: 45_000 }, { idempotencyKey: "rep-pay-1" });
    await settleSpend(await c1(), ids.s1, { actualCents: 41_250 }, { idempotencyKey: "rep-settle-1" });
    await evaluateSpend(await w.as.author(), ids.s1, {
      prevented: "yes",
      realisedReturnCents: 1_600_000,
      realisedSocialReturn: "Werkt.",
      otherRegulationApplied: true,
      otherRegulation: "bijzondere_bijstand",
      otherRegulationAmountCents: 40_000,
      otherRegulationLeadDays: 28,
    });
    // s2: approved and paid; s3: approved; s4: rejected; s5: waiting; s6: first of two approvals.
    ids.s2 = await w.submitted(20_000);
    await approveSpend(await c1(), ids.s2, { idempotencyKey: "rep-approve-2" });
    await recordPayment(await c1(), ids.s2, { ...PAY, amountCents: 20_000 }, { idempotencyKey: "rep-pay-2" });
    ids.s3 = await w.submitted(10_000);
    await approveSpend(await c1(), ids.s3, { idempotencyKey: "rep-approve-3" });
    ids.s4 = await w.submitted(5_000);
    await rejectSpend(await c1(), ids.s4, { comment: "Valt onder de Wmo." });
    ids.s5 = await w.submitted(7_000);
    ids.s6 = await w.submitted(250_000);
    await approveSpend(await c1(), ids.s6);
    // s7: approved, then withdrawn by its author (the reservation goes back). s8: approved € 300, € 100 paid so far.
    ids.s7 = await w.submitted(3_000);
    await approveSpend(await c1(), ids.s7);
    await cancelSpend(await w.as.author(), ids.s7);
    ids.s8 = await w.submitted(30_000);
    await approveSpend(await c1(), ids.s8);
    await recordPayment(await c1(), ids.s8, { ...PAY, amountCents: 10_000 });
  });

  // The tester's finding (issue 13): the report's summary said € 1.009,00 committed for 5 requests, the per-team table
  // totalled € 1.019,00 "approved"; "Betaald" was € 599,50 in the key figures and € 609,50 in the table; a team's
  // count included withdrawn requests. Every total must be the sum of its rows and the ledger's balance.
  it("the per-team table, the per-norm table, the returns and the report's counts add up to the key figures", async () => {
    const d = await workbudgetDashboard(await w.as.controller1(), { year: 2017 }, NOW);
    const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);
    const committed = d.totals.reservedCents + d.totals.paidCents;
    expect(sum(d.perTeam, (r) => r.paidCents)).toBe(d.totals.paidCents);
    expect(d.returns.committedCostCents).toBe(committed);
    expect(sum(d.perTeam, (r) => r.reservedCents)).toBe(d.totals.reservedCents);
    expect(sum(d.perTeam, (r) => r.committedCents)).toBe(committed);
    expect(sum(d.perNorm, (r) => r.costCents)).toBe(committed);
    // Approved and not withdrawn: s1, s2, s3, s8. Requests: all but the withdrawn s7 (no drafts here).
    expect(sum(d.perTeam, (r) => r.approvedCount)).toBe(4);
    expect(sum(d.perNorm, (r) => r.count)).toBe(4);
    expect(sum(d.perTeam, (r) => r.requestCount)).toBe(7);
    expect(d.requests).toEqual({
      requestCount: 7,
      approvedCount: 4,
      reservedCents: d.totals.reservedCents,
      paidCents: d.totals.paidCents,
      committedCents: committed,
    });
  });
  afterAll(() => t.drop());

  it("key figures come from the postings and match the cached budget row", async () => {
    const d = await workbudgetDashboard(await w.as.controller1(), { year: 2017 }, NOW);
    // reserved: s3 (100,00) + s8's unpaid 200,00; paid: s1 settled 412,50 + s2 200,00 + s8 100,00; available: 150.000 − 1.012,50.
    const expected = { fundedCents: 15_000_000, reservedCents: 30_000, paidCents: 41_250 + 20_000 + 10_000, availableCents: 15_000_000 - 101_250 };
    expect(d.totals).toEqual(expected);
    expect(d.cached).toEqual(expected);
    expect(d.totalsMatchCache).toBe(true);
    const [row] = await t.db.select().from(budgetBalances).where(eq(budgetBalances.id, w.budget.id));
    expect(row.availableCents).toBe(14_898_750);
  });

  it("burn-down: funding from January, later postings in their month (past the year: December), the last point equals the totals", async () => {
    const d = await workbudgetDashboard(await w.as.controller1(), { year: 2017 }, NOW);
    expect(d.burnDown).toHaveLength(12);
    expect(d.burnDown[0]).toEqual({ month: "2017-01", committedCents: 0, availableCents: 15_000_000 });
    expect(d.burnDown[10]).toEqual({ month: "2017-11", committedCents: 0, availableCents: 15_000_000 });
    expect(d.burnDown[11]).toEqual({ month: "2017-12", committedCents: 101_250, availableCents: 14_898_750 });
    // This year's months still to come are empty.
    const current = await workbudgetDashboard(await w.as.controller1(), { year: 2026 }, NOW);
    expect(current.budget).toBeNull();
    expect(current.burnDown[10].committedCents).toBe(0);
    expect(current.burnDown[11]).toEqual({ month: "2026-12", committedCents: null, availableCents: null });
  });

  it("breakdowns per team, life domain and norm; returns and their ratios", async () => {
    const d = await workbudgetDashboard(await w.as.controller1(), { year: 2017 }, NOW);
    // Requests: s1–s6 and s8 (s7 was withdrawn); approved: s1, s2, s3, s8; the money is the ledger's: s1 paid its actual
    // 412,50 (not the 450,00 requested or paid), s8 has 200,00 reserved and 100,00 paid.
    expect(d.perTeam).toEqual([
      {
        teamId: w.teamA.id,
        teamName: expect.any(String),
        requestCount: 7,
        approvedCount: 4,
        reservedCents: 30_000,
        paidCents: 71_250,
        committedCents: 101_250,
      },
    ]);
    // Committed: s1 (412,50), s2 (200,00), s3 (100,00), s8 (300,00), each touching financien and werk_opleiding.
    expect(d.perLifeDomain).toEqual(
      expect.arrayContaining([
        { domain: "financien", count: 4, costCents: 101_250 },
        { domain: "werk_opleiding", count: 4, costCents: 101_250 },
      ]),
    );
    expect(d.perLifeDomain).toHaveLength(2);
    expect(d.perNorm).toEqual([{ normId: null, code: null, label: null, count: 4, expectedReturnCents: 6_400_000, costCents: 101_250 }]);
    expect(d.returns).toEqual({
      committedCostCents: 101_250,
      expectedReturnCents: 6_400_000,
      expectedRatio: 63.21, // 6.400.000 / 101.250
      evaluatedCount: 1,
      evaluatedCostCents: 41_250,
      realisedReturnCents: 1_600_000,
      realisedRatio: 38.79, // 1.600.000 / 41.250
    });
    // The committed cost is what the ledger has reserved or paid.
    expect(d.returns.committedCostCents).toBe(d.totals.reservedCents + d.totals.paidCents);
  });

  it("prevented problems, alternative-regulation differences and the approval queue", async () => {
    const d = await workbudgetDashboard(await w.as.controller1(), { year: 2017 }, NOW);
    const ref = d.prevented[0]?.reference;
    expect(ref).toMatch(/^WB-2017-\d{4}$/);
    expect(d.prevented).toEqual([
      {
        spendId: ids.s1,
        reference: ref,
        teamName: expect.any(String),
        problemPrevented: "Baan gaat verloren, schulden lopen op.",
        prevented: "yes",
        costCents: 41_250,
      },
    ]);
    expect(d.alternatives.rows).toEqual([
      {
        spendId: ids.s1,
        reference: ref,
        teamName: expect.any(String),
        regulation: "bijzondere_bijstand",
        workbudgetCostCents: 41_250,
        regulationAmountCents: 40_000,
        differenceCents: 1_250,
        regulationLeadDays: 28,
        workbudgetDays: 0,
        daysGained: 28,
      },
    ]);
    expect(d.alternatives.totals).toEqual({ count: 1, workbudgetCostCents: 41_250, regulationAmountCents: 40_000, differenceCents: 1_250, daysGained: 28 });
    // s5 (submitted) and s6 (awaiting the second approval) wait for the controller.
    expect(d.queue.count).toBe(2);
    expect(d.queue.oldestWaitingSince).not.toBeNull();
    // Three and a half days later the oldest has waited three whole days.
    const later = await workbudgetDashboard(
      await w.as.controller1(),
      { year: 2017 },
      new Date(new Date(d.queue.oldestWaitingSince!).getTime() + 3.5 * 86_400_000),
    );
    expect(later.queue.oldestWaitingDays).toBe(3);
  });

  it("filters: another team and an empty period show nothing, the key figures stay the budget's", async () => {
    const other = await workbudgetDashboard(await w.as.controller1(), { year: 2017, teamId: w.teamB.id }, NOW);
    expect(other.perTeam).toEqual([]);
    expect(other.queue.count).toBe(0);
    expect(other.totals.availableCents).toBe(14_898_750);
    const past = await workbudgetDashboard(await w.as.controller1(), { year: 2017, from: "2001-01-01", to: "2001-12-31" }, NOW);
    expect(past.perTeam).toEqual([]);
    expect(past.returns.committedCostCents).toBe(0);
    await expect(workbudgetDashboard(await w.as.controller1(), { year: 2017, from: "2017-02-01", to: "2017-01-01" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("the team's totals per status: drafts and withdrawn requests are listed but not in the total (one query, all pages)", async () => {
    const coordinator = await w.as.coordinator();
    const totals = await spendStatusTotals(coordinator);
    const cancelled = totals.perStatus.find((r) => r.status === "cancelled");
    expect(cancelled).toEqual({ status: "cancelled", count: 1, amountCents: 3_000 });
    // s1–s6 and s8: the same count as the dashboard's requests for the team; the amount requested, not the withdrawn one.
    expect(totals.requests).toEqual({ count: 7, amountCents: 45_000 + 20_000 + 10_000 + 5_000 + 7_000 + 250_000 + 30_000 });
    const d = await workbudgetDashboard(await w.as.controller1(), { year: 2017, teamId: w.teamA.id }, NOW);
    expect(totals.requests.count).toBe(d.requests.requestCount);
    expect(totals.perStatus.reduce((a, r) => a + r.count, 0)).toBe((await listSpends(coordinator)).total);
  });

  it("one request's page and API show its ledger money, as the dashboard and the CSV count it", async () => {
    const c = await w.as.controller1();
    expect((await getSpend(c, ids.s1)).ledger).toEqual({ reservedCents: 0, paidCents: 41_250, committedCents: 41_250, held: true });
    expect((await getSpend(c, ids.s8)).ledger).toEqual({ reservedCents: 20_000, paidCents: 10_000, committedCents: 30_000, held: true });
    expect((await getSpend(c, ids.s7)).ledger).toEqual({ reservedCents: 0, paidCents: 0, committedCents: 0, held: true });
    expect((await getSpend(c, ids.s4)).ledger).toEqual({ reservedCents: 0, paidCents: 0, committedCents: 0, held: false });
    // The team sees the same for its own request.
    expect((await getSpend(await w.as.author(), ids.s8)).ledger.committedCents).toBe(30_000);
  });

  it("the period filter means the same Amsterdam days in the request list as on the dashboard", async () => {
    const v = await ledgerWorld(t, { budgetCents: 1_000_000 });
    const id = await v.submitted(1_000);
    // 23:30 UTC on 31 January is 00:30 on 1 February in Amsterdam.
    await t.db
      .update(spendRequests)
      .set({ createdAt: new Date("2017-01-31T23:30:00Z") })
      .where(eq(spendRequests.id, id));
    const controller = await v.as.controller1();
    const february = { year: 2017, from: "2017-02-01", to: "2017-02-01" };
    expect((await listSpends(controller, february)).rows.map((r) => r.id)).toEqual([id]);
    expect((await workbudgetDashboard(controller, february, NOW)).queue.count).toBe(1);
    const january = { year: 2017, from: "2017-01-31", to: "2017-01-31" };
    expect((await listSpends(controller, january)).total).toBe(0);
    expect((await workbudgetDashboard(controller, january, NOW)).queue.count).toBe(0);
  });

  it("the page's read: the same dashboard and the filters' choices as the two use cases, in one transaction", async () => {
    const c1 = await w.as.controller1();
    for (const filters of [{ year: 2017 }, { year: 2017, teamId: w.teamA.id, from: "2017-01-15" }, { year: 2031 }]) {
      // The same as the report's, but for the lists' length (fewer than DASHBOARD_LIST_LIMIT rows here; the next describe).
      const page = await workbudgetDashboardPage(c1, filters, NOW);
      expect(page.dashboard).toEqual(await workbudgetDashboard(c1, filters, NOW));
      expect(page.options).toEqual(await workbudgetFilterOptions(c1));
    }
    const { options } = await workbudgetDashboardPage(c1, { year: 2017 }, NOW);
    expect(options.years).toContain(2017);
    expect(options.teams.map((t) => t.id)).toEqual(expect.arrayContaining([w.teamA.id, w.teamB.id]));
    expect(options.teams.map((t) => t.name)).toEqual([...options.teams.map((t) => t.name)].sort((a, b) => a.localeCompare(b, "nl")));
    await expect(workbudgetDashboardPage(c1, { year: 2017, from: "2017-02-01", to: "2017-01-01" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(workbudgetDashboardPage(await w.as.coordinator(), { year: 2017 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("team members — also the coordinator — are refused", async () => {
    await expect(workbudgetDashboard(await w.as.author(), { year: 2017 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(workbudgetDashboard(await w.as.coordinator(), { year: 2017 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(financeCsv(await w.as.coordinator(), { year: 2017, kind: "postings", decimalComma: false })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("euros from cents exactly", () => {
    expect(centsToEuros(-1_500_000_000)).toBe("-15000000.00");
    expect(centsToEuros(41_250, true)).toBe("412,50");
    expect(centsToEuros(5)).toBe("0.05");
    expect(centsToEuros(-5, true)).toBe("-0,05");
  });

  it("postings CSV: documented header, one row per posting, signed amounts", async () => {
    const csv = await financeCsv(await w.as.controller1(), { year: 2017, kind: "postings", decimalComma: false });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(POSTINGS_CSV_COLUMNS.join(","));
    // allocate (2) + s1 reserve, pay, refund (6) + s2 reserve, pay (4) + s3 reserve (2) + s7 reserve, release (4) + s8 reserve, pay (4).
    expect(lines).toHaveLength(1 + 22);
    const first = lines[1].split(",");
    expect(first.slice(4, 8)).toEqual(["2017", "allocate", "funding", "-150000.00"]);
    expect(first[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(lines[2].split(",").slice(5, 8)).toEqual(["allocate", "available", "150000.00"]);
    const refund = lines.map((l) => l.split(",")).filter((c) => c[5] === "refund");
    expect(refund.map((c) => [c[6], c[7], c[8]])).toEqual([
      ["paid", "-37.50", spendReference(2017, Number(refund[0][8].slice(-4)))],
      ["available", "37.50", refund[0][8]],
    ]);
    const comma = await financeCsv(await w.as.controller1(), { year: 2017, kind: "postings", decimalComma: true });
    expect(comma.split("\r\n")[1].split(";").slice(4, 8)).toEqual(["2017", "allocate", "funding", "-150000,00"]);
  });

  it("spends CSV: documented header, one row per spend with payment, settlement and the regulation difference", async () => {
    const csv = await financeCsv(await w.as.controller1(), { year: 2017, kind: "spends", decimalComma: true });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(SPENDS_CSV_COLUMNS.join(";"));
    expect(lines).toHaveLength(1 + 8);
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(";").map((v, i) => [SPENDS_CSV_COLUMNS[i], v])));
    const s1 = rows.find((r) => r.status === "evaluated")!;
    expect(s1).toMatchObject({
      budgetjaar: "2017",
      levensdomeinen: "financien|werk_opleiding",
      aangevraagd_eur: "450,00",
      // The ledger's paid balance (the dashboard's "Betaald"): the € 37,50 not used came back at settlement.
      betaald_eur: "412,50",
      betaaldatum: "2017-06-02",
      betaalwijze: "bank_transfer",
      werkelijk_eur: "412,50",
      verwacht_rendement_eur: "16000,00",
      probleem_voorkomen: "yes",
      gerealiseerd_rendement_eur: "16000,00",
      andere_regeling: "bijzondere_bijstand",
      bedrag_andere_regeling_eur: "400,00",
      verschil_eur: "12,50",
      doorlooptijd_andere_regeling_dagen: "28",
      gereserveerd_eur: "0,00",
      vastgelegd_eur: "412,50",
      betaling_eur: "450,00",
    });
    expect(s1.referentie).toMatch(/^WB-2017-\d{4}$/);
    expect(s1.aangemaakt_op).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows.find((r) => r.status === "rejected")).toMatchObject({
      betaald_eur: "",
      werkelijk_eur: "",
      andere_regeling: "",
      gereserveerd_eur: "",
      vastgelegd_eur: "",
      betaling_eur: "",
    });
    // Withdrawn after approval: its reservation went back, so it holds nothing; partly paid: 200,00 still reserved.
    expect(rows.find((r) => r.status === "cancelled")).toMatchObject({
      gereserveerd_eur: "0,00",
      betaald_eur: "0,00",
      vastgelegd_eur: "0,00",
      betaling_eur: "",
    });
    expect(rows.find((r) => r.aangevraagd_eur === "300,00")).toMatchObject({
      status: "paid",
      gereserveerd_eur: "200,00",
      betaald_eur: "100,00",
      vastgelegd_eur: "300,00",
      betaling_eur: "100,00",
    });
  });
});

describe("the dashboard's lists: the most recent, the totals over all", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t, { budgetCents: 15_000_000, thresholdCents: 100_000 });
  });
  afterAll(() => t.drop());

  it(`the page shows the ${DASHBOARD_LIST_LIMIT} most recent, the report up to ${LIST_LIMIT}; counts and totals are over every request`, async () => {
    const settled = DASHBOARD_LIST_LIMIT + 2;
    for (let i = 0; i < settled; i++) {
      const id = await w.submitted(10_000 + i);
      const c1 = await w.as.controller1();
      await approveSpend(c1, id, { idempotencyKey: `list-approve-${i}` });
      await recordPayment(c1, id, { ...PAY, amountCents: 10_000 + i }, { idempotencyKey: `list-pay-${i}` });
      await settleSpend(c1, id, { actualCents: 10_000 + i }, { idempotencyKey: `list-settle-${i}` });
    }
    const c1 = await w.as.controller1();
    const { dashboard: page } = await workbudgetDashboardPage(c1, { year: 2017 }, NOW);
    const report = await workbudgetDashboard(c1, { year: 2017 }, NOW);
    expect(report.prevented).toHaveLength(settled);
    expect(page.prevented).toEqual(report.prevented.slice(0, DASHBOARD_LIST_LIMIT));
    expect(page.preventedTotal).toBe(settled);
    expect({ ...page, prevented: [] }).toEqual({ ...report, prevented: [] });
  });
});
