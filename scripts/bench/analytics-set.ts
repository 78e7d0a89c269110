// The national synthetic casework set for `pnpm bench:analytics`, generated
// set-based inside PostgreSQL (generate_series, deterministic pseudo-random
// numbers from hashint8), never row by row from Node: one INSERT … SELECT per
// table. Staging tables in the schema `bench` (unlogged) hold what several
// tables share (a household's team and dates, a case's size); ids are uuids
// built from the row's number, so a child row finds its parent's id by
// arithmetic instead of a lookup.
//
// Sizes at BENCH_SCALE=1: 350 municipalities, 3.000 teams (skewed: a few big
// cities with hundreds of teams, many towns with one or two; households per
// team lognormal), 1.000.000 households with profile and persons, ≈ 1,2
// million cases (intake 2013–2026; one in five households has an earlier,
// closed case), 5.000.000 arrangement lines, 3.000.000 ZRM measurements with
// the case's domains scored each time, goals, referrals, contacts and
// objections, the "other way of working" assessment on closed cases.
//
// The caller runs these statements as the superuser with
// session_replication_role = replica: no trigger fires (neither the foreign
// keys' nor the figures' summaries), the summaries are rebuilt afterwards.
import type { Sql } from "postgres";

export interface SetSizes {
  municipalities: number;
  teams: number;
  households: number;
  arrangementLines: number;
  zrmMeasurements: number;
}

export function sizesFor(scale: number): SetSizes {
  const municipalities = Math.max(2, Math.round(350 * scale));
  return {
    municipalities,
    teams: Math.max(municipalities, Math.round(3_000 * scale)),
    households: Math.max(100, Math.round(1_000_000 * scale)),
    arrangementLines: Math.max(500, Math.round(5_000_000 * scale)),
    zrmMeasurements: Math.max(300, Math.round(3_000_000 * scale)),
  };
}

/** The last day of the synthetic history (the benchmark's date is 2026-12-04). */
const LAST_DAY = "2026-11-30";

/** One phase: a name and its statements (run in order, timed together). */
export interface Phase {
  name: string;
  /** The table whose row count the phase reports. */
  counts?: string;
  statements: string[];
}

const pick = (r: string, values: readonly string[], weights: readonly number[]) => {
  // CASE over cumulative weights: r in [0,1) → one of values.
  const total = weights.reduce((a, b) => a + b, 0);
  let cum = 0;
  const arms = values.slice(0, -1).map((v, i) => {
    cum += weights[i] / total;
    return `WHEN ${r} < ${cum.toFixed(6)} THEN '${v}'`;
  });
  return `(CASE ${arms.join(" ")} ELSE '${values[values.length - 1]}' END)`;
};

export function phases(sizes: SetSizes): Phase[] {
  const { municipalities: M, teams: T, households: H, arrangementLines: L, zrmMeasurements: Z } = sizes;
  return [
    {
      name: "helpers and municipalities",
      counts: "municipalities",
      statements: [
        `DROP SCHEMA IF EXISTS bench CASCADE`,
        `CREATE SCHEMA bench`,
        // A uuid from a kind and a number: deterministic, ordered by number (index-friendly inserts).
        `CREATE FUNCTION bench.uid(kind int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
           $$ SELECT (lpad(to_hex(kind), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$`,
        // A pseudo-random number in [0,1) from a number and a salt: the same set on every run.
        `CREATE FUNCTION bench.rnd(n bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
           $$ SELECT (hashint8(n * 1000003 + salt)::bigint + 2147483648) / 4294967296.0 $$`,
        // Municipality m has weight m^-0.8: municipality 1 is the big city.
        `CREATE UNLOGGED TABLE bench.muni AS
           SELECT m, bench.uid(1, m) AS id, power(m, -0.8) AS w FROM generate_series(1, ${M}) m`,
        `INSERT INTO municipalities (id, slug, name)
           SELECT id, 'gemeente-' || m, 'Gemeente ' || m FROM bench.muni ORDER BY m`,
        `INSERT INTO municipality_settings (municipality_id) SELECT id FROM bench.muni ORDER BY m`,
      ],
    },
    {
      name: "teams, buurten, users",
      counts: "teams",
      statements: [
        // Every municipality one team; the other T − M teams by the municipalities' weights (cumulative quantiles).
        `CREATE UNLOGGED TABLE bench.team AS
           WITH cum AS (
             SELECT m, id, sum(w) OVER (ORDER BY m) / sum(w) OVER () AS hi, coalesce(sum(w) OVER (ORDER BY m ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(w) OVER () AS lo
             FROM bench.muni
           ), extra AS (
             SELECT c.m FROM generate_series(1, ${T - M}) j JOIN cum c ON (j - 0.5) / ${Math.max(1, T - M)} >= c.lo AND (j - 0.5) / ${Math.max(1, T - M)} < c.hi
           ), placed AS (
             SELECT m FROM bench.muni UNION ALL SELECT m FROM extra
           ), numbered AS (
             SELECT row_number() OVER (ORDER BY m) AS t, m FROM placed
           ), weighted AS (
             -- households per team: lognormal (Box–Muller from two hashes), σ = 0,7
             SELECT t, m, exp(0.7 * sqrt(-2 * ln(1 - bench.rnd(t, 1))) * cos(2 * pi() * bench.rnd(t, 2))) AS w FROM numbered
           ), cumw AS (
             SELECT t, m, sum(w) OVER (ORDER BY t) / sum(w) OVER () AS hi, coalesce(sum(w) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(w) OVER () AS lo
             FROM weighted
           )
           SELECT t, m, bench.uid(2, t) AS id, bench.uid(1, m) AS muni_id,
                  floor(lo * ${H})::bigint AS hh_lo, floor(hi * ${H})::bigint AS hh_hi
           FROM cumw`,
        `ALTER TABLE bench.team ADD COLUMN n_users int, ADD COLUMN u_lo bigint`,
        `UPDATE bench.team SET n_users = least(40, 3 + ceil((hh_hi - hh_lo) / 100.0)::int)`,
        `UPDATE bench.team t SET u_lo = s.u_lo FROM (SELECT t, coalesce(sum(n_users) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS u_lo FROM bench.team) s WHERE s.t = t.t`,
        `CREATE UNIQUE INDEX ON bench.team (t)`,
        `INSERT INTO teams (id, municipality_id, slug, name, active_from)
           SELECT id, muni_id, 'team-' || t, 'Team ' || t, date '2013-01-01' FROM bench.team ORDER BY t`,
        `INSERT INTO buurten (id, municipality_id, name, residents)
           SELECT bench.uid(4, t * 4 + j), muni_id, 'Buurt ' || t || '-' || j, 2000 + (bench.rnd(t * 4 + j, 3) * 8000)::int
           FROM bench.team, generate_series(0, 2) j ORDER BY t, j`,
        `INSERT INTO buurt_assignments (municipality_id, team_id, buurt_id, valid_from)
           SELECT muni_id, id, bench.uid(4, t * 4 + j), date '2013-01-01' FROM bench.team, generate_series(0, 2) j ORDER BY t, j`,
        `INSERT INTO users (id, municipality_id, email, name, password_hash, discipline)
           SELECT bench.uid(3, u_lo + j), muni_id, 'u' || (u_lo + j) || '@bench.invalid', 'Medewerker ' || (u_lo + j), 'bench-no-login', 'maatschappelijk werk'
           FROM bench.team, generate_series(0, n_users - 1) j ORDER BY t, j`,
        `INSERT INTO team_memberships (municipality_id, team_id, user_id, valid_from)
           SELECT muni_id, id, bench.uid(3, u_lo + j), date '2013-01-01'
           FROM bench.team, generate_series(0, n_users - 1) j ORDER BY t, j`,
        `INSERT INTO membership_terms (municipality_id, membership_id, team_id, user_id, valid_from, role, disciplines)
           SELECT m.municipality_id, m.id, m.team_id, m.user_id, m.valid_from,
                  (CASE WHEN m.user_id = bench.uid(3, b.u_lo) THEN 'coordinator' ELSE 'member' END)::team_role,
                  ARRAY['maatschappelijk werk']
           FROM team_memberships m JOIN bench.team b ON b.id = m.team_id`,
        // Per municipality a controller and a researcher (the municipality scope).
        `INSERT INTO users (id, municipality_id, email, name, password_hash)
           SELECT bench.uid(5, m * 2 + k), id, (CASE k WHEN 0 THEN 'controller' ELSE 'onderzoek' END) || '.' || m || '@bench.invalid', 'Gemeente ' || m || ' ' || k, 'bench-no-login'
           FROM bench.muni, generate_series(0, 1) k ORDER BY m, k`,
        `INSERT INTO scope_roles (municipality_id, user_id, role)
           SELECT id, bench.uid(5, m * 2 + k), (CASE k WHEN 0 THEN 'controller' ELSE 'researcher' END)::scope_role
           FROM bench.muni, generate_series(0, 1) k ORDER BY m, k`,
      ],
    },
    {
      name: "staging: households and their cases (what several tables share)",
      statements: [
        `CREATE UNLOGGED TABLE bench.hh AS
           SELECT h, t.t, t.id AS team_id, t.muni_id, bench.uid(4, t.t * 4 + (h % 3)) AS buurt_id,
                  ${pick("bench.rnd(h, 10)", ["alone", "couple", "couple_with_children", "single_parent", "other"], [38, 20, 22, 14, 6])} AS htype,
                  -- first intake: 2013-01-01 … 2026-11, more in later years
                  date '2013-01-01' + floor(power(bench.rnd(h, 11), 0.8) * (date '${LAST_DAY}' - date '2013-01-01'))::int AS d1,
                  bench.rnd(h, 12) < 0.2 AS has_two,
                  1 + floor(bench.rnd(h, 13) * 3)::int AS n_children
           FROM bench.team t, generate_series(t.hh_lo + 1, t.hh_hi) h`,
        `CREATE UNIQUE INDEX ON bench.hh (h)`,
        // A household's cases: k = 0 (the first), k = 1 (a later one, for one in five); only the last may be open.
        `CREATE UNLOGGED TABLE bench.case AS
           WITH base AS (
             SELECT h.h, h.t, h.team_id, h.muni_id, h.d1, h.has_two AND h.d1 < date '2025-01-01' AS two FROM bench.hh h
           ), first_close AS (
             SELECT *, least(d1 + 30 + floor(bench.rnd(h, 30) * 300)::int, date '${LAST_DAY}') AS c1 FROM base
           ), ks AS (
             SELECT h, t, team_id, muni_id, 0 AS k, d1 AS intake, CASE WHEN two THEN c1 END AS forced_close FROM first_close
             UNION ALL
             SELECT h, t, team_id, muni_id, 1, least(c1 + 30 + floor(bench.rnd(h, 31) * 400)::int, date '${LAST_DAY}'), NULL FROM first_close WHERE two
           )
           SELECT h * 2 + k AS c, h, t, team_id, muni_id, intake,
                  coalesce(forced_close,
                           CASE WHEN bench.rnd(h * 2 + k, 32) < 0.85 AND intake + 30 + floor(bench.rnd(h * 2 + k, 33) * 500)::int <= date '${LAST_DAY}'
                                THEN intake + 30 + floor(bench.rnd(h * 2 + k, 33) * 500)::int END) AS closed_on
           FROM ks`,
        `ALTER TABLE bench.case ADD COLUMN regisseur uuid, ADD COLUMN domains int[], ADD COLUMN n_goals int, ADD COLUMN n_arr int, ADD COLUMN n_zrm int`,
        `CREATE UNIQUE INDEX ON bench.case (c)`,
        `ANALYZE bench.case`,
        `UPDATE bench.case b SET
           regisseur = bench.uid(3, t.u_lo + floor(bench.rnd(b.c, 34) * t.n_users)::bigint),
           -- the domains the question touches (≈ 3 of 14, at least one): scored at every measurement
           domains = ARRAY(SELECT d FROM generate_series(0, 13) d WHERE bench.rnd(b.c * 16 + d, 35) < 0.16 OR d = b.c % 13 ORDER BY d),
           n_goals = 1 + floor(bench.rnd(b.c, 36) * 3)::int
         FROM bench.team t WHERE t.t = b.t`,
        // Arrangement lines and ZRM measurements per case around the target means (L and Z over the number of cases).
        `UPDATE bench.case SET
           n_arr = greatest(1, round((${L}::float8 / (SELECT count(*) FROM bench.case)) * (0.25 + 1.5 * bench.rnd(c, 37))))::int,
           n_zrm = least(15, greatest(1, round((${Z}::float8 / (SELECT count(*) FROM bench.case)) * (0.2 + 1.6 * bench.rnd(c, 38))))::int)`,
      ],
    },
    {
      name: "households, profiles, persons",
      counts: "households",
      statements: [
        `INSERT INTO households (id, municipality_id, team_id, reference, initials, buurt_id, status)
           SELECT bench.uid(6, h.h), muni_id, team_id, 'B-' || h.h, chr(65 + (h.h % 26)::int) || '.', buurt_id, CASE WHEN s.open THEN 'open' ELSE 'closed' END
           FROM bench.hh h JOIN (SELECT h, bool_or(closed_on IS NULL) AS open FROM bench.case GROUP BY h) s ON s.h = h.h ORDER BY h.h`,
        `INSERT INTO household_profiles (household_id, municipality_id, team_id, household_type)
           SELECT bench.uid(6, h), muni_id, team_id, htype FROM bench.hh ORDER BY h`,
        // Persons: the adults first (the figures' client is the first-registered adult), then the children.
        `INSERT INTO household_persons (id, municipality_id, team_id, household_id, name, role, gender, birth_year, created_at)
           SELECT bench.uid(7, h * 8 + j), muni_id, team_id, bench.uid(6, h), 'Persoon ' || j,
                  CASE WHEN j < n_adults THEN 'adult' ELSE 'child' END,
                  ${pick("bench.rnd(h * 8 + j, 20)", ["female", "male", "other", "unknown"], [54, 43, 1, 2])},
                  CASE WHEN bench.rnd(h * 8 + j, 21) < 0.08 THEN NULL
                       WHEN j < n_adults THEN extract(year FROM d1)::int - 18 - floor(power(bench.rnd(h * 8 + j, 22), 1.3) * 75)::int
                       ELSE extract(year FROM d1)::int - floor(bench.rnd(h * 8 + j, 22) * 18)::int END,
                  timestamptz '2013-01-01' + (h * 8 + j) * interval '1 second'
           FROM (SELECT *, CASE WHEN htype IN ('alone', 'single_parent') THEN 1 ELSE 2 END AS n_adults,
                           CASE WHEN htype IN ('couple_with_children', 'single_parent') THEN n_children ELSE 0 END AS kids FROM bench.hh) x,
                generate_series(0, n_adults + kids - 1) j
           ORDER BY h, j`,
      ],
    },
    {
      name: "cases (intake 2013–2026, assessment on closed cases)",
      counts: "cases",
      statements: [
        `INSERT INTO cases (id, municipality_id, team_id, household_id, intake_on, entry_route, question, question_type, regisseur_id, legal_basis,
                            status, closed_on, close_reason, acted_differently, different_arrangement, time_gained, neighbourhood_strength_used,
                            sufficient_support, resident_satisfied, retain_until, created_by)
           SELECT bench.uid(8, c), muni_id, team_id, bench.uid(6, h), intake,
                  ${pick("bench.rnd(c, 40)", ["self", "gp", "district_nurse", "community_police", "wijkservicepunt", "school", "partner_organisation", "neighbour", "other"], [30, 12, 8, 5, 10, 8, 17, 5, 5])},
                  '', ${pick("bench.rnd(c, 41)", ["single", "multiple", "multi_problem"], [45, 35, 20])}, regisseur,
                  ${pick("bench.rnd(c, 42)", ["none", "wmo", "jeugdwet"], [60, 30, 10])},
                  CASE WHEN closed_on IS NULL THEN 'open' ELSE 'closed' END, closed_on,
                  CASE WHEN closed_on IS NOT NULL THEN 'goals_achieved' END,
                  ${[43, 44, 45, 46, 47, 48].map((s) => `CASE WHEN closed_on IS NOT NULL THEN ${pick(`bench.rnd(c, ${s})`, ["yes", "no", "unknown"], [55, 25, 20])} END`).join(",\n                  ")},
                  closed_on + interval '5 years', regisseur
           FROM bench.case ORDER BY c`,
      ],
    },
    {
      name: "goals and referrals",
      counts: "case_goals",
      statements: [
        `INSERT INTO case_goals (id, municipality_id, team_id, case_id, household_id, life_domain, description, goal_type, status)
           SELECT bench.uid(9, c * 4 + j), muni_id, team_id, bench.uid(8, c), bench.uid(6, h),
                  (ARRAY['finances','work_education','time_use','housing','domestic_relations','mental_health','physical_health','substance_use','basic_adl','instrumental_adl','social_network','community_participation','justice','parenting'])[domains[1 + j % cardinality(domains)] + 1],
                  'Doel ' || j, ${pick("bench.rnd(c * 4 + j, 50)", ["improve", "stabilise", "guided_decline"], [60, 30, 10])},
                  CASE WHEN closed_on IS NULL THEN 'open' ELSE ${pick("bench.rnd(c * 4 + j, 51)", ["achieved", "partly_achieved", "not_achieved"], [50, 30, 20])} END
           FROM bench.case, generate_series(0, n_goals - 1) j ORDER BY c, j`,
        `INSERT INTO case_referrals (id, municipality_id, team_id, case_id, household_id, destination, referred_on, outcome, outcome_on)
           SELECT bench.uid(10, c), muni_id, team_id, bench.uid(8, c), bench.uid(6, h),
                  ${pick("bench.rnd(c, 60)", ["specialised_care", "veiligheidshuis", "wmo", "youth", "other"], [35, 5, 30, 15, 15])},
                  least(intake + 20, coalesce(closed_on, date '${LAST_DAY}')), o.outcome,
                  CASE WHEN o.outcome <> 'pending' THEN least(intake + 20, coalesce(closed_on, date '${LAST_DAY}')) + 30 END
           FROM bench.case,
                LATERAL (SELECT CASE WHEN closed_on IS NULL AND bench.rnd(c, 61) < 0.5 THEN 'pending'
                                     ELSE ${pick("bench.rnd(c, 62)", ["accepted", "declined", "completed", "withdrawn"], [40, 15, 35, 10])} END AS outcome) o
           WHERE bench.rnd(c, 63) < 0.3 ORDER BY c`,
      ],
    },
    {
      name: "arrangement lines",
      counts: "case_arrangements",
      statements: [
        `INSERT INTO case_arrangements (id, municipality_id, team_id, case_id, household_id, layer, existing, provider_name, starts_on, ends_on, status)
           SELECT bench.uid(11, c * 32 + j), muni_id, team_id, bench.uid(8, c), bench.uid(6, h),
                  ${pick("bench.rnd(c * 32 + j, 70)", ["own_strength", "social_network", "general", "individual"], [20, 20, 35, 25])},
                  bench.rnd(c * 32 + j, 71) < 0.3, 'Aanbieder ' || (1 + floor(bench.rnd(c * 32 + j, 72) * 400)::int),
                  intake + j * 10, CASE WHEN closed_on IS NOT NULL THEN greatest(closed_on, intake + j * 10) END,
                  CASE WHEN closed_on IS NOT NULL THEN (CASE WHEN bench.rnd(c * 32 + j, 73) < 0.8 THEN 'ended' ELSE 'stopped' END)
                       ELSE (CASE WHEN bench.rnd(c * 32 + j, 73) < 0.7 THEN 'running' ELSE 'planned' END) END
           FROM bench.case, generate_series(0, n_arr - 1) j ORDER BY c, j`,
      ],
    },
    {
      name: "ZRM measurements and scores",
      counts: "zrm_measurements",
      statements: [
        // Every ≈ 3 months, until the closing (or the end of the history).
        `INSERT INTO zrm_measurements (id, municipality_id, team_id, case_id, household_id, measured_on, created_by)
           SELECT bench.uid(12, c * 16 + j), muni_id, team_id, bench.uid(8, c), bench.uid(6, h),
                  least(intake + j * 90, coalesce(closed_on, date '${LAST_DAY}')), regisseur
           FROM bench.case, generate_series(0, n_zrm - 1) j ORDER BY c, j`,
        // A domain starts at 1–3 and drifts by −0,3 … +0,7 per measurement, with noise: most improve, some decline.
        `INSERT INTO zrm_scores (municipality_id, team_id, household_id, measurement_id, domain, score)
           SELECT muni_id, team_id, bench.uid(6, h), bench.uid(12, c * 16 + j),
                  (ARRAY['finances','work_education','time_use','housing','domestic_relations','mental_health','physical_health','substance_use','basic_adl','instrumental_adl','social_network','community_participation','justice','parenting'])[d + 1],
                  least(5, greatest(1, round(1 + floor(bench.rnd(c * 16 + d, 80) * 3) + j * (-0.3 + bench.rnd(c * 16 + d, 81)) + (bench.rnd(c * 256 + j * 16 + d, 82) - 0.5))))::int
           FROM bench.case, generate_series(0, n_zrm - 1) j, unnest(domains) d ORDER BY c, j, d`,
      ],
    },
    {
      name: "contacts without a case and objections",
      counts: "casework_contacts",
      statements: [
        `INSERT INTO casework_contacts (id, municipality_id, team_id, kind, occurred_on, entry_route, question_type)
           SELECT bench.uid(13, t * 1000000 + j), muni_id, id, o.kind,
                  CASE WHEN o.kind = 'objection' THEN date_trunc('month', o.day)::date ELSE o.day END,
                  CASE WHEN o.kind = 'contact' THEN ${pick("bench.rnd(t * 1000000 + j, 91)", ["self", "gp", "district_nurse", "community_police", "wijkservicepunt", "school", "partner_organisation", "neighbour", "other"], [30, 12, 8, 5, 10, 8, 17, 5, 5])} END,
                  CASE WHEN o.kind = 'contact' THEN ${pick("bench.rnd(t * 1000000 + j, 92)", ["single", "multiple", "multi_problem"], [70, 25, 5])} END
           FROM bench.team, generate_series(1, ((hh_hi - hh_lo) / 2)::int) j,
                LATERAL (SELECT CASE WHEN bench.rnd(t * 1000000 + j, 90) < 0.03 THEN 'objection' ELSE 'contact' END AS kind,
                                date '2013-01-01' + floor(power(bench.rnd(t * 1000000 + j, 93), 0.8) * (date '${LAST_DAY}' - date '2013-01-01'))::int AS day) o
           ORDER BY t, j`,
      ],
    },
  ];
}

/** Runs the phases on a superuser connection with every trigger off; returns seconds per phase. */
export async function loadSet(admin: Sql, sizes: SetSizes, log: (s: string) => void): Promise<{ name: string; seconds: number; rows?: number }[]> {
  const timings: { name: string; seconds: number; rows?: number }[] = [];
  await admin.unsafe(`SET session_replication_role = replica`);
  await admin.unsafe(`SET synchronous_commit = off`);
  await admin.unsafe(`SET maintenance_work_mem = '512MB'`);
  await admin.unsafe(`SET work_mem = '256MB'`);
  for (const phase of phases(sizes)) {
    const started = performance.now();
    for (const statement of phase.statements) await admin.unsafe(statement);
    const seconds = (performance.now() - started) / 1000;
    const rows = phase.counts ? Number((await admin.unsafe(`SELECT count(*)::bigint AS n FROM ${phase.counts}`))[0].n) : undefined;
    timings.push({ name: phase.name, seconds, rows });
    log(
      `  ${phase.name}: ${seconds.toLocaleString("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s${rows !== undefined ? ` (${rows.toLocaleString("nl-NL")} ${phase.counts})` : ""}`,
    );
  }
  await admin.unsafe(`SET session_replication_role = origin`);
  return timings;
}
