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
-- The workbudget beside the casework tables (workbudgetMonthFigures), in the same scope.
CREATE POLICY workbudget_summary_figures ON workbudget_summary FOR SELECT
  USING ((SELECT app_scope()) = 'figures' AND municipality_id = ANY ((SELECT app_admin_municipalities())::uuid[]));
