CREATE TYPE "public"."proposal_position" AS ENUM('agree', 'abstain', 'disagree', 'block');--> statement-breakpoint
CREATE TABLE "workgroup_action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"workgroup_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workgroup_action_items_done" CHECK (("workgroup_action_items"."done_at" is null) = ("workgroup_action_items"."done_by" is null))
);
--> statement-breakpoint
CREATE TABLE "workgroup_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"workgroup_id" uuid NOT NULL,
	"meeting_id" uuid,
	"proposal_id" uuid,
	"handbook_page_id" uuid,
	"text" text NOT NULL,
	"decided_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workgroup_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"workgroup_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"starts_at" text,
	"agenda" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workgroup_meetings_time" CHECK ("workgroup_meetings"."starts_at" is null or "workgroup_meetings"."starts_at" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "workgroup_proposal_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"workgroup_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position" "proposal_position" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workgroup_proposal_responses_reason" CHECK ("workgroup_proposal_responses"."position" in ('agree', 'abstain') or length(btrim("workgroup_proposal_responses"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "workgroup_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"workgroup_id" uuid NOT NULL,
	"meeting_id" uuid,
	"handbook_page_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"closes_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"outcome" text,
	CONSTRAINT "workgroup_proposals_closed" CHECK (("workgroup_proposals"."closed_at" is null) = ("workgroup_proposals"."closed_by" is null) and ("workgroup_proposals"."closed_at" is null) = ("workgroup_proposals"."outcome" is null))
);
--> statement-breakpoint
ALTER TABLE "workgroup_action_items" ADD CONSTRAINT "workgroup_action_items_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_action_items" ADD CONSTRAINT "workgroup_action_items_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_action_items" ADD CONSTRAINT "workgroup_action_items_meeting_id_workgroup_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."workgroup_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_action_items" ADD CONSTRAINT "workgroup_action_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_action_items" ADD CONSTRAINT "workgroup_action_items_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_action_items" ADD CONSTRAINT "workgroup_action_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_decisions" ADD CONSTRAINT "workgroup_decisions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_decisions" ADD CONSTRAINT "workgroup_decisions_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_decisions" ADD CONSTRAINT "workgroup_decisions_meeting_id_workgroup_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."workgroup_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_decisions" ADD CONSTRAINT "workgroup_decisions_proposal_id_workgroup_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."workgroup_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_decisions" ADD CONSTRAINT "workgroup_decisions_handbook_page_id_handbook_pages_id_fk" FOREIGN KEY ("handbook_page_id") REFERENCES "public"."handbook_pages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_decisions" ADD CONSTRAINT "workgroup_decisions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_meetings" ADD CONSTRAINT "workgroup_meetings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_meetings" ADD CONSTRAINT "workgroup_meetings_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_meetings" ADD CONSTRAINT "workgroup_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_meetings" ADD CONSTRAINT "workgroup_meetings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_proposal_responses" ADD CONSTRAINT "workgroup_proposal_responses_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_proposal_responses" ADD CONSTRAINT "workgroup_proposal_responses_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_proposal_responses" ADD CONSTRAINT "workgroup_proposal_responses_proposal_id_workgroup_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."workgroup_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_proposal_responses" ADD CONSTRAINT "workgroup_proposal_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_proposals" ADD CONSTRAINT "workgroup_proposals_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_proposals" ADD CONSTRAINT "workgroup_proposals_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_proposals" ADD CONSTRAINT "workgroup_proposals_meeting_id_workgroup_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."workgroup_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_proposals" ADD CONSTRAINT "workgroup_proposals_handbook_page_id_handbook_pages_id_fk" FOREIGN KEY ("handbook_page_id") REFERENCES "public"."handbook_pages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_proposals" ADD CONSTRAINT "workgroup_proposals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workgroup_proposals" ADD CONSTRAINT "workgroup_proposals_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workgroup_action_items_meeting" ON "workgroup_action_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "workgroup_action_items_owner" ON "workgroup_action_items" USING btree ("owner_id","due_on");--> statement-breakpoint
CREATE INDEX "workgroup_decisions_group" ON "workgroup_decisions" USING btree ("workgroup_id","decided_on");--> statement-breakpoint
CREATE UNIQUE INDEX "workgroup_decisions_proposal" ON "workgroup_decisions" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "workgroup_decisions_page" ON "workgroup_decisions" USING btree ("handbook_page_id");--> statement-breakpoint
CREATE INDEX "workgroup_meetings_group" ON "workgroup_meetings" USING btree ("workgroup_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "workgroup_proposal_responses_one" ON "workgroup_proposal_responses" USING btree ("proposal_id","user_id");--> statement-breakpoint
CREATE INDEX "workgroup_proposals_group" ON "workgroup_proposals" USING btree ("workgroup_id","created_at");--> statement-breakpoint
-- Grants and row-level security for meetings, decisions, action items and
-- proposals (drizzle-kit emits neither). Same scope as the rest of a group's
-- content (0011): whoever may read the group reads them (workgroup_readable);
-- active members write; facilitators close proposals. Every row names its
-- group; rows that point to a meeting, proposal or handbook page must point
-- into the same group. See docs/workgroups.md.
-- An active member of the group (any user, not only the caller): owners of action items.
CREATE OR REPLACE FUNCTION workgroup_is_member(p_group uuid, p_user uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM workgroup_members m
    WHERE m.workgroup_id = p_group AND m.user_id = p_user AND m.status = 'active' AND m.municipality_id = app_municipality())
$$;
--> statement-breakpoint
-- Today in Maastricht: a proposal takes responses until the end of its closing day.
CREATE OR REPLACE FUNCTION workgroup_today() RETURNS date LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION workgroup_is_member(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION workgroup_is_member(uuid, uuid), workgroup_today() TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT ON workgroup_meetings TO app_user;
--> statement-breakpoint
GRANT UPDATE (held_on, starts_at, agenda, notes, updated_by, updated_at) ON workgroup_meetings TO app_user;
--> statement-breakpoint
-- Decisions are the group's record: app_user adds them, never changes or removes them.
GRANT SELECT, INSERT ON workgroup_decisions TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT ON workgroup_action_items TO app_user;
--> statement-breakpoint
-- Only done / not done changes after an action item is made.
GRANT UPDATE (done_at, done_by) ON workgroup_action_items TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT ON workgroup_proposals TO app_user;
--> statement-breakpoint
-- A proposal's text stays as it was put to the group; only closing it changes the row.
GRANT UPDATE (closed_at, closed_by, outcome) ON workgroup_proposals TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT ON workgroup_proposal_responses TO app_user;
--> statement-breakpoint
GRANT UPDATE (position, reason, updated_at) ON workgroup_proposal_responses TO app_user;
--> statement-breakpoint
ALTER TABLE workgroup_meetings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workgroup_decisions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workgroup_action_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workgroup_proposals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workgroup_proposal_responses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workgroup_meetings_read ON workgroup_meetings FOR SELECT USING (municipality_id = app_municipality() AND workgroup_readable(workgroup_id));
--> statement-breakpoint
CREATE POLICY workgroup_meetings_insert ON workgroup_meetings FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND created_by = app_user_id() AND updated_by = app_user_id()
  AND workgroup_role(workgroup_id) IS NOT NULL AND workgroup_readable(workgroup_id));
--> statement-breakpoint
CREATE POLICY workgroup_meetings_update ON workgroup_meetings FOR UPDATE
  USING (municipality_id = app_municipality() AND workgroup_role(workgroup_id) IS NOT NULL AND workgroup_readable(workgroup_id))
  WITH CHECK (updated_by = app_user_id());
--> statement-breakpoint
CREATE POLICY workgroup_decisions_read ON workgroup_decisions FOR SELECT USING (municipality_id = app_municipality() AND workgroup_readable(workgroup_id));
--> statement-breakpoint
-- Members record decisions at a meeting; a proposal's outcome is recorded by a facilitator.
CREATE POLICY workgroup_decisions_insert ON workgroup_decisions FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND recorded_by = app_user_id() AND workgroup_readable(workgroup_id)
  AND (CASE WHEN proposal_id IS NULL THEN workgroup_role(workgroup_id) IS NOT NULL ELSE workgroup_role(workgroup_id) = 'facilitator' END)
  AND (meeting_id IS NULL OR EXISTS (SELECT 1 FROM workgroup_meetings x WHERE x.id = meeting_id AND x.workgroup_id = workgroup_decisions.workgroup_id))
  AND (proposal_id IS NULL OR EXISTS (SELECT 1 FROM workgroup_proposals x WHERE x.id = proposal_id AND x.workgroup_id = workgroup_decisions.workgroup_id AND x.closed_at IS NOT NULL))
  AND (handbook_page_id IS NULL OR EXISTS (SELECT 1 FROM handbook_pages x WHERE x.id = handbook_page_id AND x.workgroup_id = workgroup_decisions.workgroup_id)));
--> statement-breakpoint
CREATE POLICY workgroup_action_items_read ON workgroup_action_items FOR SELECT USING (municipality_id = app_municipality() AND workgroup_readable(workgroup_id));
--> statement-breakpoint
CREATE POLICY workgroup_action_items_insert ON workgroup_action_items FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND created_by = app_user_id() AND done_at IS NULL
  AND workgroup_role(workgroup_id) IS NOT NULL AND workgroup_readable(workgroup_id) AND workgroup_is_member(workgroup_id, owner_id)
  AND EXISTS (SELECT 1 FROM workgroup_meetings x WHERE x.id = meeting_id AND x.workgroup_id = workgroup_action_items.workgroup_id));
--> statement-breakpoint
-- Done / not done: the owner, or a facilitator of the group.
CREATE POLICY workgroup_action_items_toggle ON workgroup_action_items FOR UPDATE
  USING (municipality_id = app_municipality() AND workgroup_readable(workgroup_id)
    AND ((owner_id = app_user_id() AND workgroup_role(workgroup_id) IS NOT NULL) OR workgroup_role(workgroup_id) = 'facilitator'))
  WITH CHECK ((done_at IS NULL AND done_by IS NULL) OR done_by = app_user_id());
--> statement-breakpoint
CREATE POLICY workgroup_proposals_read ON workgroup_proposals FOR SELECT USING (municipality_id = app_municipality() AND workgroup_readable(workgroup_id));
--> statement-breakpoint
CREATE POLICY workgroup_proposals_insert ON workgroup_proposals FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND created_by = app_user_id() AND closed_at IS NULL
  AND workgroup_role(workgroup_id) IS NOT NULL AND workgroup_readable(workgroup_id)
  AND (meeting_id IS NULL OR EXISTS (SELECT 1 FROM workgroup_meetings x WHERE x.id = meeting_id AND x.workgroup_id = workgroup_proposals.workgroup_id))
  AND (handbook_page_id IS NULL OR EXISTS (SELECT 1 FROM handbook_pages x WHERE x.id = handbook_page_id AND x.workgroup_id = workgroup_proposals.workgroup_id)));
--> statement-breakpoint
-- Closing: facilitators only, once.
CREATE POLICY workgroup_proposals_close ON workgroup_proposals FOR UPDATE
  USING (municipality_id = app_municipality() AND closed_at IS NULL AND workgroup_role(workgroup_id) = 'facilitator' AND workgroup_readable(workgroup_id))
  WITH CHECK (closed_by = app_user_id() AND closed_at IS NOT NULL);
--> statement-breakpoint
CREATE POLICY workgroup_proposal_responses_read ON workgroup_proposal_responses FOR SELECT USING (municipality_id = app_municipality() AND workgroup_readable(workgroup_id));
--> statement-breakpoint
-- One's own response, as an active member, while the proposal is open (not closed, closing day not past).
CREATE POLICY workgroup_proposal_responses_insert ON workgroup_proposal_responses FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND user_id = app_user_id() AND workgroup_role(workgroup_id) IS NOT NULL AND workgroup_readable(workgroup_id)
  AND EXISTS (SELECT 1 FROM workgroup_proposals p WHERE p.id = proposal_id AND p.workgroup_id = workgroup_proposal_responses.workgroup_id
    AND p.closed_at IS NULL AND p.closes_on >= workgroup_today()));
--> statement-breakpoint
CREATE POLICY workgroup_proposal_responses_update ON workgroup_proposal_responses FOR UPDATE
  USING (municipality_id = app_municipality() AND user_id = app_user_id() AND workgroup_role(workgroup_id) IS NOT NULL AND workgroup_readable(workgroup_id)
    AND EXISTS (SELECT 1 FROM workgroup_proposals p WHERE p.id = proposal_id AND p.closed_at IS NULL AND p.closes_on >= workgroup_today()))
  WITH CHECK (user_id = app_user_id());
