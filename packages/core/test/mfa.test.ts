import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, eq, users } from "@wijkwerk/db";
import { beginTotpSetup, confirmTotpSetup, disableMfa, verifySecondFactor } from "../src/accounts";
import { createTestDatabase, type TestDatabase } from "./db";
import { TEST_PASSWORD, createMunicipality, createTeam, createUser, outcomeOf } from "./fixtures";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const codeAt = (secret: string, ms: number) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: ms });

describe("TOTP second factor", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let teamId: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
    teamId = (await createTeam(t.db, municipalityId)).id;
  });
  afterAll(() => t.drop());

  async function enrolled(now: number) {
    const u = await createUser(t.db, municipalityId, { teamRoles: [{ teamId, role: "member" }] });
    const setup = beginTotpSetup(u.email);
    expect(await outcomeOf(confirmTotpSetup(t.db, u.id, { sealedSecret: setup.sealed, code: "000000" }, meta, now))).toBe("mfa_invalid_code");
    const codes = await confirmTotpSetup(t.db, u.id, { sealedSecret: setup.sealed, code: codeAt(setup.secret, now) }, meta, now);
    return { u, secret: setup.secret, codes };
  }

  it("setup stores only a sealed secret and gives ten recovery codes", async () => {
    const now = Date.now();
    const { u, secret, codes } = await enrolled(now);
    expect(codes).toHaveLength(10);
    const [row] = await t.db.select().from(users).where(eq(users.id, u.id));
    expect(row.totpEnabledAt).not.toBeNull();
    expect(row.totpSecretSealed).not.toContain(secret);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, u.id));
    expect(events.map((e) => e.action)).toContain("auth.mfa_enabled");
  });

  it("accepts a fresh code once and refuses its replay", async () => {
    const now = Date.now();
    const { u, secret } = await enrolled(now);
    const later = now + 60_000;
    const code = codeAt(secret, later);
    expect(await outcomeOf(verifySecondFactor(t.db, u.id, { code }, meta, later))).toBe("ok");
    expect(await outcomeOf(verifySecondFactor(t.db, u.id, { code }, meta, later))).toBe("mfa_invalid_code");
  });

  it("a recovery code works exactly once", async () => {
    const now = Date.now();
    const { u, codes } = await enrolled(now);
    expect(await verifySecondFactor(t.db, u.id, { code: codes[0].toUpperCase() }, meta, now)).toEqual({ usedRecoveryCode: true });
    expect(await outcomeOf(verifySecondFactor(t.db, u.id, { code: codes[0] }, meta, now))).toBe("mfa_invalid_code");
  });

  it("wrong codes count toward the lockout", async () => {
    const now = Date.now();
    const { u, secret } = await enrolled(now);
    for (let i = 0; i < 5; i++) await outcomeOf(verifySecondFactor(t.db, u.id, { code: "123456" }, meta, now + 90_000));
    expect(await outcomeOf(verifySecondFactor(t.db, u.id, { code: codeAt(secret, now + 90_000) }, meta, now + 90_000))).toBe("account_locked");
    const failed = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.mfa_failed"));
    expect(failed.filter((e) => e.actorUserId === u.id)).toHaveLength(5);
  });

  it("can be disabled with password and code, but not when the role requires MFA", async () => {
    const now = Date.now();
    const { u, secret } = await enrolled(now);
    const at = now + 120_000;
    expect(await outcomeOf(disableMfa(t.db, u.id, { password: "fout", code: codeAt(secret, at) }, meta, at))).toBe("invalid_credentials");
    expect(await outcomeOf(disableMfa(t.db, u.id, { password: TEST_PASSWORD, code: codeAt(secret, at) }, meta, at))).toBe("ok");
    const admin = await createUser(t.db, municipalityId, { scopeRoles: [{ role: "admin" }] });
    const setup = beginTotpSetup(admin.email);
    await confirmTotpSetup(t.db, admin.id, { sealedSecret: setup.sealed, code: codeAt(setup.secret, now) }, meta, now);
    expect(await outcomeOf(disableMfa(t.db, admin.id, { password: TEST_PASSWORD, code: codeAt(setup.secret, at) }, meta, at))).toBe("mfa_required_by_role");
  });
});
