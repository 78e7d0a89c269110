-- The casework content policies of 0030 were created in a DO loop with
-- format(), which a reader (or a scanner) of the migrations cannot see per
-- table. Same rules, written out: every content table readable and writable
-- only with a right to the household (case_access()); a household's first
-- case insertable by the team's professionals. Dropped and created again,
-- so a database migrated with 0030 ends with exactly these.
ALTER TABLE household_profiles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS household_profiles_case_read ON household_profiles;
--> statement-breakpoint
DROP POLICY IF EXISTS household_profiles_case_update ON household_profiles;
--> statement-breakpoint
DROP POLICY IF EXISTS household_profiles_case_delete ON household_profiles;
--> statement-breakpoint
DROP POLICY IF EXISTS household_profiles_case_insert ON household_profiles;
--> statement-breakpoint
CREATE POLICY household_profiles_case_read ON household_profiles FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY household_profiles_case_update ON household_profiles FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY household_profiles_case_delete ON household_profiles FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY household_profiles_case_insert ON household_profiles FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
ALTER TABLE household_persons ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS household_persons_case_read ON household_persons;
--> statement-breakpoint
DROP POLICY IF EXISTS household_persons_case_update ON household_persons;
--> statement-breakpoint
DROP POLICY IF EXISTS household_persons_case_delete ON household_persons;
--> statement-breakpoint
DROP POLICY IF EXISTS household_persons_case_insert ON household_persons;
--> statement-breakpoint
CREATE POLICY household_persons_case_read ON household_persons FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY household_persons_case_update ON household_persons FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY household_persons_case_delete ON household_persons FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY household_persons_case_insert ON household_persons FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS cases_case_read ON cases;
--> statement-breakpoint
DROP POLICY IF EXISTS cases_case_update ON cases;
--> statement-breakpoint
DROP POLICY IF EXISTS cases_case_delete ON cases;
--> statement-breakpoint
DROP POLICY IF EXISTS cases_case_insert ON cases;
--> statement-breakpoint
CREATE POLICY cases_case_read ON cases FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY cases_case_update ON cases FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY cases_case_delete ON cases FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
-- A household's first case may be registered by any professional of the team (the intake).
CREATE POLICY cases_case_insert ON cases FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality())
    AND (select app_team_role()) IN ('coordinator', 'member') AND created_by = (select app_user_id())
    AND (case_access(household_id) IS NOT NULL OR NOT household_has_case(household_id)));
--> statement-breakpoint
ALTER TABLE case_involved ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS case_involved_case_read ON case_involved;
--> statement-breakpoint
DROP POLICY IF EXISTS case_involved_case_update ON case_involved;
--> statement-breakpoint
DROP POLICY IF EXISTS case_involved_case_delete ON case_involved;
--> statement-breakpoint
DROP POLICY IF EXISTS case_involved_case_insert ON case_involved;
--> statement-breakpoint
CREATE POLICY case_involved_case_read ON case_involved FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_involved_case_update ON case_involved FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_involved_case_delete ON case_involved FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_involved_case_insert ON case_involved FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
ALTER TABLE case_goals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS case_goals_case_read ON case_goals;
--> statement-breakpoint
DROP POLICY IF EXISTS case_goals_case_update ON case_goals;
--> statement-breakpoint
DROP POLICY IF EXISTS case_goals_case_delete ON case_goals;
--> statement-breakpoint
DROP POLICY IF EXISTS case_goals_case_insert ON case_goals;
--> statement-breakpoint
CREATE POLICY case_goals_case_read ON case_goals FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_goals_case_update ON case_goals FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_goals_case_delete ON case_goals FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_goals_case_insert ON case_goals FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
ALTER TABLE case_arrangements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS case_arrangements_case_read ON case_arrangements;
--> statement-breakpoint
DROP POLICY IF EXISTS case_arrangements_case_update ON case_arrangements;
--> statement-breakpoint
DROP POLICY IF EXISTS case_arrangements_case_delete ON case_arrangements;
--> statement-breakpoint
DROP POLICY IF EXISTS case_arrangements_case_insert ON case_arrangements;
--> statement-breakpoint
CREATE POLICY case_arrangements_case_read ON case_arrangements FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_arrangements_case_update ON case_arrangements FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_arrangements_case_delete ON case_arrangements FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_arrangements_case_insert ON case_arrangements FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
ALTER TABLE case_arrangement_goals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS case_arrangement_goals_case_read ON case_arrangement_goals;
--> statement-breakpoint
DROP POLICY IF EXISTS case_arrangement_goals_case_update ON case_arrangement_goals;
--> statement-breakpoint
DROP POLICY IF EXISTS case_arrangement_goals_case_delete ON case_arrangement_goals;
--> statement-breakpoint
DROP POLICY IF EXISTS case_arrangement_goals_case_insert ON case_arrangement_goals;
--> statement-breakpoint
CREATE POLICY case_arrangement_goals_case_read ON case_arrangement_goals FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_arrangement_goals_case_update ON case_arrangement_goals FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_arrangement_goals_case_delete ON case_arrangement_goals FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_arrangement_goals_case_insert ON case_arrangement_goals FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
ALTER TABLE zrm_measurements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS zrm_measurements_case_read ON zrm_measurements;
--> statement-breakpoint
DROP POLICY IF EXISTS zrm_measurements_case_update ON zrm_measurements;
--> statement-breakpoint
DROP POLICY IF EXISTS zrm_measurements_case_delete ON zrm_measurements;
--> statement-breakpoint
DROP POLICY IF EXISTS zrm_measurements_case_insert ON zrm_measurements;
--> statement-breakpoint
CREATE POLICY zrm_measurements_case_read ON zrm_measurements FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY zrm_measurements_case_update ON zrm_measurements FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY zrm_measurements_case_delete ON zrm_measurements FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY zrm_measurements_case_insert ON zrm_measurements FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
ALTER TABLE zrm_scores ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS zrm_scores_case_read ON zrm_scores;
--> statement-breakpoint
DROP POLICY IF EXISTS zrm_scores_case_update ON zrm_scores;
--> statement-breakpoint
DROP POLICY IF EXISTS zrm_scores_case_delete ON zrm_scores;
--> statement-breakpoint
DROP POLICY IF EXISTS zrm_scores_case_insert ON zrm_scores;
--> statement-breakpoint
CREATE POLICY zrm_scores_case_read ON zrm_scores FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY zrm_scores_case_update ON zrm_scores FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY zrm_scores_case_delete ON zrm_scores FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY zrm_scores_case_insert ON zrm_scores FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
ALTER TABLE case_referrals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY IF EXISTS case_referrals_case_read ON case_referrals;
--> statement-breakpoint
DROP POLICY IF EXISTS case_referrals_case_update ON case_referrals;
--> statement-breakpoint
DROP POLICY IF EXISTS case_referrals_case_delete ON case_referrals;
--> statement-breakpoint
DROP POLICY IF EXISTS case_referrals_case_insert ON case_referrals;
--> statement-breakpoint
CREATE POLICY case_referrals_case_read ON case_referrals FOR SELECT
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_referrals_case_update ON case_referrals FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_referrals_case_delete ON case_referrals FOR DELETE
  USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY case_referrals_case_insert ON case_referrals FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL);
