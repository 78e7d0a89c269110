// The functional admin of several municipalities (issue 16: "per municipality
// for the functional admin of several"), on PostgreSQL: the municipalities side
// by side or one chosen, suppressed; CASL decides which (admin_municipalities,
// only with the admin role) and row-level security decides again in the scope
// 'figures' (app_admin_municipalities(), migration 0053) — never a household.
import { ForbiddenError } from "@wijkwerk/authz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminMunicipalities, scopeRoles, sql, withScope, type Scope } from "@wijkwerk/db";
import { municipalitiesFigures, type CaseworkReport } from "../src/figures";
import type { UseCaseContext } from "../src/common";
import { createBuurtFor, createHouseholdWithCase } from "./casework-fixture";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext, outcomeOf } from "./fixtures";

const PERIOD = { from: "2026-01", to: "2026-12" };

describe("the casework figures of several municipalities, for their functional admin", () => {
  let t: TestDatabase;
  let m1: { id: string; name: string }, m2: { id: string; name: string }, m3: { id: string; name: string };
  let admin: string, adminOfOne: string, controller: string;
  let teams2: { id: string; name: string }[];

  const figuresContext = async (userId: string, municipalityId: string): Promise<UseCaseContext> => ({
    ...(await municipalityContext(t.db, userId, "admin")),
    scope: { kind: "figures", municipalityId, userId },
  });
  const casesTotals = (r: CaseworkReport) => {
    const table = r.tables.find((x) => x.id === "cases-per-month")!;
    return Object.fromEntries(table.columns.map((c, i) => [c.label, table.totals!.cells[i].display]));
  };
  const count = async (scope: Scope, query: string) => {
    const r = (await withScope(t.db, scope, (tx) => tx.execute(sql.raw(query)))) as unknown as { rows?: { n: number }[] } & { n: number }[];
    return Number((r.rows ?? r)[0].n);
  };

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    m1 = await createMunicipality(t.db, "alfadorp");
    m2 = await createMunicipality(t.db, "bravostad");
    m3 = await createMunicipality(t.db, "charlieveen");
    const addCases = async (municipalityId: string, n: number, teamSlug: string) => {
      const team = await createTeam(t.db, municipalityId, teamSlug);
      const regisseur = await createUser(t.db, municipalityId, { teamRoles: [{ teamId: team.id, role: "member" }] });
      const buurt = await createBuurtFor(t.db, municipalityId, team.id);
      for (let i = 0; i < n; i++)
        await createHouseholdWithCase(t.db, { municipalityId, teamId: team.id, buurtId: buurt.id, regisseurId: regisseur.id, intakeOn: "2026-03-10" });
      return team;
    };
    await addCases(m1.id, 6, "alfa-noord");
    teams2 = [await addCases(m2.id, 7, "bravo-oost"), await addCases(m2.id, 5, "bravo-west")];
    await addCases(m3.id, 8, "charlie");
    admin = (await createUser(t.db, m1.id, { scopeRoles: [{ role: "admin" }] })).id;
    await t.db.insert(adminMunicipalities).values({ municipalityId: m2.id, userId: admin });
    adminOfOne = (await createUser(t.db, m1.id, { scopeRoles: [{ role: "admin" }] })).id;
    // A controller with an admin_municipalities row (by mistake): it grants nothing without the admin role.
    controller = (await createUser(t.db, m1.id, { scopeRoles: [{ role: "controller" }] })).id;
    await t.db.insert(adminMunicipalities).values({ municipalityId: m2.id, userId: controller });
  });
  afterAll(() => t.drop());

  it("side by side: a column per administered municipality and their total, nothing of the third", async () => {
    const r = await municipalitiesFigures(await figuresContext(admin, m1.id), PERIOD);
    expect(r.chosen).toBeNull();
    expect(r.municipalities.map((m) => m.id)).toEqual([m1.id, m2.id]);
    expect(casesTotals(r.report)).toEqual({ [m1.name]: "6", [m2.name]: "12", "Alle gemeenten": "18" });
  });

  it("one municipality chosen: its teams and its total, suppressed under 5 like the city view", async () => {
    const r = await municipalitiesFigures(await figuresContext(admin, m1.id), { ...PERIOD, municipalityId: m2.id });
    expect(r.chosen?.id).toBe(m2.id);
    const names = teams2.map((x) => x.name).sort();
    expect(casesTotals(r.report)).toEqual({ [names[0]]: "7", [names[1]]: "5", Gemeente: "12" });
    // Suppressed: a gender count under 5 is shown as "< 5" (every client of the fixture is a woman, none a man).
    const gender = r.report.tables.find((x) => x.id === "gender")!;
    expect(gender.rows.flatMap((row) => row.cells).some((c) => c.suppressed)).toBe(true);
  });

  it("a municipality not administered is not found; an admin of one municipality and a controller get nothing", async () => {
    expect(await outcomeOf(municipalitiesFigures(await figuresContext(admin, m1.id), { ...PERIOD, municipalityId: m3.id }))).toBe("not_found");
    await expect(municipalitiesFigures(await figuresContext(adminOfOne, m1.id), PERIOD)).rejects.toThrow(ForbiddenError);
    await expect(municipalitiesFigures(await figuresContext(controller, m1.id), PERIOD)).rejects.toThrow(ForbiddenError);
  });

  it("row-level security in the scope 'figures': the administered municipalities' summary rows, no household, nothing for others", async () => {
    const scope = (userId: string): Scope => ({ kind: "figures", municipalityId: m1.id, userId });
    const perMunicipality = `select count(distinct municipality_id)::int as n from casework_month_figures`;
    expect(await count(scope(admin), perMunicipality)).toBe(2);
    expect(await count(scope(adminOfOne), perMunicipality)).toBe(1);
    expect(await count(scope(controller), perMunicipality)).toBe(0);
    for (const table of ["households", "household_persons", "cases", "case_goals", "zrm_scores", "spend_requests"])
      expect(await count(scope(admin), `select count(*)::int as n from ${table}`), table).toBe(0);
    // Losing the admin role closes it again, whatever admin_municipalities still says.
    await t.db.delete(scopeRoles).where(sql`user_id = ${admin}`);
    expect(await count(scope(admin), perMunicipality)).toBe(0);
    await t.db.insert(scopeRoles).values({ municipalityId: m1.id, userId: admin, role: "admin" });
  });
});
