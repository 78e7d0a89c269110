-- The alternative regulations' totals from the summary (issue 16, "Scale and speed"; ADR 0017, docs/benchmarks.md
-- session 7). workbudget_summary gains four figures (migration 0046's columns): the evaluated requests for which
-- another regulation applied, their cost to the workbudget (committed), the other regulation's amount and the days
-- gained (the regulation's lead time − the Amsterdam days from the first submission to the first payment). They
-- are added by the same one-definition function as every other figure, workbudget_request_figures(), which now
-- takes the request's workbudget days; the triggers, the recomputation in ledger:check (workbudget_summary_from_rows)
-- and the dashboard's partly covered months all pass workbudget_alternative_days(). The days come from
-- spend_transitions, so a new 'submitted' or 'paid' transition of such a request moves them too (trigger below).
-- Self-contained: drops and recreates what 0036 defined around the function.

-- Days from the first submission to the first payment of a request (Amsterdam days, never negative; 0 when either is missing).
CREATE OR REPLACE FUNCTION workbudget_days_between(submitted_at timestamptz, paid_at timestamptz) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT greatest(0, coalesce((paid_at AT TIME ZONE 'Europe/Amsterdam')::date - (submitted_at AT TIME ZONE 'Europe/Amsterdam')::date, 0)) $$;
--> statement-breakpoint
-- Another regulation applied to this evaluated request (the dashboard's list and totals of alternatives).
CREATE OR REPLACE FUNCTION workbudget_is_alternative(status spend_status, evaluation jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT status = 'evaluated' AND coalesce((evaluation->>'otherRegulationApplied')::boolean, false) $$;
--> statement-breakpoint
-- A request's workbudget days from its timeline (the invoker's rows: under RLS the scope's), 0 unless it is an alternative.
CREATE OR REPLACE FUNCTION workbudget_alternative_days(spend_id uuid, status spend_status, evaluation jsonb) RETURNS int LANGUAGE sql STABLE AS
$$ SELECT CASE WHEN workbudget_is_alternative(status, evaluation) THEN
     workbudget_days_between((SELECT min(t.occurred_at) FROM spend_transitions t WHERE t.spend_id = workbudget_alternative_days.spend_id AND t.to_status = 'submitted'),
                             (SELECT min(t.occurred_at) FROM spend_transitions t WHERE t.spend_id = workbudget_alternative_days.spend_id AND t.to_status = 'paid'))
   ELSE 0 END $$;
--> statement-breakpoint
DROP VIEW workbudget_summary_from_rows;
--> statement-breakpoint
DROP FUNCTION workbudget_summary_append(workbudget_change[]);
--> statement-breakpoint
DROP TYPE workbudget_change;
--> statement-breakpoint
DROP FUNCTION workbudget_request_figures(spend_status, bigint, uuid, text[], bigint, jsonb, bigint, bigint);
--> statement-breakpoint
-- What one request adds to its budget × team × month (as 0036), now with the alternative regulation's figures on the
-- requests' row. Still linear in the balances (the alternatives' cost is reserved + paid; the rest does not depend on
-- them), so a posting's delta stays f(s, Δr, Δp, d) − f(s, 0, 0, d).
CREATE FUNCTION workbudget_request_figures(status spend_status, amount_cents bigint, norm_id uuid, life_domains text[],
                                           expected_return_cents bigint, evaluation jsonb, reserved bigint, paid bigint, workbudget_days int)
RETURNS TABLE (norm_id uuid, life_domain text, requests int, requested_cents bigint, approved int, waiting int, settled int, evaluated int,
               reserved_cents bigint, paid_cents bigint, approved_committed_cents bigint, expected_return_cents bigint,
               evaluated_cost_cents bigint, realised_return_cents bigint,
               alternatives int, alternatives_cost_cents bigint, alternatives_regulation_cents bigint, alternatives_days_gained bigint)
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
         CASE WHEN status = 'evaluated' THEN coalesce((evaluation->>'realisedReturnCents')::bigint, 0) ELSE 0 END::bigint,
         workbudget_is_alternative(status, evaluation)::int,
         CASE WHEN workbudget_is_alternative(status, evaluation) THEN reserved + paid ELSE 0 END::bigint,
         CASE WHEN workbudget_is_alternative(status, evaluation) THEN coalesce((evaluation->>'otherRegulationAmountCents')::bigint, 0) ELSE 0 END::bigint,
         CASE WHEN workbudget_is_alternative(status, evaluation) THEN coalesce((evaluation->>'otherRegulationLeadDays')::int, 0) - workbudget_days ELSE 0 END::bigint
  UNION ALL
  SELECT NULL::uuid, d.domain, 0, 0::bigint, 1, 0, 0, 0, 0::bigint, 0::bigint, (reserved + paid)::bigint, 0::bigint, 0::bigint, 0::bigint,
         0, 0::bigint, 0::bigint, 0::bigint
  FROM unnest(life_domains) AS d(domain)
  WHERE workbudget_is_approved(status)
$$;
--> statement-breakpoint
CREATE VIEW workbudget_summary_from_rows WITH (security_invoker = true) AS
SELECT s.municipality_id, s.budget_id, s.team_id, workbudget_month(s.created_at) AS month, f.norm_id, f.life_domain,
       sum(f.requests)::int AS requests, sum(f.requested_cents)::bigint AS requested_cents, sum(f.approved)::int AS approved,
       sum(f.waiting)::int AS waiting, sum(f.settled)::int AS settled, sum(f.evaluated)::int AS evaluated,
       sum(f.reserved_cents)::bigint AS reserved_cents, sum(f.paid_cents)::bigint AS paid_cents,
       sum(f.approved_committed_cents)::bigint AS approved_committed_cents, sum(f.expected_return_cents)::bigint AS expected_return_cents,
       sum(f.evaluated_cost_cents)::bigint AS evaluated_cost_cents, sum(f.realised_return_cents)::bigint AS realised_return_cents,
       sum(f.alternatives)::int AS alternatives, sum(f.alternatives_cost_cents)::bigint AS alternatives_cost_cents,
       sum(f.alternatives_regulation_cents)::bigint AS alternatives_regulation_cents, sum(f.alternatives_days_gained)::bigint AS alternatives_days_gained
FROM spend_requests s
LEFT JOIN (SELECT p.spend_id,
                  coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'reserved'), 0)::bigint AS reserved,
                  coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'paid'), 0)::bigint AS paid
           FROM ledger_postings p WHERE p.spend_id IS NOT NULL GROUP BY p.spend_id) m ON m.spend_id = s.id
CROSS JOIN LATERAL workbudget_request_figures(s.status, s.amount_cents, s.norm_id, s.life_domains, s.expected_return_cents, s.evaluation,
                                              coalesce(m.reserved, 0), coalesce(m.paid, 0), workbudget_alternative_days(s.id, s.status, s.evaluation)) f
GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
GRANT SELECT ON workbudget_summary_from_rows TO app_user;
--> statement-breakpoint
CREATE TYPE workbudget_change AS (sign int, municipality_id uuid, budget_id uuid, team_id uuid, created_at timestamptz, status spend_status,
  amount_cents bigint, norm_id uuid, life_domains text[], expected_return_cents bigint, evaluation jsonb, reserved bigint, paid bigint, workbudget_days int);
--> statement-breakpoint
CREATE FUNCTION workbudget_summary_append(changes workbudget_change[]) RETURNS void
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
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION workbudget_summary_append(workbudget_change[]) FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workbudget_summary_spend_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM workbudget_summary_append(array_agg(row(1, n.municipality_id, n.budget_id, n.team_id, n.created_at, n.status, n.amount_cents, n.norm_id, n.life_domains,
    n.expected_return_cents, n.evaluation, b.reserved, b.paid, workbudget_alternative_days(n.id, n.status, n.evaluation))::workbudget_change))
  FROM new_rows n
  CROSS JOIN LATERAL (SELECT coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'reserved'), 0)::bigint AS reserved,
                            coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'paid'), 0)::bigint AS paid
                     FROM ledger_postings p WHERE p.spend_id = n.id) b
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- As 0036, and the alternative regulation's fields of the evaluation now move figures too.
CREATE OR REPLACE FUNCTION workbudget_summary_spend_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM workbudget_summary_append(array_agg(row(x.sign, x.municipality_id, x.budget_id, x.team_id, x.created_at, x.status, x.amount_cents, x.norm_id, x.life_domains,
    x.expected_return_cents, x.evaluation, b.reserved, b.paid, workbudget_alternative_days(x.id, x.status, x.evaluation))::workbudget_change))
  FROM (
    SELECT c.sign, r.*
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN (VALUES (-1), (1)) AS c(sign)
    CROSS JOIN LATERAL (SELECT o.* WHERE c.sign < 0 UNION ALL SELECT n.* WHERE c.sign > 0) r
    WHERE (o.municipality_id, o.budget_id, o.team_id, o.created_at, o.status, o.norm_id, o.life_domains, o.amount_cents, o.expected_return_cents,
           o.evaluation->'realisedReturnCents', o.evaluation->'otherRegulationApplied', o.evaluation->'otherRegulationAmountCents',
           o.evaluation->'otherRegulationLeadDays')
          IS DISTINCT FROM
          (n.municipality_id, n.budget_id, n.team_id, n.created_at, n.status, n.norm_id, n.life_domains, n.amount_cents, n.expected_return_cents,
           n.evaluation->'realisedReturnCents', n.evaluation->'otherRegulationApplied', n.evaluation->'otherRegulationAmountCents',
           n.evaluation->'otherRegulationLeadDays')
  ) x
  CROSS JOIN LATERAL (SELECT coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'reserved'), 0)::bigint AS reserved,
                            coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'paid'), 0)::bigint AS paid
                     FROM ledger_postings p WHERE p.spend_id = x.id) b
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workbudget_summary_spend_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM workbudget_summary_append(array_agg(row(-1, o.municipality_id, o.budget_id, o.team_id, o.created_at, o.status, o.amount_cents, o.norm_id, o.life_domains,
    o.expected_return_cents, o.evaluation, b.reserved, b.paid, workbudget_alternative_days(o.id, o.status, o.evaluation))::workbudget_change))
  FROM old_rows o
  CROSS JOIN LATERAL (SELECT coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'reserved'), 0)::bigint AS reserved,
                            coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'paid'), 0)::bigint AS paid
                     FROM ledger_postings p WHERE p.spend_id = o.id) b
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- As 0036: f(s, Δr, Δp, d) − f(s, 0, 0, d) — the days cancel out, so 0 is passed for both.
CREATE OR REPLACE FUNCTION workbudget_summary_postings_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO ledger_month_summary (municipality_id, budget_id, team_id, month, allocate, funding_cents, available_cents, reserved_cents, paid_cents)
  SELECT p.municipality_id, p.budget_id, p.team_id, workbudget_month(p.created_at), p.kind = 'allocate',
         coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'funding'), 0),
         coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'available'), 0),
         coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'reserved'), 0),
         coalesce(sum(p.amount_cents) FILTER (WHERE p.account = 'paid'), 0)
  FROM new_rows p GROUP BY 1, 2, 3, 4, 5;
  PERFORM workbudget_summary_append(array_agg(row(c.sign, s.municipality_id, s.budget_id, s.team_id, s.created_at, s.status, s.amount_cents, s.norm_id, s.life_domains,
    s.expected_return_cents, s.evaluation, CASE WHEN c.sign > 0 THEN d.reserved ELSE 0 END, CASE WHEN c.sign > 0 THEN d.paid ELSE 0 END, 0)::workbudget_change))
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
-- A new 'submitted' or 'paid' transition of an alternative moves its workbudget days: out with the days without this
-- statement's transitions, in with the days now. Other transitions (every approval's) leave after one scan of new_rows.
CREATE OR REPLACE FUNCTION workbudget_summary_transitions_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows WHERE to_status IN ('submitted', 'paid')) THEN RETURN NULL; END IF;
  PERFORM workbudget_summary_append(array_agg(row(c.sign, s.municipality_id, s.budget_id, s.team_id, s.created_at, s.status, s.amount_cents, s.norm_id, s.life_domains,
    s.expected_return_cents, s.evaluation, 0, 0, CASE WHEN c.sign > 0 THEN workbudget_alternative_days(s.id, s.status, s.evaluation)
      ELSE workbudget_days_between(
        (SELECT min(t.occurred_at) FROM spend_transitions t WHERE t.spend_id = s.id AND t.to_status = 'submitted' AND t.id NOT IN (SELECT id FROM new_rows)),
        (SELECT min(t.occurred_at) FROM spend_transitions t WHERE t.spend_id = s.id AND t.to_status = 'paid' AND t.id NOT IN (SELECT id FROM new_rows))) END)::workbudget_change))
  FROM (SELECT DISTINCT spend_id FROM new_rows WHERE to_status IN ('submitted', 'paid')) n
  JOIN spend_requests s ON s.id = n.spend_id AND workbudget_is_alternative(s.status, s.evaluation)
  CROSS JOIN (VALUES (-1), (1)) AS c(sign)
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER workbudget_summary_transitions_insert AFTER INSERT ON spend_transitions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workbudget_summary_transitions_insert();
--> statement-breakpoint
-- The merge (as 0036) folds the new figures too.
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
END
$$;
--> statement-breakpoint
-- The existing summary recomputed with the new figures (merged rows; the deltas are folded in).
DELETE FROM workbudget_summary;
--> statement-breakpoint
INSERT INTO workbudget_summary (municipality_id, budget_id, team_id, month, norm_id, life_domain, merged, requests, requested_cents, approved, waiting,
                                settled, evaluated, reserved_cents, paid_cents, approved_committed_cents, expected_return_cents, evaluated_cost_cents,
                                realised_return_cents, alternatives, alternatives_cost_cents, alternatives_regulation_cents, alternatives_days_gained)
SELECT municipality_id, budget_id, team_id, month, norm_id, life_domain, true, requests, requested_cents, approved, waiting, settled, evaluated,
       reserved_cents, paid_cents, approved_committed_cents, expected_return_cents, evaluated_cost_cents, realised_return_cents,
       alternatives, alternatives_cost_cents, alternatives_regulation_cents, alternatives_days_gained
FROM workbudget_summary_from_rows;
