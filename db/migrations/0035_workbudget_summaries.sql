CREATE TABLE "ledger_month_summary" (
	"municipality_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"team_id" uuid,
	"month" date NOT NULL,
	"allocate" boolean NOT NULL,
	"merged" boolean DEFAULT false NOT NULL,
	"funding_cents" bigint DEFAULT 0 NOT NULL,
	"available_cents" bigint DEFAULT 0 NOT NULL,
	"reserved_cents" bigint DEFAULT 0 NOT NULL,
	"paid_cents" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workbudget_summary" (
	"municipality_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"month" date NOT NULL,
	"norm_id" uuid,
	"life_domain" text DEFAULT '' NOT NULL,
	"merged" boolean DEFAULT false NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"requested_cents" bigint DEFAULT 0 NOT NULL,
	"approved" integer DEFAULT 0 NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL,
	"settled" integer DEFAULT 0 NOT NULL,
	"evaluated" integer DEFAULT 0 NOT NULL,
	"reserved_cents" bigint DEFAULT 0 NOT NULL,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	"approved_committed_cents" bigint DEFAULT 0 NOT NULL,
	"expected_return_cents" bigint DEFAULT 0 NOT NULL,
	"evaluated_cost_cents" bigint DEFAULT 0 NOT NULL,
	"realised_return_cents" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ledger_month_summary_budget" ON "ledger_month_summary" USING btree ("budget_id","month");--> statement-breakpoint
CREATE INDEX "workbudget_summary_budget" ON "workbudget_summary" USING btree ("budget_id","month");--> statement-breakpoint
CREATE INDEX "workbudget_summary_municipality" ON "workbudget_summary" USING btree ("municipality_id","month");