// Multipart forms with one file: parsed in memory with a cap per file. A file
// over the cap is not kept, but the rest of it is read and dropped, so the
// parse goes on, the other fields survive (the form comes back filled in) and
// the browser receives the answer instead of a reset connection. A text
// field over its cap is kept cut short and named in `tooLong` (the form says
// so next to it) instead of failing the whole request. The request gate
// (request-gate.server.ts) has already capped the body as a whole.
import { unstable_composeUploadHandlers, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

/** Text fields are small; anything larger is not from our forms. */
const MAX_TEXT_FIELD_BYTES = 64 * 1024;
/** Past this a request is abuse, not a too-large scan: stop reading (413). */
const MAX_DRAINED_BYTES = 100 * 1024 * 1024;

export interface UploadForm {
  formData: FormData;
  /** Names of file fields whose file exceeded the cap (the file itself is left out). */
  tooLarge: string[];
  /** Names of text fields over MAX_TEXT_FIELD_BYTES (their value is kept cut short). */
  tooLong: string[];
}

export async function parseUploadForm(request: Request, maxFileBytes: number): Promise<UploadForm> {
  const tooLarge: string[] = [];
  const tooLong: string[] = [];
  const cappedFile: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (filename === undefined) return undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > MAX_DRAINED_BYTES) throw new Response("Het bestand is te groot.", { status: 413 });
      if (size <= maxFileBytes) chunks.push(chunk);
    }
    if (size > maxFileBytes) {
      tooLarge.push(name);
      return undefined;
    }
    return new File(chunks, filename, { type: contentType });
  };
  const cappedText: UploadHandler = async ({ name, filename, data }) => {
    if (filename !== undefined) return undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      if (size < MAX_TEXT_FIELD_BYTES) chunks.push(chunk.subarray(0, MAX_TEXT_FIELD_BYTES - size));
      size += chunk.byteLength;
    }
    const text = new TextDecoder().decode(Buffer.concat(chunks));
    if (size <= MAX_TEXT_FIELD_BYTES) return text;
    tooLong.push(name);
    // Cut at the cap: drop a character the cut split in two.
    return text.replace(/\uFFFD$/, "");
  };
  const handler = unstable_composeUploadHandlers(cappedFile, cappedText);
  return { formData: await unstable_parseMultipartFormData(request, handler), tooLarge, tooLong };
}

/** The request's form, whether it was sent as multipart (a file) or urlencoded. */
export async function readForm(request: Request, maxFileBytes: number): Promise<UploadForm> {
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return parseUploadForm(request, maxFileBytes);
  return { formData: await request.formData(), tooLarge: [], tooLong: [] };
}
