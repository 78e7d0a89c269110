CREATE TABLE "case_avoided_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"norm_id" uuid NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"unit_amount_cents" bigint NOT NULL,
	"closed_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_avoided_costs_count" CHECK ("case_avoided_costs"."count" between 1 and 1000),
	CONSTRAINT "case_avoided_costs_amount" CHECK ("case_avoided_costs"."unit_amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "team_cost_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"partner_organisation_id" uuid,
	"hours" numeric(8, 1),
	"hourly_rate_cents" bigint,
	"amount_cents" bigint NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_cost_lines_kind" CHECK ("team_cost_lines"."kind" in ('staff', 'rent', 'ict', 'coaching', 'other')),
	CONSTRAINT "team_cost_lines_year" CHECK ("team_cost_lines"."year" between 2000 and 2100),
	CONSTRAINT "team_cost_lines_amount" CHECK ("team_cost_lines"."amount_cents" >= 0 and "team_cost_lines"."amount_cents" <= 100000000000),
	CONSTRAINT "team_cost_lines_staff" CHECK (("team_cost_lines"."kind" = 'staff') = ("team_cost_lines"."partner_organisation_id" is not null and "team_cost_lines"."hours" is not null and "team_cost_lines"."hourly_rate_cents" is not null)),
	CONSTRAINT "team_cost_lines_staff_amount" CHECK ("team_cost_lines"."kind" <> 'staff' or "team_cost_lines"."amount_cents" = round("team_cost_lines"."hours" * "team_cost_lines"."hourly_rate_cents")),
	CONSTRAINT "team_cost_lines_other" CHECK ("team_cost_lines"."kind" <> 'other' or length("team_cost_lines"."description") > 0)
);
--> statement-breakpoint
ALTER TABLE "case_avoided_costs" ADD CONSTRAINT "case_avoided_costs_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_avoided_costs" ADD CONSTRAINT "case_avoided_costs_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_avoided_costs" ADD CONSTRAINT "case_avoided_costs_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_avoided_costs" ADD CONSTRAINT "case_avoided_costs_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_avoided_costs" ADD CONSTRAINT "case_avoided_costs_norm_id_return_norms_id_fk" FOREIGN KEY ("norm_id") REFERENCES "public"."return_norms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_avoided_costs" ADD CONSTRAINT "case_avoided_costs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_cost_lines" ADD CONSTRAINT "team_cost_lines_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_cost_lines" ADD CONSTRAINT "team_cost_lines_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_cost_lines" ADD CONSTRAINT "team_cost_lines_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_cost_lines" ADD CONSTRAINT "team_cost_lines_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_avoided_costs_case_norm" ON "case_avoided_costs" USING btree ("case_id","norm_id");--> statement-breakpoint
CREATE INDEX "case_avoided_costs_team_closed" ON "case_avoided_costs" USING btree ("team_id","closed_on");--> statement-breakpoint
CREATE INDEX "case_avoided_costs_municipality_closed" ON "case_avoided_costs" USING btree ("municipality_id","closed_on");--> statement-breakpoint
CREATE INDEX "team_cost_lines_team_year" ON "team_cost_lines" USING btree ("team_id","year");--> statement-breakpoint
CREATE INDEX "team_cost_lines_municipality_year" ON "team_cost_lines" USING btree ("municipality_id","year");