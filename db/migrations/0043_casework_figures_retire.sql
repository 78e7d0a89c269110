-- Deleted cases leave no per-case row (docs/figures.md, ADR 0016). Until now
-- a deleted case's casework_case_facts row (its counts per category, keyed by
-- its case id) stayed so that the figures of a past year would not shrink.
-- After an erasure nothing per case may outlive the file: when a case is
-- deleted its contributions are folded into casework_retired_figures — sums
-- per team × month × metric × key, no case id — and its facts row removed.
-- The month figures stay as they were; the rebuild and the check count the
-- retired sums instead of stored facts of deleted cases.

-- Folds the facts of cases that no longer exist into the retired sums.
-- p_cases NULL: every orphaned facts row (of p_municipality, or all).
CREATE OR REPLACE FUNCTION casework_retire_facts(p_cases uuid[], p_municipality uuid DEFAULT NULL) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  WITH gone AS (
    DELETE FROM casework_case_facts f
    WHERE (CASE WHEN p_cases IS NULL THEN p_municipality IS NULL OR f.municipality_id = p_municipality ELSE f.case_id = ANY (p_cases) END)
      AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = f.case_id)
    RETURNING f.municipality_id, f.team_id, f.month, f.contributions
  ),
  parts AS (
    SELECT g.municipality_id, g.team_id, g.month, e ->> 0 AS metric, e ->> 1 AS key,
           sum((e ->> 2)::bigint)::bigint AS n, sum((e ->> 3)::bigint)::bigint AS total
    FROM gone g CROSS JOIN LATERAL jsonb_array_elements(g.contributions) e
    GROUP BY 1, 2, 3, 4, 5
  )
  INSERT INTO casework_retired_figures AS r (municipality_id, team_id, month, metric, key, n, total)
  SELECT parts.municipality_id, parts.team_id, parts.month, parts.metric, parts.key, parts.n, parts.total
  FROM parts ORDER BY parts.team_id, parts.month, parts.metric, parts.key
  ON CONFLICT (team_id, month, metric, key) DO UPDATE SET n = r.n + excluded.n, total = r.total + excluded.total;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_retire_facts(uuid[], uuid) FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casework_cases_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM casework_retire_facts(ARRAY(SELECT o.id FROM old_rows o));
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_cases_deleted() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER cases_figures_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_cases_deleted();
--> statement-breakpoint
ALTER TABLE casework_retired_figures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON casework_retired_figures FROM app_user;
--> statement-breakpoint

-- The rebuild: orphaned facts retired first; month figures = existing cases'
-- facts + the retired sums + the contacts.
CREATE OR REPLACE FUNCTION casework_figures_rebuild(p_municipality uuid DEFAULT NULL) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM casework_retire_facts(NULL, p_municipality);

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
    SELECT r.municipality_id, r.team_id, r.month, r.metric, r.key, r.n, r.total
    FROM casework_retired_figures r WHERE p_municipality IS NULL OR r.municipality_id = p_municipality
    UNION ALL
    SELECT k.municipality_id, k.team_id, date_trunc('month', k.occurred_on)::date, k.kind, '', 1, 0
    FROM casework_contacts k WHERE p_municipality IS NULL OR k.municipality_id = p_municipality
  ) s
  GROUP BY s.municipality_id, s.team_id, s.month, s.metric, s.key
  HAVING sum(s.n) <> 0 OR sum(s.total) <> 0;
END
$$;
--> statement-breakpoint

-- The check: a facts row must belong to an existing case and equal its rows
-- (kind 'case'; an orphan shows with expected 0); a month figure must equal
-- the existing cases' recomputed contributions + the retired sums + the
-- contacts (kind 'month').
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
  case_diff AS (
    SELECT 'case'::text AS kind, coalesce(a.case_id, b.case_id) AS case_id, coalesce(a.team_id, b.team_id) AS team_id,
           coalesce(a.month, b.month) AS month, coalesce(a.metric, b.metric) AS metric, coalesce(a.key, b.key) AS key,
           coalesce(a.n, 0) AS expected_n, coalesce(b.n, 0) AS actual_n, coalesce(a.total, 0) AS expected_total, coalesce(b.total, 0) AS actual_total
    FROM fresh a
    FULL JOIN stored b
      ON a.case_id = b.case_id AND a.team_id = b.team_id AND a.month = b.month AND a.metric = b.metric AND a.key = b.key
    WHERE a.n IS DISTINCT FROM b.n OR a.total IS DISTINCT FROM b.total
  ),
  expected AS (
    SELECT s.municipality_id, s.team_id, s.month, s.metric, s.key, sum(s.n)::bigint AS n, sum(s.total)::bigint AS total
    FROM (
      SELECT fresh.municipality_id, fresh.team_id, fresh.month, fresh.metric, fresh.key, fresh.n, fresh.total FROM fresh
      UNION ALL
      SELECT r.municipality_id, r.team_id, r.month, r.metric, r.key, r.n, r.total
      FROM casework_retired_figures r WHERE p_municipality IS NULL OR r.municipality_id = p_municipality
      UNION ALL
      SELECT k.municipality_id, k.team_id, date_trunc('month', k.occurred_on)::date, k.kind, '', 1, 0
      FROM casework_contacts k WHERE p_municipality IS NULL OR k.municipality_id = p_municipality
    ) s
    GROUP BY s.municipality_id, s.team_id, s.month, s.metric, s.key
    HAVING sum(s.n) <> 0 OR sum(s.total) <> 0
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
-- Facts rows of cases deleted before this migration: retired now.
SELECT casework_retire_facts(NULL, NULL);
