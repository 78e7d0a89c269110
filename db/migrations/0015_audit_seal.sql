ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_pos" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain" ON "audit_events" USING btree ("municipality_id","chain_pos");--> statement-breakpoint
CREATE INDEX "audit_events_unsealed" ON "audit_events" USING btree ("municipality_id","seq") WHERE hash is null;--> statement-breakpoint
-- The audit chain is sealed after commit (docs/decisions/0008-audit-chain-sealed-after-commit.md).
-- Before, audit_append() linked each event to the previous one under a
-- per-municipality advisory lock held until commit, so every audited command
-- of a municipality waited for the previous one's commit (one WAL flush per
-- approval, at most). Now audit_append() only inserts the event; audit_seal()
-- links the committed, unsealed events in order (chain_pos, prev_hash, hash)
-- under that lock, in a short transaction of its own. The server seals every
-- second; the verification seals first. The chain order is the sealing order.
-- Existing events keep their hashes; their chain position is their order.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
--> statement-breakpoint
UPDATE audit_events e SET chain_pos = r.pos
FROM (SELECT seq, row_number() OVER (PARTITION BY municipality_id ORDER BY seq) AS pos FROM audit_events) r
WHERE r.seq = e.seq;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
--> statement-breakpoint
ALTER TABLE audit_events ADD CONSTRAINT audit_events_sealed_together
  CHECK ((hash IS NULL) = (prev_hash IS NULL) AND (hash IS NULL) = (chain_pos IS NULL));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_append(
  p_municipality_id uuid, p_team_id uuid, p_actor_user_id uuid, p_actor jsonb, p_action text,
  p_object_type text, p_object_id text, p_result text, p_ip text, p_data jsonb
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_seq bigint;
BEGIN
  INSERT INTO audit_events (municipality_id, team_id, actor_user_id, actor, action, object_type, object_id,
                            result, ip, data, occurred_at)
  VALUES (p_municipality_id, p_team_id, p_actor_user_id, p_actor, p_action, p_object_type, p_object_id,
          p_result, p_ip, coalesce(p_data, '{}'::jsonb), date_trunc('milliseconds', clock_timestamp()))
  RETURNING seq INTO v_seq;
  RETURN v_seq;
END
$$;
--> statement-breakpoint
-- Links the municipality's committed, unsealed events into its chain; returns how many.
-- One sealer per municipality at a time (the lock is held until the caller's commit,
-- and a waiting sealer then reads the new chain end).
CREATE OR REPLACE FUNCTION audit_seal(p_municipality_id uuid) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_prev text;
  v_pos bigint;
  v_hash text;
  v_count int := 0;
  r audit_events%ROWTYPE;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || p_municipality_id::text, 0));
  SELECT hash, chain_pos INTO v_prev, v_pos FROM audit_events
   WHERE municipality_id = p_municipality_id AND chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  v_pos := coalesce(v_pos, 0);
  FOR r IN SELECT * FROM audit_events WHERE municipality_id = p_municipality_id AND hash IS NULL ORDER BY seq LIMIT 5000 LOOP
    v_pos := v_pos + 1;
    v_hash := encode(sha256(convert_to(v_prev || audit_canonical(r.municipality_id, r.team_id, r.actor_user_id, r.actor,
      r.action, r.object_type, r.object_id, r.result, r.ip, r.data, r.occurred_at), 'UTF8')), 'hex');
    UPDATE audit_events SET prev_hash = v_prev, hash = v_hash, chain_pos = v_pos WHERE seq = r.seq;
    v_prev := v_hash;
    v_count := v_count + 1;
  END LOOP;
  RETURN v_count;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_seal(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_seal(uuid) TO app_user;
--> statement-breakpoint
-- Append-only, except the one update sealing makes: an unsealed event gets its
-- chain position and hashes, and nothing else of it changes.
CREATE OR REPLACE FUNCTION audit_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
     AND (to_jsonb(NEW) - 'hash' - 'prev_hash' - 'chain_pos') = (to_jsonb(OLD) - 'hash' - 'prev_hash' - 'chain_pos') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END
$$;
