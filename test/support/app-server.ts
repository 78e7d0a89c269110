// The built app as it runs in production — `node server.js` over a real
// socket — on a fresh, migrated test database (packages/core/test/db.ts).
// Tests that need the whole stack (Express, compression, the request gate,
// Remix's request handling) use this instead of calling the build in-process.
// Run `pnpm build` first.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "../../packages/core/test/db";

export interface AppServer {
  /** http://127.0.0.1:<port> */
  url: string;
  db: TestDatabase;
  /** What the server printed (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (APP_SERVER_PORT overrides, for machines with assigned ports). */
async function freePort(): Promise<number> {
  if (process.env.APP_SERVER_PORT) return Number(process.env.APP_SERVER_PORT);
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startAppServer(opts: { seed?: (db: Database) => Promise<void>; env?: Record<string, string> } = {}): Promise<AppServer> {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  if (!existsSync(path.join(root, "build/index.js"))) throw new Error("build/index.js is missing: run `pnpm build` first.");
  const db = await createTestDatabase("postgres");
  let child: ChildProcess | null = null;
  let output = "";
  try {
    await opts.seed?.(db.db);
    const port = await freePort();
    child = spawn(process.execPath, ["server.js"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: db.url!,
        INSECURE_COOKIES: "true",
        MFA_ENCRYPTION_KEY: "7e57".repeat(16),
        APP_URL: `http://127.0.0.1:${port}`,
        ...opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server.js exited (${child.exitCode}):\n${output}`);
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`server.js did not answer /healthz within 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const proc = child;
    return {
      url,
      db,
      output: () => output,
      async stop() {
        if (proc.exitCode === null) {
          const exited = new Promise((r) => proc.once("exit", r));
          proc.kill("SIGTERM");
          await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
          if (proc.exitCode === null) proc.kill("SIGKILL");
        }
        await db.drop();
      },
    };
  } catch (e) {
    child?.kill("SIGKILL");
    await db.drop();
    throw e;
  }
}
