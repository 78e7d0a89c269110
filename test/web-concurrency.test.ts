// WEB_CONCURRENCY (server.js, docs/operations.md "Meer processen"): several processes of the app on one port.
// The real `node server.js` on PostgreSQL: two processes serve, /metrics sums what both counted, a process that dies
// is started again, SIGTERM stops both and the first exits 0; a wrong value, or the embedded database, refuses to start. Run `pnpm build` first.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startAppServer } from "./support/app-server";

const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean);

describe("several processes on one port", () => {
  it("two processes serve, /metrics counts the requests of both, one that dies comes back, SIGTERM stops both", async () => {
    const app = await startAppServer({ env: { WEB_CONCURRENCY: "2", METRICS_TOKEN: "geheim-token-voor-de-test" } });
    try {
      // The second process starts once the first listens.
      for (let i = 0; i < 100 && childrenOf(app.pid).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(childrenOf(app.pid)).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 1500));
      // A new connection per request: the connections go round the processes.
      for (let i = 0; i < 12; i++) expect((await fetch(`${app.url}/inloggen`, { headers: { Connection: "close" } })).status).toBe(200);
      const metrics = await (await fetch(`${app.url}/metrics`, { headers: { Authorization: "Bearer geheim-token-voor-de-test" } })).text();
      const counted = metrics
        .split("\n")
        .filter((l) => l.startsWith("wijkwerk_http_request_duration_seconds_count{") && l.includes('route="routes/inloggen._index"'))
        .reduce((n, l) => n + Number(l.split(" ").at(-1)), 0);
      // Both processes' requests: one process alone would have counted about half.
      expect(counted).toBe(12);
      expect(app.output()).toContain("Wijkwerk start 2 processen");
      // A process that dies is started again — once: the first one's restart starts no extra ones.
      const [first] = childrenOf(app.pid);
      process.kill(Number(first), "SIGKILL");
      for (let i = 0; i < 100 && (childrenOf(app.pid).includes(first) || childrenOf(app.pid).length < 2); i++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 2000));
      expect(childrenOf(app.pid)).toHaveLength(2);
      expect(childrenOf(app.pid)).not.toContain(first);
      expect(app.output()).toContain("stopte onverwacht");
      expect((await fetch(`${app.url}/inloggen`)).status).toBe(200);
    } finally {
      await app.stop();
    }
    expect(await app.exited).toBe(0);
    expect(app.output().match(/Wijkwerk is gestopt/g)).toHaveLength(2);
  }, 90_000);

  it("a wrong WEB_CONCURRENCY, or more than one process on the embedded database, stops with a message", () => {
    const run = (env: Record<string, string | undefined>) => {
      const merged: Record<string, string | undefined> = { ...process.env, NODE_ENV: "production", PORT: "3218", HOST: "127.0.0.1", ...env };
      for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
      return spawnSync(process.execPath, ["server.js"], { env: merged as NodeJS.ProcessEnv, encoding: "utf8", timeout: 20_000 });
    };
    for (const value of ["0", "twee", "1.5", "65"]) {
      const r = run({ WEB_CONCURRENCY: value, DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres" });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("WEB_CONCURRENCY moet een geheel getal van 1 tot en met 64 zijn");
    }
    const embedded = run({ WEB_CONCURRENCY: "2", DATABASE_URL: undefined });
    expect(embedded.status).toBe(1);
    expect(embedded.stderr).toContain("kan alleen met PostgreSQL");
  });

  it("a configuration error stops every process, and the first exits 1", async () => {
    // NODE_ENV=production without MFA_ENCRYPTION_KEY: the first process stops before it listens.
    await expect(startAppServer({ env: { WEB_CONCURRENCY: "2", MFA_ENCRYPTION_KEY: undefined }, startTimeoutMs: 20_000 })).rejects.toThrow(
      /stopped before \/healthz answered[\s\S]*MFA_ENCRYPTION_KEY/,
    );
  }, 60_000);
});
