// Seals TOTP secrets at rest with AES-256-GCM. Production must set
// MFA_ENCRYPTION_KEY (32 bytes, hex or base64); development derives a fixed key.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** Why the configured MFA_ENCRYPTION_KEY cannot be used, or null when it can. */
export type MfaKeyProblem = "missing" | "wrong_length";

function parseKey(raw: string): Buffer | null {
  const k = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  return k.length === 32 ? k : null;
}

/**
 * Checked by the server before it listens (entry.server ready()), so a
 * production start without a usable key stops at once instead of failing
 * on the MFA pages later.
 */
export function mfaKeyProblem(raw = process.env.MFA_ENCRYPTION_KEY, production = process.env.NODE_ENV === "production"): MfaKeyProblem | null {
  if (raw) return parseKey(raw) ? null : "wrong_length";
  return production ? "missing" : null;
}

function key(): Buffer {
  const raw = process.env.MFA_ENCRYPTION_KEY;
  if (raw) {
    const k = parseKey(raw);
    if (!k) throw new Error("MFA_ENCRYPTION_KEY must be 32 bytes (64 hex characters or base64)");
    return k;
  }
  if (process.env.NODE_ENV === "production") throw new Error("MFA_ENCRYPTION_KEY is required in production");
  return createHash("sha256").update("wijkwerk-development-only-mfa-key").digest();
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(".");
}

export function unseal(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1") throw new Error("unknown sealed format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
}
