// Turns use-case errors into HTTP: 404 stays 404 (don't reveal), 403 forbidden,
// validation errors go back to the form in Dutch.
import { ForbiddenError } from "@wijkwerk/authz";
import { asDomainError, hasForbiddenCharacter } from "@wijkwerk/core/common";
import type { SubmissionResult } from "@conform-to/react";
import { domainErrorMessage, nl } from "~/i18n/nl";

type Reply = (options?: {
  formErrors?: string[];
  fieldErrors?: Record<string, string[]>;
  hideFields?: string[];
  resetForm?: boolean;
}) => SubmissionResult<string[]>;

/**
 * Runs a use case for a form action; domain errors with status < 500 become
 * Dutch form errors (the typed input stays), forbidden becomes 403.
 */
export async function runForForm<T>(
  reply: Reply,
  fn: () => Promise<T>,
  opts: { hideFields?: string[] } = {},
): Promise<{ ok: true; value: T } | { ok: false; result: SubmissionResult<string[]>; status: number }> {
  try {
    return { ok: true, value: await fn() };
  } catch (caught) {
    if (caught instanceof ForbiddenError) throw new Response("Geen toegang", { status: 403 });
    const e = asDomainError(caught);
    if (e) {
      if (e.status === 404) throw new Response("Niet gevonden", { status: 404 });
      // The privacy guard's message lists what was found (masked); other codes have a fixed Dutch text.
      const fieldErrors = Object.fromEntries(
        Object.entries(e.fieldErrors).map(([k, codes]) => [k, codes.map((c) => (c === e.code && e.detail ? e.detail : domainErrorMessage(c)))]),
      );
      const hasFieldErrors = Object.keys(fieldErrors).length > 0;
      return {
        ok: false,
        status: e.status,
        // With field errors, "the form has errors" above the form: the form kit's error summary then lists and links them.
        result: reply({ formErrors: [hasFieldErrors ? nl.common.formHasErrors : domainErrorMessage(e.code)], fieldErrors, hideFields: opts.hideFields }),
      };
    }
    throw caught;
  }
}

/**
 * Casework pages: whoever may not use them at all (a volunteer) hears 404,
 * like another team, not 403 — a resident's file never confirms it exists.
 */
export function notFoundWhenForbidden(caught: unknown): unknown {
  return caught instanceof ForbiddenError ? new Response("Niet gevonden", { status: 404 }) : caught;
}

/** For loaders/actions outside forms: map domain errors (and refusals caused by a concurrent request) to HTTP responses. */
export function toHttpError(caught: unknown): never {
  if (caught instanceof ForbiddenError) throw new Response("Geen toegang", { status: 403 });
  const e = asDomainError(caught);
  if (e) throw new Response(domainErrorMessage(e.code), { status: e.status });
  throw caught;
}

/** The public address for links in e-mails: APP_URL when set (behind a proxy), else the request's origin. */
export function appBaseUrl(request: Request): string {
  return (process.env.APP_URL ?? new URL(request.url).origin).replace(/\/$/, "");
}

/** The 1-based page number from ?pagina=, defaulting to 1 on anything odd. */
export function pageParam(request: Request): number {
  return Math.max(1, Math.floor(Number(new URL(request.url).searchParams.get("pagina"))) || 1);
}

/**
 * A search box's text from the query string (?q=, ?zoek=). A character the
 * database refuses (NUL) searches nothing and comes with the field's Dutch
 * error, instead of reaching PostgreSQL as a 500.
 */
export function searchParam(request: Request, name: string): { value: string; error: string | null } {
  const raw = new URL(request.url).searchParams.get(name) ?? "";
  if (!hasForbiddenCharacter(raw)) return { value: raw, error: null };
  return { value: "", error: domainErrorMessage("invalid_character") };
}

/** Like runForForm, for buttons without fields: a refused use case becomes one Dutch message. */
export async function runForMessage<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string; status: number }> {
  try {
    return { ok: true, value: await fn() };
  } catch (caught) {
    if (caught instanceof ForbiddenError) throw new Response("Geen toegang", { status: 403 });
    const e = asDomainError(caught);
    if (e && e.status !== 404 && e.status < 500) return { ok: false, message: domainErrorMessage(e.code), status: e.status };
    return toHttpError(caught);
  }
}

/** The headers of a CSV download (the file name reduced to ASCII word characters, dots and dashes). */
const csvHeaders = (filename: string) => ({
  "Content-Type": "text/csv; charset=utf-8",
  "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
  "Cache-Control": "no-store",
});

/** A CSV file download; the BOM makes Excel read UTF-8 (ë, é) correctly. */
export function csvResponse(csv: string, filename: string): Response {
  const body = csv.startsWith("\uFEFF") ? csv : `\uFEFF${csv}`;
  return new Response(body, { headers: csvHeaders(filename) });
}

/** Text chunks as a byte stream, pulled one at a time (a slow client holds back the producer); cancelling stops the producer. */
function textStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return body;
}

/** A CSV download streamed chunk by chunk (the chunks bring their own BOM), so a large file is never held whole. */
export function csvStreamResponse(chunks: AsyncIterable<string>, filename: string): Response {
  const body = textStream(chunks);
  return new Response(body, { headers: { ...csvHeaders(filename), "X-Content-Type-Options": "nosniff" } });
}

/** A JSON document streamed chunk by chunk (a large export is never held whole), as a download. */
export function jsonStreamResponse(chunks: AsyncIterable<string>, filename: string): Response {
  const body = textStream(chunks);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * A stored file as a download: always as an attachment (never rendered in
 * our origin), with the type detected at upload, no sniffing, a sandbox CSP
 * (a PDF opened anyway runs no script with our cookies) and no caching.
 */
export function fileDownloadResponse(file: { fileName: string; contentType: string; bytes: Uint8Array }): Response {
  // filename= for old clients (ASCII only), filename*= (RFC 5987/6266) with the real name.
  const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(file.fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return new Response(file.bytes, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox",
      "Cache-Control": "private, no-store",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
