// The plan (1 Gezin 1 Plan 1 Regisseur): goals, arrangements serving several
// goals of the same case, providers from the sociale kaart or by name,
// existing support apart, the household's spends — and who may read and write it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, caseArrangementGoals, caseInvolved, caseReadLog, eq } from "@wijkwerk/db";
import { addArrangement, addGoal, getHouseholdSpends, getPlan, providerChoicesForPlan, updateArrangement, updateGoal } from "../src/casework";
import { caseworkWorld, expectAccessRules, READ_RULES, rightOutcome, WRITE_RULES, type CaseworkWorld } from "./casework-plan-world";
import { createTestDatabase, type TestDatabase } from "./db";
import { createUser, teamContext } from "./fixtures";

describe("the plan of a household", () => {
  let t: TestDatabase;
  let w: CaseworkWorld;
  let h: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await caseworkWorld(t);
    h = w.household.household.id;
  });
  afterAll(() => t.drop());

  it("goals per life domain and arrangements serving several of them; existing support apart; the kaart's names", async () => {
    const ctx = await w.as.regisseur();
    const money = await addGoal(ctx, h, { lifeDomain: "finances", description: "Huurachterstand weg", goalType: "improve" });
    const home = await addGoal(ctx, h, { lifeDomain: "housing", description: "Woning behouden", goalType: "stabilise" });
    const a = await addArrangement(ctx, h, {
      layer: "general",
      providerId: w.provider.id,
      offerId: w.offer.id,
      startsOn: "2026-10-05",
      status: "running",
      goalIds: [money.id, home.id],
    });
    await addArrangement(ctx, h, { layer: "social_network", providerName: "Zus van mevrouw", goalIds: [money.id] });
    await addArrangement(ctx, h, { layer: "individual", existing: true, providerName: "Thuiszorg (Wmo)", status: "running" });

    const plan = await getPlan(ctx, h);
    expect(plan.regisseur?.name).toBe("Rita Regisseur");
    expect(plan.canEdit).toBe(true);
    expect(plan.goals.map((g) => [g.lifeDomain, g.goalType])).toEqual([
      ["finances", "improve"],
      ["housing", "stabilise"],
    ]);
    expect(plan.goals[0].arrangementIds).toHaveLength(2);
    expect(plan.goals[1].arrangementIds).toEqual([a.id]);
    expect(plan.arrangements.map((x) => [x.provider, x.offer, x.goalIds.length])).toEqual([
      ["Schuldhulp Maastricht", "Budgetcursus", 2],
      ["Zus van mevrouw", null, 1],
    ]);
    expect(plan.existing.map((x) => x.provider)).toEqual(["Thuiszorg (Wmo)"]);

    // Editing: a goal's status, an arrangement's goals narrowed to one.
    await updateGoal(ctx, h, home.id, { lifeDomain: "housing", description: "Woning behouden", goalType: "stabilise", status: "achieved" });
    await updateArrangement(ctx, h, a.id, {
      layer: "general",
      providerId: w.provider.id,
      status: "ended",
      startsOn: "2026-10-05",
      endsOn: "2026-11-05",
      goalIds: [home.id],
    });
    const after = await getPlan(ctx, h);
    expect(after.goals.find((g) => g.id === home.id)?.status).toBe("achieved");
    expect(after.arrangements[0]).toMatchObject({ status: "ended", offer: null, goalIds: [home.id] });

    // The read is logged as part 'plan'; the audit holds ids and counts, not the texts.
    const reads = await t.db
      .select()
      .from(caseReadLog)
      .where(and(eq(caseReadLog.householdId, h), eq(caseReadLog.part, "plan")));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, a.id));
    expect(audit.map((e) => e.action)).toEqual(["casework.arrangement_added", "casework.arrangement_updated"]);
    expect(JSON.stringify(audit.map((e) => e.data))).not.toMatch(/Schuldhulp|Huurachterstand|Zus/);
  });

  it("an arrangement serves only goals of its own case: another household's goal is refused, nothing is linked", async () => {
    const other = await w.mk();
    const ctx = await w.as.regisseur();
    const foreignGoal = await addGoal(ctx, other.household.id, { lifeDomain: "justice", description: "Boete regelen", goalType: "improve" });
    const own = await addGoal(ctx, h, { lifeDomain: "time_use", description: "Dagbesteding", goalType: "improve" });
    expect(await rightOutcome(addArrangement(ctx, h, { layer: "own_strength", goalIds: [own.id, foreignGoal.id] }))).toBe("goal_other_case");
    const plan = await getPlan(ctx, h);
    expect(plan.arrangements.filter((a) => a.layer === "own_strength")).toHaveLength(0);
    const a = await addArrangement(ctx, h, { layer: "own_strength", goalIds: [own.id] });
    expect(await rightOutcome(updateArrangement(ctx, h, a.id, { layer: "own_strength", goalIds: [foreignGoal.id] }))).toBe("goal_other_case");
    expect(await t.db.select().from(caseArrangementGoals).where(eq(caseArrangementGoals.arrangementId, a.id))).toHaveLength(1);
    // Nor may a goal or arrangement of another household be edited through this one.
    expect(await rightOutcome(updateGoal(ctx, h, foreignGoal.id, { lifeDomain: "justice", description: "x", goalType: "improve" }))).toBe("not_found");
  });

  it("the provider must be on the kaart (and the offer its own); unknown ids are field errors; end before start is refused", async () => {
    const ctx = await w.as.regisseur();
    expect(await rightOutcome(addArrangement(ctx, h, { layer: "general", providerId: crypto.randomUUID() }))).toBe("invalid_input");
    expect(await rightOutcome(addArrangement(ctx, h, { layer: "general", providerId: w.otherProvider.id, offerId: w.offer.id }))).toBe("invalid_input");
    expect(await rightOutcome(addArrangement(ctx, h, { layer: "general", startsOn: "2026-11-01", endsOn: "2026-10-01" }))).toBe("invalid_input");
    expect(await rightOutcome(addGoal(ctx, h, { lifeDomain: "finances", description: "", goalType: "improve" }))).toBe("invalid_input");
  });

  it("an involved professional belongs to the case team: named in the plan, and may change it", async () => {
    const involved = await createUser(t.db, w.m.id, { name: "Ivo Betrokken", teamRoles: [{ teamId: w.teamA.id, role: "member" }] });
    const ctx = await teamContext(t.db, involved.id, w.teamA);
    expect(await rightOutcome(getPlan(ctx, h))).toBe("not_found");
    await t.db.insert(caseInvolved).values({ municipalityId: w.m.id, teamId: w.teamA.id, caseId: w.household.case.id, householdId: h, userId: involved.id });
    expect((await getPlan(await w.as.regisseur(), h)).involved.map((p) => p.name)).toEqual(["Ivo Betrokken"]);
    expect(await rightOutcome(addGoal(ctx, h, { lifeDomain: "social_network", description: "Netwerk versterken", goalType: "improve" }))).toBe("ok");
  });

  it("the picker lists the kaart's providers, filtered by layer, with their offers", async () => {
    const ctx = await w.as.regisseur();
    expect((await providerChoicesForPlan(ctx)).map((p) => p.name)).toEqual(["Buurtcirkel", "Schuldhulp Maastricht"]);
    const general = await providerChoicesForPlan(ctx, "general");
    expect(general.map((p) => [p.name, p.offers.map((o) => o.name)])).toEqual([["Schuldhulp Maastricht", ["Budgetcursus"]]]);
  });

  it("the coordinator reads and edits; break-the-glass reads but may not write; no right, a volunteer, another team: 404", async () => {
    expect((await getPlan(await w.as.coordinator(), h)).canEdit).toBe(true);
    expect(await rightOutcome(addGoal(await w.as.coordinator(), h, { lifeDomain: "housing", description: "x", goalType: "improve" }))).toBe("ok");
    expect((await getPlan(await w.as.glass(), h)).canEdit).toBe(false);
    expect(await expectAccessRules(w, (ctx, id) => getPlan(ctx, id))).toEqual(READ_RULES);
    expect(await expectAccessRules(w, (ctx, id) => getHouseholdSpends(ctx, id))).toEqual(READ_RULES);
    const goalId = (await getPlan(await w.as.regisseur(), h)).goals[0].id;
    const arrangementId = (await getPlan(await w.as.regisseur(), h)).arrangements[0].id;
    const goal = { lifeDomain: "finances" as const, description: "x", goalType: "improve" as const };
    expect(await expectAccessRules(w, (ctx, id) => addGoal(ctx, id, goal))).toEqual(WRITE_RULES);
    expect(await expectAccessRules(w, (ctx, id) => updateGoal(ctx, id, goalId, goal))).toEqual(WRITE_RULES);
    expect(await expectAccessRules(w, (ctx, id) => addArrangement(ctx, id, { layer: "general" }))).toEqual(WRITE_RULES);
    expect(await expectAccessRules(w, (ctx, id) => updateArrangement(ctx, id, arrangementId, { layer: "general" }))).toEqual(WRITE_RULES);
    // A team member without a right also cannot guess another team's household through their own team.
    expect(await rightOutcome(getPlan(await w.as.regisseur(), w.householdB.household.id))).toBe("not_found");
    expect(await rightOutcome(providerChoicesForPlan(await w.as.volunteer()))).toBe("forbidden");
  });
});
