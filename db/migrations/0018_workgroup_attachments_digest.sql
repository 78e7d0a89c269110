CREATE TABLE "notification_digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"frequency" text NOT NULL,
	"period_start" date NOT NULL,
	"notification_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_digests_frequency" CHECK ("notification_digests"."frequency" in ('daily', 'weekly'))
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"digest" text DEFAULT 'none' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_digest" CHECK ("notification_preferences"."digest" in ('none', 'daily', 'weekly'))
);
--> statement-breakpoint
CREATE TABLE "workgroup_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"workgroup_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "workgroup_attachments_content_type" CHECK ("workgroup_attachments"."content_type" in ('application/pdf', 'image/png', 'image/jpeg')),
	CONSTRAINT "workgroup_attachments_size" CHECK ("workgroup_attachments"."size_bytes" between 1 and 5242880 and octet_length("workgroup_attachments"."content") = "workgroup_attachments"."size_bytes"),
	CONSTRAINT "workgroup_attachments_deleted" CHECK (("workgroup_attachments"."deleted_at" is null) = ("workgroup_attachments"."deleted_by" is null))
);
--> statement-breakpoint
ALTER TABLE "notification_digests" ADD CONSTRAINT "notification_digests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_digests" ADD CONSTRAINT "notification_digests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_attachments" ADD CONSTRAINT "workgroup_attachments_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_attachments" ADD CONSTRAINT "workgroup_attachments_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_attachments" ADD CONSTRAINT "workgroup_attachments_post_id_workgroup_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."workgroup_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_attachments" ADD CONSTRAINT "workgroup_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_attachments" ADD CONSTRAINT "workgroup_attachments_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_digests_user_period" ON "notification_digests" USING btree ("user_id","frequency","period_start");--> statement-breakpoint
CREATE INDEX "workgroup_attachments_post" ON "workgroup_attachments" USING btree ("post_id","created_at");--> statement-breakpoint
-- Grants and row-level security (drizzle-kit emits neither); see
-- docs/workgroups.md. Files on workgroup posts follow the group: whoever
-- reads the group reads them, except a hidden post's files, which only its
-- facilitators still read (the moderation record). PDF/JPEG do not compress.
ALTER TABLE workgroup_attachments ALTER COLUMN content SET STORAGE EXTERNAL;
--> statement-breakpoint
GRANT SELECT, INSERT ON workgroup_attachments TO app_user;
--> statement-breakpoint
-- Removal is soft: app_user may only mark a file removed.
GRANT UPDATE (deleted_at, deleted_by) ON workgroup_attachments TO app_user;
--> statement-breakpoint
ALTER TABLE workgroup_attachments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workgroup_attachments_read ON workgroup_attachments FOR SELECT USING (
  municipality_id = app_municipality() AND workgroup_readable(workgroup_id)
  AND (workgroup_role(workgroup_id) = 'facilitator'
       OR NOT EXISTS (SELECT 1 FROM workgroup_posts p WHERE p.id = post_id AND p.hidden_at IS NOT NULL)));
--> statement-breakpoint
-- A member attaches files to their own, visible post in the same group.
CREATE POLICY workgroup_attachments_insert ON workgroup_attachments FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND uploaded_by = app_user_id() AND deleted_at IS NULL
  AND workgroup_role(workgroup_id) IS NOT NULL AND workgroup_readable(workgroup_id)
  AND EXISTS (SELECT 1 FROM workgroup_posts p WHERE p.id = post_id AND p.workgroup_id = workgroup_attachments.workgroup_id
                AND p.author_id = app_user_id() AND p.hidden_at IS NULL));
--> statement-breakpoint
-- The uploader or a facilitator of the group removes (marks) a file.
CREATE POLICY workgroup_attachments_remove ON workgroup_attachments FOR UPDATE
  USING (municipality_id = app_municipality() AND workgroup_readable(workgroup_id) AND deleted_at IS NULL
         AND (uploaded_by = app_user_id() OR workgroup_role(workgroup_id) = 'facilitator'))
  WITH CHECK (deleted_at IS NOT NULL AND deleted_by = app_user_id());
--> statement-breakpoint
-- Each user reads and sets only their own e-mail choice.
GRANT SELECT, INSERT ON notification_preferences TO app_user;
--> statement-breakpoint
GRANT UPDATE (digest, updated_at) ON notification_preferences TO app_user;
--> statement-breakpoint
ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_preferences_own ON notification_preferences FOR ALL
  USING (user_id = app_user_id() AND municipality_id = app_municipality())
  WITH CHECK (user_id = app_user_id() AND municipality_id = app_municipality());
--> statement-breakpoint
-- Digest markers are written by the digest job on the owner connection only:
-- no grants, RLS on without policies (app_user sees nothing).
ALTER TABLE notification_digests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Whether a user chose a digest (daily or weekly) instead of immediate
-- e-mail; asked when a notification is written for someone else, whose
-- preference row the caller cannot read. Answers only within the caller's municipality.
CREATE OR REPLACE FUNCTION user_wants_digest(p_user uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM notification_preferences p
    WHERE p.user_id = p_user AND p.municipality_id = app_municipality() AND p.digest <> 'none')
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION user_wants_digest(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION user_wants_digest(uuid) TO app_user;
