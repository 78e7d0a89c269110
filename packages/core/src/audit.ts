// Audit events: written in the same transaction as the change, through the
// SQL function audit_append(), which serialises the per-municipality hash chain.
import { queryRows, sql, type Queryable } from "@wijkwerk/db";
import type { Actor, RequestMeta } from "./context";

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
  "user.created",
  "user.updated",
  "settings.updated",
  "spend.first_approval",
  "spend.approved",
  "spend.rejected",
  "spend.paid",
  "spend.settled",
  "spend.cancelled",
  "spend.attachment_added",
  "spend.attachment_removed",
  "budget.created",
  "budget.updated",
  "norm.created",
  "norm.updated",
  "api_token.created",
  "api_token.revoked",
  "workgroup.created",
  "workgroup.joined",
  "workgroup.join_requested",
  "workgroup.join_approved",
  "workgroup.join_declined",
  "workgroup.post_hidden",
  "workgroup.privacy_override",
  "handbook.restored",
  "workgroup.proposal_created",
  "workgroup.proposal_closed",
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
    ${e.result ?? "success"}, ${e.meta.ip}, ${JSON.stringify(e.data ?? {})}::jsonb)`;
}

export interface ChainBreak {
  seq: number;
  municipalityId: string;
  reason: "hash_mismatch" | "prev_hash_mismatch";
}

/** Recomputes every hash and link; returns the breaks (empty = intact). */
export async function verifyAuditChain(q: Queryable): Promise<{ checked: number; breaks: ChainBreak[] }> {
  const list = await queryRows<{ seq: string; municipality_id: string; ok_hash: boolean; ok_prev: boolean }>(q, sql`
    select seq, municipality_id,
      hash = encode(sha256(convert_to(prev_hash || audit_canonical(municipality_id, team_id, actor_user_id, actor,
        action, object_type, object_id, result, ip, data, occurred_at), 'UTF8')), 'hex') as ok_hash,
      prev_hash = coalesce(lag(hash) over (partition by municipality_id order by seq), repeat('0', 64)) as ok_prev
    from audit_events order by seq`);
  const breaks: ChainBreak[] = [];
  for (const r of list) {
    if (!r.ok_hash) breaks.push({ seq: Number(r.seq), municipalityId: r.municipality_id, reason: "hash_mismatch" });
    else if (!r.ok_prev) breaks.push({ seq: Number(r.seq), municipalityId: r.municipality_id, reason: "prev_hash_mismatch" });
  }
  return { checked: list.length, breaks };
}
