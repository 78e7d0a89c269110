-- The functional admin ends the sessions of a user they deactivate, in the
-- same transaction as the deactivation. Only within their municipality.
GRANT SELECT (id, user_id), DELETE ON sessions TO app_user;
--> statement-breakpoint
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sessions_admin ON sessions
  USING (app_scope() = 'admin' AND user_id IN (SELECT u.id FROM users u WHERE u.municipality_id = app_municipality()));
--> statement-breakpoint
-- The admin's user page shows the failed-login counter next to the lockout.
GRANT SELECT (failed_login_count) ON users TO app_user;
