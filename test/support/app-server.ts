// The built app as production runs it — `node server.js` over a real socket,
// the request gate included — on a fresh, migrated PostgreSQL test database.
// Route tests that call createRequestHandler directly bypass server.js; use
// this where what server.js does matters. Run `pnpm build` first.
//
//   const app = await startAppServer();            // a free port
//   const res = await fetch(`${app.url}/healthz`);
//   await app.stop();                              // stops the server, drops the database
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { municipalitySettings, type Database } from "@wijkwerk/db";
import { seedDemo } from "../../db/src/seed/demo";
import { seedBusinessCaseDemo, seedCaseworkDemo, seedSocialMapDemo, seedWorkbudgetDemo, seedWorkgroupsDemo } from "@wijkwerk/core/demo";
import { createTestDatabase, type TestDatabase } from "../../packages/core/test/db";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface AppServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  port: number;
  /** The server's database (also open here, for arranging and checking data). */
  db: TestDatabase;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL) and drops the database if this helper created it. */
  stop(): Promise<void>;
  /** The server process's id (the first of several under WEB_CONCURRENCY). */
  pid: number;
  /** Its exit code, once it has exited. */
  exited: Promise<number | null>;
}

export interface AppServerOptions {
  /** Default: a free port. */
  port?: number;
  /** An existing database (not dropped by stop()); default: a fresh one. */
  db?: TestDatabase;
  /** Arranges data in the database before the server starts. */
  seed?: (db: Database) => Promise<void>;
  /** Overrides of the server's environment; undefined removes a variable. */
  env?: Record<string, string | undefined>;
  /** How long to wait for /healthz (ms). */
  startTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL (ms, default 5000). */
  stopGraceMs?: number;
}

/** Variables of the test process that must not leak into the server unless asked for. */
const INHERITED_OUT = [
  "DATABASE_URL",
  "PGLITE_DATA_DIR",
  "MIGRATE_ON_START",
  "APP_URL",
  "TRUST_PROXY",
  "METRICS_TOKEN",
  "SMTP_URL",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_PUBLISHABLE_KEY",
  "STRIPE_API_HOST",
  "STRIPE_API_PORT",
  "STRIPE_API_PROTOCOL",
  "HOST",
  "PORT",
];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startAppServer(opts: AppServerOptions = {}): Promise<AppServer> {
  if (!existsSync(path.join(ROOT, "build/index.js"))) throw new Error("build/index.js is missing: run `pnpm build` before this test.");
  const ownDb = !opts.db;
  const db = opts.db ?? (await createTestDatabase("postgres"));
  try {
    await opts.seed?.(db.db);
  } catch (error) {
    if (ownDb) await db.drop();
    throw error;
  }
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of INHERITED_OUT) delete env[name];
  Object.assign(env, {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: db.url ?? undefined,
    // Plain http: the session cookie cannot be Secure here.
    INSECURE_COOKIES: "true",
    MFA_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    APP_URL: url,
    ...opts.env,
  });
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];

  let output = "";
  const child = spawn(process.execPath, ["server.js"], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const stop = async () => {
    if (!hasExited) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), opts.stopGraceMs ?? 5000);
      await exited;
      clearTimeout(killer);
    }
    if (ownDb) await db.drop();
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  for (;;) {
    if (hasExited) {
      await stop();
      throw new Error(`node server.js stopped before /healthz answered:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`/healthz did not answer within ${opts.startTimeoutMs ?? 30_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, db, output: () => output, stop, pid: child.pid!, exited };
}

/**
 * A `seed` for startAppServer: the whole demo (teams, buurten, workbudget,
 * workgroups), with no role required to use TOTP, so a test logs in as any
 * demo account with the password alone.
 */
export async function seedDemoWithoutMfa(db: Database): Promise<void> {
  await seedDemo(db);
  await seedWorkbudgetDemo(db);
  await seedWorkgroupsDemo(db);
  await seedSocialMapDemo(db);
  await seedCaseworkDemo(db);
  await seedBusinessCaseDemo(db);
  await db.update(municipalitySettings).set({ mfaRequiredRoles: [] });
}
