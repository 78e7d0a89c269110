// ZRM 2017: only the domains that matter, at least one score, the parenting
// supplement only with a child in the household, dated; the trend per domain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordZrm, zrmChange, zrmTrend } from "../src/casework";
import { caseworkWorld, expectAccessRules, READ_RULES, rightOutcome, WRITE_RULES, type CaseworkWorld } from "./casework-plan-world";
import { createTestDatabase, type TestDatabase } from "./db";

describe("zrmChange (pure)", () => {
  it("compares the first score with the latest; a higher score is more self-reliant; gaps skipped", () => {
    expect(zrmChange([2, null, 4])).toEqual({ first: 2, latest: 4, change: "improved" });
    expect(zrmChange([3, 3])).toEqual({ first: 3, latest: 3, change: "equal" });
    expect(zrmChange([null, 4, 2, null])).toEqual({ first: 4, latest: 2, change: "declined" });
    expect(zrmChange([null, 5])).toEqual({ first: 5, latest: 5, change: null });
    expect(zrmChange([])).toEqual({ first: null, latest: null, change: null });
  });
});

describe("ZRM measurements of a household", () => {
  let t: TestDatabase;
  let w: CaseworkWorld;
  let h: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await caseworkWorld(t);
    h = w.household.household.id;
  });
  afterAll(() => t.drop());

  it("records two domains only, then a later measurement; the trend shows each score, first vs latest and the change", async () => {
    const ctx = await w.as.regisseur();
    await recordZrm(ctx, h, { measuredOn: "2026-10-01", scores: { finances: 2, housing: 3 } });
    await recordZrm(ctx, h, { measuredOn: "2026-11-15", scores: { finances: 4, housing: 3, social_network: 2 } });
    await recordZrm(ctx, h, { measuredOn: "2026-11-01", scores: { finances: 3 } });
    const z = await zrmTrend(ctx, h);
    expect(z.measurements.map((m) => m.measuredOn)).toEqual(["2026-10-01", "2026-11-01", "2026-11-15"]);
    expect(z.parentingApplies).toBe(false);
    expect(z.trend).toEqual([
      { domain: "finances", scores: [2, 3, 4], first: 2, latest: 4, change: "improved" },
      { domain: "housing", scores: [3, null, 3], first: 3, latest: 3, change: "equal" },
      { domain: "social_network", scores: [null, null, 2], first: 2, latest: 2, change: null },
    ]);
  });

  it("refuses an empty measurement, a score outside 1–5, an unknown domain and a date in the future", async () => {
    const ctx = await w.as.regisseur();
    expect(await rightOutcome(recordZrm(ctx, h, { measuredOn: "2026-10-02", scores: {} }))).toBe("zrm_empty");
    expect(await rightOutcome(recordZrm(ctx, h, { measuredOn: "2026-10-02", scores: { finances: 6 } }))).toBe("invalid_input");
    expect(await rightOutcome(recordZrm(ctx, h, { measuredOn: "2026-10-02", scores: { finances: 0 } }))).toBe("invalid_input");
    expect(await rightOutcome(recordZrm(ctx, h, { measuredOn: "2026-10-02", scores: { ggd_indicator: 3 } }))).toBe("invalid_input");
    expect(await rightOutcome(recordZrm(ctx, h, { measuredOn: "2026-12-01", scores: { finances: 3 } }, new Date("2026-11-20T12:00:00Z")))).toBe(
      "invalid_input",
    );
    expect((await zrmTrend(ctx, h)).measurements).toHaveLength(3);
  });

  it("the parenting supplement only when the household has a child", async () => {
    const ctx = await w.as.regisseur();
    expect(await rightOutcome(recordZrm(ctx, h, { measuredOn: "2026-10-03", scores: { parenting: 3 } }))).toBe("zrm_parenting_without_child");
    const c = w.withChild.household.id;
    expect(await rightOutcome(recordZrm(ctx, c, { measuredOn: "2026-10-03", scores: { parenting: 3, finances: 2 } }))).toBe("ok");
    const z = await zrmTrend(ctx, c);
    expect(z.parentingApplies).toBe(true);
    expect(z.trend.map((r) => r.domain)).toEqual(["finances", "parenting"]);
  });

  it("access: the coordinator records; break-the-glass reads only; no right, a volunteer, another team: 404", async () => {
    expect(await rightOutcome(recordZrm(await w.as.coordinator(), h, { measuredOn: "2026-10-04", scores: { justice: 5 } }))).toBe("ok");
    expect((await zrmTrend(await w.as.glass(), h)).canEdit).toBe(false);
    expect(await expectAccessRules(w, (ctx, id) => zrmTrend(ctx, id))).toEqual(READ_RULES);
    expect(await expectAccessRules(w, (ctx, id) => recordZrm(ctx, id, { measuredOn: "2026-10-04", scores: { justice: 4 } }))).toEqual(WRITE_RULES);
  });
});
