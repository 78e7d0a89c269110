// Property test: random sequences of workbudget commands — including retries
// with the same idempotency key — run against the real database and against
// a tiny in-memory model; after every step the balances, every request's
// status and the ledger's invariants must agree.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetBalances, eq, queryRows, spendRequests, sql } from "@wijkwerk/db";
import { approveSpend, cancelSpend, recordPayment, rejectSpend, settleSpend } from "../src/workbudget";
import { createTestDatabase, type TestDatabase } from "./db";
import { outcomeOf } from "./fixtures";
import { ledgerWorld } from "./ledger-fixture";

type Command =
  | { kind: "new"; amountCents: number }
  | { kind: "approve" | "reject" | "cancel"; pick: number }
  | { kind: "pay" | "settle"; pick: number; share: number }
  | { kind: "retry" };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("new" as const), amountCents: fc.integer({ min: 1, max: 40_000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("approve" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("reject" as const, "cancel" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom("pay" as const, "settle" as const), pick: fc.nat(), share: fc.integer({ min: 0, max: 100 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "retry" as const }) },
);

interface ModelSpend {
  id: string;
  amount: number;
  status: string;
  reserved: number;
  paid: number;
}

describe("ledger property: database = model after every command", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(() => t.drop());

  it("random command sequences keep balances, statuses and invariants", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), fc.integer({ min: 10_000, max: 120_000 }), async (commands, budgetCents) => {
        // Threshold above every amount: one approver suffices (second approvals have their own test).
        const w = await ledgerWorld(t, { budgetCents, thresholdCents: 10_000_000 });
        const controller = await w.as.controller1();
        const model = { available: budgetCents, reserved: 0, paid: 0, spends: [] as ModelSpend[] };
        let last: { run: () => Promise<unknown>; expected: string } | null = null;
        let keyCounter = 0;

        for (const c of commands) {
          if (c.kind === "retry") {
            // The same key and input again: never a second effect; same outcome as the first time.
            if (last) expect(await outcomeOf(last.run())).toBe(last.expected);
          } else if (c.kind === "new") {
            const id = await w.submitted(c.amountCents);
            model.spends.push({ id, amount: c.amountCents, status: "submitted", reserved: 0, paid: 0 });
          } else if (model.spends.length > 0) {
            const s = model.spends[c.pick % model.spends.length];
            const key = `prop-${++keyCounter}-${s.id}`;
            let run: () => Promise<unknown>;
            let expected: string;
            if (c.kind === "approve") {
              run = () => approveSpend(controller, s.id, { idempotencyKey: key });
              expected = s.status !== "submitted" ? "spend_invalid_transition" : s.amount > model.available ? "insufficient_budget" : "ok";
              if (expected === "ok") {
                Object.assign(s, { status: "approved", reserved: s.amount });
                model.available -= s.amount;
                model.reserved += s.amount;
              }
            } else if (c.kind === "reject") {
              run = () => rejectSpend(controller, s.id, { comment: "Past niet", idempotencyKey: key });
              expected = s.status === "submitted" ? "ok" : "spend_invalid_transition";
              if (expected === "ok") s.status = "rejected";
            } else if (c.kind === "cancel") {
              run = () => cancelSpend(controller, s.id, { idempotencyKey: key });
              // The controller may not cancel (only the author): always refused, never a state change.
              expected = ["submitted", "approved"].includes(s.status) ? "forbidden" : "spend_invalid_transition";
            } else if (c.kind === "pay") {
              const amountCents = Math.max(1, Math.floor((s.amount * c.share) / 100));
              run = () => recordPayment(controller, s.id, { amountCents, paymentDate: "2017-06-01", method: "bank_transfer" }, { idempotencyKey: key });
              expected = s.status !== "approved" ? "spend_invalid_transition" : "ok";
              if (expected === "ok") {
                Object.assign(s, { status: "paid", reserved: s.reserved - amountCents, paid: amountCents });
                model.reserved -= amountCents;
                model.paid += amountCents;
              }
            } else if (c.kind === "settle") {
              const actualCents = Math.floor((s.paid * c.share) / 100);
              run = () => settleSpend(controller, s.id, { actualCents }, { idempotencyKey: key });
              expected = s.status !== "paid" ? "spend_invalid_transition" : "ok";
              if (expected === "ok") {
                model.available += s.reserved + (s.paid - actualCents);
                model.reserved -= s.reserved;
                model.paid -= s.paid - actualCents;
                Object.assign(s, { status: "settled", reserved: 0, paid: actualCents });
              }
            } else {
              continue;
            }
            expect(await outcomeOf(run())).toBe(expected);
            last = expected === "ok" ? { run, expected } : last;
          }

          const [b] = await t.db.select().from(budgetBalances).where(eq(budgetBalances.id, w.budget.id));
          expect({ available: b.availableCents, reserved: b.reservedCents, paid: b.paidCents }).toEqual({
            available: model.available,
            reserved: model.reserved,
            paid: model.paid,
          });
          expect(b.availableCents).toBeGreaterThanOrEqual(0);
          expect(b.availableCents + b.reservedCents + b.paidCents).toBe(b.fundedCents);
        }
        const statuses = await t.db
          .select({ id: spendRequests.id, status: spendRequests.status })
          .from(spendRequests)
          .where(eq(spendRequests.budgetId, w.budget.id));
        expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual(Object.fromEntries(model.spends.map((s) => [s.id, s.status])));
        const unbalanced = await queryRows(
          t.db,
          sql`select group_id from ledger_postings where budget_id = ${w.budget.id} group by group_id having sum(amount_cents) <> 0`,
        );
        expect(unbalanced).toHaveLength(0);
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
