-- The business case (docs/business-case.md): team costs and the avoided
-- costs recorded at closing, with their row-level security, and the one
-- aggregate through which the business case reads avoided costs.
--
-- Does the signed-in user hold this scope role in their municipality? The
-- municipality scope is shared by the controller and the research office;
-- only the controller writes team costs. SECURITY DEFINER: app_user reads no
-- scope_roles of others.
CREATE OR REPLACE FUNCTION app_holds_scope_role(p_role text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM scope_roles r JOIN users u ON u.id = r.user_id
    WHERE r.user_id = app_user_id() AND r.municipality_id = app_municipality() AND r.role::text = p_role AND u.is_active
  )
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_holds_scope_role(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_holds_scope_role(text) TO app_user;
--> statement-breakpoint

-- Team costs: the municipality scope (controller, research office) reads every
-- team's; a team's coordinator reads their own team's; only the controller writes.
GRANT SELECT, INSERT, DELETE ON team_cost_lines TO app_user;
--> statement-breakpoint
ALTER TABLE team_cost_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY team_cost_lines_read ON team_cost_lines FOR SELECT
  USING (municipality_id = (select app_municipality())
    AND ((select app_scope()) = 'municipality'
      OR ((select app_scope()) = 'team' AND team_id = (select app_tenant()) AND (select app_team_role()) = 'coordinator')));
--> statement-breakpoint
CREATE POLICY team_cost_lines_insert ON team_cost_lines FOR INSERT
  WITH CHECK (municipality_id = (select app_municipality()) AND (select app_scope()) = 'municipality'
    AND (select app_holds_scope_role('controller')) AND updated_by = (select app_user_id()));
--> statement-breakpoint
CREATE POLICY team_cost_lines_delete ON team_cost_lines FOR DELETE
  USING (municipality_id = (select app_municipality()) AND (select app_scope()) = 'municipality'
    AND (select app_holds_scope_role('controller')));
--> statement-breakpoint

-- Avoided costs are case content: like every content table (0033), readable
-- and writable only with a right to the household.
GRANT SELECT, INSERT, DELETE ON case_avoided_costs TO app_user;
--> statement-breakpoint
ALTER TABLE case_avoided_costs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_avoided_costs_case_read ON case_avoided_costs FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_avoided_costs_case_delete ON case_avoided_costs FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_avoided_costs_case_insert ON case_avoided_costs FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality())
    AND case_access(household_id) IS NOT NULL AND created_by = (select app_user_id()));
--> statement-breakpoint

-- The business case's only view of avoided costs: sums per team × norm over
-- the cases closed in [p_from, p_to], never a household. The municipality
-- scope gets every team of its municipality without the number of cases (a
-- count outside the team; amounts are not counts); a team's coordinator gets
-- their own team with it. Anyone else gets nothing. Computed from the rows on
-- every call rather than kept in a summary table by trigger: closings are few
-- (thousands a year per city, indexed by team and day), and the rows also
-- disappear by cascade (retention purge, erasure), which a summary would have
-- to follow; see docs/business-case.md.
CREATE OR REPLACE FUNCTION business_case_avoided_costs(p_from date, p_to date)
RETURNS TABLE (team_id uuid, norm_id uuid, prevented bigint, amount_cents bigint, cases bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.team_id, a.norm_id, sum(a.count)::bigint, sum(a.count * a.unit_amount_cents)::bigint,
    CASE WHEN app_scope() = 'team' THEN count(DISTINCT a.case_id) END
  FROM case_avoided_costs a
  WHERE a.municipality_id = app_municipality() AND a.closed_on BETWEEN p_from AND p_to
    AND (app_scope() = 'municipality'
      OR (app_scope() = 'team' AND a.team_id = app_tenant() AND app_team_role() = 'coordinator'))
  GROUP BY a.team_id, a.norm_id
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION business_case_avoided_costs(date, date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION business_case_avoided_costs(date, date) TO app_user;
