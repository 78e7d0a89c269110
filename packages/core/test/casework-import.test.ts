// The casework history import (issue 16) on real PostgreSQL: a good file with
// every kind of row lands whole (through RLS, one audit event); each kind of
// bad row is reported with its row, column and a Dutch message and nothing is
// written; an error in the very last row writes nothing; the same file again
// changes nothing; the file's own problems (NUL, BOM, separators, CRLF, size,
// quotes, header) are caught before any row is read; only the coordinator may
// import; the documented example file imports as documented.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  buurtAssignments,
  buurten,
  caseArrangements,
  caseGoals,
  caseReferrals,
  cases,
  eq,
  householdPersons,
  households,
  sql,
  teams,
  zrmMeasurements,
  zrmScores,
  queryRows,
} from "@wijkwerk/db";
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, importCaseworkHistory, importReportCsv, listHouseholds, type ImportReport } from "../src/casework";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, teamContext } from "./fixtures";

let t: TestDatabase;
let teamA: Awaited<ReturnType<typeof createTeam>>, teamB: Awaited<ReturnType<typeof createTeam>>;
let coordinator: string, member: string, coordinatorB: string;
const coordinatorEmail = `coord-${randomBytes(3).toString("hex")}@test.demo`;
const memberEmail = `member-${randomBytes(3).toString("hex")}@test.demo`;

type Row = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;
const cell = (v: string, sep: string) => (v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (rows: Row[], sep = ";", eol = "\r\n") =>
  [IMPORT_COLUMNS.join(sep), ...rows.map((r) => IMPORT_COLUMNS.map((c) => cell(r[c as keyof Row] ?? "", sep)).join(sep))].join(eol) + eol;
const bytes = (text: string) => new TextEncoder().encode(text);
const asCoordinator = async (file: string | Uint8Array, dryRun = false) =>
  importCaseworkHistory(await teamContext(t.db, coordinator, teamA), typeof file === "string" ? bytes(file) : file, { dryRun });

/** A household with two cases (the first closed, with its assessment) and one row of every kind. */
const good = (ref = "MB-1001"): Row[] => [
  {
    record: "case",
    reference: ref,
    intake_date: "14-05-2014",
    buurt: "Malpertuis",
    household_type: "single_parent",
    entry_route: "school",
    question_type: "multi_problem",
    legal_basis: "jeugdwet",
    question: "Schulden; zorgen",
    closed_on: "30-06-2015",
    close_reason: "Doelen bereikt",
  },
  {
    record: "case",
    reference: ref,
    intake_date: "2019-01-10",
    buurt: "malpertuis",
    household_type: "single_parent",
    entry_route: "gp",
    question_type: "single",
    regisseur: memberEmail,
  },
  { record: "person", reference: ref, name: "Sanne de Jacobs", role: "adult", gender: "female", birth_year: "1984" },
  { record: "person", reference: ref, role: "child", birth_year: "2008" },
  {
    record: "goal",
    reference: ref,
    intake_date: "14-05-2014",
    life_domain: "finances",
    goal_type: "improve",
    status: "achieved",
    description: "Schulden in beeld",
  },
  { record: "arrangement", reference: ref, intake_date: "14-05-2014", layer: "social_network", existing: "ja", provider: "Zus" },
  {
    record: "arrangement",
    reference: ref,
    intake_date: "14-05-2014",
    layer: "general",
    provider: "Schuldhulpmaatje",
    status: "ended",
    start_date: "01-06-2014",
    end_date: "30-06-2015",
  },
  { record: "zrm", reference: ref, intake_date: "14-05-2014", measured_on: "14-05-2014", domain: "finances", score: "1" },
  { record: "zrm", reference: ref, intake_date: "14-05-2014", measured_on: "14-05-2014", domain: "parenting", score: "2" },
  { record: "zrm", reference: ref, intake_date: "14-05-2014", measured_on: "15-06-2015", domain: "finances", score: "3" },
  {
    record: "referral",
    reference: ref,
    intake_date: "14-05-2014",
    destination: "youth",
    referred_on: "20-05-2014",
    outcome: "completed",
    outcome_on: "01-03-2015",
  },
  { record: "referral", reference: ref, intake_date: "2019-01-10", destination: "wmo", referred_on: "2019-01-15" },
  {
    record: "assessment",
    reference: ref,
    intake_date: "14-05-2014",
    acted_differently: "ja",
    different_arrangement: "nee",
    time_gained: "onbekend",
    neighbourhood_strength_used: "yes",
    sufficient_support: "",
    resident_satisfied: "ja",
  },
];

async function countsOf(teamId: string) {
  const [row] = await queryRows<Record<string, number>>(
    t.db,
    sql`select (select count(*)::int from households where team_id = ${teamId}) as households,
               (select count(*)::int from cases where team_id = ${teamId}) as cases,
               (select count(*)::int from household_persons where team_id = ${teamId}) as persons,
               (select count(*)::int from case_goals where team_id = ${teamId}) as goals,
               (select count(*)::int from case_arrangements where team_id = ${teamId}) as arrangements,
               (select count(*)::int from zrm_measurements where team_id = ${teamId}) as measurements,
               (select count(*)::int from zrm_scores where team_id = ${teamId}) as scores,
               (select count(*)::int from case_referrals where team_id = ${teamId}) as referrals,
               (select count(*)::int from audit_events where team_id = ${teamId} and action = 'casework.history_imported') as audits`,
  );
  return row;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const m = await createMunicipality(t.db);
  teamA = await createTeam(t.db, m.id, `malberg-${randomBytes(2).toString("hex")}`);
  teamB = await createTeam(t.db, m.id, `caberg-${randomBytes(2).toString("hex")}`);
  await t.db.update(teams).set({ residentRefPrefix: "MB" }).where(eq(teams.id, teamA.id));
  await t.db.update(teams).set({ residentRefPrefix: "CB" }).where(eq(teams.id, teamB.id));
  coordinator = (await createUser(t.db, m.id, { email: coordinatorEmail, teamRoles: [{ teamId: teamA.id, role: "coordinator" }] })).id;
  member = (await createUser(t.db, m.id, { email: memberEmail, teamRoles: [{ teamId: teamA.id, role: "member" }] })).id;
  coordinatorB = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "coordinator" }] })).id;
  const buurt = async (name: string) => (await t.db.insert(buurten).values({ municipalityId: m.id, name }).returning())[0].id;
  const [malpertuis, pottenberg, caberg, nieuw, limmel, nazareth] = [
    await buurt("Malpertuis"),
    await buurt("Pottenberg"),
    await buurt("Caberg"),
    await buurt("Nieuwbouw"),
    await buurt("Limmel"),
    await buurt("Nazareth"),
  ];
  await t.db.insert(buurtAssignments).values([
    { municipalityId: m.id, teamId: teamA.id, buurtId: malpertuis, validFrom: "2013-01-01" },
    // Pottenberg was team B's until 2016, then A's.
    { municipalityId: m.id, teamId: teamB.id, buurtId: pottenberg, validFrom: "2013-01-01", validTo: "2016-12-31" },
    { municipalityId: m.id, teamId: teamA.id, buurtId: pottenberg, validFrom: "2017-01-01" },
    { municipalityId: m.id, teamId: teamB.id, buurtId: caberg, validFrom: "2013-01-01" },
    // Nieuwbouw's recorded history starts in 2018, with team A.
    { municipalityId: m.id, teamId: teamA.id, buurtId: nieuw, validFrom: "2018-01-01" },
    // The example file's buurten (docs/examples/casework-history.csv) belong to team B here, from 2016 on.
    { municipalityId: m.id, teamId: teamB.id, buurtId: limmel, validFrom: "2016-01-01" },
    { municipalityId: m.id, teamId: teamB.id, buurtId: nazareth, validFrom: "2016-01-01" },
  ]);
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

describe("a good file", { timeout: 120_000 }, () => {
  let first: ImportReport;

  it("is checked without writing anything, then imported whole in one transaction with one audit event", async () => {
    const file = csv(good());
    const check = await asCoordinator(file, true);
    expect(check.errors).toEqual([]);
    expect(check.imported).toBe(false);
    expect(check.toImport).toEqual({
      households: 1,
      cases: 2,
      closedCases: 1,
      persons: 2,
      goals: 1,
      arrangements: 2,
      zrmMeasurements: 2,
      zrmScores: 3,
      referrals: 2,
      assessments: 1,
    });
    expect((await countsOf(teamA.id)).households).toBe(0);

    first = await asCoordinator(file);
    expect(first.imported).toBe(true);
    expect(first.sha256).toBe(check.sha256);
    expect(await countsOf(teamA.id)).toEqual({
      households: 1,
      cases: 2,
      persons: 2,
      goals: 1,
      arrangements: 2,
      measurements: 2,
      scores: 3,
      referrals: 2,
      audits: 1,
    });
    const [h] = await t.db.select().from(households).where(eq(households.reference, "MB-1001"));
    expect(h).toMatchObject({ teamId: teamA.id, status: "open", initials: "S.J." });
    const rows = await t.db.select().from(cases).where(eq(cases.householdId, h.id)).orderBy(cases.intakeOn);
    expect(rows.map((c) => [c.intakeOn, c.status, c.closedOn, c.retainUntil, c.legalBasis])).toEqual([
      ["2014-05-14", "closed", "2015-06-30", "2035-06-30", "jeugdwet"],
      ["2019-01-10", "open", null, null, "none"],
    ]);
    expect(rows[0]).toMatchObject({
      actedDifferently: "yes",
      differentArrangement: "no",
      timeGained: "unknown",
      sufficientSupport: "unknown",
      createdBy: coordinator,
    });
    expect(rows[0].regisseurId).toBe(coordinator);
    expect(rows[1].regisseurId).toBe(member);
    expect(rows[0].question).toBe("Schulden; zorgen");
    const persons = await t.db.select().from(householdPersons).where(eq(householdPersons.householdId, h.id));
    expect(persons.map((p) => [p.role, p.gender, p.birthYear]).sort()).toEqual([
      ["adult", "female", 1984],
      ["child", "unknown", 2008],
    ]);
    const arrangements = await t.db.select().from(caseArrangements).where(eq(caseArrangements.householdId, h.id));
    expect(arrangements.map((a) => [a.layer, a.existing, a.providerName, a.status]).sort()).toEqual([
      ["general", false, "Schuldhulpmaatje", "ended"],
      ["social_network", true, "Zus", "planned"],
    ]);
    const [goal] = await t.db.select().from(caseGoals).where(eq(caseGoals.householdId, h.id));
    expect(goal).toMatchObject({ lifeDomain: "finances", goalType: "improve", status: "achieved", caseId: rows[0].id });
    const refs = await t.db.select().from(caseReferrals).where(eq(caseReferrals.householdId, h.id));
    expect(refs.map((r) => [r.caseId === rows[1].id, r.outcome, r.outcomeOn]).sort()).toEqual([
      [false, "completed", "2015-03-01"],
      [true, "pending", null],
    ]);
    const measurements = await t.db.select().from(zrmMeasurements).where(eq(zrmMeasurements.householdId, h.id)).orderBy(zrmMeasurements.measuredOn);
    expect(measurements.map((x) => x.measuredOn)).toEqual(["2014-05-14", "2015-06-15"]);
    const scores = await t.db.select().from(zrmScores).where(eq(zrmScores.measurementId, measurements[0].id));
    expect(Object.fromEntries(scores.map((s) => [s.domain, s.score]))).toEqual({ finances: 1, parenting: 2 });
    const [ev] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "casework.history_imported"));
    expect(ev.data).toMatchObject({ households: 1, cases: 2, sha256: first.sha256 });
    expect(JSON.stringify(ev.data)).not.toContain("MB-1001");
    // The household list (through RLS) shows it to the team.
    const list = await listHouseholds(await teamContext(t.db, coordinator, teamA), { filter: "all", q: "MB-1001" });
    expect(list.rows.map((r) => r.reference)).toContain("MB-1001");
  });

  it("run again changes nothing: every case is reported as already present, and no audit event is written", async () => {
    const before = await countsOf(teamA.id);
    const again = await asCoordinator(csv(good()));
    expect(again.errors).toEqual([]);
    expect(again.imported).toBe(false);
    expect(again.toImport.cases).toBe(0);
    expect(again.present).toEqual({ households: 1, cases: 2, rows: good().length });
    expect(await countsOf(teamA.id)).toEqual(before);
  });

  it("reads `,` as well as `;`, LF as well as CRLF, a BOM, quoted cells with separators and line ends, ISO and Dutch dates", async () => {
    const rows = good("MB-1002").map((r) => (r.record === "case" && r.intake_date === "14-05-2014" ? { ...r, question: 'Twee regels,\nmet "quotes"' } : r));
    const file = "\uFEFF" + csv(rows, ",", "\n");
    const report = await asCoordinator(file);
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(true);
    const [c] = await queryRows<{ question: string }>(
      t.db,
      sql`select c.question from cases c join households h on h.id = c.household_id where h.reference = 'MB-1002' and c.intake_on = '2014-05-14'`,
    );
    expect(c.question).toBe('Twee regels,\nmet "quotes"');
  });

  it("accepts history older than the buurt's first recorded assignment when this team held it first; not when another did", async () => {
    const older = (ref: string, buurt: string, intake: string): Row => ({
      record: "case",
      reference: ref,
      intake_date: intake,
      buurt,
      household_type: "alone",
      entry_route: "self",
      question_type: "single",
    });
    const ok = await asCoordinator(csv([older("MB-1003", "Nieuwbouw", "2015-03-01")]));
    expect(ok.errors).toEqual([]);
    expect(ok.imported).toBe(true);
    const refused = await asCoordinator(csv([older("MB-1004", "Pottenberg", "2015-03-01"), older("MB-1005", "Caberg", "2020-03-01")]));
    expect(refused.imported).toBe(false);
    expect(refused.errors).toEqual([
      { row: 2, column: "buurt", message: expect.stringMatching(/^Pottenberg hoorde op 01-03-2015 bij team Team caberg-/) },
      { row: 3, column: "buurt", message: expect.stringMatching(/^Caberg hoorde op 01-03-2020 bij team/) },
    ]);
  });
});

describe("bad rows: every problem is reported with row, column and a Dutch message, and nothing is written", { timeout: 120_000 }, () => {
  const base = (): Row[] => good("MB-2001");
  const cases_: { name: string; rows: () => Row[]; row: number; column: string; message: RegExp }[] = [
    {
      name: "unknown record kind",
      rows: () => [...base(), { record: "huisbezoek", reference: "MB-2001" }],
      row: 15,
      column: "record",
      message: /Onbekend soort regel "huisbezoek"/,
    },
    {
      name: "reference of another team",
      rows: () => [...base(), { record: "person", reference: "CB-0001", role: "adult" }],
      row: 15,
      column: "reference",
      message: /MB- met 4 tot 6 cijfers/,
    },
    { name: "reference missing", rows: () => [...base(), { record: "person", role: "adult" }], row: 15, column: "reference", message: /Verplicht/ },
    {
      name: "unknown key (vocabulary)",
      rows: () => base().map((r) => (r.record === "goal" ? { ...r, goal_type: "verbeteren" } : r)),
      row: 6,
      column: "goal_type",
      message: /"verbeteren" is geen toegestane waarde\. Toegestaan: improve, stabilise, guided_decline/,
    },
    {
      name: "not a date",
      rows: () => base().map((r) => (r.record === "referral" && r.outcome === "completed" ? { ...r, referred_on: "31-02-2014" } : r)),
      row: 12,
      column: "referred_on",
      message: /geen datum/,
    },
    {
      name: "date before 2013",
      rows: () => base().map((r, i) => (i === 0 ? { ...r, intake_date: "31-12-2012" } : r)),
      row: 2,
      column: "intake_date",
      message: /tussen 01-01-2013 en/,
    },
    {
      name: "date in the future",
      rows: () => base().map((r) => (r.record === "zrm" && r.score === "3" ? { ...r, measured_on: "01-01-2999" } : r)),
      row: 11,
      column: "measured_on",
      message: /niet in de toekomst/,
    },
    {
      name: "ZRM score 6",
      rows: () => base().map((r) => (r.record === "zrm" && r.score === "1" ? { ...r, score: "6" } : r)),
      row: 9,
      column: "score",
      message: /geen ZRM-score: 1, 2, 3, 4 of 5/,
    },
    {
      name: "ZRM unknown domain",
      rows: () => base().map((r) => (r.record === "zrm" && r.score === "1" ? { ...r, domain: "geld" } : r)),
      row: 9,
      column: "domain",
      message: /"geld" is geen toegestane waarde/,
    },
    {
      name: "ZRM domain twice on a day",
      rows: () => [...base(), { record: "zrm", reference: "MB-2001", intake_date: "14-05-2014", measured_on: "14-05-2014", domain: "finances", score: "2" }],
      row: 15,
      column: "domain",
      message: /al een score \(regel 9\)/,
    },
    {
      name: "parenting without a child",
      rows: () => base().filter((r) => !(r.record === "person" && r.role === "child")),
      row: 9,
      column: "domain",
      message: /alleen bij een huishouden met een kind/,
    },
    {
      name: "row for a case in neither file nor database",
      rows: () => [
        ...base(),
        { record: "goal", reference: "MB-2001", intake_date: "01-01-2016", life_domain: "housing", goal_type: "improve", description: "x" },
      ],
      row: 15,
      column: "intake_date",
      message: /Geen casus MB-2001 met intakedatum 01-01-2016/,
    },
    {
      name: "person of an unknown household",
      rows: () => [...base(), { record: "person", reference: "MB-2999", role: "adult" }],
      row: 15,
      column: "reference",
      message: /Geen huishouden MB-2999/,
    },
    {
      name: "unknown buurt",
      rows: () => base().map((r, i) => (i === 0 ? { ...r, buurt: "Atlantis" } : r)),
      row: 2,
      column: "buurt",
      message: /Onbekende buurt "Atlantis"/,
    },
    {
      name: "unknown regisseur",
      rows: () => base().map((r, i) => (i === 1 ? { ...r, regisseur: "niemand@test.demo" } : r)),
      row: 3,
      column: "regisseur",
      message: /geen coördinator of lid/,
    },
    {
      name: "cell of another kind",
      rows: () => base().map((r) => (r.record === "person" && r.role === "adult" ? { ...r, score: "3" } : r)),
      row: 4,
      column: "score",
      message: /Hoort niet bij een regel van soort person/,
    },
    {
      name: "closing without reason",
      rows: () => base().map((r, i) => (i === 0 ? { ...r, close_reason: "" } : r)),
      row: 2,
      column: "close_reason",
      message: /Verplicht/,
    },
    {
      name: "closed before intake",
      rows: () => base().map((r, i) => (i === 0 ? { ...r, closed_on: "01-01-2014" } : r)),
      row: 2,
      column: "closed_on",
      message: /vóór de intakedatum/,
    },
    {
      name: "two open cases",
      rows: () => base().map((r, i) => (i === 0 ? { ...r, closed_on: "", close_reason: "" } : r)),
      row: 3,
      column: "closed_on",
      message: /al een open casus/,
    },
    {
      name: "overlapping cases",
      rows: () =>
        base().map((r, i) => (i === 1 ? { ...r, intake_date: "01-06-2015" } : r.intake_date === "2019-01-10" ? { ...r, intake_date: "01-06-2015" } : r)),
      row: 3,
      column: "intake_date",
      message: /Overlapt met de casus van 14-05-2014/,
    },
    { name: "duplicate case", rows: () => [...base(), { ...base()[1] }], row: 15, column: "intake_date", message: /staat al op regel 3/ },
    {
      name: "assessment on an open case",
      rows: () => [...base(), { record: "assessment", reference: "MB-2001", intake_date: "2019-01-10" }],
      row: 15,
      column: "intake_date",
      message: /geen closed_on/,
    },
    { name: "second assessment", rows: () => [...base(), { ...base()[12] }], row: 15, column: "intake_date", message: /al een beoordeling \(regel 14\)/ },
    {
      name: "assessment answer",
      rows: () => base().map((r) => (r.record === "assessment" ? { ...r, time_gained: "misschien" } : r)),
      row: 14,
      column: "time_gained",
      message: /Toegestaan: ja, nee, onbekend/,
    },
    {
      name: "arrangement still running on a closed case",
      rows: () => base().map((r) => (r.provider === "Schuldhulpmaatje" ? { ...r, status: "running" } : r)),
      row: 8,
      column: "status",
      message: /ended of stopped/,
    },
    {
      name: "arrangement ends before it starts",
      rows: () => base().map((r) => (r.provider === "Schuldhulpmaatje" ? { ...r, end_date: "01-05-2014" } : r)),
      row: 8,
      column: "end_date",
      message: /vóór de begindatum/,
    },
    {
      name: "arrangement existing not yes/no",
      rows: () => base().map((r) => (r.provider === "Zus" ? { ...r, existing: "soms" } : r)),
      row: 7,
      column: "existing",
      message: /schrijf ja of nee/,
    },
    {
      name: "measurement after closing",
      rows: () => base().map((r) => (r.record === "zrm" && r.score === "3" ? { ...r, measured_on: "01-07-2015" } : r)),
      row: 11,
      column: "measured_on",
      message: /na de afsluitdatum 30-06-2015/,
    },
    {
      name: "referral outcome without date",
      rows: () => base().map((r) => (r.outcome === "completed" ? { ...r, outcome_on: "" } : r)),
      row: 12,
      column: "outcome_on",
      message: /Verplicht bij een andere uitkomst/,
    },
    {
      name: "birth year",
      rows: () => base().map((r) => (r.role === "child" ? { ...r, birth_year: "08" } : r)),
      row: 5,
      column: "birth_year",
      message: /geboortejaar tussen 1900/,
    },
    {
      name: "retention expired",
      rows: () => [
        { ...base()[0], reference: "MB-2002", legal_basis: "none", closed_on: "30-06-2015" },
        { record: "person", reference: "MB-2002", role: "adult" },
      ],
      row: 2,
      column: "closed_on",
      message: /bewaartermijn van dit huishouden is verlopen op 30-06-2020/,
    },
    {
      name: "a new case for a household already in Wijkwerk",
      rows: () => [{ ...good("MB-1001")[1], intake_date: "2020-01-01" }],
      row: 2,
      column: "intake_date",
      message: /staat al in Wijkwerk met andere casussen/,
    },
  ];

  for (const c of cases_)
    it(c.name, async () => {
      const before = await countsOf(teamA.id);
      const report = await asCoordinator(csv(c.rows()));
      expect(report.imported).toBe(false);
      expect(report.errors).toContainEqual({ row: c.row, column: c.column, message: expect.stringMatching(c.message) });
      expect(await countsOf(teamA.id)).toEqual(before);
    });

  it("a row with fewer cells than the header", async () => {
    const file = csv(base()) + "person;MB-2001;;\r\n";
    const report = await asCoordinator(file);
    expect(report.errors).toEqual([{ row: 15, column: "bestand", message: `Deze regel heeft 4 cellen, de kopregel ${IMPORT_COLUMNS.length}.` }]);
  });

  it("a case row with an error does not make its rows report it missing as well", async () => {
    const report = await asCoordinator(csv(base().map((r, i) => (i === 0 ? { ...r, entry_route: "brief" } : r))));
    expect(report.errors).toEqual([{ row: 2, column: "entry_route", message: expect.stringContaining('"brief" is geen toegestane waarde') }]);
  });

  it("collects every error of the file, not only the first", async () => {
    const rows = base().map((r) => (r.record === "zrm" ? { ...r, score: "9" } : r.record === "goal" ? { ...r, life_domain: "x" } : r));
    const report = await asCoordinator(csv(rows));
    expect(report.errors.map((e) => `${e.row}:${e.column}`)).toEqual(["6:life_domain", "9:score", "10:score", "11:score"]);
    expect(report.errorCount).toBe(4);
  });

  it("all or nothing: one error in the very last row of a long file writes nothing at all", async () => {
    const before = await countsOf(teamA.id);
    const rows: Row[] = [];
    for (let i = 0; i < 300; i++) rows.push(...good(`MB-${3000 + i}`).slice(0, 4));
    rows.push({ record: "zrm", reference: "MB-3299", intake_date: "2019-01-10", measured_on: "2019-02-01", domain: "finances", score: "0" });
    const report = await asCoordinator(csv(rows));
    expect(report.errors).toEqual([{ row: rows.length + 1, column: "score", message: expect.stringContaining("geen ZRM-score") }]);
    expect(await countsOf(teamA.id)).toEqual(before);
    // Without that row, all 300 households land.
    const ok = await asCoordinator(csv(rows.slice(0, -1)));
    expect(ok.imported).toBe(true);
    expect((await countsOf(teamA.id)).households).toBe(before.households + 300);
  });

  it("the error report as CSV neutralises formulas in what the file held", () => {
    const text = importReportCsv([
      { row: 3, column: "buurt", message: '=HYPERLINK("x")' },
      { row: 4, column: "@x", message: "ok" },
    ]);
    expect(text.split("\r\n").slice(0, 3)).toEqual(["\uFEFFregel;kolom;melding", `3;buurt;"'=HYPERLINK(""x"")"`, "4;'@x;ok"]);
  });
});

describe("the file itself", { timeout: 120_000 }, () => {
  const one = async (file: Uint8Array | string) => (await asCoordinator(file)).errors;
  it("refuses NUL bytes, a file that is not UTF-8, an empty file, one over the size limit", async () => {
    expect(await one(new Uint8Array([0x72, 0x00, 0x0a]))).toEqual([{ row: 0, column: "bestand", message: expect.stringContaining("NUL") }]);
    expect(await one(new Uint8Array([0x72, 0xe9, 0x0a]))).toEqual([{ row: 0, column: "bestand", message: expect.stringContaining("UTF-8") }]);
    expect(await one("")).toEqual([{ row: 0, column: "bestand", message: "Het bestand is leeg." }]);
    expect(await one(new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x61))).toEqual([
      { row: 0, column: "bestand", message: expect.stringContaining("groter dan 20 MB") },
    ]);
  });
  it("reports an unclosed quote, an unknown or missing column, a header without rows", async () => {
    expect(await one(`record;reference\r\nperson;"MB-1\r\n`)).toEqual([
      { row: expect.any(Number), column: "bestand", message: "Een aanhalingsteken wordt niet gesloten." },
    ]);
    expect(await one(`record;reference;kleur\r\nperson;MB-0001;rood\r\n`)).toEqual([
      { row: 1, column: "kleur", message: expect.stringContaining("Onbekende kolom") },
    ]);
    expect(await one(`record;intake_date\r\nperson;\r\n`)).toEqual([{ row: 1, column: "reference", message: "De kolom reference ontbreekt in de kopregel." }]);
    expect(await one(`record;reference\r\n;;\r\n`)).toEqual([{ row: 0, column: "bestand", message: expect.stringContaining("geen regels") }]);
  });
  it("changes nothing when the confirmed file is not the checked one", async () => {
    const ctx = await teamContext(t.db, coordinator, teamA);
    const report = await importCaseworkHistory(ctx, bytes(csv(good("MB-4001"))), { expectedSha256: "0".repeat(64) });
    expect(report.imported).toBe(false);
    expect(report.errors[0].message).toContain("niet hetzelfde");
  });
});

describe("who may import", { timeout: 120_000 }, () => {
  it("a member may not; another team's coordinator imports only into their own team (the references are theirs)", async () => {
    await expect(importCaseworkHistory(await teamContext(t.db, member, teamA), bytes(csv(good("MB-5001"))))).rejects.toThrow();
    const b = await importCaseworkHistory(await teamContext(t.db, coordinatorB, teamB), bytes(csv(good("MB-5001"))));
    expect(b.imported).toBe(false);
    expect(b.errors[0]).toMatchObject({ column: "reference", message: expect.stringContaining("CB-") });
    expect(await t.db.select().from(households).where(eq(households.reference, "MB-5001"))).toEqual([]);
  });

  it("the documented example file (docs/examples) imports for the team that holds its buurten, older history included", async () => {
    const text = readFileSync(new URL("../../../docs/examples/casework-history.csv", import.meta.url), "utf8").replaceAll("LN-", "CB-");
    const report = await importCaseworkHistory(await teamContext(t.db, coordinatorB, teamB), bytes(text));
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(true);
    expect(report.toImport).toMatchObject({ households: 2, cases: 3, persons: 3, goals: 3, zrmScores: 5, referrals: 2, assessments: 1 });
  });

  it("the example in docs/casework-import.md passes the check as printed", async () => {
    const doc = readFileSync(new URL("../../../docs/casework-import.md", import.meta.url), "utf8");
    const block = doc.split("```csv\n")[1].split("```")[0].replaceAll("LN-", "CB-").replaceAll("1001", "1901");
    const report = await importCaseworkHistory(await teamContext(t.db, coordinatorB, teamB), bytes(block), { dryRun: true });
    expect(report.errors).toEqual([]);
    expect(report.toImport).toMatchObject({ households: 1, cases: 1, persons: 2, goals: 1, zrmMeasurements: 2, zrmScores: 2 });
  });
});
