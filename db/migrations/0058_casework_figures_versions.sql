CREATE TABLE "casework_figures_versions" (
	"municipality_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "casework_figures_versions_pk" PRIMARY KEY("team_id","municipality_id")
);
--> statement-breakpoint
ALTER TABLE "casework_figures_versions" ADD CONSTRAINT "casework_figures_versions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_figures_versions" ADD CONSTRAINT "casework_figures_versions_team_fk" FOREIGN KEY ("team_id","municipality_id") REFERENCES "public"."teams"("id","municipality_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The figures cache's key (docs/figures.md, "The cache"): every statement that writes casework_month_figures
-- (the refresh of cases and contacts, the rebuild) bumps the version of each team it touched, in its own
-- transaction, so the bump commits with the figures or not at all. A team's writers already queue on the
-- team's month rows; different teams never share a row here (not one counter per municipality: ADR 0017).
-- SECURITY DEFINER: app_user may read the versions but not write them. plpgsql: planned once per session.
CREATE FUNCTION casework_figures_bump() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  -- Sorted by team: statements touching several teams take the version rows in one order (no deadlock between them).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casework_figures_versions AS v (municipality_id, team_id, version)
    SELECT r.municipality_id, r.team_id, 1 FROM new_rows r GROUP BY r.team_id, r.municipality_id ORDER BY r.team_id, r.municipality_id
    ON CONFLICT (team_id, municipality_id) DO UPDATE SET version = v.version + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO casework_figures_versions AS v (municipality_id, team_id, version)
    SELECT r.municipality_id, r.team_id, 1
    FROM (SELECT n.municipality_id, n.team_id FROM new_rows n UNION SELECT o.municipality_id, o.team_id FROM old_rows o) r
    ORDER BY r.team_id, r.municipality_id
    ON CONFLICT (team_id, municipality_id) DO UPDATE SET version = v.version + 1;
  ELSE
    INSERT INTO casework_figures_versions AS v (municipality_id, team_id, version)
    SELECT r.municipality_id, r.team_id, 1 FROM old_rows r GROUP BY r.team_id, r.municipality_id ORDER BY r.team_id, r.municipality_id
    ON CONFLICT (team_id, municipality_id) DO UPDATE SET version = v.version + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER casework_month_figures_bump_insert AFTER INSERT ON casework_month_figures REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_bump();
--> statement-breakpoint
CREATE TRIGGER casework_month_figures_bump_update AFTER UPDATE ON casework_month_figures REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_bump();
--> statement-breakpoint
CREATE TRIGGER casework_month_figures_bump_delete AFTER DELETE ON casework_month_figures REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casework_figures_bump();
--> statement-breakpoint
-- Versions of the teams whose figures already exist (a database migrated with figures in it).
INSERT INTO casework_figures_versions (municipality_id, team_id, version)
SELECT DISTINCT m.municipality_id, m.team_id, 1 FROM casework_month_figures m;
--> statement-breakpoint
GRANT SELECT ON casework_figures_versions TO app_user;
--> statement-breakpoint
ALTER TABLE casework_figures_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Read as the figures are (casework_month_figures_read, 0053): a team's coordinator or member their team, the
-- municipality scope its municipality, the scope 'figures' the administered municipalities.
CREATE POLICY casework_figures_versions_read ON casework_figures_versions FOR SELECT USING (
  CASE (SELECT app_scope())
    WHEN 'team' THEN team_id = (SELECT app_tenant()) AND (SELECT app_team_role()) IN ('coordinator', 'member')
    WHEN 'municipality' THEN municipality_id = (SELECT app_municipality())
    WHEN 'figures' THEN municipality_id = ANY ((SELECT app_admin_municipalities())::uuid[])
    ELSE false
  END
);
