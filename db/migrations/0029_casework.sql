CREATE TABLE "case_access_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_access_grants_window" CHECK ("case_access_grants"."expires_at" > "case_access_grants"."granted_at" and "case_access_grants"."expires_at" <= "case_access_grants"."granted_at" + interval '8 hours')
);
--> statement-breakpoint
CREATE TABLE "case_arrangement_goals" (
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"arrangement_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	CONSTRAINT "case_arrangement_goals_arrangement_id_goal_id_pk" PRIMARY KEY("arrangement_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "case_arrangements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"layer" text NOT NULL,
	"existing" boolean DEFAULT false NOT NULL,
	"provider_id" uuid,
	"offer_id" uuid,
	"provider_name" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_arrangements_layer" CHECK ("case_arrangements"."layer" in ('own_strength', 'social_network', 'general', 'individual')),
	CONSTRAINT "case_arrangements_status" CHECK ("case_arrangements"."status" in ('planned', 'running', 'ended', 'stopped')),
	CONSTRAINT "case_arrangements_dates" CHECK ("case_arrangements"."ends_on" is null or "case_arrangements"."starts_on" is null or "case_arrangements"."ends_on" >= "case_arrangements"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "case_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"life_domain" text NOT NULL,
	"description" text NOT NULL,
	"goal_type" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_goals_type" CHECK ("case_goals"."goal_type" in ('improve', 'stabilise', 'guided_decline')),
	CONSTRAINT "case_goals_status" CHECK ("case_goals"."status" in ('open', 'achieved', 'partly_achieved', 'not_achieved'))
);
--> statement-breakpoint
CREATE TABLE "case_involved" (
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_involved_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_read_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"household_reference" text NOT NULL,
	"user_id" uuid NOT NULL,
	"part" text NOT NULL,
	"access" text NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_read_log_access" CHECK ("case_read_log"."access" in ('case_team', 'coordinator', 'break_glass'))
);
--> statement-breakpoint
CREATE TABLE "case_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"destination" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"referred_on" date NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"outcome_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_referrals_destination" CHECK ("case_referrals"."destination" in ('specialised_care', 'veiligheidshuis', 'wmo', 'youth', 'other')),
	CONSTRAINT "case_referrals_outcome" CHECK ("case_referrals"."outcome" in ('pending', 'accepted', 'declined', 'completed', 'withdrawn')),
	CONSTRAINT "case_referrals_outcome_on" CHECK (("case_referrals"."outcome" = 'pending') = ("case_referrals"."outcome_on" is null))
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"intake_on" date NOT NULL,
	"entry_route" text NOT NULL,
	"question" text DEFAULT '' NOT NULL,
	"question_type" text NOT NULL,
	"intake_notes" text DEFAULT '' NOT NULL,
	"regisseur_id" uuid NOT NULL,
	"legal_basis" text DEFAULT 'none' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"close_reason" text,
	"acted_differently" text,
	"different_arrangement" text,
	"time_gained" text,
	"neighbourhood_strength_used" text,
	"sufficient_support" text,
	"resident_satisfied" text,
	"retain_until" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_status" CHECK ("cases"."status" in ('open', 'closed')),
	CONSTRAINT "cases_legal_basis" CHECK ("cases"."legal_basis" in ('wmo', 'jeugdwet', 'none', 'withdrawn')),
	CONSTRAINT "cases_closed" CHECK (("cases"."status" = 'closed') = ("cases"."closed_on" is not null)),
	CONSTRAINT "cases_assessment" CHECK (coalesce("cases"."acted_differently", 'unknown') in ('yes', 'no', 'unknown') and coalesce("cases"."different_arrangement", 'unknown') in ('yes', 'no', 'unknown') and coalesce("cases"."time_gained", 'unknown') in ('yes', 'no', 'unknown') and coalesce("cases"."neighbourhood_strength_used", 'unknown') in ('yes', 'no', 'unknown') and coalesce("cases"."sufficient_support", 'unknown') in ('yes', 'no', 'unknown') and coalesce("cases"."resident_satisfied", 'unknown') in ('yes', 'no', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "casework_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"entry_route" text,
	"question_type" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "casework_contacts_kind" CHECK ("casework_contacts"."kind" in ('contact', 'objection')),
	CONSTRAINT "casework_contacts_objection_anonymous" CHECK ("casework_contacts"."kind" = 'contact' or ("casework_contacts"."entry_route" is null and "casework_contacts"."question_type" is null and extract(day from "casework_contacts"."occurred_on") = 1))
);
--> statement-breakpoint
CREATE TABLE "casework_destruction_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"household_reference" text NOT NULL,
	"legal_basis" text,
	"reason" text NOT NULL,
	"destroyed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "casework_destruction_log_reason" CHECK ("casework_destruction_log"."reason" in ('retention', 'erasure'))
);
--> statement-breakpoint
CREATE TABLE "household_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"role" text NOT NULL,
	"gender" text DEFAULT 'unknown' NOT NULL,
	"birth_year" integer,
	"date_of_birth" date,
	"bsn_ciphertext" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_persons_role" CHECK ("household_persons"."role" in ('adult', 'child', 'other')),
	CONSTRAINT "household_persons_gender" CHECK ("household_persons"."gender" in ('female', 'male', 'other', 'unknown')),
	CONSTRAINT "household_persons_birth_year" CHECK ("household_persons"."birth_year" is null or "household_persons"."birth_year" between 1900 and 2100)
);
--> statement-breakpoint
CREATE TABLE "household_profiles" (
	"household_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"household_type" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"postcode" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"from_team_id" uuid NOT NULL,
	"to_team_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"decided_by" uuid,
	"decision_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "household_transfers_status" CHECK ("household_transfers"."status" in ('proposed', 'accepted', 'declined', 'withdrawn')),
	CONSTRAINT "household_transfers_other_team" CHECK ("household_transfers"."from_team_id" <> "household_transfers"."to_team_id")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"initials" text DEFAULT '' NOT NULL,
	"buurt_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_status" CHECK ("households"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "social_map_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"layer" text NOT NULL,
	"life_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "social_map_offers_layer" CHECK ("social_map_offers"."layer" in ('own_strength', 'social_network', 'general', 'individual'))
);
--> statement-breakpoint
CREATE TABLE "social_map_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"layer" text NOT NULL,
	"life_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"buurt_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"hours" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "social_map_providers_layer" CHECK ("social_map_providers"."layer" in ('own_strength', 'social_network', 'general', 'individual'))
);
--> statement-breakpoint
CREATE TABLE "zrm_measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"measured_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zrm_scores" (
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"measurement_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"score" integer NOT NULL,
	CONSTRAINT "zrm_scores_measurement_id_domain_pk" PRIMARY KEY("measurement_id","domain"),
	CONSTRAINT "zrm_scores_score" CHECK ("zrm_scores"."score" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "spend_requests" ADD COLUMN "household_id" uuid;--> statement-breakpoint
ALTER TABLE "case_access_grants" ADD CONSTRAINT "case_access_grants_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_access_grants" ADD CONSTRAINT "case_access_grants_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_access_grants" ADD CONSTRAINT "case_access_grants_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_access_grants" ADD CONSTRAINT "case_access_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangement_goals" ADD CONSTRAINT "case_arrangement_goals_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangement_goals" ADD CONSTRAINT "case_arrangement_goals_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangement_goals" ADD CONSTRAINT "case_arrangement_goals_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangement_goals" ADD CONSTRAINT "case_arrangement_goals_arrangement_id_case_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."case_arrangements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangement_goals" ADD CONSTRAINT "case_arrangement_goals_goal_id_case_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."case_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangements" ADD CONSTRAINT "case_arrangements_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangements" ADD CONSTRAINT "case_arrangements_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangements" ADD CONSTRAINT "case_arrangements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangements" ADD CONSTRAINT "case_arrangements_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangements" ADD CONSTRAINT "case_arrangements_provider_id_social_map_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."social_map_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangements" ADD CONSTRAINT "case_arrangements_offer_id_social_map_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."social_map_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_goals" ADD CONSTRAINT "case_goals_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_goals" ADD CONSTRAINT "case_goals_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_goals" ADD CONSTRAINT "case_goals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_goals" ADD CONSTRAINT "case_goals_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_involved" ADD CONSTRAINT "case_involved_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_involved" ADD CONSTRAINT "case_involved_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_involved" ADD CONSTRAINT "case_involved_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_involved" ADD CONSTRAINT "case_involved_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_involved" ADD CONSTRAINT "case_involved_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_read_log" ADD CONSTRAINT "case_read_log_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_read_log" ADD CONSTRAINT "case_read_log_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_read_log" ADD CONSTRAINT "case_read_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_referrals" ADD CONSTRAINT "case_referrals_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_referrals" ADD CONSTRAINT "case_referrals_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_referrals" ADD CONSTRAINT "case_referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_referrals" ADD CONSTRAINT "case_referrals_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_regisseur_id_users_id_fk" FOREIGN KEY ("regisseur_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_contacts" ADD CONSTRAINT "casework_contacts_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_contacts" ADD CONSTRAINT "casework_contacts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_destruction_log" ADD CONSTRAINT "casework_destruction_log_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_destruction_log" ADD CONSTRAINT "casework_destruction_log_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_persons" ADD CONSTRAINT "household_persons_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_persons" ADD CONSTRAINT "household_persons_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_persons" ADD CONSTRAINT "household_persons_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_profiles" ADD CONSTRAINT "household_profiles_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_profiles" ADD CONSTRAINT "household_profiles_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_profiles" ADD CONSTRAINT "household_profiles_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_transfers" ADD CONSTRAINT "household_transfers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_transfers" ADD CONSTRAINT "household_transfers_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_transfers" ADD CONSTRAINT "household_transfers_from_team_id_teams_id_fk" FOREIGN KEY ("from_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_transfers" ADD CONSTRAINT "household_transfers_to_team_id_teams_id_fk" FOREIGN KEY ("to_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_transfers" ADD CONSTRAINT "household_transfers_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_transfers" ADD CONSTRAINT "household_transfers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_buurt_id_buurten_id_fk" FOREIGN KEY ("buurt_id") REFERENCES "public"."buurten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_map_offers" ADD CONSTRAINT "social_map_offers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_map_offers" ADD CONSTRAINT "social_map_offers_provider_id_social_map_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."social_map_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_map_providers" ADD CONSTRAINT "social_map_providers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_map_providers" ADD CONSTRAINT "social_map_providers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zrm_measurements" ADD CONSTRAINT "zrm_measurements_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zrm_measurements" ADD CONSTRAINT "zrm_measurements_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zrm_measurements" ADD CONSTRAINT "zrm_measurements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zrm_measurements" ADD CONSTRAINT "zrm_measurements_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zrm_measurements" ADD CONSTRAINT "zrm_measurements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zrm_scores" ADD CONSTRAINT "zrm_scores_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zrm_scores" ADD CONSTRAINT "zrm_scores_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zrm_scores" ADD CONSTRAINT "zrm_scores_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zrm_scores" ADD CONSTRAINT "zrm_scores_measurement_id_zrm_measurements_id_fk" FOREIGN KEY ("measurement_id") REFERENCES "public"."zrm_measurements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_access_grants_user" ON "case_access_grants" USING btree ("user_id","household_id","expires_at");--> statement-breakpoint
CREATE INDEX "case_arrangements_case" ON "case_arrangements" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_goals_case" ON "case_goals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_involved_user" ON "case_involved" USING btree ("user_id","household_id");--> statement-breakpoint
CREATE INDEX "case_read_log_household" ON "case_read_log" USING btree ("household_id","read_at");--> statement-breakpoint
CREATE INDEX "case_referrals_case" ON "case_referrals" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_open_per_household" ON "cases" USING btree ("household_id") WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cases_team_intake" ON "cases" USING btree ("team_id","intake_on");--> statement-breakpoint
CREATE INDEX "cases_regisseur" ON "cases" USING btree ("regisseur_id","status");--> statement-breakpoint
CREATE INDEX "casework_contacts_team_month" ON "casework_contacts" USING btree ("team_id","occurred_on");--> statement-breakpoint
CREATE INDEX "casework_destruction_log_team" ON "casework_destruction_log" USING btree ("team_id","destroyed_at");--> statement-breakpoint
CREATE INDEX "household_persons_household" ON "household_persons" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "household_transfers_one_open" ON "household_transfers" USING btree ("household_id") WHERE "household_transfers"."status" = 'proposed';--> statement-breakpoint
CREATE UNIQUE INDEX "households_team_reference" ON "households" USING btree ("team_id","reference");--> statement-breakpoint
CREATE INDEX "households_team_status" ON "households" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "social_map_offers_provider" ON "social_map_offers" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "social_map_providers_name" ON "social_map_providers" USING btree ("municipality_id",lower("name"));--> statement-breakpoint
CREATE INDEX "zrm_measurements_case" ON "zrm_measurements" USING btree ("case_id","measured_on");--> statement-breakpoint
ALTER TABLE "spend_requests" ADD CONSTRAINT "spend_requests_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE set null ON UPDATE no action;