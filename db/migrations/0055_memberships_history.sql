-- Issue 20: memberships over time. A membership is a period [valid_from,
-- valid_to) and is never deleted; its terms (team role, contracted hours,
-- disciplines, secondment) change from a date in membership_terms. "Member
-- now" has ONE definition: the view active_team_memberships (Amsterdam date,
-- app_today()); every RLS helper below reads it. Any past date or month reads
-- team_membership_periods.
CREATE TABLE "membership_terms" (
	"municipality_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"role" "team_role" NOT NULL,
	"contracted_hours_per_week" numeric(4, 1),
	"disciplines" text[] DEFAULT '{}'::text[] NOT NULL,
	"seconded" boolean DEFAULT false NOT NULL,
	"seconded_to" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_terms_municipality_id_membership_id_valid_from_pk" PRIMARY KEY("municipality_id","membership_id","valid_from"),
	CONSTRAINT "membership_terms_secondment" CHECK ((not "membership_terms"."seconded" and "membership_terms"."seconded_to" is null) or ("membership_terms"."seconded" and length(trim("membership_terms"."seconded_to")) > 0))
);
--> statement-breakpoint
ALTER TABLE "team_memberships" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "team_memberships" ADD COLUMN "valid_to" date;--> statement-breakpoint
-- Every existing membership becomes an open period from its creation day
-- (Amsterdam), with its current role and hours and the person's discipline.
UPDATE "team_memberships" SET "valid_from" = ("created_at" AT TIME ZONE 'Europe/Amsterdam')::date;--> statement-breakpoint
ALTER TABLE "team_memberships" ALTER COLUMN "valid_from" SET NOT NULL;--> statement-breakpoint
INSERT INTO "membership_terms" ("municipality_id", "membership_id", "team_id", "user_id", "valid_from", "role", "contracted_hours_per_week", "disciplines", "created_at")
SELECT m."municipality_id", m."id", m."team_id", m."user_id", m."valid_from", m."role", m."contracted_hours_per_week",
       CASE WHEN u."discipline" IS NULL THEN '{}'::text[] ELSE ARRAY[u."discipline"] END, m."created_at"
FROM "team_memberships" m JOIN "users" u ON u."id" = m."user_id";--> statement-breakpoint
ALTER TABLE "team_memberships" DROP COLUMN "role";--> statement-breakpoint
ALTER TABLE "team_memberships" DROP COLUMN "contracted_hours_per_week";--> statement-breakpoint
DROP INDEX "team_memberships_team_user";--> statement-breakpoint
ALTER TABLE "membership_terms" ADD CONSTRAINT "membership_terms_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_terms" ADD CONSTRAINT "membership_terms_membership_id_team_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."team_memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_terms" ADD CONSTRAINT "membership_terms_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_terms" ADD CONSTRAINT "membership_terms_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_terms" ADD CONSTRAINT "membership_terms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "membership_terms_team" ON "membership_terms" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "membership_terms_user" ON "membership_terms" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_memberships_open" ON "team_memberships" USING btree ("municipality_id","team_id","user_id") WHERE "team_memberships"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "team_memberships_team_user" ON "team_memberships" USING btree ("team_id","user_id");--> statement-breakpoint
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_period" CHECK ("team_memberships"."valid_to" is null or "team_memberships"."valid_to" >= "team_memberships"."valid_from");--> statement-breakpoint

-- Never deleted: the application role loses DELETE on memberships; terms are
-- inserted (a change from a date) or replaced for the same date.
REVOKE DELETE ON team_memberships FROM app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON membership_terms TO app_user;--> statement-breakpoint
ALTER TABLE membership_terms ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY membership_terms_tenant ON membership_terms
  USING (team_id = (SELECT app_tenant())) WITH CHECK (team_id = (SELECT app_tenant()));--> statement-breakpoint
CREATE POLICY membership_terms_admin ON membership_terms
  USING ((SELECT app_scope()) = 'admin' AND municipality_id = (SELECT app_municipality()))
  WITH CHECK ((SELECT app_scope()) = 'admin' AND municipality_id = (SELECT app_municipality()));--> statement-breakpoint
CREATE POLICY membership_terms_partner_read ON membership_terms FOR SELECT
  USING ((SELECT app_scope()) = 'partner' AND municipality_id = (SELECT app_municipality())
         AND user_id IN (SELECT u.id FROM users u WHERE u.partner_organisation_id = (SELECT app_partner())));--> statement-breakpoint

-- Today in Maastricht: the date every "now" question uses.
CREATE OR REPLACE FUNCTION app_today() RETURNS date
LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date $$;--> statement-breakpoint
-- The one rule: a period [p_from, p_to) contains p_day (p_to NULL = open).
CREATE OR REPLACE FUNCTION period_contains(p_from date, p_to date, p_day date) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT p_from <= p_day AND (p_to IS NULL OR p_to > p_day) $$;--> statement-breakpoint
-- A period [p_from, p_to) overlaps the days p_first..p_last (inclusive).
CREATE OR REPLACE FUNCTION period_overlaps(p_from date, p_to date, p_first date, p_last date) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT p_from <= p_last AND (p_to IS NULL OR p_to > p_first) $$;--> statement-breakpoint

-- Each set of terms as a period: from its date (the first terms from the
-- membership's start) to the next terms' date or the membership's end. security_invoker:
-- the caller's RLS on both tables applies.
CREATE VIEW team_membership_periods WITH (security_invoker = true) AS
SELECT p.* FROM (
  SELECT m.id, m.municipality_id, m.team_id, m.user_id, t.role, t.contracted_hours_per_week,
         -- No disciplines recorded: the person's own discipline (users.discipline), if any.
         CASE WHEN cardinality(t.disciplines) > 0 THEN t.disciplines
              ELSE coalesce((SELECT ARRAY[u.discipline] FROM users u WHERE u.id = m.user_id AND u.discipline IS NOT NULL), '{}'::text[]) END AS disciplines,
         t.seconded, t.seconded_to,
         CASE WHEN n.has_earlier THEN greatest(t.valid_from, m.valid_from) ELSE m.valid_from END AS valid_from,
         CASE
           WHEN n.next_from IS NULL THEN m.valid_to
           WHEN m.valid_to IS NULL THEN n.next_from
           ELSE least(n.next_from, m.valid_to)
         END AS valid_to,
         m.valid_from AS member_since, m.valid_to AS member_until
  FROM team_memberships m
  JOIN membership_terms t ON t.municipality_id = m.municipality_id AND t.membership_id = m.id
  LEFT JOIN LATERAL (
    SELECT min(x.valid_from) FILTER (WHERE x.valid_from > t.valid_from) AS next_from,
           coalesce(bool_or(x.valid_from < t.valid_from), false) AS has_earlier
    FROM membership_terms x
    WHERE x.municipality_id = t.municipality_id AND x.membership_id = t.membership_id
  ) n ON true
) p
WHERE p.valid_to IS NULL OR p.valid_to > p.valid_from;--> statement-breakpoint
-- Member now: the period that contains today.
CREATE VIEW active_team_memberships WITH (security_invoker = true) AS
SELECT * FROM team_membership_periods WHERE period_contains(valid_from, valid_to, app_today());--> statement-breakpoint
GRANT SELECT ON team_membership_periods, active_team_memberships TO app_user;--> statement-breakpoint

-- The RLS helpers and workflow functions, unchanged but for reading the
-- active memberships instead of every row.
-- from 0006_notifications_rls.sql
CREATE OR REPLACE FUNCTION workflow_recipients(p_role text, p_team uuid)
RETURNS TABLE (id uuid, email text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.email, u.name FROM users u
  WHERE u.is_active AND u.municipality_id = app_municipality() AND (
    (p_role IN ('coordinator', 'member') AND EXISTS (
      SELECT 1 FROM active_team_memberships m WHERE m.user_id = u.id AND m.team_id = p_team AND m.role::text = p_role))
    OR (p_role IN ('controller', 'admin') AND EXISTS (
      SELECT 1 FROM scope_roles r WHERE r.user_id = u.id AND r.municipality_id = app_municipality() AND r.role::text = p_role)))
$$;
--> statement-breakpoint
-- from 0011_workgroups.sql
CREATE OR REPLACE FUNCTION workgroup_is_professional() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM active_team_memberships m JOIN teams t ON t.id = m.team_id JOIN users u ON u.id = m.user_id
    WHERE m.user_id = app_user_id() AND u.is_active AND m.municipality_id = app_municipality()
      AND m.role IN ('coordinator', 'member') AND (t.active_to IS NULL OR t.active_to >= current_date))
$$;
--> statement-breakpoint
-- from 0011_workgroups.sql
CREATE OR REPLACE FUNCTION workgroup_is_coordinator() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM active_team_memberships m JOIN teams t ON t.id = m.team_id
    WHERE m.user_id = app_user_id() AND m.municipality_id = app_municipality() AND m.role = 'coordinator'
      AND (t.active_to IS NULL OR t.active_to >= current_date))
$$;
--> statement-breakpoint
-- from 0011_workgroups.sql
CREATE OR REPLACE FUNCTION workgroup_readers(p_group uuid) RETURNS TABLE (id uuid, email text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.email, u.name FROM users u JOIN workgroups g ON g.id = p_group AND g.municipality_id = u.municipality_id
  WHERE u.is_active AND u.municipality_id = app_municipality() AND workgroup_readable(p_group) AND (
    EXISTS (SELECT 1 FROM workgroup_members m WHERE m.workgroup_id = g.id AND m.user_id = u.id AND m.status = 'active')
    OR (g.is_open AND EXISTS (
      SELECT 1 FROM active_team_memberships m JOIN teams t ON t.id = m.team_id
      WHERE m.user_id = u.id AND m.role IN ('coordinator', 'member') AND (t.active_to IS NULL OR t.active_to >= current_date))))
$$;
--> statement-breakpoint
-- from 0017_stories_questions.sql
CREATE OR REPLACE FUNCTION knowledge_in_team(p_team uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM active_team_memberships m JOIN teams t ON t.id = m.team_id JOIN users u ON u.id = m.user_id
    WHERE m.team_id = p_team AND m.user_id = app_user_id() AND u.is_active AND m.municipality_id = app_municipality()
      AND m.role IN ('coordinator', 'member') AND (t.active_to IS NULL OR t.active_to >= current_date))
$$;
--> statement-breakpoint
-- from 0021_step_recipients.sql
CREATE OR REPLACE FUNCTION step_recipients(p_team uuid, p_author uuid, p_audiences text[])
RETURNS TABLE (audience text, id uuid, email text, name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY
    SELECT 'author'::text, u.id, u.email, u.name FROM users u
    WHERE 'author' = ANY (p_audiences) AND u.id = p_author AND u.is_active AND u.municipality_id = app_municipality()
      AND EXISTS (SELECT 1 FROM active_team_memberships m WHERE m.user_id = u.id AND m.team_id = p_team AND m.role IN ('member', 'coordinator'))
    UNION ALL
    SELECT 'coordinators'::text, u.id, u.email, u.name FROM active_team_memberships m JOIN users u ON u.id = m.user_id
    WHERE 'coordinators' = ANY (p_audiences) AND m.team_id = p_team AND m.role = 'coordinator'
      AND u.is_active AND u.municipality_id = app_municipality()
    UNION ALL
    SELECT 'controllers'::text, u.id, u.email, u.name FROM scope_roles r JOIN users u ON u.id = r.user_id
    WHERE 'controllers' = ANY (p_audiences) AND r.municipality_id = app_municipality() AND r.role = 'controller'
      AND u.is_active AND u.municipality_id = app_municipality();
END
$$;
--> statement-breakpoint
-- from 0030_casework_rls.sql
CREATE OR REPLACE FUNCTION app_team_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.role::text FROM active_team_memberships m
  WHERE m.team_id = app_tenant() AND m.user_id = app_user_id() AND app_scope() = 'team'
$$;
--> statement-breakpoint
-- from 0030_casework_rls.sql
CREATE OR REPLACE FUNCTION case_access(p_household uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND (c.regisseur_id = app_user_id() OR c.created_by = app_user_id()))
      OR EXISTS (SELECT 1 FROM case_involved i WHERE i.household_id = h.id AND i.user_id = app_user_id()) THEN 'case_team'
    WHEN m.role = 'coordinator' THEN 'coordinator'
    WHEN EXISTS (SELECT 1 FROM case_access_grants g WHERE g.household_id = h.id AND g.user_id = app_user_id() AND g.expires_at > now()) THEN 'break_glass'
  END
  FROM households h
  JOIN active_team_memberships m ON m.team_id = h.team_id AND m.user_id = app_user_id() AND m.role IN ('coordinator', 'member')
  WHERE h.id = p_household AND h.team_id = app_tenant() AND app_scope() = 'team'
$$;
--> statement-breakpoint
-- from 0032_household_transfer.sql
CREATE OR REPLACE FUNCTION accept_household_transfer(p_transfer uuid, p_regisseur uuid, p_note text, p_default_prefix text)
RETURNS TABLE (household_id uuid, from_reference text, to_reference text, removed_involved integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  tr household_transfers%ROWTYPE;
  h households%ROWTYPE;
  v_prefix text;
  v_ref text;
  v_removed integer;
BEGIN
  IF app_scope() IS DISTINCT FROM 'team' OR app_team_role() IS DISTINCT FROM 'coordinator' THEN
    RAISE EXCEPTION 'only the receiving team''s coordinator accepts a transfer' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO tr FROM household_transfers t
    WHERE t.id = p_transfer AND t.to_team_id = app_tenant() AND t.municipality_id = app_municipality() FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no such transfer for this team' USING ERRCODE = 'P0002';
  END IF;
  IF tr.status <> 'proposed' THEN
    RAISE EXCEPTION 'transfer is not proposed' USING ERRCODE = '55000', CONSTRAINT = 'household_transfer_not_open';
  END IF;
  SELECT * INTO h FROM households x WHERE x.id = tr.household_id FOR UPDATE;
  IF NOT FOUND OR h.team_id <> tr.from_team_id THEN
    RAISE EXCEPTION 'household is no longer with the proposing team' USING ERRCODE = '55000', CONSTRAINT = 'household_transfer_not_open';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM active_team_memberships m JOIN users u ON u.id = m.user_id
                 WHERE m.team_id = tr.to_team_id AND m.user_id = p_regisseur AND m.role IN ('coordinator', 'member') AND u.is_active) THEN
    RAISE EXCEPTION 'the regisseur must be a professional of the receiving team' USING ERRCODE = '23514', CONSTRAINT = 'household_transfer_regisseur';
  END IF;

  v_prefix := coalesce((SELECT t.resident_ref_prefix FROM teams t WHERE t.id = tr.to_team_id), p_default_prefix);
  IF v_prefix IS NULL OR v_prefix !~ '^[A-Z]{1,5}$' THEN
    RAISE EXCEPTION 'invalid reference prefix' USING ERRCODE = '22023';
  END IF;
  -- One reference at a time per team (the unique index would refuse a duplicate; this avoids the retry).
  PERFORM pg_advisory_xact_lock(hashtext('household_reference:' || tr.to_team_id::text));
  SELECT v_prefix || '-' || lpad((coalesce(max(substring(x.reference FROM '-([0-9]+)$')::bigint), 0) + 1)::text, 4, '0') INTO v_ref
    FROM households x WHERE x.team_id = tr.to_team_id AND x.reference ~ ('^' || v_prefix || '-[0-9]+$');

  UPDATE households SET team_id = tr.to_team_id, reference = v_ref, updated_at = now() WHERE id = h.id;
  UPDATE household_profiles SET team_id = tr.to_team_id WHERE household_profiles.household_id = h.id;
  UPDATE household_persons SET team_id = tr.to_team_id WHERE household_persons.household_id = h.id;
  UPDATE cases SET team_id = tr.to_team_id WHERE cases.household_id = h.id;
  UPDATE cases SET regisseur_id = p_regisseur, updated_at = now() WHERE cases.household_id = h.id AND status = 'open';
  -- Involved professionals who do not work in the new team leave the case team (their access ends with it).
  DELETE FROM case_involved i WHERE i.household_id = h.id
    AND NOT EXISTS (SELECT 1 FROM active_team_memberships m WHERE m.team_id = tr.to_team_id AND m.user_id = i.user_id AND m.role IN ('coordinator', 'member'));
  GET DIAGNOSTICS v_removed = ROW_COUNT;
  UPDATE case_involved SET team_id = tr.to_team_id WHERE case_involved.household_id = h.id;
  UPDATE case_goals SET team_id = tr.to_team_id WHERE case_goals.household_id = h.id;
  UPDATE case_arrangements SET team_id = tr.to_team_id WHERE case_arrangements.household_id = h.id;
  UPDATE case_arrangement_goals SET team_id = tr.to_team_id WHERE case_arrangement_goals.household_id = h.id;
  UPDATE zrm_measurements SET team_id = tr.to_team_id WHERE zrm_measurements.household_id = h.id;
  UPDATE zrm_scores SET team_id = tr.to_team_id WHERE zrm_scores.household_id = h.id;
  UPDATE case_referrals SET team_id = tr.to_team_id WHERE case_referrals.household_id = h.id;
  UPDATE case_access_grants SET team_id = tr.to_team_id WHERE case_access_grants.household_id = h.id;

  UPDATE household_transfers t SET status = 'accepted', decided_by = app_user_id(), decided_at = now(),
    decision_note = coalesce(p_note, ''), to_reference = v_ref
    WHERE t.id = tr.id;
  RETURN QUERY SELECT h.id, h.reference, v_ref, v_removed;
END
$$;
--> statement-breakpoint
-- Missing weeks: a week counts when a period with a professional role
-- overlaps it (the person was in the team on any day of it).
CREATE OR REPLACE FUNCTION partner_missing_weeks(p_partner uuid, p_first date, p_last date, p_last_completed date)
RETURNS TABLE (partner_id uuid, team_id uuid, month int, missing int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.partner_organisation_id, m.team_id, extract(month FROM m.week_start)::int, count(*)::int
  FROM (SELECT DISTINCT p.user_id, p.team_id, w.week_start
        FROM (SELECT g::date AS week_start FROM generate_series(p_first, least(p_last, p_last_completed), interval '7 days') g) w
        JOIN team_membership_periods p ON p.municipality_id = app_municipality() AND p.role IN ('coordinator', 'member')
         AND period_overlaps(p.valid_from, p.valid_to, w.week_start, w.week_start + 6)) m
  JOIN users u ON u.id = m.user_id
  JOIN teams t ON t.id = m.team_id
  WHERE u.is_active AND u.partner_organisation_id IS NOT NULL
    AND CASE app_scope()
          WHEN 'partner' THEN u.partner_organisation_id = app_partner()
          WHEN 'municipality' THEN p_partner IS NULL OR u.partner_organisation_id = p_partner
          WHEN 'admin' THEN p_partner IS NULL OR u.partner_organisation_id = p_partner
          ELSE false
        END
    AND (p_partner IS NULL OR u.partner_organisation_id = p_partner)
    AND m.week_start + 6 >= t.active_from AND (t.active_to IS NULL OR m.week_start <= t.active_to)
    AND NOT EXISTS (SELECT 1 FROM time_registrations r
                    WHERE r.user_id = m.user_id AND r.team_id = m.team_id AND r.week_start = m.week_start)
  GROUP BY 1, 2, 3
$$;
--> statement-breakpoint
-- Workgroups per team × month: the staff placed in the team (a professional
-- period) on the month's last day, or on p_today in the running month.
CREATE OR REPLACE FUNCTION partner_workgroup_counts(p_year int, p_today date)
RETURNS TABLE (team_id uuid, month int, workgroups int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.team_id, mo.month, count(DISTINCT wm.workgroup_id)::int
  FROM generate_series(1, 12) AS mo(month)
  JOIN workgroup_members wm
    ON wm.municipality_id = app_municipality() AND wm.status = 'active'
   AND wm.created_at < ((make_date(p_year, mo.month, 1) + interval '1 month') AT TIME ZONE 'Europe/Amsterdam')
  JOIN users u ON u.id = wm.user_id AND u.is_active AND u.partner_organisation_id = app_partner()
  JOIN team_membership_periods m ON m.user_id = u.id AND m.municipality_id = app_municipality() AND m.role IN ('coordinator', 'member')
   AND period_contains(m.valid_from, m.valid_to, least((make_date(p_year, mo.month, 1) + interval '1 month' - interval '1 day')::date, p_today))
  WHERE app_scope() = 'partner'
    AND make_date(p_year, mo.month, 1) <= p_today
  GROUP BY GROUPING SETS ((m.team_id, mo.month), (mo.month))
$$;
