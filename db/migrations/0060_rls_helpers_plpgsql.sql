-- The scope's role getters that row-level security policies call once per statement (as InitPlans) were SQL
-- functions with SECURITY DEFINER: PostgreSQL cannot inline those, and plans an SQL function's body again on every
-- call — ≈ 0,5 ms per statement of every team-scoped read for app_team_role() alone (20 policies call it), more than
-- the read itself for a team's figures (docs/benchmarks.md, session 13). As PL/pgSQL the body's plan is kept for the
-- session: ≈ 0,04 ms. Same bodies, same rules; LIMIT 1 keeps the SQL function's "first row" for app_team_role.
CREATE OR REPLACE FUNCTION app_team_role() RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN (SELECT m.role::text FROM active_team_memberships m
          WHERE m.team_id = app_tenant() AND m.user_id = app_user_id() AND app_scope() = 'team' LIMIT 1);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_holds_scope_role(p_role text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM scope_roles r JOIN users u ON u.id = r.user_id
    WHERE r.user_id = app_user_id() AND r.municipality_id = app_municipality() AND r.role::text = p_role AND u.is_active
  );
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_admin_municipalities() RETURNS uuid[]
LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(DISTINCT m), '{}'::uuid[]) FROM (
    SELECT r.municipality_id AS m FROM scope_roles r WHERE r.user_id = app_user_id() AND r.role = 'admin'
    UNION ALL
    SELECT a.municipality_id FROM admin_municipalities a
    WHERE a.user_id = app_user_id() AND EXISTS (SELECT 1 FROM scope_roles r WHERE r.user_id = app_user_id() AND r.role = 'admin')
  ) x);
END
$$;
