// The partner's hours export over the built app (issue 20): the API endpoint
// /api/v1/partner/hours.csv|json with a partner export token — status codes,
// content types, the token scoped to its partner (another partner's staff
// never appear; a personal token or none is 401; a revoked or expired one
// 401; the partner token opens no other endpoint) — and no resident or
// request data: the output is scanned for every text value of the demo
// world's resident and request tables. Run `pnpm build` first.
import { partnerExportTokens, partnerOrganisations, queryRows, scopeRoles, sql, eq, users, and, type Database } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@wijkwerk/core/accounts";
import { createPartnerExportToken, revokePartnerExportToken } from "@wijkwerk/core/partners";
import { seedPartnerHoursDemo } from "@wijkwerk/core/demo";
import { defineAbilityFor, type Grants } from "@wijkwerk/authz";
import { seedDemoWithoutMfa, startAppServer, type AppServer } from "./support/app-server";

/** Tables that hold residents, households, cases and requests: none of their text may be in the export. */
const RESIDENT_TABLES = [
  "households",
  "household_profiles",
  "household_persons",
  "cases",
  "case_goals",
  "case_involved",
  "case_arrangements",
  "case_referrals",
  "casework_contacts",
  "zrm_measurements",
  "spend_requests",
  "spend_transitions",
  "buurtservice_entries",
  "buurtservice_matches",
];

describe("partner hours export API", () => {
  let app: AppServer;
  let db: Database;
  let token: string;
  let partnerId: string;
  let managerCtx: Parameters<typeof createPartnerExportToken>[0];

  beforeAll(async () => {
    app = await startAppServer({
      seed: async (d) => {
        await seedDemoWithoutMfa(d);
        await seedPartnerHoursDemo(d);
      },
    });
    db = app.db.db;
    const [manager] = await db.select().from(users).where(eq(users.email, "manager.trajekt@wijkwerk.demo"));
    const [partner] = await db
      .select()
      .from(partnerOrganisations)
      .where(and(eq(partnerOrganisations.slug, "trajekt"), eq(partnerOrganisations.municipalityId, manager.municipalityId)));
    partnerId = partner.id;
    const grants: Grants = { userId: manager.id, municipalityId: manager.municipalityId, teamRoles: [], scopeRoles: [{ role: "partner_manager", partnerId }] };
    managerCtx = {
      db,
      actor: { userId: manager.id, municipalityId: manager.municipalityId, email: manager.email, name: manager.name },
      grants,
      ability: defineAbilityFor(grants),
      scope: { kind: "partner", municipalityId: manager.municipalityId, partnerId, userId: manager.id },
      meta: { ip: null, userAgent: "vitest" },
    };
    token = (await createPartnerExportToken(managerCtx, { name: "HR-systeem" })).token;
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
  });

  const get = (path: string, bearer?: string) => fetch(`${app.url}${path}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });

  it("answers CSV and JSON of the own organisation's staff, with the right types", async () => {
    const csv = await get("/api/v1/partner/hours.csv?from=2026-W01&to=2026-W10", token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("cache-control")).toBe("no-store");
    const text = await csv.text();
    // (fetch's text() drops the byte-order mark.)
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
      "versie;partner;week;week_start;medewerker_id;medewerker_naam;medewerker_email;discipline;team;team_naam;uren_individueel;uren_collectief;uren_teamoverleg;uren_werkgroep;uren_overig;uren_totaal",
    );
    const json = await get("/api/v1/partner/hours.json", token);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const doc = (await json.json()) as { version: number; partner: { slug: string }; rows: { person: { id: string } }[] };
    expect(doc).toMatchObject({ version: 1, partner: { slug: "trajekt" } });
    expect(doc.rows.length).toBeGreaterThan(0);
    // Every person in it is Trajekt's (the registrations carry the employer of that week).
    const ids = [...new Set(doc.rows.map((r) => r.person.id))];
    const employers = await queryRows<{ partner_organisation_id: string | null }>(
      db,
      sql`select distinct partner_organisation_id from time_registrations where user_id = any(${`{${ids.join(",")}}`}::uuid[]) and partner_organisation_id = ${partnerId}`,
    );
    expect(employers.length).toBe(1);
    const others = await queryRows<{ email: string }>(db, sql`select email from users where partner_organisation_id is distinct from ${partnerId}`);
    const all = JSON.stringify(doc);
    for (const o of others) expect(all).not.toContain(o.email);
  });

  it("contains nothing of residents, households, cases or requests", async () => {
    const out = (await (await get("/api/v1/partner/hours.csv?from=2025-W50", token)).text()) + (await (await get("/api/v1/partner/hours.json", token)).text());
    const values = new Set<string>();
    for (const table of RESIDENT_TABLES) {
      const columns = await queryRows<{ column_name: string }>(
        db,
        sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} and data_type in ('text', 'character varying', 'jsonb', 'ARRAY')`,
      );
      for (const { column_name } of columns) {
        const rows = await queryRows<{ v: string | null }>(db, sql`select distinct ${sql.identifier(column_name)}::text as v from ${sql.identifier(table)}`);
        // Code words (status, kind: "individual", "submitted") are vocabulary, not data about anyone; every other value counts.
        for (const { v } of rows) if (v && v.length >= 6 && !/^[a-z_]+$/.test(v)) values.add(v);
      }
    }
    expect(values.size).toBeGreaterThan(50);
    const found = [...values].filter((v) => out.includes(v));
    expect(found).toEqual([]);
  });

  it("refuses missing, personal, revoked and expired tokens, and bad periods", async () => {
    expect((await get("/api/v1/partner/hours.csv")).status).toBe(401);
    expect((await get("/api/v1/partner/hours.csv", "wkp_nonsense")).status).toBe(401);
    const personal = (await createApiToken(managerCtx, { name: "eigen" })).token;
    expect((await get("/api/v1/partner/hours.csv", personal)).status).toBe(401);
    // The partner token opens nothing else.
    expect((await get("/api/v1/budgets", token)).status).toBe(401);
    const bad = await get("/api/v1/partner/hours.json?from=2026-W10&to=2026-W01", token);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("export_range_invalid");
    expect((await get("/api/v1/partner/hours.json?from=2024-W01&to=2026-W01", token)).status).toBe(400);
    expect((await get("/api/v1/partner/hours.json?van=2026-W01", token)).status).toBe(400);
    const post = await fetch(`${app.url}/api/v1/partner/hours.csv`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    expect(post.status).toBe(405);

    const second = await createPartnerExportToken(managerCtx, { name: "Tweede" });
    expect((await get("/api/v1/partner/hours.csv", second.token)).status).toBe(200);
    await revokePartnerExportToken(managerCtx, second.id);
    expect((await get("/api/v1/partner/hours.csv", second.token)).status).toBe(401);
    const third = await createPartnerExportToken(managerCtx, { name: "Derde" });
    await db
      .update(partnerExportTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(partnerExportTokens.id, third.id));
    expect((await get("/api/v1/partner/hours.csv", third.token)).status).toBe(401);
    // A manager who loses the role: the token stops with it.
    await db.delete(scopeRoles).where(eq(scopeRoles.userId, managerCtx.actor.userId));
    expect((await get("/api/v1/partner/hours.csv", token)).status).toBe(401);
  });
});
