// Row-level security in a parallel plan (migration 0059): the scope's getters are PARALLEL SAFE, so a big read under
// RLS may run in parallel workers — which must see the same scope (PostgreSQL copies the transaction's settings to
// them). Every query here runs in parallel workers (the leader only gathers) and must return exactly the rows of its
// scope; the test also checks workers ran it (with the getters PARALLEL UNSAFE the plan stays serial and it fails).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser } from "./fixtures";

describe("row-level security in parallel workers (PostgreSQL)", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let otherMunicipalityId: string;
  let teamA: { id: string };
  let teamB: { id: string };
  let userA: { id: string };

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
    otherMunicipalityId = (await createMunicipality(t.db)).id;
    teamA = await createTeam(t.db, municipalityId, "team-a");
    teamB = await createTeam(t.db, municipalityId, "team-b");
    const teamC = await createTeam(t.db, otherMunicipalityId, "team-c");
    userA = await createUser(t.db, municipalityId, { teamRoles: [{ teamId: teamA.id, role: "member" }] });
    // Summary rows of three teams in two municipalities, as the figures' triggers keep them.
    for (const [m, team, n] of [
      [municipalityId, teamA.id, 3],
      [municipalityId, teamB.id, 5],
      [otherMunicipalityId, teamC.id, 7],
    ] as const)
      await t.db.execute(
        sql`insert into casework_month_figures (municipality_id, team_id, month, metric, key, n, total)
            select ${m}, ${team}, d::date, 'opened', '', ${n}, 0 from generate_series('2020-01-01'::date, '2024-12-01'::date, interval '1 month') d`,
      );
    await t.db.execute(sql`analyze casework_month_figures`);
  });
  afterAll(() => t.drop());

  /** In the scope's transaction: force parallel plans, run the read, and say whether a worker ran it. */
  async function inParallel(tx: Tx, query: ReturnType<typeof sql>) {
    // Parallel plans free (force_parallel_mode would not do: it leaves out plans with InitPlans, which RLS's
    // scope getters are). The leader does not take part, so the rows come from the workers.
    await tx.execute(
      sql`select set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true),
                 set_config('min_parallel_table_scan_size', '0', true), set_config('parallel_leader_participation', 'off', true)`,
    );
    const [plan] = await queryRows<{ "QUERY PLAN": unknown }>(tx, sql`explain (analyze, format json) ${query}`);
    const workers = JSON.stringify(plan["QUERY PLAN"]).match(/"Workers Launched":\s*(\d+)/);
    return { workers: workers ? Number(workers[1]) : 0, rows: await queryRows<{ team_id: string; n: string }>(tx, query) };
  }
  const figures = sql`select team_id, sum(n)::text as n from casework_month_figures group by team_id order by n`;

  it("a team's member sees their team's rows only, also when a worker reads them", async () => {
    const { workers, rows } = await withScope(t.db, { kind: "team", municipalityId, teamId: teamA.id, userId: userA.id }, (tx) => inParallel(tx, figures));
    expect(workers).toBeGreaterThan(0);
    expect(rows).toEqual([{ team_id: teamA.id, n: String(3 * 60) }]);
  });

  it("the municipality scope sees its municipality's rows only, also when a worker reads them", async () => {
    const { workers, rows } = await withScope(t.db, { kind: "municipality", municipalityId, userId: userA.id }, (tx) => inParallel(tx, figures));
    expect(workers).toBeGreaterThan(0);
    expect(rows).toEqual([
      { team_id: teamA.id, n: String(3 * 60) },
      { team_id: teamB.id, n: String(5 * 60) },
    ]);
  });
});
