import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, eq, sessions } from "@wijkwerk/db";
import { DomainError } from "../src/common";
import { deviceLabel } from "../src/accounts/sessions";
import { listOwnSessions, revokeOtherSessions, revokeOwnSession } from "../src/accounts";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createUser } from "./fixtures";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };

describe("own sessions", () => {
  let t: TestDatabase;
  let municipalityId: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
  });
  afterAll(() => t.drop());

  async function session(userId: string, userAgent: string | null = null) {
    const id = randomBytes(20).toString("hex");
    await t.db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true, userAgent });
    return id;
  }

  it("lists, revokes one and revokes the others, audited", async () => {
    const u = await createUser(t.db, municipalityId);
    const actor = { userId: u.id, municipalityId, email: u.email, name: u.name };
    const current = await session(u.id, "Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537.36");
    const second = await session(u.id);
    await session(u.id);
    const listed = await listOwnSessions(t.db, u.id, current);
    expect(listed).toHaveLength(3);
    expect(listed.find((s) => s.current)?.device).toBe("Chrome op Windows");
    await revokeOwnSession(t.db, actor, second, meta);
    expect(await listOwnSessions(t.db, u.id, current)).toHaveLength(2);
    expect(await revokeOtherSessions(t.db, actor, current, meta)).toBe(1);
    expect((await listOwnSessions(t.db, u.id, current)).map((s) => s.id)).toEqual([current]);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "session.revoked"));
    expect(events.filter((e) => e.actorUserId === u.id)).toHaveLength(2);
  });

  it("cannot revoke another user's session", async () => {
    const a = await createUser(t.db, municipalityId);
    const b = await createUser(t.db, municipalityId);
    const theirs = await session(b.id);
    const err = await revokeOwnSession(t.db, { userId: a.id, municipalityId, email: a.email, name: a.name }, theirs, meta).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).status).toBe(404);
    expect(await t.db.select().from(sessions).where(eq(sessions.id, theirs))).toHaveLength(1);
  });

  it("labels devices", () => {
    expect(deviceLabel("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1")).toBe("Safari op iOS");
    expect(deviceLabel(null)).toBe("Onbekend apparaat");
  });
});
