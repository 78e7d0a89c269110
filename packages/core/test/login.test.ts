import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, eq, sql, users } from "@wijkwerk/db";
import { verifyAuditChain } from "../src/audit";
import { LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from "../src/accounts/login";
import { checkPasswordLogin } from "../src/accounts";
import { createTestDatabase, type TestDatabase } from "./db";
import { TEST_PASSWORD, createMunicipality, createUser, outcomeOf } from "./fixtures";

const meta = { ip: "192.0.2.7", userAgent: "vitest" };

describe("password login and lockout", () => {
  let t: TestDatabase;
  let municipalityId: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
  });
  afterAll(() => t.drop());

  it("accepts the right password case-insensitively on e-mail and records the login", async () => {
    const u = await createUser(t.db, municipalityId, { email: "anna@test.demo" });
    const result = await checkPasswordLogin(t.db, { email: " Anna@Test.demo ", password: TEST_PASSWORD }, meta);
    expect(result).toMatchObject({ userId: u.id, mfaEnabled: false });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, u.id));
    expect(events.map((e) => [e.action, e.result, e.ip])).toEqual([["auth.login", "success", "192.0.2.7"]]);
  });

  it("unknown e-mail and wrong password give the same error", async () => {
    expect(await outcomeOf(checkPasswordLogin(t.db, { email: "niemand@test.demo", password: "x" }, meta))).toBe("login_failed");
    await createUser(t.db, municipalityId, { email: "bob@test.demo" });
    expect(await outcomeOf(checkPasswordLogin(t.db, { email: "bob@test.demo", password: "fout" }, meta))).toBe("login_failed");
  });

  it(`locks after ${MAX_FAILED_ATTEMPTS} failures, also under concurrent guesses, and unlocks by time`, async () => {
    const u = await createUser(t.db, municipalityId, { email: "carla@test.demo" });
    const now = new Date();
    await Promise.all(Array.from({ length: 8 }, () => outcomeOf(checkPasswordLogin(t.db, { email: "carla@test.demo", password: "fout" }, meta, now))));
    const [row] = await t.db.select().from(users).where(eq(users.id, u.id));
    expect(row.lockedUntil).not.toBeNull();
    // The right password is refused while locked.
    expect(await outcomeOf(checkPasswordLogin(t.db, { email: "carla@test.demo", password: TEST_PASSWORD }, meta, now))).toBe("login_failed");
    const locked = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.locked"));
    expect(locked.filter((e) => e.actorUserId === u.id)).toHaveLength(1);
    const later = new Date(now.getTime() + (LOCK_MINUTES + 1) * 60_000);
    expect(await outcomeOf(checkPasswordLogin(t.db, { email: "carla@test.demo", password: TEST_PASSWORD }, meta, later))).toBe("ok");
    const [after] = await t.db.select().from(users).where(eq(users.id, u.id));
    expect(after.failedLoginCount).toBe(0);
  });

  it("refuses inactive accounts", async () => {
    const u = await createUser(t.db, municipalityId, { email: "dirk@test.demo" });
    await t.db.update(users).set({ isActive: false }).where(eq(users.id, u.id));
    expect(await outcomeOf(checkPasswordLogin(t.db, { email: "dirk@test.demo", password: TEST_PASSWORD }, meta))).toBe("login_failed");
  });

  it("keeps the audit chain intact and detects tampering", async () => {
    expect((await verifyAuditChain(t.db)).breaks).toEqual([]);
    await t.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    const [first] = await t.db.select().from(auditEvents).limit(1);
    await t.db.update(auditEvents).set({ result: "failure" }).where(eq(auditEvents.seq, first.seq));
    await t.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    const { breaks } = await verifyAuditChain(t.db);
    expect(breaks).toEqual([expect.objectContaining({ seq: first.seq, reason: "hash_mismatch" })]);
  });
});
