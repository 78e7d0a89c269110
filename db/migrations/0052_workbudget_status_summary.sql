CREATE TABLE "workbudget_status_summary" (
	"municipality_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"month" date NOT NULL,
	"status" "spend_status" NOT NULL,
	"merged" boolean DEFAULT false NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"amount_cents" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "workbudget_status_summary_team" ON "workbudget_status_summary" USING btree ("municipality_id","team_id","budget_id");--> statement-breakpoint
-- The team's "Totalen per status" from a summary (issue 16; ADR 0017): per budget × team × month of creation × status,
-- how many requests and their amounts requested. Kept by the workbudget summary's own triggers in the same statement
-- as the change — workbudget_summary_append() (every spend, posting and transition trigger calls it with the
-- requests' old and new rows) now also appends the status deltas; a posting's or transition's −1/+1 pair has the same
-- status and amount, so it cancels out and adds no row. Delta rows merged by workbudget_summary_merge(), recomputed
-- from the rows by ledger:check (workbudget_status_summary_from_rows). RLS as workbudget_summary.
CREATE UNIQUE INDEX workbudget_status_summary_merged_key ON workbudget_status_summary (municipality_id, budget_id, team_id, month, status) WHERE merged;
--> statement-breakpoint
CREATE INDEX workbudget_status_summary_deltas ON workbudget_status_summary (municipality_id) WHERE NOT merged;
--> statement-breakpoint
CREATE VIEW workbudget_status_summary_from_rows WITH (security_invoker = true) AS
SELECT s.municipality_id, s.budget_id, s.team_id, workbudget_month(s.created_at) AS month, s.status,
       count(*)::int AS requests, sum(s.amount_cents)::bigint AS amount_cents
FROM spend_requests s
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workbudget_summary_append(changes workbudget_change[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO workbudget_summary (municipality_id, budget_id, team_id, month, norm_id, life_domain, requests, requested_cents, approved, waiting,
                                  settled, evaluated, reserved_cents, paid_cents, approved_committed_cents, expected_return_cents,
                                  evaluated_cost_cents, realised_return_cents, alternatives, alternatives_cost_cents,
                                  alternatives_regulation_cents, alternatives_days_gained)
  SELECT c.municipality_id, c.budget_id, c.team_id, workbudget_month(c.created_at), f.norm_id, f.life_domain,
         sum(c.sign * f.requests), sum(c.sign * f.requested_cents), sum(c.sign * f.approved), sum(c.sign * f.waiting),
         sum(c.sign * f.settled), sum(c.sign * f.evaluated), sum(c.sign * f.reserved_cents), sum(c.sign * f.paid_cents),
         sum(c.sign * f.approved_committed_cents), sum(c.sign * f.expected_return_cents), sum(c.sign * f.evaluated_cost_cents),
         sum(c.sign * f.realised_return_cents), sum(c.sign * f.alternatives), sum(c.sign * f.alternatives_cost_cents),
         sum(c.sign * f.alternatives_regulation_cents), sum(c.sign * f.alternatives_days_gained)
  FROM unnest(changes) AS c
  CROSS JOIN LATERAL workbudget_request_figures(c.status, c.amount_cents, c.norm_id, c.life_domains, c.expected_return_cents, c.evaluation, c.reserved, c.paid,
                                                c.workbudget_days) f
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(c.sign * f.requests) <> 0 OR sum(c.sign * f.requested_cents) <> 0 OR sum(c.sign * f.approved) <> 0 OR sum(c.sign * f.waiting) <> 0
      OR sum(c.sign * f.settled) <> 0 OR sum(c.sign * f.evaluated) <> 0 OR sum(c.sign * f.reserved_cents) <> 0 OR sum(c.sign * f.paid_cents) <> 0
      OR sum(c.sign * f.approved_committed_cents) <> 0 OR sum(c.sign * f.expected_return_cents) <> 0
      OR sum(c.sign * f.evaluated_cost_cents) <> 0 OR sum(c.sign * f.realised_return_cents) <> 0
      OR sum(c.sign * f.alternatives) <> 0 OR sum(c.sign * f.alternatives_cost_cents) <> 0
      OR sum(c.sign * f.alternatives_regulation_cents) <> 0 OR sum(c.sign * f.alternatives_days_gained) <> 0;
  -- Per status: the request itself, whatever its status (drafts and cancelled ones too; the page says which count).
  INSERT INTO workbudget_status_summary (municipality_id, budget_id, team_id, month, status, requests, amount_cents)
  SELECT c.municipality_id, c.budget_id, c.team_id, workbudget_month(c.created_at), c.status, sum(c.sign), sum(c.sign * c.amount_cents)
  FROM unnest(changes) AS c
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount_cents) <> 0;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION workbudget_summary_append(workbudget_change[]) FROM PUBLIC;
--> statement-breakpoint
-- The merge (as 0047) folds the status summary's deltas too.
CREATE OR REPLACE FUNCTION workbudget_summary_merge() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  m uuid := app_municipality();
BEGIN
  IF m IS NULL THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM workbudget_summary WHERE municipality_id = m AND NOT merged)
     AND NOT EXISTS (SELECT 1 FROM ledger_month_summary WHERE municipality_id = m AND NOT merged)
     AND NOT EXISTS (SELECT 1 FROM workbudget_status_summary WHERE municipality_id = m AND NOT merged) THEN
    RETURN;
  END IF;
  IF NOT pg_try_advisory_xact_lock(hashtext('workbudget_summary_merge'), hashtext(m::text)) THEN RETURN; END IF;
  WITH d AS (DELETE FROM workbudget_summary WHERE municipality_id = m AND NOT merged RETURNING *)
  INSERT INTO workbudget_summary AS t (municipality_id, budget_id, team_id, month, norm_id, life_domain, merged, requests, requested_cents, approved,
                                       waiting, settled, evaluated, reserved_cents, paid_cents, approved_committed_cents, expected_return_cents,
                                       evaluated_cost_cents, realised_return_cents, alternatives, alternatives_cost_cents,
                                       alternatives_regulation_cents, alternatives_days_gained)
  SELECT municipality_id, budget_id, team_id, month, norm_id, life_domain, true, sum(requests), sum(requested_cents), sum(approved),
         sum(waiting), sum(settled), sum(evaluated), sum(reserved_cents), sum(paid_cents), sum(approved_committed_cents), sum(expected_return_cents),
         sum(evaluated_cost_cents), sum(realised_return_cents), sum(alternatives), sum(alternatives_cost_cents),
         sum(alternatives_regulation_cents), sum(alternatives_days_gained)
  FROM d GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (budget_id, team_id, month, norm_id, life_domain) WHERE merged DO UPDATE SET
    requests = t.requests + excluded.requests, requested_cents = t.requested_cents + excluded.requested_cents,
    approved = t.approved + excluded.approved, waiting = t.waiting + excluded.waiting, settled = t.settled + excluded.settled,
    evaluated = t.evaluated + excluded.evaluated, reserved_cents = t.reserved_cents + excluded.reserved_cents,
    paid_cents = t.paid_cents + excluded.paid_cents, approved_committed_cents = t.approved_committed_cents + excluded.approved_committed_cents,
    expected_return_cents = t.expected_return_cents + excluded.expected_return_cents,
    evaluated_cost_cents = t.evaluated_cost_cents + excluded.evaluated_cost_cents,
    realised_return_cents = t.realised_return_cents + excluded.realised_return_cents,
    alternatives = t.alternatives + excluded.alternatives,
    alternatives_cost_cents = t.alternatives_cost_cents + excluded.alternatives_cost_cents,
    alternatives_regulation_cents = t.alternatives_regulation_cents + excluded.alternatives_regulation_cents,
    alternatives_days_gained = t.alternatives_days_gained + excluded.alternatives_days_gained;
  WITH d AS (DELETE FROM ledger_month_summary WHERE municipality_id = m AND NOT merged RETURNING *)
  INSERT INTO ledger_month_summary AS t (municipality_id, budget_id, team_id, month, allocate, merged, funding_cents, available_cents, reserved_cents, paid_cents)
  SELECT municipality_id, budget_id, team_id, month, allocate, true, sum(funding_cents), sum(available_cents), sum(reserved_cents), sum(paid_cents)
  FROM d GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (budget_id, team_id, month, allocate) WHERE merged DO UPDATE SET
    funding_cents = t.funding_cents + excluded.funding_cents, available_cents = t.available_cents + excluded.available_cents,
    reserved_cents = t.reserved_cents + excluded.reserved_cents, paid_cents = t.paid_cents + excluded.paid_cents;
  WITH d AS (DELETE FROM workbudget_status_summary WHERE municipality_id = m AND NOT merged RETURNING *)
  INSERT INTO workbudget_status_summary AS t (municipality_id, budget_id, team_id, month, status, merged, requests, amount_cents)
  SELECT municipality_id, budget_id, team_id, month, status, true, sum(requests), sum(amount_cents)
  FROM d GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (municipality_id, budget_id, team_id, month, status) WHERE merged DO UPDATE SET
    requests = t.requests + excluded.requests, amount_cents = t.amount_cents + excluded.amount_cents;
END
$$;
--> statement-breakpoint
-- The existing requests, merged.
INSERT INTO workbudget_status_summary (municipality_id, budget_id, team_id, month, status, merged, requests, amount_cents)
SELECT municipality_id, budget_id, team_id, month, status, true, requests, amount_cents FROM workbudget_status_summary_from_rows;
--> statement-breakpoint
GRANT SELECT ON workbudget_status_summary, workbudget_status_summary_from_rows TO app_user;
--> statement-breakpoint
ALTER TABLE workbudget_status_summary ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workbudget_status_summary_tenant ON workbudget_status_summary FOR SELECT USING (team_id = (SELECT app_tenant()));
--> statement-breakpoint
CREATE POLICY workbudget_status_summary_municipality ON workbudget_status_summary FOR SELECT
  USING ((SELECT app_scope()) = 'municipality' AND municipality_id = (SELECT app_municipality()));
