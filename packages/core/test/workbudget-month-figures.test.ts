// The workbudget's figures per team × month (the shared contract of issue 16):
// a small hand-made set, each cell asserted; the month boundary in Amsterdam;
// the team filter and the caller's scope (RLS).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, spendRequests, withScope } from "@wijkwerk/db";
import {
  approveSpend,
  cancelSpend,
  createSpendDraft,
  evaluateSpend,
  recordPayment,
  rejectSpend,
  settleSpend,
  submitSpend,
  workbudgetMonthFigures,
} from "../src/workbudget";
import { createTestDatabase, type TestDatabase } from "./db";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

const PAY = { paymentDate: "2017-06-02", method: "bank_transfer" as const, reference: "NL-2017-001" };

describe("workbudgetMonthFigures", () => {
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
    const s4 = (await createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 9_000, neededOn: "2017-06-01" })).id;
    const s5 = await w.submitted(3_000);
    await approveSpend(await c(), s5);
    await cancelSpend(await w.as.author(), s5);
    const b1 = (await createSpendDraft(await w.as.memberB(), { ...COMPLETE_DRAFT, amountCents: 10_000, neededOn: "2017-06-01" })).id;
    await submitSpend(await w.as.memberB(), b1);
    // Months in Amsterdam (summer time from 26 March 2017): 21:30 UTC on 31 March is still March, 22:30 UTC is 1 April.
    const created: [string, string][] = [
      [s1, "2017-03-15T10:00:00Z"],
      [s2, "2017-03-31T22:30:00Z"],
      [s3, "2017-03-31T21:30:00Z"],
      [s4, "2017-03-31T21:30:00Z"],
      [s5, "2017-03-20T10:00:00Z"],
      [b1, "2017-05-10T10:00:00Z"],
    ];
    for (const [id, at] of created)
      await t.db
        .update(spendRequests)
        .set({ createdAt: new Date(at) })
        .where(eq(spendRequests.id, id));
  });
  afterAll(() => t.drop());

  const march = () => ({
    teamId: w.teamA.id,
    month: "2017-03",
    requests: 2, // s1 and the rejected s3; not the draft s4 nor the withdrawn s5
    requestedCents: 50_000,
    approved: 1,
    committedCents: 41_250, // s1's actual cost; s5's reservation went back
    paidCents: 41_250,
    expectedReturnCents: 1_600_000,
    realisedReturnCents: 900_000,
    problemsPrevented: 1,
  });
  const april = () => ({
    teamId: w.teamA.id,
    month: "2017-04",
    requests: 1,
    requestedCents: 20_000,
    approved: 1,
    committedCents: 20_000,
    paidCents: 0,
    expectedReturnCents: 1_600_000,
    realisedReturnCents: 0,
    problemsPrevented: 0,
  });
  const may = () => ({
    teamId: w.teamB.id,
    month: "2017-05",
    requests: 1,
    requestedCents: 10_000,
    approved: 0,
    committedCents: 0,
    paidCents: 0,
    expectedReturnCents: 0,
    realisedReturnCents: 0,
    problemsPrevented: 0,
  });

  it("counts and sums each team × month by the figures' definitions, in the controller's scope", async () => {
    const ctx = await w.as.controller1();
    const all = await withScope(ctx.db, ctx.scope, (tx) =>
      workbudgetMonthFigures(tx, { municipalityId: w.municipalityId, fromMonth: "2017-01", toMonth: "2017-12" }),
    );
    expect(all).toEqual([march(), april(), may()]);
    const some = await withScope(ctx.db, ctx.scope, (tx) =>
      workbudgetMonthFigures(tx, { municipalityId: w.municipalityId, fromMonth: "2017-04", toMonth: "2017-05" }),
    );
    expect(some).toEqual([april(), may()]);
    const teamB = await withScope(ctx.db, ctx.scope, (tx) =>
      workbudgetMonthFigures(tx, { municipalityId: w.municipalityId, teamId: w.teamB.id, fromMonth: "2017-01", toMonth: "2017-12" }),
    );
    expect(teamB).toEqual([may()]);
  });

  it("a team member's scope sees its own team only", async () => {
    const ctx = await w.as.memberB();
    const rows = await withScope(ctx.db, ctx.scope, (tx) =>
      workbudgetMonthFigures(tx, { municipalityId: w.municipalityId, fromMonth: "2017-01", toMonth: "2017-12" }),
    );
    expect(rows).toEqual([may()]);
  });

  it("refuses a month that is not YYYY-MM", async () => {
    const ctx = await w.as.controller1();
    await expect(
      withScope(ctx.db, ctx.scope, (tx) => workbudgetMonthFigures(tx, { municipalityId: w.municipalityId, fromMonth: "2017-13", toMonth: "2017-12" })),
    ).rejects.toThrow(RangeError);
  });
});
