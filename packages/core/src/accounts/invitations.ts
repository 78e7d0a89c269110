// Invitations: an admin or team coordinator invites an e-mail address to a
// role. The e-mailed link carries a random token (only its hash is stored)
// that works once, expires after 7 days, only for the invited address, and
// re-checks at acceptance that the inviter may still grant the role.
import { ForbiddenError, TEAM_ROLES, as, defineAbilityFor, type AppAbility, type RoleName, type TeamRole } from "@wijkwerk/authz";
import {
  and,
  desc,
  eq,
  gt,
  invitations,
  isNull,
  partnerOrganisations,
  scopeRoles,
  insertMembership,
  sql,
  teamMemberships,
  teams,
  users,
  withScope,
  type Queryable,
} from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type RequestMeta, type UseCaseContext, DomainError, invalidInput, hashToken, newToken } from "../common";
import { loadGrants } from "./grants";
import { accountMessages } from "./messages";
import { enqueueEmail } from "../notifications";
import { MIN_PASSWORD_LENGTH, hashPassword } from "./passwords";

export const INVITATION_DAYS = 7;
export const INVITABLE_ROLES = [
  "coordinator",
  "member",
  "volunteer",
  "admin",
  "controller",
  "partner_manager",
  "researcher",
] as const satisfies readonly RoleName[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

const isTeamRole = (role: string): role is TeamRole => (TEAM_ROLES as readonly string[]).includes(role);

/** What is being granted, as a subject the ability can be asked about. */
interface GrantTarget {
  municipalityId: string;
  role: InvitableRole;
  teamId: string | null;
  partnerId: string | null;
}

/** May the holder of this ability hand out this role? One question for creation and acceptance. */
export function mayGrant(ability: AppAbility, t: GrantTarget): boolean {
  if (isTeamRole(t.role))
    return t.teamId !== null && ability.can("invite", as("Membership", { municipalityId: t.municipalityId, teamId: t.teamId, role: t.role }));
  return ability.can("invite", as("ScopeRole", { municipalityId: t.municipalityId, role: t.role, partnerId: t.partnerId }));
}

/** Roles the actor may offer in a team (for the form's role list). */
export function grantableTeamRoles(ability: AppAbility, municipalityId: string, teamId: string): TeamRole[] {
  return TEAM_ROLES.filter((role) => mayGrant(ability, { municipalityId, role, teamId, partnerId: null }));
}

export const invitationInput = z.object({
  email: z.string().trim().toLowerCase().email(),
  role: z.enum(INVITABLE_ROLES),
  teamId: z.string().uuid().nullish(),
  partnerId: z.string().uuid().nullish(),
});
export type InvitationInput = z.input<typeof invitationInput>;

export interface InvitationLinkOptions {
  baseUrl: string;
  now?: Date;
}

/**
 * Creates an invitation and queues its e-mail, in one transaction under the
 * actor's scope (a coordinator's team scope or the admin scope), so RLS
 * refuses an invitation into another team even if a check were forgotten.
 */
export async function createInvitation(ctx: UseCaseContext, raw: InvitationInput, opts: InvitationLinkOptions): Promise<{ id: string; token: string }> {
  const parsed = invitationInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const municipalityId = ctx.actor.municipalityId;
  const teamId = isTeamRole(input.role) ? (ctx.scope.kind === "team" ? ctx.scope.teamId : (input.teamId ?? null)) : null;
  if (isTeamRole(input.role) && !teamId) throw new DomainError("invalid_input", 400, { teamId: ["invalid_input"] });
  if (input.role === "partner_manager" && !input.partnerId) throw new DomainError("invalid_input", 400, { partnerId: ["invalid_input"] });
  const partnerId = input.partnerId ?? null;
  const target: GrantTarget = { municipalityId, role: input.role, teamId, partnerId };
  if (!mayGrant(ctx.ability, target)) throw new DomainError("forbidden", 403, { role: ["forbidden"] });
  const now = opts.now ?? new Date();
  const { token, hash } = newToken();

  const id = await withScope(ctx.db, ctx.scope, async (tx) => {
    const team = teamId ? await activeTeam(tx, municipalityId, teamId) : null;
    if (teamId && !team) throw new DomainError("not_found", 404);
    const partner = partnerId ? await partnerOf(tx, municipalityId, partnerId) : null;
    if (partnerId && !partner) throw new DomainError("invalid_input", 400, { partnerId: ["invalid_input"] });
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing && (await holdsAlready(tx, existing.id, target))) throw new DomainError("already_member", 409, { email: ["already_member"] });
    // A new invitation replaces a pending one for the same address and place.
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.email, input.email),
          teamId ? eq(invitations.teamId, teamId) : isNull(invitations.teamId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(invitations)
      .values({
        municipalityId,
        teamId,
        partnerOrganisationId: partnerId,
        email: input.email,
        role: input.role,
        tokenHash: hash,
        invitedBy: ctx.actor.userId,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      })
      .returning({ id: invitations.id });
    await enqueueEmail(tx, {
      municipalityId,
      to: input.email,
      subject: accountMessages.invitationMailSubject(team ? team.name : null),
      text: invitationText({
        inviter: ctx.actor.name,
        place: team?.name ?? partner?.name ?? null,
        role: input.role,
        link: `${opts.baseUrl}/uitnodiging/${token}`,
        hasAccount: Boolean(existing),
      }),
    });
    await appendAudit(tx, {
      municipalityId,
      teamId,
      actor: ctx.actor,
      action: "invitation.created",
      objectType: "invitation",
      objectId: row.id,
      meta: ctx.meta,
      data: { email: input.email, role: input.role, partnerId },
    });
    return row.id;
  });
  return { id, token };
}

/** The invitation e-mail's text (also sent when a coordinator confirms a partner manager's proposal). */
export function invitationText(p: { inviter: string; place: string | null; role: InvitableRole; link: string; hasAccount: boolean }) {
  return accountMessages.invitationMail({ ...p, days: INVITATION_DAYS });
}

async function activeTeam(q: Queryable, municipalityId: string, teamId: string) {
  const [team] = await q
    .select({ id: teams.id, name: teams.name, slug: teams.slug })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.municipalityId, municipalityId), sql`(${teams.activeTo} is null or ${teams.activeTo} >= current_date)`));
  return team ?? null;
}

async function partnerOf(q: Queryable, municipalityId: string, partnerId: string) {
  const [p] = await q
    .select({ id: partnerOrganisations.id, name: partnerOrganisations.name })
    .from(partnerOrganisations)
    .where(and(eq(partnerOrganisations.id, partnerId), eq(partnerOrganisations.municipalityId, municipalityId)));
  return p ?? null;
}

async function holdsAlready(q: Queryable, userId: string, t: GrantTarget): Promise<boolean> {
  if (t.teamId) {
    const [m] = await q
      .select({ id: teamMemberships.id })
      .from(teamMemberships)
      .where(
        and(
          eq(teamMemberships.userId, userId),
          eq(teamMemberships.teamId, t.teamId),
          sql`(${teamMemberships.validTo} is null or ${teamMemberships.validTo} > app_today())`,
        ),
      );
    return Boolean(m);
  }
  const [r] = await q
    .select({ id: scopeRoles.id })
    .from(scopeRoles)
    .where(
      and(
        eq(scopeRoles.userId, userId),
        eq(scopeRoles.role, t.role as "admin"),
        t.partnerId ? eq(scopeRoles.partnerOrganisationId, t.partnerId) : isNull(scopeRoles.partnerOrganisationId),
      ),
    );
  return Boolean(r);
}

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired" | "awaiting_confirmation" | "declined";

export interface InvitationRow {
  id: string;
  email: string;
  role: InvitableRole;
  teamName: string | null;
  partnerName: string | null;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  status: InvitationStatus;
  /** A partner manager's proposal: the name proposed and, when declined, why. */
  proposedName: string | null;
  declineReason: string | null;
}

type StatusFields = { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date; confirmation?: string | null };

export function statusOf(r: StatusFields, now: Date): InvitationStatus {
  if (r.acceptedAt) return "accepted";
  if (r.revokedAt) return "revoked";
  // A partner manager's proposal: no link exists until the coordinator confirms.
  if (r.confirmation === "declined") return "declined";
  if (r.confirmation === "awaiting") return "awaiting_confirmation";
  return r.expiresAt <= now ? "expired" : "pending";
}

export const INVITATIONS_PAGE_SIZE = 25;

/** Invitations visible to the actor: a coordinator's team, or the whole municipality for an admin. Newest first. */
export async function listInvitations(ctx: UseCaseContext, page = 1, now = new Date()): Promise<{ rows: InvitationRow[]; total: number; pages: number }> {
  const municipalityId = ctx.actor.municipalityId;
  const teamId = ctx.scope.kind === "team" ? ctx.scope.teamId : undefined;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Invitation", teamId ? { municipalityId, teamId } : { municipalityId }));
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const where = teamId ? eq(invitations.teamId, teamId) : eq(invitations.municipalityId, municipalityId);
    const [{ total }] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(invitations)
      .where(where);
    const rows = await tx
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        teamName: teams.name,
        partnerName: partnerOrganisations.name,
        invitedBy: users.name,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
        confirmation: invitations.confirmation,
        proposedName: invitations.proposedName,
        declineReason: invitations.declineReason,
      })
      .from(invitations)
      .leftJoin(teams, eq(teams.id, invitations.teamId))
      .leftJoin(partnerOrganisations, eq(partnerOrganisations.id, invitations.partnerOrganisationId))
      .innerJoin(users, eq(users.id, invitations.invitedBy))
      .where(where)
      .orderBy(desc(invitations.createdAt))
      .limit(INVITATIONS_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * INVITATIONS_PAGE_SIZE);
    return {
      rows: rows.map((r) => ({
        id: r.id,
        email: r.email,
        role: r.role as InvitableRole,
        teamName: r.teamName,
        partnerName: r.partnerName,
        invitedBy: r.invitedBy,
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
        status: statusOf(r, now),
        proposedName: r.proposedName,
        declineReason: r.declineReason,
      })),
      total,
      pages: Math.max(1, Math.ceil(total / INVITATIONS_PAGE_SIZE)),
    };
  });
}

/** Withdraws a pending invitation; its link stops working at once. */
export async function revokeInvitation(ctx: UseCaseContext, invitationId: string, now = new Date()): Promise<void> {
  const municipalityId = ctx.actor.municipalityId;
  await withScope(ctx.db, ctx.scope, async (tx) => {
    // RLS: another team's invitation is simply not found.
    const [row] = await tx.select().from(invitations).where(eq(invitations.id, invitationId)).for("update");
    if (!row) throw new DomainError("not_found", 404);
    if (!ctx.ability.can("delete", as("Invitation", { municipalityId, teamId: row.teamId }))) throw new DomainError("not_found", 404);
    if (statusOf(row, now) !== "pending") throw new DomainError("invitation_not_pending", 409);
    await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, row.id));
    await appendAudit(tx, {
      municipalityId,
      teamId: row.teamId,
      actor: ctx.actor,
      action: "invitation.revoked",
      objectType: "invitation",
      objectId: row.id,
      meta: ctx.meta,
      data: { email: row.email, role: row.role },
    });
  });
}

/** What the invitation page shows before acceptance. */
export interface InvitationPreview {
  email: string;
  role: InvitableRole;
  teamName: string | null;
  teamSlug: string | null;
  partnerName: string | null;
  inviterName: string;
  expiresAt: Date;
  hasAccount: boolean;
  /** The name a partner manager proposed, to prefill the account form. */
  proposedName: string | null;
}

/** Reads an invitation by its link token (no session needed); clear errors for used, revoked or expired links. */
export async function previewInvitation(db: Queryable, token: string, now = new Date()): Promise<InvitationPreview> {
  const [row] = await db
    .select({
      email: invitations.email,
      role: invitations.role,
      teamName: teams.name,
      teamSlug: teams.slug,
      partnerName: partnerOrganisations.name,
      inviterName: users.name,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      confirmation: invitations.confirmation,
      proposedName: invitations.proposedName,
    })
    .from(invitations)
    .leftJoin(teams, eq(teams.id, invitations.teamId))
    .leftJoin(partnerOrganisations, eq(partnerOrganisations.id, invitations.partnerOrganisationId))
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) throw new DomainError("token_invalid", 404);
  assertUsable(row, now);
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.email));
  return {
    email: row.email,
    role: row.role as InvitableRole,
    teamName: row.teamName,
    teamSlug: row.teamSlug,
    partnerName: row.partnerName,
    inviterName: row.inviterName,
    expiresAt: row.expiresAt,
    hasAccount: Boolean(account),
    proposedName: row.proposedName,
  };
}

function assertUsable(row: StatusFields, now: Date) {
  const status = statusOf(row, now);
  if (status === "awaiting_confirmation") throw new DomainError("invitation_awaiting_confirmation", 409);
  if (status === "declined") throw new DomainError("invitation_declined", 410);
  if (status === "accepted") throw new DomainError("token_used", 410);
  if (status === "revoked") throw new DomainError("invitation_revoked", 410);
  if (status === "expired") throw new DomainError("token_expired", 410);
}

export type AcceptInput =
  /** A new account for the invited address. */
  | { kind: "new"; token: string; name: string; password: string; discipline?: string | null }
  /** An existing account, signed in. */
  | { kind: "existing"; token: string; userId: string };

/**
 * Accepts an invitation in one transaction. The invitation row is locked, so
 * of two concurrent acceptances exactly one succeeds. Refused (and recorded)
 * when the inviter may no longer grant the role.
 */
export async function acceptInvitation(
  db: Queryable,
  input: AcceptInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ userId: string; teamSlug: string | null }> {
  if (input.kind === "new") {
    const fieldErrors: Record<string, ["invalid_input"] | ["password_too_weak"]> = {};
    if (input.name.trim().length < 2) fieldErrors.name = ["invalid_input"];
    if (input.password.length < MIN_PASSWORD_LENGTH) fieldErrors.password = ["password_too_weak"];
    if (Object.keys(fieldErrors).length) throw new DomainError("invalid_input", 400, fieldErrors);
  }
  const passwordHash = input.kind === "new" ? await hashPassword(input.password) : null;

  const outcome = await db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(input.token)))
      .for("update");
    if (!inv) throw new DomainError("token_invalid", 404);
    assertUsable(inv, now);
    const role = inv.role as InvitableRole;
    const target: GrantTarget = { municipalityId: inv.municipalityId, role, teamId: inv.teamId, partnerId: inv.partnerOrganisationId };
    const team = inv.teamId ? await activeTeam(tx, inv.municipalityId, inv.teamId) : null;

    // Permissions can change in 7 days: the inviter must still be allowed to grant this. For a partner
    // manager's proposal the grantor is the coordinator who confirmed it, and the manager must still
    // be allowed to propose its staff.
    const grantor = inv.confirmation === "confirmed" && inv.decidedBy ? inv.decidedBy : inv.invitedBy;
    const inviter = await loadGrants(tx, grantor);
    const proposer = inv.confirmation === "confirmed" ? await loadGrants(tx, inv.invitedBy) : null;
    const proposerOk =
      inv.confirmation !== "confirmed" ||
      (proposer !== null &&
        defineAbilityFor(proposer.grants).can(
          "create",
          as("Invitation", { municipalityId: inv.municipalityId, partnerId: inv.partnerOrganisationId, teamId: inv.teamId, role, confirmation: "awaiting" }),
        ));
    if (!inviter || !mayGrant(defineAbilityFor(inviter.grants), target) || !proposerOk || (inv.teamId && !team)) {
      await appendAudit(tx, {
        municipalityId: inv.municipalityId,
        teamId: inv.teamId,
        actor: null,
        action: "invitation.rejected",
        objectType: "invitation",
        objectId: inv.id,
        result: "failure",
        meta,
        data: { email: inv.email, role, reason: "grantor_lacks_permission" },
      });
      return { refused: "invitation_grantor_lacks_permission" as const };
    }

    const userId = input.kind === "new" ? await createInvitedAccount(tx, inv, input, passwordHash!, meta) : await checkedExistingAccount(tx, inv, input.userId);
    // Proposed by a partner manager: the person works for that partner (an existing account of another partner cannot accept).
    if (inv.confirmation === "confirmed" && inv.partnerOrganisationId && input.kind === "existing") {
      const [u] = await tx.select({ partnerId: users.partnerOrganisationId }).from(users).where(eq(users.id, userId));
      if (u.partnerId && u.partnerId !== inv.partnerOrganisationId) throw new DomainError("invitation_wrong_partner", 403);
      if (!u.partnerId) await tx.update(users).set({ partnerOrganisationId: inv.partnerOrganisationId }).where(eq(users.id, userId));
    }
    if (await holdsAlready(tx, userId, target)) throw new DomainError("already_member", 409);
    if (inv.teamId) {
      await insertMembership(tx, { municipalityId: inv.municipalityId, teamId: inv.teamId, userId, role: role as TeamRole });
    } else {
      await tx
        .insert(scopeRoles)
        .values({ municipalityId: inv.municipalityId, userId, role: role as "admin", partnerOrganisationId: inv.partnerOrganisationId });
    }
    await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)));
    const [user] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    const actor = { userId: user.id, email: user.email, name: user.name };
    await appendAudit(tx, {
      municipalityId: inv.municipalityId,
      teamId: inv.teamId,
      actor,
      action: "invitation.accepted",
      objectType: "invitation",
      objectId: inv.id,
      meta,
      data: { role },
    });
    await appendAudit(tx, {
      municipalityId: inv.municipalityId,
      teamId: inv.teamId,
      actor,
      action: inv.teamId ? "membership.created" : "scope_role.granted",
      objectType: "user",
      objectId: userId,
      meta,
      data: { role, invitedBy: inv.invitedBy, partnerId: inv.partnerOrganisationId },
    });
    return { userId, teamSlug: team?.slug ?? null };
  });
  // The refusal is committed (audited) and only then reported.
  if ("refused" in outcome) throw new DomainError("invitation_grantor_lacks_permission", 403);
  return outcome;
}

async function createInvitedAccount(
  tx: Queryable,
  inv: typeof invitations.$inferSelect,
  input: Extract<AcceptInput, { kind: "new" }>,
  passwordHash: string,
  meta: RequestMeta,
): Promise<string> {
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
  if (taken) throw new DomainError("email_taken", 409);
  const [user] = await tx
    .insert(users)
    .values({
      municipalityId: inv.municipalityId,
      email: inv.email,
      name: input.name.trim(),
      passwordHash,
      discipline: input.discipline?.trim() || null,
      partnerOrganisationId: inv.partnerOrganisationId,
    })
    .returning({ id: users.id, email: users.email, name: users.name });
  await appendAudit(tx, {
    municipalityId: inv.municipalityId,
    actor: { userId: user.id, email: user.email, name: user.name },
    action: "user.created",
    objectType: "user",
    objectId: user.id,
    meta,
    data: { via: "invitation" },
  });
  return user.id;
}

async function checkedExistingAccount(tx: Queryable, inv: typeof invitations.$inferSelect, userId: string): Promise<string> {
  const [user] = await tx
    .select({ id: users.id, email: users.email, isActive: users.isActive, municipalityId: users.municipalityId })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.email.toLowerCase() !== inv.email.toLowerCase()) throw new DomainError("invitation_wrong_email", 403);
  if (!user.isActive) throw new DomainError("account_inactive", 403);
  if (user.municipalityId !== inv.municipalityId) throw new DomainError("invitation_wrong_email", 403);
  return user.id;
}
