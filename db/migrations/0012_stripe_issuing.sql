CREATE TABLE "card_payment_selections" (
	"spend_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"team_card_id" uuid NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"selected_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issuing_authorizations" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"team_card_id" uuid NOT NULL,
	"spend_id" uuid,
	"approved_cents" bigint DEFAULT 0 NOT NULL,
	"requested_cents" bigint NOT NULL,
	"approved" boolean NOT NULL,
	"decline_reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"merchant_name" text,
	"merchant_category" text,
	"release_group_id" uuid,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issuing_transactions" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"authorization_id" text,
	"spend_id" uuid,
	"type" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"ledger_group_id" uuid,
	"problem" text,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "issuing_transactions_type" CHECK ("issuing_transactions"."type" in ('capture', 'refund')),
	CONSTRAINT "issuing_transactions_amount" CHECK ("issuing_transactions"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"municipality_id" uuid,
	"team_id" uuid,
	"outcome" jsonb,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_card_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_outbox_kind" CHECK ("stripe_outbox"."kind" in ('create_cardholder', 'create_card', 'update_card'))
);
--> statement-breakpoint
CREATE TABLE "team_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"stripe_cardholder_id" text,
	"stripe_card_id" text,
	"last4" text,
	"exp_month" integer,
	"exp_year" integer,
	"status" text DEFAULT 'requested' NOT NULL,
	"per_authorization_cap_cents" bigint,
	"monthly_cap_cents" bigint,
	"allowed_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"blocked_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_cards_status" CHECK ("team_cards"."status" in ('requested', 'active', 'inactive', 'canceled')),
	CONSTRAINT "team_cards_caps_positive" CHECK (coalesce("team_cards"."per_authorization_cap_cents", 1) > 0 and coalesce("team_cards"."monthly_cap_cents", 1) > 0)
);
--> statement-breakpoint
ALTER TABLE "municipality_settings" ADD COLUMN "disbursement_mode" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "card_payment_selections" ADD CONSTRAINT "card_payment_selections_spend_id_spend_requests_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spend_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_payment_selections" ADD CONSTRAINT "card_payment_selections_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_payment_selections" ADD CONSTRAINT "card_payment_selections_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_payment_selections" ADD CONSTRAINT "card_payment_selections_team_card_id_team_cards_id_fk" FOREIGN KEY ("team_card_id") REFERENCES "public"."team_cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_payment_selections" ADD CONSTRAINT "card_payment_selections_selected_by_users_id_fk" FOREIGN KEY ("selected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuing_authorizations" ADD CONSTRAINT "issuing_authorizations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuing_authorizations" ADD CONSTRAINT "issuing_authorizations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuing_authorizations" ADD CONSTRAINT "issuing_authorizations_team_card_id_team_cards_id_fk" FOREIGN KEY ("team_card_id") REFERENCES "public"."team_cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuing_authorizations" ADD CONSTRAINT "issuing_authorizations_spend_id_spend_requests_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spend_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuing_transactions" ADD CONSTRAINT "issuing_transactions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuing_transactions" ADD CONSTRAINT "issuing_transactions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuing_transactions" ADD CONSTRAINT "issuing_transactions_spend_id_spend_requests_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spend_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_outbox" ADD CONSTRAINT "stripe_outbox_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_outbox" ADD CONSTRAINT "stripe_outbox_team_card_id_team_cards_id_fk" FOREIGN KEY ("team_card_id") REFERENCES "public"."team_cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_cards" ADD CONSTRAINT "team_cards_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_cards" ADD CONSTRAINT "team_cards_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_payment_selections_team" ON "card_payment_selections" USING btree ("team_id","valid_until");--> statement-breakpoint
CREATE INDEX "issuing_authorizations_team" ON "issuing_authorizations" USING btree ("team_id","stripe_created_at");--> statement-breakpoint
CREATE INDEX "issuing_authorizations_spend" ON "issuing_authorizations" USING btree ("spend_id");--> statement-breakpoint
CREATE INDEX "issuing_transactions_team" ON "issuing_transactions" USING btree ("team_id","stripe_created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "issuing_transactions_group" ON "issuing_transactions" USING btree ("ledger_group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stripe_outbox_key" ON "stripe_outbox" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "stripe_outbox_pending" ON "stripe_outbox" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "team_cards_team" ON "team_cards" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_cards_stripe_card" ON "team_cards" USING btree ("stripe_card_id");--> statement-breakpoint
-- Grants and row-level security (drizzle-kit emits neither), like the ledger's
-- (0004). A team's scope reads its own card, authorisations and transactions
-- and manages its own "Nu betalen" selections; the municipality scope (the
-- budget controller) reads all of its municipality's and manages the cards'
-- spending controls. The webhook and the Stripe outbox sender have no user:
-- they run on the owner connection (see packages/core/src/stripe-webhook.ts).
-- Issuing rows and Stripe events are never changed by app_user except the
-- card's controls and a selection's removal.
GRANT SELECT, INSERT ON team_cards TO app_user;
--> statement-breakpoint
GRANT UPDATE (per_authorization_cap_cents, monthly_cap_cents, allowed_categories, blocked_categories, updated_at) ON team_cards TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON card_payment_selections TO app_user;
--> statement-breakpoint
GRANT SELECT ON issuing_authorizations, issuing_transactions, stripe_events TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT ON stripe_outbox TO app_user;
--> statement-breakpoint
ALTER TABLE team_cards ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE card_payment_selections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE issuing_authorizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE issuing_transactions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE stripe_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE stripe_outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY team_cards_tenant_read ON team_cards FOR SELECT USING (team_id = app_tenant());
--> statement-breakpoint
CREATE POLICY team_cards_municipality ON team_cards
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality())
  WITH CHECK (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
-- The selection's spend must be the team's own (the subquery runs under spend_requests' RLS too).
CREATE POLICY card_payment_selections_tenant ON card_payment_selections
  USING (team_id = app_tenant())
  WITH CHECK (team_id = app_tenant() AND selected_by = app_user_id() AND EXISTS (
    SELECT 1 FROM spend_requests s WHERE s.id = card_payment_selections.spend_id AND s.team_id = card_payment_selections.team_id));
--> statement-breakpoint
CREATE POLICY card_payment_selections_municipality_read ON card_payment_selections FOR SELECT
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY issuing_authorizations_tenant_read ON issuing_authorizations FOR SELECT USING (team_id = app_tenant());
--> statement-breakpoint
CREATE POLICY issuing_authorizations_municipality_read ON issuing_authorizations FOR SELECT
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY issuing_transactions_tenant_read ON issuing_transactions FOR SELECT USING (team_id = app_tenant());
--> statement-breakpoint
CREATE POLICY issuing_transactions_municipality_read ON issuing_transactions FOR SELECT
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY stripe_events_municipality_read ON stripe_events FOR SELECT
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY stripe_outbox_municipality ON stripe_outbox
  USING (app_scope() = 'municipality' AND municipality_id = app_municipality())
  WITH CHECK (app_scope() = 'municipality' AND municipality_id = app_municipality());
--> statement-breakpoint
ALTER TABLE municipality_settings ADD CONSTRAINT municipality_settings_disbursement_mode CHECK (disbursement_mode in ('manual', 'stripe_issuing'));
