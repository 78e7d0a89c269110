-- Roles, grants, row-level security and the audit chain.
-- The application connects as the schema owner and runs every tenant query
-- inside a transaction that does SET LOCAL ROLE app_user, so the policies
-- below apply (owners and superusers bypass RLS).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN
    CREATE ROLE app_user NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  -- The owner must be able to switch to app_user (a no-op for superusers).
  EXECUTE format('GRANT app_user TO %I', current_user);
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO app_user;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_tenant() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_municipality() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.municipality_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_scope() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('app.scope', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_partner() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.partner_id', true), '')::uuid $$;
--> statement-breakpoint

-- Reference data of the municipality: readable by app_user, written by the admin scope.
GRANT SELECT ON municipalities, municipality_settings, teams, buurten, partner_organisations TO app_user;
--> statement-breakpoint
GRANT INSERT, UPDATE ON municipality_settings, teams, buurten, partner_organisations TO app_user;
--> statement-breakpoint
-- Professionals' profile (never password hashes or MFA secrets).
GRANT SELECT (id, municipality_id, email, name, partner_organisation_id, discipline, is_active, created_at, totp_enabled_at, locked_until) ON users TO app_user;
--> statement-breakpoint
GRANT UPDATE (name, partner_organisation_id, discipline, is_active, failed_login_count, locked_until) ON users TO app_user;
--> statement-breakpoint

-- Tenant-owned tables.
GRANT SELECT, INSERT, UPDATE, DELETE ON team_memberships, buurt_assignments TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON invitations TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON scope_roles TO app_user;
--> statement-breakpoint
GRANT DELETE ON scope_roles TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT ON outbox_emails TO app_user;
--> statement-breakpoint
GRANT SELECT ON audit_events TO app_user;
--> statement-breakpoint

ALTER TABLE team_memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE buurt_assignments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE scope_roles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outbox_emails ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint

-- A team's own rows: the tenant set for this transaction.
CREATE POLICY team_memberships_tenant ON team_memberships
  USING (team_id = app_tenant()) WITH CHECK (team_id = app_tenant());
--> statement-breakpoint
CREATE POLICY buurt_assignments_tenant ON buurt_assignments
  USING (team_id = app_tenant()) WITH CHECK (team_id = app_tenant());
--> statement-breakpoint
CREATE POLICY invitations_tenant ON invitations
  USING (team_id = app_tenant()) WITH CHECK (team_id = app_tenant());
--> statement-breakpoint

-- The functional admin manages the whole municipality.
CREATE POLICY team_memberships_admin ON team_memberships
  USING (app_scope() = 'admin' AND municipality_id = app_municipality())
  WITH CHECK (app_scope() = 'admin' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY buurt_assignments_admin ON buurt_assignments
  USING (app_scope() = 'admin' AND municipality_id = app_municipality())
  WITH CHECK (app_scope() = 'admin' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY invitations_admin ON invitations
  USING (app_scope() = 'admin' AND municipality_id = app_municipality())
  WITH CHECK (app_scope() = 'admin' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY scope_roles_admin ON scope_roles
  USING (app_scope() = 'admin' AND municipality_id = app_municipality())
  WITH CHECK (app_scope() = 'admin' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY audit_events_admin_read ON audit_events FOR SELECT
  USING (app_scope() = 'admin' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY outbox_admin_read ON outbox_emails FOR SELECT
  USING (app_scope() = 'admin' AND municipality_id = app_municipality());
--> statement-breakpoint
-- Any scope may queue mail for its own municipality (invitations sent by a coordinator).
CREATE POLICY outbox_insert ON outbox_emails FOR INSERT
  WITH CHECK (municipality_id = app_municipality());
--> statement-breakpoint

-- Municipality-wide and partner views read the buurt map (no personal data).
CREATE POLICY buurt_assignments_municipality_read ON buurt_assignments FOR SELECT
  USING (app_scope() IN ('municipality', 'partner') AND municipality_id = app_municipality());
--> statement-breakpoint
-- Partner managers see where their own staff are placed, nothing else of the team.
CREATE POLICY team_memberships_partner_read ON team_memberships FOR SELECT
  USING (app_scope() = 'partner' AND municipality_id = app_municipality()
         AND user_id IN (SELECT u.id FROM users u WHERE u.partner_organisation_id = app_partner()));
--> statement-breakpoint

-- The audit chain. Canonical payload = jsonb text (deterministic key order).
CREATE OR REPLACE FUNCTION audit_canonical(
  p_municipality_id uuid, p_team_id uuid, p_actor_user_id uuid, p_actor jsonb, p_action text,
  p_object_type text, p_object_id text, p_result text, p_ip text, p_data jsonb, p_occurred_at timestamptz
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'municipality_id', p_municipality_id, 'team_id', p_team_id, 'actor_user_id', p_actor_user_id,
    'actor', p_actor, 'action', p_action, 'object_type', p_object_type, 'object_id', p_object_id,
    'result', p_result, 'ip', p_ip, 'data', p_data,
    'occurred_at', to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_append(
  p_municipality_id uuid, p_team_id uuid, p_actor_user_id uuid, p_actor jsonb, p_action text,
  p_object_type text, p_object_id text, p_result text, p_ip text, p_data jsonb
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_prev text;
  v_at timestamptz := date_trunc('milliseconds', clock_timestamp());
  v_seq bigint;
BEGIN
  -- One writer per municipality chain at a time, until this transaction ends.
  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || p_municipality_id::text, 0));
  SELECT hash INTO v_prev FROM audit_events WHERE municipality_id = p_municipality_id ORDER BY seq DESC LIMIT 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  INSERT INTO audit_events (municipality_id, team_id, actor_user_id, actor, action, object_type, object_id,
                            result, ip, data, occurred_at, prev_hash, hash)
  VALUES (p_municipality_id, p_team_id, p_actor_user_id, p_actor, p_action, p_object_type, p_object_id,
          p_result, p_ip, coalesce(p_data, '{}'::jsonb), v_at, v_prev,
          encode(sha256(convert_to(v_prev || audit_canonical(p_municipality_id, p_team_id, p_actor_user_id, p_actor,
            p_action, p_object_type, p_object_id, p_result, p_ip, coalesce(p_data, '{}'::jsonb), v_at), 'UTF8')), 'hex'))
  RETURNING seq INTO v_seq;
  RETURN v_seq;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_append(uuid, uuid, uuid, jsonb, text, text, text, text, text, jsonb) TO app_user;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_forbid_change();
--> statement-breakpoint
GRANT USAGE ON SEQUENCE audit_events_seq_seq TO app_user;
