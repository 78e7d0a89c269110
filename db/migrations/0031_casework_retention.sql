-- Casework (issue 15): destroying a household's file, by erasure (AVG art.
-- 17, the coordinator) or by the retention purge (the legal basis' term has
-- passed), always the same way: a destruction-log line per destroyed record
-- (its kind, the household's reference, the legal basis, why and when —
-- never its content), the read log of the household, then the household
-- itself (its content goes with it by ON DELETE CASCADE; a spend request
-- keeps its own record and loses only its link). docs/dpia.md.

-- The one destruction routine. Not callable by app_user: erasure goes
-- through casework_erase_household() (checks the coordinator), the purge
-- through casework_purge() (the schema owner: server.js and the script).
CREATE OR REPLACE FUNCTION casework_destroy(p_household uuid, p_reason text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  h households%ROWTYPE;
  v_basis text;
  v_lines integer;
BEGIN
  SELECT * INTO h FROM households WHERE id = p_household FOR UPDATE;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  -- The household-level records carry the basis of the case kept longest.
  SELECT c.legal_basis INTO v_basis FROM cases c WHERE c.household_id = h.id
    ORDER BY c.retain_until DESC NULLS LAST, c.intake_on DESC LIMIT 1;
  WITH records (kind, basis) AS (
    SELECT 'household'::text, v_basis
    UNION ALL SELECT 'household_profile', v_basis FROM household_profiles WHERE household_id = h.id
    UNION ALL SELECT 'person', v_basis FROM household_persons WHERE household_id = h.id
    UNION ALL SELECT 'case', legal_basis FROM cases WHERE household_id = h.id
    UNION ALL SELECT 'case_involved', c.legal_basis FROM case_involved x JOIN cases c ON c.id = x.case_id WHERE x.household_id = h.id
    UNION ALL SELECT 'goal', c.legal_basis FROM case_goals x JOIN cases c ON c.id = x.case_id WHERE x.household_id = h.id
    UNION ALL SELECT 'arrangement', c.legal_basis FROM case_arrangements x JOIN cases c ON c.id = x.case_id WHERE x.household_id = h.id
    UNION ALL SELECT 'zrm_measurement', c.legal_basis FROM zrm_measurements x JOIN cases c ON c.id = x.case_id WHERE x.household_id = h.id
    UNION ALL SELECT 'referral', c.legal_basis FROM case_referrals x JOIN cases c ON c.id = x.case_id WHERE x.household_id = h.id
    UNION ALL SELECT 'transfer', v_basis FROM household_transfers WHERE household_id = h.id
    UNION ALL SELECT 'access_grant', v_basis FROM case_access_grants WHERE household_id = h.id
    UNION ALL SELECT 'read_log', v_basis FROM case_read_log WHERE household_id = h.id
    UNION ALL SELECT 'spend_link', v_basis FROM spend_requests WHERE household_id = h.id
  )
  INSERT INTO casework_destruction_log (municipality_id, team_id, record_kind, household_reference, legal_basis, reason)
  SELECT h.municipality_id, h.team_id, r.kind, h.reference, r.basis, p_reason FROM records r;
  GET DIAGNOSTICS v_lines = ROW_COUNT;
  DELETE FROM case_read_log WHERE household_id = h.id;
  DELETE FROM households WHERE id = h.id;
  RETURN v_lines;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_destroy(uuid, text) FROM PUBLIC;
--> statement-breakpoint

-- Erasure by the team's coordinator (the use case has checked CASL and the
-- retyped reference; this is the database's own check of the same rule).
CREATE OR REPLACE FUNCTION casework_erase_household(p_household uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF app_scope() IS DISTINCT FROM 'team' OR app_team_role() IS DISTINCT FROM 'coordinator'
     OR NOT EXISTS (SELECT 1 FROM households h WHERE h.id = p_household AND h.team_id = app_tenant()) THEN
    RAISE EXCEPTION 'erasure not allowed' USING ERRCODE = '42501';
  END IF;
  RETURN casework_destroy(p_household, 'erasure');
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_erase_household(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION casework_erase_household(uuid) TO app_user;
--> statement-breakpoint

-- The retention purge: every household whose cases are all closed and whose
-- latest retention date (cases.retain_until, set at closing from the legal
-- basis; for a case without one: closing date + the basis' term) lies before
-- today in Maastricht. Also removes break-the-glass grants that expired more
-- than 90 days ago (the read log keeps that those reads were by noodtoegang).
-- Schema owner only (server.js daily, scripts/casework-purge.ts).
CREATE OR REPLACE FUNCTION casework_purge(p_now timestamptz DEFAULT now())
RETURNS TABLE (purged_households integer, destroyed_records integer, expired_grants integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_today date := (p_now AT TIME ZONE 'Europe/Amsterdam')::date;
  v_id uuid;
BEGIN
  purged_households := 0;
  destroyed_records := 0;
  FOR v_id IN
    SELECT h.id FROM households h
    WHERE EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id)
      AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.status <> 'closed')
      AND (SELECT max(coalesce(c.retain_until, (c.closed_on + CASE c.legal_basis
                WHEN 'wmo' THEN interval '15 years'
                WHEN 'jeugdwet' THEN interval '20 years'
                WHEN 'withdrawn' THEN interval '6 weeks'
                ELSE interval '5 years' END)::date))
           FROM cases c WHERE c.household_id = h.id) < v_today
    ORDER BY h.id
    FOR UPDATE OF h SKIP LOCKED
  LOOP
    destroyed_records := destroyed_records + casework_destroy(v_id, 'retention');
    purged_households := purged_households + 1;
  END LOOP;
  DELETE FROM case_access_grants g WHERE g.expires_at < p_now - interval '90 days';
  GET DIAGNOSTICS expired_grants = ROW_COUNT;
  RETURN NEXT;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION casework_purge(timestamptz) FROM PUBLIC;
--> statement-breakpoint

-- The coordinator's audit trail of a household (rectification, erasure,
-- break-the-glass): the team's audit events about households and cases.
-- The coordinator sees every file of the team already; nothing else of the
-- audit log (that stays the functional admin's).
CREATE POLICY audit_events_casework_coordinator_read ON audit_events FOR SELECT
  USING ((select app_scope()) = 'team' AND team_id = (select app_tenant()) AND object_type IN ('household', 'case')
    AND (select app_team_role()) = 'coordinator');
--> statement-breakpoint
-- The trail is looked up by object (the household and its cases), not by the chain's order.
CREATE INDEX audit_events_casework_object ON audit_events (object_id, seq) WHERE object_type IN ('household', 'case');
