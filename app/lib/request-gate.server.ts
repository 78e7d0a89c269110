// The request gate: one check in front of Remix for every request server.js
// hands over (pages, resource routes, the API, the webhook). It runs before
// anything parses the request (decision 0011):
//
//   1. the query string: size, number of parameters, array indices;
//   2. state-changing methods: the request must come from our own origin
//      (Origin, else Sec-Fetch-Site, else Referer), except the signed Stripe
//      webhook and API calls with a Bearer token and no session cookie;
//   3. the body is read into memory with a cap per kind of route (a declared
//      Content-Length over it is refused before a byte is read), then its
//      field names are checked: how many, and the array indices in them —
//      conform builds an array as long as the largest index (`foo[3000000]`).
//
// Only then is the Web Request built (with the buffered body) and handed to
// Remix. A refusal is a short Dutch page (JSON under /api/ and /webhooks/),
// 413 for sizes and counts, 400 for malformed input, 403 for another origin.
// Buffering the whole body also means no request leaves unread bytes on a
// keep-alive connection.
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { MAX_ATTACHMENT_BYTES } from "@wijkwerk/core/common";
import { MAX_FILES_PER_POST } from "@wijkwerk/core/workgroups";
import { IMPORT_MAX_BYTES } from "@wijkwerk/core/casework";
import { API_BODY_LIMIT_BYTES } from "~/api.server";
import { nl } from "~/i18n/nl";

export const GATE_LIMITS = {
  /** Forms without files: the largest text (a handbook page, meeting notes: 50,000 characters) percent-encoded as 3-byte UTF-8 is ~450 KB. */
  formBytes: 1024 * 1024,
  /** Upload routes: their files (5 MB each) plus this for the other fields and the multipart framing. */
  uploadExtraBytes: 1024 * 1024,
  /** Stripe publishes no maximum; Issuing events carry one object (metadata ≤ 50 × 500 characters): a few KB. */
  webhookBytes: 256 * 1024,
  apiBytes: API_BODY_LIMIT_BYTES,
  /** Fields per form (the largest, an agreement with its contribution rows, has a few hundred). */
  fields: 1000,
  /** The longest field name (ours are short: `contributions[12].hoursPerWeek`). */
  nameLength: 256,
  /** The largest array index a field name may carry (`rows[999]`). */
  maxIndex: 999,
  /** The total length of all arrays the field names imply (Σ over arrays of largest index + 1). */
  indexSlots: 10_000,
  queryBytes: 8 * 1024,
  queryParams: 100,
};
export type GateLimits = typeof GATE_LIMITS;

export type RefusalCode = keyof typeof nl.gate.messages;
export interface Refusal {
  status: 400 | 403 | 413;
  code: RefusalCode;
}
const refuse = (status: Refusal["status"], code: RefusalCode): Refusal => ({ status, code });

// ── Body limits per kind of route ─────────────────────────────────────────

export type BodyKind = "form" | "upload" | "api" | "webhook";

/** The routes that take files (multipart): how many files one request may carry, or their own cap for one larger file. */
const UPLOAD_ROUTES: { path: RegExp; files: number; fileBytes?: number }[] = [
  { path: /^\/t\/[^/]+\/werkbudget\/[^/]+\/?$/, files: 1 },
  { path: /^\/werkgroepen\/[^/]+\/?$/, files: MAX_FILES_PER_POST },
  { path: /^\/werkgroepen\/[^/]+\/draad\/[^/]+\/?$/, files: MAX_FILES_PER_POST },
  // The admin's street list (CSV, at most 2 MB).
  { path: /^\/beheer\/straten\/?$/, files: 1 },
  // The casework history import (one CSV of at most 20 MB: the page, and /bestand, which answers the page script in JSON so it can show the upload's progress).
  { path: /^\/t\/[^/]+\/huishoudens\/importeren(\/bestand)?\/?$/, files: 1, fileBytes: IMPORT_MAX_BYTES },
];
export const STRIPE_WEBHOOK_PATH = "/webhooks/stripe";

const isMultipart = (contentType: string) => contentType.toLowerCase().startsWith("multipart/form-data");
const isUrlencoded = (contentType: string) => contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");

export function bodyLimitFor(
  pathname: string,
  contentType: string,
  limits: GateLimits = GATE_LIMITS,
): { kind: BodyKind; maxBytes: number; refusal: RefusalCode } {
  if (pathname === STRIPE_WEBHOOK_PATH) return { kind: "webhook", maxBytes: limits.webhookBytes, refusal: "webhook_body_too_large" };
  if (pathname.startsWith("/api/")) return { kind: "api", maxBytes: limits.apiBytes, refusal: "api_body_too_large" };
  const upload = isMultipart(contentType) ? UPLOAD_ROUTES.find((r) => r.path.test(pathname)) : undefined;
  if (upload)
    return { kind: "upload", maxBytes: upload.files * (upload.fileBytes ?? MAX_ATTACHMENT_BYTES) + limits.uploadExtraBytes, refusal: "upload_too_large" };
  return { kind: "form", maxBytes: limits.formBytes, refusal: "body_too_large" };
}

// ── Field names ───────────────────────────────────────────────────────────

/** conform's path syntax (parsePath in @conform-to/dom): `a.b`, `a[3]`, `a[]`. */
const PATH_TOKEN = /([^.[\]]+)|\[(\d*)\]/g;

/**
 * Counts the fields and checks the array indices their names imply; null
 * when the names are fine. Every all-digit segment counts as an index
 * (`a[3]`, and `a.3`, which lengthens an array conform made for `a[0]`).
 * A name conform cannot parse is refused too: it would throw in the route.
 */
export function checkFieldNames(names: Iterable<string>, limits: GateLimits = GATE_LIMITS, maxCount = limits.fields): Refusal | null {
  let count = 0;
  const arrays = new Map<string, number>();
  let slots = 0;
  for (const name of names) {
    if (++count > maxCount) return refuse(413, "too_many_fields");
    if (name.length > limits.nameLength) return refuse(400, "invalid_field_name");
    PATH_TOKEN.lastIndex = 0;
    let last = 0;
    for (let m = PATH_TOKEN.exec(name); m; m = PATH_TOKEN.exec(name)) {
      if (m.index !== last && !(m.index === last + 1 && name[last] === ".")) return refuse(400, "invalid_field_name");
      last = PATH_TOKEN.lastIndex;
      const [, key, index] = m;
      if (key === "__proto__" || key === "constructor" || key === "prototype") return refuse(400, "invalid_field_name");
      const digits = index ?? (key !== undefined && /^\d+$/.test(key) ? key : undefined);
      if (!digits) continue;
      if (digits.length > 6 || Number(digits) > limits.maxIndex) return refuse(400, "invalid_field_name");
      const array = name.slice(0, m.index);
      const length = Number(digits) + 1;
      const known = arrays.get(array) ?? 0;
      if (length > known) {
        slots += length - known;
        arrays.set(array, length);
        if (slots > limits.indexSlots) return refuse(400, "invalid_field_name");
      }
    }
    if (last !== name.length) return refuse(400, "invalid_field_name");
  }
  return null;
}

/**
 * conform's `__intent__` field (JSON) names a field and, for list intents,
 * indices (`insert` at 3000000 builds that array too): the same limits.
 * A value that is not such JSON is left to the form (it answers it).
 */
export function checkIntentValue(value: string, limits: GateLimits = GATE_LIMITS): Refusal | null {
  let intent: unknown;
  try {
    intent = JSON.parse(value);
  } catch {
    return null;
  }
  const payload = (intent as { payload?: unknown } | null)?.payload;
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Record<string, unknown>;
  for (const key of ["index", "from", "to"]) {
    const n = p[key];
    if (n !== undefined && !(typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= limits.maxIndex)) return refuse(400, "invalid_field_name");
  }
  if (typeof p.name === "string" && p.name !== "") return checkFieldNames([p.name], limits);
  return null;
}

const INTENT_FIELD = "__intent__";

function checkEntries(entries: Iterable<[string, string | null]>, limits: GateLimits, maxCount = limits.fields): Refusal | null {
  const intents: string[] = [];
  function* names() {
    for (const [name, value] of entries) {
      if (name === INTENT_FIELD && value !== null) intents.push(value);
      yield name;
    }
  }
  const refusal = checkFieldNames(names(), limits, maxCount);
  if (refusal) return refusal;
  for (const value of intents) {
    const r = checkIntentValue(value, limits);
    if (r) return r;
  }
  return null;
}

/** The query string (without `?`): its size, then its names like a form's. */
export function checkQuery(search: string, limits: GateLimits = GATE_LIMITS): Refusal | null {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (query === "") return null;
  if (Buffer.byteLength(query) > limits.queryBytes) return refuse(400, "query_too_large");
  const refusal = checkEntries(new URLSearchParams(query), limits, limits.queryParams);
  if (refusal) return refusal.code === "too_many_fields" ? refuse(400, "query_too_large") : refuse(400, "invalid_query");
  return null;
}

/**
 * The parts of a multipart body: each part's field name, and the value of
 * the part named __intent__; null when the body is not multipart
 * as browsers send it. Stops after maxParts + 1 parts (enough to refuse).
 */
export function multipartEntries(body: Buffer, contentType: string, maxParts: number): [string, string | null][] | null {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const delimiter = boundary ? `--${boundary[1] ?? boundary[2]}` : null;
  if (!delimiter) return null;
  const entries: [string, string | null][] = [];
  let pos = body.indexOf(delimiter);
  if (pos === -1) return null;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString("latin1") === "--") return entries;
    const headersStart = body.indexOf("\r\n", pos);
    if (headersStart === -1) return null;
    const headersEnd = body.indexOf("\r\n\r\n", headersStart);
    if (headersEnd === -1) return null;
    const next = body.indexOf(`\r\n${delimiter}`, headersEnd + 4);
    if (next === -1) return null;
    const headers = body.subarray(headersStart + 2, headersEnd).toString("utf8");
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? "";
    // Every name= parameter counts (a second one must not hide a bad name); filename= is not one.
    const names = [...disposition.matchAll(/(?:^|[;\s])name=(?:"([^"]*)"|([^;\s]*))/gi)].map((m) => m[1] ?? m[2] ?? "");
    if (names.length === 0) return null;
    for (const name of names) entries.push([name, name === INTENT_FIELD ? body.subarray(headersEnd + 4, next).toString("utf8") : null]);
    if (entries.length > maxParts) return entries;
    pos = next + 2;
  }
}

/** The body's fields, when it is a form; null when they are fine (or it is no form). */
export function checkBody(body: Buffer, contentType: string, limits: GateLimits = GATE_LIMITS): Refusal | null {
  if (body.byteLength === 0) return null;
  if (isUrlencoded(contentType)) return checkEntries(new URLSearchParams(body.toString("utf8")), limits);
  if (isMultipart(contentType)) {
    const entries = multipartEntries(body, contentType, limits.fields);
    if (!entries) return refuse(400, "malformed_body");
    return checkEntries(entries, limits);
  }
  return null;
}

// ── Origin ────────────────────────────────────────────────────────────────

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const SESSION_COOKIE = /(?:^|;\s*)wijkwerk_session=/;

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

/**
 * The origin check for every state-changing request (any method but GET
 * and HEAD, whatever its URL, `?_data=` included). Our origin is APP_URL's
 * when set, else the request URL's (its Host; behind a trusted proxy
 * X-Forwarded-Host/-Proto, as server.js builds the URL). The browser's
 * word on where the request comes from: Origin, else Sec-Fetch-Site, else
 * Referer. A request with none of the three is not from a browser (every
 * current browser sends Origin on a POST): such clients hold no victim's
 * session cookie to abuse, so they pass.
 */
export function checkOrigin(input: { method: string; url: string; headers: Headers; appUrl?: string | null }): Refusal | null {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return null;
  const url = new URL(input.url);
  if (url.pathname === STRIPE_WEBHOOK_PATH) return null; // signed by Stripe, checked by the route
  const h = input.headers;
  // A token is no ambient credential: another origin cannot make the browser send it.
  if (url.pathname.startsWith("/api/") && /^Bearer\s/i.test(h.get("authorization") ?? "") && !SESSION_COOKIE.test(h.get("cookie") ?? "")) return null;
  const own = originOf(input.appUrl || input.url);
  const origin = h.get("origin");
  if (origin !== null) return origin === own ? null : refuse(403, "cross_origin");
  const site = h.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none" ? null : refuse(403, "cross_origin");
  const referer = h.get("referer");
  if (referer !== null) return originOf(referer) === own ? null : refuse(403, "cross_origin");
  return null;
}

// ── Refusal pages ─────────────────────────────────────────────────────────

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** In JSON the API's own code for a body over its cap (docs/api.md), whichever layer refused it. */
const JSON_CODES: Partial<Record<RefusalCode, string>> = { api_body_too_large: "body_too_large", webhook_body_too_large: "body_too_large" };

/** The answer to a refused request: JSON for machines (/api/, /webhooks/), else a short Dutch page. */
export function refusalResponse(refusal: Refusal, pathname: string): { status: number; headers: Record<string, string>; body: string } {
  const message = nl.gate.messages[refusal.code];
  const common = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
  if (pathname.startsWith("/api/") || pathname.startsWith("/webhooks/"))
    return {
      status: refusal.status,
      headers: { ...common, "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ error: { code: JSON_CODES[refusal.code] ?? refusal.code, message } }),
    };
  const t = nl.gate;
  const body = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t.title)} – ${escapeHtml(nl.common.appName)}</title></head>
<body><main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(message)}</p><p>${escapeHtml(t.code(refusal.status))}</p><p><a href="/">${escapeHtml(t.toHome)}</a></p></main></body></html>
`;
  return {
    status: refusal.status,
    headers: {
      ...common,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "X-Frame-Options": "DENY",
    },
    body,
  };
}

// ── The Express handler (server.js) ───────────────────────────────────────

/** The request URL as @remix-run/express builds it (Host, or X-Forwarded-Host/-Proto behind a trusted proxy). */
function requestUrl(req: ExpressRequest): URL {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p, 10)).find((p) => Number.isSafeInteger(p));
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
}

function requestHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    if (Array.isArray(values)) for (const v of values) headers.append(key, v);
    else headers.set(key, values);
  }
  return headers;
}

/** Writes Remix's answer to Express's response (as @remix-run/express's sendRemixResponse). */
async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeBody(response.body, res);
  else res.end();
}

/**
 * The body into the response, flushed (through the compression) when the stream has nothing more ready — not after
 * every chunk, as @remix-run/node's writeReadableStreamToWritable does: React hands a page over in ≈ 2 KB chunks, and
 * a gzip flush per chunk cost a 93 KB page ≈ 4 ms of the one Node thread (docs/benchmarks.md, "the workbudget
 * dashboard at 50 users"). Chunks ready together are read in microtasks, before the flush's setImmediate; a deferred
 * part or an event stream's next event still goes out as soon as it is written.
 */
export async function writeBody(
  body: ReadableStream<Uint8Array>,
  res: Pick<ExpressResponse, "write" | "end" | "destroy" | "writableEnded"> & { flush?: () => void },
) {
  const reader = body.getReader();
  let flushPending = false;
  const flushWhenIdle = () => {
    if (flushPending || typeof res.flush !== "function") return;
    flushPending = true;
    setImmediate(() => {
      flushPending = false;
      if (!res.writableEnded) res.flush?.();
    });
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
      flushWhenIdle();
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}

/**
 * A refused request's body is still read to its end and dropped (never
 * kept), up to this much: the client is sending it while the answer comes,
 * and closing the connection under it would lose the answer (a browser
 * shows "connection reset" instead of the page). Past it the connection is
 * closed.
 */
export const DRAIN_MAX_BYTES = 32 * 1024 * 1024;

function sendRefusal(res: ExpressResponse, refusal: Refusal, pathname: string) {
  const r = refusalResponse(refusal, pathname);
  res.writeHead(r.status, r.headers);
  res.end(r.body);
}

/**
 * Answers a refused request whose body may still be arriving. The rest of
 * the body is read and dropped (past DRAIN_MAX_BYTES the connection is
 * closed). The answer goes out at once and a keep-alive connection stays
 * usable; a client that asked for `Connection: close` gets it once its
 * body is in (Node closes the connection right after the answer, which
 * would cut off a body still being sent) — unless that body is announced
 * larger than we would ever drop.
 */
function refuseRequest(req: ExpressRequest, res: ExpressResponse, refusal: Refusal, pathname: string) {
  const send = () => sendRefusal(res, refusal, pathname);
  if (req.complete) return send();
  let seen = 0;
  req.on("data", (chunk: Buffer) => {
    seen += chunk.byteLength;
    if (seen > DRAIN_MAX_BYTES) req.socket.destroy();
  });
  req.resume();
  const declared = Number(req.get("content-length"));
  if (/\bclose\b/i.test(req.get("connection") ?? "") && !(declared > DRAIN_MAX_BYTES)) req.on("end", send);
  else send();
}

/**
 * Reads the body up to maxBytes; "too_large" as soon as it grows past it
 * (the rest is then dropped as it arrives, up to DRAIN_MAX_BYTES in all);
 * "aborted" when the client went away before the end.
 */
function readBody(req: ExpressRequest, maxBytes: number): Promise<Buffer | "too_large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (!over && size > maxBytes) {
        over = true;
        chunks.length = 0;
        resolve("too_large");
      }
      if (!over) chunks.push(chunk);
      if (size > DRAIN_MAX_BYTES) req.socket.destroy();
    });
    req.on("end", () => resolve(over ? "too_large" : Buffer.concat(chunks, size)));
    req.on("error", () => resolve("aborted"));
    req.on("close", () => resolve(req.complete ? (over ? "too_large" : Buffer.concat(chunks, size)) : "aborted"));
  });
}

export interface GatedHandlerOptions {
  build: ServerBuild;
  mode?: string;
  getLoadContext?: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext | Promise<AppLoadContext>;
  limits?: GateLimits;
}

/**
 * server.js's request handler: the gate, then Remix (what
 * @remix-run/express's createRequestHandler does, but with the body read,
 * capped and checked before Remix sees it).
 */
export function createGatedRequestHandler({ build, mode = process.env.NODE_ENV, getLoadContext, limits = GATE_LIMITS }: GatedHandlerOptions) {
  const handleRequest = createRequestHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const url = requestUrl(req);
      const headers = requestHeaders(req);
      const hasBody = !SAFE_METHODS.has(req.method);
      const early = checkQuery(url.search, limits) ?? checkOrigin({ method: req.method, url: url.href, headers, appUrl: process.env.APP_URL });
      if (early) return refuseRequest(req, res, early, url.pathname);

      let body: Buffer | undefined;
      if (hasBody) {
        const contentType = req.get("content-type") ?? "";
        const limit = bodyLimitFor(url.pathname, contentType, limits);
        const declared = Number(req.get("content-length"));
        // Refused before a byte is read.
        if (Number.isFinite(declared) && declared > limit.maxBytes) return refuseRequest(req, res, refuse(413, limit.refusal), url.pathname);
        const read = await readBody(req, limit.maxBytes);
        if (read === "aborted") return;
        if (read === "too_large") return refuseRequest(req, res, refuse(413, limit.refusal), url.pathname);
        const refusal = checkBody(read, contentType, limits);
        if (refusal) return sendRefusal(res, refusal, url.pathname);
        body = read;
        headers.delete("transfer-encoding");
        headers.set("content-length", String(body.byteLength));
      }

      let controller: AbortController | null = new AbortController();
      // Abort loaders/actions when the answer can no longer be written (close without finish).
      res.on("finish", () => (controller = null));
      res.on("close", () => controller?.abort());
      const request = new Request(url.href, { method: req.method, headers, body, signal: controller.signal });
      // The request log's id (app/lib/request-log.server.ts) for audit events and the error page's reference.
      const loadContext = { ...(await getLoadContext?.(req, res)), requestId: (res.locals.requestId as string | undefined) ?? null };
      await sendResponse(res, await handleRequest(request, loadContext));
    } catch (error) {
      next(error);
    }
  };
}
