import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { createSmtpTransport, deliverOutbox } from "@wijkwerk/core/notifications";
import { mfaKeyProblem } from "@wijkwerk/core/accounts";
import { createStripeClient, deliverStripeOutbox, stripeSettingsFromEnv, type StripeSyncResult } from "@wijkwerk/core/cards";
import { digestHour, sendDueDigests } from "@wijkwerk/core/workgroups";
import { overdueReminderDays, sendDueEvaluationReminders, type ReminderResult } from "@wijkwerk/core/workbudget";
import { sealAuditChains } from "@wijkwerk/core/audit";
import { sendTimeRegistrationReminders } from "@wijkwerk/core/partners";
import { purgeExpiredCasework, type PurgeResult } from "@wijkwerk/core/casework";
import { dbReady, getDb } from "./db.server";
import { startupErrors } from "./i18n/nl/common";
import { logError } from "./lib/logger.server";

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

let smtpTransport: ReturnType<typeof createSmtpTransport> | undefined;

/**
 * One delivery run of the outbox over SMTP_URL, called by server.js on a
 * timer. Null when no SMTP is configured: mail then stays on the dev mailbox.
 */
export async function deliverOutboxOnce(): Promise<{ sent: number; failed: number } | null> {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  smtpTransport ??= createSmtpTransport(url);
  return deliverOutbox(await getDb(), smtpTransport, { from: process.env.MAIL_FROM ?? "Wijkwerk <noreply@wijkwerk.local>" });
}

/** Links the audit events committed since the last run into their chain; called by server.js every second. */
export async function sealAuditOnce(): Promise<number> {
  return sealAuditChains(await getDb());
}

/**
 * One run of the evaluation reminders (in-app notifications and outbox
 * mails), called by server.js on a timer. Needs no SMTP: the mails wait in
 * the outbox like every other mail.
 */
export async function sendEvaluationRemindersOnce(now = new Date()): Promise<ReminderResult & { hoursReminded: number; digests: number }> {
  const db = await getDb();
  const result = await sendDueEvaluationReminders(db, { now, overdueAfterDays: overdueReminderDays(process.env.EVALUATION_OVERDUE_REMINDER_DAYS) });
  // The same scheduler reminds about last week's missing time registrations (once per person × week).
  const hours = await sendTimeRegistrationReminders(db, { now });
  // And queues the workgroup e-mail digests that are due (once per user × day or week).
  const digests = await sendDueDigests(db, { now, digestHour: digestHour(process.env.DIGEST_HOUR) });
  return { ...result, hoursReminded: hours.reminded, digests: digests.daily + digests.weekly };
}

/**
 * One run of the casework retention purge (docs/dpia.md), called by server.js
 * once a day: destroys the households whose retention has passed and writes
 * the destruction log.
 */
export async function purgeCaseworkOnce(now = new Date()): Promise<PurgeResult> {
  return purgeExpiredCasework(await getDb(), now);
}

/**
 * One run of the Stripe outbox (create cardholder/card, update spending
 * controls), called by server.js on a timer. Null when Stripe is not configured.
 */
export async function syncStripeOnce(now = new Date()): Promise<StripeSyncResult | null> {
  const settings = stripeSettingsFromEnv();
  if (!settings) return null;
  return deliverStripeOutbox(await getDb(), createStripeClient(settings), { now });
}

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
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callback]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("Cache-Control", cacheControl);
        for (const [k, v] of Object.entries(SECURITY_HEADERS)) responseHeaders.set(k, v);
        if (needsStripeJs(remixContext)) responseHeaders.set("Content-Security-Policy", CSP_STRIPE_JS);
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
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
