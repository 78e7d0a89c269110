// A refused login must not tell whether the address has an account, nor
// whether that account is locked or inactive: the same error, after the same
// password-hash work (one argon2 verification with the same parameters), in
// every path. Timing is checked loosely on top of that.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, auditEvents, eq, users } from "@wijkwerk/db";
import { DomainError } from "../src/common";
import { checkPasswordLogin } from "../src/accounts";
import { createTestDatabase, type TestDatabase } from "./db";
import { TEST_PASSWORD, createMunicipality, createUser } from "./fixtures";

// Records every argon2 verification (the real one still runs).
const verified = vi.hoisted(() => [] as string[]);
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: (hash: string, password: string) => {
      verified.push(hash);
      return real.verify(hash, password);
    },
  };
});

const meta = { ip: "192.0.2.9", userAgent: "vitest" };
/** "$argon2id$v=19$m=19456,t=2,p=1$salt$hash" → the algorithm and cost part. */
const costOf = (hash: string) => hash.split("$").slice(1, 4).join("$");

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, status: e.status, fieldErrors: e.fieldErrors };
    throw e;
  }
  throw new Error("the login was accepted");
}

describe("login refusals reveal nothing about the account", () => {
  let t: TestDatabase;
  const emails = { wrong: "bekend@test.demo", locked: "geblokkeerd@test.demo", inactive: "inactief@test.demo" };
  let realCost: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    const m = await createMunicipality(t.db);
    const known = await createUser(t.db, m.id, { email: emails.wrong });
    realCost = costOf(known.passwordHash);
    const locked = await createUser(t.db, m.id, { email: emails.locked });
    await t.db
      .update(users)
      .set({ failedLoginCount: 5, lockedUntil: new Date(Date.now() + 3600_000) })
      .where(eq(users.id, locked.id));
    const inactive = await createUser(t.db, m.id, { email: emails.inactive });
    await t.db.update(users).set({ isActive: false }).where(eq(users.id, inactive.id));
  });
  afterAll(() => t.drop());

  const cases: [string, { email: string; password: string }][] = [
    ["unknown address", { email: "niemand@test.demo", password: TEST_PASSWORD }],
    ["wrong password", { email: emails.wrong, password: "fout-wachtwoord" }],
    ["locked, right password", { email: emails.locked, password: TEST_PASSWORD }],
    ["locked, wrong password", { email: emails.locked, password: "fout-wachtwoord" }],
    ["inactive, right password", { email: emails.inactive, password: TEST_PASSWORD }],
    ["inactive, wrong password", { email: emails.inactive, password: "fout-wachtwoord" }],
  ];

  async function resetWrongPasswordCount() {
    // The wrong-password account must not get locked by the repeated attempts of this test.
    await t.db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.email, emails.wrong));
  }

  it("gives the same error and does one argon2 verification with the same cost in every path", async () => {
    const answers = [];
    for (const [name, input] of cases) {
      await resetWrongPasswordCount();
      verified.length = 0;
      const answer = await refusal(checkPasswordLogin(t.db, input, meta));
      answers.push(answer);
      expect(verified.length, name).toBe(1);
      expect(costOf(verified[0]), name).toBe(realCost);
    }
    expect(answers[0]).toEqual({ code: "login_failed", status: 401, fieldErrors: {} });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it("still records why in the audit log and keeps the account locked", async () => {
    await refusal(checkPasswordLogin(t.db, { email: emails.locked, password: TEST_PASSWORD }, meta));
    await refusal(checkPasswordLogin(t.db, { email: emails.inactive, password: TEST_PASSWORD }, meta));
    const [locked] = await t.db.select().from(users).where(eq(users.email, emails.locked));
    const reasons = await t.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, locked.id), eq(auditEvents.action, "auth.login_failed")));
    expect(reasons.map((r) => r.data)).toContainEqual({ reason: "locked" });
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const [inactive] = await t.db.select().from(users).where(eq(users.email, emails.inactive));
    const inactiveReasons = await t.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, inactive.id), eq(auditEvents.action, "auth.login_failed")));
    expect(inactiveReasons.map((r) => r.data)).toContainEqual({ reason: "inactive" });
  });

  it("takes about as long in every path (medians within a factor 3)", async () => {
    // Loose on purpose (2 shared cores): without the dummy verification a locked
    // account answered ≈ 20× faster than a wrong password.
    const rounds = 7;
    const times = cases.map(() => [] as number[]);
    await refusal(checkPasswordLogin(t.db, cases[0][1], meta)); // warm up (the dummy hash is made once)
    for (let r = 0; r < rounds; r++) {
      // Round-robin, so a burst of load on the machine hits every path alike.
      for (const [i, [, input]] of cases.entries()) {
        await resetWrongPasswordCount();
        const start = performance.now();
        await refusal(checkPasswordLogin(t.db, input, meta));
        times[i].push(performance.now() - start);
      }
    }
    const medians = times.map((ts) => [...ts].sort((a, b) => a - b)[Math.floor(ts.length / 2)]);
    const ratio = Math.max(...medians) / Math.min(...medians);
    expect(ratio, `medians (ms): ${cases.map(([n], i) => `${n} ${medians[i].toFixed(1)}`).join(", ")}`).toBeLessThan(3);
  });
});
