import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "@wijkwerk/db";
import { checkLedger, approveSpend, recordPayment } from "../src/workbudget";
import { createTestDatabase, type TestDatabase } from "./db";
import { ledgerWorld } from "./ledger-fixture";

describe("pnpm ledger:check", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(() => t.drop());

  it("passes on a ledger made by the use cases and reports a tampered cache or a missing payment", async () => {
    const w = await ledgerWorld(t, { budgetCents: 100_000 });
    const id = await w.submitted(25_000);
    await approveSpend(await w.as.controller1(), id);
    await recordPayment(await w.as.controller1(), id, { amountCents: 25_000, paymentDate: "2017-06-01", method: "bank_transfer" });
    expect((await checkLedger(t.db)).problems).toEqual([]);

    // Someone with database access bends the cached balance: the check sees it.
    // (pot 0 gets 1 cent more available and funded, so the pot itself stays balanced)
    await t.db.execute(
      sql`update budget_pots set available_cents = available_cents + 1, funded_cents = funded_cents + 1 where budget_id = ${w.budget.id} and pot = 0`,
    );
    const tampered = await checkLedger(t.db);
    expect(tampered.problems.some((p) => p.includes("beschikbaar 75001 wijkt af"))).toBe(true);
    await t.db.execute(
      sql`update budget_pots set available_cents = available_cents - 1, funded_cents = funded_cents - 1 where budget_id = ${w.budget.id} and pot = 0`,
    );

    // A request marked paid without its payment posting.
    const other = await w.submitted(1_000);
    await t.db.execute(sql`update spend_requests set status = 'paid' where id = ${other}`);
    expect((await checkLedger(t.db)).problems.some((p) => p.includes("0 betalingen"))).toBe(true);
  });
});
