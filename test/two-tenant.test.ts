// Two tenants, one rule: everything of team A is 404 for team B — whether the
// visitor is a member or the coordinator of B. The routes come from the
// build's route manifest, so a new route under /t/:team is covered without
// editing this test. Dynamic segments get the id of a real team-A object where
// the segment's name says what it is (else a random uuid).
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buurtAssignments, buurten, invitations, sessions, teamMemberships, eq } from "@wijkwerk/db";
import { hashToken } from "@wijkwerk/core/common";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { createMunicipality, createPartner, createTeam, createUser } from "../packages/core/test/fixtures";
import { createHouseholdWithCase } from "../packages/core/test/casework-fixture";

const BUILD = path.resolve("build/index.js");
type Handler = (request: Request) => Promise<Response>;
type RouteManifest = Record<string, { path?: string; index?: boolean; parentId?: string; module: Record<string, unknown> }>;
interface AppRoute {
  id: string;
  path: string;
  index: boolean;
  hasAction: boolean;
}

let t: TestDatabase;
let handler: Handler;
let routes: AppRoute[];
let teamA: { id: string; slug: string };
let partnerSlug: string;
const cookies: Record<string, string> = {};
/** Ids of real team-A objects, by what a route's dynamic segment may be called. */
const realIds: { pattern: RegExp; value: string }[] = [];

async function signIn(userId: string): Promise<string> {
  const id = randomBytes(20).toString("hex"); // 40 characters, like lucia's ids
  await t.db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
  return `wijkwerk_session=${id}`;
}

/** Full URL paths of all routes, joining each route's path with its parents'. */
function appRoutes(manifest: RouteManifest): AppRoute[] {
  const full = (id: string): string => {
    const r = manifest[id];
    const parent = r.parentId && r.parentId !== "root" ? full(r.parentId) : "";
    return [parent, r.path ?? ""].filter(Boolean).join("/");
  };
  return Object.keys(manifest)
    .filter((id) => id !== "root")
    .map((id) => ({ id, path: "/" + full(id), index: !!manifest[id].index, hasAction: typeof manifest[id].module.action === "function" }));
}

function fill(routePath: string, teamSlug: string): string {
  return routePath
    .replace(":team", teamSlug)
    .replace(":partner", partnerSlug)
    .replace(/:([A-Za-z_]+)\??/g, (_, name: string) => realIds.find((r) => r.pattern.test(name))?.value ?? randomUUID())
    .replace(/\/\*$/, "/x");
}

function request(url: string, cookie: string, method: "GET" | "POST" = "GET", index = false): Promise<Response> {
  // An index route's action is addressed with ?index, as Remix's <Form> does.
  const target = `http://localhost${url}${method === "POST" && index ? "?index" : ""}`;
  return handler(
    new Request(target, {
      method,
      headers: {
        Cookie: cookie,
        ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Host: "localhost" } : {}),
      },
      body: method === "POST" ? "intent=delete&id=x&email=x%40test.demo&role=member" : undefined,
    }),
  );
}

beforeAll(async () => {
  if (!existsSync(BUILD)) throw new Error("build/index.js is missing: run `pnpm build` before this test (scripts/test-all.sh does).");
  t = await createTestDatabase("postgres");
  // The app opens its database from DATABASE_URL when the build is first used.
  process.env.DATABASE_URL = t.url!;
  const m = await createMunicipality(t.db);
  teamA = await createTeam(t.db, m.id, "team-a");
  const teamB = await createTeam(t.db, m.id, "team-b");
  const partner = await createPartner(t.db, m.id, "trajekt");
  partnerSlug = partner.slug;
  const memberA = await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "member" }] });
  const coordinatorA = await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "coordinator" }] });
  const memberB = await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "member" }] });
  const coordinatorB = await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "coordinator" }] });

  // Real objects of team A, so a route that looks them up by id finds them — and must still say 404.
  const [buurt] = await t.db.insert(buurten).values({ municipalityId: m.id, name: "Buurt van A" }).returning();
  const [assignment] = await t.db
    .insert(buurtAssignments)
    .values({ municipalityId: m.id, teamId: teamA.id, buurtId: buurt.id, validFrom: "2017-01-01" })
    .returning();
  const invitationToken = randomBytes(32).toString("base64url");
  const [invitation] = await t.db
    .insert(invitations)
    .values({
      municipalityId: m.id,
      teamId: teamA.id,
      email: "nieuw@test.demo",
      role: "member",
      tokenHash: hashToken(invitationToken),
      invitedBy: coordinatorA.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  const [membership] = await t.db.select().from(teamMemberships).where(eq(teamMemberships.userId, memberA.id));
  // A household of team A with its case (the casework routes look it up by id).
  const { household } = await createHouseholdWithCase(t.db, { municipalityId: m.id, teamId: teamA.id, buurtId: buurt.id, regisseurId: memberA.id });
  realIds.push(
    { pattern: /household|huishouden/i, value: household.id },
    { pattern: /invit|uitnodiging/i, value: invitation.id },
    { pattern: /member|lid|leden/i, value: membership.id },
    { pattern: /assignment|toewijzing/i, value: assignment.id },
    { pattern: /buurt/i, value: buurt.id },
    { pattern: /user|gebruiker/i, value: memberA.id },
    { pattern: /token/i, value: invitationToken },
  );

  cookies.memberA = await signIn(memberA.id);
  cookies.memberB = await signIn(memberB.id);
  cookies.coordinatorB = await signIn(coordinatorB.id);

  const build = await import(pathToFileURL(BUILD).href);
  routes = appRoutes(build.routes);
  const { createRequestHandler } = await import("@remix-run/node");
  handler = createRequestHandler(build, "production") as Handler;
});

afterAll(async () => {
  await t?.drop();
});

describe("two tenants (route manifest of the build)", () => {
  it("team A's own member reaches team A's pages (so the test can fail)", async () => {
    expect((await request(`/t/${teamA.slug}`, cookies.memberA)).status).toBe(200);
    expect((await request(`/t/${teamA.slug}/buurten`, cookies.memberA)).status).toBe(200);
    // …and the same request without a session goes to the login page, not to a 404.
    const anonymous = await request(`/t/${teamA.slug}`, "");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/inloggen/);
  });

  it("every /t/:team route of team A is 404 for a member and for the coordinator of team B (GET, and POST where there is an action)", async () => {
    const teamRoutes = routes.filter((r) => r.path.startsWith("/t/:team"));
    expect(teamRoutes.length).toBeGreaterThan(1);
    const failures: string[] = [];
    for (const who of ["memberB", "coordinatorB"]) {
      for (const r of teamRoutes) {
        const url = fill(r.path, teamA.slug);
        for (const method of r.hasAction ? (["GET", "POST"] as const) : (["GET"] as const)) {
          const res = await request(url, cookies[who], method, r.index);
          if (res.status !== 404) failures.push(`${who} ${method} ${url} (${r.id}) → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    console.info(`two-tenant: ${teamRoutes.length} team routes checked: ${teamRoutes.map((r) => r.id).join(", ")}`);
  });

  it("a team slug that does not exist is 404 on every /t/:team route", async () => {
    const failures: string[] = [];
    for (const r of routes.filter((r) => r.path.startsWith("/t/:team"))) {
      const url = fill(r.path, "bestaat-niet");
      for (const method of r.hasAction ? (["GET", "POST"] as const) : (["GET"] as const)) {
        const res = await request(url, cookies.memberB, method, r.index);
        if (res.status !== 404) failures.push(`${method} ${url} (${r.id}) → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("administration, municipality and partner routes are 404 for team members and coordinators", async () => {
    const scoped = routes.filter((r) => /^\/(beheer|gemeente|partner)(\/|$)/.test(r.path));
    expect(scoped.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const who of ["memberA", "coordinatorB"]) {
      for (const r of scoped) {
        const url = fill(r.path, teamA.slug);
        for (const method of r.hasAction ? (["GET", "POST"] as const) : (["GET"] as const)) {
          const res = await request(url, cookies[who], method, r.index);
          if (res.status !== 404) failures.push(`${who} ${method} ${url} (${r.id}) → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    console.info(`two-tenant: ${scoped.length} scoped routes checked: ${scoped.map((r) => r.id).join(", ")}`);
  });
});
