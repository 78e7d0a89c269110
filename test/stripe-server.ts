// A small, stateful stand-in for api.stripe.com, for tests only: just the
// Issuing endpoints Wijkwerk calls (create cardholder, create card, update a
// card's spending controls, retrieve a card, create an ephemeral key for
// the secure card display, list a card's authorisations and transactions
// for the reconciliation). It parses the SDK's
// form-encoded bodies, keeps objects in memory, honours Idempotency-Key the
// way Stripe documents it (same key + same body → the first response again;
// same key + different body → 400 idempotency_error), and can fail on
// demand (a 5xx) or take a request and never answer (a client that dies
// mid-call). It is NOT Stripe: its objects carry only the fields we read.
import { randomBytes, createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

type Json = Record<string, unknown>;

export interface StripeTestServer {
  port: number;
  /** Every request received, in order (method, path, idempotency key, parsed body). */
  requests: { method: string; path: string; idempotencyKey: string | null; body: Json }[];
  cardholders: Map<string, Json>;
  cards: Map<string, Json>;
  /** Issuing authorisations and transactions as Stripe holds them (tests put them here), listed by GET /v1/issuing/authorizations|transactions. */
  authorizations: Map<string, Json>;
  transactions: Map<string, Json>;
  /** Ephemeral keys created (as Stripe keeps them), by id. */
  ephemeralKeys: Map<string, Json>;
  /**
   * What Stripe.js's createEphemeralKeyNonce({ issuingCard }) gives the
   * browser: a single-use nonce bound to that card (the stand-in has no
   * browser, so tests ask for one here).
   */
  issueNonce(issuingCard: string): string;
  /** The next n requests answer with this status (default 500) and change nothing. */
  failNext(n?: number, status?: number): void;
  /** The next request is processed (state changes) but never answered: resolves when it arrived. */
  swallowNext(): Promise<void>;
  close(): Promise<void>;
}

/** Decodes Stripe's form encoding: a[b][0][c]=1 → { a: { b: [ { c: "1" } ] } }. */
export function decodeForm(body: string): Json {
  const out: Json = {};
  for (const pair of body.split("&").filter(Boolean)) {
    const [rawKey, rawValue = ""] = pair.split("=");
    const key = decodeURIComponent(rawKey.replace(/\+/g, " "));
    const value = decodeURIComponent(rawValue.replace(/\+/g, " "));
    const parts = key.split(/\[|\]\[|\]/).filter((p) => p !== "");
    let node: Record<string, unknown> | unknown[] = out;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
      const slot = node as Record<string, unknown>;
      if (last) slot[part] = value;
      else node = (slot[part] ??= nextIsIndex ? [] : {}) as Record<string, unknown>;
    });
  }
  return out;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

function controls(raw: Json | undefined): Json {
  const limits = ((raw?.spending_limits as Json[] | undefined) ?? []).map((l) => ({ amount: Number(l.amount), interval: l.interval, categories: null }));
  return {
    allowed_categories: (raw?.allowed_categories as string[] | undefined) ?? null,
    blocked_categories: (raw?.blocked_categories as string[] | undefined) ?? null,
    spending_limits: limits,
    spending_limits_currency: limits.length ? "eur" : null,
  };
}

export async function startStripeTestServer(opts: { secretKey: string; port?: number }): Promise<StripeTestServer> {
  const requests: StripeTestServer["requests"] = [];
  const cardholders = new Map<string, Json>();
  const cards = new Map<string, Json>();
  const idempotent = new Map<string, { hash: string; status: number; body: Json }>();
  const ephemeralKeys = new Map<string, Json>();
  const authorizations = new Map<string, Json>();
  const transactions = new Map<string, Json>();
  /** Nonce → the card it was made for; deleted when used (single use). */
  const nonces = new Map<string, string>();
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  let swallow: (() => void) | null = null;

  function route(method: string, path: string, body: Json, headers: http.IncomingHttpHeaders = {}): { status: number; body: Json } {
    const error = (status: number, type: string, message: string) => ({ status, body: { error: { type, message } } });
    const listed = path === "/v1/issuing/authorizations" ? authorizations : path === "/v1/issuing/transactions" ? transactions : null;
    if (method === "GET" && listed) {
      // Stripe's list: newest first, filtered by card and created[gte|gt|lte|lt], paged by limit + starting_after.
      const createdFilter = (body.created as Json | undefined) ?? {};
      const cardOf = (o: Json) => (typeof o.card === "string" ? o.card : (o.card as Json | undefined)?.id);
      let items = [...listed.values()]
        .filter((o) => !body.card || cardOf(o) === body.card)
        .filter((o) => {
          const c = Number(o.created);
          return (
            (createdFilter.gte == null || c >= Number(createdFilter.gte)) &&
            (createdFilter.gt == null || c > Number(createdFilter.gt)) &&
            (createdFilter.lte == null || c <= Number(createdFilter.lte)) &&
            (createdFilter.lt == null || c < Number(createdFilter.lt))
          );
        })
        .sort((a, b) => Number(b.created) - Number(a.created) || String(b.id).localeCompare(String(a.id)));
      if (body.starting_after) items = items.slice(items.findIndex((o) => o.id === body.starting_after) + 1);
      const limit = Math.min(100, Number(body.limit ?? 10));
      return { status: 200, body: { object: "list", data: items.slice(0, limit), has_more: items.length > limit, url: path } };
    }
    if (method === "POST" && path === "/v1/ephemeral_keys") {
      // As Stripe documents it: an explicit API version is required; for an Issuing card, the
      // card must exist and the nonce must be Stripe.js's, made for that card, and unused.
      if (!headers["stripe-version"]) return error(400, "invalid_request_error", "Stripe-Version header is required to create an ephemeral key.");
      if (!body.issuing_card) return error(400, "invalid_request_error", "Missing required param: issuing_card.");
      if (!cards.has(String(body.issuing_card))) return error(400, "invalid_request_error", `No such issuing card: '${String(body.issuing_card)}'`);
      if (!body.nonce) return error(400, "invalid_request_error", "Missing required param: nonce.");
      const bound = nonces.get(String(body.nonce));
      if (!bound) return error(400, "invalid_request_error", "Invalid or already used ephemeral key nonce.");
      if (bound !== body.issuing_card) return error(400, "invalid_request_error", "The nonce was created for a different issuing card.");
      nonces.delete(String(body.nonce));
      const created = now();
      const key = {
        id: id("ephkey"),
        object: "ephemeral_key",
        associated_objects: [{ type: "issuing.card", id: body.issuing_card }],
        created,
        expires: created + 15 * 60,
        livemode: false,
        secret: `ek_test_${randomBytes(32).toString("base64url")}`,
      };
      ephemeralKeys.set(key.id, key);
      return { status: 200, body: key };
    }
    if (method === "POST" && path === "/v1/issuing/cardholders") {
      if (!body.name || !(body.billing as Json | undefined)?.address)
        return error(400, "invalid_request_error", "Missing required param: name or billing[address].");
      const cardholder = {
        id: id("ich"),
        object: "issuing.cardholder",
        type: body.type ?? "individual",
        name: body.name,
        billing: body.billing,
        metadata: body.metadata ?? {},
        status: "active",
        created: now(),
        livemode: false,
      };
      cardholders.set(cardholder.id, cardholder);
      return { status: 200, body: cardholder };
    }
    if (method === "POST" && path === "/v1/issuing/cards") {
      const holder = cardholders.get(String(body.cardholder));
      if (!holder) return error(400, "invalid_request_error", `No such cardholder: '${String(body.cardholder)}'`);
      const card = {
        id: id("ic"),
        object: "issuing.card",
        cardholder: holder,
        currency: body.currency,
        type: body.type,
        status: body.status ?? "inactive",
        last4: String(1000 + Math.floor(Math.random() * 9000)),
        exp_month: 12,
        exp_year: new Date().getUTCFullYear() + 3,
        brand: "Visa",
        spending_controls: controls(body.spending_controls as Json | undefined),
        metadata: body.metadata ?? {},
        created: now(),
        livemode: false,
      };
      cards.set(card.id, card);
      return { status: 200, body: card };
    }
    const cardPath = path.match(/^\/v1\/issuing\/cards\/([\w]+)$/);
    if (cardPath) {
      const card = cards.get(cardPath[1]);
      if (!card) return error(404, "invalid_request_error", `No such card: '${cardPath[1]}'`);
      if (method === "GET") return { status: 200, body: card };
      if (method === "POST") {
        if (body.spending_controls) card.spending_controls = controls(body.spending_controls as Json);
        if (body.status) card.status = body.status;
        return { status: 200, body: card };
      }
    }
    return error(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const [path, query = ""] = (req.url ?? "/").split("?");
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      // A GET carries its parameters in the query string, form-encoded like a POST body.
      const body = decodeForm(req.method === "GET" ? query : raw);
      requests.push({ method: req.method ?? "GET", path, idempotencyKey: key, body });
      const send = (status: number, json: Json, replayed = false) => {
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": id("req"), ...(replayed ? { "Idempotent-Replayed": "true" } : {}) });
        res.end(JSON.stringify(json));
      };
      if (req.headers.authorization !== `Bearer ${opts.secretKey}`)
        return send(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
      if (failures.left > 0) {
        failures.left--;
        return send(failures.status, { error: { type: "api_error", message: "Simulated server error (test server)." } });
      }
      const hash = createHash("sha256").update(`${req.method} ${path} ${raw}`).digest("hex");
      if (key && req.method === "POST") {
        const earlier = idempotent.get(key);
        if (earlier && earlier.hash !== hash)
          return send(400, {
            error: { type: "idempotency_error", message: "Keys for idempotent requests can only be used with the same parameters they were first used with." },
          });
        if (earlier) return send(earlier.status, earlier.body, true);
      }
      const result = route(req.method ?? "GET", path, body, req.headers);
      if (key && req.method === "POST" && result.status < 500) idempotent.set(key, { hash, status: result.status, body: result.body });
      if (swallow) {
        const arrived = swallow;
        swallow = null;
        arrived();
        return; // processed, never answered
      }
      send(result.status, result.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    cardholders,
    cards,
    ephemeralKeys,
    authorizations,
    transactions,
    issueNonce(issuingCard) {
      const nonce = `ephkn_priv_${randomBytes(16).toString("hex")}`;
      nonces.set(nonce, issuingCard);
      return nonce;
    },
    failNext(n = 1, status = 500) {
      failures = { left: n, status };
    },
    swallowNext() {
      return new Promise<void>((resolve) => (swallow = resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
