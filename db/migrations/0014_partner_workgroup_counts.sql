-- Workgroups a partner's staff take part in, per team × month (counts only,
-- issue 5). The partner scope cannot read workgroup_members (workgroups are
-- read in the workgroup scope, migration 0011), so, like
-- partner_request_counts, the count comes from a SECURITY DEFINER function
-- that answers only in the partner scope and only for the caller's own
-- partner. A group counts for a team in a month when one of the partner's
-- active staff placed in that team (coordinator or member) is an active
-- member of it by the end of that month (Europe/Amsterdam); months that have
-- not begun on p_today have no row. Memberships are
-- not dated beyond their start: someone who left no longer counts.
-- Rows with team_id NULL: distinct groups over all teams (a group with staff
-- from two teams counts once).
CREATE OR REPLACE FUNCTION partner_workgroup_counts(p_year int, p_today date)
RETURNS TABLE (team_id uuid, month int, workgroups int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.team_id, mo.month, count(DISTINCT wm.workgroup_id)::int
  FROM generate_series(1, 12) AS mo(month)
  JOIN workgroup_members wm
    ON wm.municipality_id = app_municipality() AND wm.status = 'active'
   AND wm.created_at < ((make_date(p_year, mo.month, 1) + interval '1 month') AT TIME ZONE 'Europe/Amsterdam')
  JOIN users u ON u.id = wm.user_id AND u.is_active AND u.partner_organisation_id = app_partner()
  JOIN team_memberships m ON m.user_id = u.id AND m.municipality_id = app_municipality() AND m.role IN ('coordinator', 'member')
  WHERE app_scope() = 'partner'
    AND make_date(p_year, mo.month, 1) <= p_today
  GROUP BY GROUPING SETS ((m.team_id, mo.month), (mo.month))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION partner_workgroup_counts(int, date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION partner_workgroup_counts(int, date) TO app_user;
