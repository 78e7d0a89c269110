// The casework figures pages over HTTP (the built app's request handler, real
// PostgreSQL, the summaries kept by the triggers): who sees which figures —
// the team's own (nothing suppressed), the city's for the controller and the
// research office (small counts "< 5"), nothing for a volunteer, another
// team's member, a partner manager or the functional admin — the period
// chooser's Dutch field errors, the printable page and the CSV download.
// Run `pnpm build` first.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminMunicipalities, municipalitySettings, sessions } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { createMunicipality, createPartner, createTeam, createUser } from "../packages/core/test/fixtures";
import { createBuurtFor, createHouseholdWithCase } from "../packages/core/test/casework-fixture";

const BUILD = path.resolve("build/index.js");
type Handler = (request: Request) => Promise<Response>;

let t: TestDatabase;
let handler: Handler;
let householdA: string;
let slugs: { m1: string; m2: string; names: string[] };
const cookie: Record<string, string> = {};
const PERIOD = "?van=2026-01&tot=2026-12";

async function signIn(userId: string): Promise<string> {
  const id = randomBytes(20).toString("hex");
  await t.db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
  return `wijkwerk_session=${id}`;
}

function get(url: string, who: string) {
  return handler(new Request(`http://localhost${url}`, { headers: { Cookie: cookie[who] } }));
}

/** The cells of one table row (by its label) of the table with the given title, as shown. */
function rowCells(html: string, tableTitle: string, rowLabel: string): string[] {
  const section = html.split(`<h2 id="fig-`).find((s) => s.includes(`>${tableTitle}</h2>`));
  if (!section) throw new Error(`no table ${tableTitle}`);
  const row = section.split("<tr").find((r) => r.includes(`>${rowLabel}</th>`));
  if (!row) throw new Error(`no row ${rowLabel} in ${tableTitle}`);
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1].replace(/&lt;/g, "<"));
}

beforeAll(async () => {
  if (!existsSync(BUILD)) throw new Error("build/index.js is missing: run `pnpm build` first.");
  t = await createTestDatabase("postgres");
  process.env.DATABASE_URL = t.url!;
  process.env.CASEWORK_BSN_KEY ??= randomBytes(32).toString("base64");
  const m = await createMunicipality(t.db);
  await t.db.update(municipalitySettings).set({ mfaRequiredRoles: [] });
  const teamA = await createTeam(t.db, m.id, "team-a");
  const teamB = await createTeam(t.db, m.id, "team-b");
  const partner = await createPartner(t.db, m.id, "partner-p");
  const user = async (teamId: string, role: "coordinator" | "member" | "volunteer") => (await createUser(t.db, m.id, { teamRoles: [{ teamId, role }] })).id;
  const regisseurA = await user(teamA.id, "member");
  const regisseurB = await user(teamB.id, "member");
  cookie.memberA = await signIn(regisseurA);
  cookie.coordinatorA = await signIn(await user(teamA.id, "coordinator"));
  cookie.volunteerA = await signIn(await user(teamA.id, "volunteer"));
  cookie.memberB = await signIn(regisseurB);
  cookie.controller = await signIn((await createUser(t.db, m.id, { scopeRoles: [{ role: "controller" }] })).id);
  cookie.researcher = await signIn((await createUser(t.db, m.id, { email: "onderzoek@test.demo", scopeRoles: [{ role: "researcher" }] })).id);
  cookie.admin = await signIn((await createUser(t.db, m.id, { scopeRoles: [{ role: "admin" }] })).id);
  cookie.partnerManager = await signIn(
    (await createUser(t.db, m.id, { partnerId: partner.id, scopeRoles: [{ role: "partner_manager", partnerId: partner.id }] })).id,
  );
  // Six cases in team A (two with a child: single parents), two in team B: the city's cells are mostly under 5.
  const buurtA = await createBuurtFor(t.db, m.id, teamA.id);
  const buurtB = await createBuurtFor(t.db, m.id, teamB.id);
  for (const [i, month] of ["03", "03", "05", "06", "06", "09"].entries()) {
    const { household } = await createHouseholdWithCase(t.db, {
      municipalityId: m.id,
      teamId: teamA.id,
      buurtId: buurtA.id,
      regisseurId: regisseurA,
      withChild: i < 2,
      intakeOn: `2026-${month}-10`,
    });
    householdA ??= household.id;
  }
  for (const month of ["04", "10"])
    await createHouseholdWithCase(t.db, { municipalityId: m.id, teamId: teamB.id, buurtId: buurtB.id, regisseurId: regisseurB, intakeOn: `2026-${month}-02` });
  // The functional admin of this municipality and of a second one (admin_municipalities): 7 cases there.
  const m2 = await createMunicipality(t.db, `tweede-${randomBytes(3).toString("hex")}`);
  const teamC = await createTeam(t.db, m2.id, "team-c");
  const regisseurC = (await createUser(t.db, m2.id, { teamRoles: [{ teamId: teamC.id, role: "member" }] })).id;
  const buurtC = await createBuurtFor(t.db, m2.id, teamC.id);
  for (let i = 0; i < 7; i++)
    await createHouseholdWithCase(t.db, { municipalityId: m2.id, teamId: teamC.id, buurtId: buurtC.id, regisseurId: regisseurC, intakeOn: "2026-02-02" });
  const adminOfTwo = (await createUser(t.db, m.id, { scopeRoles: [{ role: "admin" }] })).id;
  await t.db.insert(adminMunicipalities).values({ municipalityId: m2.id, userId: adminOfTwo });
  cookie.adminOfTwo = await signIn(adminOfTwo);
  slugs = { m1: m.slug, m2: m2.slug, names: [m.name, m2.name] };
  const build = await import(pathToFileURL(BUILD).href);
  const { createRequestHandler } = await import("@remix-run/node");
  handler = createRequestHandler(build, "production") as Handler;
});
afterAll(async () => {
  await t?.drop();
});

describe("the team's figures", () => {
  it("the coordinator and a member read every number of their team, nothing suppressed, each table with its chart", async () => {
    for (const who of ["coordinatorA", "memberA"]) {
      const res = await get(`/t/team-a/cijfers${PERIOD}`, who);
      expect(res.status, who).toBe(200);
      const html = await res.text();
      expect(html).not.toContain("&lt; 5");
      expect(rowCells(html, "Geopende casussen per maand", "maart 2026")).toEqual(["2"]);
      expect(rowCells(html, "Geopende casussen per maand", "Totaal over de periode")).toEqual(["6"]);
      expect(rowCells(html, "Geopende casussen per maand", "Gemiddeld per maand")).toEqual(["0,5"]);
      expect(rowCells(html, "Samenstelling van het huishouden", "Eenoudergezin")).toEqual(["2", "33,3%"]);
      // A chart (an image with a text alternative) beside every table that has data; the empty ones say so.
      const sections = html.split('<section id="fig-').slice(1);
      expect(sections.length).toBeGreaterThanOrEqual(17);
      for (const s of sections) {
        if (s.includes("Geen gegevens in deze periode")) expect(s).not.toContain("<table");
        else expect(s).toMatch(/<table[\s\S]*<\/table>/);
      }
      expect(html.match(/<svg viewBox="0 0 640 \d+" role="img" aria-labelledby="chart-/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
      expect(html).toContain("Geen gegevens in deze periode");
      // The tab in the team's navigation, the links to print and CSV with the period.
      expect(html).toContain('href="/t/team-a/cijfers"');
      expect(html).toContain('href="/t/team-a/cijfers/afdrukken?van=2026-01&amp;tot=2026-12"');
      expect(html).toContain('href="/t/team-a/cijfers.csv?van=2026-01&amp;tot=2026-12"');
    }
  });

  it("without a period: this calendar year so far", async () => {
    const html = await (await get("/t/team-a/cijfers", "memberA")).text();
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit" }).format(new Date());
    const [year, month] = today.split("-");
    expect(html).toContain(`value="${year}-01"`);
    expect(html).toContain(`value="${year}-${month}"`);
  });

  it("a wrong period: 400, the Dutch message at its field, what was typed kept, no figures", async () => {
    const bad = await get("/t/team-a/cijfers?van=2026-13&tot=2026-02", "memberA");
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="periode-van-error"');
    expect(html).toContain("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01.");
    expect(html).toContain('value="2026-13"');
    expect(html).not.toContain("Geopende casussen per maand");
    const reversed = await (await get("/t/team-a/cijfers?van=2026-06&tot=2026-02", "memberA")).text();
    expect(reversed).toContain('id="periode-tot-error"');
    expect(reversed).toContain("De laatste maand ligt vóór de eerste maand.");
    const tooLong = await (await get("/t/team-a/cijfers?van=2000-01&tot=2026-12", "memberA")).text();
    expect(tooLong).toContain("Kies een periode van hoogstens 20 jaar.");
    expect((await get("/t/team-a/cijfers.csv?van=x&tot=2026-01", "memberA")).status).toBe(400);
  });

  it("a volunteer, another team's member, the controller and the research office get none of a team's figures", async () => {
    // The team's own volunteer: 403 (a page of their own team their role may not use; docs/architecture.md, "403 or 404").
    for (const url of ["/t/team-a/cijfers", "/t/team-a/cijfers/afdrukken", "/t/team-a/cijfers.csv"]) {
      expect((await get(`${url}${PERIOD}`, "volunteerA")).status, `volunteerA ${url}`).toBe(403);
    }
    for (const [who, url] of [
      ["memberB", "/t/team-a/cijfers"],
      ["memberB", "/t/team-a/cijfers/afdrukken"],
      ["memberB", "/t/team-a/cijfers.csv"],
      ["controller", "/t/team-a/cijfers"],
      ["researcher", "/t/team-a/cijfers"],
      ["researcher", "/t/team-a/cijfers.csv"],
    ] as const) {
      const res = await get(`${url}${PERIOD}`, who);
      expect(res.status, `${who} ${url}`).toBe(404);
    }
    // The volunteer's team navigation has no figures tab.
    expect(await (await get("/t/team-a", "volunteerA")).text()).not.toContain('href="/t/team-a/cijfers"');
    // Team B's own figures show only team B's two cases.
    const b = await (await get(`/t/team-b/cijfers${PERIOD}`, "memberB")).text();
    expect(rowCells(b, "Geopende casussen per maand", "Totaal over de periode")).toEqual(["2"]);
  });

  it("the printable page: period, scope and date printed, no navigation of the team", async () => {
    const res = await get(`/t/team-a/cijfers/afdrukken${PERIOD}`, "coordinatorA");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Cijfers sociaal team Team team-a");
    expect(html).toContain("januari 2026 tot en met december 2026");
    expect(html).toMatch(/Afgedrukt op \d{2}-\d{2}-\d{4}/);
    expect(html).toContain("@page { size: A4");
    expect(html).not.toContain('href="/t/team-a/huishoudens"');
    expect(rowCells(html, "Geopende casussen per maand", "Totaal over de periode")).toEqual(["6"]);
  });
});

describe("the city's figures", () => {
  it("the controller and the research office read every team and the city, small counts as < 5", async () => {
    for (const who of ["controller", "researcher"]) {
      const res = await get(`/gemeente/cijfers${PERIOD}`, who);
      expect(res.status, who).toBe(200);
      const html = await res.text();
      expect(html).toContain("<h1>Cijfers sociale teams</h1>");
      // Columns: team A, team B, the city. Team B's two cases are under 5, and so is a total that would reveal them.
      expect(rowCells(html, "Geopende casussen per maand", "maart 2026")).toEqual(["< 5", "< 5", "< 5"]);
      const total = rowCells(html, "Geopende casussen per maand", "Totaal over de periode");
      expect(total[0]).toBe("6");
      expect(total[1]).toBe("< 5");
      expect(total[2]).toBe("< 5");
      expect(html).toContain("Aantallen onder de 5 worden getoond als");
      // No household and no person on the page.
      expect(html).not.toContain("Anna Bakker");
      expect(html).not.toContain(householdA);
    }
  });

  it("the controller finds the figures on /gemeente; the research office has no /gemeente", async () => {
    expect(await (await get("/gemeente", "controller")).text()).toContain('href="/gemeente/cijfers"');
    expect((await get("/gemeente", "researcher")).status).toBe(404);
  });

  it("the research office lands on the city's figures and never reaches a household or a team", async () => {
    const home = await get("/", "researcher");
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toBe("/gemeente/cijfers");
    // A household, its file's parts and the team's list: 404, as if they did not exist (issue 16).
    for (const url of [
      `/t/team-a/huishoudens/${householdA}`,
      `/t/team-a/huishoudens/${householdA}/plan`,
      `/t/team-a/huishoudens/${householdA}/zrm`,
      `/t/team-a/huishoudens/${householdA}/inzage.json`,
      `/t/team-a/huishoudens/${householdA}/verwijzingen`,
      "/t/team-a/huishoudens",
      "/t/team-a",
    ])
      expect((await get(url, "researcher")).status, url).toBe(404);
    for (const url of ["/gemeente/werkbudget", "/beheer"]) expect([403, 404], url).toContain((await get(url, "researcher")).status);
  });

  it("team members, the partner manager and the functional admin get none of the city's figures", async () => {
    for (const who of ["memberA", "coordinatorA", "volunteerA", "partnerManager", "admin"])
      for (const url of ["/gemeente/cijfers", "/gemeente/cijfers/afdrukken", "/gemeente/cijfers.csv"])
        expect((await get(`${url}${PERIOD}`, who)).status, `${who} ${url}`).toBe(404);
  });

  it("the printable city page", async () => {
    const html = await (await get(`/gemeente/cijfers/afdrukken${PERIOD}`, "researcher")).text();
    expect(html).toContain("Cijfers alle sociale teams en de gemeente");
    expect(html).toMatch(/Afgedrukt op \d{2}-\d{2}-\d{4}/);
    expect(rowCells(html, "Geopende casussen per maand", "maart 2026")).toEqual(["< 5", "< 5", "< 5"]);
  });

  it("the CSV: a safe file name, Dutch headers, one line per cell, suppressed cells as < 5", async () => {
    const res = await get(`/gemeente/cijfers.csv${PERIOD}`, "researcher");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="cijfers-gemeente-2026-01-tot-2026-12.csv"');
    const csv = await res.text();
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("tabel;rij;kolom;waarde");
    expect(lines).toContain("Geopende casussen per maand;maart 2026;Team team-a;< 5");
    expect(lines).toContain("Geopende casussen per maand;Totaal over de periode;Team team-a;6");
    expect(lines).toContain("Geopende casussen per maand;Totaal over de periode;Team team-b;< 5");
    expect(lines).toContain("Geopende casussen per maand;Totaal over de periode;Gemeente;< 5");
    const team = await (await get(`/t/team-a/cijfers.csv${PERIOD}`, "memberA")).text();
    expect(team.split("\r\n")).toContain("Geopende casussen per maand;maart 2026;Aantal;2");
  });
});

describe("the figures of several municipalities (their functional admin)", () => {
  it("side by side: a column per municipality and their total; one chosen: its teams", async () => {
    const res = await get(`/gemeenten/cijfers${PERIOD}`, "adminOfTwo");
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const name of slugs.names) expect(html).toContain(name);
    expect(html).toContain("Alle gemeenten");
    // 8 cases in the first municipality, 7 in the second: 15 in all.
    const section = html.split(`<h2 id="fig-`).find((x) => x.includes(">Geopende casussen per maand</h2>"))!;
    expect(section).toContain(">15<");
    const one = await get(`/gemeenten/cijfers/${slugs.m2}${PERIOD}`, "adminOfTwo");
    expect(one.status).toBe(200);
    expect(await one.text()).toContain("Team team-c");
    expect((await get(`/gemeenten/cijfers/onbekend${PERIOD}`, "adminOfTwo")).status).toBe(404);
    expect((await get(`/gemeenten/cijfers?van=2026-13&tot=2026-12`, "adminOfTwo")).status).toBe(400);
  });

  it("print and CSV of the same report: side by side and one municipality", async () => {
    const csv = await get(`/gemeenten/cijfers.csv${PERIOD}`, "adminOfTwo");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain("cijfers-gemeenten-");
    const lines = (await csv.text()).split("\r\n");
    expect(lines).toContain("Geopende casussen per maand;Totaal over de periode;Alle gemeenten;15");
    const one = await get(`/gemeenten/cijfers.csv${PERIOD}&gemeente=${slugs.m2}`, "adminOfTwo");
    expect(one.headers.get("content-disposition")).toContain(`cijfers-${slugs.m2}-`);
    expect((await one.text()).split("\r\n").some((l) => l.includes(";Team team-c;"))).toBe(true);
    const print = await get(`/gemeenten/afdrukken${PERIOD}&gemeente=${slugs.m2}`, "adminOfTwo");
    expect(print.status).toBe(200);
    const html = await print.text();
    expect(html).toContain("Team team-c");
    expect(html).toContain("Afgedrukt op");
    expect((await get(`/gemeenten/cijfers.csv${PERIOD}&gemeente=onbekend`, "adminOfTwo")).status).toBe(404);
    expect((await get(`/gemeenten/cijfers.csv?van=2026-13&tot=2026-12`, "adminOfTwo")).status).toBe(400);
  });

  it("nobody else: an admin of one municipality, the controller, the research office, a member (404)", async () => {
    for (const who of ["admin", "controller", "researcher", "memberA"]) {
      expect((await get(`/gemeenten/cijfers${PERIOD}`, who)).status, who).toBe(404);
      expect((await get(`/gemeenten/cijfers/${slugs.m1}${PERIOD}`, who)).status, who).toBe(404);
      expect((await get(`/gemeenten/cijfers.csv${PERIOD}`, who)).status, who).toBe(404);
      expect((await get(`/gemeenten/afdrukken${PERIOD}&gemeente=${slugs.m1}`, who)).status, who).toBe(404);
    }
  });
});
