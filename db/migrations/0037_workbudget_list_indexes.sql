-- The dashboard's lists read rows, the most recent 50 (ADR 0017): an index in each list's order, so a list reads 50
-- index entries instead of sorting the budget's settled or evaluated requests. "number" DESC (nulls first, as the
-- queries' ORDER BY s.number desc says; the column is NOT NULL) so the planner matches the order.
CREATE INDEX "spend_requests_settled_list" ON "spend_requests" USING btree ("budget_id","settled_at" DESC NULLS LAST,"number" DESC) WHERE "spend_requests"."status" in ('settled', 'evaluated');--> statement-breakpoint
CREATE INDEX "spend_requests_alternatives_list" ON "spend_requests" USING btree ("budget_id","number" DESC) WHERE "spend_requests"."status" = 'evaluated' and ("spend_requests"."evaluation"->>'otherRegulationApplied')::boolean is true;
