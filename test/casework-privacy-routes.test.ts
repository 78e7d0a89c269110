// The privacy slice's pages over HTTP, as production runs them (`node
// server.js`, the request gate, PostgreSQL): a member outside the case team
// is sent to noodtoegang, opens the file with a reason and sees until when;
// the coordinator's inzage page, the JSON download (never cached) and the
// printable export; erasure with the retyped reference, ending on the
// destruction log. Negatives: the member may not reach the coordinator's
// pages, another team's coordinator gets 404. Run `pnpm build` first.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sessions, sql, type Database } from "@wijkwerk/db";
import { createBuurtFor, createHouseholdWithCase } from "../packages/core/test/casework-fixture";
import { createMunicipality, createTeam, createUser } from "../packages/core/test/fixtures";
import { startAppServer, type AppServer } from "./support/app-server";

let app: AppServer;
let db: Database;
const cookies: Record<string, string> = {};
let teamSlug: string, household: string, reference: string;

async function seed(d: Database) {
  const m = await createMunicipality(d);
  const team = await createTeam(d, m.id);
  const other = await createTeam(d, m.id);
  teamSlug = team.slug;
  const buurt = await createBuurtFor(d, m.id, team.id);
  const make = async (key: string, role: "coordinator" | "member" | "volunteer", teamId = team.id, name = key) => {
    const u = await createUser(d, m.id, { name, teamRoles: [{ teamId, role }] });
    const id = randomBytes(20).toString("hex");
    await d.insert(sessions).values({ id, userId: u.id, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
    cookies[key] = `wijkwerk_session=${id}`;
    return u;
  };
  const regisseur = await make("regisseur", "member", team.id, "Rita Regisseur");
  await make("member", "member", team.id, "Gijs Glas");
  await make("coordinator", "coordinator", team.id, "Cora Coördinator");
  await make("volunteer", "volunteer");
  await make("otherCoordinator", "coordinator", other.id);
  const made = await createHouseholdWithCase(d, { municipalityId: m.id, teamId: team.id, buurtId: buurt.id, regisseurId: regisseur.id });
  household = made.household.id;
  reference = made.household.reference;
}

const get = (path: string, who: string) => fetch(`${app.url}${path}`, { headers: { Cookie: cookies[who] }, redirect: "manual" });
const post = (path: string, who: string, form: Record<string, string>) =>
  fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { Cookie: cookies[who], Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });

beforeAll(async () => {
  app = await startAppServer({ seed });
  db = app.db.db;
}, 120_000);
afterAll(() => app?.stop());

describe("casework privacy pages", () => {
  const base = () => `/t/${teamSlug}/huishoudens/${household}`;

  it("a member outside the case team is sent to noodtoegang, needs a reason, then reads the file and sees until when", async () => {
    const frame = await get(base(), "member");
    expect(frame.status).toBe(302);
    expect(frame.headers.get("Location")).toBe(`${base()}/noodtoegang`);
    const form = await get(`${base()}/noodtoegang`, "member");
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Let op: open dit dossier alleen als het echt nodig is");

    const tooShort = await post(`${base()}/noodtoegang`, "member", { reason: "spoed" });
    expect(tooShort.status).toBe(400);
    expect(await tooShort.text()).toContain("Geef een reden van minimaal 10 en hoogstens 500 tekens.");

    const opened = await post(`${base()}/noodtoegang`, "member", { reason: "Inwoner belt met een spoedvraag" });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe(base());
    const [grant] = await queryRows<{ until: string }>(
      db,
      sql`select to_char(expires_at at time zone 'Europe/Amsterdam', 'HH24:MI') as until from case_access_grants where household_id = ${household}`,
    );
    const page = await get(base(), "member");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Je noodtoegang loopt tot ${grant.until}.`);
    // Noodtoegang again while it runs: back to the file.
    expect((await get(`${base()}/noodtoegang`, "member")).status).toBe(302);
  });

  it("the member (with or without a grant) reaches none of the coordinator's pages; volunteers and other teams get nothing", async () => {
    expect((await get(`${base()}/inzage`, "member")).status).toBe(403);
    expect((await get(`${base()}/inzage.json`, "member")).status).toBe(403);
    expect((await get(`${base()}/inzage/afdrukken`, "member")).status).toBe(403);
    expect((await get(`${base()}/inzage`, "regisseur")).status).toBe(403);
    expect((await post(`${base()}/inzage`, "member", { reason: "Verzoek van de inwoner", confirmReference: reference })).status).toBe(403);
    expect([403, 404]).toContain((await get(`/t/${teamSlug}/vernietigingslog`, "member")).status);
    for (const who of ["volunteer", "otherCoordinator"]) {
      for (const path of [base(), `${base()}/noodtoegang`, `${base()}/inzage`, `${base()}/inzage.json`, `${base()}/inzage/afdrukken`])
        expect([403, 404], `${who} ${path}`).toContain((await get(path, who)).status);
    }
  });

  it("the coordinator sees the noodtoegang with its reason, downloads the export uncached and prints it", async () => {
    const page = await get(`${base()}/inzage`, "coordinator");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Gijs Glas");
    expect(html).toContain("Noodtoegang");
    expect(html).toContain("Inwoner belt met een spoedvraag");

    const json = await get(`${base()}/inzage.json`, "coordinator");
    expect(json.status).toBe(200);
    expect(json.headers.get("Cache-Control")).toContain("no-store");
    expect(json.headers.get("Content-Disposition")).toContain(`inzage-${reference}.json`);
    const body = (await json.json()) as { household: { reference: string }; readLog: { access: string; userName: string }[] };
    expect(body.household.reference).toBe(reference);
    // The download is itself logged (the reads of the file's parts are the other slices' pages; the core tests check those as 'break_glass').
    expect(body.readLog.some((l) => l.access === "coordinator" && l.userName === "Cora Coördinator")).toBe(true);

    const printable = await get(`${base()}/inzage/afdrukken`, "coordinator");
    expect(printable.status).toBe(200);
    expect(await printable.text()).toContain("Ik kom niet rond en mijn huur is achterstallig.");
  });

  it("erasure asks for the reference, then destroys the file and shows the destruction log", async () => {
    const wrong = await post(`${base()}/inzage`, "coordinator", { reason: "Verzoek van de inwoner tot wissing", confirmReference: "XX-0000" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Dit is niet de referentie van dit huishouden.");
    const erased = await post(`${base()}/inzage`, "coordinator", { reason: "Verzoek van de inwoner tot wissing", confirmReference: reference });
    expect(erased.status).toBe(302);
    expect(erased.headers.get("Location")).toBe(`/t/${teamSlug}/vernietigingslog?gewist=${reference}`);
    const log = await get(`/t/${teamSlug}/vernietigingslog?gewist=${reference}`, "coordinator");
    expect(log.status).toBe(200);
    const html = await log.text();
    expect(html).toContain(`Het dossier van huishouden ${reference} is gewist.`);
    expect(html).toContain("Gewist op verzoek (AVG art. 17)");
    expect((await get(base(), "coordinator")).status).toBe(404);
  });
});
