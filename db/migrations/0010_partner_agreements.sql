CREATE TABLE "agreement_contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"discipline" text NOT NULL,
	"hours_per_week" numeric(5, 1) NOT NULL,
	CONSTRAINT "agreement_contributions_hours" CHECK ("agreement_contributions"."hours_per_week" > 0 and "agreement_contributions"."hours_per_week" <= 999)
);
--> statement-breakpoint
CREATE TABLE "partner_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"partner_organisation_id" uuid NOT NULL,
	"kind" "funding_type" NOT NULL,
	"reference" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_agreements_period" CHECK ("partner_agreements"."valid_to" is null or "partner_agreements"."valid_to" >= "partner_agreements"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "time_registration_reminders" (
	"user_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"municipality_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "time_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"partner_organisation_id" uuid,
	"discipline" text,
	"week_start" date NOT NULL,
	"individual_hours" numeric(4, 2) DEFAULT '0' NOT NULL,
	"collective_hours" numeric(4, 2) DEFAULT '0' NOT NULL,
	"meeting_hours" numeric(4, 2) DEFAULT '0' NOT NULL,
	"workgroup_hours" numeric(4, 2) DEFAULT '0' NOT NULL,
	"other_hours" numeric(4, 2) DEFAULT '0' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_registrations_monday" CHECK (extract(isodow from "time_registrations"."week_start") = 1),
	CONSTRAINT "time_registrations_hours" CHECK ("time_registrations"."individual_hours" >= 0 and "time_registrations"."collective_hours" >= 0 and "time_registrations"."meeting_hours" >= 0 and "time_registrations"."workgroup_hours" >= 0 and "time_registrations"."other_hours" >= 0
          and "time_registrations"."individual_hours" + "time_registrations"."collective_hours" + "time_registrations"."meeting_hours" + "time_registrations"."workgroup_hours" + "time_registrations"."other_hours" <= 60
          and mod("time_registrations"."individual_hours" * 4, 1) = 0 and mod("time_registrations"."collective_hours" * 4, 1) = 0 and mod("time_registrations"."meeting_hours" * 4, 1) = 0
          and mod("time_registrations"."workgroup_hours" * 4, 1) = 0 and mod("time_registrations"."other_hours" * 4, 1) = 0)
);
--> statement-breakpoint
ALTER TABLE "agreement_contributions" ADD CONSTRAINT "agreement_contributions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_contributions" ADD CONSTRAINT "agreement_contributions_agreement_id_partner_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."partner_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_contributions" ADD CONSTRAINT "agreement_contributions_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_contributions" ADD CONSTRAINT "agreement_contributions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD CONSTRAINT "partner_agreements_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD CONSTRAINT "partner_agreements_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_registration_reminders" ADD CONSTRAINT "time_registration_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_registration_reminders" ADD CONSTRAINT "time_registration_reminders_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_registrations" ADD CONSTRAINT "time_registrations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_registrations" ADD CONSTRAINT "time_registrations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_registrations" ADD CONSTRAINT "time_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_registrations" ADD CONSTRAINT "time_registrations_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_contributions_unique" ON "agreement_contributions" USING btree ("agreement_id","team_id","discipline");--> statement-breakpoint
CREATE INDEX "agreement_contributions_team" ON "agreement_contributions" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "agreement_contributions_partner" ON "agreement_contributions" USING btree ("partner_organisation_id");--> statement-breakpoint
CREATE INDEX "partner_agreements_partner" ON "partner_agreements" USING btree ("partner_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_agreements_reference" ON "partner_agreements" USING btree ("municipality_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "time_registration_reminders_pk" ON "time_registration_reminders" USING btree ("user_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "time_registrations_user_team_week" ON "time_registrations" USING btree ("user_id","team_id","week_start");--> statement-breakpoint
CREATE INDEX "time_registrations_team_week" ON "time_registrations" USING btree ("team_id","week_start");--> statement-breakpoint
CREATE INDEX "time_registrations_partner_week" ON "time_registrations" USING btree ("partner_organisation_id","week_start");--> statement-breakpoint
-- ── Grants and row-level security ──────────────────────────────────────
-- Agreements and their contributions: the municipality (functional admin,
-- controller) reads and writes them; a partner manager reads only its own
-- partner's; a team reads the contributions agreed for that team.
GRANT SELECT, INSERT, UPDATE, DELETE ON partner_agreements, agreement_contributions TO app_user;
--> statement-breakpoint
ALTER TABLE partner_agreements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_contributions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY partner_agreements_municipality ON partner_agreements
  USING (app_scope() IN ('admin', 'municipality') AND municipality_id = app_municipality())
  WITH CHECK (app_scope() IN ('admin', 'municipality') AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY partner_agreements_partner_read ON partner_agreements FOR SELECT
  USING (app_scope() = 'partner' AND municipality_id = app_municipality() AND partner_organisation_id = app_partner());
--> statement-breakpoint
CREATE POLICY partner_agreements_team_read ON partner_agreements FOR SELECT
  USING (app_scope() = 'team' AND EXISTS (
    SELECT 1 FROM agreement_contributions c WHERE c.agreement_id = partner_agreements.id AND c.team_id = app_tenant()));
--> statement-breakpoint
CREATE POLICY agreement_contributions_municipality ON agreement_contributions
  USING (app_scope() IN ('admin', 'municipality') AND municipality_id = app_municipality())
  WITH CHECK (app_scope() IN ('admin', 'municipality') AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY agreement_contributions_partner_read ON agreement_contributions FOR SELECT
  USING (app_scope() = 'partner' AND municipality_id = app_municipality() AND partner_organisation_id = app_partner());
--> statement-breakpoint
CREATE POLICY agreement_contributions_team_read ON agreement_contributions FOR SELECT
  USING (team_id = app_tenant());
--> statement-breakpoint
-- Time registrations: the team reads its rows; a person writes only their
-- own, with their own employer; the municipality reads all, a partner
-- manager only the rows of its own staff.
GRANT SELECT, INSERT ON time_registrations TO app_user;
--> statement-breakpoint
GRANT UPDATE (individual_hours, collective_hours, meeting_hours, workgroup_hours, other_hours, partner_organisation_id, discipline, updated_at) ON time_registrations TO app_user;
--> statement-breakpoint
ALTER TABLE time_registrations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY time_registrations_team_read ON time_registrations FOR SELECT USING (team_id = app_tenant());
--> statement-breakpoint
CREATE POLICY time_registrations_own_insert ON time_registrations FOR INSERT
  WITH CHECK (team_id = app_tenant() AND user_id = app_user_id() AND municipality_id = app_municipality()
    AND partner_organisation_id IS NOT DISTINCT FROM (SELECT u.partner_organisation_id FROM users u WHERE u.id = app_user_id()));
--> statement-breakpoint
CREATE POLICY time_registrations_own_update ON time_registrations FOR UPDATE
  USING (team_id = app_tenant() AND user_id = app_user_id())
  WITH CHECK (team_id = app_tenant() AND user_id = app_user_id()
    AND partner_organisation_id IS NOT DISTINCT FROM (SELECT u.partner_organisation_id FROM users u WHERE u.id = app_user_id()));
--> statement-breakpoint
CREATE POLICY time_registrations_municipality_read ON time_registrations FOR SELECT
  USING (app_scope() IN ('admin', 'municipality') AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY time_registrations_partner_read ON time_registrations FOR SELECT
  USING (app_scope() = 'partner' AND municipality_id = app_municipality() AND partner_organisation_id = app_partner());
--> statement-breakpoint
-- Reminder markers are the scheduler's (owner connection): no grant to app_user.
ALTER TABLE time_registration_reminders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Professionals' profiles: inside the municipality as before, but a partner
-- manager sees only its own organisation's people (and itself).
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_municipality ON users
  USING (municipality_id = app_municipality()
         AND (app_scope() <> 'partner' OR partner_organisation_id = app_partner() OR id = app_user_id()))
  WITH CHECK (municipality_id = app_municipality());
--> statement-breakpoint
-- Workbudget requests stay invisible to partner managers (no policy on
-- spend_requests for the partner scope); this function hands them the one
-- thing they may know: how many requests their own staff submitted, per team
-- and month. It answers only for the caller's partner (app.partner_id).
CREATE OR REPLACE FUNCTION partner_request_counts(p_year int)
RETURNS TABLE (team_id uuid, month int, requests int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.team_id, extract(month FROM s.created_at AT TIME ZONE 'Europe/Amsterdam')::int, count(*)::int
  FROM spend_requests s JOIN users u ON u.id = s.author_id
  WHERE app_scope() = 'partner' AND s.municipality_id = app_municipality()
    AND u.partner_organisation_id = app_partner() AND s.status <> 'draft'
    AND extract(year FROM s.created_at AT TIME ZONE 'Europe/Amsterdam') = p_year
  GROUP BY 1, 2
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION partner_request_counts(int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION partner_request_counts(int) TO app_user;
--> statement-breakpoint
-- Missing weeks per partner × team × month (counts only). The municipality
-- scope cannot read team_memberships (tenant tables stay closed without a
-- tenant), so the procurement view and the partner dashboard both count
-- expected-but-unregistered weeks here: a partner manager only for its own
-- organisation, the controller and admin for any (p_partner NULL = all),
-- every other scope nothing. Weeks: Mondays from p_first to the earlier of
-- p_last and p_last_completed; a week counts once the membership existed by
-- its Sunday and while the team was active.
CREATE OR REPLACE FUNCTION partner_missing_weeks(p_partner uuid, p_first date, p_last date, p_last_completed date)
RETURNS TABLE (partner_id uuid, team_id uuid, month int, missing int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.partner_organisation_id, m.team_id, extract(month FROM w.week_start)::int, count(*)::int
  FROM (SELECT g::date AS week_start FROM generate_series(p_first, least(p_last, p_last_completed), interval '7 days') g) w
  JOIN team_memberships m ON m.municipality_id = app_municipality() AND m.role IN ('coordinator', 'member')
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
    AND w.week_start + 6 >= (m.created_at AT TIME ZONE 'Europe/Amsterdam')::date
    AND w.week_start + 6 >= t.active_from AND (t.active_to IS NULL OR w.week_start <= t.active_to)
    AND NOT EXISTS (SELECT 1 FROM time_registrations r
                    WHERE r.user_id = m.user_id AND r.team_id = m.team_id AND r.week_start = w.week_start)
  GROUP BY 1, 2, 3
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION partner_missing_weeks(uuid, date, date, date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION partner_missing_weeks(uuid, date, date, date) TO app_user;
