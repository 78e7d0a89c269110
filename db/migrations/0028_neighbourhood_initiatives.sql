CREATE TABLE "neighbourhood_initiatives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"buurt_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"started_on" date NOT NULL,
	"contact_organisation" text DEFAULT '' NOT NULL,
	"team_helped_start" boolean DEFAULT false NOT NULL,
	"ended_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "neighbourhood_initiatives_dates" CHECK ("neighbourhood_initiatives"."ended_on" is null or "neighbourhood_initiatives"."ended_on" >= "neighbourhood_initiatives"."started_on")
);
--> statement-breakpoint
ALTER TABLE "neighbourhood_initiatives" ADD CONSTRAINT "neighbourhood_initiatives_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbourhood_initiatives" ADD CONSTRAINT "neighbourhood_initiatives_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbourhood_initiatives" ADD CONSTRAINT "neighbourhood_initiatives_buurt_id_buurten_id_fk" FOREIGN KEY ("buurt_id") REFERENCES "public"."buurten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbourhood_initiatives" ADD CONSTRAINT "neighbourhood_initiatives_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "neighbourhood_initiatives_team" ON "neighbourhood_initiatives" USING btree ("team_id","started_on");--> statement-breakpoint

-- Buurtinitiatieven: every professional of the municipality reads them (team,
-- municipality and admin scopes; not the public scope); a team registers and
-- ends its own.
GRANT SELECT, INSERT ON neighbourhood_initiatives TO app_user;
--> statement-breakpoint
GRANT UPDATE (ended_on, updated_at) ON neighbourhood_initiatives TO app_user;
--> statement-breakpoint
ALTER TABLE neighbourhood_initiatives ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY neighbourhood_initiatives_read ON neighbourhood_initiatives FOR SELECT
  USING ((select app_scope()) IN ('team', 'municipality', 'admin') AND municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY neighbourhood_initiatives_insert ON neighbourhood_initiatives FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY neighbourhood_initiatives_update ON neighbourhood_initiatives FOR UPDATE
  USING (team_id = (select app_tenant())) WITH CHECK (team_id = (select app_tenant()));
