// The casework history import over HTTP, as production runs it (`node
// server.js`, the request gate, PostgreSQL): the coordinator checks a file on
// the page (a plain multipart post) and imports it through the page script's
// endpoint (JSON); the same file again changes nothing. A member gets 404 on
// the page and the endpoint, another team's coordinator 404, no session the
// login page; a body over the route's 20 MB cap is refused by the gate (413)
// before the route runs. Run `pnpm build` first.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buurtAssignments, buurten, eq, queryRows, sessions, sql, teams, type Database } from "@wijkwerk/db";
import { createMunicipality, createTeam, createUser } from "../packages/core/test/fixtures";
import { startAppServer, type AppServer } from "./support/app-server";

let app: AppServer;
let db: Database;
const cookies: Record<string, string> = {};
let teamSlug: string, teamId: string;
const example = readFileSync(new URL("../docs/examples/casework-history.csv", import.meta.url));

async function seed(d: Database) {
  const m = await createMunicipality(d);
  const team = await createTeam(d, m.id);
  const other = await createTeam(d, m.id);
  teamSlug = team.slug;
  teamId = team.id;
  await d.update(teams).set({ residentRefPrefix: "LN" }).where(eq(teams.id, team.id));
  for (const name of ["Limmel", "Nazareth"]) {
    const [b] = await d.insert(buurten).values({ municipalityId: m.id, name }).returning();
    await d.insert(buurtAssignments).values({ municipalityId: m.id, teamId: team.id, buurtId: b.id, validFrom: "2016-01-01" });
  }
  const make = async (key: string, role: "coordinator" | "member", tid = team.id) => {
    const u = await createUser(d, m.id, { teamRoles: [{ teamId: tid, role }] });
    const id = randomBytes(20).toString("hex");
    await d.insert(sessions).values({ id, userId: u.id, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
    cookies[key] = `wijkwerk_session=${id}`;
  };
  await make("coordinator", "coordinator");
  await make("member", "member");
  await make("otherCoordinator", "coordinator", other.id);
}

const upload = (path: string, who: string | null, fields: Record<string, string>, file: Uint8Array = example) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new Blob([file], { type: "text/csv" }), "historie.csv");
  return fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { ...(who ? { Cookie: cookies[who] } : {}), Origin: app.url },
    body: form,
    redirect: "manual",
  });
};
const get = (path: string, who: string) => fetch(`${app.url}${path}`, { headers: { Cookie: cookies[who] }, redirect: "manual" });
const cases = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases where team_id = ${teamId}`))[0].n;

beforeAll(async () => {
  app = await startAppServer({ seed });
  db = app.db.db;
}, 120_000);
afterAll(() => app?.stop());

describe("the history import over HTTP", () => {
  const page = () => `/t/${teamSlug}/huishoudens/importeren`;

  it("the coordinator checks on the page, imports through the endpoint; the same file again changes nothing", async () => {
    const form = await get(page(), "coordinator");
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Historie importeren");

    const checked = await upload(page(), "coordinator", { intent: "check" });
    expect(checked.status).toBe(200);
    const html = await checked.text();
    expect(html).toContain("Het bestand is in orde");
    expect(await cases()).toBe(0);
    const sha256 = /name="sha256" value="([0-9a-f]{64})"/.exec(html)?.[1];
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);

    // Another file than the checked one is refused.
    const other = await upload(`${page()}/bestand`, "coordinator", { intent: "import", sha256: sha256! }, new TextEncoder().encode("record;reference\r\n"));
    expect(other.status).toBe(400);
    expect(((await other.json()) as { report: { errors: { message: string }[] } }).report.errors[0].message).toContain("niet hetzelfde");

    const imported = await upload(`${page()}/bestand`, "coordinator", { intent: "import", sha256: sha256! });
    expect(imported.status).toBe(200);
    expect(imported.headers.get("Content-Type")).toContain("application/json");
    const body = (await imported.json()) as { step: string; report: { imported: boolean; toImport: { cases: number } } };
    expect(body).toMatchObject({ step: "report", report: { imported: true, toImport: { cases: 3 } } });
    expect(await cases()).toBe(3);

    const again = await upload(`${page()}/bestand`, "coordinator", { intent: "import", sha256: sha256! });
    expect(((await again.json()) as { report: { imported: boolean; present: { cases: number } } }).report).toMatchObject({
      imported: false,
      present: { cases: 3 },
    });
    expect(await cases()).toBe(3);

    const list = await get(`/t/${teamSlug}/huishoudens?toon=alle&status=all`, "coordinator");
    const listed = await list.text();
    expect(listed).toContain("LN-1001");
    expect(listed).toContain("LN-1002");
  });

  it("a file with errors: 400, the report with row, column and message, and its CSV", async () => {
    const bad = new TextEncoder().encode("record;reference;intake_date;buurt\r\ncase;LN-2001;01-01-2012;Limmel\r\n");
    const res = await upload(page(), "coordinator", { intent: "check" }, bad);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/fouten in 1 regels: er is niets geïmporteerd/);
    expect(html).toContain("De datum moet tussen 01-01-2013 en");
    expect(html).toContain("Foutenlijst downloaden (CSV)");
  });

  it("a member, another team's coordinator: 404 on the page and the endpoint; without a session: the login page", async () => {
    for (const who of ["member", "otherCoordinator"]) {
      expect((await get(page(), who)).status).toBe(404);
      expect((await upload(page(), who, { intent: "check" })).status).toBe(404);
      expect((await upload(`${page()}/bestand`, who, { intent: "import" })).status).toBe(404);
    }
    const anonymous = await upload(`${page()}/bestand`, null, { intent: "check" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/inloggen/);
    expect((await get(`${page()}/bestand`, "coordinator")).status).toBe(405);
  });

  it("the gate refuses a body over the route's cap before the route runs; the cap is above the 20 MB file limit", async () => {
    const huge = await upload(`${page()}/bestand`, "coordinator", { intent: "check" }, new Uint8Array(22 * 1024 * 1024).fill(0x61));
    expect(huge.status).toBe(413);
    // Just over the file limit but under the gate's cap: the route's own answer.
    const over = await upload(`${page()}/bestand`, "coordinator", { intent: "check" }, new Uint8Array(20 * 1024 * 1024 + 10).fill(0x61));
    expect(over.status).toBe(413);
    expect(((await over.json()) as { message: string }).message).toContain("groter dan 20 MB");
  });
});
