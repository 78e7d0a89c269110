// The cache of the casework tables (cache.ts, docs/figures.md "The cache"), on
// PostgreSQL: keyed by the view and the (team, version) list read under RLS, a
// change in any one team's casework is a miss for its city (and for nobody
// else); the workbudget table is read fresh while the casework part is a hit;
// cached and uncached reports are the same; the versions obey row-level security.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminMunicipalities, eq, queryRows, spendRequests, sql, withScope, type Scope } from "@wijkwerk/db";
import { registerContact } from "../src/casework";
import type { UseCaseContext } from "../src/common";
import {
  caseworkFigures,
  caseworkFiguresCacheStats,
  clearCaseworkFiguresCache,
  municipalitiesFigures,
  rebuildCaseworkFigures,
  type CaseworkReport,
  type FiguresQuery,
} from "../src/figures";
import { approveSpend } from "../src/workbudget";
import { createBuurtFor, createHouseholdWithCase } from "./casework-fixture";
import { createTestDatabase, type TestDatabase } from "./db";
import { ledgerWorld } from "./ledger-fixture";
import { createMunicipality, createTeam, createUser, municipalityContext, teamContext } from "./fixtures";

const YEAR = { from: "2026-01", to: "2026-12" };
const CITY: FiguresQuery = { scope: { kind: "city" }, ...YEAR };

describe("the casework figures cache", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  let other: { id: string; teamId: string; controller: string; buurtId: string; regisseur: string };
  let buurtA: string, buurtB: string, admin: string, volunteerB: string;

  const controller = () => w.as.controller1();
  const otherController = () => municipalityContext(t.db, other.controller, "municipality");
  const adminContext = async (): Promise<UseCaseContext> => ({
    ...(await municipalityContext(t.db, admin, "admin")),
    scope: { kind: "figures", municipalityId: w.municipalityId, userId: admin },
  });
  const stats = () => caseworkFiguresCacheStats(t.db);
  /** What a read did to the cache: the change in hits and misses. */
  const traced = async <T>(read: () => Promise<T>) => {
    const before = stats();
    const value = await read();
    const after = stats();
    return { value, hits: after.hits - before.hits, misses: after.misses - before.misses };
  };
  /** The same read with the cache emptied first: the report as built from the summary. */
  const uncached = async <T>(read: () => Promise<T>) => {
    clearCaseworkFiguresCache(t.db);
    return read();
  };
  const cell = (r: CaseworkReport, table: string, row: string, column: string) => {
    const x = r.tables.find((y) => y.id === table)!;
    const line = [...x.rows, ...(x.totals ? [x.totals] : [])].find((y) => y.key === row)!;
    return line.cells[x.columns.findIndex((c) => c.key === column)].display;
  };
  const versions = async (municipalityId: string) =>
    Object.fromEntries(
      (
        await queryRows<{ team_id: string; v: number }>(
          t.db,
          sql`select team_id, version::int as v from casework_figures_versions where municipality_id = ${municipalityId}`,
        )
      ).map((r) => [r.team_id, r.v]),
    );
  const addCase = (teamId: string, buurtId: string, municipalityId = w.municipalityId, regisseurId = w.users.memberB.id) =>
    createHouseholdWithCase(t.db, { municipalityId, teamId, buurtId, regisseurId, intakeOn: "2026-03-10" });
  /** A request by team A's author, submitted, dated in March 2026 (the figures count requests in their creation month). */
  const submittedInMarch = async () => {
    const id = await w.submitted(10_000);
    await t.db
      .update(spendRequests)
      .set({ createdAt: new Date("2026-03-15T10:00:00Z") })
      .where(eq(spendRequests.id, id));
    return id;
  };

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t);
    buurtA = (await createBuurtFor(t.db, w.municipalityId, w.teamA.id)).id;
    buurtB = (await createBuurtFor(t.db, w.municipalityId, w.teamB.id)).id;
    for (let i = 0; i < 6; i++) await addCase(w.teamA.id, buurtA, w.municipalityId, w.users.authorA.id);
    for (let i = 0; i < 5; i++) await addCase(w.teamB.id, buurtB);
    volunteerB = (await createUser(t.db, w.municipalityId, { teamRoles: [{ teamId: w.teamB.id, role: "volunteer" }] })).id;
    const m2 = await createMunicipality(t.db);
    const team2 = await createTeam(t.db, m2.id);
    const regisseur = (await createUser(t.db, m2.id, { teamRoles: [{ teamId: team2.id, role: "member" }] })).id;
    const buurt2 = (await createBuurtFor(t.db, m2.id, team2.id)).id;
    for (let i = 0; i < 7; i++) await addCase(team2.id, buurt2, m2.id, regisseur);
    other = {
      id: m2.id,
      teamId: team2.id,
      controller: (await createUser(t.db, m2.id, { scopeRoles: [{ role: "controller" }] })).id,
      buurtId: buurt2,
      regisseur,
    };
    // The functional admin of the first municipality who also administers the second.
    admin = (await createUser(t.db, w.municipalityId, { scopeRoles: [{ role: "admin" }] })).id;
    await t.db.insert(adminMunicipalities).values({ municipalityId: m2.id, userId: admin });
  });
  afterAll(() => t.drop());

  it("serves a repeated report from the cache, equal to the report built from the summary", async () => {
    const reads: [string, () => Promise<unknown>][] = [
      ["city", async () => caseworkFigures(await controller(), CITY)],
      ["team A, its coordinator", async () => caseworkFigures(await w.as.coordinator(), { scope: { kind: "team", teamId: w.teamA.id }, ...YEAR })],
      ["team A, the controller", async () => caseworkFigures(await controller(), { scope: { kind: "team", teamId: w.teamA.id }, ...YEAR })],
      ["municipalities side by side", async () => (await municipalitiesFigures(await adminContext(), YEAR)).report],
      ["one municipality chosen", async () => (await municipalitiesFigures(await adminContext(), { ...YEAR, municipalityId: other.id })).report],
    ];
    for (const [what, read] of reads) {
      const cold = await traced(() => uncached(read));
      expect(cold.misses, what).toBe(1);
      const warm = await traced(read);
      expect([warm.hits, warm.misses], what).toEqual([1, 0]);
      expect(warm.value, what).toEqual(cold.value);
    }
    // The team's own view and the controller's view of the same team are different entries (suppressed or not).
    const own = await caseworkFigures(await w.as.coordinator(), { scope: { kind: "team", teamId: w.teamA.id }, ...YEAR });
    expect(cell(own, "cases-per-month", "2026-03", "count")).toBe("6");
    expect(own.suppressed).toBe(false);
  });

  it("a change in any one team's casework is a miss for its city, its team and the admin's view — not for another municipality", async () => {
    const cityRead = async () => caseworkFigures(await controller(), CITY);
    const teamARead = async () => caseworkFigures(await w.as.coordinator(), { scope: { kind: "team", teamId: w.teamA.id }, ...YEAR });
    const otherRead = async () => caseworkFigures(await otherController(), CITY);
    const sideBySide = async () => (await municipalitiesFigures(await adminContext(), YEAR)).report;
    for (const read of [cityRead, teamARead, otherRead, sideBySide]) await read();
    const before = { city: await cityRead(), versions: await versions(w.municipalityId), other: await versions(other.id) };
    expect(cell(before.city, "cases-per-month", "total", w.teamB.id)).toBe("5");

    // A sixth case in team B, the same month and kind as its five: every summary row exists, so the
    // refresh only updates (the UPDATE arm of ON CONFLICT) — and still bumps team B.
    await addCase(w.teamB.id, buurtB);
    const after = await versions(w.municipalityId);
    expect(after[w.teamB.id]).toBeGreaterThan(before.versions[w.teamB.id]);
    expect(after[w.teamA.id]).toBe(before.versions[w.teamA.id]);
    expect(await versions(other.id)).toEqual(before.other);

    const city = await traced(cityRead);
    expect(city.misses).toBe(1);
    expect(cell(city.value, "cases-per-month", "total", w.teamB.id)).toBe("6");
    // Team A's own view did not change: its key holds only team A's version.
    expect((await traced(teamARead)).hits).toBe(1);
    expect((await traced(otherRead)).hits).toBe(1);
    const side = await traced(sideBySide);
    expect(side.misses).toBe(1);
    expect(city.value).toEqual(await uncached(cityRead));
    expect(side.value).toEqual(await uncached(sideBySide));

    // A contact without a case, registered by a member of team B through the app (another trigger, as app_user).
    await cityRead();
    const memberB = await w.as.memberB();
    await registerContact(memberB, { date: "2026-03-05", entryRoute: "self", questionType: "single" });
    const afterContact = await traced(cityRead);
    expect(afterContact.misses).toBe(1);
    expect(afterContact.value).toEqual(await uncached(cityRead));

    // The other municipality's change is a miss there and a hit here.
    await cityRead();
    await addCase(other.teamId, other.buurtId, other.id, other.regisseur);
    expect((await traced(otherRead)).misses).toBe(1);
    expect((await traced(cityRead)).hits).toBe(1);
  });

  it("a rebuild of the summaries bumps every team it rebuilt", async () => {
    const cityRead = async () => caseworkFigures(await controller(), CITY);
    await cityRead();
    const before = await versions(w.municipalityId);
    const otherBefore = await versions(other.id);
    await rebuildCaseworkFigures(t.db, w.municipalityId);
    const after = await versions(w.municipalityId);
    for (const team of [w.teamA.id, w.teamB.id]) expect(after[team]).toBeGreaterThan(before[team]);
    expect(await versions(other.id)).toEqual(otherBefore);
    const read = await traced(cityRead);
    expect(read.misses).toBe(1);
    expect(read.value).toEqual(await uncached(cityRead));
  });

  it("an approval is shown at once: the workbudget table is read fresh while the casework part is a hit", async () => {
    const teamA = { scope: { kind: "team" as const, teamId: w.teamA.id }, ...YEAR };
    const ownRead = async () => caseworkFigures(await w.as.coordinator(), teamA);
    const cityRead = async () => caseworkFigures(await controller(), CITY);
    await ownRead();
    await cityRead();
    const casework = (r: CaseworkReport) => r.tables.filter((x) => x.id !== "workbudget");
    const before = { own: await ownRead(), city: await cityRead(), versions: await versions(w.municipalityId) };
    expect(cell(before.own, "workbudget", "approved", "value")).toBe("0");

    const first = await submittedInMarch();
    const submitted = await traced(ownRead);
    expect([submitted.hits, submitted.misses]).toEqual([1, 0]);
    expect(cell(submitted.value, "workbudget", "requests", "value")).toBe("1");
    expect(cell(submitted.value, "workbudget", "approved", "value")).toBe("0");
    await approveSpend(await controller(), first);
    const approved = await traced(ownRead);
    expect([approved.hits, approved.misses]).toEqual([1, 0]);
    expect(cell(approved.value, "workbudget", "approved", "value")).toBe("1");
    expect(casework(approved.value)).toEqual(casework(before.own));

    // The city (suppressed): five approved requests of team A are shown as 5, at once.
    const rest = [await submittedInMarch(), await submittedInMarch(), await submittedInMarch(), await submittedInMarch()];
    for (const id of rest) await approveSpend(await controller(), id);
    const city = await traced(cityRead);
    expect([city.hits, city.misses]).toEqual([1, 0]);
    expect(cell(city.value, "workbudget", "approved", w.teamA.id)).toBe("5");
    expect(cell(before.city, "workbudget", "approved", w.teamA.id)).toBe("< 5");
    expect(casework(city.value)).toEqual(casework(before.city));
    expect(city.value).toEqual(await uncached(cityRead));
    // The workbudget path bumps no version (ADR 0017: approvals never wait on a shared row).
    expect(await versions(w.municipalityId)).toEqual(before.versions);
  });

  it("concurrent misses of one key share one read", async () => {
    clearCaseworkFiguresCache(t.db);
    const ctx = await controller();
    const reads = await traced(() => Promise.all(Array.from({ length: 5 }, () => caseworkFigures(ctx, CITY))));
    expect([reads.hits, reads.misses]).toEqual([4, 1]);
    for (const r of reads.value) expect(r).toEqual(reads.value[0]);
  });

  it("the versions obey row-level security: read as the figures are, written by the trigger only", async () => {
    const read = async (scope: Scope) =>
      (await withScope(t.db, scope, (tx) => queryRows<{ team_id: string }>(tx, sql`select team_id from casework_figures_versions`)))
        .map((r) => r.team_id)
        .sort();
    const m = w.municipalityId;
    expect(await read({ kind: "municipality", municipalityId: m, userId: w.users.controller1.id })).toEqual([w.teamA.id, w.teamB.id].sort());
    expect(await read({ kind: "municipality", municipalityId: other.id, userId: other.controller })).toEqual([other.teamId]);
    expect(await read({ kind: "team", municipalityId: m, teamId: w.teamB.id, userId: w.users.memberB.id })).toEqual([w.teamB.id]);
    // A volunteer of the team reads no figures, so no versions either.
    expect(await read({ kind: "team", municipalityId: m, teamId: w.teamB.id, userId: volunteerB })).toEqual([]);
    expect(await read({ kind: "admin", municipalityId: m, userId: admin })).toEqual([]);
    expect(await read({ kind: "figures", municipalityId: m, userId: admin })).toEqual([w.teamA.id, w.teamB.id, other.teamId].sort());
    // app_user cannot bump (or forge) a version itself.
    const write = (statement: ReturnType<typeof sql>) =>
      withScope(t.db, { kind: "municipality", municipalityId: m, userId: w.users.controller1.id }, (tx) => tx.execute(statement)).then(
        () => "ok",
        (e: { cause?: { code?: string }; code?: string }) => e.cause?.code ?? e.code,
      );
    expect(await write(sql`update casework_figures_versions set version = version + 1`)).toBe("42501");
    expect(await write(sql`insert into casework_figures_versions (municipality_id, team_id, version) values (${m}, ${w.teamA.id}, 99)`)).toBe("42501");
    // The team view of another team in a member's scope: RLS hides its version and its figures alike (and CASL refuses first).
    await expect(
      caseworkFigures(await teamContext(t.db, w.users.memberB.id, w.teamB), { scope: { kind: "team", teamId: w.teamA.id }, ...YEAR }),
    ).rejects.toThrow();
  });
});
