-- Notices that are done leave the unread count (issue 17). A notice that asks someone to act on a request
-- (notifications/notify.ts WHO_ACTS_NEXT's action kinds, the evaluation reminders) is handled as soon as the
-- request's status no longer asks for that work, whoever did it: the trigger sets resolved_at in the same
-- transaction as the step. The time registration reminder is handled when the hours of its week and team are
-- registered. Informational notices (approved, rejected, paid, card payments, workgroups) stay until read.

-- The notice kinds a request in this status still asks for.
CREATE OR REPLACE FUNCTION notice_kinds_waiting(status spend_status) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE status
    WHEN 'submitted' THEN ARRAY['endorse', 'approve']
    WHEN 'endorsed' THEN ARRAY['approve']
    WHEN 'awaiting_second_approval' THEN ARRAY['second_approval']
    WHEN 'info_requested' THEN ARRAY['info_requested']
    WHEN 'approved' THEN ARRAY['pay']
    WHEN 'settled' THEN ARRAY['evaluate', 'evaluation_due', 'evaluation_overdue']
    ELSE ARRAY[]::text[]
  END
$$;
--> statement-breakpoint
-- Every kind that asks for work on a request (the others are news, never resolved).
CREATE OR REPLACE FUNCTION notice_action_kinds() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY['endorse', 'approve', 'second_approval', 'info_requested', 'pay', 'evaluate', 'evaluation_due', 'evaluation_overdue']
$$;
--> statement-breakpoint
-- Runs as the owner: the step's actor may not read or update other people's notices (RLS: own rows only).
CREATE OR REPLACE FUNCTION notifications_resolve_for_spend() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE notifications SET resolved_at = now()
   WHERE spend_id = NEW.id AND resolved_at IS NULL
     AND kind = ANY (notice_action_kinds())
     AND NOT (kind = ANY (notice_kinds_waiting(NEW.status)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION notifications_resolve_for_spend() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER spend_requests_resolve_notices AFTER UPDATE OF status ON spend_requests
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION notifications_resolve_for_spend();
--> statement-breakpoint
-- The reminder's link is /t/<team slug>/uren?week=<ISO week> (partners/time-registration.ts).
CREATE OR REPLACE FUNCTION notifications_resolve_for_hours() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE notifications SET resolved_at = now()
   WHERE user_id = NEW.user_id AND kind = 'time_registration_missing' AND resolved_at IS NULL
     AND link = '/t/' || (SELECT slug FROM teams WHERE id = NEW.team_id) || '/uren?week=' || to_char(NEW.week_start, 'IYYY-"W"IW');
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION notifications_resolve_for_hours() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER time_registrations_resolve_notices AFTER INSERT OR UPDATE ON time_registrations
  FOR EACH ROW EXECUTE FUNCTION notifications_resolve_for_hours();
