CREATE TABLE "agreement_product_deliveries" (
	"municipality_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"partner_organisation_id" uuid NOT NULL,
	"month" date NOT NULL,
	"quantity" integer NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_product_deliveries_pk" PRIMARY KEY("product_id","month"),
	CONSTRAINT "agreement_product_deliveries_month" CHECK (extract(day from "agreement_product_deliveries"."month") = 1),
	CONSTRAINT "agreement_product_deliveries_quantity" CHECK ("agreement_product_deliveries"."quantity" >= 0 and "agreement_product_deliveries"."quantity" <= 10000000)
);
--> statement-breakpoint
CREATE TABLE "agreement_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"agreed_quantity" integer NOT NULL,
	"price_cents" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_products_numbers" CHECK ("agreement_products"."agreed_quantity" >= 0 and "agreement_products"."agreed_quantity" <= 10000000 and "agreement_products"."price_cents" >= 0 and "agreement_products"."price_cents" <= 10000000000)
);
--> statement-breakpoint
CREATE TABLE "partner_export_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"partner_organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"last_four" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "partner_export_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD COLUMN "budget_cents" bigint;--> statement-breakpoint
ALTER TABLE "agreement_product_deliveries" ADD CONSTRAINT "agreement_product_deliveries_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_product_deliveries" ADD CONSTRAINT "agreement_product_deliveries_product_id_agreement_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."agreement_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_product_deliveries" ADD CONSTRAINT "agreement_product_deliveries_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_product_deliveries" ADD CONSTRAINT "agreement_product_deliveries_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_products" ADD CONSTRAINT "agreement_products_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_products" ADD CONSTRAINT "agreement_products_agreement_id_partner_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."partner_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_products" ADD CONSTRAINT "agreement_products_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_export_tokens" ADD CONSTRAINT "partner_export_tokens_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_export_tokens" ADD CONSTRAINT "partner_export_tokens_partner_organisation_id_partner_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."partner_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_export_tokens" ADD CONSTRAINT "partner_export_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_product_deliveries_partner" ON "agreement_product_deliveries" USING btree ("partner_organisation_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_products_name" ON "agreement_products" USING btree ("agreement_id","name");--> statement-breakpoint
CREATE INDEX "agreement_products_partner" ON "agreement_products" USING btree ("partner_organisation_id");--> statement-breakpoint
CREATE INDEX "partner_export_tokens_partner" ON "partner_export_tokens" USING btree ("partner_organisation_id");--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD CONSTRAINT "partner_agreements_budget" CHECK ("partner_agreements"."budget_cents" is null or ("partner_agreements"."budget_cents" >= 0 and "partner_agreements"."budget_cents" <= 100000000000));--> statement-breakpoint
-- ── Grants and row-level security (docs/partners.md) ──────────────────
-- Products: the municipality (admin, controller) reads and writes them; a
-- partner manager reads only its own partner's. Deliveries: the municipality
-- and the partner manager (own partner, recorded by oneself) write them.
GRANT SELECT, INSERT, UPDATE, DELETE ON agreement_products, agreement_product_deliveries TO app_user;
--> statement-breakpoint
ALTER TABLE agreement_products ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_product_deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agreement_products_municipality ON agreement_products
  USING ((select app_scope()) IN ('admin', 'municipality') AND municipality_id = (select app_municipality()))
  WITH CHECK ((select app_scope()) IN ('admin', 'municipality') AND municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY agreement_products_partner_read ON agreement_products FOR SELECT
  USING ((select app_scope()) = 'partner' AND municipality_id = (select app_municipality()) AND partner_organisation_id = (select app_partner()));
--> statement-breakpoint
CREATE POLICY agreement_product_deliveries_municipality ON agreement_product_deliveries
  USING ((select app_scope()) IN ('admin', 'municipality') AND municipality_id = (select app_municipality()))
  WITH CHECK ((select app_scope()) IN ('admin', 'municipality') AND municipality_id = (select app_municipality()) AND recorded_by = (select app_user_id()));
--> statement-breakpoint
CREATE POLICY agreement_product_deliveries_partner_read ON agreement_product_deliveries FOR SELECT
  USING ((select app_scope()) = 'partner' AND municipality_id = (select app_municipality()) AND partner_organisation_id = (select app_partner()));
--> statement-breakpoint
CREATE POLICY agreement_product_deliveries_partner_insert ON agreement_product_deliveries FOR INSERT
  WITH CHECK ((select app_scope()) = 'partner' AND municipality_id = (select app_municipality()) AND partner_organisation_id = (select app_partner())
    AND recorded_by = (select app_user_id())
    AND EXISTS (SELECT 1 FROM agreement_products p WHERE p.id = product_id AND p.partner_organisation_id = (select app_partner())));
--> statement-breakpoint
CREATE POLICY agreement_product_deliveries_partner_update ON agreement_product_deliveries FOR UPDATE
  USING ((select app_scope()) = 'partner' AND municipality_id = (select app_municipality()) AND partner_organisation_id = (select app_partner()))
  WITH CHECK ((select app_scope()) = 'partner' AND municipality_id = (select app_municipality()) AND partner_organisation_id = (select app_partner())
    AND recorded_by = (select app_user_id()));
--> statement-breakpoint
-- Partner export tokens: only the partner scope of their own organisation
-- lists, mints and revokes them; the hash is never readable by app_user
-- (column grant). Authenticating a token is the owner connection's lookup.
GRANT SELECT (id, municipality_id, partner_organisation_id, name, last_four, created_by, created_at, last_used_at, expires_at, revoked_at) ON partner_export_tokens TO app_user;
--> statement-breakpoint
GRANT INSERT ON partner_export_tokens TO app_user;
--> statement-breakpoint
GRANT UPDATE (revoked_at) ON partner_export_tokens TO app_user;
--> statement-breakpoint
ALTER TABLE partner_export_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY partner_export_tokens_partner ON partner_export_tokens
  USING ((select app_scope()) = 'partner' AND municipality_id = (select app_municipality()) AND partner_organisation_id = (select app_partner()))
  WITH CHECK ((select app_scope()) = 'partner' AND municipality_id = (select app_municipality()) AND partner_organisation_id = (select app_partner())
    AND created_by = (select app_user_id()));
