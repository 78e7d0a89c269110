ALTER TABLE "workbudget_summary" ADD COLUMN "alternatives" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workbudget_summary" ADD COLUMN "alternatives_cost_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workbudget_summary" ADD COLUMN "alternatives_regulation_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workbudget_summary" ADD COLUMN "alternatives_days_gained" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "spend_requests_waiting" ON "spend_requests" USING btree ("budget_id","updated_at") WHERE "spend_requests"."status" in ('submitted', 'endorsed', 'awaiting_second_approval');--> statement-breakpoint
CREATE INDEX "spend_requests_overdue_evaluations" ON "spend_requests" USING btree ("budget_id","evaluation_due_on") WHERE "spend_requests"."status" = 'settled';