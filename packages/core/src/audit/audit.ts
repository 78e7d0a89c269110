// Audit events: written in the same transaction as the change, through the
// SQL function audit_append(). The per-municipality hash chain is sealed after
// commit by audit_seal() (every second from server.js, and before every
// verification), so audited commands no longer wait for each other's commits
// (docs/decisions/0008-audit-chain-sealed-after-commit.md).
import { queryRows, sql, type Queryable } from "@wijkwerk/db";
import type { Actor, RequestMeta } from "../common";

/** Every audited action; the audit log page has a Dutch label for each. */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "auth.locked",
  "auth.unlocked",
  "auth.mfa_enabled",
  "auth.mfa_disabled",
  "auth.mfa_failed",
  "auth.recovery_code_used",
  "auth.password_reset_requested",
  "auth.password_reset",
  "auth.password_changed",
  "session.revoked",
  "invitation.created",
  "invitation.accepted",
  "invitation.rejected",
  "invitation.revoked",
  "invitation.proposed",
  "invitation.confirmed",
  "invitation.declined",
  "membership.created",
  "membership.ended",
  "membership.updated",
  "membership.removed",
  "scope_role.granted",
  "scope_role.revoked",
  "team.created",
  "team.updated",
  "buurt.created",
  "buurt.reassigned",
  "partner.created",
  "partner.updated",
  "agreement.created",
  "agreement.updated",
  "agreement.deleted",
  "product_delivery.recorded",
  "partner_export_token.created",
  "partner_export_token.revoked",
  "partner_export.downloaded",
  "user.created",
  "user.updated",
  "settings.updated",
  "spend.first_approval",
  "spend.approved",
  "spend.rejected",
  "spend.info_requested",
  "spend.paid",
  "spend.settled",
  "spend.cancelled",
  "spend.attachment_added",
  "spend.attachment_removed",
  "budget.created",
  "budget.updated",
  "norm.created",
  "norm.updated",
  "team_costs.saved",
  "api_token.created",
  "api_token.revoked",
  "workgroup.created",
  "workgroup.joined",
  "workgroup.join_requested",
  "workgroup.join_approved",
  "workgroup.join_declined",
  "workgroup.post_hidden",
  "workgroup.privacy_override",
  "spend.privacy_override",
  "workgroup.attachment_added",
  "workgroup.attachment_removed",
  "workgroup.left",
  "workgroup.member_added",
  "workgroup.member_removed",
  "workgroup.role_changed",
  "workgroup.updated",
  "handbook.restored",
  "story.updated",
  "story.removed",
  "card.details_viewed",
  "workgroup.proposal_created",
  "workgroup.proposal_closed",
  "team.contact_updated",
  "streets.imported",
  "buurtservice.entry_registered",
  "buurtservice.entry_closed",
  "buurtservice.match_proposed",
  "buurtservice.match_updated",
  "initiative.registered",
  "initiative.ended",
  // Casework: households and intake (issue 15)
  "casework.intake_registered",
  "casework.case_reopened",
  "casework.persons_updated",
  "casework.profile_updated",
  "casework.regisseur_set",
  "casework.involved_changed",
  "casework.contact_registered",
  "casework.goal_added",
  "casework.goal_updated",
  "casework.arrangement_added",
  "casework.arrangement_updated",
  "casework.zrm_recorded",
  "casework.referral_added",
  "casework.referral_updated",
  "casework.case_closed",
  "casework.break_glass",
  "casework.erased",
  // Casework (issue 15): the sociale kaart and household transfers.
  "casework.social_map_provider_created",
  "casework.social_map_provider_updated",
  "casework.social_map_provider_archived",
  "casework.social_map_provider_restored",
  "casework.social_map_offer_created",
  "casework.social_map_offer_updated",
  "casework.social_map_offer_archived",
  "casework.social_map_offer_restored",
  "casework.transfer_proposed",
  "casework.transfer_accepted",
  "casework.transfer_declined",
  "casework.transfer_withdrawn",
  // Casework (issue 16): the history import.
  "casework.history_imported",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEventInput {
  municipalityId: string;
  teamId?: string | null;
  actor: Pick<Actor, "userId" | "email" | "name"> | null;
  action: AuditAction;
  objectType: string;
  objectId?: string | null;
  result?: "success" | "failure";
  meta: RequestMeta;
  data?: Record<string, unknown>;
}

export async function appendAudit(q: Queryable, e: AuditEventInput): Promise<void> {
  await q.execute(sql`select ${auditAppendCall(e)}`);
}

/** The audit_append(...) call as an SQL expression, for a statement that also does the change it records. */
export function auditAppendCall(e: AuditEventInput) {
  const actorSnapshot = e.actor ? { id: e.actor.userId, email: e.actor.email, name: e.actor.name } : { id: null, email: null, name: "systeem" };
  return sql`audit_append(
    ${e.municipalityId}::uuid, ${e.teamId ?? null}::uuid, ${e.actor?.userId ?? null}::uuid,
    ${JSON.stringify(actorSnapshot)}::jsonb, ${e.action}, ${e.objectType}, ${e.objectId ?? null},
    ${e.result ?? "success"}, ${e.meta.ip}, ${JSON.stringify(auditData(e))}::jsonb)`;
}

export interface ChainBreak {
  seq: number;
  municipalityId: string;
  reason: "hash_mismatch" | "prev_hash_mismatch" | "chain_gap";
}

/** Links every municipality's committed, unsealed events into its chain; returns how many were sealed. */
export async function sealAuditChains(q: Queryable): Promise<number> {
  let sealed = 0;
  for (;;) {
    const pending = await queryRows<{ municipality_id: string }>(q, sql`select distinct municipality_id from audit_events where hash is null`);
    if (pending.length === 0) return sealed;
    let round = 0;
    // One statement (and so one short transaction) per municipality: a sealer never holds two chains' locks.
    for (const { municipality_id } of pending) round += (await queryRows<{ n: number }>(q, sql`select audit_seal(${municipality_id}::uuid) as n`))[0].n;
    sealed += round;
    if (round === 0) return sealed; // what is left is not committed yet
  }
}

/** Seals what is pending, then recomputes every hash and link in chain order; returns the breaks (empty = intact). */
export async function verifyAuditChain(q: Queryable): Promise<{ checked: number; breaks: ChainBreak[] }> {
  await sealAuditChains(q);
  const list = await queryRows<{ seq: string; municipality_id: string; ok_hash: boolean; ok_prev: boolean; ok_pos: boolean }>(
    q,
    sql`
    select seq, municipality_id,
      hash = encode(sha256(convert_to(prev_hash || audit_canonical(municipality_id, team_id, actor_user_id, actor,
        action, object_type, object_id, result, ip, data, occurred_at), 'UTF8')), 'hex') as ok_hash,
      prev_hash = coalesce(lag(hash) over w, repeat('0', 64)) as ok_prev,
      chain_pos = row_number() over w as ok_pos
    from audit_events
    window w as (partition by municipality_id order by chain_pos)
    order by municipality_id, chain_pos`,
  );
  const breaks: ChainBreak[] = [];
  for (const r of list) {
    if (!r.ok_hash) breaks.push({ seq: Number(r.seq), municipalityId: r.municipality_id, reason: "hash_mismatch" });
    else if (!r.ok_prev) breaks.push({ seq: Number(r.seq), municipalityId: r.municipality_id, reason: "prev_hash_mismatch" });
    else if (!r.ok_pos) breaks.push({ seq: Number(r.seq), municipalityId: r.municipality_id, reason: "chain_gap" });
  }
  return { checked: list.length, breaks };
}

/** The event's data, with the request's id (docs/operations.md) when the command came from a request. */
function auditData(e: AuditEventInput): Record<string, unknown> {
  const data = e.data ?? {};
  return e.meta.requestId ? { ...data, requestId: e.meta.requestId } : data;
}
