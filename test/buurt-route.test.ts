// The public team finder /buurt over the built app (build/index.js), on real
// PostgreSQL: no session read, no cookie set, only public data, cacheable
// (ETag, Cache-Control, 304), rate-limited per IP, and answering while
// another connection holds a lock on the tables it reads. Run `pnpm build` first.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buurtAssignments, buurten, eq, sessions, streets, teamContacts } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { createMunicipality, createTeam, createUser } from "../packages/core/test/fixtures";

const BUILD = path.resolve("build/index.js");
const ORIGIN = "http://localhost";
type Handler = (request: Request, context?: { ip?: string }) => Promise<Response>;

let t: TestDatabase;
let handler: Handler;
let team: Awaited<ReturnType<typeof createTeam>>;
let member: Awaited<ReturnType<typeof createUser>>;
const get = (url: string, init: RequestInit = {}, ip = "198.51.100.1") => handler(new Request(`${ORIGIN}${url}`, init), { ip });

beforeAll(async () => {
  if (!existsSync(BUILD)) throw new Error("build/index.js is missing: run `pnpm build` before this test (scripts/test-all.sh does).");
  t = await createTestDatabase("postgres");
  process.env.DATABASE_URL = t.url!;
  const m = await createMunicipality(t.db);
  process.env.PUBLIC_MUNICIPALITY = m.slug;
  // Every request reads again (waiting at most 1 s), so the busy test below sees the stale-copy path.
  process.env.PUBLIC_DIRECTORY_TTL_SECONDS = "0";
  process.env.PUBLIC_RATE_LIMIT = "40";
  team = await createTeam(t.db, m.id, "noord");
  const [b] = await t.db.insert(buurten).values({ municipalityId: m.id, name: "Belvédère" }).returning();
  await t.db.insert(buurtAssignments).values({ municipalityId: m.id, buurtId: b.id, teamId: team.id, validFrom: "2017-01-01" });
  await t.db.insert(streets).values({ municipalityId: m.id, buurtId: b.id, name: "Fort Willemweg" });
  await t.db
    .insert(teamContacts)
    .values({ municipalityId: m.id, teamId: team.id, phone: "043 555 01 60", email: "noord@team.example.org", helpsWith: ["Geldzorgen"] });
  // A professional with personal data that must never reach the public page.
  member = await createUser(t.db, m.id, { email: "geheim.lid@test.demo", name: "Geheime Naam", teamRoles: [{ teamId: team.id, role: "coordinator" }] });
  const build = await import(pathToFileURL(BUILD).href);
  const { createRequestHandler } = await import("@remix-run/node");
  handler = createRequestHandler(build, "production") as Handler;
});

afterAll(async () => {
  await t?.drop();
});

describe("/buurt", () => {
  it("finds the team by street, without reading the session or setting a cookie, and shows only public data", async () => {
    const id = randomBytes(20).toString("hex");
    const lastActiveAt = new Date(Date.now() - 10 * 60_000);
    await t.db
      .insert(sessions)
      .values({ id, userId: member.id, mfaVerified: true, createdAt: lastActiveAt, lastActiveAt, expiresAt: new Date(Date.now() + 3600_000) });
    const res = await get("/buurt?q=fort%20willem", { headers: { Cookie: `wijkwerk_session=${id}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const html = await res.text();
    expect(html).toContain('<html lang="nl"');
    expect(html).toContain("Fort Willemweg (buurt Belvédère)");
    expect(html).toContain(`/buurt/team/noord`);
    // The signed-in user's name and e-mail are nowhere: the layout did not read the session.
    expect(html).not.toContain("Geheime Naam");
    expect(html).not.toContain("geheim.lid@test.demo");
    const [s] = await t.db.select().from(sessions).where(eq(sessions.id, id));
    expect(s.lastActiveAt.getTime()).toBe(lastActiveAt.getTime()); // a read session would have been touched
  });

  it("team and buurt pages show the contact details and nothing personal", async () => {
    for (const url of ["/buurt/team/noord", "/buurt/belvedere"]) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("Set-Cookie")).toBeNull();
      const html = await res.text();
      expect(html).toContain("043 555 01 60");
      expect(html).toContain("noord@team.example.org");
      expect(html).toContain("Geldzorgen");
      expect(html).not.toContain("Geheime Naam");
      expect(html).not.toContain("geheim.lid");
    }
    expect((await get("/buurt/nergens")).status).toBe(404);
  });

  it("is cacheable: ETag and public Cache-Control, 304 for the same version", async () => {
    const res = await get("/buurt/team/noord");
    const etag = res.headers.get("ETag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+/);
    const again = await get("/buurt/team/noord", { headers: { "If-None-Match": `W/${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("Set-Cookie")).toBeNull();
    // Other pages stay uncacheable.
    expect((await get("/inloggen")).headers.get("Cache-Control")).toBe("no-store");
  });

  it("limits requests per client IP", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 41; i++) last = await get("/buurt", {}, "203.0.113.7");
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("Te veel verzoeken");
    expect((await get("/buurt", {}, "203.0.113.8")).status).toBe(200);
  });

  it("answers while another connection holds a lock on the tables it reads", async () => {
    expect((await get("/buurt/team/noord")).status).toBe(200);
    const other = postgres(t.url!, { max: 1, onnotice: () => {} });
    const reserved = await other.reserve();
    await reserved.unsafe("begin; lock table teams, buurten, team_contacts in access exclusive mode");
    try {
      const started = Date.now();
      const res = await get("/buurt/team/noord", {}, "198.51.100.9");
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("043 555 01 60");
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await reserved.unsafe("rollback");
      reserved.release();
      await other.end();
    }
  });
});
