// The JSON API over the built app (build/index.js), on real PostgreSQL:
// personal tokens act with exactly their user's permissions, other teams are
// 404, money-moving steps are idempotent, and the OpenAPI document lists
// every route. Run `pnpm build` first.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, budgetBalances, eq, ledgerPostings, spendRequests, users } from "@wijkwerk/db";
import { createApiToken, revokeApiToken } from "@wijkwerk/core/accounts";
import { financeCsv } from "@wijkwerk/core/workbudget";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { municipalityContext } from "../packages/core/test/fixtures";
import { COMPLETE_DRAFT, ledgerWorld } from "../packages/core/test/ledger-fixture";

const BUILD = path.resolve("build/index.js");
type Handler = (request: Request) => Promise<Response>;

let t: TestDatabase;
let handler: Handler;
let world: Awaited<ReturnType<typeof ledgerWorld>>;
const tokens: Record<"author" | "coordinator" | "memberB" | "controller" | "controllerWithoutMfa" | "revoked", string> = {} as never;

async function call(url: string, opts: { token?: string | null; method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { Host: "localhost", ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await handler(new Request(`http://localhost${url}`, { method: opts.method ?? (body === undefined ? "GET" : "POST"), headers, body }));
  const text = await res.text();
  let json: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON: the assertion on json will say so */
  }
  return { status: res.status, headers: res.headers, json, text };
}

const tokenFor = async (userId: string, name = "test") => (await createApiToken(await municipalityContext(t.db, userId), { name })).token;

beforeAll(async () => {
  if (!existsSync(BUILD)) throw new Error("build/index.js is missing: run `pnpm build` before this test (scripts/test-all.sh does).");
  t = await createTestDatabase("postgres");
  // The app opens its database from DATABASE_URL when the build is first used.
  process.env.DATABASE_URL = t.url!;
  world = await ledgerWorld(t, { year: 2017, budgetCents: 1_000_000, thresholdCents: 100_000 });
  const u = world.users;
  // The controller role requires two-factor authentication (default setting); controller1 has it, controller2 not.
  await t.db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, u.controller1.id));
  tokens.author = await tokenFor(u.authorA.id);
  tokens.coordinator = await tokenFor(u.coordinatorA.id);
  tokens.memberB = await tokenFor(u.memberB.id);
  tokens.controller = await tokenFor(u.controller1.id);
  tokens.controllerWithoutMfa = await tokenFor(u.controller2.id);
  const ctx = await municipalityContext(t.db, u.authorA.id);
  const revoked = await createApiToken(ctx, { name: "ingetrokken" });
  await revokeApiToken(ctx, revoked.id);
  tokens.revoked = revoked.token;

  const build = await import(pathToFileURL(BUILD).href);
  const { createRequestHandler } = await import("@remix-run/node");
  handler = createRequestHandler(build, "production") as Handler;
});

afterAll(async () => {
  await t?.drop();
});

const draft = (amountCents: number) => ({ ...COMPLETE_DRAFT, amountCents, neededOn: "2017-06-01" });

describe("JSON API with personal tokens", () => {
  it("refuses requests without a working token (401, JSON, WWW-Authenticate)", async () => {
    const teamUrl = `/api/v1/teams/${world.teamA.slug}/spends`;
    for (const token of [null, "wk_onzin", `wk_${"A".repeat(43)}`, tokens.revoked]) {
      const res = await call(teamUrl, { token });
      expect(res.status, String(token)).toBe(401);
      expect(res.json.error.code).toBe("unauthorized");
      expect(res.json.error.message).toMatch(/API-token/);
      expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
      expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
    }
    const basic = await call(teamUrl, { headers: { Authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
    // A POST without a token is refused before its body is looked at.
    expect((await call(teamUrl, { body: draft(1000) })).status).toBe(401);
    expect((await call(`/api/v1/spends/${randomUUID()}/transitions`, { body: { action: "approve" } })).status).toBe(401);
  });

  it("a team member's token creates a draft in their own team (201) and reads it, but gets 404 for another team", async () => {
    const created = await call(`/api/v1/teams/${world.teamA.slug}/spends`, { token: tokens.author, body: draft(12_345) });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({
      status: "draft",
      amountCents: 12_345,
      team: { slug: world.teamA.slug },
      author: { id: world.users.authorA.id },
      reference: expect.stringMatching(/^WB-2017-\d{4}$/),
    });
    expect(created.json.data.allowedActions).toContain("submit");
    const id = created.json.data.id as string;
    expect(created.headers.get("Location")).toBe(`/api/v1/teams/${world.teamA.slug}/spends/${id}`);

    const one = await call(`/api/v1/teams/${world.teamA.slug}/spends/${id}`, { token: tokens.author });
    expect(one.status).toBe(200);
    expect(one.json.data.timeline.map((e: { toStatus: string }) => e.toStatus)).toEqual(["draft"]);
    const list = await call(`/api/v1/teams/${world.teamA.slug}/spends?status=draft&year=2017`, { token: tokens.author });
    expect(list.status).toBe(200);
    expect(list.json.data.map((r: { id: string }) => r.id)).toContain(id);
    expect(list.json).toMatchObject({ page: 1, pages: 1 });

    // Team B: 404 for the list, the create and the request itself — whether or not the team exists.
    expect((await call(`/api/v1/teams/${world.teamB.slug}/spends`, { token: tokens.author })).status).toBe(404);
    const intoB = await call(`/api/v1/teams/${world.teamB.slug}/spends`, { token: tokens.author, body: draft(100) });
    expect(intoB.status).toBe(404);
    expect(intoB.json.error).toEqual({ code: "not_found", message: "Niet gevonden." });
    expect((await call(`/api/v1/teams/bestaat-niet/spends`, { token: tokens.author })).status).toBe(404);
    expect((await call(`/api/v1/teams/${world.teamB.slug}/spends/${id}`, { token: tokens.memberB })).status).toBe(404);
    expect((await call(`/api/v1/teams/${world.teamA.slug}/spends/${id}`, { token: tokens.memberB })).status).toBe(404);
    expect((await call(`/api/v1/spends/${id}/transitions`, { token: tokens.memberB, body: { action: "cancel" } })).status).toBe(404);
    // …and the municipality-wide list is the controller's only.
    expect((await call(`/api/v1/spends`, { token: tokens.author })).status).toBe(404);
    // Nothing was written into team B.
    expect(await t.db.select().from(spendRequests).where(eq(spendRequests.teamId, world.teamB.id))).toHaveLength(0);
    // Budgets are readable for team members.
    const budgetList = await call(`/api/v1/budgets`, { token: tokens.author });
    expect(budgetList.status).toBe(200);
    expect(budgetList.json.data).toEqual([expect.objectContaining({ year: 2017, fundedCents: 1_000_000, availableCents: 1_000_000 })]);
  });

  it("validates JSON bodies: content type, size, syntax, integer cents, unknown fields", async () => {
    const url = `/api/v1/teams/${world.teamA.slug}/spends`;
    const form = await call(url, { token: tokens.author, rawBody: "amountCents=100", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    expect(form.json.error.code).toBe("unsupported_media_type");
    const big = await call(url, {
      token: tokens.author,
      rawBody: JSON.stringify({ ...draft(100), rationale: "x".repeat(70_000) }),
      headers: { "Content-Type": "application/json" },
    });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe("body_too_large");
    const broken = await call(url, { token: tokens.author, rawBody: "{ kapot", headers: { "Content-Type": "application/json" } });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe("invalid_json");
    const euros = await call(url, { token: tokens.author, body: draft(12.5) });
    expect(euros.status).toBe(400);
    expect(euros.json.error.code).toBe("invalid_input");
    expect(Object.keys(euros.json.error.fields)).toEqual(["amountCents"]);
    const typo = await call(url, { token: tokens.author, body: { ...draft(100), amount_cents: 100 } });
    expect(typo.status).toBe(400);
    expect((await call(`${url}?status=onbekend`, { token: tokens.author })).status).toBe(400);
    expect((await call(`${url}?teamId=${world.teamB.id}`, { token: tokens.author })).status).toBe(400);
    expect((await call(url, { token: tokens.author, method: "DELETE" })).status).toBe(405);
  });

  it("the controller's token approves with an Idempotency-Key twice: same result, one reservation", async () => {
    const created = await call(`/api/v1/teams/${world.teamA.slug}/spends`, { token: tokens.author, body: draft(25_000) });
    const id = created.json.data.id as string;
    const submitted = await call(`/api/v1/spends/${id}/transitions`, { token: tokens.author, body: { action: "submit" } });
    expect(submitted.status).toBe(200);
    expect(submitted.json.data).toEqual({ spendId: id, status: "submitted", action: "submit" });

    // The author may not approve (team scope, own request); a controller without MFA is stopped at the checkpoint.
    const own = await call(`/api/v1/spends/${id}/transitions`, { token: tokens.author, body: { action: "approve" } });
    expect(own.status).toBe(403);
    expect(own.json.error.code).toBe("own_request");
    const noMfa = await call(`/api/v1/spends/${id}/transitions`, { token: tokens.controllerWithoutMfa, body: { action: "approve" } });
    expect(noMfa.status).toBe(403);
    expect(noMfa.json.error.code).toBe("mfa_required");

    const key = randomUUID();
    const approve = () =>
      call(`/api/v1/spends/${id}/transitions`, {
        token: tokens.controller,
        body: { action: "approve", comment: "Akkoord" },
        headers: { "Idempotency-Key": key },
      });
    const first = await approve();
    const second = await approve();
    expect(first.status).toBe(200);
    expect(first.json.data).toEqual({ spendId: id, status: "approved", action: "approve" });
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
    const reservations = await t.db
      .select()
      .from(ledgerPostings)
      .where(and(eq(ledgerPostings.spendId, id), eq(ledgerPostings.kind, "reserve"), eq(ledgerPostings.account, "reserved")));
    expect(reservations).toHaveLength(1);
    expect(reservations[0].amountCents).toBe(25_000);
    const [budget] = await t.db.select().from(budgetBalances).where(eq(budgetBalances.id, world.budget.id));
    expect(budget).toMatchObject({ reservedCents: 25_000, availableCents: 1_000_000 - 25_000 });

    // The same key with another body is a conflict; without a key a second approval is an invalid transition.
    const conflict = await call(`/api/v1/spends/${id}/transitions`, {
      token: tokens.controller,
      body: { action: "approve", comment: "Anders" },
      headers: { "Idempotency-Key": key },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe("idempotency_conflict");
    const again = await call(`/api/v1/spends/${id}/transitions`, { token: tokens.controller, body: { action: "approve" } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("spend_invalid_transition");
    expect(again.json.error.message).toBeTruthy();
    expect(
      (await call(`/api/v1/spends/${id}/transitions`, { token: tokens.controller, body: { action: "approve" }, headers: { "Idempotency-Key": "kort" } }))
        .status,
    ).toBe(400);

    // Payment and settlement through the API, in cents.
    const pay = await call(`/api/v1/spends/${id}/transitions`, {
      token: tokens.controller,
      body: { action: "pay", payment: { amountCents: 25_000, paymentDate: "2017-06-02", method: "bank_transfer", reference: "BT-1" } },
      headers: { "Idempotency-Key": randomUUID() },
    });
    expect(pay.status).toBe(200);
    expect(pay.json.data.status).toBe("paid");
    const missingAmount = await call(`/api/v1/spends/${id}/transitions`, { token: tokens.controller, body: { action: "settle" } });
    expect(missingAmount.status).toBe(400);
    const settle = await call(`/api/v1/spends/${id}/transitions`, {
      token: tokens.controller,
      body: { action: "settle", actualCents: 20_000 },
      headers: { "Idempotency-Key": randomUUID() },
    });
    expect(settle.json.data.status).toBe("settled");

    // The controller's municipality-wide list sees team A's requests; team members' tokens do not reach it.
    const all = await call(`/api/v1/spends?status=settled`, { token: tokens.controller });
    expect(all.status).toBe(200);
    expect(all.json.data.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await call(`/api/v1/spends?onbekend=1`, { token: tokens.controller })).status).toBe(400);
    // The controller is in no team: team routes are 404 for them.
    expect((await call(`/api/v1/teams/${world.teamA.slug}/spends/${id}`, { token: tokens.controller })).status).toBe(404);
    // The coordinator reads the whole team's requests, including the timeline of this one.
    const seen = await call(`/api/v1/teams/${world.teamA.slug}/spends/${id}`, { token: tokens.coordinator });
    expect(seen.json.data.timeline.map((e: { action: string }) => e.action)).toEqual(["create", "submit", "approve", "pay", "settle"]);
    // Its money as the dashboard and the finance CSV count it: € 250 paid, € 50 came back at settlement.
    expect(seen.json.data).toMatchObject({ paidCents: 25_000, settledCents: 20_000, ledger: { reservedCents: 0, paidCents: 20_000, committedCents: 20_000 } });
  });

  it("serves the OpenAPI document listing every path", async () => {
    const res = await call("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
    const doc = JSON.parse(res.text);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/v1/budgets",
        "/api/v1/openapi.json",
        "/api/v1/spends",
        "/api/v1/spends/{spendId}",
        "/api/v1/spends/{spendId}/transitions",
        "/api/v1/teams/{team}/spends",
        "/api/v1/teams/{team}/spends/{spendId}",
        "/api/v1/export/postings.csv",
        "/api/v1/export/spends.csv",
        "/api/v1/partner/hours.csv",
        "/api/v1/partner/hours.json",
      ].sort(),
    );
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.partnerExportToken).toMatchObject({ type: "http", scheme: "bearer" });
    // Every $ref points at a defined schema.
    const refs = [...res.text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    for (const name of new Set(refs)) expect(doc.components.schemas, name).toHaveProperty(name);
  });

  it("GET /api/v1/spends/{id}: the author, the coordinator and the controller read it; a colleague, another team and unknown ids get 404", async () => {
    const created = await call(`/api/v1/teams/${world.teamA.slug}/spends`, { token: tokens.author, body: draft(7_700) });
    const id = created.json.data.id as string;
    expect((await call(`/api/v1/spends/${id}/transitions`, { token: tokens.author, body: { action: "submit" } })).status).toBe(200);

    const byAuthor = await call(`/api/v1/spends/${id}`, { token: tokens.author });
    expect(byAuthor.status).toBe(200);
    expect(byAuthor.headers.get("Cache-Control")).toBe("no-store");
    // The same shape (and, for the same user, the same content) as the team endpoint.
    expect(byAuthor.json).toEqual((await call(`/api/v1/teams/${world.teamA.slug}/spends/${id}`, { token: tokens.author })).json);
    expect(byAuthor.json.data).toMatchObject({
      id,
      status: "submitted",
      amountCents: 7_700,
      team: { slug: world.teamA.slug },
      author: { id: world.users.authorA.id },
    });
    expect(byAuthor.json.data.allowedActions).toEqual(["cancel"]);

    const byCoordinator = await call(`/api/v1/spends/${id}`, { token: tokens.coordinator });
    expect(byCoordinator.status).toBe(200);
    expect(byCoordinator.json.data.allowedActions).toContain("endorse");
    // The controller is in no team: the municipality scope.
    const byController = await call(`/api/v1/spends/${id}`, { token: tokens.controller });
    expect(byController.status).toBe(200);
    expect(byController.json.data.allowedActions).toEqual(expect.arrayContaining(["approve", "reject", "request_info"]));

    // A colleague in the same team (not the coordinator) and a member of another team: 404, as for an id that does not exist.
    const colleague = await tokenFor(world.users.otherMemberA.id, "collega");
    for (const [who, token] of [
      ["colleague", colleague],
      ["memberB", tokens.memberB],
    ] as const) {
      const res = await call(`/api/v1/spends/${id}`, { token });
      expect(res.status, who).toBe(404);
      expect(res.json.error).toEqual({ code: "not_found", message: "Niet gevonden." });
    }
    expect((await call(`/api/v1/spends/${randomUUID()}`, { token: tokens.controller })).status).toBe(404);
    expect((await call(`/api/v1/spends/geen-uuid`, { token: tokens.controller })).status).toBe(404);
    expect((await call(`/api/v1/spends/${id}`, { token: null })).status).toBe(401);
    expect((await call(`/api/v1/spends/${id}`, { token: tokens.controllerWithoutMfa })).json.error.code).toBe("mfa_required");
    expect((await call(`/api/v1/spends/${id}`, { token: tokens.controller, method: "DELETE" })).status).toBe(405);
    // The transitions route below it still answers on its own.
    expect((await call(`/api/v1/spends/${id}/transitions`, { token: tokens.controller })).status).toBe(405);
  });

  it("lists filter on late evaluations (evaluationOverdue) and say per row whether the evaluation is late", async () => {
    const settled = await call(`/api/v1/spends?status=settled`, { token: tokens.controller });
    expect(settled.json.data.length).toBeGreaterThan(0);
    // Settled today: due in three months, not late.
    for (const row of settled.json.data) expect(row).toMatchObject({ evaluationOverdue: false, evaluationDueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const late = await call(`/api/v1/spends?evaluationOverdue=true`, { token: tokens.controller });
    expect(late.status).toBe(200);
    expect(late.json.data).toEqual([]);
    await t.db.update(spendRequests).set({ evaluationDueOn: "2017-09-01" }).where(eq(spendRequests.id, settled.json.data[0].id));
    const nowLate = await call(`/api/v1/teams/${world.teamA.slug}/spends?evaluationOverdue=true`, { token: tokens.coordinator });
    expect(nowLate.json.data.map((r: { id: string; evaluationOverdue: boolean }) => [r.id, r.evaluationOverdue])).toEqual([[settled.json.data[0].id, true]]);
    expect((await call(`/api/v1/spends?evaluationOverdue=ja`, { token: tokens.controller })).status).toBe(400);
  });

  it("exports the finance CSVs for the controller — the same files as the web export — and 404 for team members", async () => {
    const controllerCtx = await municipalityContext(t.db, world.users.controller1.id, "municipality");
    const postings = await call(`/api/v1/export/postings.csv?year=2017`, { token: tokens.controller });
    expect(postings.status).toBe(200);
    expect(postings.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(postings.headers.get("Content-Disposition")).toBe('attachment; filename="werkbudget-2017-boekingen.csv"');
    expect(postings.headers.get("Cache-Control")).toBe("no-store");
    expect(postings.text.split("\r\n")[0]).toBe(
      "boeking_id,groep_id,datum,tijdstip_utc,budgetjaar,soort,rekening,bedrag_eur,aanvraag,team,tegenboeking_van_groep",
    );
    expect(postings.text).toContain(",reserve,reserved,250.00,");
    expect(postings.text).toBe(await financeCsv(controllerCtx, { year: 2017, kind: "postings" }));

    const spends = await call(`/api/v1/export/spends.csv?year=2017&decimal=comma`, { token: tokens.controller });
    expect(spends.status).toBe(200);
    expect(spends.headers.get("Content-Disposition")).toBe('attachment; filename="werkbudget-2017-aanvragen-komma.csv"');
    expect(spends.text.split("\r\n")[0]).toMatch(/^referentie;budgetjaar;team;status;/);
    expect(spends.text).toContain(";77,00;");
    expect(spends.text).toBe(await financeCsv(controllerCtx, { year: 2017, kind: "spends", decimalComma: true }));
    // No resident references leave the team.
    expect(spends.text).not.toContain(COMPLETE_DRAFT.residentRef!);

    // A year without a budget is an empty file with its header; wrong parameters are 400, unknown files 404.
    const empty = await call(`/api/v1/export/spends.csv?year=2030`, { token: tokens.controller });
    expect(empty.text.trim().split("\r\n")).toHaveLength(1);
    for (const query of ["jaar=2017", "year=17", "decimal=komma", "year=2017&extra=1"]) {
      const bad = await call(`/api/v1/export/postings.csv?${query}`, { token: tokens.controller });
      expect(bad.status, query).toBe(400);
      expect(bad.json.error.code).toBe("invalid_input");
    }
    expect((await call(`/api/v1/export/ledger.csv`, { token: tokens.controller })).status).toBe(404);
    expect((await call(`/api/v1/export/constructor`, { token: tokens.controller })).status).toBe(404);
    expect((await call(`/api/v1/export/postings.csv`, { token: tokens.controller, body: {} })).status).toBe(405);

    // Team members (also the coordinator) and unauthenticated callers never get the municipality's ledger.
    for (const [who, token] of [
      ["author", tokens.author],
      ["coordinator", tokens.coordinator],
      ["memberB", tokens.memberB],
    ] as const) {
      for (const file of ["postings.csv", "spends.csv"]) {
        const res = await call(`/api/v1/export/${file}?year=2017`, { token });
        expect(res.status, `${who} ${file}`).toBe(404);
        expect(res.json.error.code).toBe("not_found");
      }
    }
    expect((await call(`/api/v1/export/postings.csv`, { token: null })).status).toBe(401);
    const noMfa = await call(`/api/v1/export/postings.csv`, { token: tokens.controllerWithoutMfa });
    expect(noMfa.status).toBe(403);
    expect(noMfa.json.error.code).toBe("mfa_required");
  });
});
