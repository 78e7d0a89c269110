// The casework summaries (migration casework_figures_triggers): kept by the
// statement-level triggers through inserts, updates, deletes, a transfer, an
// erasure and a bulk insert; the check finds a hand-broken summary; the
// rebuild repairs it. Real PostgreSQL, and the trigger path on PGlite.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  caseArrangements,
  caseGoals,
  caseReferrals,
  cases,
  caseworkContacts,
  eq,
  householdPersons,
  householdProfiles,
  households,
  queryRows,
  sql,
  zrmMeasurements,
  zrmScores,
  type Database,
} from "@wijkwerk/db";
import { checkCaseworkFigures, rebuildCaseworkFigures } from "../src/figures";
import { createBuurtFor, createHouseholdWithCase } from "./casework-fixture";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser } from "./fixtures";

/** The month figures of a team as "month metric key n total" lines, sorted. */
async function figuresOf(db: Database, teamId: string): Promise<string[]> {
  const rows = await queryRows<{ line: string }>(
    db,
    sql`select to_char(month, 'YYYY-MM') || ' ' || metric || ' ' || key || ' ' || n || ' ' || total as line
        from casework_month_figures where team_id = ${teamId} order by month, metric, key`,
  );
  return rows.map((r) => r.line);
}

async function world(db: Database) {
  const m = await createMunicipality(db);
  const teamA = await createTeam(db, m.id);
  const teamB = await createTeam(db, m.id);
  const user = await createUser(db, m.id, { teamRoles: [{ teamId: teamA.id, role: "coordinator" }] });
  const buurt = await createBuurtFor(db, m.id, teamA.id);
  return { m, teamA, teamB, user, buurt };
}

/** One case with a plan, two ZRM measurements, a referral, closed with the assessment. */
async function fullCase(db: Database, w: Awaited<ReturnType<typeof world>>) {
  const { household: h, case: c } = await createHouseholdWithCase(db, {
    municipalityId: w.m.id,
    teamId: w.teamA.id,
    buurtId: w.buurt.id,
    regisseurId: w.user.id,
    withChild: true,
    intakeOn: "2026-03-15",
  });
  const base = { municipalityId: w.m.id, teamId: w.teamA.id, householdId: h.id, caseId: c.id };
  await db.insert(caseGoals).values([
    { ...base, lifeDomain: "finances", description: "Schulden op orde", goalType: "improve" },
    { ...base, lifeDomain: "housing", description: "Woning houden", goalType: "stabilise" },
  ]);
  await db.insert(caseArrangements).values([
    { ...base, layer: "own_strength", existing: true, providerName: "Zus" },
    { ...base, layer: "general", providerName: "Schuldhulp" },
    { ...base, layer: "general", providerName: "Voedselbank" },
  ]);
  const [m1] = await db
    .insert(zrmMeasurements)
    .values({ ...base, measuredOn: "2026-03-15", createdBy: w.user.id })
    .returning();
  await db.insert(zrmScores).values([
    { municipalityId: w.m.id, teamId: w.teamA.id, householdId: h.id, measurementId: m1.id, domain: "finances", score: 2 },
    { municipalityId: w.m.id, teamId: w.teamA.id, householdId: h.id, measurementId: m1.id, domain: "housing", score: 3 },
  ]);
  const [m2] = await db
    .insert(zrmMeasurements)
    .values({ ...base, measuredOn: "2026-06-01", createdBy: w.user.id })
    .returning();
  await db.insert(zrmScores).values([
    { municipalityId: w.m.id, teamId: w.teamA.id, householdId: h.id, measurementId: m2.id, domain: "finances", score: 4 },
    { municipalityId: w.m.id, teamId: w.teamA.id, householdId: h.id, measurementId: m2.id, domain: "social_network", score: 3 },
  ]);
  await db.insert(caseReferrals).values({ ...base, destination: "wmo", referredOn: "2026-04-01", outcome: "accepted", outcomeOn: "2026-04-20" });
  await db
    .update(cases)
    .set({
      status: "closed",
      closedOn: "2026-07-01",
      closeReason: "Doelen bereikt",
      actedDifferently: "yes",
      differentArrangement: "no",
      timeGained: "yes",
      residentSatisfied: "yes",
    })
    .where(eq(cases.id, c.id));
  return { h, c, m1, m2 };
}

/** What fullCase contributes (intake month 2026-03; the client Anna, female, born 1980: 46 at intake). */
const FULL_CASE = [
  "2026-03 age_group 40-59 1 0",
  "2026-03 arrangement general:new 2 0",
  "2026-03 arrangement own_strength:existing 1 0",
  "2026-03 assessed  1 0",
  "2026-03 assessment actedDifferently:yes 1 0",
  "2026-03 assessment differentArrangement:no 1 0",
  "2026-03 assessment neighbourhoodStrengthUsed:unknown 1 0",
  "2026-03 assessment residentSatisfied:yes 1 0",
  "2026-03 assessment sufficientSupport:unknown 1 0",
  "2026-03 assessment timeGained:yes 1 0",
  "2026-03 closed  1 0",
  "2026-03 entry_route gp 1 0",
  "2026-03 gender female 1 0",
  "2026-03 goal_type improve 1 0",
  "2026-03 goal_type stabilise 1 0",
  "2026-03 household_type single_parent 1 0",
  "2026-03 opened  1 0",
  "2026-03 question_type multiple 1 0",
  "2026-03 referral wmo:accepted 1 0",
  "2026-03 zrm_intake finances:2 1 0",
  "2026-03 zrm_intake housing:3 1 0",
  "2026-03 zrm_intake social_network:3 1 0",
  "2026-03 zrm_latest finances:4 1 0",
  "2026-03 zrm_latest housing:3 1 0",
  "2026-03 zrm_latest social_network:3 1 0",
  "2026-03 zrm_movement finances:improved 1 2",
];

async function expectCheckClean(db: Database) {
  const result = await checkCaseworkFigures(db);
  expect(result.problems).toEqual([]);
}

describe("casework summaries on PostgreSQL", () => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
  }, 120_000);
  afterAll(() => t?.drop());

  test("every kind of registration lands in the intake month; contacts and objections in their own", async () => {
    const w = await world(db);
    await fullCase(db, w);
    await db.insert(caseworkContacts).values([
      { municipalityId: w.m.id, teamId: w.teamA.id, kind: "contact", occurredOn: "2026-05-12", entryRoute: "self", questionType: "single" },
      { municipalityId: w.m.id, teamId: w.teamA.id, kind: "contact", occurredOn: "2026-05-20", entryRoute: "gp", questionType: "single" },
      { municipalityId: w.m.id, teamId: w.teamA.id, kind: "objection", occurredOn: "2026-04-01" },
    ]);
    expect(await figuresOf(db, w.teamA.id)).toEqual([...FULL_CASE, "2026-04 objection  1 0", "2026-05 contact  2 0"]);
    expect(await figuresOf(db, w.teamB.id)).toEqual([]);
    await expectCheckClean(db);
  });

  test("updates, deletes, a transfer and an erasure keep the summaries in step", async () => {
    const w = await world(db);
    const { h, c, m2 } = await fullCase(db, w);
    // The client becomes a man born 1940 (86 at intake); the household a couple with children.
    await db.update(householdPersons).set({ gender: "male", birthYear: 1940 }).where(eq(householdPersons.name, "Anna Bakker"));
    await db.update(householdProfiles).set({ householdType: "couple_with_children" }).where(eq(householdProfiles.householdId, h.id));
    // A later measurement of finances drops to 1: movement declined by 1.
    await db
      .update(zrmScores)
      .set({ score: 1 })
      .where(sql`${zrmScores.measurementId} = ${m2.id} and ${zrmScores.domain} = 'finances'`);
    await db.delete(caseGoals).where(sql`${caseGoals.caseId} = ${c.id} and ${caseGoals.goalType} = 'stabilise'`);
    await db.update(caseReferrals).set({ outcome: "declined" }).where(eq(caseReferrals.caseId, c.id));
    const changed = (await figuresOf(db, w.teamA.id)).join("\n");
    expect(changed).toContain("2026-03 gender male 1 0");
    expect(changed).not.toContain("gender female");
    expect(changed).toContain("2026-03 age_group 80+ 1 0");
    expect(changed).toContain("2026-03 household_type couple_with_children 1 0");
    expect(changed).toContain("2026-03 zrm_latest finances:1 1 0");
    expect(changed).toContain("2026-03 zrm_movement finances:declined 1 -1");
    expect(changed).not.toContain("zrm_movement finances:improved");
    expect(changed).not.toContain("goal_type stabilise");
    expect(changed).toContain("2026-03 referral wmo:declined 1 0");
    expect(changed).not.toContain("wmo:accepted");
    await expectCheckClean(db);

    // Deleting the second measurement: one measurement of finances left, so no movement.
    await db.delete(zrmMeasurements).where(eq(zrmMeasurements.id, m2.id));
    const afterDelete = await figuresOf(db, w.teamA.id);
    expect(afterDelete.filter((l) => l.includes("zrm_"))).toEqual([
      "2026-03 zrm_intake finances:2 1 0",
      "2026-03 zrm_intake housing:3 1 0",
      "2026-03 zrm_latest finances:2 1 0",
      "2026-03 zrm_latest housing:3 1 0",
    ]);
    await expectCheckClean(db);

    // A transfer (as accept_household_transfer does it) moves every contribution to team B.
    const before = await figuresOf(db, w.teamA.id);
    await db.transaction(async (tx) => {
      await tx.update(households).set({ teamId: w.teamB.id }).where(eq(households.id, h.id));
      for (const table of [
        "household_profiles",
        "household_persons",
        "cases",
        "case_goals",
        "case_arrangements",
        "zrm_measurements",
        "zrm_scores",
        "case_referrals",
      ])
        await tx.execute(sql`update ${sql.identifier(table)} set team_id = ${w.teamB.id} where household_id = ${h.id}`);
    });
    expect(await figuresOf(db, w.teamA.id)).toEqual([]);
    expect(await figuresOf(db, w.teamB.id)).toEqual(before);
    await expectCheckClean(db);

    // Erasure deletes the household and its case: the figures stay.
    await db.delete(households).where(eq(households.id, h.id));
    expect(await figuresOf(db, w.teamB.id)).toEqual(before);
    await expectCheckClean(db);
  });

  test("a bulk insert of many cases refreshes each once, in one statement per table", async () => {
    const w = await world(db);
    const hs = await db
      .insert(households)
      .values(Array.from({ length: 300 }, (_, i) => ({ municipalityId: w.m.id, teamId: w.teamA.id, reference: `BK-${i}`, buurtId: w.buurt.id })))
      .returning();
    const started = Date.now();
    await db.insert(cases).values(
      hs.map((h, i) => ({
        municipalityId: w.m.id,
        teamId: w.teamA.id,
        householdId: h.id,
        intakeOn: i % 2 === 0 ? "2025-01-10" : "2025-02-10",
        entryRoute: "self",
        questionType: "single",
        regisseurId: w.user.id,
        createdBy: w.user.id,
      })),
    );
    await db
      .insert(householdPersons)
      .values(hs.map((h) => ({ municipalityId: w.m.id, teamId: w.teamA.id, householdId: h.id, role: "adult", gender: "other", birthYear: 2000 })));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await figuresOf(db, w.teamA.id)).toEqual([
      "2025-01 age_group 20-39 150 0",
      "2025-01 entry_route self 150 0",
      "2025-01 gender other 150 0",
      "2025-01 household_type unknown 150 0",
      "2025-01 opened  150 0",
      "2025-01 question_type single 150 0",
      "2025-02 age_group 20-39 150 0",
      "2025-02 entry_route self 150 0",
      "2025-02 gender other 150 0",
      "2025-02 household_type unknown 150 0",
      "2025-02 opened  150 0",
      "2025-02 question_type single 150 0",
    ]);
    await expectCheckClean(db);
  });

  test("the check reports a hand-broken summary in Dutch; the rebuild repairs it", async () => {
    const w = await world(db);
    await fullCase(db, w);
    await db.execute(sql`update casework_month_figures set n = n + 3 where team_id = ${w.teamA.id} and metric = 'opened'`);
    await db.execute(sql`update casework_case_facts set contributions = '[["opened", "", 1, 0]]'::jsonb where team_id = ${w.teamA.id}`);
    const broken = await checkCaseworkFigures(db);
    expect(broken.problems).toContain(`Team ${w.teamA.slug}, 2026-03: opened staat op 4 (som 0), maar is herberekend 1 (som 0).`);
    expect(broken.problems.some((p) => p.includes("bijdrage gender / female is 0 (som 0), maar volgt uit de registraties als 1 (som 0)."))).toBe(true);
    await rebuildCaseworkFigures(db, w.m.id);
    await expectCheckClean(db);
    expect(await figuresOf(db, w.teamA.id)).toEqual(FULL_CASE);
  });

  test("app_user reads the month figures of its own team only, and never the case facts", async () => {
    const w = await world(db);
    await fullCase(db, w);
    const { withScope } = await import("@wijkwerk/db");
    const own = await withScope(db, { kind: "team", municipalityId: w.m.id, teamId: w.teamA.id, userId: w.user.id }, (tx) =>
      queryRows<{ n: string }>(tx, sql`select count(*)::text as n from casework_month_figures`),
    );
    expect(Number(own[0].n)).toBe(FULL_CASE.length);
    const other = await withScope(db, { kind: "team", municipalityId: w.m.id, teamId: w.teamB.id, userId: w.user.id }, (tx) =>
      queryRows<{ n: string }>(tx, sql`select count(*)::text as n from casework_month_figures`),
    );
    expect(other[0].n).toBe("0");
    await expect(
      withScope(db, { kind: "team", municipalityId: w.m.id, teamId: w.teamA.id, userId: w.user.id }, (tx) =>
        tx.execute(sql`select * from casework_case_facts`),
      ),
    ).rejects.toThrow();
    await expect(
      withScope(db, { kind: "team", municipalityId: w.m.id, teamId: w.teamA.id, userId: w.user.id }, (tx) =>
        tx.execute(sql`update casework_month_figures set n = 99`),
      ),
    ).rejects.toThrow();
  });
});

describe("casework summaries on PGlite", () => {
  test("the trigger path and the check", async () => {
    const t = await createTestDatabase("pglite");
    try {
      const w = await world(t.db);
      await fullCase(t.db, w);
      expect(await figuresOf(t.db, w.teamA.id)).toEqual(FULL_CASE);
      expect((await checkCaseworkFigures(t.db)).problems).toEqual([]);
    } finally {
      await t.drop();
    }
  }, 120_000);
});
