CREATE TABLE "buurtservice_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"buurt_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"pseudonym" text NOT NULL,
	"categories" text[] NOT NULL,
	"availability" text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "buurtservice_entries_kind" CHECK ("buurtservice_entries"."kind" in ('offer', 'request'))
);
--> statement-breakpoint
CREATE TABLE "buurtservice_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"buurt_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"reciprocal" boolean NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "buurtservice_matches_status" CHECK ("buurtservice_matches"."status" in ('proposed', 'running', 'done', 'stopped')),
	CONSTRAINT "buurtservice_matches_ended" CHECK (("buurtservice_matches"."ended_at" is null) = ("buurtservice_matches"."status" in ('proposed', 'running')))
);
--> statement-breakpoint
ALTER TABLE "buurtservice_entries" ADD CONSTRAINT "buurtservice_entries_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buurtservice_entries" ADD CONSTRAINT "buurtservice_entries_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buurtservice_entries" ADD CONSTRAINT "buurtservice_entries_buurt_id_buurten_id_fk" FOREIGN KEY ("buurt_id") REFERENCES "public"."buurten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buurtservice_entries" ADD CONSTRAINT "buurtservice_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buurtservice_matches" ADD CONSTRAINT "buurtservice_matches_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buurtservice_matches" ADD CONSTRAINT "buurtservice_matches_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buurtservice_matches" ADD CONSTRAINT "buurtservice_matches_buurt_id_buurten_id_fk" FOREIGN KEY ("buurt_id") REFERENCES "public"."buurten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buurtservice_matches" ADD CONSTRAINT "buurtservice_matches_request_id_buurtservice_entries_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."buurtservice_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buurtservice_matches" ADD CONSTRAINT "buurtservice_matches_offer_id_buurtservice_entries_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."buurtservice_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buurtservice_matches" ADD CONSTRAINT "buurtservice_matches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "buurtservice_entries_team" ON "buurtservice_entries" USING btree ("team_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "buurtservice_matches_team" ON "buurtservice_matches" USING btree ("team_id","created_at");--> statement-breakpoint

-- Buurtservice: the team's own offers, requests and matches (tenant policies,
-- as the other tenant tables); other teams and the municipality see counts
-- only, through buurtservice_counts() below.
GRANT SELECT, INSERT ON buurtservice_entries, buurtservice_matches TO app_user;
--> statement-breakpoint
GRANT UPDATE (closed_at) ON buurtservice_entries TO app_user;
--> statement-breakpoint
GRANT UPDATE (status, outcome, updated_at, ended_at) ON buurtservice_matches TO app_user;
--> statement-breakpoint
ALTER TABLE buurtservice_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE buurtservice_matches ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY buurtservice_entries_tenant ON buurtservice_entries
  USING (team_id = (select app_tenant())) WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY buurtservice_matches_tenant ON buurtservice_matches
  USING (team_id = (select app_tenant())) WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()));
--> statement-breakpoint

-- Counts per team × buurt × month (Europe/Amsterdam) from p_from's month to
-- p_to's: requests, offers and matches made in the month, reciprocal matches,
-- and offers still open at the month's end. Every team, the municipality
-- scopes and the admin may read them: numbers only, no entry.
CREATE OR REPLACE FUNCTION buurtservice_counts(p_from date, p_to date)
RETURNS TABLE (team_id uuid, buurt_id uuid, month date, requests int, offers int, matches int, reciprocal_matches int, open_offers int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH months AS (
    SELECT m::date AS month, m AT TIME ZONE 'Europe/Amsterdam' AS starts, (m + interval '1 month') AT TIME ZONE 'Europe/Amsterdam' AS ends
    FROM generate_series(date_trunc('month', p_from::timestamp), date_trunc('month', p_to::timestamp), interval '1 month') AS m
  ), pairs AS (
    SELECT DISTINCT e.team_id, e.buurt_id FROM buurtservice_entries e WHERE e.municipality_id = (select app_municipality())
  )
  SELECT p.team_id, p.buurt_id, mo.month,
    (SELECT count(*)::int FROM buurtservice_entries e WHERE e.team_id = p.team_id AND e.buurt_id = p.buurt_id AND e.kind = 'request' AND e.created_at >= mo.starts AND e.created_at < mo.ends),
    (SELECT count(*)::int FROM buurtservice_entries e WHERE e.team_id = p.team_id AND e.buurt_id = p.buurt_id AND e.kind = 'offer' AND e.created_at >= mo.starts AND e.created_at < mo.ends),
    (SELECT count(*)::int FROM buurtservice_matches x WHERE x.team_id = p.team_id AND x.buurt_id = p.buurt_id AND x.created_at >= mo.starts AND x.created_at < mo.ends),
    (SELECT count(*)::int FROM buurtservice_matches x WHERE x.team_id = p.team_id AND x.buurt_id = p.buurt_id AND x.reciprocal AND x.created_at >= mo.starts AND x.created_at < mo.ends),
    (SELECT count(*)::int FROM buurtservice_entries e WHERE e.team_id = p.team_id AND e.buurt_id = p.buurt_id AND e.kind = 'offer' AND e.created_at < mo.ends AND (e.closed_at IS NULL OR e.closed_at >= mo.ends))
  FROM pairs p CROSS JOIN months mo
  WHERE (select app_scope()) IN ('team', 'municipality', 'admin')
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION buurtservice_counts(date, date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION buurtservice_counts(date, date) TO app_user;
