import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, outboxEmails, sessions, users } from "@wijkwerk/db";
import { checkPasswordLogin, requestPasswordReset, resetPassword } from "../src/accounts";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createUser, outcomeOf } from "./fixtures";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const NEW_PASSWORD = "Een nieuw lang wachtwoord 7";

describe("password reset", () => {
  let t: TestDatabase;
  let municipalityId: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
  });
  afterAll(() => t.drop());

  async function linkFor(email: string, now = new Date()) {
    await requestPasswordReset(t.db, { email, baseUrl: "http://app.test" }, meta, now);
    const [mail] = await t.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, email)).orderBy(outboxEmails.createdAt);
    return mail.textBody.match(/wachtwoord-herstellen\/(\S+)/)![1];
  }

  it("mails a single-use link; the new password works, the sessions end, the lockout clears", async () => {
    const u = await createUser(t.db, municipalityId, { email: "reset@test.demo" });
    await t.db
      .update(users)
      .set({ failedLoginCount: 5, lockedUntil: new Date(Date.now() + 600_000) })
      .where(eq(users.id, u.id));
    await t.db.insert(sessions).values({ id: randomBytes(20).toString("hex"), userId: u.id, expiresAt: new Date(Date.now() + 3600_000) });
    const token = await linkFor("reset@test.demo");
    expect(await outcomeOf(resetPassword(t.db, { token, password: "kort" }, meta))).toBe("password_too_weak");
    expect(await outcomeOf(resetPassword(t.db, { token, password: NEW_PASSWORD }, meta))).toBe("ok");
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    expect(await outcomeOf(checkPasswordLogin(t.db, { email: "reset@test.demo", password: NEW_PASSWORD }, meta))).toBe("ok");
    expect(await outcomeOf(resetPassword(t.db, { token, password: NEW_PASSWORD }, meta))).toBe("token_used");
  });

  it("an expired or unknown link is refused", async () => {
    await createUser(t.db, municipalityId, { email: "late@test.demo" });
    const past = new Date(Date.now() - 2 * 3600_000);
    const token = await linkFor("late@test.demo", past);
    expect(await outcomeOf(resetPassword(t.db, { token, password: NEW_PASSWORD }, meta))).toBe("token_expired");
    expect(await outcomeOf(resetPassword(t.db, { token: "onzin", password: NEW_PASSWORD }, meta))).toBe("token_invalid");
  });

  it("an unknown address gets the same answer and no mail", async () => {
    const before = (await t.db.select().from(outboxEmails)).length;
    await expect(requestPasswordReset(t.db, { email: "niemand@test.demo", baseUrl: "http://app.test" }, meta)).resolves.toBeUndefined();
    expect((await t.db.select().from(outboxEmails)).length).toBe(before);
  });

  it("two concurrent uses of one link: exactly one succeeds", async () => {
    await createUser(t.db, municipalityId, { email: "race@test.demo" });
    const token = await linkFor("race@test.demo");
    const results = await Promise.all(
      [resetPassword(t.db, { token, password: NEW_PASSWORD }, meta), resetPassword(t.db, { token, password: NEW_PASSWORD + "x" }, meta)].map(outcomeOf),
    );
    expect(results.sort()).toEqual(["ok", "token_used"]);
  });
});
