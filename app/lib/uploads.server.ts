// Multipart forms with files: read with a cap on the whole body, then parsed
// by the platform's FormData parser (undici, in Node), then capped per file.
// A file over the cap is left out and named in `tooLarge`, so the other
// fields survive (the form comes back filled in) and the browser receives
// the answer instead of a reset connection. A text field over its cap is
// kept cut short and named in `tooLong` (the form says so next to it) instead
// of failing the whole request. The request gate (request-gate.server.ts) has
// already capped the body as a whole.
//
// Why not Remix's unstable_parseMultipartFormData: its parser
// (@web3-storage/multipart-parser) splits the Content-Disposition header on
// every ";" and "=", quoted or not, so a file named "rekening; deel 2.pdf"
// or "a=b.pdf" threw "malformed content-disposition header" (a 500). The
// platform parser reads quoted names as RFC 7578 and browsers send them.

import { readFormData } from "~/lib/form.server";

/** Text fields are small; anything larger is not from our forms. */
const MAX_TEXT_FIELD_BYTES = 64 * 1024;
/** The most a multipart form of ours can hold (three 5 MB files, with room for a too-large one to be reported). */
const MAX_FORM_BYTES = 32 * 1024 * 1024;
/** Past this a request is abuse, not a too-large scan: stop reading (413). */
const MAX_DRAINED_BYTES = 100 * 1024 * 1024;

export interface UploadForm {
  formData: FormData;
  /** Names of file fields whose file exceeded the cap (the file itself is left out). */
  tooLarge: string[];
  /** Names of text fields over MAX_TEXT_FIELD_BYTES (their value is kept cut short). */
  tooLong: string[];
}

const tooLargeResponse = () => new Response("Het formulier is te groot.", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
const unreadableResponse = () =>
  new Response("Het formulier kon niet worden gelezen.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** The body's bytes up to `limit`; above it the rest is read and dropped (up to MAX_DRAINED_BYTES) and the answer is 413. */
async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_DRAINED_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLargeResponse();
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) throw tooLargeResponse();
  return Buffer.concat(chunks);
}

export async function parseUploadForm(request: Request, maxFileBytes: number): Promise<UploadForm> {
  const bytes = await readBody(request, MAX_FORM_BYTES);
  let parsed: FormData;
  try {
    parsed = await new Request(request.url, { method: "POST", headers: { "Content-Type": request.headers.get("Content-Type") ?? "" }, body: bytes }).formData();
  } catch {
    // Not multipart as the header says (a broken body or boundary): the client's fault, not ours.
    throw unreadableResponse();
  }
  const formData = new FormData();
  const tooLarge: string[] = [];
  const tooLong: string[] = [];
  for (const [name, value] of parsed.entries()) {
    if (typeof value === "string") {
      if (Buffer.byteLength(value) > MAX_TEXT_FIELD_BYTES) {
        tooLong.push(name);
        // Cut at the cap: drop a character the cut split in two.
        formData.append(name, new TextDecoder().decode(Buffer.from(value).subarray(0, MAX_TEXT_FIELD_BYTES)).replace(/\uFFFD$/, ""));
      } else formData.append(name, value);
    } else if (value.size > maxFileBytes) {
      tooLarge.push(name);
    } else {
      formData.append(name, value, value.name);
    }
  }
  return { formData, tooLarge, tooLong };
}

/** The request's form, whether it was sent as multipart (a file) or urlencoded. */
export async function readForm(request: Request, maxFileBytes: number): Promise<UploadForm> {
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return parseUploadForm(request, maxFileBytes);
  return { formData: await readFormData(request), tooLarge: [], tooLong: [] };
}
