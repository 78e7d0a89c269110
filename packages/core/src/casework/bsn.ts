// The BSN (burgerservicenummer) of a household member: recorded only when a
// provision needs it, validated with the 11-proef, encrypted at rest with
// AES-256-GCM under a key that never enters the database, and shown masked.
//
// The key: env CASEWORK_BSN_KEY (base64 of 32 bytes), or else the key file
// (env CASEWORK_BSN_KEY_FILE, default `.data/casework-bsn.key`), created with
// mode 0600 on first use. Losing the key makes every stored BSN unreadable;
// the rest of the file stays readable (docs/dpia.md).
//
// Stored form: "v1:" + base64(iv[12] | tag[16] | ciphertext). The mask shows
// the last three digits only ("******789"): enough for a professional to
// check a letter against the file, too few to identify anyone.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DEFAULT_BSN_KEY_FILE = ".data/casework-bsn.key";

/** A BSN as typed ("1234.56.782", " 123456782 ") without separators; 8 digits get their leading zero. */
export function normaliseBsn(input: string): string {
  const digits = input.replace(/[\s.-]/g, "");
  return /^\d{8}$/.test(digits) ? `0${digits}` : digits;
}

/** The 11-proef: 9 digits, 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11, and not all zeros. */
export function isValidBsn(input: string): boolean {
  const bsn = normaliseBsn(input);
  if (!/^\d{9}$/.test(bsn) || /^0+$/.test(bsn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0;
}

/** "******789": the last three digits. */
export const maskBsn = (bsn: string): string => `******${normaliseBsn(bsn).slice(-3)}`;

function decodeKey(base64: string, source: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32) throw new Error(`${source}: the BSN key must be 32 bytes (base64)`);
  return key;
}

let fileKey: { file: string; key: Buffer } | undefined;

/** The key from the environment, or from the key file (created with mode 0600 when there is none). */
export function bsnKey(): Buffer {
  const fromEnv = process.env.CASEWORK_BSN_KEY;
  if (fromEnv) return decodeKey(fromEnv, "CASEWORK_BSN_KEY");
  const file = path.resolve(process.env.CASEWORK_BSN_KEY_FILE || DEFAULT_BSN_KEY_FILE);
  if (fileKey?.file === file) return fileKey.key;
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // "wx": never overwrite a key another process has just written.
      writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    chmodSync(file, 0o600);
  }
  fileKey = { file, key: decodeKey(readFileSync(file, "utf8"), file) };
  return fileKey.key;
}

/** Encrypts a valid BSN (normalised first). */
export function encryptBsn(bsn: string, key: Buffer = bsnKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(normaliseBsn(bsn), "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
}

/** Decrypts a stored BSN; throws when the key is not the one it was encrypted with, or the text was altered. */
export function decryptBsn(stored: string, key: Buffer = bsnKey()): string {
  const [version, payload] = stored.split(":", 2);
  if (version !== VERSION || !payload) throw new Error("unknown BSN ciphertext format");
  const raw = Buffer.from(payload, "base64");
  if (raw.length <= IV_BYTES + TAG_BYTES) throw new Error("BSN ciphertext too short");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

/** The masked BSN of a stored ciphertext, or "unreadable" when the key does not open it. */
export function maskedStoredBsn(stored: string | null): string | null | "unreadable" {
  if (!stored) return null;
  try {
    return maskBsn(decryptBsn(stored));
  } catch {
    return "unreadable";
  }
}
