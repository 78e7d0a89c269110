ALTER TABLE "case_arrangements" ADD COLUMN "buurtservice_match_id" uuid;--> statement-breakpoint
ALTER TABLE "case_arrangements" ADD COLUMN "initiative_id" uuid;--> statement-breakpoint
ALTER TABLE "social_map_providers" ADD COLUMN "initiative_id" uuid;--> statement-breakpoint
ALTER TABLE "case_arrangements" ADD CONSTRAINT "case_arrangements_buurtservice_match_id_buurtservice_matches_id_fk" FOREIGN KEY ("buurtservice_match_id") REFERENCES "public"."buurtservice_matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_arrangements" ADD CONSTRAINT "case_arrangements_initiative_id_neighbourhood_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."neighbourhood_initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_map_providers" ADD CONSTRAINT "social_map_providers_initiative_id_neighbourhood_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."neighbourhood_initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_arrangements_match" ON "case_arrangements" USING btree ("buurtservice_match_id");--> statement-breakpoint
CREATE INDEX "case_arrangements_initiative" ON "case_arrangements" USING btree ("initiative_id");--> statement-breakpoint
CREATE INDEX "social_map_providers_initiative" ON "social_map_providers" USING btree ("initiative_id");--> statement-breakpoint
ALTER TABLE "case_arrangements" ADD CONSTRAINT "case_arrangements_match_layer" CHECK ("case_arrangements"."buurtservice_match_id" is null or "case_arrangements"."layer" in ('own_strength', 'social_network'));