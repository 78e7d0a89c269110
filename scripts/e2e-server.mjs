// Starts the built app for Playwright (port PORT, default 3100) on a fresh
// embedded database with the demo data — a new PGlite data dir per run under
// .data/e2e-<timestamp> — or on E2E_DATABASE_URL when set. Run `pnpm build` first.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

if (!existsSync("build/index.js")) {
  console.error("build/index.js ontbreekt: voer eerst `pnpm build` uit.");
  process.exit(1);
}

const env = {
  ...process.env,
  PORT: process.env.PORT ?? "3100",
  NODE_ENV: "production",
  // Plain http on 127.0.0.1: the session cookie cannot be Secure here.
  INSECURE_COOKIES: "true",
  MFA_ENCRYPTION_KEY: process.env.MFA_ENCRYPTION_KEY ?? "e2e0".repeat(16),
};
// Links in e-mails (invitations, password reset) point at this server.
env.APP_URL = process.env.APP_URL ?? `http://127.0.0.1:${env.PORT}`;

// This run's folder: the PGlite data (unless E2E_DATABASE_URL) and the specs'
// shared state (TOTP secrets set up during the run, see e2e/fixtures.ts).
const dataRoot = path.resolve(".data");
const runDir = path.join(dataRoot, `e2e-${Date.now()}`);
mkdirSync(runDir, { recursive: true });
// Old runs' folders: keep the last hour's (for debugging), remove the rest.
for (const name of readdirSync(dataRoot)) {
  const dir = path.join(dataRoot, name);
  if (/^e2e-\d+$/.test(name) && dir !== runDir && Date.now() - statSync(dir).mtimeMs > 3600_000) rmSync(dir, { recursive: true, force: true });
}
writeFileSync(path.join(dataRoot, `e2e-current-${env.PORT}`), runDir);

if (process.env.E2E_DATABASE_URL) {
  env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  env.MIGRATE_ON_START = "true";
  delete env.PGLITE_DATA_DIR;
} else {
  env.PGLITE_DATA_DIR = path.join(runDir, "pglite");
  delete env.DATABASE_URL;
}

// Migrations + demo data (the seed refuses production unless forced).
const started = Date.now();
const seed = spawnSync("pnpm", ["exec", "tsx", "scripts/seed.ts", "--force-demo"], { env, stdio: "inherit" });
if (seed.status !== 0) process.exit(seed.status ?? 1);
console.log(`e2e: database ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${env.PGLITE_DATA_DIR ?? "DATABASE_URL"})`);

const server = spawn("node", ["server.js"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
