CREATE TABLE "budget_pots" (
	"budget_id" uuid NOT NULL,
	"pot" integer NOT NULL,
	"municipality_id" uuid NOT NULL,
	"funded_cents" bigint DEFAULT 0 NOT NULL,
	"available_cents" bigint DEFAULT 0 NOT NULL,
	"reserved_cents" bigint DEFAULT 0 NOT NULL,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "budget_pots_budget_id_pot_pk" PRIMARY KEY("budget_id","pot"),
	CONSTRAINT "budget_pots_available_not_negative" CHECK ("budget_pots"."available_cents" >= 0),
	CONSTRAINT "budget_pots_reserved_not_negative" CHECK ("budget_pots"."reserved_cents" >= 0),
	CONSTRAINT "budget_pots_paid_not_negative" CHECK ("budget_pots"."paid_cents" >= 0),
	CONSTRAINT "budget_pots_balanced" CHECK ("budget_pots"."funded_cents" = "budget_pots"."available_cents" + "budget_pots"."reserved_cents" + "budget_pots"."paid_cents")
);
--> statement-breakpoint
ALTER TABLE "budgets" DROP CONSTRAINT "budgets_available_not_negative";--> statement-breakpoint
ALTER TABLE "budgets" DROP CONSTRAINT "budgets_reserved_not_negative";--> statement-breakpoint
ALTER TABLE "budgets" DROP CONSTRAINT "budgets_paid_not_negative";--> statement-breakpoint
ALTER TABLE "spend_requests" ADD COLUMN "budget_pot" integer;--> statement-breakpoint
ALTER TABLE "budget_pots" ADD CONSTRAINT "budget_pots_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_pots" ADD CONSTRAINT "budget_pots_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Budget pots (docs/decisions/0009-budget-pots.md): a budget's cached balances
-- move from its one row to 8 lock rows, so money moves on one budget no longer
-- wait for each other's commit. Existing balances: the reservations and
-- payments stay together in pot 0 (every request with postings is marked as
-- held there), the available amount is spread evenly; each pot is funded
-- with what it holds.
INSERT INTO budget_pots (budget_id, pot, municipality_id, funded_cents, available_cents, reserved_cents, paid_cents)
SELECT b.id, g.pot, b.municipality_id,
       s.share + CASE WHEN g.pot = 0 THEN b.reserved_cents + b.paid_cents ELSE 0 END,
       s.share,
       CASE WHEN g.pot = 0 THEN b.reserved_cents ELSE 0 END,
       CASE WHEN g.pot = 0 THEN b.paid_cents ELSE 0 END
FROM budgets b
CROSS JOIN generate_series(0, 7) AS g(pot)
CROSS JOIN LATERAL (SELECT b.available_cents / 8 + CASE WHEN g.pot = 0 THEN b.available_cents % 8 ELSE 0 END AS share) s;
--> statement-breakpoint
UPDATE spend_requests s SET budget_pot = 0 WHERE EXISTS (SELECT 1 FROM ledger_postings p WHERE p.spend_id = s.id);
--> statement-breakpoint
ALTER TABLE "budgets" DROP COLUMN "funded_cents";--> statement-breakpoint
ALTER TABLE "budgets" DROP COLUMN "available_cents";--> statement-breakpoint
ALTER TABLE "budgets" DROP COLUMN "reserved_cents";--> statement-breakpoint
ALTER TABLE "budgets" DROP COLUMN "paid_cents";
--> statement-breakpoint
-- The budget with its balances. security_invoker: the caller's RLS applies (a plain view would read as its owner).
CREATE VIEW budget_balances WITH (security_invoker = true) AS
SELECT b.id, b.municipality_id, b.year, b.name, b.approval_threshold_cents, b.evaluation_after_months, b.created_at,
       coalesce(sum(p.funded_cents), 0)::bigint AS funded_cents,
       coalesce(sum(p.available_cents), 0)::bigint AS available_cents,
       coalesce(sum(p.reserved_cents), 0)::bigint AS reserved_cents,
       coalesce(sum(p.paid_cents), 0)::bigint AS paid_cents
FROM budgets b LEFT JOIN budget_pots p ON p.budget_id = b.id
GROUP BY b.id;
--> statement-breakpoint
GRANT SELECT ON budget_balances TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT ON budget_pots TO app_user;
--> statement-breakpoint
GRANT UPDATE (funded_cents, available_cents, reserved_cents, paid_cents) ON budget_pots TO app_user;
--> statement-breakpoint
ALTER TABLE budget_pots ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Like budgets: everyone in the municipality reads them and moves money (a team
-- cancelling an approved request releases it); a budget is created by the municipality scope.
CREATE POLICY budget_pots_read ON budget_pots FOR SELECT USING (municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY budget_pots_update ON budget_pots FOR UPDATE
  USING (municipality_id = app_municipality()) WITH CHECK (municipality_id = app_municipality());
--> statement-breakpoint
CREATE POLICY budget_pots_insert ON budget_pots FOR INSERT
  WITH CHECK (app_scope() = 'municipality' AND municipality_id = app_municipality()
              AND EXISTS (SELECT 1 FROM budgets b WHERE b.id = budget_id AND b.municipality_id = app_municipality()));
