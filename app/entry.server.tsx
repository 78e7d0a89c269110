import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { mfaKeyProblem } from "@wijkwerk/core/accounts";
import {
  checkReadiness,
  startBackgroundWork as startJobs,
  wijkwerkJobs,
  type BackgroundWork,
  type BackgroundWorkOptions,
  type Readiness,
} from "@wijkwerk/core/jobs";
import { dbReady, getDbHandle } from "./db.server";
import { startupErrors } from "./i18n/nl/common";
import { hasDeferredData } from "./lib/deferred-data";
import { logError, logger } from "./lib/logger.server";
import { timeJob } from "./lib/metrics.server";
import { testClockFromEnv } from "./lib/test-clock.server";

export const streamTimeout = 5_000;

/** A configuration error that stops the server before it listens; server.js prints only its message. */
export class StartupError extends Error {
  readonly startup = true;
}

/**
 * Called by server.js before it listens: a production build without a usable
 * MFA_ENCRYPTION_KEY refuses to start (otherwise the MFA pages answer 500 and
 * the roles that require MFA cannot log in), then the database is opened.
 */
export async function ready(): Promise<void> {
  const problem = mfaKeyProblem();
  if (problem) throw new StartupError(startupErrors[problem]);
  await dbReady();
}

/** server.js's request handler: the request gate (limits, origin check), then Remix. */
export { createGatedRequestHandler } from "./lib/request-gate.server";
/** server.js's request log (one JSON line per request, the request id) and the metrics (docs/operations.md). */
export { createRequestLogger, routeIdFor, routeTree } from "./lib/request-log.server";
export { logger, logError } from "./lib/logger.server";
export { metricsHandler, recordJob, timeJob, setQueueLagProbe } from "./lib/metrics.server";

/**
 * Remix calls this for every error a loader, action or render throws: one
 * log line with the request's id (the 500 page shows it as its reference).
 * A request the client aborted is no error.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  logError("Fout bij het afhandelen van een verzoek", error);
}

/**
 * The background work of this process (server.js, roles worker and all): on
 * PostgreSQL a graphile-worker runner and the scheduler that enqueues the due
 * slots; on PGlite the in-process runner (packages/core/src/jobs, docs/operations.md).
 */
let background: BackgroundWork | undefined;
export async function startBackgroundWork(opts: BackgroundWorkOptions = {}): Promise<BackgroundWork> {
  const handle = await getDbHandle();
  // A worker migrates the queue's own schema (graphile_worker) before it takes jobs.
  // Every run is counted and timed for /metrics; the jobs' lines go to the structured log.
  // A debug line per finished run names its job and slot: which instance ran which slot (LOG_LEVEL=debug).
  const jobs = wijkwerkJobs().map((job) => ({
    ...job,
    run: async (db: Parameters<typeof job.run>[0], at: Date) => {
      const line = await timeJob(job.name, () => job.run(db, at));
      logger.debug({ job: job.name, slot: at.toISOString() }, "Achtergrondtaak uitgevoerd");
      return line;
    },
  }));
  background = await startJobs(handle, jobs, {
    log: (line) => logger.info({ job: true }, line),
    logError: (message, error) => logError(message, error),
    // Tests only (NODE_ENV=test and WIJKWERK_TEST_CLOCK_FILE): a simulated clock for the scheduler.
    ...testClockFromEnv(process.env, (message) => logger.warn(message)),
    ...opts,
  });
  return background;
}

/** /readyz: the database answers, its migrations are current, the job queue is there. */
export async function readiness(): Promise<Readiness> {
  const handle = await getDbHandle();
  return checkReadiness(handle.db, { kind: handle.kind, inProcessRunnerAlive: background?.alive() ?? false });
}

/** The last step of a graceful shutdown: the database connections. */
export { closeDb } from "./db.server";

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
/**
 * The team card page in Stripe mode, for the coordinator (its loader sets
 * secureDisplay): Stripe.js from js.stripe.com, its iframes from there, and
 * its calls to api.stripe.com (the ephemeral key nonce, the card details).
 * Every other page keeps the strict policy above.
 */
const CSP_STRIPE_JS =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline' https://js.stripe.com; frame-src https://js.stripe.com; connect-src 'self' https://api.stripe.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
const CARD_ROUTE = "routes/t.$team.kaart";

function needsStripeJs(remixContext: EntryContext): boolean {
  const data = remixContext.staticHandlerContext.loaderData?.[CARD_ROUTE] as { secureDisplay?: { publishableKey?: string | null } | null } | undefined;
  return !!data?.secureDisplay?.publishableKey;
}

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

export function handleDataRequest(response: Response) {
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** Whether If-None-Match names this ETag (weak or strong: compression may weaken it). */
function etagMatches(ifNoneMatch: string | null, etag: string | null): boolean {
  if (!ifNoneMatch || !etag) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  // Pages whose loader says "public" (the team finder /buurt: no session, no personal data) keep their
  // Cache-Control and ETag, and a browser that has this version gets 304 without a render. Every other page: no-store.
  const cacheControl =
    responseStatusCode === 200 && responseHeaders.get("Cache-Control")?.startsWith("public") ? responseHeaders.get("Cache-Control")! : "no-store";
  if (cacheControl !== "no-store" && etagMatches(request.headers.get("If-None-Match"), responseHeaders.get("ETag"))) {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) responseHeaders.set(k, v);
    return new Response(null, { status: 304, headers: responseHeaders });
  }
  if (cacheControl === "no-store") responseHeaders.delete("ETag");
  // A page with deferred data (an <Await>) streams: its shell first, each deferred part when it comes. Every other
  // page is sent whole once rendered — the same moment for the reader, and one piece through the compression and
  // the socket instead of React's ≈ 2 KB chunks each through the streams (docs/benchmarks.md, "the workbudget
  // dashboard at 50 users"). Bots always get the whole page.
  const whole = isbot(request.headers.get("user-agent") ?? "") || !hasDeferredData(remixContext);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const headers = () => {
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      responseHeaders.set("Cache-Control", cacheControl);
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) responseHeaders.set(k, v);
      if (needsStripeJs(remixContext)) responseHeaders.set("Content-Security-Policy", CSP_STRIPE_JS);
      return responseHeaders;
    };
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      onShellReady() {
        shellRendered = true;
        if (whole) return;
        const body = new PassThrough();
        resolve(new Response(createReadableStreamFromReadable(body), { headers: headers(), status: responseStatusCode }));
        pipe(body);
      },
      onAllReady() {
        if (!whole) return;
        const chunks: Buffer[] = [];
        const body = new PassThrough();
        body.on("data", (chunk: Buffer) => chunks.push(chunk));
        body.on("end", () => resolve(new Response(Buffer.concat(chunks), { headers: headers(), status: responseStatusCode })));
        body.on("error", reject);
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) logError("Fout bij het renderen van een pagina", error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
