// Starts the built app for Playwright on a fresh embedded database with the
// demo data (or on E2E_DATABASE_URL when set).
import { spawnSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const env = { ...process.env, NODE_ENV: "production", INSECURE_COOKIES: "true", MFA_ENCRYPTION_KEY: process.env.MFA_ENCRYPTION_KEY ?? "0".repeat(64) };
if (process.env.E2E_DATABASE_URL) {
  env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  env.MIGRATE_ON_START = "true";
} else {
  const dir = path.resolve(".data", "e2e", "pglite");
  rmSync(path.dirname(dir), { recursive: true, force: true });
  env.PGLITE_DATA_DIR = dir;
  delete env.DATABASE_URL;
}
const seed = spawnSync("pnpm", ["exec", "tsx", "scripts/seed.ts", "--force-demo"], { env, stdio: "inherit" });
if (seed.status !== 0) process.exit(seed.status ?? 1);
const server = spawn("node", ["server.js"], { env, stdio: "inherit" });
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => server.kill(s));
server.on("exit", (code) => process.exit(code ?? 0));
