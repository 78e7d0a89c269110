// Prints the demo's MFA_ENCRYPTION_KEY (used by scripts/demo.sh). Made once —
// 32 random bytes, hex, in a file only its owner may read (0600) — and reused
// on every restart, so TOTP secrets sealed earlier stay readable. Usage:
// node scripts/demo-key.mjs [file]   (default .data/demo-mfa-key)
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

const file = path.resolve(process.argv[2] ?? ".data/demo-mfa-key");
const existing = existsSync(file) ? readFileSync(file, "utf8").trim() : "";
if (existing && !/^[0-9a-f]{64}$/i.test(existing)) {
  console.error(
    `${file} bevat geen geldige sleutel (64 hexadecimale tekens). Verwijder het bestand alleen als er geen tweestapsverificatie is ingesteld die je wilt bewaren.`,
  );
  process.exit(1);
}
let key = existing;
if (!key) {
  key = randomBytes(32).toString("hex");
  mkdirSync(path.dirname(file), { recursive: true });
  // Written under another name and renamed: never a half-written key file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${key}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  console.error(`Demosleutel voor tweestapsverificatie aangemaakt: ${path.relative(process.cwd(), file)}`);
}
chmodSync(file, 0o600);
process.stdout.write(key);
