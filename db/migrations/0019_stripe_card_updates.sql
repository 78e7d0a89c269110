ALTER TABLE "team_cards" ADD COLUMN "cancellation_reason" text;--> statement-breakpoint
ALTER TABLE "team_cards" ADD COLUMN "stripe_state_at" timestamp with time zone;