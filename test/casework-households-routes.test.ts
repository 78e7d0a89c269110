// The households slice over HTTP (the built app's request handler, real
// PostgreSQL): a member files an intake through the form and reads the
// overview; within the same team a member without a right to the file is
// sent to break-the-glass and cannot change it (404), a volunteer gets 404
// on every casework page, another team's member gets 404; the list shows
// another member the reference and initials only. Run `pnpm build` first.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buurtAssignments, buurten, eq, households, sessions } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { createMunicipality, createTeam, createUser } from "../packages/core/test/fixtures";

const BUILD = path.resolve("build/index.js");
type Handler = (request: Request) => Promise<Response>;

let t: TestDatabase;
let handler: Handler;
let buurtId: string;
const cookie: Record<string, string> = {};

async function signIn(userId: string): Promise<string> {
  const id = randomBytes(20).toString("hex");
  await t.db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
  return `wijkwerk_session=${id}`;
}

function get(url: string, who: string) {
  return handler(new Request(`http://localhost${url}`, { headers: { Cookie: cookie[who] } }));
}

function post(url: string, who: string, fields: [string, string][]) {
  return handler(
    new Request(`http://localhost${url}`, {
      method: "POST",
      headers: { Cookie: cookie[who], "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Host: "localhost" },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

beforeAll(async () => {
  if (!existsSync(BUILD)) throw new Error("build/index.js is missing: run `pnpm build` first.");
  t = await createTestDatabase("postgres");
  process.env.DATABASE_URL = t.url!;
  process.env.CASEWORK_BSN_KEY ??= randomBytes(32).toString("base64");
  const m = await createMunicipality(t.db);
  const teamA = await createTeam(t.db, m.id, "team-a");
  const teamB = await createTeam(t.db, m.id, "team-b");
  buurtId = (await t.db.insert(buurten).values({ municipalityId: m.id, name: "Wolder" }).returning())[0].id;
  await t.db.insert(buurtAssignments).values({ municipalityId: m.id, teamId: teamA.id, buurtId, validFrom: "2017-01-01" });
  const user = async (teamId: string, role: "coordinator" | "member" | "volunteer", name: string) =>
    (await createUser(t.db, m.id, { name, teamRoles: [{ teamId, role }] })).id;
  cookie.intaker = await signIn(await user(teamA.id, "member", "Ina Intake"));
  cookie.other = await signIn(await user(teamA.id, "member", "Otto Ander"));
  cookie.coordinator = await signIn(await user(teamA.id, "coordinator", "Cor Coördinator"));
  cookie.volunteer = await signIn(await user(teamA.id, "volunteer", "Vera Vrijwilliger"));
  cookie.memberB = await signIn(await user(teamB.id, "member", "Bas Buiten"));
  const build = await import(pathToFileURL(BUILD).href);
  const { createRequestHandler } = await import("@remix-run/node");
  handler = createRequestHandler(build, "production") as Handler;
});
afterAll(async () => {
  await t?.drop();
});

describe("households over HTTP", () => {
  let id: string;

  it("a member files an intake through the form and lands on the overview", async () => {
    const missing = await post("/t/team-a/huishoudens/nieuw", "intaker", [["persons[0].role", "adult"]]);
    expect(missing.status).toBe(400);
    const res = await post("/t/team-a/huishoudens/nieuw", "intaker", [
      ["householdType", "alone"],
      ["buurtId", buurtId],
      ["intakeOn", "2026-11-02"],
      ["entryRoute", "gp"],
      ["questionType", "single"],
      ["question", "Mijn huur is te hoog."],
      ["persons[0].role", "adult"],
      ["persons[0].name", "Hanna Hermans"],
      ["persons[0].bsn", "111222333"],
    ]);
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/^\/t\/team-a\/huishoudens\/[0-9a-f-]{36}\?nieuw=1$/);
    id = location.split("/")[4].split("?")[0];
    const page = await get(`/t/team-a/huishoudens/${id}`, "intaker");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Hanna Hermans");
    expect(html).toContain("******333");
    expect(html).not.toContain("111222333");
    const [h] = await t.db.select().from(households).where(eq(households.id, id));
    expect(h.reference).toMatch(/^TA-\d{4}$/);
  });

  it("another member of the team sees reference and initials only, is sent to break-the-glass, and cannot change the file", async () => {
    const list = await get("/t/team-a/huishoudens?toon=alle&status=all", "other");
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("H.H.");
    expect(html).not.toContain("Hanna");
    expect(html).not.toContain("Ina Intake");
    const overview = await get(`/t/team-a/huishoudens/${id}`, "other");
    expect(overview.status).toBe(302);
    expect(overview.headers.get("Location")).toBe(`/t/team-a/huishoudens/${id}/noodtoegang`);
    const change = await post(`/t/team-a/huishoudens/${id}?index`, "other", [
      ["intent", "profile"],
      ["householdType", "couple"],
    ]);
    expect(change.status).toBe(404);
    // The coordinator reads it by right.
    expect((await get(`/t/team-a/huishoudens/${id}`, "coordinator")).status).toBe(200);
  });

  it("a volunteer and another team's member get 404 on every casework page", async () => {
    for (const url of ["/t/team-a/huishoudens", "/t/team-a/huishoudens/nieuw", "/t/team-a/contacten", `/t/team-a/huishoudens/${id}`])
      expect([url, (await get(url, "volunteer")).status]).toEqual([url, 404]);
    expect(
      (
        await post("/t/team-a/contacten", "volunteer", [
          ["intent", "objection"],
          ["month", "2026-10"],
        ])
      ).status,
    ).toBe(404);
    for (const url of ["/t/team-a/huishoudens", `/t/team-a/huishoudens/${id}`]) expect([url, (await get(url, "memberB")).status]).toEqual([url, 404]);
  });
});
