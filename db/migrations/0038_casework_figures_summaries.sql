CREATE TABLE "casework_case_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"month" date NOT NULL,
	"contributions" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "casework_month_figures" (
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"month" date NOT NULL,
	"metric" text NOT NULL,
	"key" text NOT NULL,
	"n" bigint NOT NULL,
	"total" bigint NOT NULL,
	CONSTRAINT "casework_month_figures_team_id_month_metric_key_pk" PRIMARY KEY("team_id","month","metric","key")
);
--> statement-breakpoint
ALTER TABLE "casework_case_facts" ADD CONSTRAINT "casework_case_facts_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_case_facts" ADD CONSTRAINT "casework_case_facts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_month_figures" ADD CONSTRAINT "casework_month_figures_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_month_figures" ADD CONSTRAINT "casework_month_figures_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "casework_month_figures_municipality" ON "casework_month_figures" USING btree ("municipality_id","month");--> statement-breakpoint
CREATE INDEX "casework_month_figures_empty" ON "casework_month_figures" USING btree ("team_id") WHERE "casework_month_figures"."n" = 0;