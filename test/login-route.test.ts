// The login route over the built app (build/index.js), on real PostgreSQL:
// the session cookie lives as long as the session, `next` never leaves the
// site (nor answers 500), and every refused login gets the same answer.
// Run `pnpm build` first.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sessions, users } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { TEST_PASSWORD, createMunicipality, createTeam, createUser } from "../packages/core/test/fixtures";

const BUILD = path.resolve("build/index.js");
const ORIGIN = "http://localhost";
type Handler = (request: Request) => Promise<Response>;

let t: TestDatabase;
let handler: Handler;
const email = { plain: "gewoon@test.demo", mfa: "tweestaps@test.demo", locked: "geblokkeerd@test.demo", inactive: "inactief@test.demo" };

function login(fields: Record<string, string>) {
  return handler(
    new Request(`${ORIGIN}/inloggen?index`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Host: "localhost" },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

beforeAll(async () => {
  if (!existsSync(BUILD)) throw new Error("build/index.js is missing: run `pnpm build` before this test (scripts/test-all.sh does).");
  t = await createTestDatabase("postgres");
  process.env.DATABASE_URL = t.url!;
  const m = await createMunicipality(t.db);
  const team = await createTeam(t.db, m.id);
  const member = (e: string) => createUser(t.db, m.id, { email: e, teamRoles: [{ teamId: team.id, role: "member" }] });
  await member(email.plain);
  const mfa = await member(email.mfa);
  await t.db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, mfa.id));
  const locked = await member(email.locked);
  await t.db
    .update(users)
    .set({ failedLoginCount: 5, lockedUntil: new Date(Date.now() + 3600_000) })
    .where(eq(users.id, locked.id));
  const inactive = await member(email.inactive);
  await t.db.update(users).set({ isActive: false }).where(eq(users.id, inactive.id));
  const build = await import(pathToFileURL(BUILD).href);
  const { createRequestHandler } = await import("@remix-run/node");
  handler = createRequestHandler(build, "production") as Handler;
});

afterAll(async () => {
  await t?.drop();
});

describe("session cookie", () => {
  it("lives as long as the session (12 hours), not 400 days", async () => {
    const res = await login({ email: email.plain, password: TEST_PASSWORD });
    expect(res.status).toBe(302);
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^wijkwerk_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie)?.[1]);
    expect(maxAge).toBe(12 * 3600);
    const id = /^wijkwerk_session=([^;]+)/.exec(cookie)![1];
    const [session] = await t.db.select().from(sessions).where(eq(sessions.id, id));
    const sessionSeconds = (session.expiresAt.getTime() - session.createdAt.getTime()) / 1000;
    expect(Math.abs(sessionSeconds - maxAge)).toBeLessThan(5);
  });

  it("ends a session 12 hours after login even though lucia slid its expiry forward", async () => {
    const [u] = await t.db.select().from(users).where(eq(users.email, email.plain));
    const id = randomBytes(20).toString("hex");
    const now = Date.now();
    await t.db.insert(sessions).values({
      id,
      userId: u.id,
      mfaVerified: true,
      createdAt: new Date(now - 13 * 3600_000),
      lastActiveAt: new Date(now - 60_000),
      expiresAt: new Date(now + 6 * 3600_000),
    });
    const res = await handler(new Request(`${ORIGIN}/account`, { headers: { Cookie: `wijkwerk_session=${id}` } }));
    expect(res.status).toBe(302);
    // (The root loader and the page's loader both read the session; whichever comes second finds it gone, so "reden=verlopen" may be absent.)
    expect(res.headers.get("Location")).toMatch(/^\/inloggen\?next=%2Faccount/);
    expect(await t.db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
  });
});

describe("next after login", () => {
  const hostile = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/.//evil.example",
    "https://evil.example/",
  ];

  it.each(hostile)("stays on the site for next=%j (no 500)", async (next) => {
    const res = await login({ email: email.plain, password: TEST_PASSWORD, next });
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    // The browser resolves Location with the WHATWG URL parser (dropping tabs and newlines).
    expect(new URL(location, `${ORIGIN}/inloggen`).origin).toBe(ORIGIN);
    expect(location).toBe("/");
  });

  it("carries a same-site next through the second step, and a hostile one not at all", async () => {
    const ok = await login({ email: email.mfa, password: TEST_PASSWORD, next: "/t/x/werkbudget?status=open" });
    expect(ok.headers.get("Location")).toBe(`/inloggen/tweede-stap?next=${encodeURIComponent("/t/x/werkbudget?status=open")}`);
    const evil = await login({ email: email.mfa, password: TEST_PASSWORD, next: "/\t/evil.example" });
    expect(evil.headers.get("Location")).toBe("/inloggen/tweede-stap");
  });

  it("a newline inside a same-site next is a valid redirect, not a 500", async () => {
    const res = await login({ email: email.plain, password: TEST_PASSWORD, next: "/account\n/sessies" });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("Location")!, ORIGIN).origin).toBe(ORIGIN);
  });

  it("a notification's link is held to the same rule", async () => {
    const cookie = (await login({ email: email.plain, password: TEST_PASSWORD })).headers.get("Set-Cookie")!.split(";")[0];
    const res = await handler(
      new Request(`${ORIGIN}/meldingen`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Host: "localhost" },
        body: new URLSearchParams({ intent: "open", id: "x", link: "/\t/evil.example" }).toString(),
      }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
  });
});

describe("refused logins", () => {
  it("answer the same for an unknown address, a wrong password, a locked and an inactive account", async () => {
    const attempts = [
      { email: "niemand@test.demo", password: TEST_PASSWORD },
      { email: email.plain, password: "fout-wachtwoord" },
      { email: email.locked, password: TEST_PASSWORD },
      { email: email.inactive, password: TEST_PASSWORD },
    ];
    const answers = [];
    for (const a of attempts) {
      const res = await login(a);
      // The page echoes the typed address back into the form; everything else must be identical.
      answers.push({ status: res.status, setCookie: res.headers.get("Set-Cookie"), body: (await res.text()).split(a.email).join("<e-mail>") });
    }
    expect(answers[0].status).toBe(401);
    expect(answers[0].body).toContain("E-mailadres of wachtwoord is onjuist.");
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });
});
