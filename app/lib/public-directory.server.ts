// Everything the public team finder (/buurt) needs around its loaders: the
// per-process directory copy, a per-IP rate limit, and cache headers (ETag,
// Cache-Control) so browsers and proxies can reuse a page. These pages never
// read the session and never set a cookie (see also root.tsx).
import { createHash } from "node:crypto";
import { data } from "@remix-run/node";
import { createDirectoryCache, DirectoryNotFoundError, DirectoryUnavailableError, type Directory } from "@wijkwerk/core/neighbourhood";
import { getDb } from "~/db.server";
import { logError } from "./logger.server";

const numberFromEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n >= 0 && process.env[name] !== "" && process.env[name] !== undefined ? n : fallback;
};

/**
 * The directory copy: fresh for PUBLIC_DIRECTORY_TTL_SECONDS (default 60);
 * after that a request waits at most 1 s for a new copy, else gets the last
 * one. A change by a coordinator or the admin in this process invalidates it.
 */
export const publicDirectory = createDirectoryCache({
  ttlMs: numberFromEnv("PUBLIC_DIRECTORY_TTL_SECONDS", 60) * 1000,
  staleWaitMs: 1000,
  firstWaitMs: 5000,
  statementTimeoutMs: 3000,
});

/**
 * A fixed-window counter per client IP, in this process: at most
 * PUBLIC_RATE_LIMIT requests per minute (default 120) on the public pages.
 * Small on purpose: at most 10,000 addresses are tracked; when full, expired
 * windows are dropped first, then the whole table (a restart has the same effect).
 */
export function createRateLimiter(limit: number, windowMs: number, maxKeys = 10_000, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Null when allowed, else the seconds to wait. */
    hit(key: string): number | null {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        if (!w && windows.size >= maxKeys) {
          for (const [k, v] of windows) if (t - v.start >= windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.clear();
        }
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count > limit ? Math.max(1, Math.ceil((w.start + windowMs - t) / 1000)) : null;
    },
  };
}

const limiter = createRateLimiter(numberFromEnv("PUBLIC_RATE_LIMIT", 120), 60_000);

/** The directory for a public loader, after the rate limit; 429/503/404 as Responses for the page's error boundary. */
export async function publicDirectoryFor(request: Request, context: unknown): Promise<Directory> {
  const ip = (context as { ip?: string | null } | undefined)?.ip ?? "unknown";
  const wait = limiter.hit(ip);
  if (wait !== null) throw new Response("Te veel verzoeken", { status: 429, headers: { "Retry-After": String(wait), "Cache-Control": "no-store" } });
  try {
    return await publicDirectory.get(await getDb(), process.env.PUBLIC_MUNICIPALITY || null);
  } catch (error) {
    if (error instanceof DirectoryUnavailableError) {
      logError("Openbare teamgids: database niet bereikbaar", error.cause ?? error);
      throw new Response("Even niet beschikbaar", { status: 503, headers: { "Retry-After": "30", "Cache-Control": "no-store" } });
    }
    if (error instanceof DirectoryNotFoundError) throw new Response("Niet gevonden", { status: 404 });
    throw error;
  }
}

/**
 * The loader's answer with an ETag over its data and a short public cache
 * lifetime; entry.server.tsx answers 304 when the browser already has it.
 */
export function publicData<T>(value: T) {
  const etag = `"${createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 27)}"`;
  return data(value, { headers: { ETag: etag, "Cache-Control": "public, max-age=60, stale-while-revalidate=300" } });
}
