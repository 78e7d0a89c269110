-- Casework (issue 15): who may read a household's record is decided here as
-- well as by CASL (packages/authz), so a forgotten check in the code still
-- cannot show a resident's data outside the case team.
--
-- The whole team (coordinator, member) sees the household list: reference,
-- initials, status. The content (profile, persons, cases, goals,
-- arrangements, ZRM, referrals) only the case team (regisseur, involved,
-- whoever did the intake), the team's coordinator, or a member with a live
-- break-the-glass grant. Volunteers, other teams, the controller, the
-- functional admin and partner managers: nothing (no policy for their scope).

-- The viewer's role in the current tenant, or NULL (SECURITY DEFINER: the
-- policies below must not depend on team_memberships' own policies).
CREATE OR REPLACE FUNCTION app_team_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.role::text FROM team_memberships m
  WHERE m.team_id = app_tenant() AND m.user_id = app_user_id() AND app_scope() = 'team'
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_team_role() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_team_role() TO app_user;
--> statement-breakpoint

-- By which right the viewer reads this household's case content:
-- 'case_team', 'coordinator', 'break_glass', or NULL (no access).
CREATE OR REPLACE FUNCTION case_access(p_household uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND (c.regisseur_id = app_user_id() OR c.created_by = app_user_id()))
      OR EXISTS (SELECT 1 FROM case_involved i WHERE i.household_id = h.id AND i.user_id = app_user_id()) THEN 'case_team'
    WHEN m.role = 'coordinator' THEN 'coordinator'
    WHEN EXISTS (SELECT 1 FROM case_access_grants g WHERE g.household_id = h.id AND g.user_id = app_user_id() AND g.expires_at > now()) THEN 'break_glass'
  END
  FROM households h
  JOIN team_memberships m ON m.team_id = h.team_id AND m.user_id = app_user_id() AND m.role IN ('coordinator', 'member')
  WHERE h.id = p_household AND h.team_id = app_tenant() AND app_scope() = 'team'
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION case_access(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION case_access(uuid) TO app_user;
--> statement-breakpoint

-- Whether a household has any case yet (its first intake may be registered
-- by any professional of the team, who then belongs to its case team).
CREATE OR REPLACE FUNCTION household_has_case(p_household uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = p_household)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION household_has_case(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION household_has_case(uuid) TO app_user;
--> statement-breakpoint

-- Contacts without a case and objections: the team's professionals.
GRANT SELECT, INSERT ON casework_contacts TO app_user;
--> statement-breakpoint
ALTER TABLE casework_contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY casework_contacts_team ON casework_contacts
  USING (team_id = (select app_tenant()) AND (select app_team_role()) IN ('coordinator', 'member'))
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND (select app_team_role()) IN ('coordinator', 'member'));
--> statement-breakpoint

-- The household list: the team's professionals. Status changes by the case
-- team; erasure (DELETE, cascading to the content) by the coordinator.
GRANT SELECT, INSERT, DELETE ON households TO app_user;
--> statement-breakpoint
GRANT UPDATE (initials, status, updated_at) ON households TO app_user;
--> statement-breakpoint
ALTER TABLE households ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY households_team_read ON households FOR SELECT
  USING (team_id = (select app_tenant()) AND (select app_team_role()) IN ('coordinator', 'member'));
--> statement-breakpoint
CREATE POLICY households_team_insert ON households FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND (select app_team_role()) IN ('coordinator', 'member'));
--> statement-breakpoint
CREATE POLICY households_case_update ON households FOR UPDATE
  USING (team_id = (select app_tenant()) AND case_access(id) IS NOT NULL)
  WITH CHECK (team_id = (select app_tenant()));
--> statement-breakpoint
CREATE POLICY households_coordinator_delete ON households FOR DELETE
  USING (team_id = (select app_tenant()) AND (select app_team_role()) = 'coordinator');
--> statement-breakpoint

-- The case content: one rule for every table, through case_access().
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['household_profiles', 'household_persons', 'cases', 'case_involved', 'case_goals',
                           'case_arrangements', 'case_arrangement_goals', 'zrm_measurements', 'zrm_scores', 'case_referrals'] LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO app_user', t);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)$p$, t || '_case_read', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR UPDATE USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)
      WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND case_access(household_id) IS NOT NULL)$p$, t || '_case_update', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR DELETE USING (team_id = (select app_tenant()) AND case_access(household_id) IS NOT NULL)$p$, t || '_case_delete', t);
    IF t = 'cases' THEN
      -- A household's first case may be registered by any professional of the team (the intake).
      EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality())
        AND (select app_team_role()) IN ('coordinator', 'member') AND created_by = (select app_user_id())
        AND (case_access(household_id) IS NOT NULL OR NOT household_has_case(household_id)))$p$, t || '_case_insert', t);
    ELSE
      EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality())
        AND case_access(household_id) IS NOT NULL)$p$, t || '_case_insert', t);
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint

-- Break-the-glass: a member opens a record with a reason for at most 8
-- hours; they see their own grants, the coordinator all of the team's.
GRANT SELECT, INSERT ON case_access_grants TO app_user;
--> statement-breakpoint
ALTER TABLE case_access_grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_access_grants_read ON case_access_grants FOR SELECT
  USING (team_id = (select app_tenant()) AND (user_id = (select app_user_id()) OR (select app_team_role()) = 'coordinator'));
--> statement-breakpoint
CREATE POLICY case_access_grants_insert ON case_access_grants FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND user_id = (select app_user_id())
    AND (select app_team_role()) = 'member' AND length(trim(reason)) >= 10 AND expires_at <= now() + interval '8 hours');
--> statement-breakpoint

-- The read log: anyone writes their own reads; the coordinator reads the team's.
GRANT SELECT, INSERT ON case_read_log TO app_user;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE case_read_log_id_seq TO app_user;
--> statement-breakpoint
ALTER TABLE case_read_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_read_log_insert ON case_read_log FOR INSERT
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND user_id = (select app_user_id()));
--> statement-breakpoint
CREATE POLICY case_read_log_coordinator_read ON case_read_log FOR SELECT
  USING (team_id = (select app_tenant()) AND (select app_team_role()) = 'coordinator');
--> statement-breakpoint

-- The destruction log: the coordinator reads it and writes an erasure's line.
GRANT SELECT, INSERT ON casework_destruction_log TO app_user;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE casework_destruction_log_id_seq TO app_user;
--> statement-breakpoint
ALTER TABLE casework_destruction_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY casework_destruction_log_coordinator ON casework_destruction_log
  USING (team_id = (select app_tenant()) AND (select app_team_role()) = 'coordinator')
  WITH CHECK (team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND (select app_team_role()) = 'coordinator' AND reason = 'erasure');
--> statement-breakpoint

-- Transfers: the coordinators of both teams see them; the owning team's coordinator proposes.
GRANT SELECT, INSERT ON household_transfers TO app_user;
--> statement-breakpoint
GRANT UPDATE (status, decided_by, decision_note, decided_at) ON household_transfers TO app_user;
--> statement-breakpoint
ALTER TABLE household_transfers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY household_transfers_coordinators ON household_transfers FOR SELECT
  USING ((from_team_id = (select app_tenant()) OR to_team_id = (select app_tenant())) AND (select app_team_role()) = 'coordinator');
--> statement-breakpoint
CREATE POLICY household_transfers_propose ON household_transfers FOR INSERT
  WITH CHECK (from_team_id = (select app_tenant()) AND municipality_id = (select app_municipality()) AND proposed_by = (select app_user_id())
    AND (select app_team_role()) = 'coordinator');
--> statement-breakpoint
CREATE POLICY household_transfers_decide ON household_transfers FOR UPDATE
  USING ((from_team_id = (select app_tenant()) OR to_team_id = (select app_tenant())) AND (select app_team_role()) = 'coordinator')
  WITH CHECK ((from_team_id = (select app_tenant()) OR to_team_id = (select app_tenant())) AND (select app_team_role()) = 'coordinator');
--> statement-breakpoint

-- The sociale kaart: every professional of the municipality reads it; the
-- functional admin and team coordinators keep it. No resident data.
GRANT SELECT, INSERT, UPDATE ON social_map_providers, social_map_offers TO app_user;
--> statement-breakpoint
ALTER TABLE social_map_providers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE social_map_offers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY social_map_providers_read ON social_map_providers FOR SELECT USING (municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY social_map_offers_read ON social_map_offers FOR SELECT USING (municipality_id = (select app_municipality()));
--> statement-breakpoint
CREATE POLICY social_map_providers_keep ON social_map_providers FOR INSERT
  WITH CHECK (municipality_id = (select app_municipality()) AND ((select app_scope()) = 'admin' OR (select app_team_role()) = 'coordinator'));
--> statement-breakpoint
CREATE POLICY social_map_providers_edit ON social_map_providers FOR UPDATE
  USING (municipality_id = (select app_municipality()) AND ((select app_scope()) = 'admin' OR (select app_team_role()) = 'coordinator'));
--> statement-breakpoint
CREATE POLICY social_map_offers_keep ON social_map_offers FOR INSERT
  WITH CHECK (municipality_id = (select app_municipality()) AND ((select app_scope()) = 'admin' OR (select app_team_role()) = 'coordinator'));
--> statement-breakpoint
CREATE POLICY social_map_offers_edit ON social_map_offers FOR UPDATE
  USING (municipality_id = (select app_municipality()) AND ((select app_scope()) = 'admin' OR (select app_team_role()) = 'coordinator'));
--> statement-breakpoint

-- A spend request points only to a household of its own team (the foreign
-- key alone would accept any household id, since FK checks bypass RLS).
CREATE OR REPLACE FUNCTION spend_household_same_team() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.household_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM households h WHERE h.id = NEW.household_id AND h.team_id = NEW.team_id) THEN
    RAISE EXCEPTION 'household of another team' USING ERRCODE = '23514', CONSTRAINT = 'spend_requests_household_team';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER spend_requests_household_team BEFORE INSERT OR UPDATE OF household_id ON spend_requests
  FOR EACH ROW EXECUTE FUNCTION spend_household_same_team();
