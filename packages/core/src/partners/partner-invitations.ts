// A partner manager proposes one of its own staff for a team, as member and
// employed by its own organisation. The proposal is an invitation awaiting
// the team coordinator's confirmation: no link exists yet (only the hash of a
// token that is never sent). The coordinator confirms (a fresh token goes out
// in the usual invitation e-mail, 7 days valid) or declines with a reason;
// the partner manager is told either way.
import { as } from "@wijkwerk/authz";
import { and, desc, eq, invitations, isNull, partnerOrganisations, sql, teams, users, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, invalidInput, newToken } from "../common";
import { INVITABLE_ROLES, INVITATION_DAYS, invitationText, mayGrant, statusOf, type InvitationStatus, accountMessages } from "../accounts";
import { enqueueEmail, coordinatorRecipients, insertNotices, type Notice } from "../notifications";

export const proposalInput = z.object({
  email: z.string().trim().toLowerCase().email(),
  teamId: z.string().uuid(),
  name: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => v || null),
  /** Always member; anything else is refused (not silently changed). */
  role: z.enum(INVITABLE_ROLES).default("member"),
  /** Always the manager's own partner; another one is refused. */
  partnerId: z.string().uuid().nullish(),
});
export type ProposalInput = z.input<typeof proposalInput>;

const DAY = 86_400_000;
const partnerLink = (slug: string) => `/partner/${slug}`;
const teamInvitationsLink = (slug: string) => `/t/${slug}/uitnodigingen`;

function requirePartnerScope(ctx: UseCaseContext): string {
  if (ctx.scope.kind !== "partner") throw new DomainError("forbidden", 403);
  return ctx.scope.partnerId;
}

/** The partner manager's proposal; the team's coordinators are told in the app and by e-mail. */
export async function proposeInvitation(ctx: UseCaseContext, raw: ProposalInput, now = new Date()): Promise<{ id: string }> {
  const parsed = proposalInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const partnerId = requirePartnerScope(ctx);
  const municipalityId = ctx.actor.municipalityId;
  const subject = as("Invitation", {
    municipalityId,
    partnerId: input.partnerId ?? partnerId,
    teamId: input.teamId,
    role: input.role,
    confirmation: "awaiting",
  });
  if (!ctx.ability.can("create", subject) || (input.partnerId && input.partnerId !== partnerId))
    throw new DomainError("forbidden", 403, { role: ["forbidden"] });

  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [team] = await tx
      .select({ id: teams.id, name: teams.name, slug: teams.slug })
      .from(teams)
      .where(and(eq(teams.id, input.teamId), eq(teams.municipalityId, municipalityId), sql`(${teams.activeTo} is null or ${teams.activeTo} >= current_date)`));
    if (!team) throw new DomainError("invalid_input", 400, { teamId: ["invalid_input"] });
    const [partner] = await tx.select({ name: partnerOrganisations.name }).from(partnerOrganisations).where(eq(partnerOrganisations.id, partnerId));
    // One open proposal or invitation per address and team (of this partner; RLS shows no others).
    const open = await tx
      .select({
        id: invitations.id,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
        expiresAt: invitations.expiresAt,
        confirmation: invitations.confirmation,
      })
      .from(invitations)
      .where(and(eq(invitations.email, input.email), eq(invitations.teamId, team.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    if (open.some((r) => ["awaiting_confirmation", "pending"].includes(statusOf(r, now))))
      throw new DomainError("already_invited", 409, { email: ["already_invited"] });

    const [row] = await tx
      .insert(invitations)
      .values({
        municipalityId,
        teamId: team.id,
        partnerOrganisationId: partnerId,
        email: input.email,
        role: "member",
        // A token nobody ever receives: the link is made at confirmation.
        tokenHash: newToken().hash,
        invitedBy: ctx.actor.userId,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY),
        confirmation: "awaiting",
        proposedName: input.name,
      })
      .returning({ id: invitations.id });
    const text = accountMessages.invitationProposed({
      proposer: ctx.actor.name,
      partner: partner?.name ?? null,
      name: input.name,
      email: input.email,
      team: team.name,
    });
    const notices: Notice[] = (await coordinatorRecipients(tx, team.id)).map((recipient) => ({
      recipient,
      spendId: null,
      kind: "invitation_proposed",
      text,
      link: teamInvitationsLink(team.slug),
      subject: accountMessages.invitationProposedMailSubject(team.name),
    }));
    await insertNotices(tx, municipalityId, notices);
    await appendAudit(tx, {
      municipalityId,
      teamId: team.id,
      actor: ctx.actor,
      action: "invitation.proposed",
      objectType: "invitation",
      objectId: row.id,
      meta: ctx.meta,
      data: { email: input.email, role: "member", partnerId },
    });
    return { id: row.id };
  });
}

/** The proposal as the coordinator acts on it (team scope: RLS hides other teams' rows). */
async function lockedProposal(tx: Tx, ctx: UseCaseContext, invitationId: string, action: "confirm" | "decline", now: Date) {
  const municipalityId = ctx.actor.municipalityId;
  if (!z.string().uuid().safeParse(invitationId).success) throw new DomainError("not_found", 404);
  const [row] = await tx.select().from(invitations).where(eq(invitations.id, invitationId)).for("update");
  if (!row || !row.confirmation || !ctx.ability.can(action, as("Invitation", { municipalityId, teamId: row.teamId, partnerId: row.partnerOrganisationId })))
    throw new DomainError("not_found", 404);
  if (statusOf(row, now) !== "awaiting_confirmation") throw new DomainError("invitation_not_awaiting", 409);
  const [team] = await tx.select({ name: teams.name, slug: teams.slug }).from(teams).where(eq(teams.id, row.teamId!));
  const [partner] = await tx
    .select({ name: partnerOrganisations.name, slug: partnerOrganisations.slug })
    .from(partnerOrganisations)
    .where(eq(partnerOrganisations.id, row.partnerOrganisationId!));
  const [proposer] = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.id, row.invitedBy), eq(users.isActive, true)));
  return { row, team, partner, proposer: proposer ?? null };
}

/** Confirms a proposal: the usual invitation e-mail with a fresh 7-day link goes out, the partner manager is told. */
export async function confirmProposal(ctx: UseCaseContext, invitationId: string, opts: { baseUrl: string; now?: Date }): Promise<{ token: string }> {
  const now = opts.now ?? new Date();
  const municipalityId = ctx.actor.municipalityId;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const { row, team, partner, proposer } = await lockedProposal(tx, ctx, invitationId, "confirm", now);
    // The coordinator becomes the grantor: they must be allowed to hand out the role themselves.
    if (!mayGrant(ctx.ability, { municipalityId, role: "member", teamId: row.teamId, partnerId: null })) throw new DomainError("forbidden", 403);
    const { token, hash } = newToken();
    await tx
      .update(invitations)
      .set({
        tokenHash: hash,
        confirmation: "confirmed",
        decidedBy: ctx.actor.userId,
        decidedAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY),
      })
      .where(eq(invitations.id, row.id));
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email));
    await enqueueEmail(tx, {
      municipalityId,
      to: row.email,
      subject: accountMessages.invitationMailSubject(team.name),
      text: invitationText({
        inviter: ctx.actor.name,
        place: team.name,
        role: "member",
        link: `${opts.baseUrl}/uitnodiging/${token}`,
        hasAccount: Boolean(existing),
      }),
    });
    if (proposer) {
      await insertNotices(tx, municipalityId, [
        {
          recipient: proposer,
          spendId: null,
          kind: "invitation_confirmed",
          text: accountMessages.proposalConfirmed(ctx.actor.name, row.email, team.name),
          link: partnerLink(partner.slug),
          subject: accountMessages.proposalConfirmedMailSubject(team.name),
        },
      ]);
    }
    await appendAudit(tx, {
      municipalityId,
      teamId: row.teamId,
      actor: ctx.actor,
      action: "invitation.confirmed",
      objectType: "invitation",
      objectId: row.id,
      meta: ctx.meta,
      data: { email: row.email, role: row.role, partnerId: row.partnerOrganisationId, proposedBy: row.invitedBy },
    });
    return { token };
  });
}

/** Declines a proposal with a reason; no link ever goes out, the partner manager is told why. */
export async function declineProposal(ctx: UseCaseContext, invitationId: string, rawReason: string, now = new Date()): Promise<void> {
  const reason = rawReason.trim();
  if (reason.length < 3 || reason.length > 1000) throw new DomainError("invalid_input", 400, { reason: ["invalid_input"] });
  const municipalityId = ctx.actor.municipalityId;
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const { row, team, partner, proposer } = await lockedProposal(tx, ctx, invitationId, "decline", now);
    await tx
      .update(invitations)
      .set({ confirmation: "declined", declineReason: reason, decidedBy: ctx.actor.userId, decidedAt: now })
      .where(eq(invitations.id, row.id));
    if (proposer) {
      await insertNotices(tx, municipalityId, [
        {
          recipient: proposer,
          spendId: null,
          kind: "invitation_declined",
          text: accountMessages.proposalDeclined(ctx.actor.name, row.email, team.name, reason),
          link: partnerLink(partner.slug),
          subject: accountMessages.proposalDeclinedMailSubject(team.name),
        },
      ]);
    }
    await appendAudit(tx, {
      municipalityId,
      teamId: row.teamId,
      actor: ctx.actor,
      action: "invitation.declined",
      objectType: "invitation",
      objectId: row.id,
      meta: ctx.meta,
      data: { email: row.email, role: row.role, partnerId: row.partnerOrganisationId, reason },
    });
  });
}

export interface ProposalRow {
  id: string;
  email: string;
  name: string | null;
  teamName: string;
  createdAt: Date;
  status: InvitationStatus;
  declineReason: string | null;
}

/** The partner manager's own proposals, newest first (partner scope: RLS shows only its own partner's). */
export async function listProposals(ctx: UseCaseContext, now = new Date(), limit = 100): Promise<ProposalRow[]> {
  const partnerId = requirePartnerScope(ctx);
  const municipalityId = ctx.actor.municipalityId;
  if (!ctx.ability.can("read", as("Invitation", { municipalityId, partnerId }))) throw new DomainError("forbidden", 403);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await tx
      .select({
        id: invitations.id,
        email: invitations.email,
        name: invitations.proposedName,
        teamName: teams.name,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
        confirmation: invitations.confirmation,
        declineReason: invitations.declineReason,
      })
      .from(invitations)
      .innerJoin(teams, eq(teams.id, invitations.teamId))
      .where(eq(invitations.partnerOrganisationId, partnerId))
      .orderBy(desc(invitations.createdAt))
      .limit(limit);
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      teamName: r.teamName,
      createdAt: r.createdAt,
      status: statusOf(r, now),
      declineReason: r.declineReason,
    }));
  });
}

/** Teams a partner manager may propose staff for: the municipality's active teams. */
export async function proposalTeamOptions(ctx: UseCaseContext): Promise<{ id: string; name: string }[]> {
  requirePartnerScope(ctx);
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.municipalityId, ctx.actor.municipalityId), sql`(${teams.activeTo} is null or ${teams.activeTo} >= current_date)`))
      .orderBy(teams.name),
  );
}

export interface AwaitingProposal {
  id: string;
  email: string;
  name: string | null;
  partnerName: string | null;
  proposedBy: string;
  createdAt: Date;
}

/** The team's proposals awaiting the coordinator's decision (team scope), oldest first. */
export async function awaitingProposals(ctx: UseCaseContext): Promise<AwaitingProposal[]> {
  if (ctx.scope.kind !== "team") throw new DomainError("forbidden", 403);
  const teamId = ctx.scope.teamId;
  const municipalityId = ctx.actor.municipalityId;
  if (!ctx.ability.can("confirm", as("Invitation", { municipalityId, teamId }))) return [];
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select({
        id: invitations.id,
        email: invitations.email,
        name: invitations.proposedName,
        partnerName: partnerOrganisations.name,
        proposedBy: users.name,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .leftJoin(partnerOrganisations, eq(partnerOrganisations.id, invitations.partnerOrganisationId))
      .innerJoin(users, eq(users.id, invitations.invitedBy))
      .where(and(eq(invitations.teamId, teamId), eq(invitations.confirmation, "awaiting"), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .orderBy(invitations.createdAt),
  );
}
