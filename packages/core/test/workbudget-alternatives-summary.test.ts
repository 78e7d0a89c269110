// The alternative regulations' totals from the summary (migration 0047, ADR
// 0017): requests evaluated with and without another regulation, in two teams
// and two months, with workbudget days from their timeline (a later
// 'submitted' or 'paid' transition moves them). The dashboard's totals equal
// the same totals counted from the rows — for the whole year, per team and for
// a period that cuts a month in two — before and after a merge, and
// ledger:check's recomputation finds no difference; a hand-broken figure is
// reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql } from "@wijkwerk/db";
import { approveSpend, createSpendDraft, evaluateSpend, recordPayment, settleSpend, submitSpend, workbudgetDashboard } from "../src/workbudget";
import { committedSql, createdInPeriodSql, spendBalancesLateralSql } from "../src/workbudget/figures";
import { summaryDifferences } from "../src/workbudget/summary-check";
import { createTestDatabase, type TestDatabase } from "./db";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

const PAY = { paymentDate: "2017-06-01", method: "bank_transfer" as const, reference: "NL-2017-ALT" };

describe("workbudget summary: the alternative regulations", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  }, 120_000);
  afterAll(async () => t?.close());

  it("totals from the summary equal the rows' for the year, a team and a cut period, and follow new transitions", async () => {
    const w = await ledgerWorld(t);
    const c1 = await w.as.controller1();
    const authors = [await w.as.author(), await w.as.memberB()];
    // [team, amount, created day, settled, other regulation applied, its amount, its lead days]
    const plan: [0 | 1, number, string, number, boolean, number, number][] = [
      [0, 45_000, "2017-03-03T10:00:00Z", 41_250, true, 40_000, 28],
      [0, 20_000, "2017-03-20T10:00:00Z", 20_000, true, 25_000, 10],
      [1, 30_000, "2017-03-25T10:00:00Z", 29_000, true, 30_000, 42],
      [1, 12_000, "2017-04-02T10:00:00Z", 12_000, false, 0, 0],
      [0, 8_000, "2017-04-15T10:00:00Z", 7_500, true, 9_000, 5],
    ];
    const ids: string[] = [];
    for (const [team, amount, created, settled, other, regAmount, lead] of plan) {
      const { id } = await createSpendDraft(authors[team], { ...COMPLETE_DRAFT, amountCents: amount, neededOn: "2017-06-01" });
      await submitSpend(authors[team], id);
      await approveSpend(c1, id, { idempotencyKey: `alt-approve-${id}` });
      await recordPayment(c1, id, { ...PAY, amountCents: amount }, { idempotencyKey: `alt-pay-${id}` });
      await settleSpend(c1, id, { actualCents: settled }, { idempotencyKey: `alt-settle-${id}` });
      await evaluateSpend(authors[team], id, {
        prevented: "yes",
        realisedReturnCents: 0,
        otherRegulationApplied: other,
        ...(other ? { otherRegulation: "bijzondere_bijstand", otherRegulationAmountCents: regAmount, otherRegulationLeadDays: lead } : {}),
      });
      // The months of creation (the summary's key) as a bulk writer would set them: the update trigger moves the figures.
      await t.db.execute(sql`update spend_requests set created_at = ${created}::timestamptz where id = ${id}`);
      ids.push(id);
    }
    // Workbudget days: an earlier submission of the first request (12 days before its payment), a later payment of the
    // second (3 days after); the third's paid transition on another Amsterdam day than its submission (late evening UTC).
    const transition = (id: string, to: string, at: string) =>
      t.db.execute(sql`insert into spend_transitions (municipality_id, team_id, spend_id, action, from_status, to_status, actor_user_id, actor, occurred_at)
        select s.municipality_id, s.team_id, s.id, 'import', null, ${to}::spend_status, s.author_id, '{}'::jsonb, ${at}::timestamptz
        from spend_requests s where s.id = ${id}`);
    const firstPaid = async (id: string) =>
      (await queryRows<{ at: Date | string }>(t.db, sql`select min(occurred_at) as at from spend_transitions where spend_id = ${id} and to_status = 'paid'`))[0]
        .at;
    const paid0 = new Date(await firstPaid(ids[0]));
    await transition(ids[0], "submitted", new Date(paid0.getTime() - 12 * 86_400_000).toISOString());
    const paid1 = new Date(await firstPaid(ids[1]));
    // A later 'paid' does not move the first payment: the days stay; then an earlier 'submitted' moves them.
    await transition(ids[1], "paid", new Date(paid1.getTime() + 3 * 86_400_000).toISOString());
    await transition(ids[1], "submitted", new Date(paid1.getTime() - 3 * 86_400_000).toISOString());

    // The totals counted from the rows, as the dashboard counted them before the summary held them.
    const fromRows = async (f: { teamId?: string; from?: string; to?: string }) => {
      const parts = [sql`s.budget_id = ${w.budget.id}`, sql`s.status = 'evaluated'`, sql`(s.evaluation->>'otherRegulationApplied')::boolean is true`];
      if (f.teamId) parts.push(sql`s.team_id = ${f.teamId}`);
      parts.push(...createdInPeriodSql(sql.raw("s.created_at"), f.from, f.to));
      const [r] = await queryRows<{ count: string; cost: string; regulation: string; days_gained: string }>(
        t.db,
        sql`select count(*) as count, coalesce(sum(${committedSql()}), 0) as cost, coalesce(sum(coalesce((s.evaluation->>'otherRegulationAmountCents')::bigint, 0)), 0) as regulation,
              coalesce(sum(coalesce((s.evaluation->>'otherRegulationLeadDays')::int, 0) - greatest(0, coalesce(
                ((select min(p.occurred_at) from spend_transitions p where p.spend_id = s.id and p.to_status = 'paid') at time zone 'Europe/Amsterdam')::date
                - ((select min(q.occurred_at) from spend_transitions q where q.spend_id = s.id and q.to_status = 'submitted') at time zone 'Europe/Amsterdam')::date, 0))), 0) as days_gained
            from spend_requests s ${spendBalancesLateralSql()} where ${sql.join(parts, sql` and `)}`,
      );
      const cost = Number(r.cost);
      const regulation = Number(r.regulation);
      return {
        count: Number(r.count),
        workbudgetCostCents: cost,
        regulationAmountCents: regulation,
        differenceCents: cost - regulation,
        daysGained: Number(r.days_gained),
      };
    };
    const filters = [
      {},
      { teamId: w.teamA.id },
      { teamId: w.teamB.id },
      { from: "2017-03-10", to: "2017-04-10" },
      { from: "2017-03-21" },
      { to: "2017-03-31" },
    ];

    const whole = await workbudgetDashboard(c1, { year: 2017 });
    // By hand: 4 alternatives; cost 41.250 + 20.000 + 29.000 + 7.500; regulations 40.000 + 25.000 + 30.000 + 9.000;
    // days gained (28 − 12) + (10 − 3) + (42 − d) + (5 − 0), d the third's days (0 or 1 by the clock of the test).
    expect(whole.alternatives.totals.count).toBe(4);
    expect(whole.alternatives.totals.workbudgetCostCents).toBe(97_750);
    expect(whole.alternatives.totals.regulationAmountCents).toBe(104_000);
    expect(whole.alternatives.totals.differenceCents).toBe(-6_250);
    const thirdDays = whole.alternatives.rows.find((r) => r.spendId === ids[2])!.workbudgetDays;
    expect(whole.alternatives.totals.daysGained).toBe(16 + 7 + (42 - thirdDays) + 5);
    // The list's rows add up to the totals (fewer than LIST_LIMIT here).
    expect(whole.alternatives.rows.reduce((a, r) => a + r.daysGained, 0)).toBe(whole.alternatives.totals.daysGained);
    expect(whole.alternatives.rows.reduce((a, r) => a + r.workbudgetCostCents, 0)).toBe(whole.alternatives.totals.workbudgetCostCents);

    for (const f of filters) expect((await workbudgetDashboard(c1, { year: 2017, ...f })).alternatives.totals, JSON.stringify(f)).toEqual(await fromRows(f));
    expect(await summaryDifferences(t.db)).toEqual([]);
    // The deltas merged (the dashboard merged them above): one merged row per key, the same figures.
    const [{ deltas }] = await queryRows<{ deltas: string }>(t.db, sql`select count(*) as deltas from workbudget_summary where not merged`);
    expect(Number(deltas)).toBe(0);
    for (const f of filters) expect((await workbudgetDashboard(c1, { year: 2017, ...f })).alternatives.totals).toEqual(await fromRows(f));

    // A hand-broken figure is reported by ledger:check's recomputation.
    await t.db.execute(
      sql`update workbudget_summary set alternatives_days_gained = alternatives_days_gained + 1 where budget_id = ${w.budget.id} and merged and alternatives > 0
          and ctid = (select ctid from workbudget_summary where budget_id = ${w.budget.id} and merged and alternatives > 0 limit 1)`,
    );
    const diffs = await summaryDifferences(t.db);
    expect(diffs).toHaveLength(1);
    expect(diffs[0].column).toBe("alternatives_days_gained");
    expect(diffs[0].kept - diffs[0].fromRows).toBe(1);
  }, 120_000);
});
