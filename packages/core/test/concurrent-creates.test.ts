// Two people creating the same thing at the same moment: the use case's own
// check sees nothing yet for both, the unique index refuses the second, and
// the second hears the same Dutch-translatable error as when it came later —
// never a server error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asDomainError, DomainError } from "../src/common";
import { createBudget, saveNorm } from "../src/workbudget";
import { createTestDatabase, type TestDatabase } from "./db";
import { ledgerWorld } from "./ledger-fixture";

let t: TestDatabase;
let w: Awaited<ReturnType<typeof ledgerWorld>>;
beforeAll(async () => {
  t = await createTestDatabase();
  w = await ledgerWorld(t);
});
afterAll(async () => t?.drop());

/** Runs the same command `n` times at once; the outcomes in order. */
const atOnce = <T>(n: number, run: () => Promise<T>) => Promise.allSettled(Array.from({ length: n }, run));
const codes = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === "fulfilled" ? "ok" : r.reason instanceof DomainError ? r.reason.code : `other: ${String(r.reason)}`));

describe("concurrent creates", () => {
  it("two controllers create the budget of the same year at once: one budget, the other hears budget_year_taken", async () => {
    const results = await atOnce(6, async () =>
      createBudget(await w.as.controller1(), { year: 2031, name: "Werkbudget 2031", amountCents: 100_000, approvalThresholdCents: 100_000 }),
    );
    expect(codes(results).sort()).toEqual(["budget_year_taken", "budget_year_taken", "budget_year_taken", "budget_year_taken", "budget_year_taken", "ok"]);
  });

  it("two controllers add a norm with the same code at once: one norm, the other hears slug_taken on the code field", async () => {
    const norm = { code: "schuld_voorkomen", label: "Schuld voorkomen", amountCents: 350_000, unit: "per huishouden", source: "Lokale schatting" };
    const results = await atOnce(6, async () => saveNorm(await w.as.controller2(), null, norm));
    expect(codes(results).sort()).toEqual(["ok", "slug_taken", "slug_taken", "slug_taken", "slug_taken", "slug_taken"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as DomainError).fieldErrors).toEqual({ code: ["slug_taken"] });
  });

  it("asDomainError: a unique violation, deadlock or serialization failure becomes concurrent_change (409); other errors stay unknown", () => {
    const wrapped = (code: string) => Object.assign(new Error("Failed query"), { cause: Object.assign(new Error("postgres"), { code }) });
    for (const code of ["23505", "40P01", "40001"]) expect(asDomainError(wrapped(code))).toMatchObject({ code: "concurrent_change", status: 409 });
    expect(asDomainError(wrapped("22012"))).toBeNull();
    expect(asDomainError(new Error("boom"))).toBeNull();
    const own = new DomainError("insufficient_budget", 409);
    expect(asDomainError(own)).toBe(own);
  });
});
