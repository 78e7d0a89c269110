// The structured log (docs/operations.md, "Logboek (pino)"): JSON lines on
// stdout, one per request plus errors and jobs. A log line carries ids only
// — the request id, the Remix route id, the user's and the tenant's ids —
// never a name, an e-mail address, a query string or a request body.
// NODE_ENV=development prints it readable through pino-pretty (a dev
// dependency); LOG_LEVEL sets the level (default info; "silent" for none).
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";

function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? "info";
  const base = { service: "wijkwerk" };
  if (process.env.NODE_ENV === "development")
    return pino({ level, base, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,service" } } });
  return pino({ level, base, timestamp: pino.stdTimeFunctions.isoTime });
}

export const logger: Logger = createLogger();

/** What the request's log line knows about its request; the checkpoint adds who asks and for which tenant. */
export interface RequestState {
  requestId: string;
  userId?: string;
  municipalityId?: string;
  teamId?: string;
  partnerId?: string;
}

const requestState = new AsyncLocalStorage<RequestState>();

/** The state of the request being handled (null outside a request: jobs, scripts, tests). */
export function currentRequest(): RequestState | null {
  return requestState.getStore() ?? null;
}

/** Runs the rest of a request with its state, so the checkpoint and error handlers can reach it. */
export function runInRequest<T>(state: RequestState, fn: () => T): T {
  return requestState.run(state, fn);
}

/** Called by the checkpoint once it knows who asks and for which tenant: ids only. */
export function noteRequestIds(ids: Omit<Partial<RequestState>, "requestId">): void {
  const state = requestState.getStore();
  if (!state) return;
  for (const [key, value] of Object.entries(ids) as [keyof RequestState, string | undefined][]) if (value) state[key] = value;
}

/** An id a proxy may hand us: short, and only characters that cannot break a log line or a header. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request's id: the proxy's `X-Request-Id` when the proxy is trusted
 * (TRUST_PROXY set) and the id looks like one, else a new UUID. A client
 * that talks to us directly cannot choose its id (it would forge
 * references in the audit log).
 */
export function requestIdFor(header: string | string[] | undefined, trustProxy = !!process.env.TRUST_PROXY): string {
  const offered = Array.isArray(header) ? header[0] : header;
  if (trustProxy && offered && REQUEST_ID.test(offered)) return offered;
  return randomUUID();
}

/**
 * drizzle's query errors carry the query's parameters in their message
 * ("Failed query: …\nparams: …"): names, e-mail addresses, texts. The log
 * keeps the SQL and drops the values.
 */
function withoutParams(text: string | undefined): string | undefined {
  if (!text) return text;
  const at = text.indexOf("\nparams:");
  return at === -1 ? text : `${text.slice(0, at)}\nparams: (weggelaten)`;
}

/** Serialises an error for a log line: its name, message, code, stack and cause, nothing of the request. */
export function errorFields(error: unknown, depth = 0): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: withoutParams(error.message),
      ...(typeof code === "string" ? { code } : {}),
      stack: withoutParams(error.stack),
      ...(error.cause !== undefined && depth < 3 ? { cause: errorFields(error.cause, depth + 1) } : {}),
    };
  }
  return { message: String(error) };
}

/** Logs an error with the current request's id (when there is one). */
export function logError(message: string, error: unknown, fields: Record<string, unknown> = {}): void {
  const state = currentRequest();
  logger.error({ ...(state ? { requestId: state.requestId } : {}), ...fields, error: errorFields(error) }, message);
}
