// The report model (packages/core/src/figures/casework-figures.ts) on a small
// hand-made registration set: every cell of every table, in the team's own
// view (nothing suppressed) and the city view (suppressed), and who may see what.
import { randomBytes } from "node:crypto";
import { ForbiddenError } from "@wijkwerk/authz";
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
  zrmMeasurements,
  zrmScores,
  type Database,
} from "@wijkwerk/db";
import { caseworkFigures, type CaseworkReport, type FigureTableId } from "../src/figures";
import { createBuurtFor } from "./casework-fixture";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

let t: TestDatabase;
let db: Database;
let w: Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const m = await createMunicipality(db);
  const teamA = await createTeam(db, m.id, `alfa-${randomBytes(3).toString("hex")}`);
  const teamB = await createTeam(db, m.id, `bravo-${randomBytes(3).toString("hex")}`);
  const coordinator = await createUser(db, m.id, { teamRoles: [{ teamId: teamA.id, role: "coordinator" }] });
  const memberB = await createUser(db, m.id, { teamRoles: [{ teamId: teamB.id, role: "member" }] });
  const controller = await createUser(db, m.id, { scopeRoles: [{ role: "controller" }] });
  const researcher = await createUser(db, m.id, { scopeRoles: [{ role: "researcher" }] });
  const buurtA = await createBuurtFor(db, m.id, teamA.id);
  const buurtB = await createBuurtFor(db, m.id, teamB.id);
  let n = 0;
  const addCase = async (
    team: { id: string },
    buurtId: string,
    c: { intakeOn: string; gender: string; birthYear: number; householdType: string; entryRoute: string; questionType: string },
  ) => {
    const [h] = await db
      .insert(households)
      .values({ municipalityId: m.id, teamId: team.id, reference: `RP-${++n}`, buurtId })
      .returning();
    await db.insert(householdProfiles).values({ householdId: h.id, municipalityId: m.id, teamId: team.id, householdType: c.householdType });
    await db
      .insert(householdPersons)
      .values({ municipalityId: m.id, teamId: team.id, householdId: h.id, role: "adult", gender: c.gender, birthYear: c.birthYear });
    const [row] = await db
      .insert(cases)
      .values({
        municipalityId: m.id,
        teamId: team.id,
        householdId: h.id,
        intakeOn: c.intakeOn,
        entryRoute: c.entryRoute,
        questionType: c.questionType,
        regisseurId: coordinator.id,
        createdBy: coordinator.id,
      })
      .returning();
    return { h, c: row };
  };
  // Team A: five cases in March 2026, one in April; team B: two in March.
  const march = { intakeOn: "2026-03-10", householdType: "alone", entryRoute: "gp", questionType: "multiple" };
  const first = await addCase(teamA, buurtA.id, { ...march, gender: "female", birthYear: 1980 });
  await addCase(teamA, buurtA.id, { ...march, gender: "female", birthYear: 1980 });
  await addCase(teamA, buurtA.id, { ...march, gender: "female", birthYear: 1980 });
  await addCase(teamA, buurtA.id, { ...march, gender: "female", birthYear: 2000 });
  await addCase(teamA, buurtA.id, { ...march, gender: "male", birthYear: 2000 });
  await addCase(teamA, buurtA.id, {
    intakeOn: "2026-04-02",
    gender: "female",
    birthYear: 1950,
    householdType: "couple",
    entryRoute: "self",
    questionType: "single",
  });
  const bCase = { intakeOn: "2026-03-20", gender: "male", birthYear: 1990, householdType: "alone", entryRoute: "self", questionType: "single" };
  await addCase(teamB, buurtB.id, bCase);
  await addCase(teamB, buurtB.id, bCase);
  // Outside the period: not counted.
  await addCase(teamA, buurtA.id, { ...march, intakeOn: "2026-05-01", gender: "female", birthYear: 1980 });
  // The first case's plan, ZRM (finances 2 → 4), a referral and the closing.
  const base = { municipalityId: m.id, teamId: teamA.id, householdId: first.h.id, caseId: first.c.id };
  await db.insert(caseGoals).values({ ...base, lifeDomain: "finances", description: "Schulden op orde", goalType: "improve" });
  await db.insert(caseArrangements).values([
    { ...base, layer: "own_strength", existing: true, providerName: "Zus" },
    { ...base, layer: "general", providerName: "Schuldhulp" },
    { ...base, layer: "general", providerName: "Voedselbank" },
  ]);
  for (const [measuredOn, score] of [
    ["2026-03-10", 2],
    ["2026-05-10", 4],
  ] as const) {
    const [mm] = await db
      .insert(zrmMeasurements)
      .values({ ...base, measuredOn, createdBy: coordinator.id })
      .returning();
    await db.insert(zrmScores).values({ municipalityId: m.id, teamId: teamA.id, householdId: first.h.id, measurementId: mm.id, domain: "finances", score });
  }
  await db.insert(caseReferrals).values({ ...base, destination: "wmo", referredOn: "2026-03-20", outcome: "accepted", outcomeOn: "2026-04-01" });
  await db
    .update(cases)
    .set({ status: "closed", closedOn: "2026-06-01", closeReason: "Doelen bereikt", actedDifferently: "yes" })
    .where(eq(cases.id, first.c.id));
  await db
    .insert(caseworkContacts)
    .values({ municipalityId: m.id, teamId: teamA.id, kind: "contact", occurredOn: "2026-03-05", entryRoute: "self", questionType: "single" });
  return { m, teamA, teamB, coordinator, memberB, controller, researcher };
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  w = await buildWorld();
}, 120_000);
afterAll(() => t?.drop());

/** A table as lines "row: cell | cell", with its totals and average rows. */
function render(report: CaseworkReport, id: FigureTableId): string[] {
  const table = report.tables.find((x) => x.id === id)!;
  const line = (r: { label: string; cells: { display: string }[] }) => `${r.label}: ${r.cells.map((c) => c.display).join(" | ")}`;
  return [
    table.columns.map((c) => c.label).join(" | "),
    ...table.rows.map(line),
    ...(table.totals ? [line(table.totals)] : []),
    ...(table.average ? [line(table.average)] : []),
  ];
}

const zeroDomains = (except: string[], cells: string) =>
  [
    "Financiën",
    "Werk & opleiding",
    "Tijdsbesteding",
    "Huisvesting",
    "Huiselijke relaties",
    "Geestelijke gezondheid",
    "Lichamelijke gezondheid",
    "Middelengebruik",
    "Basale ADL",
    "Instrumentele ADL",
    "Sociaal netwerk",
    "Maatschappelijke participatie",
    "Justitie",
    "Opvoeding (aanvulling)",
  ]
    .filter((d) => !except.includes(d))
    .map((d) => `${d}: ${cells}`);

describe("the team's own view: nothing suppressed", () => {
  let r: CaseworkReport;
  beforeAll(async () => {
    r = await caseworkFigures(await teamContext(db, w.coordinator.id, w.teamA), {
      scope: { kind: "team", teamId: w.teamA.id },
      from: "2026-03",
      to: "2026-04",
    });
  });

  test("the report's frame", () => {
    expect(r.suppressed).toBe(false);
    expect(r.months).toEqual(["2026-03", "2026-04"]);
    expect(r.teams).toEqual([{ id: w.teamA.id, name: w.teamA.name }]);
    expect(r.tables.map((x) => x.id)).toEqual([
      "cases-per-month",
      "contacts-per-month",
      "objections-per-month",
      "gender",
      "age-groups",
      "household-types",
      "entry-routes",
      "question-types",
      "referral-destinations",
      "referral-outcomes",
      "zrm-intake",
      "zrm-latest",
      "zrm-movement",
      "arrangements",
      "goal-types",
      "assessment-count",
      "assessment",
      "workbudget",
    ]);
  });

  test("the workbudget beside them, read through workbudgetMonthFigures in the team's scope (no requests in this set)", () => {
    expect(render(r, "workbudget").map((l) => l.replace(/\u00a0/g, " "))).toEqual([
      "Waarde",
      "Aanvragen: 0",
      "Aangevraagd bedrag: € 0,00",
      "Goedgekeurd: 0",
      "Vastgelegd: € 0,00",
      "Betaald: € 0,00",
      "Verwachte financiële opbrengst: € 0,00",
      "Gerealiseerde financiële opbrengst: € 0,00",
      "Voorkomen problemen: 0",
    ]);
  });

  test("cases, contacts and objections per month, the period's total and the average", () => {
    expect(render(r, "cases-per-month")).toEqual(["Aantal", "maart 2026: 5", "april 2026: 1", "Totaal over de periode: 6", "Gemiddeld per maand: 3,0"]);
    expect(render(r, "contacts-per-month")).toEqual(["Aantal", "maart 2026: 1", "april 2026: 0", "Totaal over de periode: 1", "Gemiddeld per maand: 0,5"]);
    expect(render(r, "objections-per-month")).toEqual(["Aantal", "maart 2026: 0", "april 2026: 0", "Totaal over de periode: 0", "Gemiddeld per maand: 0,0"]);
  });

  test("the client and the household", () => {
    expect(render(r, "gender")).toEqual(["Aantal | %", "Vrouw: 5 | 83,3%", "Man: 1 | 16,7%", "Anders: 0 | 0,0%", "Onbekend: 0 | 0,0%", "Totaal: 6 | 100,0%"]);
    expect(render(r, "age-groups")).toEqual([
      "Aantal | %",
      "0–19 jaar: 0 | 0,0%",
      "20–39 jaar: 2 | 33,3%",
      "40–59 jaar: 3 | 50,0%",
      "60–79 jaar: 1 | 16,7%",
      "80 jaar en ouder: 0 | 0,0%",
      "Onbekend: 0 | 0,0%",
      "Totaal: 6 | 100,0%",
    ]);
    const household = render(r, "household-types");
    expect(household[0]).toBe("Aantal | %");
    expect(household.slice(1).map((l) => l.split(": ")[1])).toEqual(["5 | 83,3%", "1 | 16,7%", "0 | 0,0%", "0 | 0,0%", "0 | 0,0%", "0 | 0,0%", "6 | 100,0%"]);
    const routes = render(r, "entry-routes");
    expect(routes.slice(1).map((l) => l.split(": ")[1])).toEqual(["1 | 16,7%", "5 | 83,3%", ...Array.from({ length: 7 }, () => "0 | 0,0%"), "6 | 100,0%"]);
    expect(
      render(r, "question-types")
        .slice(1)
        .map((l) => l.split(": ")[1]),
    ).toEqual(["1 | 16,7%", "5 | 83,3%", "0 | 0,0%", "6 | 100,0%"]);
  });

  test("referrals and their outcomes", () => {
    expect(
      render(r, "referral-destinations")
        .slice(1)
        .map((l) => l.split(": ")[1]),
    ).toEqual(["0 | 0,0%", "0 | 0,0%", "1 | 100,0%", "0 | 0,0%", "0 | 0,0%", "1 | 100,0%"]);
    expect(
      render(r, "referral-outcomes")
        .slice(1)
        .map((l) => l.split(": ")[1]),
    ).toEqual(["0 | 0,0%", "1 | 100,0%", "0 | 0,0%", "0 | 0,0%", "0 | 0,0%", "1 | 100,0%"]);
  });

  test("ZRM at intake, at the latest and the movement", () => {
    const header = "1 Acute problematiek | 2 Niet zelfredzaam | 3 Beperkt zelfredzaam | 4 Voldoende zelfredzaam | 5 Volledig zelfredzaam | Totaal";
    expect(render(r, "zrm-intake")).toEqual([header, "Financiën: 0 | 1 | 0 | 0 | 0 | 1", ...zeroDomains(["Financiën"], "0 | 0 | 0 | 0 | 0 | 0")]);
    expect(render(r, "zrm-latest")).toEqual([header, "Financiën: 0 | 0 | 0 | 1 | 0 | 1", ...zeroDomains(["Financiën"], "0 | 0 | 0 | 0 | 0 | 0")]);
    expect(render(r, "zrm-movement")).toEqual([
      "Vooruit | Gelijk | Achteruit | Totaal | Gemiddelde verandering",
      "Financiën: 1 | 0 | 0 | 1 | +2,0",
      ...zeroDomains(["Financiën"], "0 | 0 | 0 | 0 | –"),
    ]);
  });

  test("support per kanteling layer, goals and the assessment", () => {
    expect(render(r, "arrangements")).toEqual([
      "Bestaand | Nieuw | Totaal | % bestaand | % nieuw",
      expect.stringMatching(/: 1 \| 0 \| 1 \| 33,3% \| 0,0%$/),
      expect.stringMatching(/: 0 \| 0 \| 0 \| 0,0% \| 0,0%$/),
      expect.stringMatching(/: 0 \| 2 \| 2 \| 0,0% \| 66,7%$/),
      expect.stringMatching(/: 0 \| 0 \| 0 \| 0,0% \| 0,0%$/),
      "Totaal: 1 | 2 | 3 | 33,3% | 66,7%",
    ]);
    expect(render(r, "goal-types")).toEqual([
      "Aantal | %",
      "Verbeteren: 1 | 100,0%",
      "Stabiliseren: 0 | 0,0%",
      "Begeleid afbouwen: 0 | 0,0%",
      "Totaal: 1 | 100,0%",
    ]);
    expect(render(r, "assessment-count")).toEqual(["Aantal", "Afgesloten casussen: 1", "Beoordeeld: 1"]);
    const assessment = render(r, "assessment");
    expect(assessment[0]).toBe("Ja | Nee | Onbekend | Totaal | % ja van beoordeeld");
    expect(assessment.slice(1).map((l) => l.split(": ")[1])).toEqual(["1 | 0 | 0 | 1 | 100,0%", ...Array.from({ length: 5 }, () => "0 | 0 | 1 | 1 | 0,0%")]);
  });
});

describe("the city view: suppressed", () => {
  let r: CaseworkReport;
  beforeAll(async () => {
    r = await caseworkFigures(await municipalityContext(db, w.controller.id, "municipality"), { scope: { kind: "city" }, from: "2026-03", to: "2026-04" });
  });
  const hidden = (n: number) => Array.from({ length: n }, () => "< 5").join(" | ");

  test("per team columns and the city; the small numbers and every total that would reveal one are hidden", () => {
    expect(r.suppressed).toBe(true);
    expect(r.teams.map((x) => x.id)).toEqual([w.teamA.id, w.teamB.id]);
    // Team B's 2 cases are hidden, so the city's 8 too (else 8 − 6 = 2); each month of A then has one hidden
    // month beside a shown total of 6: the other month is hidden as well (the total is shown elsewhere).
    expect(render(r, "cases-per-month")).toEqual([
      `${w.teamA.name} | ${w.teamB.name} | Gemeente`,
      `maart 2026: ${hidden(3)}`,
      `april 2026: ${hidden(3)}`,
      `Totaal over de periode: 6 | ${hidden(2)}`,
      `Gemiddeld per maand: 3,0 | ${hidden(2)}`,
    ]);
    expect(render(r, "contacts-per-month").slice(1)).toEqual([
      `maart 2026: ${hidden(3)}`,
      `april 2026: ${hidden(3)}`,
      `Totaal over de periode: ${hidden(3)}`,
      `Gemiddeld per maand: ${hidden(3)}`,
    ]);
    expect(render(r, "objections-per-month").slice(1)).toEqual([
      `maart 2026: ${hidden(3)}`,
      `april 2026: ${hidden(3)}`,
      `Totaal over de periode: ${hidden(3)}`,
      `Gemiddeld per maand: ${hidden(3)}`,
    ]);
  });

  test("distributions: a shown 5 keeps its cell, its city total goes (it would reveal B's hidden cell)", () => {
    expect(render(r, "gender")).toEqual([
      `${w.teamA.name} | ${w.teamB.name} | Gemeente | %`,
      `Vrouw: 5 | ${hidden(3)}`,
      `Man: ${hidden(4)}`,
      `Anders: ${hidden(4)}`,
      `Onbekend: ${hidden(4)}`,
      `Totaal: 6 | ${hidden(3)}`,
    ]);
    expect(
      render(r, "age-groups")
        .slice(1)
        .map((l) => l.split(": ")[1]),
    ).toEqual([...Array.from({ length: 6 }, () => hidden(4)), `6 | ${hidden(3)}`]);
    expect(
      render(r, "household-types")
        .slice(1)
        .map((l) => l.split(": ")[1]),
    ).toEqual([`5 | ${hidden(3)}`, ...Array.from({ length: 5 }, () => hidden(4)), `6 | ${hidden(3)}`]);
    expect(
      render(r, "entry-routes")
        .slice(1)
        .map((l) => l.split(": ")[1]),
    ).toEqual([hidden(4), `5 | ${hidden(3)}`, ...Array.from({ length: 7 }, () => hidden(4)), `6 | ${hidden(3)}`]);
    expect(
      render(r, "question-types")
        .slice(1)
        .map((l) => l.split(": ")[1]),
    ).toEqual([hidden(4), `5 | ${hidden(3)}`, hidden(4), `6 | ${hidden(3)}`]);
    expect(
      render(r, "goal-types")
        .slice(1)
        .map((l) => l.split(": ")[1]),
    ).toEqual([hidden(4), hidden(4), hidden(4), hidden(4)]);
  });

  test("every other table of this small set is below 5 throughout", () => {
    for (const id of [
      "referral-destinations",
      "referral-outcomes",
      "zrm-intake",
      "zrm-latest",
      "zrm-movement",
      "arrangements",
      "assessment-count",
      "assessment",
      "workbudget",
    ] as const) {
      const table = r.tables.find((x) => x.id === id)!;
      for (const row of [...table.rows, ...(table.totals ? [table.totals] : [])])
        for (const cell of row.cells) expect(cell, `${id} ${row.label}`).toEqual({ value: null, display: "< 5", suppressed: true });
    }
    expect(render(r, "referral-destinations")[0]).toBe(`${w.teamA.name} | ${w.teamB.name} | Gemeente | %`);
    expect(render(r, "zrm-movement").slice(1)).toEqual([`Financiën: ${hidden(5)}`, ...zeroDomains(["Financiën"], hidden(5))]);
  });

  test("a suppressed cell carries no number", () => {
    const cells = r.tables.flatMap((x) => [...x.rows, ...(x.totals ? [x.totals] : [])].flatMap((row) => row.cells));
    expect(cells.filter((c) => c.suppressed).every((c) => c.value === null && c.display === "< 5")).toBe(true);
  });
});

describe("who sees what", () => {
  const period = { from: "2026-03", to: "2026-04" };
  test("the researcher sees the city, suppressed; and a team, suppressed", async () => {
    const ctx = await municipalityContext(db, w.researcher.id, "municipality");
    expect((await caseworkFigures(ctx, { scope: { kind: "city" }, ...period })).suppressed).toBe(true);
    const teamB = await caseworkFigures(ctx, { scope: { kind: "team", teamId: w.teamB.id }, ...period });
    expect(teamB.suppressed).toBe(true);
    expect(render(teamB, "cases-per-month").slice(1)).toEqual([
      "maart 2026: < 5",
      "april 2026: < 5",
      "Totaal over de periode: < 5",
      "Gemiddeld per maand: < 5",
    ]);
  });

  test("a team member sees neither the city nor another team", async () => {
    const ctx = await teamContext(db, w.memberB.id, w.teamB);
    await expect(caseworkFigures(ctx, { scope: { kind: "city" }, ...period })).rejects.toThrow(ForbiddenError);
    await expect(caseworkFigures(ctx, { scope: { kind: "team", teamId: w.teamA.id }, ...period })).rejects.toThrow(ForbiddenError);
    const own = await caseworkFigures(ctx, { scope: { kind: "team", teamId: w.teamB.id }, ...period });
    expect(own.suppressed).toBe(false);
    expect(render(own, "cases-per-month").slice(1)).toEqual(["maart 2026: 2", "april 2026: 0", "Totaal over de periode: 2", "Gemiddeld per maand: 1,0"]);
  });

  test("a period is at most ten years and runs forwards", async () => {
    const ctx = await teamContext(db, w.coordinator.id, w.teamA);
    const scope = { kind: "team" as const, teamId: w.teamA.id };
    expect(await outcomeOf(caseworkFigures(ctx, { scope, from: "2026-04", to: "2026-03" }))).toBe("date_range_invalid");
    expect(await outcomeOf(caseworkFigures(ctx, { scope, from: "2010-01", to: "2026-03" }))).toBe("date_range_invalid");
    expect(await outcomeOf(caseworkFigures(ctx, { scope, from: "2026-13", to: "2026-13" }))).toBe("date_invalid");
  });
});

describe("the CSV", () => {
  test("every cell of every table in long format, suppressed cells as < 5, line by line", async () => {
    const { caseworkFiguresCsv } = await import("../src/figures");
    const report = await caseworkFigures(await municipalityContext(db, w.controller.id, "municipality"), {
      scope: { kind: "city" },
      from: "2026-03",
      to: "2026-04",
    });
    const chunks: string[] = [];
    for await (const chunk of caseworkFiguresCsv(report)) chunks.push(chunk);
    const lines = chunks.join("").split("\r\n");
    expect(lines[0]).toBe("\uFEFFtabel;rij;kolom;waarde");
    expect(lines).toContain(`Geopende casussen per maand;Totaal over de periode;${w.teamA.name};6`);
    expect(lines).toContain(`Geopende casussen per maand;Gemiddeld per maand;${w.teamA.name};3`);
    expect(lines).toContain(`Geopende casussen per maand;maart 2026;${w.teamB.name};< 5`);
    const cellCount = report.tables.reduce(
      (n, x) => n + [...x.rows, ...(x.totals ? [x.totals] : []), ...(x.average ? [x.average] : [])].reduce((m, row) => m + row.cells.length, 0),
      0,
    );
    expect(lines.filter((l) => l !== "").length).toBe(cellCount + 1);
    expect(chunks.length).toBeGreaterThan(50);
  });
});
