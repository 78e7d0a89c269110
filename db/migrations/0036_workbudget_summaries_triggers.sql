-- The workbudget's figures from summaries (issue 16, "Scale and speed"; ADR
-- 0017-workbudget-summaries.md). workbudget_summary (per budget × team × month
-- of creation × norm, plus a row per life domain) and ledger_month_summary
-- (per budget × team × month of posting) are kept by statement-level
-- triggers in the same transaction as every change of a request or a new
-- posting. Writers only INSERT delta rows (merged = false): no command waits
-- for another's summary row, so approvals do not serialise on a row hotter
-- than the budget's pots. workbudget_summary_merge() folds the deltas into one
-- merged row per key (the reports call it before they read); a figure is the
-- sum over all rows of its key either way.
--
-- One definition: the status sets below are figures.ts's (APPROVED_STATUSES,
-- WAITING_STATUSES, UNCOUNTED_STATUSES, SETTLED_STATUSES; a test compares them
-- for every status), and workbudget_request_figures() is the one place that
-- says what a request adds to the summary; the triggers, the recomputation in
-- ledger:check and the reports' partial months all use it.
CREATE OR REPLACE FUNCTION workbudget_is_request(s spend_status) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT s NOT IN ('draft', 'cancelled') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workbudget_is_approved(s spend_status) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT s IN ('approved', 'paid', 'settled', 'evaluated') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workbudget_is_waiting(s spend_status) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT s IN ('submitted', 'endorsed', 'awaiting_second_approval') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workbudget_is_settled(s spend_status) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT s IN ('settled', 'evaluated') $$;
--> statement-breakpoint
-- The month of an instant in Amsterdam (first day), as the dashboard's period filter and the burn-down count.
CREATE OR REPLACE FUNCTION workbudget_month(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT date_trunc('month', at AT TIME ZONE 'Europe/Amsterdam')::date $$;
--> statement-breakpoint
-- What one request adds to its budget × team × month: the requests' row (life_domain '') and one row per life domain
-- (approved requests only), given its ledger balances. Linear in the balances, so a posting's delta is
-- f(s, reserved + Δr, paid + Δp) − f(s, reserved, paid) = f(s, Δr, Δp) − f(s, 0, 0).
CREATE OR REPLACE FUNCTION workbudget_request_figures(status spend_status, amount_cents bigint, norm_id uuid, life_domains text[],
                                                      expected_return_cents bigint, evaluation jsonb, reserved bigint, paid bigint)
RETURNS TABLE (norm_id uuid, life_domain text, requests int, requested_cents bigint, approved int, waiting int, settled int, evaluated int,
               reserved_cents bigint, paid_cents bigint, approved_committed_cents bigint, expected_return_cents bigint,
               evaluated_cost_cents bigint, realised_return_cents bigint)
LANGUAGE sql IMMUTABLE AS $$
  SELECT workbudget_request_figures.norm_id, ''::text,
         workbudget_is_request(status)::int,
         CASE WHEN workbudget_is_request(status) THEN amount_cents ELSE 0 END::bigint,
         workbudget_is_approved(status)::int,
         workbudget_is_waiting(status)::int,
         workbudget_is_settled(status)::int,
         (status = 'evaluated')::int,
         reserved, paid,
         CASE WHEN workbudget_is_approved(status) THEN reserved + paid ELSE 0 END::bigint,
         CASE WHEN workbudget_is_approved(status) THEN coalesce(workbudget_request_figures.expected_return_cents, 0) ELSE 0 END::bigint,
         CASE WHEN status = 'evaluated' THEN reserved + paid ELSE 0 END::bigint,
         CASE WHEN status = 'evaluated' THEN coalesce((evaluation->>'realisedReturnCents')::bigint, 0) ELSE 0 END::bigint
  UNION ALL
  SELECT NULL::uuid, d.domain, 0, 0::bigint, 1, 0, 0, 0, 0::bigint, 0::bigint, (reserved + paid)::bigint, 0::bigint, 0::bigint, 0::bigint
  FROM unnest(life_domains) AS d(domain)
  WHERE workbudget_is_approved(status)
$$;
--> statement-breakpoint
-- The summary recomputed from the rows (ledger:check and the tests compare it with the kept summary).
CREATE VIEW workbudget_summary_from_rows WITH (security_invoker = true) AS
SELECT s.municipality_id, s.budget_id, s.team_id, workbudget_month(s.created_at) AS month, f.norm_id, f.life_domain,
       sum(f.requests)::int AS requests, sum(f.requested_cents)::bigint AS requested_cents, sum(f.approved)::int AS approved,
       sum(f.waiting)::int AS waiting, sum(f.settled)::int AS settled, sum(f.evaluated)::int AS evaluated,
       sum(f.reserved_cents)::bigint AS reserved_cents, sum(f.paid_cents)::bigint AS paid_cents,
       sum(f.approved_committed_cents)::bigint AS approved_committed_cents, sum(f.expected_return_cents)::bigint AS expected_return_cents,
       sum(f.evaluated_cost_cents)::bigint AS evaluated_cost_cents, sum(f.realised_return_cents)::bigint AS realised_return_cents
FROM spend_requests s
LEFT JOIN (SELECT p.spend_id,
                  coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'reserved'), 0)::bigint AS reserved,
                  coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'paid'), 0)::bigint AS paid
           FROM ledger_postings p WHERE p.spend_id IS NOT NULL GROUP BY p.spend_id) m ON m.spend_id = s.id
CROSS JOIN LATERAL workbudget_request_figures(s.status, s.amount_cents, s.norm_id, s.life_domains, s.expected_return_cents, s.evaluation,
                                              coalesce(m.reserved, 0), coalesce(m.paid, 0)) f
GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
CREATE VIEW ledger_month_summary_from_rows WITH (security_invoker = true) AS
SELECT p.municipality_id, p.budget_id, p.team_id, workbudget_month(p.created_at) AS month, p.kind = 'allocate' AS allocate,
       coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'funding'), 0)::bigint AS funding_cents,
       coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'available'), 0)::bigint AS available_cents,
       coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'reserved'), 0)::bigint AS reserved_cents,
       coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'paid'), 0)::bigint AS paid_cents
FROM ledger_postings p
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- One signed change of a request's figures: the request's row with its reserved and paid balances, added (+1) or taken out (−1).
CREATE TYPE workbudget_change AS (sign int, municipality_id uuid, budget_id uuid, team_id uuid, created_at timestamptz, status spend_status,
  amount_cents bigint, norm_id uuid, life_domains text[], expected_return_cents bigint, evaluation jsonb, reserved bigint, paid bigint);
--> statement-breakpoint
-- Appends a set of changes as delta rows, one per key and only where something moves.
-- SECURITY DEFINER (as the triggers): RLS must not hide part of a change.
CREATE OR REPLACE FUNCTION workbudget_summary_append(changes workbudget_change[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO workbudget_summary (municipality_id, budget_id, team_id, month, norm_id, life_domain, requests, requested_cents, approved, waiting,
                                  settled, evaluated, reserved_cents, paid_cents, approved_committed_cents, expected_return_cents,
                                  evaluated_cost_cents, realised_return_cents)
  SELECT c.municipality_id, c.budget_id, c.team_id, workbudget_month(c.created_at), f.norm_id, f.life_domain,
         sum(c.sign * f.requests), sum(c.sign * f.requested_cents), sum(c.sign * f.approved), sum(c.sign * f.waiting),
         sum(c.sign * f.settled), sum(c.sign * f.evaluated), sum(c.sign * f.reserved_cents), sum(c.sign * f.paid_cents),
         sum(c.sign * f.approved_committed_cents), sum(c.sign * f.expected_return_cents), sum(c.sign * f.evaluated_cost_cents),
         sum(c.sign * f.realised_return_cents)
  FROM unnest(changes) AS c
  CROSS JOIN LATERAL workbudget_request_figures(c.status, c.amount_cents, c.norm_id, c.life_domains, c.expected_return_cents, c.evaluation, c.reserved, c.paid) f
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(c.sign * f.requests) <> 0 OR sum(c.sign * f.requested_cents) <> 0 OR sum(c.sign * f.approved) <> 0 OR sum(c.sign * f.waiting) <> 0
      OR sum(c.sign * f.settled) <> 0 OR sum(c.sign * f.evaluated) <> 0 OR sum(c.sign * f.reserved_cents) <> 0 OR sum(c.sign * f.paid_cents) <> 0
      OR sum(c.sign * f.approved_committed_cents) <> 0 OR sum(c.sign * f.expected_return_cents) <> 0
      OR sum(c.sign * f.evaluated_cost_cents) <> 0 OR sum(c.sign * f.realised_return_cents) <> 0
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION workbudget_summary_append(workbudget_change[]) FROM PUBLIC;
--> statement-breakpoint
-- A request's balances in the ledger now (inside a trigger: including this statement's postings).
CREATE OR REPLACE FUNCTION workbudget_spend_balances(spend uuid, OUT reserved bigint, OUT paid bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(sum(amount_cents) FILTER (WHERE account = 'reserved'), 0)::bigint, coalesce(sum(amount_cents) FILTER (WHERE account = 'paid'), 0)::bigint
  FROM ledger_postings WHERE spend_id = spend
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION workbudget_spend_balances(uuid) FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workbudget_summary_spend_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM workbudget_summary_append(array_agg(row(1, n.municipality_id, n.budget_id, n.team_id, n.created_at, n.status, n.amount_cents, n.norm_id, n.life_domains,
    n.expected_return_cents, n.evaluation, b.reserved, b.paid)::workbudget_change))
  FROM new_rows n CROSS JOIN LATERAL workbudget_spend_balances(n.id) b HAVING count(*) > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A request's change moves its figures only when one of the columns the figures read changed (not e.g. updated_at or
-- budget_pot): out with the old row, in with the new, both at the request's balances now.
CREATE OR REPLACE FUNCTION workbudget_summary_spend_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM workbudget_summary_append(array_agg(row(x.sign, x.municipality_id, x.budget_id, x.team_id, x.created_at, x.status, x.amount_cents, x.norm_id, x.life_domains,
    x.expected_return_cents, x.evaluation, b.reserved, b.paid)::workbudget_change))
  FROM (
    SELECT c.sign, r.*
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN (VALUES (-1), (1)) AS c(sign)
    CROSS JOIN LATERAL (SELECT o.* WHERE c.sign < 0 UNION ALL SELECT n.* WHERE c.sign > 0) r
    WHERE (o.municipality_id, o.budget_id, o.team_id, o.created_at, o.status, o.norm_id, o.life_domains, o.amount_cents, o.expected_return_cents,
           o.evaluation->'realisedReturnCents')
          IS DISTINCT FROM
          (n.municipality_id, n.budget_id, n.team_id, n.created_at, n.status, n.norm_id, n.life_domains, n.amount_cents, n.expected_return_cents,
           n.evaluation->'realisedReturnCents')
  ) x CROSS JOIN LATERAL workbudget_spend_balances(x.id) b
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workbudget_summary_spend_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM workbudget_summary_append(array_agg(row(-1, o.municipality_id, o.budget_id, o.team_id, o.created_at, o.status, o.amount_cents, o.norm_id, o.life_domains,
    o.expected_return_cents, o.evaluation, b.reserved, b.paid)::workbudget_change))
  FROM old_rows o CROSS JOIN LATERAL workbudget_spend_balances(o.id) b HAVING count(*) > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- New postings: their month's ledger totals, and the money of their requests (with each request's status now).
CREATE OR REPLACE FUNCTION workbudget_summary_postings_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO ledger_month_summary (municipality_id, budget_id, team_id, month, allocate, funding_cents, available_cents, reserved_cents, paid_cents)
  SELECT p.municipality_id, p.budget_id, p.team_id, workbudget_month(p.created_at), p.kind = 'allocate',
         coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'funding'), 0),
         coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'available'), 0),
         coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'reserved'), 0),
         coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'paid'), 0)
  FROM new_rows p GROUP BY 1, 2, 3, 4, 5;
  -- f(s, Δr, Δp) − f(s, 0, 0): the request's money moves, its counts cancel out.
  PERFORM workbudget_summary_append(array_agg(row(c.sign, s.municipality_id, s.budget_id, s.team_id, s.created_at, s.status, s.amount_cents, s.norm_id, s.life_domains,
    s.expected_return_cents, s.evaluation, CASE WHEN c.sign > 0 THEN d.reserved ELSE 0 END, CASE WHEN c.sign > 0 THEN d.paid ELSE 0 END)::workbudget_change))
  FROM (SELECT p.spend_id,
               coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'reserved'), 0)::bigint AS reserved,
               coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'paid'), 0)::bigint AS paid
        FROM new_rows p WHERE p.spend_id IS NOT NULL GROUP BY p.spend_id) d
  JOIN spend_requests s ON s.id = d.spend_id
  CROSS JOIN (VALUES (-1), (1)) AS c(sign)
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER workbudget_summary_spend_insert AFTER INSERT ON spend_requests
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbudget_summary_spend_insert();
--> statement-breakpoint
CREATE TRIGGER workbudget_summary_spend_update AFTER UPDATE ON spend_requests
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbudget_summary_spend_update();
--> statement-breakpoint
CREATE TRIGGER workbudget_summary_spend_delete AFTER DELETE ON spend_requests
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION workbudget_summary_spend_delete();
--> statement-breakpoint
CREATE TRIGGER workbudget_summary_postings_insert AFTER INSERT ON ledger_postings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbudget_summary_postings_insert();
--> statement-breakpoint
-- Merged rows: one per key (NULLS NOT DISTINCT: a request without a norm, a posting without a team); the deltas since.
CREATE UNIQUE INDEX workbudget_summary_merged_key ON workbudget_summary (budget_id, team_id, month, norm_id, life_domain) NULLS NOT DISTINCT WHERE merged;
--> statement-breakpoint
CREATE UNIQUE INDEX ledger_month_summary_merged_key ON ledger_month_summary (budget_id, team_id, month, allocate) NULLS NOT DISTINCT WHERE merged;
--> statement-breakpoint
CREATE INDEX workbudget_summary_deltas ON workbudget_summary (municipality_id) WHERE NOT merged;
--> statement-breakpoint
CREATE INDEX ledger_month_summary_deltas ON ledger_month_summary (municipality_id) WHERE NOT merged;
--> statement-breakpoint
-- Folds the caller's municipality's delta rows into the merged rows. Only one merge at a time per municipality
-- (a try-lock until the caller's commit: a second caller skips and reads the deltas as they are); writers never
-- wait for it, as they only insert. Same figures before and after: a figure is the sum over its key's rows.
CREATE OR REPLACE FUNCTION workbudget_summary_merge() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  m uuid := app_municipality();
BEGIN
  IF m IS NULL THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM workbudget_summary WHERE municipality_id = m AND NOT merged)
     AND NOT EXISTS (SELECT 1 FROM ledger_month_summary WHERE municipality_id = m AND NOT merged) THEN
    RETURN;
  END IF;
  IF NOT pg_try_advisory_xact_lock(hashtext('workbudget_summary_merge'), hashtext(m::text)) THEN RETURN; END IF;
  WITH d AS (DELETE FROM workbudget_summary WHERE municipality_id = m AND NOT merged RETURNING *)
  INSERT INTO workbudget_summary AS t (municipality_id, budget_id, team_id, month, norm_id, life_domain, merged, requests, requested_cents, approved,
                                       waiting, settled, evaluated, reserved_cents, paid_cents, approved_committed_cents, expected_return_cents,
                                       evaluated_cost_cents, realised_return_cents)
  SELECT municipality_id, budget_id, team_id, month, norm_id, life_domain, true, sum(requests), sum(requested_cents), sum(approved),
         sum(waiting), sum(settled), sum(evaluated), sum(reserved_cents), sum(paid_cents), sum(approved_committed_cents), sum(expected_return_cents),
         sum(evaluated_cost_cents), sum(realised_return_cents)
  FROM d GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (budget_id, team_id, month, norm_id, life_domain) WHERE merged DO UPDATE SET
    requests = t.requests + excluded.requests, requested_cents = t.requested_cents + excluded.requested_cents,
    approved = t.approved + excluded.approved, waiting = t.waiting + excluded.waiting, settled = t.settled + excluded.settled,
    evaluated = t.evaluated + excluded.evaluated, reserved_cents = t.reserved_cents + excluded.reserved_cents,
    paid_cents = t.paid_cents + excluded.paid_cents, approved_committed_cents = t.approved_committed_cents + excluded.approved_committed_cents,
    expected_return_cents = t.expected_return_cents + excluded.expected_return_cents,
    evaluated_cost_cents = t.evaluated_cost_cents + excluded.evaluated_cost_cents,
    realised_return_cents = t.realised_return_cents + excluded.realised_return_cents;
  WITH d AS (DELETE FROM ledger_month_summary WHERE municipality_id = m AND NOT merged RETURNING *)
  INSERT INTO ledger_month_summary AS t (municipality_id, budget_id, team_id, month, allocate, merged, funding_cents, available_cents, reserved_cents, paid_cents)
  SELECT municipality_id, budget_id, team_id, month, allocate, true, sum(funding_cents), sum(available_cents), sum(reserved_cents), sum(paid_cents)
  FROM d GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (budget_id, team_id, month, allocate) WHERE merged DO UPDATE SET
    funding_cents = t.funding_cents + excluded.funding_cents, available_cents = t.available_cents + excluded.available_cents,
    reserved_cents = t.reserved_cents + excluded.reserved_cents, paid_cents = t.paid_cents + excluded.paid_cents;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION workbudget_summary_merge() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION workbudget_summary_merge() TO app_user;
--> statement-breakpoint
-- The existing requests and postings, merged.
INSERT INTO workbudget_summary (municipality_id, budget_id, team_id, month, norm_id, life_domain, merged, requests, requested_cents, approved, waiting,
                                settled, evaluated, reserved_cents, paid_cents, approved_committed_cents, expected_return_cents, evaluated_cost_cents,
                                realised_return_cents)
SELECT municipality_id, budget_id, team_id, month, norm_id, life_domain, true, requests, requested_cents, approved, waiting, settled, evaluated,
       reserved_cents, paid_cents, approved_committed_cents, expected_return_cents, evaluated_cost_cents, realised_return_cents
FROM workbudget_summary_from_rows;
--> statement-breakpoint
INSERT INTO ledger_month_summary (municipality_id, budget_id, team_id, month, allocate, merged, funding_cents, available_cents, reserved_cents, paid_cents)
SELECT municipality_id, budget_id, team_id, month, allocate, true, funding_cents, available_cents, reserved_cents, paid_cents
FROM ledger_month_summary_from_rows;
--> statement-breakpoint
-- Read by the scopes that read what they summarise: a team its own rows, the municipality scope (controller,
-- researcher) the municipality's. Written only by the triggers and the merge (SECURITY DEFINER).
GRANT SELECT ON workbudget_summary, ledger_month_summary, workbudget_summary_from_rows, ledger_month_summary_from_rows TO app_user;
--> statement-breakpoint
ALTER TABLE workbudget_summary ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ledger_month_summary ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workbudget_summary_tenant ON workbudget_summary FOR SELECT USING (team_id = (SELECT app_tenant()));
--> statement-breakpoint
CREATE POLICY workbudget_summary_municipality ON workbudget_summary FOR SELECT
  USING ((SELECT app_scope()) = 'municipality' AND municipality_id = (SELECT app_municipality()));
--> statement-breakpoint
CREATE POLICY ledger_month_summary_tenant ON ledger_month_summary FOR SELECT USING (team_id = (SELECT app_tenant()));
--> statement-breakpoint
CREATE POLICY ledger_month_summary_municipality ON ledger_month_summary FOR SELECT
  USING ((SELECT app_scope()) = 'municipality' AND municipality_id = (SELECT app_municipality()));
