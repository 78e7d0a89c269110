CREATE TABLE "spend_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"spend_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "spend_attachments_kind" CHECK ("spend_attachments"."kind" in ('quote', 'receipt', 'other')),
	CONSTRAINT "spend_attachments_content_type" CHECK ("spend_attachments"."content_type" in ('application/pdf', 'image/png', 'image/jpeg')),
	CONSTRAINT "spend_attachments_size" CHECK ("spend_attachments"."size_bytes" between 1 and 5242880 and octet_length("spend_attachments"."content") = "spend_attachments"."size_bytes"),
	CONSTRAINT "spend_attachments_deleted" CHECK (("spend_attachments"."deleted_at" is null) = ("spend_attachments"."deleted_by" is null))
);
--> statement-breakpoint
ALTER TABLE "spend_attachments" ADD CONSTRAINT "spend_attachments_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_attachments" ADD CONSTRAINT "spend_attachments_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_attachments" ADD CONSTRAINT "spend_attachments_spend_id_spend_requests_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spend_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_attachments" ADD CONSTRAINT "spend_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_attachments" ADD CONSTRAINT "spend_attachments_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "spend_attachments_spend" ON "spend_attachments" USING btree ("spend_id","created_at");--> statement-breakpoint
-- Grants and row-level security (drizzle-kit emits neither). A team sees and
-- adds files on its own requests only; the municipality scope (the budget
-- controller) reads every team's in its municipality and writes none.
-- app_user may only mark a live file removed: no DELETE, and UPDATE only of
-- the two removal columns, once.
ALTER TABLE spend_attachments ALTER COLUMN content SET STORAGE EXTERNAL;
--> statement-breakpoint
GRANT SELECT, INSERT ON spend_attachments TO app_user;
--> statement-breakpoint
GRANT UPDATE (deleted_at, deleted_by) ON spend_attachments TO app_user;
--> statement-breakpoint
ALTER TABLE spend_attachments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY spend_attachments_tenant_read ON spend_attachments FOR SELECT USING (team_id = app_tenant());
--> statement-breakpoint
-- The request must be the team's own (the subquery runs under spend_requests' RLS too).
CREATE POLICY spend_attachments_tenant_insert ON spend_attachments FOR INSERT
  WITH CHECK (team_id = app_tenant() AND uploaded_by = app_user_id() AND EXISTS (
    SELECT 1 FROM spend_requests s
    WHERE s.id = spend_attachments.spend_id AND s.team_id = spend_attachments.team_id AND s.municipality_id = spend_attachments.municipality_id));
--> statement-breakpoint
CREATE POLICY spend_attachments_tenant_remove ON spend_attachments FOR UPDATE
  USING (team_id = app_tenant() AND deleted_at IS NULL)
  WITH CHECK (team_id = app_tenant() AND deleted_at IS NOT NULL AND deleted_by = app_user_id());
--> statement-breakpoint
CREATE POLICY spend_attachments_municipality_read ON spend_attachments FOR SELECT
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality());
