import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, eq, invitations, outboxEmails, scopeRoles, activeTeamMemberships, membershipTerms, users } from "@wijkwerk/db";
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation, checkPasswordLogin } from "../src/accounts";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf, teamContext, testMeta } from "./fixtures";

const PASSWORD = "Een-lang-nieuw-wachtwoord-42";
const link = { baseUrl: "http://app.test" };

describe("invitations", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let teamA: Awaited<ReturnType<typeof createTeam>>;
  let teamB: Awaited<ReturnType<typeof createTeam>>;
  let coordinatorA: string;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
    teamA = await createTeam(t.db, municipalityId);
    teamB = await createTeam(t.db, municipalityId);
    coordinatorA = (await createUser(t.db, municipalityId, { teamRoles: [{ teamId: teamA.id, role: "coordinator" }] })).id;
    adminId = (await createUser(t.db, municipalityId, { scopeRoles: [{ role: "admin" }] })).id;
  });
  afterAll(() => t.drop());

  const asCoordinator = () => teamContext(t.db, coordinatorA, teamA);

  it("a coordinator invites a member: one e-mail with the link, a new account joins only that team, the link works once", async () => {
    const { token } = await createInvitation(await asCoordinator(), { email: "Nieuw@Test.demo", role: "member" }, link);
    const [mail] = await t.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, "nieuw@test.demo"));
    expect(mail.textBody).toContain(`http://app.test/uitnodiging/${token}`);
    // Only the hash is stored.
    expect(await t.db.select().from(invitations).where(eq(invitations.tokenHash, token))).toHaveLength(0);

    const preview = await previewInvitation(t.db, token);
    expect(preview).toMatchObject({ email: "nieuw@test.demo", role: "member", teamName: teamA.name, hasAccount: false });

    expect(await outcomeOf(acceptInvitation(t.db, { kind: "new", token, name: "Nieuw Lid", password: "kort" }, testMeta))).toBe("invalid_input");
    const accepted = await acceptInvitation(t.db, { kind: "new", token, name: "Nieuw Lid", password: PASSWORD }, testMeta);
    expect(accepted.teamSlug).toBe(teamA.slug);
    const memberships = await t.db.select().from(activeTeamMemberships).where(eq(activeTeamMemberships.userId, accepted.userId));
    expect(memberships.map((m) => [m.teamId, m.role])).toEqual([[teamA.id, "member"]]);
    expect(await outcomeOf(checkPasswordLogin(t.db, { email: "nieuw@test.demo", password: PASSWORD }, testMeta))).toBe("ok");

    expect(await outcomeOf(acceptInvitation(t.db, { kind: "new", token, name: "Nog eens", password: PASSWORD }, testMeta))).toBe("token_used");
    expect(await outcomeOf(previewInvitation(t.db, token))).toBe("token_used");
    const actions = (await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.municipalityId, municipalityId))).map(
      (r) => r.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["invitation.created", "user.created", "invitation.accepted", "membership.created"]));
  });

  it("a coordinator cannot hand out the coordinator role or any role outside the team", async () => {
    const ctx = await asCoordinator();
    expect(await outcomeOf(createInvitation(ctx, { email: "co@test.demo", role: "coordinator" }, link))).toBe("forbidden");
    expect(await outcomeOf(createInvitation(ctx, { email: "ad@test.demo", role: "admin" }, link))).toBe("forbidden");
    // The team comes from the coordinator's scope; a teamId in the input cannot redirect it.
    await createInvitation(ctx, { email: "elders@test.demo", role: "volunteer", teamId: teamB.id }, link);
    const [row] = await t.db.select().from(invitations).where(eq(invitations.email, "elders@test.demo"));
    expect(row.teamId).toBe(teamA.id);
    expect(await outcomeOf(createInvitation(ctx, { email: "geen-adres", role: "member" }, link))).toBe("invalid_input");
  });

  it("only the invited address can accept with an existing account", async () => {
    const invitee = await createUser(t.db, municipalityId, { email: "bestaand@test.demo" });
    const other = await createUser(t.db, municipalityId, { email: "ander@test.demo" });
    const { token } = await createInvitation(await municipalityContext(t.db, adminId), { email: "bestaand@test.demo", role: "member", teamId: teamB.id }, link);
    expect((await previewInvitation(t.db, token)).hasAccount).toBe(true);
    expect(await outcomeOf(acceptInvitation(t.db, { kind: "existing", token, userId: other.id }, testMeta))).toBe("invitation_wrong_email");
    expect(await outcomeOf(acceptInvitation(t.db, { kind: "new", token, name: "Kaper", password: PASSWORD }, testMeta))).toBe("email_taken");
    expect(await outcomeOf(acceptInvitation(t.db, { kind: "existing", token, userId: invitee.id }, testMeta))).toBe("ok");
    // Inviting someone who already holds the role is refused at creation.
    expect(
      await outcomeOf(createInvitation(await municipalityContext(t.db, adminId), { email: "bestaand@test.demo", role: "volunteer", teamId: teamB.id }, link)),
    ).toBe("already_member");
  });

  it("expired and revoked links are refused", async () => {
    const admin = await municipalityContext(t.db, adminId);
    const old = await createInvitation(
      admin,
      { email: "laat@test.demo", role: "member", teamId: teamA.id },
      { ...link, now: new Date(Date.now() - 8 * 86_400_000) },
    );
    expect(await outcomeOf(acceptInvitation(t.db, { kind: "new", token: old.token, name: "Te Laat", password: PASSWORD }, testMeta))).toBe("token_expired");
    const revoked = await createInvitation(admin, { email: "weg@test.demo", role: "member", teamId: teamA.id }, link);
    await revokeInvitation(admin, revoked.id);
    expect(await outcomeOf(acceptInvitation(t.db, { kind: "new", token: revoked.token, name: "Weg", password: PASSWORD }, testMeta))).toBe(
      "invitation_revoked",
    );
    expect(await outcomeOf(revokeInvitation(admin, revoked.id))).toBe("invitation_not_pending");
    expect(await outcomeOf(acceptInvitation(t.db, { kind: "new", token: "onzin", name: "Onbekend", password: PASSWORD }, testMeta))).toBe("token_invalid");
  });

  it("re-checks at acceptance that the inviter may still grant the role, and records the refusal", async () => {
    const coordinator = await createUser(t.db, municipalityId, { teamRoles: [{ teamId: teamB.id, role: "coordinator" }] });
    const { id, token } = await createInvitation(await teamContext(t.db, coordinator.id, teamB), { email: "te-vroeg@test.demo", role: "member" }, link);
    await t.db.update(membershipTerms).set({ role: "member" }).where(eq(membershipTerms.userId, coordinator.id));
    expect(await outcomeOf(acceptInvitation(t.db, { kind: "new", token, name: "Te Vroeg", password: PASSWORD }, testMeta))).toBe(
      "invitation_grantor_lacks_permission",
    );
    expect(await t.db.select().from(users).where(eq(users.email, "te-vroeg@test.demo"))).toHaveLength(0);
    const [rejected] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "invitation.rejected"), eq(auditEvents.objectId, id)));
    expect(rejected.result).toBe("failure");
  });

  it("of two concurrent acceptances exactly one succeeds", async () => {
    const { token } = await createInvitation(await asCoordinator(), { email: "tegelijk@test.demo", role: "volunteer" }, link);
    const outcomes = await Promise.all(
      [1, 2, 3].map((n) => outcomeOf(acceptInvitation(t.db, { kind: "new", token, name: `Poging ${n}`, password: PASSWORD }, testMeta))),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o !== "ok").every((o) => o === "token_used")).toBe(true);
  });

  it("the admin invites a partner manager for a partner organisation", async () => {
    const partner = await createPartner(t.db, municipalityId);
    const admin = await municipalityContext(t.db, adminId);
    expect(await outcomeOf(createInvitation(admin, { email: "pm@test.demo", role: "partner_manager" }, link))).toBe("invalid_input");
    const { token } = await createInvitation(admin, { email: "pm@test.demo", role: "partner_manager", partnerId: partner.id }, link);
    const { userId } = await acceptInvitation(t.db, { kind: "new", token, name: "Partner Manager", password: PASSWORD }, testMeta);
    const roles = await t.db.select().from(scopeRoles).where(eq(scopeRoles.userId, userId));
    expect(roles.map((r) => [r.role, r.partnerOrganisationId])).toEqual([["partner_manager", partner.id]]);
    const [u] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(u.partnerOrganisationId).toBe(partner.id);
  });

  it("a coordinator lists and revokes only their own team's invitations", async () => {
    const admin = await municipalityContext(t.db, adminId);
    const forB = await createInvitation(admin, { email: "voor-b@test.demo", role: "member", teamId: teamB.id }, link);
    const ctx = await asCoordinator();
    const list = await listInvitations(ctx);
    expect(list.rows.length).toBeGreaterThan(0);
    expect(list.rows.every((r) => r.teamName === teamA.name)).toBe(true);
    expect(await outcomeOf(revokeInvitation(ctx, forB.id))).toBe("not_found");
    expect((await listInvitations(admin)).rows.some((r) => r.email === "voor-b@test.demo")).toBe(true);
  });
});
