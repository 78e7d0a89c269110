// The research office (Onderzoek & Statistiek) reads aggregates only (issue 16,
// docs/figures.md "Who sees what"). Below the use cases, on PostgreSQL: every
// raw SELECT on every casework table, sent in the scope the researcher's pages
// run in (the municipality scope), returns no row — the household, its people,
// the case and every part of the file, the contacts, the per-case facts of the
// figures, the logs. A forged team scope (the researcher's own user with a
// team's id) returns none either. What the researcher does read is the
// summary: per team × month × metric, no household id, no case id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, withScope, type Scope } from "@wijkwerk/db";
import { createBuurtFor, createHouseholdWithCase } from "./casework-fixture";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser } from "./fixtures";

/** The casework tables by name; the test adds every other table with a household_id or case_id column. */
const CASEWORK_TABLES = [
  "households",
  "household_profiles",
  "household_persons",
  "cases",
  "case_involved",
  "case_goals",
  "case_arrangements",
  "case_arrangement_goals",
  "zrm_measurements",
  "zrm_scores",
  "case_referrals",
  "case_avoided_costs",
  "household_transfers",
  "case_access_grants",
  "case_read_log",
  "casework_contacts",
  "casework_destruction_log",
  "casework_case_facts",
];
/**
 * Tables that carry a household or case id for the workbudget or the neighbourhood links and that the
 * municipality scope reads by design (the controller's request pages): the id alone, never the household's
 * row — the households table above stays closed. Listed so that a new table with such a column fails here
 * until someone decides which side it is on.
 */
const LINKS_READ_BY_THE_MUNICIPALITY = ["spend_requests", "neighbourhood_initiatives"];

describe("the research office's row-level security scope (PostgreSQL)", () => {
  let t: TestDatabase;
  let m: { id: string };
  let teamA: { id: string };
  let researcher: string;
  let tables: string[];

  const count = async (scope: Scope | null, table: string): Promise<number | "denied"> => {
    const query = sql.raw(`select count(*)::int as n from ${table}`);
    try {
      const r = scope ? await withScope(t.db, scope, (tx) => tx.execute(query)) : await t.db.execute(query);
      const rows = ((r as unknown as { rows?: unknown[] }).rows ?? r) as { n: number }[];
      return Number(rows[0].n);
    } catch (e) {
      // No grant at all (the per-case facts): as closed as zero rows.
      const message = String((e as { cause?: unknown }).cause ?? e);
      if (/permission denied/.test(message)) return "denied";
      throw e;
    }
  };

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    m = await createMunicipality(t.db);
    teamA = await createTeam(t.db, m.id);
    const teamB = await createTeam(t.db, m.id);
    const regisseur = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "coordinator" }] })).id;
    researcher = (await createUser(t.db, m.id, { scopeRoles: [{ role: "researcher" }] })).id;
    const buurt = await createBuurtFor(t.db, m.id, teamA.id);
    // Every casework table gets a row, as the owner (the figures' triggers fill the facts and the summary).
    const { household, case: c } = await createHouseholdWithCase(t.db, { municipalityId: m.id, teamId: teamA.id, buurtId: buurt.id, regisseurId: regisseur });
    const exec = (q: ReturnType<typeof sql>) => t.db.execute(q);
    const ids = { m: m.id, t: teamA.id, h: household.id, c: c.id };
    await exec(
      sql`insert into case_involved (municipality_id, team_id, case_id, household_id, user_id) values (${ids.m}, ${ids.t}, ${ids.c}, ${ids.h}, ${regisseur})`,
    );
    const goal = crypto.randomUUID();
    const arrangement = crypto.randomUUID();
    const measurement = crypto.randomUUID();
    await exec(sql`insert into case_goals (id, municipality_id, team_id, case_id, household_id, life_domain, description, goal_type)
      values (${goal}, ${ids.m}, ${ids.t}, ${ids.c}, ${ids.h}, 'finances', 'Schulden op orde', 'improve')`);
    await exec(sql`insert into case_arrangements (id, municipality_id, team_id, case_id, household_id, layer, provider_name)
      values (${arrangement}, ${ids.m}, ${ids.t}, ${ids.c}, ${ids.h}, 'general', 'Schuldhulp')`);
    await exec(
      sql`insert into case_arrangement_goals (municipality_id, team_id, household_id, arrangement_id, goal_id) values (${ids.m}, ${ids.t}, ${ids.h}, ${arrangement}, ${goal})`,
    );
    await exec(sql`insert into zrm_measurements (id, municipality_id, team_id, case_id, household_id, measured_on, created_by)
      values (${measurement}, ${ids.m}, ${ids.t}, ${ids.c}, ${ids.h}, '2026-10-01', ${regisseur})`);
    await exec(
      sql`insert into zrm_scores (municipality_id, team_id, household_id, measurement_id, domain, score) values (${ids.m}, ${ids.t}, ${ids.h}, ${measurement}, 'finances', 2)`,
    );
    await exec(
      sql`insert into case_referrals (municipality_id, team_id, case_id, household_id, destination, referred_on) values (${ids.m}, ${ids.t}, ${ids.c}, ${ids.h}, 'wmo', '2026-10-03')`,
    );
    const norm = crypto.randomUUID();
    await exec(
      sql`insert into return_norms (id, municipality_id, code, label, amount_cents, unit, source) values (${norm}, ${ids.m}, 'eviction', 'Huisuitzetting', 800000, 'per geval', 'Test')`,
    );
    await exec(sql`insert into case_avoided_costs (municipality_id, team_id, household_id, case_id, norm_id, unit_amount_cents, closed_on, created_by)
      values (${ids.m}, ${ids.t}, ${ids.h}, ${ids.c}, ${norm}, 800000, '2026-11-01', ${regisseur})`);
    await exec(sql`insert into household_transfers (municipality_id, household_id, from_team_id, to_team_id, reason, proposed_by, from_reference)
      values (${ids.m}, ${ids.h}, ${ids.t}, ${teamB.id}, 'Verhuisd naar de andere wijk', ${regisseur}, ${household.reference})`);
    await exec(sql`insert into case_access_grants (municipality_id, team_id, household_id, user_id, reason, expires_at)
      values (${ids.m}, ${ids.t}, ${ids.h}, ${regisseur}, 'Inwoner belt met spoedvraag', now() + interval '1 hour')`);
    await exec(sql`insert into case_read_log (municipality_id, team_id, household_id, household_reference, user_id, part, access)
      values (${ids.m}, ${ids.t}, ${ids.h}, ${household.reference}, ${regisseur}, 'file', 'coordinator')`);
    await exec(sql`insert into casework_contacts (municipality_id, team_id, kind, occurred_on) values (${ids.m}, ${ids.t}, 'contact', '2026-10-05')`);
    await exec(sql`insert into casework_destruction_log (municipality_id, team_id, record_kind, household_reference, reason)
      values (${ids.m}, ${ids.t}, 'household', 'TS-0000', 'erasure')`);

    const linked = (await t.db.execute(sql`select distinct table_name::text as name from information_schema.columns
      where table_schema = 'public' and column_name in ('household_id', 'case_id')`)) as unknown as { rows?: { name: string }[] } & { name: string }[];
    const withLinks = (linked.rows ?? linked).map((r) => r.name);
    const unknown = withLinks.filter((n) => !CASEWORK_TABLES.includes(n) && !LINKS_READ_BY_THE_MUNICIPALITY.includes(n));
    expect(unknown, "a new table with household_id or case_id: add it to CASEWORK_TABLES (closed) or to the links").toEqual([]);
    tables = CASEWORK_TABLES;
  });
  afterAll(() => t.drop());

  it("every casework table has a row, as the owner (so the zeros below are not empty tables)", async () => {
    for (const table of tables) expect(await count(null, table), table).toBeGreaterThan(0);
  });

  it("the researcher's municipality scope reads no row of any casework table", async () => {
    const scope: Scope = { kind: "municipality", municipalityId: m.id, userId: researcher };
    const seen: Record<string, number | "denied"> = {};
    for (const table of tables) seen[table] = await count(scope, table);
    expect(Object.entries(seen).filter(([, n]) => n !== 0 && n !== "denied")).toEqual([]);
    // The per-case facts are not even granted to app_user.
    expect(seen.casework_case_facts).toBe("denied");
  });

  it("nor does a forged team scope (the researcher is no member of the team) or the admin scope", async () => {
    for (const scope of [
      { kind: "team", municipalityId: m.id, teamId: teamA.id, userId: researcher },
      { kind: "admin", municipalityId: m.id, userId: researcher },
      { kind: "workgroup", municipalityId: m.id, userId: researcher },
    ] satisfies Scope[]) {
      for (const table of tables) expect([0, "denied"], `${scope.kind} ${table}`).toContain(await count(scope, table));
    }
  });

  it("what the researcher reads is the summary: per team × month × metric, no household, no case", async () => {
    const scope: Scope = { kind: "municipality", municipalityId: m.id, userId: researcher };
    const r = (await withScope(t.db, scope, (tx) =>
      tx.execute(
        sql`select team_id, to_char(month, 'YYYY-MM') as month, metric, key, n::int as n from casework_month_figures where metric = 'opened' and key = ''`,
      ),
    )) as unknown as { rows?: Record<string, unknown>[] } & Record<string, unknown>[];
    const rows = r.rows ?? r;
    expect(rows).toEqual([{ team_id: teamA.id, month: "2026-10", metric: "opened", key: "", n: 1 }]);
    const columns = (await t.db.execute(
      sql`select column_name::text as c from information_schema.columns where table_name = 'casework_month_figures'`,
    )) as unknown as {
      rows?: { c: string }[];
    } & { c: string }[];
    expect((columns.rows ?? columns).map((x) => x.c).filter((c) => /household|case_id|person/.test(c))).toEqual([]);
  });
});
