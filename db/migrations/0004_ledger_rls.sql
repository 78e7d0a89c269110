-- The workbudget: grants, row-level security, and the ledger's own walls.
-- Teams see and write their own spend requests; the municipality scope (the
-- budget controller) sees every team's and moves money. Postings are
-- append-only and every posting group must sum to zero at commit.
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
GRANT SELECT, INSERT ON budgets, return_norms TO app_user;
--> statement-breakpoint
GRANT UPDATE (name, approval_threshold_cents, evaluation_after_months, funded_cents, available_cents, reserved_cents, paid_cents) ON budgets TO app_user;
--> statement-breakpoint
GRANT UPDATE (label, amount_cents, unit, source, is_local_estimate, active) ON return_norms TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON spend_requests TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT ON spend_transitions, ledger_postings, idempotency_keys TO app_user;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE spend_requests_number_seq, spend_transitions_id_seq, ledger_postings_id_seq TO app_user;
--> statement-breakpoint
ALTER TABLE budgets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE return_norms ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE spend_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE spend_transitions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ledger_postings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint

-- Budgets and norms: no personal data; everyone in the municipality reads
-- them. Balances change with every money move (also a team cancelling an
-- approved request); creating budgets and norms is for the municipality scope.
CREATE POLICY budgets_read ON budgets FOR SELECT USING (municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY budgets_update ON budgets FOR UPDATE
  USING (municipality_id = app_municipality()) WITH CHECK (municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY budgets_insert ON budgets FOR INSERT
  WITH CHECK (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY return_norms_read ON return_norms FOR SELECT USING (municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY return_norms_write ON return_norms FOR INSERT
  WITH CHECK (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY return_norms_update ON return_norms FOR UPDATE
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint

-- Spend requests, their timelines and postings: the team's own rows ...
CREATE POLICY spend_requests_tenant ON spend_requests
  USING (team_id = app_tenant()) WITH CHECK (team_id = app_tenant());
--> statement-breakpoint
CREATE POLICY spend_transitions_tenant ON spend_transitions
  USING (team_id = app_tenant()) WITH CHECK (team_id = app_tenant());
--> statement-breakpoint
CREATE POLICY ledger_postings_tenant_read ON ledger_postings FOR SELECT USING (team_id = app_tenant());
--> statement-breakpoint
CREATE POLICY ledger_postings_tenant_insert ON ledger_postings FOR INSERT WITH CHECK (team_id = app_tenant());
--> statement-breakpoint
-- ... and the whole municipality for the controller (no residents' identities are stored here).
CREATE POLICY spend_requests_municipality_read ON spend_requests FOR SELECT
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY spend_requests_municipality_update ON spend_requests FOR UPDATE
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality())
  WITH CHECK (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY spend_transitions_municipality ON spend_transitions
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality())
  WITH CHECK (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY ledger_postings_municipality ON ledger_postings
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality())
  WITH CHECK (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
-- Idempotency keys belong to the user who sent them.
CREATE POLICY idempotency_keys_own ON idempotency_keys
  USING (municipality_id = app_municipality() AND user_id = app_user_id())
  WITH CHECK (municipality_id = app_municipality() AND user_id = app_user_id());
--> statement-breakpoint

CREATE OR REPLACE FUNCTION ledger_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_postings is append-only: correct with a reversal' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_forbid_change();
--> statement-breakpoint
CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_forbid_change();
--> statement-breakpoint
-- Checked at commit, over the whole group (SECURITY DEFINER: RLS must not hide part of it).
CREATE OR REPLACE FUNCTION ledger_group_balances() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF (SELECT coalesce(sum(amount_cents), 0) FROM ledger_postings WHERE group_id = NEW.group_id) <> 0 THEN
    RAISE EXCEPTION 'ledger posting group % does not sum to zero', NEW.group_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_postings_zero_sum AFTER INSERT ON ledger_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_group_balances();
