CREATE TYPE "public"."workgroup_member_role" AS ENUM('facilitator', 'member');--> statement-breakpoint
CREATE TYPE "public"."workgroup_member_status" AS ENUM('active', 'requested');--> statement-breakpoint
CREATE TABLE "handbook_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"workgroup_id" uuid,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"version" integer NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', title || ' ' || body)) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handbook_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"workgroup_id" uuid,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid NOT NULL,
	"restored_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workgroup_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"workgroup_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "workgroup_member_role" DEFAULT 'member' NOT NULL,
	"status" "workgroup_member_status" DEFAULT 'active' NOT NULL,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workgroup_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"workgroup_id" uuid NOT NULL,
	"parent_id" uuid,
	"author_id" uuid NOT NULL,
	"title" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" uuid,
	"hidden_reason" text,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', coalesce(title, '') || ' ' || body)) STORED NOT NULL,
	CONSTRAINT "workgroup_posts_thread_title" CHECK (("workgroup_posts"."parent_id" is null) = ("workgroup_posts"."title" is not null)),
	CONSTRAINT "workgroup_posts_hidden" CHECK (("workgroup_posts"."hidden_at" is null) = ("workgroup_posts"."hidden_by" is null) and ("workgroup_posts"."hidden_at" is null) = ("workgroup_posts"."hidden_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "workgroups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"is_open" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', name || ' ' || description)) STORED NOT NULL
);
--> statement-breakpoint
ALTER TABLE "handbook_pages" ADD CONSTRAINT "handbook_pages_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_pages" ADD CONSTRAINT "handbook_pages_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_pages" ADD CONSTRAINT "handbook_pages_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_versions" ADD CONSTRAINT "handbook_versions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_versions" ADD CONSTRAINT "handbook_versions_page_id_handbook_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."handbook_pages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_versions" ADD CONSTRAINT "handbook_versions_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_versions" ADD CONSTRAINT "handbook_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_members" ADD CONSTRAINT "workgroup_members_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_members" ADD CONSTRAINT "workgroup_members_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_members" ADD CONSTRAINT "workgroup_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_members" ADD CONSTRAINT "workgroup_members_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_posts" ADD CONSTRAINT "workgroup_posts_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_posts" ADD CONSTRAINT "workgroup_posts_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_posts" ADD CONSTRAINT "workgroup_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_posts" ADD CONSTRAINT "workgroup_posts_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroups" ADD CONSTRAINT "workgroups_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroups" ADD CONSTRAINT "workgroups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handbook_pages_slug" ON "handbook_pages" USING btree ("municipality_id",coalesce("workgroup_id", '00000000-0000-0000-0000-000000000000'::uuid),"slug");--> statement-breakpoint
CREATE INDEX "handbook_pages_search" ON "handbook_pages" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "handbook_versions_page_version" ON "handbook_versions" USING btree ("page_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "workgroup_members_group_user" ON "workgroup_members" USING btree ("workgroup_id","user_id");--> statement-breakpoint
CREATE INDEX "workgroup_members_user" ON "workgroup_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "workgroup_posts_group" ON "workgroup_posts" USING btree ("workgroup_id","parent_id","created_at");--> statement-breakpoint
CREATE INDEX "workgroup_posts_parent" ON "workgroup_posts" USING btree ("parent_id","created_at");--> statement-breakpoint
CREATE INDEX "workgroup_posts_search" ON "workgroup_posts" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "workgroups_municipality_slug" ON "workgroups" USING btree ("municipality_id","slug");--> statement-breakpoint
CREATE INDEX "workgroups_search" ON "workgroups" USING gin ("search");--> statement-breakpoint
-- Grants and row-level security (drizzle-kit emits neither). Workgroup
-- queries run in the scope 'workgroup' (db/src/index.ts) with app.user_id
-- set; access depends on membership, which the policies ask SECURITY DEFINER
-- helpers about (they read the membership tables as the owner, so a policy
-- never recurses into another policy). See docs/decisions/0007-workgroups-access.md.
ALTER TABLE workgroup_posts ADD CONSTRAINT workgroup_posts_parent_fk FOREIGN KEY (parent_id) REFERENCES workgroup_posts(id);
--> statement-breakpoint
-- A professional (coordinator or member) of an active team of this municipality.
CREATE OR REPLACE FUNCTION workgroup_is_professional() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM team_memberships m JOIN teams t ON t.id = m.team_id JOIN users u ON u.id = m.user_id
    WHERE m.user_id = app_user_id() AND u.is_active AND m.municipality_id = app_municipality()
      AND m.role IN ('coordinator', 'member') AND (t.active_to IS NULL OR t.active_to >= current_date))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workgroup_is_coordinator() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM team_memberships m JOIN teams t ON t.id = m.team_id
    WHERE m.user_id = app_user_id() AND m.municipality_id = app_municipality() AND m.role = 'coordinator'
      AND (t.active_to IS NULL OR t.active_to >= current_date))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workgroup_is_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM scope_roles r WHERE r.user_id = app_user_id() AND r.municipality_id = app_municipality() AND r.role = 'admin')
$$;
--> statement-breakpoint
-- The caller's active role in the group ('facilitator', 'member') or NULL.
CREATE OR REPLACE FUNCTION workgroup_role(p_group uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.role::text FROM workgroup_members m
  WHERE m.workgroup_id = p_group AND m.user_id = app_user_id() AND m.status = 'active' AND m.municipality_id = app_municipality()
$$;
--> statement-breakpoint
-- Who may read a group and its content: its members; every professional when
-- it is open; the functional admin (steward of all groups). Partner managers
-- and controllers only through membership. Never another municipality.
CREATE OR REPLACE FUNCTION workgroup_readable(p_group uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM workgroups g WHERE g.id = p_group AND g.municipality_id = app_municipality() AND app_scope() = 'workgroup'
      AND (workgroup_role(g.id) IS NOT NULL OR (g.is_open AND workgroup_is_professional()) OR workgroup_is_admin()))
$$;
--> statement-breakpoint
-- Who manages members: facilitators, the group's creator, the functional admin.
CREATE OR REPLACE FUNCTION workgroup_manages(p_group uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM workgroups g WHERE g.id = p_group AND g.municipality_id = app_municipality() AND app_scope() = 'workgroup'
      AND (workgroup_role(g.id) = 'facilitator' OR g.created_by = app_user_id() OR workgroup_is_admin()))
$$;
--> statement-breakpoint
-- Everyone who may read the group (for @mentions): active users of the municipality.
CREATE OR REPLACE FUNCTION workgroup_readers(p_group uuid) RETURNS TABLE (id uuid, email text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.email, u.name FROM users u JOIN workgroups g ON g.id = p_group AND g.municipality_id = u.municipality_id
  WHERE u.is_active AND u.municipality_id = app_municipality() AND workgroup_readable(p_group) AND (
    EXISTS (SELECT 1 FROM workgroup_members m WHERE m.workgroup_id = g.id AND m.user_id = u.id AND m.status = 'active')
    OR (g.is_open AND EXISTS (
      SELECT 1 FROM team_memberships m JOIN teams t ON t.id = m.team_id
      WHERE m.user_id = u.id AND m.role IN ('coordinator', 'member') AND (t.active_to IS NULL OR t.active_to >= current_date))))
$$;
--> statement-breakpoint
-- The active facilitators of a group, to tell them about a request to join.
CREATE OR REPLACE FUNCTION workgroup_facilitators(p_group uuid) RETURNS TABLE (id uuid, email text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.email, u.name FROM workgroup_members m JOIN users u ON u.id = m.user_id
  WHERE m.workgroup_id = p_group AND m.municipality_id = app_municipality() AND m.role = 'facilitator' AND m.status = 'active' AND u.is_active
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION workgroup_facilitators(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION workgroup_facilitators(uuid) TO app_user;
--> statement-breakpoint
REVOKE ALL ON FUNCTION workgroup_is_professional(), workgroup_is_coordinator(), workgroup_is_admin(), workgroup_role(uuid), workgroup_readable(uuid), workgroup_manages(uuid), workgroup_readers(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION workgroup_is_professional(), workgroup_is_coordinator(), workgroup_is_admin(), workgroup_role(uuid), workgroup_readable(uuid), workgroup_manages(uuid), workgroup_readers(uuid) TO app_user;
--> statement-breakpoint
GRANT SELECT (id, municipality_id, slug, name, description, is_open, created_by, created_at, search) ON workgroups TO app_user;
--> statement-breakpoint
GRANT INSERT ON workgroups TO app_user;
--> statement-breakpoint
GRANT UPDATE (name, description, is_open) ON workgroups TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON workgroup_members TO app_user;
--> statement-breakpoint
GRANT UPDATE (role, status, approved_by) ON workgroup_members TO app_user;
--> statement-breakpoint
GRANT SELECT ON workgroup_posts TO app_user;
--> statement-breakpoint
GRANT INSERT ON workgroup_posts TO app_user;
--> statement-breakpoint
-- Posts are never edited by app_user; a facilitator may only hide one.
GRANT UPDATE (hidden_at, hidden_by, hidden_reason) ON workgroup_posts TO app_user;
--> statement-breakpoint
GRANT SELECT ON handbook_pages TO app_user;
--> statement-breakpoint
GRANT INSERT ON handbook_pages TO app_user;
--> statement-breakpoint
GRANT UPDATE (title, body, version, updated_by, updated_at) ON handbook_pages TO app_user;
--> statement-breakpoint
-- Versions are append-only for app_user: history is never rewritten.
GRANT SELECT, INSERT ON handbook_versions TO app_user;
--> statement-breakpoint
ALTER TABLE workgroups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workgroup_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workgroup_posts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE handbook_pages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE handbook_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A group's name and description (not its content) are listed for every
-- professional, so a closed group can be found and asked to join.
CREATE POLICY workgroups_read ON workgroups FOR SELECT USING (
  municipality_id = app_municipality() AND app_scope() = 'workgroup'
  AND (workgroup_role(id) IS NOT NULL OR workgroup_is_professional() OR workgroup_is_admin()));
--> statement-breakpoint
CREATE POLICY workgroups_insert ON workgroups FOR INSERT WITH CHECK (
  app_scope() = 'workgroup' AND municipality_id = app_municipality() AND created_by = app_user_id()
  AND (workgroup_is_admin() OR workgroup_is_coordinator()));
--> statement-breakpoint
CREATE POLICY workgroups_update ON workgroups FOR UPDATE USING (workgroup_manages(id)) WITH CHECK (workgroup_manages(id));
--> statement-breakpoint
-- Members: whoever reads the group sees who is in it; everyone sees their own request.
CREATE POLICY workgroup_members_read ON workgroup_members FOR SELECT
  USING (municipality_id = app_municipality() AND (workgroup_readable(workgroup_id) OR user_id = app_user_id()));
--> statement-breakpoint
-- Joining an open group (professionals), asking to join a closed one, or being added by a manager.
CREATE POLICY workgroup_members_insert ON workgroup_members FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND app_scope() = 'workgroup' AND (
    workgroup_manages(workgroup_id)
    OR (user_id = app_user_id() AND role = 'member' AND approved_by IS NULL AND workgroup_is_professional() AND EXISTS (
      SELECT 1 FROM workgroups g WHERE g.id = workgroup_id AND g.municipality_id = app_municipality()
        AND ((g.is_open AND status = 'active') OR (NOT g.is_open AND status = 'requested'))))));
--> statement-breakpoint
CREATE POLICY workgroup_members_update ON workgroup_members FOR UPDATE
  USING (municipality_id = app_municipality() AND workgroup_manages(workgroup_id))
  WITH CHECK (municipality_id = app_municipality() AND workgroup_manages(workgroup_id));
--> statement-breakpoint
CREATE POLICY workgroup_members_delete ON workgroup_members FOR DELETE
  USING (municipality_id = app_municipality() AND (user_id = app_user_id() OR workgroup_manages(workgroup_id)));
--> statement-breakpoint
CREATE POLICY workgroup_posts_read ON workgroup_posts FOR SELECT USING (municipality_id = app_municipality() AND workgroup_readable(workgroup_id));
--> statement-breakpoint
CREATE POLICY workgroup_posts_insert ON workgroup_posts FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND author_id = app_user_id() AND hidden_at IS NULL AND workgroup_role(workgroup_id) IS NOT NULL AND workgroup_readable(workgroup_id));
--> statement-breakpoint
CREATE POLICY workgroup_posts_hide ON workgroup_posts FOR UPDATE
  USING (municipality_id = app_municipality() AND workgroup_role(workgroup_id) = 'facilitator' AND workgroup_readable(workgroup_id))
  WITH CHECK (hidden_by = app_user_id() AND hidden_at IS NOT NULL);
--> statement-breakpoint
-- The handbook: the city-wide one (workgroup_id NULL) is read by everyone of
-- the municipality and edited by coordinators and the functional admin; a
-- group's pages follow the group (read: readers, edit: active members).
CREATE POLICY handbook_pages_read ON handbook_pages FOR SELECT USING (
  municipality_id = app_municipality() AND app_scope() = 'workgroup' AND (workgroup_id IS NULL OR workgroup_readable(workgroup_id)));
--> statement-breakpoint
CREATE POLICY handbook_pages_write ON handbook_pages FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND app_scope() = 'workgroup' AND updated_by = app_user_id() AND (
    (workgroup_id IS NULL AND (workgroup_is_admin() OR workgroup_is_coordinator()))
    OR (workgroup_id IS NOT NULL AND workgroup_role(workgroup_id) IS NOT NULL)));
--> statement-breakpoint
CREATE POLICY handbook_pages_update ON handbook_pages FOR UPDATE USING (
  municipality_id = app_municipality() AND app_scope() = 'workgroup' AND (
    (workgroup_id IS NULL AND (workgroup_is_admin() OR workgroup_is_coordinator()))
    OR (workgroup_id IS NOT NULL AND workgroup_role(workgroup_id) IS NOT NULL)))
  WITH CHECK (updated_by = app_user_id());
--> statement-breakpoint
CREATE POLICY handbook_versions_read ON handbook_versions FOR SELECT USING (
  municipality_id = app_municipality() AND app_scope() = 'workgroup' AND (workgroup_id IS NULL OR workgroup_readable(workgroup_id)));
--> statement-breakpoint
-- A version belongs to its page (same municipality and group) and is written by the caller; the page's own policy decided who may edit.
CREATE POLICY handbook_versions_insert ON handbook_versions FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND author_id = app_user_id() AND EXISTS (
    SELECT 1 FROM handbook_pages p WHERE p.id = page_id AND p.municipality_id = handbook_versions.municipality_id
      AND p.workgroup_id IS NOT DISTINCT FROM handbook_versions.workgroup_id AND p.version = handbook_versions.version AND p.updated_by = app_user_id()));
