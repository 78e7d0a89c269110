-- Who is told about a workbudget step, in one call (docs/benchmarks.md).
-- The same people as workflow_recipients() (0006): the author while still an
-- active member or coordinator of the team, the team's active coordinators,
-- the municipality's active controllers — for the municipality in
-- app.municipality_id only. One plpgsql function (its plans are cached per
-- session) instead of up to four calls of the SQL function, which as a
-- SECURITY DEFINER function is never inlined and was planned on every call:
-- that cost ≈ 2 ms of the database's time per approval.
CREATE OR REPLACE FUNCTION step_recipients(p_team uuid, p_author uuid, p_audiences text[])
RETURNS TABLE (audience text, id uuid, email text, name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY
    SELECT 'author'::text, u.id, u.email, u.name FROM users u
    WHERE 'author' = ANY (p_audiences) AND u.id = p_author AND u.is_active AND u.municipality_id = app_municipality()
      AND EXISTS (SELECT 1 FROM team_memberships m WHERE m.user_id = u.id AND m.team_id = p_team AND m.role IN ('member', 'coordinator'))
    UNION ALL
    SELECT 'coordinators'::text, u.id, u.email, u.name FROM team_memberships m JOIN users u ON u.id = m.user_id
    WHERE 'coordinators' = ANY (p_audiences) AND m.team_id = p_team AND m.role = 'coordinator'
      AND u.is_active AND u.municipality_id = app_municipality()
    UNION ALL
    SELECT 'controllers'::text, u.id, u.email, u.name FROM scope_roles r JOIN users u ON u.id = r.user_id
    WHERE 'controllers' = ANY (p_audiences) AND r.municipality_id = app_municipality() AND r.role = 'controller'
      AND u.is_active AND u.municipality_id = app_municipality();
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION step_recipients(uuid, uuid, text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION step_recipients(uuid, uuid, text[]) TO app_user;
