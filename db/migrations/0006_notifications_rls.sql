-- Notifications are written by whoever takes a step (team or controller) for
-- the people who must act next, in their municipality; each user reads and
-- marks only their own.
GRANT SELECT, INSERT ON notifications TO app_user;
--> statement-breakpoint
GRANT UPDATE (read_at) ON notifications TO app_user;
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notifications_insert ON notifications FOR INSERT WITH CHECK (municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY notifications_own_read ON notifications FOR SELECT USING (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY notifications_own_update ON notifications FOR UPDATE USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
-- Who must act next on a request (coordinators of a team, the controllers):
-- a team scope cannot read role rows, so this narrow lookup runs as the
-- owner and answers only for the caller's own municipality.
CREATE OR REPLACE FUNCTION workflow_recipients(p_role text, p_team uuid)
RETURNS TABLE (id uuid, email text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.email, u.name FROM users u
  WHERE u.is_active AND u.municipality_id = app_municipality() AND (
    (p_role IN ('coordinator', 'member') AND EXISTS (
      SELECT 1 FROM team_memberships m WHERE m.user_id = u.id AND m.team_id = p_team AND m.role::text = p_role))
    OR (p_role IN ('controller', 'admin') AND EXISTS (
      SELECT 1 FROM scope_roles r WHERE r.user_id = u.id AND r.municipality_id = app_municipality() AND r.role::text = p_role)))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION workflow_recipients(text, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION workflow_recipients(text, uuid) TO app_user;
