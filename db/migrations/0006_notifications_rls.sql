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
