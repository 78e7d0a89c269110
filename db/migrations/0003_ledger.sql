CREATE TYPE "public"."ledger_account" AS ENUM('funding', 'available', 'reserved', 'paid');--> statement-breakpoint
CREATE TYPE "public"."spend_status" AS ENUM('draft', 'submitted', 'endorsed', 'info_requested', 'awaiting_second_approval', 'approved', 'rejected', 'paid', 'settled', 'evaluated', 'cancelled');--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"approval_threshold_cents" bigint DEFAULT 100000 NOT NULL,
	"evaluation_after_months" integer DEFAULT 3 NOT NULL,
	"funded_cents" bigint DEFAULT 0 NOT NULL,
	"available_cents" bigint DEFAULT 0 NOT NULL,
	"reserved_cents" bigint DEFAULT 0 NOT NULL,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_available_not_negative" CHECK ("budgets"."available_cents" >= 0),
	CONSTRAINT "budgets_reserved_not_negative" CHECK ("budgets"."reserved_cents" >= 0),
	CONSTRAINT "budgets_paid_not_negative" CHECK ("budgets"."paid_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"municipality_id" uuid NOT NULL,
	"key" text NOT NULL,
	"user_id" uuid NOT NULL,
	"command" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"spend_id" uuid,
	"team_id" uuid,
	"account" "ledger_account" NOT NULL,
	"amount_cents" bigint NOT NULL,
	"reverses_group_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_norms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"unit" text NOT NULL,
	"source" text NOT NULL,
	"is_local_estimate" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spend_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"status" "spend_status" DEFAULT 'draft' NOT NULL,
	"amount_cents" bigint NOT NULL,
	"needed_on" date,
	"purpose" text DEFAULT '' NOT NULL,
	"supplier" text DEFAULT '' NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"problem_prevented" text DEFAULT '' NOT NULL,
	"life_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"resident_ref" text DEFAULT '' NOT NULL,
	"norm_id" uuid,
	"expected_return_cents" bigint,
	"custom_return_justification" text,
	"expected_social_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"expected_social_return" text DEFAULT '' NOT NULL,
	"endorsed_by" uuid,
	"first_approved_by" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	"payment_date" date,
	"payment_method" text,
	"payment_reference" text,
	"settled_cents" bigint,
	"settled_at" timestamp with time zone,
	"evaluation_due_on" date,
	"evaluation" jsonb,
	"evaluated_at" timestamp with time zone,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spend_requests_amount_positive" CHECK ("spend_requests"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "spend_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"spend_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" "spend_status",
	"to_status" "spend_status" NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"actor" jsonb NOT NULL,
	"comment" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_spend_id_spend_requests_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spend_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_norms" ADD CONSTRAINT "return_norms_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_requests" ADD CONSTRAINT "spend_requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_requests" ADD CONSTRAINT "spend_requests_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_requests" ADD CONSTRAINT "spend_requests_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_requests" ADD CONSTRAINT "spend_requests_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_requests" ADD CONSTRAINT "spend_requests_norm_id_return_norms_id_fk" FOREIGN KEY ("norm_id") REFERENCES "public"."return_norms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_requests" ADD CONSTRAINT "spend_requests_endorsed_by_users_id_fk" FOREIGN KEY ("endorsed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_requests" ADD CONSTRAINT "spend_requests_first_approved_by_users_id_fk" FOREIGN KEY ("first_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_requests" ADD CONSTRAINT "spend_requests_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_transitions" ADD CONSTRAINT "spend_transitions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_transitions" ADD CONSTRAINT "spend_transitions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spend_transitions" ADD CONSTRAINT "spend_transitions_spend_id_spend_requests_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spend_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "budgets_municipality_year" ON "budgets" USING btree ("municipality_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_pk" ON "idempotency_keys" USING btree ("municipality_id","key");--> statement-breakpoint
CREATE INDEX "ledger_postings_budget" ON "ledger_postings" USING btree ("budget_id","account");--> statement-breakpoint
CREATE INDEX "ledger_postings_spend" ON "ledger_postings" USING btree ("spend_id");--> statement-breakpoint
CREATE INDEX "ledger_postings_group" ON "ledger_postings" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "return_norms_municipality_code" ON "return_norms" USING btree ("municipality_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "spend_requests_number" ON "spend_requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "spend_requests_team_status" ON "spend_requests" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "spend_requests_budget_status" ON "spend_requests" USING btree ("budget_id","status");--> statement-breakpoint
CREATE INDEX "spend_transitions_spend" ON "spend_transitions" USING btree ("spend_id","id");