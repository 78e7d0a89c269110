CREATE TABLE "knowledge_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', body)) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"theme" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"best_answer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', title || ' ' || body)) STORED NOT NULL,
	CONSTRAINT "knowledge_questions_theme" CHECK ("knowledge_questions"."theme" is null or "knowledge_questions"."theme" in ('preventie', 'armoede_schulden', 'eenzaamheid', 'wonen', 'jeugd_gezin', 'participatie_werk', 'clientondersteuning', 'zichtbaarheid', 'netwerk', 'overig'))
);
--> statement-breakpoint
CREATE TABLE "story_reactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_reactions_kind" CHECK ("story_reactions"."kind" in ('mooi', 'herkenbaar', 'leerzaam'))
);
--> statement-breakpoint
CREATE TABLE "success_stories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"workgroup_id" uuid,
	"theme" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', title || ' ' || body)) STORED NOT NULL,
	CONSTRAINT "success_stories_theme" CHECK ("success_stories"."theme" in ('preventie', 'armoede_schulden', 'eenzaamheid', 'wonen', 'jeugd_gezin', 'participatie_werk', 'clientondersteuning', 'zichtbaarheid', 'netwerk', 'overig'))
);
--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_question_id_knowledge_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."knowledge_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_questions" ADD CONSTRAINT "knowledge_questions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_questions" ADD CONSTRAINT "knowledge_questions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_reactions" ADD CONSTRAINT "story_reactions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_reactions" ADD CONSTRAINT "story_reactions_story_id_success_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."success_stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_reactions" ADD CONSTRAINT "story_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_stories" ADD CONSTRAINT "success_stories_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_stories" ADD CONSTRAINT "success_stories_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_stories" ADD CONSTRAINT "success_stories_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_stories" ADD CONSTRAINT "success_stories_workgroup_id_workgroups_id_fk" FOREIGN KEY ("workgroup_id") REFERENCES "public"."workgroups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_answers_question" ON "knowledge_answers" USING btree ("question_id","created_at");--> statement-breakpoint
CREATE INDEX "knowledge_answers_search" ON "knowledge_answers" USING gin ("search");--> statement-breakpoint
CREATE INDEX "knowledge_questions_list" ON "knowledge_questions" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE INDEX "knowledge_questions_search" ON "knowledge_questions" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "story_reactions_one_per_kind" ON "story_reactions" USING btree ("story_id","user_id","kind");--> statement-breakpoint
CREATE INDEX "success_stories_wall" ON "success_stories" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE INDEX "success_stories_search" ON "success_stories" USING gin ("search");--> statement-breakpoint
-- Grants and row-level security (drizzle-kit emits neither). Stories and
-- questions are city-wide: read in the scope 'workgroup' by every
-- professional (coordinator or member of an active team), the functional
-- admin and the controller of the municipality; partner managers and
-- volunteers do not read them. See docs/decisions/0007-workgroups-access.md.
ALTER TABLE knowledge_questions ADD CONSTRAINT knowledge_questions_best_answer_fk FOREIGN KEY (best_answer_id) REFERENCES knowledge_answers(id);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION knowledge_is_controller() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM scope_roles r WHERE r.user_id = app_user_id() AND r.municipality_id = app_municipality() AND r.role = 'controller')
$$;
--> statement-breakpoint
-- Who reads the wall and the questions.
CREATE OR REPLACE FUNCTION knowledge_reader() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT app_scope() = 'workgroup' AND (workgroup_is_professional() OR workgroup_is_admin() OR knowledge_is_controller())
$$;
--> statement-breakpoint
-- Who asks and answers questions.
CREATE OR REPLACE FUNCTION knowledge_writer() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT app_scope() = 'workgroup' AND (workgroup_is_professional() OR workgroup_is_admin())
$$;
--> statement-breakpoint
-- The caller is a professional (coordinator or member) of this active team: a story comes from the author's own team.
CREATE OR REPLACE FUNCTION knowledge_in_team(p_team uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM team_memberships m JOIN teams t ON t.id = m.team_id JOIN users u ON u.id = m.user_id
    WHERE m.team_id = p_team AND m.user_id = app_user_id() AND u.is_active AND m.municipality_id = app_municipality()
      AND m.role IN ('coordinator', 'member') AND (t.active_to IS NULL OR t.active_to >= current_date))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION knowledge_is_controller(), knowledge_reader(), knowledge_writer(), knowledge_in_team(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION knowledge_is_controller(), knowledge_reader(), knowledge_writer(), knowledge_in_team(uuid) TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON success_stories TO app_user;
--> statement-breakpoint
-- The team, author and municipality of a story never change.
GRANT UPDATE (title, body, theme, workgroup_id, updated_at) ON success_stories TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON story_reactions TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT ON knowledge_questions TO app_user;
--> statement-breakpoint
-- The asker only marks (or changes) the most helpful answer.
GRANT UPDATE (best_answer_id) ON knowledge_questions TO app_user;
--> statement-breakpoint
-- Answers are never edited or deleted by app_user.
GRANT SELECT, INSERT ON knowledge_answers TO app_user;
--> statement-breakpoint
ALTER TABLE success_stories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE story_reactions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE knowledge_questions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE knowledge_answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY success_stories_read ON success_stories FOR SELECT USING (municipality_id = app_municipality() AND knowledge_reader());
--> statement-breakpoint
CREATE POLICY success_stories_insert ON success_stories FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND app_scope() = 'workgroup' AND author_id = app_user_id() AND knowledge_in_team(team_id)
  AND (workgroup_id IS NULL OR workgroup_readable(workgroup_id)));
--> statement-breakpoint
CREATE POLICY success_stories_update ON success_stories FOR UPDATE
  USING (municipality_id = app_municipality() AND app_scope() = 'workgroup' AND (author_id = app_user_id() OR workgroup_is_admin()))
  WITH CHECK (municipality_id = app_municipality() AND (author_id = app_user_id() OR workgroup_is_admin()) AND (workgroup_id IS NULL OR workgroup_readable(workgroup_id)));
--> statement-breakpoint
CREATE POLICY success_stories_delete ON success_stories FOR DELETE
  USING (municipality_id = app_municipality() AND app_scope() = 'workgroup' AND (author_id = app_user_id() OR workgroup_is_admin()));
--> statement-breakpoint
CREATE POLICY story_reactions_read ON story_reactions FOR SELECT USING (municipality_id = app_municipality() AND knowledge_reader());
--> statement-breakpoint
CREATE POLICY story_reactions_insert ON story_reactions FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND user_id = app_user_id() AND knowledge_reader()
  AND EXISTS (SELECT 1 FROM success_stories s WHERE s.id = story_id AND s.municipality_id = app_municipality()));
--> statement-breakpoint
CREATE POLICY story_reactions_delete ON story_reactions FOR DELETE USING (municipality_id = app_municipality() AND user_id = app_user_id() AND knowledge_reader());
--> statement-breakpoint
CREATE POLICY knowledge_questions_read ON knowledge_questions FOR SELECT USING (municipality_id = app_municipality() AND knowledge_reader());
--> statement-breakpoint
CREATE POLICY knowledge_questions_insert ON knowledge_questions FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND author_id = app_user_id() AND best_answer_id IS NULL AND knowledge_writer());
--> statement-breakpoint
-- Only the asker marks the most helpful answer, and only an answer to this question.
CREATE POLICY knowledge_questions_best_answer ON knowledge_questions FOR UPDATE
  USING (municipality_id = app_municipality() AND author_id = app_user_id() AND knowledge_reader())
  WITH CHECK (author_id = app_user_id() AND (best_answer_id IS NULL OR EXISTS (
    SELECT 1 FROM knowledge_answers a WHERE a.id = best_answer_id AND a.question_id = knowledge_questions.id)));
--> statement-breakpoint
CREATE POLICY knowledge_answers_read ON knowledge_answers FOR SELECT USING (municipality_id = app_municipality() AND knowledge_reader());
--> statement-breakpoint
CREATE POLICY knowledge_answers_insert ON knowledge_answers FOR INSERT WITH CHECK (
  municipality_id = app_municipality() AND author_id = app_user_id() AND knowledge_writer()
  AND EXISTS (SELECT 1 FROM knowledge_questions q WHERE q.id = question_id AND q.municipality_id = app_municipality()));
