// A person who is both functional admin and budget controller (issue 14): the
// checkpoint must give the spend approval the municipality scope — the one the
// spend_requests policies are written for — not the admin scope an admin gets
// for administration. Over the built app (`node server.js`) on the demo data,
// with the person added here; web form and JSON API both approve.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@wijkwerk/core/accounts";
import { and, eq, municipalities, scopeRoles, sessions, spendRequests, teams, users, type Database } from "@wijkwerk/db";
import { municipalityContext } from "../packages/core/test/fixtures";
import { seedDemoWithoutMfa, startAppServer, type AppServer } from "./support/app-server";

let app: AppServer;
let personId: string;
let cookie: string;

/** The demo, plus one person holding both the admin and the controller role (with TOTP set up, as both roles normally require). */
async function seedAdminController(db: Database): Promise<void> {
  await seedDemoWithoutMfa(db);
  const [m] = await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.slug, "maastricht"));
  const [u] = await db
    .insert(users)
    .values({ municipalityId: m.id, email: "beheer.en.budget@wijkwerk.demo", name: "Dubbele Rol", passwordHash: "niet-gebruikt", totpEnabledAt: new Date() })
    .returning({ id: users.id });
  await db.insert(scopeRoles).values([
    { municipalityId: m.id, userId: u.id, role: "admin" },
    { municipalityId: m.id, userId: u.id, role: "controller" },
  ]);
  personId = u.id;
}

async function spendIn(teamSlug: string, status: "endorsed" | "awaiting_second_approval"): Promise<string> {
  const [row] = await app.db.db
    .select({ id: spendRequests.id })
    .from(spendRequests)
    .innerJoin(teams, eq(teams.id, spendRequests.teamId))
    .where(and(eq(teams.slug, teamSlug), eq(spendRequests.status, status)));
  expect(row, `a ${status} request of ${teamSlug} in the demo`).toBeDefined();
  return row.id;
}

const statusOf = async (id: string) => (await app.db.db.select({ status: spendRequests.status }).from(spendRequests).where(eq(spendRequests.id, id)))[0].status;

beforeAll(async () => {
  app = await startAppServer({ seed: seedAdminController, port: 3111 });
  const id = randomBytes(20).toString("hex");
  await app.db.db.insert(sessions).values({ id, userId: personId, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
  cookie = `wijkwerk_session=${id}`;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe("admin who is also budget controller", () => {
  it("still reaches the administration (admin scope there)", async () => {
    for (const path of ["/beheer", "/beheer/gebruikers", "/gemeente"]) {
      const res = await fetch(`${app.url}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(res.status, path).toBe(200);
    }
  });

  it("opens the approval queue and a request, and approves it with the web form", async () => {
    const spendId = await spendIn("daalhof", "endorsed");
    const page = await fetch(`${app.url}/gemeente/werkbudget/aanvragen/${spendId}`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(page.status, "the request's page").toBe(200);
    const html = await page.text();
    // The approve form's idempotency key, as the browser would send it.
    const key = html.match(/name="intent" value="approve"\/?>\s*<input type="hidden" name="key" value="([^"]+)"/)?.[1];
    expect(key, "the page offers the approve form").toBeTruthy();

    const res = await fetch(`${app.url}/gemeente/werkbudget/aanvragen/${spendId}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "approve", key: key!, comment: "" }).toString(),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/gemeente/werkbudget/aanvragen/${spendId}?gedaan=goedgekeurd`);
    expect(await statusOf(spendId)).toBe("approved");
    // …and the queue (approved requests included) lists it: the list runs in the same scope.
    const queue = await fetch(`${app.url}/gemeente/werkbudget/aanvragen?status=approved`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(queue.status).toBe(200);
    expect((await queue.text()).includes(spendId), "the queue lists the request").toBe(true);
  });

  it("gives the second approval through the JSON API", async () => {
    const spendId = await spendIn("malberg-malpertuis", "awaiting_second_approval");
    const { token } = await createApiToken(await municipalityContext(app.db.db, personId), { name: "test" });
    const headers = { Authorization: `Bearer ${token}` };
    const read = await fetch(`${app.url}/api/v1/spends/${spendId}`, { headers });
    expect(read.status).toBe(200);
    expect((await read.json()).data.allowedActions).toContain("approve");
    const res = await fetch(`${app.url}/api/v1/spends/${spendId}/transitions`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json", "Idempotency-Key": `admin-controller-${spendId}` },
      body: JSON.stringify({ action: "approve" }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await statusOf(spendId)).toBe("approved");
  });
});
