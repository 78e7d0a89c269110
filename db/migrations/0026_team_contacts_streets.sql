CREATE TABLE "streets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"buurt_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_contacts" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"walk_in_hours" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"helps_with" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "streets" ADD CONSTRAINT "streets_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streets" ADD CONSTRAINT "streets_buurt_id_buurten_id_fk" FOREIGN KEY ("buurt_id") REFERENCES "public"."buurten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_contacts" ADD CONSTRAINT "team_contacts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_contacts" ADD CONSTRAINT "team_contacts_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_contacts" ADD CONSTRAINT "team_contacts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "streets_municipality_name_buurt" ON "streets" USING btree ("municipality_id",lower("name"),"buurt_id");--> statement-breakpoint
CREATE INDEX "streets_buurt" ON "streets" USING btree ("buurt_id");--> statement-breakpoint

-- Public team finder (/buurt): read without login in the 'public' scope, which
-- carries only the municipality. Team contact details and the street list are
-- public reference data; the buurt map was already readable by every other scope.
GRANT SELECT, INSERT, UPDATE ON team_contacts TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON streets TO app_user;
--> statement-breakpoint
ALTER TABLE team_contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE streets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY team_contacts_read ON team_contacts FOR SELECT
  USING (municipality_id = (select app_municipality()));
--> statement-breakpoint
-- The team's coordinator keeps them (the use case checks the role); the admin too.
CREATE POLICY team_contacts_tenant ON team_contacts FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY team_contacts_tenant_update ON team_contacts FOR UPDATE
  USING (team_id = (select app_tenant())) WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY team_contacts_admin ON team_contacts
  USING ((select app_scope()) = 'admin' AND municipality_id = (select app_municipality()))
  WITH CHECK ((select app_scope()) = 'admin' AND municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY streets_read ON streets FOR SELECT
  USING (municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY streets_admin ON streets
  USING ((select app_scope()) = 'admin' AND municipality_id = (select app_municipality()))
  WITH CHECK ((select app_scope()) = 'admin' AND municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY buurt_assignments_public_read ON buurt_assignments FOR SELECT
  USING ((select app_scope()) = 'public' AND municipality_id = (select app_municipality()));
