-- The partner dashboard's count of workbudget requests by the partner's staff
-- means what "Aanvragen" means on the controller's dashboard and in its
-- reports (packages/core/src/workbudget-figures.ts, docs/workbudget.md):
-- submitted and not withdrawn (every status but 'draft' and 'cancelled'),
-- counted in the year of the request's budget. Before, withdrawn requests
-- counted and the year was the calendar year of creation, so a request made
-- in December for next year's budget counted in the wrong year. The month is
-- the month of creation; a request made before its budget year counts in
-- January, one made after it in December (as the burn-down counts postings).
CREATE OR REPLACE FUNCTION partner_request_counts(p_year int)
RETURNS TABLE (team_id uuid, month int, requests int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.team_id,
         CASE WHEN extract(year FROM s.created_at AT TIME ZONE 'Europe/Amsterdam') < b.year THEN 1
              WHEN extract(year FROM s.created_at AT TIME ZONE 'Europe/Amsterdam') > b.year THEN 12
              ELSE extract(month FROM s.created_at AT TIME ZONE 'Europe/Amsterdam')::int END,
         count(*)::int
  FROM spend_requests s
  JOIN budgets b ON b.id = s.budget_id
  JOIN users u ON u.id = s.author_id
  WHERE app_scope() = 'partner' AND s.municipality_id = app_municipality()
    AND u.partner_organisation_id = app_partner()
    AND s.status NOT IN ('draft', 'cancelled')
    AND b.year = p_year
  GROUP BY 1, 2
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION partner_request_counts(int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION partner_request_counts(int) TO app_user;
