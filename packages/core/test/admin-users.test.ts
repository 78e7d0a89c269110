import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeTeamMemberships, auditEvents, eq, scopeRoles, sessions, teamMemberships, users } from "@wijkwerk/db";
import {
  addMembership,
  getUser,
  grantScopeRole,
  listUsers,
  removeMembership,
  revokeScopeRole,
  unlockUser,
  updateMembership,
  updateUser,
} from "../src/accounts";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

describe("admin manages users and roles", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let adminId: string;
  const admin = () => municipalityContext(t.db, adminId);

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
    team = await createTeam(t.db, municipalityId);
    adminId = (await createUser(t.db, municipalityId, { name: "Anna Beheer", scopeRoles: [{ role: "admin" }] })).id;
  });
  afterAll(() => t.drop());

  it("lists and searches people of the own municipality only, with a roles summary", async () => {
    await createUser(t.db, municipalityId, { name: "Zoë Zoekbaar", email: "zoe@test.demo", teamRoles: [{ teamId: team.id, role: "member" }] });
    const elsewhere = await createMunicipality(t.db);
    await createUser(t.db, elsewhere.id, { name: "Zoë Elders" });
    const { rows, total } = await listUsers(await admin(), { search: "zoë" });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ name: "Zoë Zoekbaar", roles: `${team.name}: member` });
    expect((await listUsers(await admin(), { search: "%" })).total).toBe(0);
  });

  it("deactivating ends the sessions; profile changes are audited with a diff", async () => {
    const partner = await createPartner(t.db, municipalityId);
    const u = await createUser(t.db, municipalityId, { name: "Piet Pas" });
    await t.db.insert(sessions).values({ id: randomBytes(20).toString("hex"), userId: u.id, expiresAt: new Date(Date.now() + 3600_000) });
    await updateUser(await admin(), u.id, { name: "Piet Pas", discipline: "Wijkverpleging", partnerId: partner.id, isActive: false });
    const [after] = await t.db.select().from(users).where(eq(users.id, u.id));
    expect(after).toMatchObject({ isActive: false, discipline: "Wijkverpleging", partnerOrganisationId: partner.id });
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, u.id));
    expect(event.action).toBe("user.updated");
    expect((event.data as { changes: Record<string, unknown> }).changes).toMatchObject({ isActive: [true, false], discipline: [null, "Wijkverpleging"] });
    expect(await outcomeOf(updateUser(await admin(), u.id, { name: "P", isActive: true }))).toBe("invalid_input");
  });

  it("unlocks a locked account", async () => {
    const u = await createUser(t.db, municipalityId);
    await t.db
      .update(users)
      .set({ failedLoginCount: 5, lockedUntil: new Date(Date.now() + 600_000) })
      .where(eq(users.id, u.id));
    await unlockUser(await admin(), u.id);
    const [after] = await t.db.select().from(users).where(eq(users.id, u.id));
    expect(after).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it("adds, changes and removes a team membership", async () => {
    const u = await createUser(t.db, municipalityId);
    await addMembership(await admin(), u.id, { teamId: team.id, role: "volunteer", contractedHoursPerWeek: "" });
    expect(await outcomeOf(addMembership(await admin(), u.id, { teamId: team.id, role: "member" }))).toBe("already_member");
    expect(await outcomeOf(addMembership(await admin(), u.id, { teamId: team.id, role: "member", contractedHoursPerWeek: "99" }))).toBe("invalid_input");
    const { memberships } = await getUser(await admin(), u.id);
    await updateMembership(await admin(), memberships[0].id, { role: "member", contractedHoursPerWeek: "32" });
    const [m] = await t.db.select().from(activeTeamMemberships).where(eq(activeTeamMemberships.userId, u.id));
    expect([m.role, m.contractedHoursPerWeek]).toEqual(["member", "32.0"]);
    await removeMembership(await admin(), m.id);
    // Ended, not deleted: the row stays with an end date, and nothing is active any more.
    expect(await t.db.select().from(activeTeamMemberships).where(eq(activeTeamMemberships.userId, u.id))).toHaveLength(0);
    expect((await t.db.select().from(teamMemberships).where(eq(teamMemberships.userId, u.id))).map((r) => r.validTo !== null)).toEqual([true]);
  });

  it("grants and revokes roles outside teams; the last functional admin stays", async () => {
    const partner = await createPartner(t.db, municipalityId);
    const u = await createUser(t.db, municipalityId);
    expect(await outcomeOf(grantScopeRole(await admin(), u.id, { role: "partner_manager" }))).toBe("invalid_input");
    await grantScopeRole(await admin(), u.id, { role: "partner_manager", partnerId: partner.id });
    await grantScopeRole(await admin(), u.id, { role: "admin" });
    expect(await outcomeOf(grantScopeRole(await admin(), u.id, { role: "admin" }))).toBe("already_member");
    // Two admins now: each may lose the role, but not both at the same time.
    const adminRoles = await t.db.select().from(scopeRoles).where(eq(scopeRoles.role, "admin"));
    const mine = adminRoles.filter((r) => r.municipalityId === municipalityId);
    expect(mine).toHaveLength(2);
    // Both requests were authorised before either runs (as two admins' clicks would be).
    const contexts = await Promise.all(mine.map(() => admin()));
    const outcomes = await Promise.all(mine.map((r, i) => outcomeOf(revokeScopeRole(contexts[i], r.id))));
    expect(outcomes.sort()).toEqual(["last_admin", "ok"]);
    const [remaining] = (await t.db.select().from(scopeRoles).where(eq(scopeRoles.role, "admin"))).filter((r) => r.municipalityId === municipalityId);
    expect(
      await outcomeOf(updateUser(await municipalityContext(t.db, remaining.userId), remaining.userId, { name: "Laatste Beheerder", isActive: false })),
    ).toBe("last_admin");
    adminId = remaining.userId;
  });

  it("a coordinator cannot manage users; another municipality's user is not found", async () => {
    const coordinator = await createUser(t.db, municipalityId, { teamRoles: [{ teamId: team.id, role: "coordinator" }] });
    const u = await createUser(t.db, municipalityId);
    expect(await outcomeOf(updateUser(await teamContext(t.db, coordinator.id, team), u.id, { name: "Gekaapt", isActive: false }))).not.toBe("ok");
    const elsewhere = await createMunicipality(t.db);
    const stranger = await createUser(t.db, elsewhere.id);
    expect(await outcomeOf(getUser(await admin(), stranger.id))).toBe("not_found");
    expect(await outcomeOf(unlockUser(await admin(), stranger.id))).toBe("not_found");
  });
});
