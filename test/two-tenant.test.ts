// Every team route of team A, requested as a member (and as the coordinator)
// of team B, must answer 404. Routes come from the build's route manifest, so a
// new route is covered without editing this test.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { createMunicipality, createTeam, createUser } from "../packages/core/test/fixtures";

const BUILD = path.resolve("build/index.js");
type Handler = (request: Request) => Promise<Response>;
type RouteManifest = Record<string, { path?: string; parentId?: string; module: Record<string, unknown> }>;

let t: TestDatabase;
let handler: Handler;
let routes: RouteManifest;
let teamA: { id: string; slug: string };
const cookies: Record<string, string> = {};

async function signIn(userId: string): Promise<string> {
  const id = randomBytes(20).toString("hex");
  await t.db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
  return `wijkwerk_session=${id}`;
}

/** Full URL paths of all routes, joining each route's path with its parents'. */
function fullPaths(manifest: RouteManifest): { id: string; path: string; hasAction: boolean }[] {
  const full = (id: string): string => {
    const r = manifest[id];
    const own = r.path ?? "";
    const parent = r.parentId && r.parentId !== "root" ? full(r.parentId) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.keys(manifest)
    .filter((id) => id !== "root")
    .map((id) => ({ id, path: "/" + full(id), hasAction: typeof manifest[id].module.action === "function" }));
}

beforeAll(async () => {
  if (!existsSync(BUILD)) throw new Error("build/index.js is missing: run `pnpm build` before this test (scripts/test-all.sh does).");
  t = await createTestDatabase("postgres");
  process.env.DATABASE_URL = t.url!;
  const m = await createMunicipality(t.db);
  teamA = await createTeam(t.db, m.id, "team-a");
  const teamB = await createTeam(t.db, m.id, "team-b");
  const memberA = await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "member" }] });
  const memberB = await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "member" }] });
  const coordinatorB = await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "coordinator" }] });
  cookies.memberA = await signIn(memberA.id);
  cookies.memberB = await signIn(memberB.id);
  cookies.coordinatorB = await signIn(coordinatorB.id);
  const build = await import(pathToFileURL(BUILD).href);
  routes = build.routes;
  const { createRequestHandler } = await import("@remix-run/node");
  handler = createRequestHandler(build, "production") as Handler;
});
afterAll(async () => {
  await t?.drop();
});

function fill(routePath: string, teamSlug: string): string {
  return routePath.replace(":team", teamSlug).replace(/:[A-Za-z]+/g, () => crypto.randomUUID());
}

const request = (url: string, cookie: string, method = "GET") =>
  handler(new Request(`http://localhost${url}`, { method, headers: { Cookie: cookie, ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) }, body: method === "POST" ? "intent=x" : undefined }));

describe("two tenants", () => {
  it("team A's own member reaches team A (so the test can fail)", async () => {
    const res = await request(`/t/${teamA.slug}`, cookies.memberA);
    expect(res.status).toBe(200);
  });

  it("every /t/:team route of team A is 404 for members and coordinators of team B", async () => {
    const teamRoutes = fullPaths(routes).filter((r) => r.path.startsWith("/t/:team"));
    expect(teamRoutes.length).toBeGreaterThan(1);
    const failures: string[] = [];
    for (const who of ["memberB", "coordinatorB"]) {
      for (const r of teamRoutes) {
        const url = fill(r.path, teamA.slug);
        for (const method of r.hasAction ? ["GET", "POST"] : ["GET"]) {
          const res = await request(url, cookies[who], method);
          if (res.status !== 404) failures.push(`${who} ${method} ${url} → ${res.status}`);
        }
        const missing = await request(fill(r.path, "bestaat-niet"), cookies[who]);
        if (missing.status !== 404) failures.push(`${who} GET ${fill(r.path, "bestaat-niet")} → ${missing.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("municipality, admin and partner routes are 404 for a team member", async () => {
    const scoped = fullPaths(routes).filter((r) => /^\/(beheer|gemeente|partner)(\/|$)/.test(r.path));
    expect(scoped.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const r of scoped) {
      const url = fill(r.path.replace(":partner", "trajekt"), teamA.slug);
      const res = await request(url, cookies.memberB);
      if (res.status !== 404) failures.push(`GET ${url} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
