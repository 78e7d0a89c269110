CREATE TABLE "admin_municipalities" (
	"municipality_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admin_municipalities_municipality_id_user_id_pk" PRIMARY KEY("municipality_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "admin_municipalities" ADD CONSTRAINT "admin_municipalities_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_municipalities" ADD CONSTRAINT "admin_municipalities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_municipalities_user" ON "admin_municipalities" USING btree ("user_id");--> statement-breakpoint
-- The functional admin of several municipalities reads their casework figures (issue 16): aggregates only, in the
-- scope 'figures'. The municipalities the signed-in user administers: their own when they hold the admin role there,
-- and every admin_municipalities row of theirs — none without the admin role. SECURITY DEFINER: app_user reads
-- neither scope_roles nor admin_municipalities; an array, so a policy evaluates it once per query (an initplan).
CREATE OR REPLACE FUNCTION app_admin_municipalities() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(DISTINCT m), '{}'::uuid[]) FROM (
    SELECT r.municipality_id AS m FROM scope_roles r WHERE r.user_id = app_user_id() AND r.role = 'admin'
    UNION ALL
    SELECT a.municipality_id FROM admin_municipalities a
    WHERE a.user_id = app_user_id() AND EXISTS (SELECT 1 FROM scope_roles r WHERE r.user_id = app_user_id() AND r.role = 'admin')
  ) x
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_admin_municipalities() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_admin_municipalities() TO app_user;
--> statement-breakpoint
ALTER TABLE admin_municipalities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The casework summary: 0045's one CASE policy, with the scope 'figures' reading the administered municipalities.
DROP POLICY casework_month_figures_read ON casework_month_figures;
--> statement-breakpoint
CREATE POLICY casework_month_figures_read ON casework_month_figures FOR SELECT USING (
  CASE (SELECT app_scope())
    WHEN 'team' THEN team_id = (SELECT app_tenant()) AND (SELECT app_team_role()) IN ('coordinator', 'member')
    WHEN 'municipality' THEN municipality_id = (SELECT app_municipality())
    WHEN 'figures' THEN municipality_id = ANY ((SELECT app_admin_municipalities())::uuid[])
    ELSE false
  END
);
--> statement-breakpoint
-- The workbudget beside the casework tables (workbudgetMonthFigures), in the same scope. As 0045 did for the casework
-- summary, one read policy with the scope as a CASE instead of OR-ed permissive policies (0036's tenant and
-- municipality ones, and now this scope's): the planner then takes the index range of the query's own WHERE and
-- the policy as a filter, instead of a BitmapOr over the municipality's rows for a team's read. Same rules: the
-- tenant arm (team_id = app_tenant()) is the ELSE, as it held in every scope; the status summary (0052) alike.
DROP POLICY workbudget_summary_tenant ON workbudget_summary;
--> statement-breakpoint
DROP POLICY workbudget_summary_municipality ON workbudget_summary;
--> statement-breakpoint
CREATE POLICY workbudget_summary_read ON workbudget_summary FOR SELECT USING (
  CASE (SELECT app_scope())
    WHEN 'municipality' THEN municipality_id = (SELECT app_municipality())
    WHEN 'figures' THEN municipality_id = ANY ((SELECT app_admin_municipalities())::uuid[])
    ELSE team_id = (SELECT app_tenant())
  END
);
--> statement-breakpoint
DROP POLICY workbudget_status_summary_tenant ON workbudget_status_summary;
--> statement-breakpoint
DROP POLICY workbudget_status_summary_municipality ON workbudget_status_summary;
--> statement-breakpoint
CREATE POLICY workbudget_status_summary_read ON workbudget_status_summary FOR SELECT USING (
  CASE (SELECT app_scope())
    WHEN 'municipality' THEN municipality_id = (SELECT app_municipality())
    ELSE team_id = (SELECT app_tenant())
  END
);
