// Issue 13's hostile inputs, one by one, through the real server (`node
// server.js`, demo data): each answered 500 before. Now a Dutch field error
// (and nothing saved), a plain submit for a broken conform intent, and files
// named "rekening; deel 2.pdf" upload and download under their real name.
// Run `pnpm build` first. The fuzz (test/fuzz.test.ts) sends such input to
// every route; this file checks the answers themselves.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, spendAttachments, spendRequests, successStories, teams, users, workgroupAttachments, workgroups } from "@wijkwerk/db";
import { createApiToken } from "@wijkwerk/core/accounts";
import { DEMO_PASSWORD } from "../db/src/seed/demo";
import { municipalityContext } from "../packages/core/test/fixtures";
import { seedDemoWithoutMfa, startAppServer, type AppServer } from "./support/app-server";

const COORDINATOR = "coordinator.mariaberg@wijkwerk.demo";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

let app: AppServer;
let cookie: string;
let coordinatorToken: string;
let controllerToken: string;

async function post(
  path: string,
  body: URLSearchParams | { multipart: [string, string][]; files: { field: string; name: string }[] },
  opts: { cookie?: string | null } = {},
) {
  const headers: Record<string, string> = { Origin: app.url };
  if (opts.cookie !== null) headers.Cookie = opts.cookie ?? cookie;
  let payload: string | Buffer;
  if (body instanceof URLSearchParams) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    payload = body.toString();
  } else {
    // Written by hand so the names go out exactly as a browser sends them (quoted, ";" and "=" as they are).
    const boundary = `----test${randomUUID()}`;
    const parts: Buffer[] = body.multipart.map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    for (const f of body.files)
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        PDF,
        Buffer.from("\r\n"),
      );
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    headers["Content-Type"] = `multipart/form-data; boundary=${boundary}`;
    payload = Buffer.concat(parts);
  }
  const res = await fetch(`${app.url}${path}`, { method: "POST", headers, body: payload, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), text: await res.text(), setCookie: res.headers.getSetCookie() };
}

async function api(path: string, token: string, body: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Origin: app.url },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { error?: { code: string; fields?: Record<string, string[]> } } };
}

const form = (o: Record<string, string>) => new URLSearchParams(o);
const NUL_MESSAGE = "nul-teken";
const rowsOf = async (table: typeof successStories | typeof spendRequests) => (await app.db.db.select({ n: count() }).from(table))[0].n;

beforeAll(async () => {
  app = await startAppServer({
    seed: seedDemoWithoutMfa,
  });
  const login = await post("/inloggen", form({ email: COORDINATOR, password: DEMO_PASSWORD }), { cookie: null });
  cookie = login.setCookie.find((c) => c.startsWith("wijkwerk_session="))!.split(";")[0];
  const idOf = async (email: string) => (await app.db.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id;
  coordinatorToken = (await createApiToken(await municipalityContext(app.db.db, await idOf(COORDINATOR)), { name: "test" })).token;
  controllerToken = (await createApiToken(await municipalityContext(app.db.db, await idOf("controller@wijkwerk.demo")), { name: "test" })).token;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

/** A new draft of Mariaberg through the form; its id. */
async function newDraft(): Promise<string> {
  const res = await post("/t/mariaberg/werkbudget/nieuw", form({ intent: "save", amount: "12,50", purpose: "Test" }));
  expect(res.status, res.text.slice(0, 500)).toBe(302);
  return /werkbudget\/([0-9a-f-]{36})/.exec(res.location!)![1];
}

describe("a NUL character is a field error, not a 500", () => {
  it("in a workgroup-style form (/successen/nieuw): 400, the Dutch message, the typed text kept, nothing saved", async () => {
    const before = await rowsOf(successStories);
    const [team] = await app.db.db.select({ id: teams.id }).from(teams).where(eq(teams.slug, "mariaberg"));
    const res = await post(
      "/successen/nieuw",
      form({ title: "Goed\u0000verhaal", body: "Een verhaal over samenwerken in de wijk.", teamId: team.id, theme: "preventie" }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain(NUL_MESSAGE);
    expect(await rowsOf(successStories)).toBe(before);
  });

  it("in a conform form (the spend form): 400 with the message, nothing saved", async () => {
    const before = await rowsOf(spendRequests);
    const res = await post("/t/mariaberg/werkbudget/nieuw", form({ intent: "save", amount: "12,50", purpose: "Schoenen\u0000" }));
    expect(res.status).toBe(400);
    expect(res.text).toContain(NUL_MESSAGE);
    expect(await rowsOf(spendRequests)).toBe(before);
  });

  it("in a search box: the message next to the field, no 500", async () => {
    const res = await fetch(`${app.url}/werkgroepen/zoeken?q=%00`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(NUL_MESSAGE);
  });

  it("in a JSON API body: 400 invalid_input naming the field", async () => {
    const before = await rowsOf(spendRequests);
    const res = await api("/api/v1/teams/mariaberg/spends", coordinatorToken, { amountCents: 1250, purpose: "Schoenen\u0000" });
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe("invalid_input");
    expect(res.json.error?.fields?.purpose?.[0]).toContain(NUL_MESSAGE);
    expect(await rowsOf(spendRequests)).toBe(before);
  });
});

describe("impossible dates are a Dutch field error", () => {
  it("neededOn in the spend form and the API", async () => {
    for (const neededOn of ["2026-02-30", "2026-13-45"]) {
      const res = await post("/t/mariaberg/werkbudget/nieuw", form({ intent: "save", amount: "12,50", neededOn }));
      expect(res.status, neededOn).toBe(400);
      expect(res.text).toContain("Vul een geldige datum in");
      const viaApi = await api("/api/v1/teams/mariaberg/spends", coordinatorToken, { amountCents: 1250, neededOn });
      expect(viaApi.status).toBe(400);
      expect(viaApi.json.error?.fields?.neededOn?.[0]).toContain("bestaande datum");
    }
  });

  it("paymentDate in the controller's payment (form and API)", async () => {
    const [approved] = await app.db.db.select({ id: spendRequests.id }).from(spendRequests).where(eq(spendRequests.status, "approved"));
    const res = await api(`/api/v1/spends/${approved.id}/transitions`, controllerToken, {
      action: "pay",
      payment: { amountCents: 100, paymentDate: "2026-13-45", method: "bank_transfer" },
    });
    expect(res.status).toBe(400);
    expect(res.json.error?.fields?.paymentDate?.[0]).toContain("bestaande datum");
    const login = await post("/inloggen", form({ email: "controller@wijkwerk.demo", password: DEMO_PASSWORD }), { cookie: null });
    const controller = login.setCookie.find((c) => c.startsWith("wijkwerk_session="))!.split(";")[0];
    const viaForm = await post(
      `/gemeente/werkbudget/aanvragen/${approved.id}`,
      form({ intent: "pay", key: "pay-test-0001", amount: "1,00", paymentDate: "2026-02-30", method: "bank_transfer", reference: "" }),
      { cookie: controller },
    );
    expect(viaForm.status).toBe(400);
    const [still] = await app.db.db.select({ status: spendRequests.status }).from(spendRequests).where(eq(spendRequests.id, approved.id));
    expect(still.status).toBe("approved");
  });
});

describe("a conform __intent__ that is not JSON", () => {
  it("is a plain submit: /inloggen logs in, and a wrong password is the usual error", async () => {
    for (const intent of ["notjson", "{", "null"]) {
      const ok = await post("/inloggen", form({ __intent__: intent, __state__: "{", email: COORDINATOR, password: DEMO_PASSWORD }), { cookie: null });
      expect(ok.status, intent).toBe(302);
      const wrong = await post("/inloggen", form({ __intent__: intent, email: COORDINATOR, password: "fout" }), { cookie: null });
      expect(wrong.status, intent).toBeGreaterThanOrEqual(400);
      expect(wrong.status, intent).toBeLessThan(500);
    }
  });

  it("a JSON list intent with a huge index is refused at the request gate (400), never built", async () => {
    const huge = await post(
      "/inloggen",
      form({ __intent__: '{"type":"insert","payload":{"name":"x","index":3000000}}', email: COORDINATOR, password: DEMO_PASSWORD }),
      { cookie: null },
    );
    expect(huge.status).toBe(400);
  });
});

describe("file names with ';', '=', control characters, paths or over-long", () => {
  const NAMES: [sent: string, stored: string][] = [
    ["rekening; deel 2.pdf", "rekening; deel 2.pdf"],
    ["a=b.pdf", "a=b.pdf"],
    ["..\\..\\map\\nul\u0000teken\u0007.pdf", "nulteken.pdf"],
    [`${"x".repeat(300)}.pdf`, `${"x".repeat(100)}.pdf`],
  ];

  it("spend attachments: uploaded, listed and downloaded with the real (or sanitised) name", async () => {
    const spendId = await newDraft();
    for (const [sent, stored] of NAMES) {
      const res = await post(`/t/mariaberg/werkbudget/${spendId}`, {
        multipart: [
          ["intent", "add_attachment"],
          ["kind", "receipt"],
        ],
        files: [{ field: "file", name: sent }],
      });
      expect(res.status, `${sent}: ${res.text.slice(0, 300)}`).toBe(302);
      const [row] = await app.db.db
        .select()
        .from(spendAttachments)
        .where(and(eq(spendAttachments.spendId, spendId), eq(spendAttachments.fileName, stored)));
      expect(row, stored).toBeTruthy();
      const download = await fetch(`${app.url}/t/mariaberg/werkbudget/${spendId}/bijlagen/${row.id}`, { headers: { Cookie: cookie } });
      expect(download.status).toBe(200);
      expect(download.headers.get("content-disposition")).toContain(
        `filename*=UTF-8''${encodeURIComponent(stored).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      );
      expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    }
  });

  it("workgroup post files: the same", async () => {
    const [group] = await app.db.db.select({ id: workgroups.id, slug: workgroups.slug }).from(workgroups).where(eq(workgroups.slug, "clientondersteuning"));
    const res = await post(`/werkgroepen/${group.slug}`, {
      multipart: [
        ["title", "Rekeningen"],
        ["body", "De rekening in twee delen."],
      ],
      files: NAMES.slice(0, 3).map(([name]) => ({ field: "file", name })),
    });
    expect(res.status, res.text.slice(0, 300)).toBe(302);
    for (const [, stored] of NAMES.slice(0, 3)) {
      const [row] = await app.db.db
        .select()
        .from(workgroupAttachments)
        .where(and(eq(workgroupAttachments.workgroupId, group.id), eq(workgroupAttachments.fileName, stored)));
      expect(row, stored).toBeTruthy();
      const download = await fetch(`${app.url}/werkgroepen/${group.slug}/bijlagen/${row.id}`, { headers: { Cookie: cookie } });
      expect(download.status).toBe(200);
      expect(download.headers.get("content-disposition")).toContain(encodeURIComponent(stored));
    }
  });
});

describe("the resident pseudonym", () => {
  it("a name is refused in the form with the team's format and an example; the team's own format is saved", async () => {
    const res = await post("/t/mariaberg/werkbudget/nieuw", form({ intent: "save", amount: "12,50", residentRef: "Jan de Vries" }));
    expect(res.status).toBe(400);
    const other = await post("/t/mariaberg/werkbudget/nieuw", form({ intent: "save", amount: "12,50", residentRef: "DH-003" }));
    expect(other.status).toBe(400);
    expect(other.text).toContain("MB-014");
    const ok = await post("/t/mariaberg/werkbudget/nieuw", form({ intent: "save", amount: "12,50", residentRef: "MB-099" }));
    expect(ok.status).toBe(302);
  });

  it("the API says the same (resident_ref_format, the expected form in fields)", async () => {
    const res = await api("/api/v1/teams/mariaberg/spends", coordinatorToken, { amountCents: 1250, residentRef: "Jan de Vries" });
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe("resident_ref_format");
    expect(res.json.error?.fields?.residentRef?.[0]).toContain("MB-014");
  });
});
