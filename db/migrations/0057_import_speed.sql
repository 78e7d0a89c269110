-- A history import of 20.000 households took ≈ 440 s after 0056 against
-- 100–200 s before (docs/casework-import.md). Two causes, measured as the
-- database's CPU time for 5.000 households: 6,9 s before 0056, 18,3 s after,
-- 7,5 s with this migration.
--
-- The casework summaries' refresh runs once per statement that touches
-- casework (a history import: once per chunk of ≈ 3.000 rows). Its estimates
-- (jsonb_array_elements, transition tables) are far too high, which switched
-- on JIT compilation: ≈ 0,5–1 s per statement for a query that runs in tens
-- of milliseconds. JIT never pays off here.
ALTER FUNCTION casework_refresh_cases(uuid[]) SET jit = off;--> statement-breakpoint
ALTER FUNCTION casework_figures_after() SET jit = off;--> statement-breakpoint

-- Since 0056 a household's key is (id, municipality_id): "id = $1" alone no
-- longer promises one row, and on a table whose statistics lag (a history
-- import fills it inside one transaction) the planner ANDed the team's whole
-- index into every per-row check. Naming the municipality makes the lookup
-- unique again. Otherwise as in 0055.
CREATE OR REPLACE FUNCTION case_access(p_household uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND (c.regisseur_id = app_user_id() OR c.created_by = app_user_id()))
      OR EXISTS (SELECT 1 FROM case_involved i WHERE i.household_id = h.id AND i.user_id = app_user_id()) THEN 'case_team'
    WHEN m.role = 'coordinator' THEN 'coordinator'
    WHEN EXISTS (SELECT 1 FROM case_access_grants g WHERE g.household_id = h.id AND g.user_id = app_user_id() AND g.expires_at > now()) THEN 'break_glass'
  END
  FROM households h
  JOIN active_team_memberships m ON m.team_id = h.team_id AND m.user_id = app_user_id() AND m.role IN ('coordinator', 'member')
  WHERE h.id = p_household AND h.municipality_id = app_municipality() AND h.team_id = app_tenant() AND app_scope() = 'team'
$$;
