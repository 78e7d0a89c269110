// 200 approvals at once competing for the last euros of a budget: exactly
// the ones that fit succeed, the rest get "onvoldoende budget", and the
// budget's available amount never goes below zero.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetBalances, eq, queryRows, sql } from "@wijkwerk/db";
import { approveSpend } from "../src/workbudget";
import { createTestDatabase, type TestDatabase } from "./db";
import { outcomeOf } from "./fixtures";
import { ledgerWorld } from "./ledger-fixture";

describe("ledger under concurrency", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(() => t.drop());

  it("200 parallel approvals of € 10 on a budget of € 1.234,56: 123 succeed, 77 are refused, available ends at € 4,56", async () => {
    const w = await ledgerWorld(t, { budgetCents: 123_456, thresholdCents: 100_000 });
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push(await w.submitted(1_000));
    const controller = await w.as.controller1();
    const outcomes = await Promise.all(ids.map((id, i) => outcomeOf(approveSpend(controller, id, { idempotencyKey: `concurrent-${i}-${id}` }))));
    const tally = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    expect(tally).toEqual({ ok: 123, insufficient_budget: 77 });
    const [b] = await t.db.select().from(budgetBalances).where(eq(budgetBalances.id, w.budget.id));
    expect(b).toMatchObject({ availableCents: 456, reservedCents: 123_000, paidCents: 0, fundedCents: 123_456 });
    // The postings agree with the cached balances.
    const [sums] = await queryRows<{ available: string; reserved: string }>(
      t.db,
      sql`select sum(amount_cents) filter (where account = 'available') as available, sum(amount_cents) filter (where account = 'reserved') as reserved from ledger_postings where budget_id = ${w.budget.id}`,
    );
    expect([Number(sums.available), Number(sums.reserved)]).toEqual([456, 123_000]);
  }, 120_000);
});
