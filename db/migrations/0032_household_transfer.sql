-- Household transfers (issue 15): a household moves to another team only by
-- an explicit transfer, proposed by the owning team's coordinator and
-- accepted by the receiving team's coordinator — never silently when a buurt
-- changes team. Accepting moves the household and every content row in one
-- transaction, here, so no half-moved file can exist and the checks cannot
-- be skipped by the code.

-- The references before and after: the receiving coordinator cannot read the
-- other team's household, so the transfer row carries its reference; the new
-- one (the receiving team's format) is set at acceptance.
ALTER TABLE household_transfers ADD COLUMN from_reference text NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE household_transfers ADD COLUMN to_reference text;
--> statement-breakpoint

-- Deciding by a plain UPDATE is only declining (the receiving coordinator) or
-- withdrawing (the proposing team's coordinator), and only while proposed.
-- Accepting goes through accept_household_transfer() below.
DROP POLICY household_transfers_decide ON household_transfers;
--> statement-breakpoint
CREATE POLICY household_transfers_decide ON household_transfers FOR UPDATE
  USING ((from_team_id = (select app_tenant()) OR to_team_id = (select app_tenant())) AND (select app_team_role()) = 'coordinator' AND status = 'proposed')
  WITH CHECK ((select app_team_role()) = 'coordinator' AND decided_by = (select app_user_id())
    AND ((status = 'declined' AND to_team_id = (select app_tenant())) OR (status = 'withdrawn' AND from_team_id = (select app_tenant()))));
--> statement-breakpoint

-- Accepts a proposed transfer as the receiving team's coordinator: the
-- household and all its content rows get the new team, the open case gets a
-- regisseur from the new team, involved professionals who are not in the new
-- team leave the case team, and the household gets a new reference in the
-- receiving team's format (prefix from teams.resident_ref_prefix, else
-- p_default_prefix; next free number). Returns the old and new reference.
CREATE OR REPLACE FUNCTION accept_household_transfer(p_transfer uuid, p_regisseur uuid, p_note text, p_default_prefix text)
RETURNS TABLE (household_id uuid, from_reference text, to_reference text, removed_involved integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  tr household_transfers%ROWTYPE;
  h households%ROWTYPE;
  v_prefix text;
  v_ref text;
  v_removed integer;
BEGIN
  IF app_scope() IS DISTINCT FROM 'team' OR app_team_role() IS DISTINCT FROM 'coordinator' THEN
    RAISE EXCEPTION 'only the receiving team''s coordinator accepts a transfer' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO tr FROM household_transfers t
    WHERE t.id = p_transfer AND t.to_team_id = app_tenant() AND t.municipality_id = app_municipality() FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no such transfer for this team' USING ERRCODE = 'P0002';
  END IF;
  IF tr.status <> 'proposed' THEN
    RAISE EXCEPTION 'transfer is not proposed' USING ERRCODE = '55000', CONSTRAINT = 'household_transfer_not_open';
  END IF;
  SELECT * INTO h FROM households x WHERE x.id = tr.household_id FOR UPDATE;
  IF NOT FOUND OR h.team_id <> tr.from_team_id THEN
    RAISE EXCEPTION 'household is no longer with the proposing team' USING ERRCODE = '55000', CONSTRAINT = 'household_transfer_not_open';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM team_memberships m JOIN users u ON u.id = m.user_id
                 WHERE m.team_id = tr.to_team_id AND m.user_id = p_regisseur AND m.role IN ('coordinator', 'member') AND u.is_active) THEN
    RAISE EXCEPTION 'the regisseur must be a professional of the receiving team' USING ERRCODE = '23514', CONSTRAINT = 'household_transfer_regisseur';
  END IF;

  v_prefix := coalesce((SELECT t.resident_ref_prefix FROM teams t WHERE t.id = tr.to_team_id), p_default_prefix);
  IF v_prefix IS NULL OR v_prefix !~ '^[A-Z]{1,5}$' THEN
    RAISE EXCEPTION 'invalid reference prefix' USING ERRCODE = '22023';
  END IF;
  -- One reference at a time per team (the unique index would refuse a duplicate; this avoids the retry).
  PERFORM pg_advisory_xact_lock(hashtext('household_reference:' || tr.to_team_id::text));
  SELECT v_prefix || '-' || lpad((coalesce(max(substring(x.reference FROM '-([0-9]+)$')::bigint), 0) + 1)::text, 4, '0') INTO v_ref
    FROM households x WHERE x.team_id = tr.to_team_id AND x.reference ~ ('^' || v_prefix || '-[0-9]+$');

  UPDATE households SET team_id = tr.to_team_id, reference = v_ref, updated_at = now() WHERE id = h.id;
  UPDATE household_profiles SET team_id = tr.to_team_id WHERE household_profiles.household_id = h.id;
  UPDATE household_persons SET team_id = tr.to_team_id WHERE household_persons.household_id = h.id;
  UPDATE cases SET team_id = tr.to_team_id WHERE cases.household_id = h.id;
  UPDATE cases SET regisseur_id = p_regisseur, updated_at = now() WHERE cases.household_id = h.id AND status = 'open';
  -- Involved professionals who do not work in the new team leave the case team (their access ends with it).
  DELETE FROM case_involved i WHERE i.household_id = h.id
    AND NOT EXISTS (SELECT 1 FROM team_memberships m WHERE m.team_id = tr.to_team_id AND m.user_id = i.user_id AND m.role IN ('coordinator', 'member'));
  GET DIAGNOSTICS v_removed = ROW_COUNT;
  UPDATE case_involved SET team_id = tr.to_team_id WHERE case_involved.household_id = h.id;
  UPDATE case_goals SET team_id = tr.to_team_id WHERE case_goals.household_id = h.id;
  UPDATE case_arrangements SET team_id = tr.to_team_id WHERE case_arrangements.household_id = h.id;
  UPDATE case_arrangement_goals SET team_id = tr.to_team_id WHERE case_arrangement_goals.household_id = h.id;
  UPDATE zrm_measurements SET team_id = tr.to_team_id WHERE zrm_measurements.household_id = h.id;
  UPDATE zrm_scores SET team_id = tr.to_team_id WHERE zrm_scores.household_id = h.id;
  UPDATE case_referrals SET team_id = tr.to_team_id WHERE case_referrals.household_id = h.id;
  UPDATE case_access_grants SET team_id = tr.to_team_id WHERE case_access_grants.household_id = h.id;

  UPDATE household_transfers t SET status = 'accepted', decided_by = app_user_id(), decided_at = now(),
    decision_note = coalesce(p_note, ''), to_reference = v_ref
    WHERE t.id = tr.id;
  RETURN QUERY SELECT h.id, h.reference, v_ref, v_removed;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION accept_household_transfer(uuid, uuid, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION accept_household_transfer(uuid, uuid, text, text) TO app_user;
