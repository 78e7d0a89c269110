ALTER TABLE "workgroup_decisions" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', text)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "workgroup_meetings" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', agenda || ' ' || notes)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "workgroup_proposals" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch', title || ' ' || body || ' ' || coalesce(outcome, ''))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "workgroup_decisions_search" ON "workgroup_decisions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "workgroup_meetings_search" ON "workgroup_meetings" USING gin ("search");--> statement-breakpoint
CREATE INDEX "workgroup_proposals_search" ON "workgroup_proposals" USING gin ("search");