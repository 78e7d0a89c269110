-- Casework figures (issue 16, docs/figures.md, ADR 0016): the summaries
-- casework_case_facts (per case) and casework_month_figures (per team ×
-- month × metric × key) are kept by statement-level triggers in the same
-- transaction as the change, so a dashboard costs the same at one year of
-- history or ten. One SQL function computes a case's contributions; the
-- refresh (triggers), the rebuild and the check all use it.
--
-- The cohort rule: everything about a case counts in the month of its
-- intake. Contacts without a case and objections count in their own month.
-- A deleted case (erasure, retention purge) leaves its contributions: the
-- figures are over the registrations that existed.

-- What each case in p_cases contributes, computed set-based from the rows.
-- A case whose household no longer exists (being erased: the cascade deletes
-- persons before cases) contributes nothing here, and is left alone.
CREATE OR REPLACE FUNCTION casework_case_contributions(p_cases uuid[])
RETURNS TABLE (case_id uuid, municipality_id uuid, team_id uuid, month date, metric text, key text, n bigint, total bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH c AS MATERIALIZED (
    SELECT c.id, c.municipality_id, c.team_id, c.household_id, c.intake_on, c.entry_route, c.question_type, c.status,
           c.acted_differently, c.different_arrangement, c.time_gained, c.neighbourhood_strength_used,
           c.sufficient_support, c.resident_satisfied, date_trunc('month', c.intake_on)::date AS month
    FROM cases c JOIN households h ON h.id = c.household_id
    WHERE c.id = ANY (p_cases)
  ),
  -- The client: the household's first-registered adult, else its first person.
  client AS (
    SELECT DISTINCT ON (c.id) c.id AS case_id, p.gender, extract(year FROM c.intake_on)::int - p.birth_year AS age
    FROM c JOIN household_persons p ON p.household_id = c.household_id
    ORDER BY c.id, (p.role = 'adult') DESC, p.created_at, p.id
  ),
  scored AS (
    SELECT m.case_id, s.domain, s.score,
      row_number() OVER (PARTITION BY m.case_id, s.domain ORDER BY m.measured_on, m.created_at, m.id) AS first_rank,
      row_number() OVER (PARTITION BY m.case_id, s.domain ORDER BY m.measured_on DESC, m.created_at DESC, m.id DESC) AS last_rank,
      count(*) OVER (PARTITION BY m.case_id, s.domain) AS measured
    FROM zrm_measurements m JOIN zrm_scores s ON s.measurement_id = m.id
    WHERE m.case_id IN (SELECT id FROM c)
  ),
  zrm AS (
    SELECT scored.case_id, scored.domain,
      max(scored.score) FILTER (WHERE first_rank = 1) AS first_score,
      max(scored.score) FILTER (WHERE last_rank = 1) AS last_score,
      max(scored.measured) AS measured
    FROM scored GROUP BY scored.case_id, scored.domain
  ),
  parts (case_id, metric, key, n, total) AS (
    SELECT c.id, 'opened', '', 1::bigint, 0::bigint FROM c
    UNION ALL
    SELECT c.id, 'closed', '', 1, 0 FROM c WHERE c.status = 'closed'
    UNION ALL
    SELECT c.id, 'gender', coalesce(cl.gender, 'unknown'), 1, 0 FROM c LEFT JOIN client cl ON cl.case_id = c.id
    UNION ALL
    SELECT c.id, 'age_group',
      CASE WHEN cl.age IS NULL OR cl.age < 0 THEN 'unknown'
           WHEN cl.age < 20 THEN '0-19' WHEN cl.age < 40 THEN '20-39' WHEN cl.age < 60 THEN '40-59'
           WHEN cl.age < 80 THEN '60-79' ELSE '80+' END, 1, 0
    FROM c LEFT JOIN client cl ON cl.case_id = c.id
    UNION ALL
    SELECT c.id, 'household_type', coalesce(hp.household_type, 'unknown'), 1, 0
    FROM c LEFT JOIN household_profiles hp ON hp.household_id = c.household_id
    UNION ALL
    SELECT c.id, 'entry_route', c.entry_route, 1, 0 FROM c
    UNION ALL
    SELECT c.id, 'question_type', c.question_type, 1, 0 FROM c
    UNION ALL
    SELECT r.case_id, 'referral', r.destination || ':' || r.outcome, count(*), 0
    FROM case_referrals r WHERE r.case_id IN (SELECT id FROM c) GROUP BY r.case_id, r.destination, r.outcome
    UNION ALL
    SELECT zrm.case_id, 'zrm_intake', zrm.domain || ':' || zrm.first_score, 1, 0 FROM zrm
    UNION ALL
    SELECT zrm.case_id, 'zrm_latest', zrm.domain || ':' || zrm.last_score, 1, 0 FROM zrm
    UNION ALL
    SELECT zrm.case_id, 'zrm_movement',
      zrm.domain || ':' || CASE WHEN zrm.last_score > zrm.first_score THEN 'improved'
                                WHEN zrm.last_score = zrm.first_score THEN 'equal' ELSE 'declined' END,
      1, (zrm.last_score - zrm.first_score)::bigint
    FROM zrm WHERE zrm.measured >= 2
    UNION ALL
    SELECT a.case_id, 'arrangement', a.layer || ':' || CASE WHEN a.existing THEN 'existing' ELSE 'new' END, count(*), 0
    FROM case_arrangements a WHERE a.case_id IN (SELECT id FROM c) GROUP BY a.case_id, a.layer, a.existing
    UNION ALL
    SELECT g.case_id, 'goal_type', g.goal_type, count(*), 0
    FROM case_goals g WHERE g.case_id IN (SELECT id FROM c) GROUP BY g.case_id, g.goal_type
    UNION ALL
    SELECT c.id, 'assessment', q.question || ':' || coalesce(q.answer, 'unknown'), 1, 0
    FROM c CROSS JOIN LATERAL (VALUES
      ('actedDifferently', c.acted_differently), ('differentArrangement', c.different_arrangement),
      ('timeGained', c.time_gained), ('neighbourhoodStrengthUsed', c.neighbourhood_strength_used),
      ('sufficientSupport', c.sufficient_support), ('residentSatisfied', c.resident_satisfied)) AS q (question, answer)
    WHERE c.status = 'closed'
    UNION ALL
    SELECT c.id, 'assessed', '', 1, 0 FROM c
    WHERE c.status = 'closed'
      AND EXISTS (SELECT 1 FROM unnest(ARRAY[c.acted_differently, c.different_arrangement, c.time_gained, c.neighbourhood_strength_used,
                                             c.sufficient_support, c.resident_satisfied]) AS a (answer)
                  WHERE a.answer IN ('yes', 'no'))
  )
  SELECT parts.case_id, c.municipality_id, c.team_id, c.month, parts.metric, parts.key, sum(parts.n)::bigint, sum(parts.total)::bigint
  FROM parts JOIN c ON c.id = parts.case_id
  GROUP BY parts.case_id, c.municipality_id, c.team_id, c.month, parts.metric, parts.key
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_case_contributions(uuid[]) FROM PUBLIC;
--> statement-breakpoint

-- Refreshes the summaries of these cases: subtracts what each contributed,
-- adds what it contributes now (a team change moves it), in one statement;
-- then removes the month rows that reached zero. Deltas are applied in key
-- order so that concurrent refreshes lock rows in the same order.
CREATE OR REPLACE FUNCTION casework_refresh_cases(p_cases uuid[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF p_cases IS NULL OR cardinality(p_cases) = 0 THEN
    RETURN;
  END IF;
  WITH fresh AS MATERIALIZED (
    SELECT * FROM casework_case_contributions(p_cases)
  ),
  live AS (SELECT DISTINCT fresh.case_id FROM fresh),
  old AS (
    SELECT f.municipality_id, f.team_id, f.month, e ->> 0 AS metric, e ->> 1 AS key,
           -(e ->> 2)::bigint AS n, -(e ->> 3)::bigint AS total
    FROM casework_case_facts f CROSS JOIN LATERAL jsonb_array_elements(f.contributions) e
    WHERE f.case_id IN (SELECT live.case_id FROM live)
  ),
  facts AS (
    INSERT INTO casework_case_facts AS f (case_id, municipality_id, team_id, month, contributions)
    SELECT fresh.case_id, fresh.municipality_id, fresh.team_id, fresh.month,
           jsonb_agg(jsonb_build_array(fresh.metric, fresh.key, fresh.n, fresh.total) ORDER BY fresh.metric, fresh.key)
    FROM fresh GROUP BY fresh.case_id, fresh.municipality_id, fresh.team_id, fresh.month
    ON CONFLICT (case_id) DO UPDATE
      SET municipality_id = excluded.municipality_id, team_id = excluded.team_id, month = excluded.month, contributions = excluded.contributions
      WHERE (f.municipality_id, f.team_id, f.month, f.contributions) IS DISTINCT FROM (excluded.municipality_id, excluded.team_id, excluded.month, excluded.contributions)
  ),
  delta AS (
    SELECT d.municipality_id, d.team_id, d.month, d.metric, d.key, sum(d.n)::bigint AS n, sum(d.total)::bigint AS total
    FROM (SELECT old.* FROM old
          UNION ALL
          SELECT fresh.municipality_id, fresh.team_id, fresh.month, fresh.metric, fresh.key, fresh.n, fresh.total FROM fresh) d
    GROUP BY d.municipality_id, d.team_id, d.month, d.metric, d.key
    HAVING sum(d.n) <> 0 OR sum(d.total) <> 0
  )
  INSERT INTO casework_month_figures AS m (municipality_id, team_id, month, metric, key, n, total)
  SELECT delta.municipality_id, delta.team_id, delta.month, delta.metric, delta.key, delta.n, delta.total
  FROM delta ORDER BY delta.team_id, delta.month, delta.metric, delta.key
  ON CONFLICT (team_id, month, metric, key) DO UPDATE SET n = m.n + excluded.n, total = m.total + excluded.total;

  DELETE FROM casework_month_figures WHERE n = 0;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_refresh_cases(uuid[]) FROM PUBLIC;
--> statement-breakpoint

-- Contacts without a case and objections: counted in their own month, applied
-- straight from the statement's rows (p_sign +1 for new rows, -1 for old).
CREATE OR REPLACE FUNCTION casework_contacts_after() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO casework_month_figures AS m (municipality_id, team_id, month, metric, key, n, total)
    SELECT r.municipality_id, r.team_id, date_trunc('month', r.occurred_on)::date, r.kind, '', count(*), 0
    FROM new_rows r GROUP BY 1, 2, 3, 4 ORDER BY 2, 3, 4
    ON CONFLICT (team_id, month, metric, key) DO UPDATE SET n = m.n + excluded.n;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO casework_month_figures AS m (municipality_id, team_id, month, metric, key, n, total)
    SELECT r.municipality_id, r.team_id, date_trunc('month', r.occurred_on)::date, r.kind, '', -count(*), 0
    FROM old_rows r GROUP BY 1, 2, 3, 4 ORDER BY 2, 3, 4
    ON CONFLICT (team_id, month, metric, key) DO UPDATE SET n = m.n + excluded.n;
    DELETE FROM casework_month_figures WHERE n = 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_contacts_after() FROM PUBLIC;
--> statement-breakpoint

-- The trigger on the case content tables: collects the cases the statement
-- touched (by TG_ARGV[0], the column naming the case or the household) and
-- refreshes each once — also for a bulk insert of thousands of rows.
CREATE OR REPLACE FUNCTION casework_figures_after() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_rows text;
  v_cases uuid[];
BEGIN
  v_rows := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %I AS k FROM new_rows', TG_ARGV[0])
    WHEN 'DELETE' THEN format('SELECT %I AS k FROM old_rows', TG_ARGV[0])
    ELSE format('SELECT %1$I AS k FROM new_rows UNION SELECT %1$I FROM old_rows', TG_ARGV[0]) END;
  IF TG_ARGV[0] = 'household_id' THEN
    EXECUTE 'SELECT array_agg(c.id) FROM cases c WHERE c.household_id IN (' || v_rows || ')' INTO v_cases;
  ELSIF TG_ARGV[0] = 'measurement_id' THEN
    EXECUTE 'SELECT array_agg(DISTINCT m.case_id) FROM zrm_measurements m WHERE m.id IN (' || v_rows || ')' INTO v_cases;
  ELSE
    EXECUTE 'SELECT array_agg(DISTINCT s.k) FROM (' || v_rows || ') s' INTO v_cases;
  END IF;
  PERFORM casework_refresh_cases(v_cases);
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_figures_after() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER cases_figures_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('id');
--> statement-breakpoint
CREATE TRIGGER cases_figures_update AFTER UPDATE ON cases REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('id');
--> statement-breakpoint
CREATE TRIGGER household_persons_figures_insert AFTER INSERT ON household_persons REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('household_id');
--> statement-breakpoint
CREATE TRIGGER household_persons_figures_update AFTER UPDATE ON household_persons REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('household_id');
--> statement-breakpoint
CREATE TRIGGER household_persons_figures_delete AFTER DELETE ON household_persons REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('household_id');
--> statement-breakpoint
CREATE TRIGGER household_profiles_figures_insert AFTER INSERT ON household_profiles REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('household_id');
--> statement-breakpoint
CREATE TRIGGER household_profiles_figures_update AFTER UPDATE ON household_profiles REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('household_id');
--> statement-breakpoint
CREATE TRIGGER household_profiles_figures_delete AFTER DELETE ON household_profiles REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('household_id');
--> statement-breakpoint
CREATE TRIGGER case_goals_figures_insert AFTER INSERT ON case_goals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER case_goals_figures_update AFTER UPDATE ON case_goals REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER case_goals_figures_delete AFTER DELETE ON case_goals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER case_arrangements_figures_insert AFTER INSERT ON case_arrangements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER case_arrangements_figures_update AFTER UPDATE ON case_arrangements REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER case_arrangements_figures_delete AFTER DELETE ON case_arrangements REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER zrm_measurements_figures_insert AFTER INSERT ON zrm_measurements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER zrm_measurements_figures_update AFTER UPDATE ON zrm_measurements REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER zrm_measurements_figures_delete AFTER DELETE ON zrm_measurements REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER zrm_scores_figures_insert AFTER INSERT ON zrm_scores REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('measurement_id');
--> statement-breakpoint
CREATE TRIGGER zrm_scores_figures_update AFTER UPDATE ON zrm_scores REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('measurement_id');
--> statement-breakpoint
CREATE TRIGGER zrm_scores_figures_delete AFTER DELETE ON zrm_scores REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('measurement_id');
--> statement-breakpoint
CREATE TRIGGER case_referrals_figures_insert AFTER INSERT ON case_referrals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER case_referrals_figures_update AFTER UPDATE ON case_referrals REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER case_referrals_figures_delete AFTER DELETE ON case_referrals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_after('case_id');
--> statement-breakpoint
CREATE TRIGGER casework_contacts_figures_insert AFTER INSERT ON casework_contacts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_contacts_after();
--> statement-breakpoint
CREATE TRIGGER casework_contacts_figures_update AFTER UPDATE ON casework_contacts REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_contacts_after();
--> statement-breakpoint
CREATE TRIGGER casework_contacts_figures_delete AFTER DELETE ON casework_contacts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_contacts_after();
--> statement-breakpoint

-- Rebuilds the summaries set-based, for one municipality or (NULL) all:
-- every existing case's facts from the rows, the month figures from the facts
-- (also those of deleted cases) and the contacts.
CREATE OR REPLACE FUNCTION casework_figures_rebuild(p_municipality uuid DEFAULT NULL) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO casework_case_facts AS f (case_id, municipality_id, team_id, month, contributions)
  SELECT x.case_id, x.municipality_id, x.team_id, x.month,
         jsonb_agg(jsonb_build_array(x.metric, x.key, x.n, x.total) ORDER BY x.metric, x.key)
  FROM casework_case_contributions(ARRAY(SELECT c.id FROM cases c WHERE p_municipality IS NULL OR c.municipality_id = p_municipality)) x
  GROUP BY x.case_id, x.municipality_id, x.team_id, x.month
  ON CONFLICT (case_id) DO UPDATE
    SET municipality_id = excluded.municipality_id, team_id = excluded.team_id, month = excluded.month, contributions = excluded.contributions;

  DELETE FROM casework_month_figures m WHERE p_municipality IS NULL OR m.municipality_id = p_municipality;

  INSERT INTO casework_month_figures (municipality_id, team_id, month, metric, key, n, total)
  SELECT s.municipality_id, s.team_id, s.month, s.metric, s.key, sum(s.n)::bigint, sum(s.total)::bigint
  FROM (
    SELECT f.municipality_id, f.team_id, f.month, e ->> 0 AS metric, e ->> 1 AS key, (e ->> 2)::bigint AS n, (e ->> 3)::bigint AS total
    FROM casework_case_facts f CROSS JOIN LATERAL jsonb_array_elements(f.contributions) e
    WHERE p_municipality IS NULL OR f.municipality_id = p_municipality
    UNION ALL
    SELECT k.municipality_id, k.team_id, date_trunc('month', k.occurred_on)::date, k.kind, '', 1, 0
    FROM casework_contacts k WHERE p_municipality IS NULL OR k.municipality_id = p_municipality
  ) s
  GROUP BY s.municipality_id, s.team_id, s.month, s.metric, s.key;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_figures_rebuild(uuid) FROM PUBLIC;
--> statement-breakpoint

-- The check (pnpm casework:check): recomputes from the rows and returns every
-- difference. kind 'case': a case's stored contribution differs from its rows;
-- kind 'month': a month figure differs from the sum of the cases' contributions
-- (recomputed for existing cases, as stored for deleted ones) and the contacts.
CREATE OR REPLACE FUNCTION casework_figures_differences(p_municipality uuid DEFAULT NULL)
RETURNS TABLE (kind text, case_id uuid, team_id uuid, month date, metric text, key text,
               expected_n bigint, actual_n bigint, expected_total bigint, actual_total bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH fresh AS MATERIALIZED (
    SELECT * FROM casework_case_contributions(ARRAY(SELECT c.id FROM cases c WHERE p_municipality IS NULL OR c.municipality_id = p_municipality))
  ),
  stored AS MATERIALIZED (
    SELECT f.case_id, f.municipality_id, f.team_id, f.month, e ->> 0 AS metric, e ->> 1 AS key, (e ->> 2)::bigint AS n, (e ->> 3)::bigint AS total
    FROM casework_case_facts f CROSS JOIN LATERAL jsonb_array_elements(f.contributions) e
    WHERE p_municipality IS NULL OR f.municipality_id = p_municipality
  ),
  live AS (SELECT DISTINCT fresh.case_id FROM fresh),
  case_diff AS (
    SELECT 'case'::text AS kind, coalesce(a.case_id, b.case_id) AS case_id, coalesce(a.team_id, b.team_id) AS team_id,
           coalesce(a.month, b.month) AS month, coalesce(a.metric, b.metric) AS metric, coalesce(a.key, b.key) AS key,
           coalesce(a.n, 0) AS expected_n, coalesce(b.n, 0) AS actual_n, coalesce(a.total, 0) AS expected_total, coalesce(b.total, 0) AS actual_total
    FROM fresh a
    FULL JOIN (SELECT * FROM stored WHERE stored.case_id IN (SELECT live.case_id FROM live)) b
      ON a.case_id = b.case_id AND a.team_id = b.team_id AND a.month = b.month AND a.metric = b.metric AND a.key = b.key
    WHERE a.n IS DISTINCT FROM b.n OR a.total IS DISTINCT FROM b.total
  ),
  expected AS (
    SELECT s.municipality_id, s.team_id, s.month, s.metric, s.key, sum(s.n)::bigint AS n, sum(s.total)::bigint AS total
    FROM (
      SELECT fresh.municipality_id, fresh.team_id, fresh.month, fresh.metric, fresh.key, fresh.n, fresh.total FROM fresh
      UNION ALL
      SELECT stored.municipality_id, stored.team_id, stored.month, stored.metric, stored.key, stored.n, stored.total
      FROM stored WHERE stored.case_id NOT IN (SELECT live.case_id FROM live)
      UNION ALL
      SELECT k.municipality_id, k.team_id, date_trunc('month', k.occurred_on)::date, k.kind, '', 1, 0
      FROM casework_contacts k WHERE p_municipality IS NULL OR k.municipality_id = p_municipality
    ) s
    GROUP BY s.municipality_id, s.team_id, s.month, s.metric, s.key
  ),
  actual AS (
    SELECT * FROM casework_month_figures m WHERE p_municipality IS NULL OR m.municipality_id = p_municipality
  ),
  month_diff AS (
    SELECT 'month'::text, NULL::uuid, coalesce(a.team_id, b.team_id), coalesce(a.month, b.month), coalesce(a.metric, b.metric), coalesce(a.key, b.key),
           coalesce(a.n, 0), coalesce(b.n, 0), coalesce(a.total, 0), coalesce(b.total, 0)
    FROM expected a
    FULL JOIN actual b ON a.team_id = b.team_id AND a.month = b.month AND a.metric = b.metric AND a.key = b.key
    WHERE a.n IS DISTINCT FROM b.n OR a.total IS DISTINCT FROM b.total
  )
  SELECT * FROM case_diff
  UNION ALL
  SELECT * FROM month_diff
  ORDER BY 1, 3, 4, 5, 6, 2
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_figures_differences(uuid) FROM PUBLIC;
--> statement-breakpoint

-- Who reads the month figures: the own team in team scope, the municipality
-- in municipality scope (controller, researcher). No writes but through the
-- triggers above (they run as the owner). The per-case facts: no app_user access.
GRANT SELECT ON casework_month_figures TO app_user;
--> statement-breakpoint
ALTER TABLE casework_month_figures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY casework_month_figures_team_read ON casework_month_figures FOR SELECT
  USING ((select app_scope()) = 'team' AND team_id = (select app_tenant()) AND (select app_team_role()) IN ('coordinator', 'member'));
--> statement-breakpoint
CREATE POLICY casework_month_figures_municipality_read ON casework_month_figures FOR SELECT
  USING ((select app_scope()) = 'municipality' AND municipality_id = (select app_municipality()));
--> statement-breakpoint
ALTER TABLE casework_case_facts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON casework_case_facts FROM app_user;
--> statement-breakpoint
-- Existing registrations: the summaries start complete.
SELECT casework_figures_rebuild(NULL);
