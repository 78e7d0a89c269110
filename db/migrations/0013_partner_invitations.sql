ALTER TABLE "invitations" ADD COLUMN "confirmation" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "proposed_name" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "decline_reason" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_partner" ON "invitations" USING btree ("partner_organisation_id");--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_confirmation_check" CHECK (confirmation IS NULL OR confirmation IN ('awaiting', 'confirmed', 'declined'));
--> statement-breakpoint
-- A partner manager proposes its own staff for a team (as member only); the
-- coordinator confirms under the team scope (invitations_tenant). The partner
-- scope reads and inserts only its own organisation's proposals, never
-- other invitations, and cannot update them (no UPDATE policy).
CREATE POLICY invitations_partner_read ON invitations FOR SELECT
  USING (app_scope() = 'partner' AND municipality_id = app_municipality()
         AND partner_organisation_id = app_partner() AND confirmation IS NOT NULL);
--> statement-breakpoint
CREATE POLICY invitations_partner_insert ON invitations FOR INSERT
  WITH CHECK (app_scope() = 'partner' AND municipality_id = app_municipality()
              AND partner_organisation_id = app_partner() AND invited_by = app_user_id()
              AND role = 'member' AND confirmation = 'awaiting' AND team_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM teams t WHERE t.id = team_id AND t.municipality_id = app_municipality()));
