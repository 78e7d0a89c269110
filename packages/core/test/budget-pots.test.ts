// Budget pots (ADR 0009): a budget's balances are split over lock rows so
// money moves commit in parallel. A request larger than any single pot is
// still approved when the budget as a whole covers it (the pots are
// consolidated), refused when it does not; a request's later moves use the
// pot that holds its money; every pot stays balanced and nothing negative.
import { budgetPots, eq, queryRows, spendRequests, sql } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger, BUDGET_POTS, approveSpend, cancelSpend, recordPayment, settleSpend } from "../src/workbudget";
import { createTestDatabase, type TestDatabase } from "./db";
import { outcomeOf } from "./fixtures";
import { ledgerWorld } from "./ledger-fixture";

for (const kind of ["postgres", "pglite"] as const) {
  describe(`budget pots on ${kind}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase(kind);
    });
    afterAll(() => t.drop());

    it("spreads funding, consolidates for a large request, refuses what the budget cannot cover, and keeps each request on its pot", async () => {
      const w = await ledgerWorld(t, { budgetCents: 80_000, thresholdCents: 1_000_000 });
      const pots = async () => (await t.db.select().from(budgetPots).where(eq(budgetPots.budgetId, w.budget.id))).sort((a, b) => a.pot - b.pot);
      const potOf = async (id: string) => (await t.db.select({ pot: spendRequests.budgetPot }).from(spendRequests).where(eq(spendRequests.id, id)))[0].pot;
      expect((await pots()).map((p) => p.availableCents)).toEqual(Array(BUDGET_POTS).fill(10_000));

      // € 500 is more than any pot (€ 100) holds: the pots are consolidated into one.
      const large = await w.submitted(50_000);
      await approveSpend(await w.as.controller1(), large);
      const largePot = await potOf(large);
      expect(largePot).not.toBeNull();
      const afterLarge = await pots();
      expect(afterLarge.find((p) => p.pot === largePot)!.reservedCents).toBe(50_000);
      expect(afterLarge.reduce((a, p) => a + p.availableCents, 0)).toBe(30_000);
      expect(afterLarge.every((p) => p.availableCents >= 0 && p.fundedCents === p.availableCents + p.reservedCents + p.paidCents)).toBe(true);

      // € 300,01 when € 300 is left: refused, nothing written.
      const tooMuch = await w.submitted(30_001);
      const postingsBefore = (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ledger_postings`))[0].n;
      expect(await outcomeOf(approveSpend(await w.as.controller1(), tooMuch))).toBe("insufficient_budget");
      expect((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ledger_postings`))[0].n).toBe(postingsBefore);
      expect(await potOf(tooMuch)).toBeNull();

      // A small request: reserved, paid and settled on one pot.
      const small = await w.submitted(4_000);
      await approveSpend(await w.as.controller1(), small);
      const smallPot = (await potOf(small))!;
      await recordPayment(await w.as.controller1(), small, { amountCents: 3_000, paymentDate: "2017-06-01", method: "bank_transfer" });
      await settleSpend(await w.as.controller1(), small, { actualCents: 2_500 });
      const afterSmall = (await pots()).find((p) => p.pot === smallPot)!;
      expect(afterSmall.paidCents).toBeGreaterThanOrEqual(2_500);
      expect(afterSmall.reservedCents).toBe(smallPot === largePot ? 50_000 : 0);

      // Cancelling the large one releases its € 500 to its own pot.
      await cancelSpend(await w.as.author(), large);
      const end = await pots();
      expect(end.reduce((a, p) => a + p.reservedCents, 0)).toBe(0);
      expect(end.reduce((a, p) => a + p.availableCents, 0)).toBe(80_000 - 2_500);
      expect((await checkLedger(t.db)).problems).toEqual([]);
    });

    it("the database refuses a pot that goes negative or out of balance", async () => {
      const w = await ledgerWorld(t, { budgetCents: 8_000 });
      expect(
        await outcomeOf(t.db.execute(sql`update budget_pots set available_cents = available_cents - 1 where budget_id = ${w.budget.id} and pot = 1`)),
      ).not.toBe("ok");
      expect(
        await outcomeOf(t.db.execute(sql`update budget_pots set available_cents = -1, funded_cents = -1 where budget_id = ${w.budget.id} and pot = 1`)),
      ).not.toBe("ok");
    });
  });
}
