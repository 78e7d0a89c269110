import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, auditEvents, eq, sql, users, withScope } from "@wijkwerk/db";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "../src/accounts";
import { hashToken } from "../src/common";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createUser, municipalityContext, outcomeOf } from "./fixtures";

/** The PostgreSQL message behind drizzle's "Failed query" wrapper. */
const dbError = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => "no error",
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

describe("personal API tokens", () => {
  let t: TestDatabase;
  let municipalityId: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
  });
  afterAll(() => t.drop());

  const accountOf = async (userId: string) => municipalityContext(t.db, userId);

  it("shows the token once, stores only its hash, and authenticates it", async () => {
    const u = await createUser(t.db, municipalityId);
    const ctx = await accountOf(u.id);
    const created = await createApiToken(ctx, { name: "  Rapportage-script " });
    expect(created.token).toMatch(/^wk_[A-Za-z0-9_-]{43}$/);
    expect(created.name).toBe("Rapportage-script");
    expect(created.lastFour).toBe(created.token.slice(-4));
    expect(created.expiresAt).toBeNull();
    const [stored] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(stored.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);
    const listed = await listApiTokens(ctx);
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("tokenHash");
    expect(listed[0].lastUsedAt).toBeNull();
    expect(await authenticateApiToken(t.db, created.token)).toBe(u.id);
    expect((await listApiTokens(ctx))[0].lastUsedAt).toBeInstanceOf(Date);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, created.id));
    expect(event.action).toBe("api_token.created");
    expect(JSON.stringify(event.data)).not.toContain(created.token);
  });

  it("updates last_used_at at most once a minute", async () => {
    const u = await createUser(t.db, municipalityId);
    const { id, token } = await createApiToken(await accountOf(u.id), { name: "Koppeling" });
    const lastUsed = async () => (await t.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id)))[0].at;
    await t.db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now() - interval '30 seconds'` })
      .where(eq(apiTokens.id, id));
    const recent = await lastUsed();
    expect(await authenticateApiToken(t.db, token)).toBe(u.id);
    expect(await lastUsed()).toEqual(recent);
    await t.db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now() - interval '2 minutes'` })
      .where(eq(apiTokens.id, id));
    const old = await lastUsed();
    expect(await authenticateApiToken(t.db, token)).toBe(u.id);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old!.getTime());
  });

  it("refuses revoked, expired, malformed and unknown tokens, and inactive users", async () => {
    const u = await createUser(t.db, municipalityId);
    const ctx = await accountOf(u.id);
    const revoked = await createApiToken(ctx, { name: "Weg" });
    await revokeApiToken(ctx, revoked.id);
    await revokeApiToken(ctx, revoked.id); // twice is harmless
    expect(await authenticateApiToken(t.db, revoked.token)).toBeNull();
    expect((await listApiTokens(ctx)).find((r) => r.id === revoked.id)?.revokedAt).toBeInstanceOf(Date);
    const revokedEvents = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, revoked.id));
    expect(revokedEvents.map((e) => e.action).sort()).toEqual(["api_token.created", "api_token.revoked"]);

    const expiring = await createApiToken(ctx, { name: "Kort", expiresInDays: 1 });
    expect(expiring.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(await authenticateApiToken(t.db, expiring.token)).toBe(u.id);
    await t.db
      .update(apiTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiTokens.id, expiring.id));
    expect(await authenticateApiToken(t.db, expiring.token)).toBeNull();

    expect(await authenticateApiToken(t.db, null)).toBeNull();
    expect(await authenticateApiToken(t.db, "")).toBeNull();
    expect(await authenticateApiToken(t.db, "wk_kort")).toBeNull();
    expect(await authenticateApiToken(t.db, `wk_${"A".repeat(43)}`)).toBeNull();
    expect(await authenticateApiToken(t.db, expiring.token.replace(/^wk_/, "xx_"))).toBeNull();

    const active = await createApiToken(ctx, { name: "Actief" });
    expect(await authenticateApiToken(t.db, active.token)).toBe(u.id);
    await t.db.update(users).set({ isActive: false }).where(eq(users.id, u.id));
    expect(await authenticateApiToken(t.db, active.token)).toBeNull();
  });

  it("validates name and expiry", async () => {
    const ctx = await accountOf((await createUser(t.db, municipalityId)).id);
    expect(await outcomeOf(createApiToken(ctx, { name: "  " }))).toBe("invalid_input");
    expect(await outcomeOf(createApiToken(ctx, { name: "x".repeat(81) }))).toBe("invalid_input");
    expect(await outcomeOf(createApiToken(ctx, { name: "Ok", expiresInDays: 0 }))).toBe("invalid_input");
    expect(await outcomeOf(createApiToken(ctx, { name: "Ok", expiresInDays: 366 }))).toBe("invalid_input");
    expect(await outcomeOf(createApiToken(ctx, { name: "Ok", expiresInDays: 365 }))).toBe("ok");
  });

  it("keeps users to their own tokens (application and row-level security)", async () => {
    const a = await createUser(t.db, municipalityId);
    const b = await createUser(t.db, municipalityId);
    const ctxA = await accountOf(a.id);
    const ctxB = await accountOf(b.id);
    const theirs = await createApiToken(ctxB, { name: "Van B" });
    await createApiToken(ctxA, { name: "Van A" });
    expect((await listApiTokens(ctxA)).map((r) => r.name)).toEqual(["Van A"]);
    expect(await outcomeOf(revokeApiToken(ctxA, theirs.id))).toBe("not_found");
    expect(await outcomeOf(revokeApiToken(ctxA, "not-a-uuid"))).toBe("not_found");
    expect(await authenticateApiToken(t.db, theirs.token)).toBe(b.id);

    // RLS, without the use case's WHERE: A's transaction sees only A's rows, cannot read hashes, cannot write for B.
    const scope = { kind: "team" as const, municipalityId, teamId: "", userId: a.id };
    const visible = await withScope(t.db, scope, (tx) => tx.select({ userId: apiTokens.userId }).from(apiTokens));
    expect(visible.every((r) => r.userId === a.id)).toBe(true);
    expect(visible.length).toBeGreaterThan(0);
    const updated = await withScope(t.db, scope, (tx) =>
      tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, theirs.id)).returning({ id: apiTokens.id }),
    );
    expect(updated).toHaveLength(0);
    expect(await dbError(withScope(t.db, scope, (tx) => tx.select({ h: apiTokens.tokenHash }).from(apiTokens)))).toMatch(/permission denied/);
    expect(
      await dbError(
        withScope(t.db, scope, (tx) =>
          tx.insert(apiTokens).values({ municipalityId, userId: b.id, name: "Vals", tokenHash: "x".repeat(64), lastFour: "xxxx" }),
        ),
      ),
    ).toMatch(/row-level security/);
    expect(await dbError(withScope(t.db, scope, (tx) => tx.delete(apiTokens).where(eq(apiTokens.userId, a.id))))).toMatch(/permission denied/);
  });
});
