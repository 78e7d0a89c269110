// The request log, the request id and /metrics over the built app as
// production runs it (node server.js, test/support/app-server.ts) on real
// PostgreSQL: one JSON line per request with ids only (never the e-mail
// address, the name or the body of a login), the request id in the response
// header, in the audit event and on the 500 page, the metrics behind their
// token (docs/operations.md). Run `pnpm build` first.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, desc, eq, sql, type Database } from "@wijkwerk/db";
import { TEST_PASSWORD, createMunicipality, createTeam, createUser } from "../packages/core/test/fixtures";
import { startAppServer, type AppServer } from "./support/app-server";

const METRICS_TOKEN = "test-metrics-token-0123456789";
const EMAIL = "log.proef@test.demo";
const NAME = "Loes Logproef";

let app: AppServer;
let teamSlug = "";
let userId = "";
let teamId = "";
let municipalityId = "";

async function seed(db: Database) {
  const m = await createMunicipality(db);
  const team = await createTeam(db, m.id);
  const user = await createUser(db, m.id, { email: EMAIL, name: NAME, teamRoles: [{ teamId: team.id, role: "member" }] });
  teamSlug = team.slug;
  teamId = team.id;
  userId = user.id;
  municipalityId = m.id;
}

/** The JSON lines of the server's output (other lines, e.g. a stack on stderr, are left out). */
function logLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function waitForLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let i = 0; i < 50; i++) {
    const line = logLines(app.output()).find(match);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no such log line in:\n${app.output()}`);
}

async function login(password: string) {
  return fetch(`${app.url}/inloggen?index`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
    body: new URLSearchParams({ email: EMAIL, password }).toString(),
  });
}

beforeAll(async () => {
  app = await startAppServer({ seed, env: { METRICS_TOKEN, LOG_LEVEL: "info" } });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe("the request log", () => {
  it("writes one JSON line per request with its id, route id, status and duration — never the e-mail address, name, password or body", async () => {
    const failed = await login("Verkeerd-wachtwoord-1");
    const ok = await login(TEST_PASSWORD);
    expect(ok.status).toBe(302);
    const failedId = failed.headers.get("x-request-id");
    const okId = ok.headers.get("x-request-id");
    expect(failedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(okId).toMatch(/^[0-9a-f-]{36}$/);
    expect(okId).not.toBe(failedId);

    const line = await waitForLine((l) => l.requestId === okId && l.msg === "request");
    expect(line).toMatchObject({ method: "POST", route: "routes/inloggen._index", status: 302, level: 30 });
    expect(typeof line.durationMs).toBe("number");
    expect(typeof line.time).toBe("string");
    await waitForLine((l) => l.requestId === failedId && l.msg === "request");

    const output = app.output();
    for (const secret of [EMAIL, encodeURIComponent(EMAIL), NAME, TEST_PASSWORD, "Verkeerd-wachtwoord-1", "password="]) expect(output).not.toContain(secret);
  });

  it("adds the user's and the tenant's ids once the checkpoint knows them, and the route id instead of the URL", async () => {
    const res = await login(TEST_PASSWORD);
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    const page = await fetch(`${app.url}/t/${teamSlug}/werkbudget?zoek=geheim`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const id = page.headers.get("x-request-id");
    const line = await waitForLine((l) => l.requestId === id && l.msg === "request");
    expect(line).toMatchObject({ route: "routes/t.$team.werkbudget._index", status: 200, userId, municipalityId, teamId });
    expect(app.output()).not.toContain("geheim");
    expect(app.output()).not.toContain(teamSlug);
  });

  it("ignores a client's X-Request-Id when no proxy is trusted", async () => {
    const res = await fetch(`${app.url}/inloggen`, { headers: { "X-Request-Id": "client-chosen-id-1234" } });
    expect(res.headers.get("x-request-id")).not.toBe("client-chosen-id-1234");
  });
});

describe("the request id elsewhere", () => {
  it("is recorded in the audit event of the request", async () => {
    const res = await login(TEST_PASSWORD);
    const requestId = res.headers.get("x-request-id");
    const [event] = await app.db.db
      .select({ action: auditEvents.action, data: auditEvents.data })
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, userId))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(event.action).toBe("auth.login");
    expect(event.data).toMatchObject({ requestId });
  });

  it("is the 500 page's reference, and the error's log line carries it", async () => {
    const res = await login(TEST_PASSWORD);
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    // Break what only the page's own loader reads: the root layout still loads, the page fails.
    await app.db.db.execute(sql.raw("revoke select on spend_requests from app_user"));
    try {
      const page = await fetch(`${app.url}/t/${teamSlug}/werkbudget`, { headers: { cookie } });
      expect(page.status).toBe(500);
      const id = page.headers.get("x-request-id")!;
      const html = await page.text();
      expect(html).toContain(`Referentie: ${id}`);
      const logged = await waitForLine((l) => l.requestId === id && l.level === 50 && l.msg !== "request");
      const err = logged.error as { message: string; cause?: { message: string; code: string } };
      expect(err.cause).toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied/) });
      // The query's parameters (the team's id, names, e-mail addresses in other queries) stay out of the log.
      expect(err.message).not.toContain(teamId);
      await waitForLine((l) => l.requestId === id && l.msg === "request" && l.status === 500);
    } finally {
      await app.db.db.execute(sql.raw("grant select on spend_requests to app_user"));
    }
  });
});

describe("/metrics", () => {
  it("answers 404 without the token or with a wrong one", async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${app.url}/metrics`, { headers: { Authorization: "Bearer wrong-token" } })).status).toBe(404);
    expect((await fetch(`${app.url}/metrics`, { headers: { Authorization: METRICS_TOKEN } })).status).toBe(404);
  });

  it("gives Prometheus the request durations per route id, the pool and the process", async () => {
    const res = await fetch(`${app.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/wijkwerk_http_request_duration_seconds_count\{[^}]*route="routes\/inloggen._index"[^}]*status="302"[^}]*\} \d+/);
    expect(text).toMatch(/wijkwerk_http_request_duration_seconds_count\{[^}]*route="routes\/t.\$team.werkbudget._index"/);
    expect(text).not.toContain(teamSlug);
    expect(text).toMatch(/wijkwerk_db_pool_size\{[^}]*\} 10/);
    expect(text).toMatch(/wijkwerk_db_connections\{[^}]*state="(idle|active)"/);
    // The audit sealer is a job every second: a job count.
    expect(text).toMatch(/wijkwerk_jobs_total\{[^}]*job="audit-seal"[^}]*outcome="success"[^}]*\} [1-9]/);
    expect(text).toContain("wijkwerk_process_resident_memory_bytes");
    // The built-in backlogs: mail, Stripe calls, audit events waiting for the sealer.
    for (const queue of ["outbox_emails", "stripe_outbox", "audit_seal"])
      expect(text).toMatch(new RegExp(`wijkwerk_queue_lag_seconds\\{[^}]*queue="${queue}"`));
  });
});

describe("without METRICS_TOKEN, behind a trusted proxy", () => {
  let second: AppServer;
  beforeAll(async () => {
    second = await startAppServer({ db: app.db, env: { TRUST_PROXY: "loopback" } });
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
  });

  it("has no /metrics at all", async () => {
    expect((await fetch(`${second.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${second.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
  });

  it("takes the proxy's X-Request-Id (when it looks like one)", async () => {
    const res = await fetch(`${second.url}/inloggen`, { headers: { "X-Request-Id": "proxy-id-0123456789" } });
    expect(res.headers.get("x-request-id")).toBe("proxy-id-0123456789");
    const bad = await fetch(`${second.url}/inloggen`, { headers: { "X-Request-Id": "has spaces in it" } });
    expect(bad.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("route ids", () => {
  it("name the Remix route, for pages, single-fetch data requests and unknown paths", async () => {
    const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
    const { routeTree, routeIdFor } = build.entry.module as {
      routeTree: (r: unknown) => unknown[];
      routeIdFor: (tree: unknown[], p: string) => string;
    };
    const tree = routeTree(build.routes);
    expect(routeIdFor(tree, "/t/malberg/werkbudget/4f0e5b9e-1c1a-4d55-9a55-8c3c1e0c2f11")).toBe("routes/t.$team.werkbudget.$spendId");
    expect(routeIdFor(tree, "/t/malberg/werkbudget/4f0e5b9e-1c1a-4d55-9a55-8c3c1e0c2f11.data")).toBe("routes/t.$team.werkbudget.$spendId");
    expect(routeIdFor(tree, "/t/malberg/werkbudget")).toBe("routes/t.$team.werkbudget._index");
    expect(routeIdFor(tree, "/_root.data")).toBe("routes/_index");
    expect(routeIdFor(tree, "/bestaat/niet/%ZZ")).toBe("unmatched");
  });
});
