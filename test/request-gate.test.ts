// The request gate on the real server (`node server.js` over sockets, as
// production runs it — route tests that call Remix directly bypass it):
// hostile field names, field counts, bodies and query strings are refused
// before anything parses them, quickly, with /healthz answering meanwhile;
// an over-long multipart text is a Dutch form error and the keep-alive
// connection stays usable; a state change from another origin is 403 and
// writes nothing, whatever the URL (`?_data=` included). Run `pnpm build` first.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, eq, sessions, spendRequests, users } from "@wijkwerk/db";
import { createApiToken } from "@wijkwerk/core/accounts";
import { createWorkgroup, createPost } from "@wijkwerk/core/workgroups";
import { municipalityContext } from "../packages/core/test/fixtures";
import { COMPLETE_DRAFT, ledgerWorld } from "../packages/core/test/ledger-fixture";
import { startAppServer, type AppServer } from "./support/app-server";

let app: AppServer;
let world: Awaited<ReturnType<typeof ledgerWorld>>;
const cookies: Record<"author" | "coordinator" | "controller", string> = {} as never;
let workgroup: { slug: string };
let threadId: string;

async function signIn(userId: string) {
  const id = randomBytes(20).toString("hex");
  await app.db.db.insert(sessions).values({ id, userId, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
  return `wijkwerk_session=${id}`;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
  /** The request went over a connection an earlier request had used. */
  reused: boolean;
}

/** One request over node:http (a real socket); rejects when no answer comes within timeoutMs. */
function send(opts: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  agent?: http.Agent;
  timeoutMs?: number;
  writeOnly?: number;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const method = opts.method ?? (opts.body === undefined ? "GET" : "POST");
    const req = http.request({ host: "127.0.0.1", port: app.port, method, path: opts.path, headers: opts.headers, agent: opts.agent ?? false });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer to ${method} ${opts.path} within ${opts.timeoutMs ?? 10_000} ms`));
    }, opts.timeoutMs ?? 10_000);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: performance.now() - started,
          reused: req.reusedSocket,
        });
      });
    });
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`${method} ${opts.path.slice(0, 80)}: ${e.message}`));
    });
    if (opts.writeOnly !== undefined)
      req.write(Buffer.alloc(opts.writeOnly, 0x61)); // a body that is still being sent
    else req.end(opts.body);
  });
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const sameOrigin = () => ({ Origin: app.url });

async function multipart(fields: [string, string | File][]): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return { body: Buffer.from(await request.arrayBuffer()), headers: { "Content-Type": request.headers.get("content-type")! } };
}

beforeAll(async () => {
  app = await startAppServer();
  world = await ledgerWorld(app.db, { year: new Date().getUTCFullYear(), budgetCents: 1_000_000, thresholdCents: 100_000 });
  await app.db.db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, world.users.controller1.id));
  cookies.author = await signIn(world.users.authorA.id);
  cookies.coordinator = await signIn(world.users.coordinatorA.id);
  cookies.controller = await signIn(world.users.controller1.id);
  const coordinator = await municipalityContext(app.db.db, world.users.coordinatorA.id, "municipality");
  workgroup = await createWorkgroup(coordinator, { name: "Preventie en vroegsignalering", isOpen: true });
  threadId = (await createPost(coordinator, workgroup.slug, { title: "Signalen", body: "Welke signalen zien jullie het eerst?" })).threadId;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe("limits before parsing, on the real server", () => {
  it("foo[3000000]=v (59 bytes, no login) on /inloggen: a short 400 at once, /healthz keeps answering", async () => {
    const hostile = () => send({ path: "/inloggen", headers: FORM, body: "email=a%40b.nl&password=x&foo[3000000]=v" });
    const [health, ...refused] = await Promise.all([
      (async () => {
        await new Promise((r) => setTimeout(r, 20));
        return send({ path: "/healthz" });
      })(),
      ...Array.from({ length: 20 }, hostile),
    ]);
    for (const r of refused) {
      expect(r.status).toBe(400);
      expect(r.body.length).toBeLessThan(2000);
      expect(r.body).toContain("Het formulier bevat een ongeldige veldnaam.");
    }
    expect(Math.max(...refused.map((r) => r.ms))).toBeLessThan(1500);
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);
  });

  it("lifeDomains[1000000] on the spend form, signed in: 400, nothing written", async () => {
    const before = await app.db.db.select({ id: spendRequests.id }).from(spendRequests);
    const r = await send({
      path: `/t/${world.teamA.slug}/werkbudget/nieuw`,
      headers: { ...FORM, ...sameOrigin(), Cookie: cookies.author },
      body: "purpose=Schoenen&lifeDomains[1000000]=financien",
    });
    expect(r.status).toBe(400);
    expect(r.body.length).toBeLessThan(2000);
    expect(await app.db.db.select({ id: spendRequests.id }).from(spendRequests)).toHaveLength(before.length);
  });

  it("too many fields (413), an index in a multipart form or the query string (400), a huge query (400)", async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join("&");
    expect((await send({ path: "/inloggen", headers: FORM, body: many })).status).toBe(413);
    const mp = await multipart([
      ["email", "a@b.nl"],
      ["foo[3000000]", "v"],
    ]);
    expect((await send({ path: "/inloggen", headers: mp.headers, body: mp.body })).status).toBe(400);
    const q = await send({ path: "/inloggen?next=%2F&foo[3000000]=v" });
    expect(q.status).toBe(400);
    expect(q.body).toContain("Het webadres bevat een ongeldige parameter.");
    expect((await send({ path: `/werkgroepen/zoeken?q=${"a".repeat(9000)}` })).status).toBe(400);
  });

  it("bodies over their cap: refused on the declared length before they are read (413), and when streamed without one", async () => {
    // 50 MB announced to the webhook (over a keep-alive connection, as Stripe sends); only 64 KB of it is ever sent.
    const agent = new http.Agent({ keepAlive: true });
    const webhook = await send({
      method: "POST",
      path: "/webhooks/stripe",
      headers: { "Content-Type": "application/json", "Content-Length": String(50 * 1024 * 1024) },
      writeOnly: 64 * 1024,
      timeoutMs: 3000,
      agent,
    }).finally(() => agent.destroy());
    expect(webhook.status).toBe(413);
    expect(JSON.parse(webhook.body).error.code).toBe("body_too_large");
    expect(webhook.ms).toBeLessThan(1000);
    // 2 MB of form, chunked (no Content-Length): counted while it streams.
    const chunked = await send({ path: "/inloggen", headers: { ...FORM, "Transfer-Encoding": "chunked" }, body: `email=${"a".repeat(2 * 1024 * 1024)}` });
    expect(chunked.status).toBe(413);
    expect(chunked.body).toContain("Het formulier is te groot om te verwerken.");
    const api = await send({
      path: `/api/v1/teams/${world.teamA.slug}/spends`,
      headers: { "Content-Type": "application/json", Authorization: "Bearer wk_x" },
      body: JSON.stringify({ purpose: "x".repeat(70 * 1024) }),
    });
    expect(api.status).toBe(413);
    expect(api.headers["content-type"]).toMatch(/application\/json/);
    expect(JSON.parse(api.body).error).toEqual({ code: "body_too_large", message: "Het verzoek is te groot (maximaal 64 KB)." });
    // An upload route: just over its one 5 MB file.
    const upload = await multipart([
      ["intent", "add_attachment"],
      ["kind", "invoice"],
      ["file", new File([Buffer.alloc(7 * 1024 * 1024)], "scan.pdf", { type: "application/pdf" })],
    ]);
    const big = await send({
      path: `/t/${world.teamA.slug}/werkbudget/${randomUUID()}`,
      headers: { ...upload.headers, ...sameOrigin(), Cookie: cookies.author },
      body: upload.body,
    });
    expect(big.status).toBe(413);
    expect(big.body).toContain("een bijlage mag hoogstens 5 MB zijn");
    expect((await send({ path: "/healthz" })).status).toBe(200);
  });

  it("the largest legitimate text passes the gate (a 450 KB form reaches the route)", async () => {
    const r = await send({ path: "/inloggen", headers: FORM, body: `email=a%40b.nl&password=x&note=${encodeURIComponent("€".repeat(50_000))}` });
    expect(r.status).toBe(401);
  });
});

describe("a multipart text field over 64 KB", () => {
  const longText = "Signalen van schuld. ".repeat(4000); // ≈ 84 KB

  it.each([
    ["a reply in a thread", () => `/werkgroepen/${workgroup.slug}/draad/${threadId}`, [["body", longText]]],
    [
      "a new thread",
      () => `/werkgroepen/${workgroup.slug}`,
      [
        ["title", "Schuldsignalen"],
        ["body", longText],
      ],
    ],
  ] as const)("%s: a Dutch field error with the form kept, and the same keep-alive connection answers the next request", async (_, path, fields) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // A file after the long text: a parse that stops at the text leaves megabytes unread on the connection.
      const mp = await multipart([
        ...fields,
        ["file", new File([Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(3 * 1024 * 1024, 0x25)])], "scan.pdf", { type: "application/pdf" })],
      ] as [string, string | File][]);
      const first = await send({ path: path(), headers: { ...mp.headers, ...sameOrigin(), Cookie: cookies.coordinator }, body: mp.body, agent });
      expect(first.status).toBe(413);
      expect(first.body).toContain("Schrijf een tekst (hoogstens 20.000 tekens).");
      if (fields.length > 1) expect(first.body).toContain('value="Schuldsignalen"');
      const second = await send({ path: "/healthz", agent, timeoutMs: 5000 });
      expect(second.status).toBe(200);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it("on a spend request's page: a 4xx, and the connection stays usable", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const spendId = await world.submitted(20_000);
      const mp = await multipart([
        ["intent", "add_attachment"],
        ["kind", "x".repeat(70 * 1024)],
        ["file", new File([Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(3 * 1024 * 1024, 0x25)])], "scan.pdf", { type: "application/pdf" })],
      ]);
      const first = await send({
        path: `/t/${world.teamA.slug}/werkbudget/${spendId}`,
        headers: { ...mp.headers, ...sameOrigin(), Cookie: cookies.author },
        body: mp.body,
        agent,
      });
      expect(first.status).toBeGreaterThanOrEqual(400);
      expect(first.status).toBeLessThan(500);
      const second = await send({ path: "/healthz", agent, timeoutMs: 5000 });
      expect(second.status).toBe(200);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe("one origin check for every state change", () => {
  const tokensUrl = "/account/api-tokens?_data=routes%2Faccount.api-tokens";
  const tokenCount = async () => (await app.db.db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, world.users.authorA.id))).length;

  it("an API token created through ?_data= from another origin on the same site: 403, no token; same origin still works", async () => {
    const before = await tokenCount();
    const otherPort = `http://127.0.0.1:${app.port + 1}`;
    const foreign: Record<string, string>[] = [
      { Origin: otherPort },
      { Origin: "http://localhost:1" },
      { Origin: "null" },
      { "Sec-Fetch-Site": "same-site" },
      { Referer: `${otherPort}/` },
    ];
    for (const headers of foreign) {
      const r = await send({
        path: tokensUrl,
        headers: { ...FORM, ...headers, Cookie: cookies.author },
        body: "intent=create&name=Van+elders&expiresInDays=30",
      });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body).toContain("Dit verzoek kwam niet van een pagina van Wijkwerk zelf");
    }
    expect(await tokenCount()).toBe(before);
    const ok = await send({
      path: tokensUrl,
      headers: { ...FORM, ...sameOrigin(), Cookie: cookies.author },
      body: "intent=create&name=Eigen+script&expiresInDays=30",
    });
    // (Remix's legacy ?_data= answer to a data() result is an empty 200: the token is in the database.)
    expect(ok.status).toBe(200);
    expect(await tokenCount()).toBe(before + 1);
    // Single fetch's own URL for the same action: the same check.
    const singleFetch = await send({
      path: "/account/api-tokens.data",
      headers: { ...FORM, Origin: otherPort, Cookie: cookies.author },
      body: "intent=create&name=Van+elders&expiresInDays=30",
    });
    expect(singleFetch.status).toBe(403);
    expect(await tokenCount()).toBe(before + 1);
  });

  it("the controller's approval through ?_data= from another origin: 403, the request stays submitted; same origin approves", async () => {
    const spendId = await world.submitted(30_000);
    const url = `/gemeente/werkbudget/aanvragen/${spendId}?_data=${encodeURIComponent("routes/gemeente.werkbudget.aanvragen.$spendId")}`;
    const body = `intent=approve&key=${randomUUID()}`;
    const cross = await send({ path: url, headers: { ...FORM, Origin: `http://127.0.0.1:${app.port + 1}`, Cookie: cookies.controller }, body });
    expect(cross.status).toBe(403);
    const status = async () => (await app.db.db.select({ status: spendRequests.status }).from(spendRequests).where(eq(spendRequests.id, spendId)))[0].status;
    expect(await status()).toBe("submitted");
    const same = await send({ path: url, headers: { ...FORM, ...sameOrigin(), Cookie: cookies.controller }, body });
    expect(same.status).toBeLessThan(400);
    expect(await status()).toBe("approved");
  });

  it("an API call with a Bearer token (no session cookie) is not a browser's: it passes from anywhere", async () => {
    const { token } = await createApiToken(await municipalityContext(app.db.db, world.users.authorA.id), { name: "integratie" });
    const draft = JSON.stringify({ ...COMPLETE_DRAFT, amountCents: 4_200, neededOn: `${new Date().getUTCFullYear()}-06-01` });
    const r = await send({
      path: `/api/v1/teams/${world.teamA.slug}/spends`,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, Origin: "https://elders.example" },
      body: draft,
    });
    expect(r.status).toBe(201);
    // With the session cookie as well, the browser could have sent it: checked.
    const withCookie = await send({
      path: `/api/v1/teams/${world.teamA.slug}/spends`,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, Origin: "https://elders.example", Cookie: cookies.author },
      body: draft,
    });
    expect(withCookie.status).toBe(403);
    expect(JSON.parse(withCookie.body).error.code).toBe("cross_origin");
  });
});
