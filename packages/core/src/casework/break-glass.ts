// Break-the-glass: a member of the team outside a household's case team
// opens its file for BREAK_GLASS_HOURS, with a reason. The grant, its audit
// event and the notice to the team's coordinator(s) are one transaction:
// nobody reads by noodtoegang without the coordinator being told. What they
// read then is logged like every read, with the right 'break_glass'.
import { as } from "@wijkwerk/authz";
import { caseAccessGrants, queryRows, sql, withScope } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { DomainError, type TeamContext, invalidInput, notFound } from "../common";
import { coordinatorRecipients, insertNotices } from "../notifications";
import { breakGlassNotice } from "./privacy-messages";
import { BREAK_GLASS_HOURS, type CaseAccess } from "./vocabulary";

export const BREAK_GLASS_REASON_MIN = 10;
export const BREAK_GLASS_REASON_MAX = 500;

const breakGlassInput = z.object({
  reason: z.string().trim().min(BREAK_GLASS_REASON_MIN, { message: "reason_too_short" }).max(BREAK_GLASS_REASON_MAX),
});
export type BreakGlassInput = z.input<typeof breakGlassInput>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A live grant of the viewer: until when it runs. */
export interface ActiveGrant {
  grantedAt: Date;
  expiresAt: Date;
}

/**
 * Opens a household's file by break-the-glass. Only a member of the owning
 * team who has no right to it yet (not the coordinator, not in the case
 * team, no live grant): 409 for someone who already reads it; 404 for
 * volunteers, other teams and everyone else.
 */
export async function openWithBreakGlass(ctx: TeamContext, householdId: string, input: BreakGlassInput): Promise<ActiveGrant> {
  const subject = as("CaseAccessGrant", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId });
  const readsHouseholds = ctx.ability.can("read", as("Household", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
  if (!readsHouseholds || !UUID.test(householdId)) throw notFound();
  const parsed = breakGlassInput.safeParse(input);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [h] = await queryRows<{ id: string; reference: string; access: CaseAccess | null }>(
      tx,
      sql`select h.id, h.reference, case_access(h.id) as access from households h where h.id = ${householdId} and h.team_id = ${ctx.team.id}`,
    );
    if (!h) throw notFound();
    if (h.access) throw new DomainError("casework_break_glass_not_needed", 409);
    if (!ctx.ability.can("create", subject)) throw notFound();
    if (!parsed.success) throw invalidInput(parsed.error);
    const [grant] = await tx
      .insert(caseAccessGrants)
      .values({
        municipalityId: ctx.team.municipalityId,
        teamId: ctx.team.id,
        householdId: h.id,
        userId: ctx.actor.userId,
        reason: parsed.data.reason,
        expiresAt: sql`now() + make_interval(hours => ${BREAK_GLASS_HOURS})`,
      })
      .returning({ id: caseAccessGrants.id, grantedAt: caseAccessGrants.grantedAt, expiresAt: caseAccessGrants.expiresAt });
    // The reason stays on the grant (the coordinator reads it on the household's inzage page); the audit
    // log, which outlives the file, keeps only the reference and the window.
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "casework.break_glass",
      objectType: "household",
      objectId: h.id,
      meta: ctx.meta,
      data: { reference: h.reference, grantId: grant.id, expiresAt: grant.expiresAt.toISOString() },
    });
    const [{ until }] = await queryRows<{ until: string }>(
      tx,
      sql`select to_char(${grant.expiresAt.toISOString()}::timestamptz at time zone 'Europe/Amsterdam', 'HH24:MI') as until`,
    );
    const link = `/t/${ctx.team.slug}/huishoudens/${h.id}/inzage`;
    const text = breakGlassNotice.text(ctx.actor.name, h.reference, until);
    const coordinators = await coordinatorRecipients(tx, ctx.team.id);
    await insertNotices(
      tx,
      ctx.team.municipalityId,
      coordinators.map((recipient) => ({
        recipient,
        spendId: null,
        kind: "casework_break_glass",
        text,
        link,
        subject: breakGlassNotice.subject(h.reference),
        linkLabel: breakGlassNotice.linkLabel,
      })),
    );
    return { grantedAt: grant.grantedAt, expiresAt: grant.expiresAt };
  });
}

/** The viewer's own live grant to this household (for the frame's "tot HH:MM"), or null. Shows nothing of the file: not logged. */
export async function activeGrant(ctx: TeamContext, householdId: string): Promise<ActiveGrant | null> {
  if (!UUID.test(householdId)) return null;
  const [row] = await withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<{ granted_at: string | Date; expires_at: string | Date }>(
      tx,
      sql`select granted_at, expires_at from case_access_grants
          where household_id = ${householdId} and user_id = ${ctx.actor.userId} and team_id = ${ctx.team.id} and expires_at > now()
          order by expires_at desc limit 1`,
    ),
  );
  return row ? { grantedAt: new Date(row.granted_at), expiresAt: new Date(row.expires_at) } : null;
}
