import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, eq, municipalitySettings } from "@wijkwerk/db";
import { loadSecuritySettings } from "../src/accounts";
import { getSettings, updateSettings } from "../src/tenancy";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

describe("admin: security settings", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let otherMunicipalityId: string;
  let adminId: string;
  let coordinatorId: string;
  let controllerId: string;
  let team: Awaited<ReturnType<typeof createTeam>>;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
    otherMunicipalityId = (await createMunicipality(t.db)).id;
    adminId = (await createUser(t.db, municipalityId, { scopeRoles: [{ role: "admin" }] })).id;
    team = await createTeam(t.db, municipalityId);
    coordinatorId = (await createUser(t.db, municipalityId, { teamRoles: [{ teamId: team.id, role: "coordinator" }] })).id;
    controllerId = (await createUser(t.db, municipalityId, { scopeRoles: [{ role: "controller" }] })).id;
  });
  afterAll(() => t.drop());

  const asAdmin = () => municipalityContext(t.db, adminId);

  it("reads the defaults", async () => {
    expect(await getSettings(await asAdmin())).toMatchObject({ mfaRequiredRoles: ["admin", "controller"], idleTimeoutMinutes: 60 });
  });

  it("saves any subset of roles and the idle timeout, in a fixed order, with an audit diff", async () => {
    const ctx = await asAdmin();
    const result = await updateSettings(ctx, { mfaRequiredRoles: ["partner_manager", "coordinator", "coordinator"], idleTimeoutMinutes: 30 });
    expect(result.changed.sort()).toEqual(["idleTimeoutMinutes", "mfaRequiredRoles"]);
    expect(await getSettings(ctx)).toMatchObject({ mfaRequiredRoles: ["coordinator", "partner_manager"], idleTimeoutMinutes: 30 });
    // The checkpoint reads the same row.
    expect(await loadSecuritySettings(t.db, municipalityId)).toEqual({ mfaRequiredRoles: ["coordinator", "partner_manager"], idleTimeoutMinutes: 30 });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.municipalityId, municipalityId), eq(auditEvents.action, "settings.updated")));
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({
      mfaRequiredRoles: [
        ["admin", "controller"],
        ["coordinator", "partner_manager"],
      ],
      idleTimeoutMinutes: [60, 30],
    });
    // No role at all is allowed too (the admin role is no exception).
    expect(await outcomeOf(updateSettings(ctx, { mfaRequiredRoles: [], idleTimeoutMinutes: 30 }))).toBe("ok");
    expect((await getSettings(ctx)).mfaRequiredRoles).toEqual([]);
    // Other municipalities keep their own settings.
    const [other] = await t.db.select().from(municipalitySettings).where(eq(municipalitySettings.municipalityId, otherMunicipalityId));
    expect(other).toMatchObject({ mfaRequiredRoles: ["admin", "controller"], idleTimeoutMinutes: 60 });
  });

  it("validates the roles and the timeout (5 to 480 whole minutes)", async () => {
    const ctx = await asAdmin();
    for (const minutes of [4, 481, 30.5, Number.NaN]) {
      const err = await updateSettings(ctx, { mfaRequiredRoles: ["admin"], idleTimeoutMinutes: minutes }).catch((e) => e);
      expect(err, String(minutes)).toMatchObject({ code: "invalid_input", fieldErrors: { idleTimeoutMinutes: ["invalid_input"] } });
    }
    expect(await outcomeOf(updateSettings(ctx, { mfaRequiredRoles: ["admin", "superuser" as "admin"], idleTimeoutMinutes: 60 }))).toBe("invalid_input");
    expect(await outcomeOf(updateSettings(ctx, { mfaRequiredRoles: ["admin"], idleTimeoutMinutes: 5 }))).toBe("ok");
    expect(await outcomeOf(updateSettings(ctx, { mfaRequiredRoles: ["admin"], idleTimeoutMinutes: 480 }))).toBe("ok");
    expect(await getSettings(ctx)).toMatchObject({ mfaRequiredRoles: ["admin"], idleTimeoutMinutes: 480 });
  });

  it("saving unchanged settings writes no audit event", async () => {
    const ctx = await asAdmin();
    const count = async () =>
      (
        await t.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.municipalityId, municipalityId), eq(auditEvents.action, "settings.updated")))
      ).length;
    const before = await count();
    const current = await getSettings(ctx);
    expect((await updateSettings(ctx, { mfaRequiredRoles: current.mfaRequiredRoles, idleTimeoutMinutes: current.idleTimeoutMinutes })).changed).toEqual([]);
    expect(await count()).toBe(before);
  });

  it("a coordinator or a controller is refused", async () => {
    const coordinator = await teamContext(t.db, coordinatorId, team);
    const controller = await municipalityContext(t.db, controllerId, "municipality");
    for (const ctx of [coordinator, controller]) {
      expect(await outcomeOf(getSettings(ctx))).not.toBe("ok");
      expect(await outcomeOf(updateSettings(ctx, { mfaRequiredRoles: [], idleTimeoutMinutes: 480 }))).not.toBe("ok");
    }
  });
});
