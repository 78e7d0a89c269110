// The history import at size: 20,000 households with a case each and their
// rows (persons, goal, arrangement, a first and a second ZRM measurement,
// referral; half of them closed with the assessment) — about 200,000 rows and
// within the 20 MB cap — checked and imported in one transaction through RLS,
// then imported again without change. Times and the heap are printed and
// noted in docs/casework-import.md (the test allows 10 minutes for a busy machine).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buurtAssignments, buurten, eq, queryRows, sql, teams } from "@wijkwerk/db";
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, importCaseworkHistory } from "../src/casework";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, teamContext } from "./fixtures";

const HOUSEHOLDS = 20_000;
let t: TestDatabase;
let team: Awaited<ReturnType<typeof createTeam>>;
let coordinator: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const m = await createMunicipality(t.db);
  team = await createTeam(t.db, m.id, `groot-${randomBytes(2).toString("hex")}`);
  await t.db.update(teams).set({ residentRefPrefix: "GT" }).where(eq(teams.id, team.id));
  coordinator = (await createUser(t.db, m.id, { teamRoles: [{ teamId: team.id, role: "coordinator" }] })).id;
  const [b] = await t.db.insert(buurten).values({ municipalityId: m.id, name: "Grootbuurt" }).returning();
  await t.db.insert(buurtAssignments).values({ municipalityId: m.id, teamId: team.id, buurtId: b.id, validFrom: "2013-01-01" });
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

function hugeFile(): string {
  const col = new Map(IMPORT_COLUMNS.map((c, i) => [c, i]));
  const lines = [IMPORT_COLUMNS.join(";")];
  const line = (values: Record<string, string>) => {
    const cells = new Array<string>(IMPORT_COLUMNS.length).fill("");
    for (const [k, v] of Object.entries(values)) cells[col.get(k)!] = v;
    lines.push(cells.join(";"));
  };
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const reference = `GT-${String(i + 1).padStart(5, "0")}`;
    const year = 2013 + (i % 12);
    const intake = `${year}-0${1 + (i % 9)}-1${i % 9}`;
    const closed = i % 2 === 0 ? `${year + 1}-06-30` : "";
    const key = { reference, intake_date: intake };
    line({
      record: "case",
      ...key,
      buurt: "Grootbuurt",
      household_type: "alone",
      entry_route: "gp",
      question_type: "multiple",
      legal_basis: "wmo",
      closed_on: closed,
      close_reason: closed ? "Doelen bereikt" : "",
    });
    line({ record: "person", reference, role: "adult", gender: i % 3 === 0 ? "female" : "male", birth_year: String(1940 + (i % 60)) });
    line({ record: "goal", ...key, life_domain: "finances", goal_type: "improve", description: "Schulden in beeld" });
    line({ record: "arrangement", ...key, layer: "general", provider: "Schuldhulpmaatje", status: closed ? "ended" : "running" });
    line({ record: "zrm", ...key, measured_on: intake, domain: "finances", score: String(1 + (i % 3)) });
    line({ record: "zrm", ...key, measured_on: intake, domain: "housing", score: "3" });
    line({ record: "zrm", ...key, measured_on: closed || intake.replace(/-1(\d)$/, "-2$1"), domain: "finances", score: String(2 + (i % 4)) });
    line({ record: "referral", ...key, destination: "wmo", referred_on: intake });
    if (closed) line({ record: "assessment", ...key, acted_differently: "ja", sufficient_support: "nee" });
  }
  return lines.join("\r\n") + "\r\n";
}

it(`imports ${HOUSEHOLDS.toLocaleString("en")} households in one go, and again without change`, async () => {
  const text = hugeFile();
  const file = new TextEncoder().encode(text);
  expect(file.byteLength).toBeLessThan(IMPORT_MAX_BYTES);
  const ctx = await teamContext(t.db, coordinator, team);
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 50);
  const t0 = performance.now();
  const check = await importCaseworkHistory(ctx, file, { dryRun: true });
  const t1 = performance.now();
  const report = await importCaseworkHistory(ctx, file);
  const t2 = performance.now();
  const again = await importCaseworkHistory(ctx, file);
  const t3 = performance.now();
  clearInterval(sampler);
  expect(check.errors).toEqual([]);
  expect(report.errors).toEqual([]);
  expect(report.imported).toBe(true);
  expect(report.toImport).toMatchObject({
    households: HOUSEHOLDS,
    cases: HOUSEHOLDS,
    closedCases: HOUSEHOLDS / 2,
    zrmScores: 3 * HOUSEHOLDS,
    assessments: HOUSEHOLDS / 2,
  });
  expect(again.imported).toBe(false);
  expect(again.present.cases).toBe(HOUSEHOLDS);
  const [n] = await queryRows<{ cases: number; scores: number }>(
    t.db,
    sql`select (select count(*)::int from cases where team_id = ${team.id}) as cases, (select count(*)::int from zrm_scores where team_id = ${team.id}) as scores`,
  );
  expect(n).toEqual({ cases: HOUSEHOLDS, scores: 3 * HOUSEHOLDS });
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  console.log(
    `casework import: ${report.rows} rows, ${mb(file.byteLength)} MB; check ${Math.round(t1 - t0)} ms, import ${Math.round(t2 - t1)} ms, re-run ${Math.round(t3 - t2)} ms; heap ${mb(heapBefore)} → peak ${mb(peak)} MB`,
  );
  // 10 minutes for a busy machine; 67 s on a shared one since migration 0057 (docs/casework-import.md).
}, 600_000);
