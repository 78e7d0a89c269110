// The demo history (issue 16, packages/core/src/demo/demo-casework-history.ts) on real PostgreSQL:
// imported through the import use case for every team, the pilot's numbers of seed 004 §5.1/5.2,
// only in the buurten a team held, the summaries clean (casework:check), one audit event per team,
// idempotent, and the live demo households seeded after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql } from "@wijkwerk/db";
import { seedDemo } from "../../../db/src/seed/demo";
import { PILOT_EVALUATION } from "../../../db/src/seed/demo.expected";
import { buildHistoryCsv, seedCaseworkDemo, seedCaseworkHistoryDemo, HISTORY_CASES_PER_MONTH } from "../src/demo";
import { contextFor } from "../src/demo/demo-workbudget";
import { caseworkFigures, checkCaseworkFigures } from "../src/figures";
import { createTestDatabase, type TestDatabase } from "./db";

const NOW = new Date("2026-12-04T10:00:00Z");

describe("demo casework history", () => {
  let t: TestDatabase;
  let first: Awaited<ReturnType<typeof seedCaseworkHistoryDemo>>;
  const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(t.db, q))[0];

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    await seedDemo(t.db);
    first = await seedCaseworkHistoryDemo(t.db, { now: NOW });
    expect(await seedCaseworkDemo(t.db)).toEqual({ created: true });
  }, 600_000);
  afterAll(() => t.drop());

  it("imports the pilot's cases as counted in its evaluation, in the buurten it held then", async () => {
    expect(first.cases["caberg-malpertuis"]).toBe(PILOT_EVALUATION.total);
    const periods = await queryRows<{ period: string; n: number }>(
      t.db,
      sql`select case when c.intake_on < '2014-01-01' then '2013' when c.intake_on < '2014-07-01' then '2014-H1' else '2014-H2' end as period,
                 count(*)::int as n
          from cases c join teams tm on tm.id = c.team_id where tm.slug = 'caberg-malpertuis' group by 1 order by 1`,
    );
    expect(Object.fromEntries(periods.map((p) => [p.period, p.n]))).toEqual(PILOT_EVALUATION.periods);
    const outliers = await queryRows<{ month: string; n: number }>(
      t.db,
      sql`select to_char(c.intake_on, 'YYYY-MM') as month, count(*)::int as n from cases c join teams tm on tm.id = c.team_id
          where tm.slug = 'caberg-malpertuis' group by 1 order by 2 desc limit 2`,
    );
    expect(outliers.map((o) => o.month).sort()).toEqual(["2013-09", "2014-04"]);
    // Every case's buurt belonged to its team on the intake date (or before the buurt's first assignment, held by the team).
    const outside = await one<{ n: number }>(
      sql`select count(*)::int as n from cases c join households h on h.id = c.household_id
          where not exists (select 1 from buurt_assignments a where a.buurt_id = h.buurt_id and a.team_id = c.team_id
                            and a.valid_from <= c.intake_on and (a.valid_to is null or a.valid_to >= c.intake_on))`,
    );
    expect(outside.n).toBe(0);
    // The pilot team ended on 31-12-2016: it closed all its cases.
    const open = await one<{ n: number }>(
      sql`select count(*)::int as n from cases c join teams tm on tm.id = c.team_id where tm.slug = 'caberg-malpertuis' and (c.status = 'open' or c.closed_on > '2016-12-31')`,
    );
    expect(open.n).toBe(0);
  });

  it("gives the pilot's cases the shares of its evaluation (clients, households, problems, support, goals)", async () => {
    const share = async (q: ReturnType<typeof sql>) => {
      const r = await one<{ part: number; whole: number }>(q);
      return r.part / r.whole;
    };
    const pilot = sql`(select c.id, c.household_id from cases c join teams tm on tm.id = c.team_id where tm.slug = 'caberg-malpertuis')`;
    const women = await share(
      sql`select count(*) filter (where p.gender = 'female')::int as part, count(*)::int as whole from ${pilot} c
          join lateral (select gender from household_persons p where p.household_id = c.household_id and p.role = 'adult' order by p.created_at limit 1) p on true`,
    );
    expect(women).toBeGreaterThan(0.5);
    expect(women).toBeLessThan(0.7);
    const alone = await share(
      sql`select count(*) filter (where hp.household_type = 'alone')::int as part, count(*)::int as whole from ${pilot} c join household_profiles hp on hp.household_id = c.household_id`,
    );
    expect(alone).toBeGreaterThan(0.3);
    expect(alone).toBeLessThan(0.5);
    const children = await share(
      sql`select count(*) filter (where exists (select 1 from household_persons p where p.household_id = c.household_id and p.role = 'child'))::int as part, count(*)::int as whole from ${pilot} c`,
    );
    expect(children).toBeGreaterThan(0.3);
    expect(children).toBeLessThan(0.55);
    const domains = await queryRows<{ life_domain: string }>(
      t.db,
      sql`select g.life_domain from case_goals g join ${pilot} c on c.id = g.case_id group by 1 order by count(*) desc limit 4`,
    );
    expect(domains.map((d) => d.life_domain).sort()).toEqual(["finances", "mental_health", "social_network", "work_education"]);
    const layers = await queryRows<{ layer: string; share: number }>(
      t.db,
      sql`select a.layer, count(*)::float / sum(count(*)) over () as share from case_arrangements a join ${pilot} c on c.id = a.case_id
          where not a.existing group by 1`,
    );
    const layer = Object.fromEntries(layers.map((l) => [l.layer, l.share]));
    expect(layer.own_strength).toBeCloseTo(0.19, 1);
    expect(layer.social_network).toBeCloseTo(0.16, 1);
    expect(layer.general).toBeCloseTo(0.39, 1);
    expect(layer.individual).toBeCloseTo(0.28, 1);
    const improve = await share(
      sql`select count(*) filter (where g.goal_type = 'improve')::int as part, count(*)::int as whole from case_goals g join ${pilot} c on c.id = g.case_id`,
    );
    expect(improve).toBeGreaterThan(0.55);
    expect(improve).toBeLessThan(0.75);
    const decline = await one<{ n: number }>(
      sql`select count(*)::int as n from case_goals g join ${pilot} c on c.id = g.case_id where g.goal_type = 'guided_decline'`,
    );
    expect(decline.n).toBeGreaterThan(0);
  });

  it("gives today's teams a modest history from 2017 with movement, referral outcomes, assessments, contacts and objections", async () => {
    const months = 12 * (2026 - 2017) + 12;
    for (const [slug, n] of Object.entries(first.cases).filter(([s]) => s !== "caberg-malpertuis")) {
      expect(n, slug).toBeGreaterThanOrEqual((months - 1) * HISTORY_CASES_PER_MONTH[0]);
      expect(n, slug).toBeLessThanOrEqual(months * HISTORY_CASES_PER_MONTH[1]);
    }
    expect(Object.keys(first.cases)).toHaveLength(9);
    const first2017 = await one<{ d: string }>(
      sql`select min(c.intake_on)::text as d from cases c join teams tm on tm.id = c.team_id where tm.slug <> 'caberg-malpertuis'`,
    );
    expect(first2017.d >= "2017-01-01" && first2017.d < "2017-02-01").toBe(true);
    const stats = await one<{ multi: number; cases: number; outcomes: number; assessed: number; closed: number }>(
      sql`select (select count(*) from (select case_id, domain from zrm_scores s join zrm_measurements m on m.id = s.measurement_id
                                        group by 1, 2 having count(*) >= 2) x)::int as multi,
                 (select count(*) from cases)::int as cases,
                 (select count(*) from case_referrals where outcome <> 'pending')::int as outcomes,
                 (select count(*) from cases where status = 'closed' and acted_differently <> 'unknown')::int as assessed,
                 (select count(*) from cases where status = 'closed')::int as closed`,
    );
    expect(stats.multi).toBeGreaterThan(stats.cases);
    expect(stats.outcomes).toBeGreaterThan(100);
    expect(stats.assessed / stats.closed).toBeGreaterThan(0.7);
    const contacts = await queryRows<{ kind: string; n: number }>(t.db, sql`select kind, count(*)::int as n from casework_contacts group by 1 order by 1`);
    expect(Object.fromEntries(contacts.map((c) => [c.kind, c.n]))).toEqual({ contact: first.contacts, objection: first.objections });
    expect(first.objections).toBeGreaterThanOrEqual(14 + 8);
  });

  it("keeps the figures' summaries equal to the rows, with one import audit event per team", async () => {
    const check = await checkCaseworkFigures(t.db);
    expect(check.problems).toEqual([]);
    expect(check.cases).toBeGreaterThan(1000);
    const audits = await one<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'casework.history_imported'`);
    expect(audits.n).toBe(9);
  });

  it("shows the research office the pilot's cases in the city figures, small cells as < 5", async () => {
    const ctx = await contextFor(t.db, "onderzoek@wijkwerk.demo");
    const report = await caseworkFigures(ctx, { scope: { kind: "city" }, from: "2013-01", to: "2014-12" });
    const opened = report.tables.find((x) => x.id === "cases-per-month")!;
    const pilotColumn = opened.columns.findIndex((c) => c.label === "Caberg-Malpertuis");
    expect(pilotColumn).toBeGreaterThanOrEqual(0);
    expect(opened.totals!.cells[pilotColumn]).toMatchObject({ value: PILOT_EVALUATION.total, suppressed: false });
    const gender = report.tables.find((x) => x.id === "gender")!;
    expect(gender.rows.flatMap((r) => r.cells).some((c) => c.suppressed)).toBe(true);
    expect(gender.rows.flatMap((r) => r.cells).some((c) => !c.suppressed && (c.value ?? 0) >= 5)).toBe(true);
  });

  it("is idempotent, deterministic, and leaves the live demo households the newest", async () => {
    const before = await one<{ n: number }>(sql`select count(*)::int as n from cases`);
    expect(await seedCaseworkHistoryDemo(t.db, { now: NOW })).toMatchObject({ created: false });
    expect(await seedCaseworkDemo(t.db)).toEqual({ created: false });
    expect((await one<{ n: number }>(sql`select count(*)::int as n from cases`)).n).toBe(before.n);
    const team = {
      slug: "x",
      prefix: "XX",
      buurten: [{ name: "Limmel", from: "2017-01-01", to: null }],
      months: [["2017-01", 3] as [string, number]],
      lastIntake: "2026-12-04",
      endedOn: null,
      regisseurs: [],
    };
    expect(buildHistoryCsv(team, "2026-12-04")).toEqual(buildHistoryCsv(team, "2026-12-04"));
    expect(buildHistoryCsv(team, "2026-12-04").csv).not.toEqual(buildHistoryCsv({ ...team, slug: "y" }, "2026-12-04").csv);
    // The newest households of a team (the top of its list) are the live demo's intakes.
    const newest = await queryRows<{ reference: string }>(
      t.db,
      sql`select h.reference from households h join teams tm on tm.id = h.team_id where tm.slug = 'mariaberg' order by h.created_at desc limit 3`,
    );
    expect(newest.map((h) => Number(h.reference.slice(3))).every((n) => n > 5000 + first.cases.mariaberg - 1)).toBe(true);
  });
});
