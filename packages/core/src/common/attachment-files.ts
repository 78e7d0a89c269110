// Uploaded files, shared by spend attachments and workgroup attachments: PDF,
// PNG or JPEG, at most 5 MB; the type comes from the file's first bytes,
// never from the browser's claim or the name; the name is made safe to show
// and to send back in Content-Disposition.
import { createHash } from "node:crypto";
import { z } from "zod";

/** 5 MB; the CHECK constraints in db/migrations/0009_spend_attachments.sql and 0018_workgroup_attachments_digest.sql hold the same number. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_CONTENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

const EXTENSIONS: Record<AttachmentContentType, string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
};
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF_SIGNATURE = [...Buffer.from("%PDF-", "ascii")];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, signature: number[]) => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** The file's type from its magic bytes, or null when it is none of the allowed ones. */
export function detectAttachmentType(bytes: Uint8Array): AttachmentContentType | null {
  if (startsWith(bytes, PDF_SIGNATURE)) return "application/pdf";
  if (startsWith(bytes, PNG_SIGNATURE)) return "image/png";
  if (startsWith(bytes, JPEG_SIGNATURE)) return "image/jpeg";
  return null;
}

/** The name shown and used for downloads when the upload's name has nothing usable left (user-facing, hence Dutch). */
const FALLBACK_STEM = "bijlage";
const MAX_STEM = 100;

/**
 * A file name that is safe to show and to send back in Content-Disposition:
 * no directories, no control, bidi-override or zero-width characters (the
 * "invoice‮fdp.exe" trick), no characters Windows refuses, at most 100
 * characters before the extension, and always the extension of the detected
 * type ("scan.pdf" that is a PNG becomes "scan.pdf.png").
 */
export function sanitiseFileName(raw: string, contentType: AttachmentContentType): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex -- control characters are what this strips from file names
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, "")
    // ";" and "=" stay: legal in names everywhere, and downloads send the name RFC 5987-encoded.
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim();
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : "";
  const allowed = EXTENSIONS[contentType];
  const keepsExt = allowed.includes(ext);
  let stem = keepsExt ? cleaned.slice(0, dot) : cleaned;
  stem = [...stem]
    .slice(0, MAX_STEM)
    .join("")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  return `${stem || FALLBACK_STEM}.${keepsExt ? ext : allowed[0]}`;
}

/** The size and type checks as zod issues on the field "file" (codes: attachment_empty, attachment_too_large, attachment_type_not_allowed). */
export function refineAttachmentFile(bytes: Uint8Array, issue: z.RefinementCtx): void {
  const fail = (code: string) => issue.addIssue({ code: "custom", path: ["file"], params: { code } });
  if (bytes.byteLength === 0) return fail("attachment_empty");
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return fail("attachment_too_large");
  if (!detectAttachmentType(bytes)) return fail("attachment_type_not_allowed");
}

/** The fields of an upload as a use case receives it: the browser's name (cut to 1,000 characters before it is made safe) and the bytes. */
export const uploadedFileFields = {
  fileName: z
    .string()
    .default("")
    .transform((n) => n.slice(0, 1000)),
  bytes: z.instanceof(Uint8Array),
};

/** A checked upload ready to store: the bytes, their detected type, the safe name and the SHA-256 the audit log records. */
export interface StoredFileValues {
  bytes: Uint8Array;
  contentType: AttachmentContentType;
  fileName: string;
  sha256: string;
}

/** What is stored of an upload that passed refineAttachmentFile (so its type is known). */
export function storedFileValues(upload: { fileName: string; bytes: Uint8Array }): StoredFileValues {
  const contentType = detectAttachmentType(upload.bytes)!;
  return {
    bytes: upload.bytes,
    contentType,
    fileName: sanitiseFileName(upload.fileName, contentType),
    sha256: createHash("sha256").update(upload.bytes).digest("hex"),
  };
}

/** One stored file with its bytes, for a download. */
export interface AttachmentFile {
  fileName: string;
  contentType: AttachmentContentType;
  sizeBytes: number;
  sha256: string;
  bytes: Uint8Array;
}

/** A stored row (spend_attachments or workgroup_attachments) as a download. */
export function attachmentFileOf(row: { fileName: string; contentType: string; sizeBytes: number; sha256: string; content: Uint8Array }): AttachmentFile {
  return { fileName: row.fileName, contentType: row.contentType as AttachmentContentType, sizeBytes: row.sizeBytes, sha256: row.sha256, bytes: row.content };
}
