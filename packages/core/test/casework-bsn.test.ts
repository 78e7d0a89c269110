// The BSN: 11-proef, AES-256-GCM round trip, a wrong key or an altered
// ciphertext fails, the key file is created with mode 0600, the mask.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { bsnKey, decryptBsn, encryptBsn, isValidBsn, maskBsn, maskedStoredBsn } from "../src/casework/bsn";

const saved = { key: process.env.CASEWORK_BSN_KEY, file: process.env.CASEWORK_BSN_KEY_FILE };
afterEach(() => {
  for (const [name, value] of [
    ["CASEWORK_BSN_KEY", saved.key],
    ["CASEWORK_BSN_KEY_FILE", saved.file],
  ] as const)
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
});

describe("BSN", () => {
  it("11-proef", () => {
    expect(isValidBsn("111222333")).toBe(true);
    expect(isValidBsn("123456782")).toBe(true);
    expect(isValidBsn("1234.56.782")).toBe(true);
    expect(isValidBsn("12345678")).toBe(false); // → 012345678, fails the proef
    expect(isValidBsn("123456789")).toBe(false);
    expect(isValidBsn("000000000")).toBe(false);
    expect(isValidBsn("12345678a")).toBe(false);
    expect(isValidBsn("1234567820")).toBe(false);
  });

  it("round trip; another key or an altered text fails; each encryption differs", () => {
    const key = randomBytes(32);
    const stored = encryptBsn("123456782", key);
    expect(stored).not.toContain("123456782");
    expect(encryptBsn("123456782", key)).not.toBe(stored);
    expect(decryptBsn(stored, key)).toBe("123456782");
    expect(() => decryptBsn(stored, randomBytes(32))).toThrow();
    const raw = Buffer.from(stored.slice(3), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => decryptBsn(`v1:${raw.toString("base64")}`, key)).toThrow();
    expect(maskBsn("123456782")).toBe("******782");
  });

  it("the key comes from CASEWORK_BSN_KEY, else a key file created with mode 0600; a wrong key shows 'unreadable'", () => {
    const envKey = randomBytes(32);
    process.env.CASEWORK_BSN_KEY = envKey.toString("base64");
    const stored = encryptBsn("111222333");
    expect(decryptBsn(stored, envKey)).toBe("111222333");
    process.env.CASEWORK_BSN_KEY = randomBytes(16).toString("base64");
    expect(() => bsnKey()).toThrow(/32 bytes/);

    delete process.env.CASEWORK_BSN_KEY;
    const file = path.join(mkdtempSync(path.join(tmpdir(), "bsn-")), "sub", "casework-bsn.key");
    process.env.CASEWORK_BSN_KEY_FILE = file;
    const fromFile = bsnKey();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64").equals(fromFile)).toBe(true);
    expect(maskedStoredBsn(stored)).toBe("unreadable");
    expect(maskedStoredBsn(encryptBsn("111222333"))).toBe("******333");
    expect(maskedStoredBsn(null)).toBeNull();
  });
});
