CREATE TABLE "casework_retired_figures" (
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"month" date NOT NULL,
	"metric" text NOT NULL,
	"key" text NOT NULL,
	"n" bigint NOT NULL,
	"total" bigint NOT NULL,
	CONSTRAINT "casework_retired_figures_team_id_month_metric_key_pk" PRIMARY KEY("team_id","month","metric","key")
);
--> statement-breakpoint
ALTER TABLE "casework_retired_figures" ADD CONSTRAINT "casework_retired_figures_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_retired_figures" ADD CONSTRAINT "casework_retired_figures_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "casework_retired_figures_municipality" ON "casework_retired_figures" USING btree ("municipality_id");