// A partner manager proposes its own staff for a team; nothing goes out until
// the team's coordinator confirms (then the usual invitation e-mail with a
// 7-day link) or declines with a reason. CASL first, row-level security second.
import { and, auditEvents, eq, invitations, notifications, outboxEmails, activeTeamMemberships, membershipTerms, users, withScope } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UseCaseContext } from "../src/common";
import { acceptInvitation, createInvitation, listInvitations, previewInvitation } from "../src/accounts";
import { confirmProposal, declineProposal, listProposals, proposeInvitation } from "../src/partners";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf, teamContext, testMeta } from "./fixtures";

const PASSWORD = "Een-lang-nieuw-wachtwoord-42";
const link = { baseUrl: "http://app.test" };

async function partnerContext(db: TestDatabase["db"], userId: string, partnerId: string): Promise<UseCaseContext> {
  const base = await municipalityContext(db, userId, "municipality");
  return { ...base, scope: { kind: "partner", municipalityId: base.actor.municipalityId, partnerId, userId } };
}

describe("partner invitations (postgres)", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let teamA: Awaited<ReturnType<typeof createTeam>>;
  let teamB: Awaited<ReturnType<typeof createTeam>>;
  let partnerP: Awaited<ReturnType<typeof createPartner>>;
  let partnerQ: Awaited<ReturnType<typeof createPartner>>;
  let coordinatorA: Awaited<ReturnType<typeof createUser>>;
  let coordinatorB: Awaited<ReturnType<typeof createUser>>;
  let managerP: Awaited<ReturnType<typeof createUser>>;
  let managerQ: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
    teamA = await createTeam(t.db, municipalityId);
    teamB = await createTeam(t.db, municipalityId);
    partnerP = await createPartner(t.db, municipalityId);
    partnerQ = await createPartner(t.db, municipalityId);
    coordinatorA = await createUser(t.db, municipalityId, { email: "coord-a@test.demo", teamRoles: [{ teamId: teamA.id, role: "coordinator" }] });
    coordinatorB = await createUser(t.db, municipalityId, { email: "coord-b@test.demo", teamRoles: [{ teamId: teamB.id, role: "coordinator" }] });
    managerP = await createUser(t.db, municipalityId, {
      email: "pm-p@test.demo",
      name: "Manager P",
      scopeRoles: [{ role: "partner_manager", partnerId: partnerP.id }],
    });
    managerQ = await createUser(t.db, municipalityId, {
      email: "pm-q@test.demo",
      name: "Manager Q",
      scopeRoles: [{ role: "partner_manager", partnerId: partnerQ.id }],
    });
  });
  afterAll(() => t.drop());

  const asManagerP = () => partnerContext(t.db, managerP.id, partnerP.id);
  const asCoordinatorA = () => teamContext(t.db, coordinatorA.id, teamA);
  const mailsTo = (address: string) => t.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, address));

  it("a proposal sends nothing to the person yet; the team's coordinators are told in the app and by e-mail", async () => {
    const { id } = await proposeInvitation(await asManagerP(), { email: "Nieuwe@Partner.demo", teamId: teamA.id, name: "Nieuwe Collega" });
    const [row] = await t.db.select().from(invitations).where(eq(invitations.id, id));
    expect(row).toMatchObject({
      confirmation: "awaiting",
      role: "member",
      teamId: teamA.id,
      partnerOrganisationId: partnerP.id,
      invitedBy: managerP.id,
      proposedName: "Nieuwe Collega",
    });
    expect(await mailsTo("nieuwe@partner.demo")).toHaveLength(0);
    const [mail] = await mailsTo("coord-a@test.demo");
    expect(mail.textBody).toContain(`/t/${teamA.slug}/uitnodigingen`);
    expect(mail.textBody).toContain("nieuwe@partner.demo");
    expect(await mailsTo("coord-b@test.demo")).toHaveLength(0);
    const told = await t.db.select().from(notifications).where(eq(notifications.userId, coordinatorA.id));
    expect(told.map((n) => n.kind)).toEqual(["invitation_proposed"]);
    // The coordinator sees it waiting; a second proposal for the same address and team is refused.
    const list = await listInvitations(await asCoordinatorA());
    expect(list.rows.find((r) => r.id === id)?.status).toBe("awaiting_confirmation");
    expect(await outcomeOf(proposeInvitation(await asManagerP(), { email: "nieuwe@partner.demo", teamId: teamA.id }))).toBe("already_invited");
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "invitation.proposed"), eq(auditEvents.objectId, id)));
    expect(audit.actorUserId).toBe(managerP.id);
  });

  it("a coordinator of another team cannot confirm or decline", async () => {
    const { id } = await proposeInvitation(await asManagerP(), { email: "andere@partner.demo", teamId: teamA.id });
    const other = await teamContext(t.db, coordinatorB.id, teamB);
    expect(await outcomeOf(confirmProposal(other, id, link))).toBe("not_found");
    expect(await outcomeOf(declineProposal(other, id, "Niet mijn team"))).toBe("not_found");
    // Nor the partner manager itself.
    expect(await outcomeOf(confirmProposal(await asManagerP(), id, link))).toBe("not_found");
    const [row] = await t.db.select().from(invitations).where(eq(invitations.id, id));
    expect(row.confirmation).toBe("awaiting");
    expect(await mailsTo("andere@partner.demo")).toHaveLength(0);
  });

  it("an unconfirmed proposal cannot be accepted; confirming sends the usual invitation with a link, once", async () => {
    const { id } = await proposeInvitation(await asManagerP(), { email: "welkom@partner.demo", teamId: teamA.id, name: "Wel Kom" });
    // The stored hash belongs to a token nobody has; the invitation refuses whatever is tried.
    const [before] = await t.db.select().from(invitations).where(eq(invitations.id, id));

    const { token } = await confirmProposal(await asCoordinatorA(), id, link);
    const [after] = await t.db.select().from(invitations).where(eq(invitations.id, id));
    expect(after.tokenHash).not.toBe(before.tokenHash);
    expect(after).toMatchObject({ confirmation: "confirmed", decidedBy: coordinatorA.id });
    expect(after.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const [mail] = await mailsTo("welkom@partner.demo");
    expect(mail.textBody).toContain(`http://app.test/uitnodiging/${token}`);
    expect(await outcomeOf(confirmProposal(await asCoordinatorA(), id, link))).toBe("invitation_not_awaiting");
    const toldManager = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, managerP.id), eq(notifications.kind, "invitation_confirmed")));
    expect(toldManager).toHaveLength(1);
    expect((await mailsTo("pm-p@test.demo")).some((m) => m.subject.includes("bevestigd"))).toBe(true);

    expect((await previewInvitation(t.db, token)).proposedName).toBe("Wel Kom");
    const { userId } = await acceptInvitation(t.db, { kind: "new", token, name: "Wel Kom", password: PASSWORD }, testMeta);
    const [u] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(u.partnerOrganisationId).toBe(partnerP.id);
    const memberships = await t.db.select().from(activeTeamMemberships).where(eq(activeTeamMemberships.userId, userId));
    expect(memberships.map((m) => [m.teamId, m.role])).toEqual([[teamA.id, "member"]]);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "invitation.confirmed"), eq(auditEvents.objectId, id)));
    expect(audit.actorUserId).toBe(coordinatorA.id);
  });

  it("acceptance of an unconfirmed invitation is refused, whatever token is tried", async () => {
    const { id } = await proposeInvitation(await asManagerP(), { email: "te-vroeg@partner.demo", teamId: teamA.id });
    // Even a token whose hash matches (as if leaked from the database) is refused while awaiting confirmation.
    const { hashToken } = await import("../src/common");
    await t.db
      .update(invitations)
      .set({ tokenHash: hashToken("bekend-token") })
      .where(eq(invitations.id, id));
    expect(await outcomeOf(acceptInvitation(t.db, { kind: "new", token: "bekend-token", name: "Te Vroeg", password: PASSWORD }, testMeta))).toBe(
      "invitation_awaiting_confirmation",
    );
    expect(await outcomeOf(previewInvitation(t.db, "bekend-token"))).toBe("invitation_awaiting_confirmation");
    expect(await t.db.select().from(users).where(eq(users.email, "te-vroeg@partner.demo"))).toHaveLength(0);
  });

  it("declining stores the reason, sends no link and tells the partner manager", async () => {
    const { id } = await proposeInvitation(await asManagerP(), { email: "nee@partner.demo", teamId: teamA.id });
    const coordinator = await asCoordinatorA();
    expect(await outcomeOf(declineProposal(coordinator, id, " "))).toBe("invalid_input");
    await declineProposal(coordinator, id, "Het team is voltallig");
    const [row] = await t.db.select().from(invitations).where(eq(invitations.id, id));
    expect(row).toMatchObject({ confirmation: "declined", declineReason: "Het team is voltallig", decidedBy: coordinatorA.id });
    expect(await mailsTo("nee@partner.demo")).toHaveLength(0);
    expect(await outcomeOf(confirmProposal(coordinator, id, link))).toBe("invitation_not_awaiting");
    const [told] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, managerP.id), eq(notifications.kind, "invitation_declined")));
    expect(told.text).toContain("Het team is voltallig");
    const mine = await listProposals(await asManagerP());
    expect(mine.find((p) => p.id === id)).toMatchObject({ status: "declined", declineReason: "Het team is voltallig" });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "invitation.declined"), eq(auditEvents.objectId, id)));
    expect(audit.result).toBe("success");
  });

  it("a partner manager cannot invite as coordinator, for another partner, or outside the proposal flow", async () => {
    const ctx = await asManagerP();
    expect(await outcomeOf(proposeInvitation(ctx, { email: "co@partner.demo", teamId: teamA.id, role: "coordinator" }))).toBe("forbidden");
    expect(await outcomeOf(proposeInvitation(ctx, { email: "vr@partner.demo", teamId: teamA.id, role: "volunteer" }))).toBe("forbidden");
    expect(await outcomeOf(proposeInvitation(ctx, { email: "q@partner.demo", teamId: teamA.id, partnerId: partnerQ.id }))).toBe("forbidden");
    expect(await outcomeOf(createInvitation(ctx, { email: "direct@partner.demo", role: "member", teamId: teamA.id }, link))).toBe("forbidden");
    // A partner scope for a partner it does not manage: CASL refuses.
    expect(await outcomeOf(proposeInvitation(await partnerContext(t.db, managerP.id, partnerQ.id), { email: "q2@partner.demo", teamId: teamA.id }))).toBe(
      "forbidden",
    );
    expect(await outcomeOf(proposeInvitation(ctx, { email: "geen-adres", teamId: teamA.id }))).toBe("invalid_input");
    expect(await t.db.select().from(invitations).where(eq(invitations.email, "co@partner.demo"))).toHaveLength(0);
  });

  it("re-checks at acceptance that the confirming coordinator may still grant the role", async () => {
    const coordinator = await createUser(t.db, municipalityId, { teamRoles: [{ teamId: teamB.id, role: "coordinator" }] });
    const { id } = await proposeInvitation(await asManagerP(), { email: "later@partner.demo", teamId: teamB.id });
    const { token } = await confirmProposal(await teamContext(t.db, coordinator.id, teamB), id, link);
    await t.db.update(membershipTerms).set({ role: "member" }).where(eq(membershipTerms.userId, coordinator.id));
    expect(await outcomeOf(acceptInvitation(t.db, { kind: "new", token, name: "Later", password: PASSWORD }, testMeta))).toBe(
      "invitation_grantor_lacks_permission",
    );
  });

  it("RLS: the partner scope sees and inserts only its own partner's invitations", async () => {
    await proposeInvitation(await partnerContext(t.db, managerQ.id, partnerQ.id), { email: "van-q@partner.demo", teamId: teamB.id });
    await createInvitation(
      await municipalityContext(t.db, (await createUser(t.db, municipalityId, { scopeRoles: [{ role: "admin" }] })).id),
      { email: "admin-uitnodiging@test.demo", role: "member", teamId: teamA.id },
      link,
    );
    const scopeP = { kind: "partner" as const, municipalityId, partnerId: partnerP.id, userId: managerP.id };
    const seen = await withScope(t.db, scopeP, (tx) => tx.select().from(invitations));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.partnerOrganisationId === partnerP.id)).toBe(true);
    expect(seen.some((r) => r.email === "van-q@partner.demo" || r.email === "admin-uitnodiging@test.demo")).toBe(false);
    expect((await listProposals(await asManagerP())).every((p) => !p.email.includes("van-q"))).toBe(true);
    // The database refuses an insert for another partner, as another role, or already confirmed; and any update.
    const base = {
      municipalityId,
      teamId: teamA.id,
      email: "hack@partner.demo",
      tokenHash: `hash-${Math.random()}`,
      invitedBy: managerP.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    };
    await expect(
      withScope(t.db, scopeP, (tx) => tx.insert(invitations).values({ ...base, partnerOrganisationId: partnerQ.id, role: "member", confirmation: "awaiting" })),
    ).rejects.toThrow();
    await expect(
      withScope(t.db, scopeP, (tx) =>
        tx.insert(invitations).values({ ...base, partnerOrganisationId: partnerP.id, role: "coordinator", confirmation: "awaiting" }),
      ),
    ).rejects.toThrow();
    await expect(
      withScope(t.db, scopeP, (tx) =>
        tx.insert(invitations).values({ ...base, partnerOrganisationId: partnerP.id, role: "member", confirmation: "confirmed" }),
      ),
    ).rejects.toThrow();
    await expect(withScope(t.db, scopeP, (tx) => tx.update(invitations).set({ confirmation: "confirmed" }).returning())).resolves.toEqual([]);
    // The same insert within the rules is accepted (the refusals above are the policy, not a broken insert).
    await expect(
      withScope(t.db, scopeP, (tx) => tx.insert(invitations).values({ ...base, partnerOrganisationId: partnerP.id, role: "member", confirmation: "awaiting" })),
    ).resolves.toBeDefined();
  });
});
