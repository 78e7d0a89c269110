-- One read policy on casework_month_figures instead of two (bench:analytics,
-- docs/benchmarks.md). Two permissive policies are OR-ed: PostgreSQL then
-- scanned both index ranges — the team's and the whole municipality's — for a
-- team's figures, and threw most rows away (58.143 of 63.124 for ten years of
-- one team at national scale). One policy with the scope as a CASE lets the
-- planner use only the range of the scope at hand. Same rules as 0039.
DROP POLICY casework_month_figures_team_read ON casework_month_figures;
--> statement-breakpoint
DROP POLICY casework_month_figures_municipality_read ON casework_month_figures;
--> statement-breakpoint
CREATE POLICY casework_month_figures_read ON casework_month_figures FOR SELECT USING (
  CASE (SELECT app_scope())
    WHEN 'team' THEN team_id = (SELECT app_tenant()) AND (SELECT app_team_role()) IN ('coordinator', 'member')
    WHEN 'municipality' THEN municipality_id = (SELECT app_municipality())
    ELSE false
  END
);
