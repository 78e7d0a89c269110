// pnpm bench:ledger — the workbudget at city scale (not part of the tests).
//
// 1. Seeds a fresh PostgreSQL database: the demo municipality plus 10 years ×
//    10.000 requests (≈ 100.000) with their postings (scripts/bench/seed-history.ts).
// 2. Starts the built app (node server.js) on it, signed in as the controller.
// 3. Baseline, measured in the same run: a bare node:http server in this
//    process that calls the same report functions (the same SQL) directly —
//    no session, no permission checkpoint, no Remix, no HTML.
// 4. 50 concurrent connections: the controller's dashboard and the CSV export
//    through the app vs the baseline; p50/p95 and the ratio.
// 5. Approval throughput under contention: 2.000 approvals, 50 at a time, for
//    a budget that fits 1.500 of them; approvals/s and overspend (must be 0).
// 6. The dashboard's absolute targets (issue 16): single-user p50 ≤ 30 ms
//    (one request at a time) and p95 ≤ 1 s at 50 concurrent users, at city scale.
// 7. One instance and two behind a proxy (issue 18): two `node server.js`
//    (role all) on the same database and a tiny round-robin proxy
//    (scripts/bench/proxy.ts); approvals through the JSON API, 50 at a time,
//    first routed to one instance, then to both (same processes, same seed, a
//    fresh budget each); approvals/s side by side and their ratio, overspend,
//    ledger:check, and the load average before and after.
//
// Options (env): BENCH_DATABASE_URL (server, default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_SPENDS_PER_YEAR (10000), BENCH_REQUESTS (200 per measurement), BENCH_PORT (3900),
// BENCH_ONLY=approvals (only step 5, on the demo data: a quick loop while tuning),
// BENCH_ONLY=instances (only step 7, on the demo data), BENCH_ONLY=dashboard (only the dashboard's figures of steps 4
// and 6, on the city-scale history already in BENCH_DB_NAME — seeded by this script or by
// `BENCH_SEED=1 pnpm bench:dashboard` — migrated, not dropped), BENCH_APPROVALS (2000: requests per
// approval measurement, the budget fits three quarters), BENCH_ROUNDS (1: step 7 measures
// one and two instances this many times, alternating),
// BENCH_DB_NAME (wijkwerk_bench: another name lets two checkouts measure on one server), BENCH_WEB_CONCURRENCY (1: the
// app's processes, WEB_CONCURRENCY).
// Ports: BENCH_PORT (the app), +1 (the baseline), +2 and +3 (step 7's instances), +4 (its proxy).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { loadavg } from "node:os";
import postgres from "postgres";
import { defineAbilityFor } from "@wijkwerk/authz";
import { approveSpend, createBudget, createSpendDraft, financeCsv, submitSpend, workbudgetDashboard, checkLedger } from "@wijkwerk/core/workbudget";
import { createApiToken, loadGrants } from "@wijkwerk/core/accounts";
import { seedWorkbudgetDemo } from "@wijkwerk/core/demo";
import type { UseCaseContext } from "@wijkwerk/core/common";
import { budgetBalances, eq, migrateDatabase, openDatabase, queryRows, sql, teams, users } from "@wijkwerk/db";
import { seedDemo } from "../../db/src/seed/demo";
import { startRoundRobinProxy } from "./proxy";
import { seedHistory } from "./seed-history";

// The approvals run in this process with the app's default pool (10 connections; DATABASE_POOL_SIZE to try others):
// on 2 cores more backends only add switching (20 gave ≈ 10 % fewer approvals/s, docs/benchmarks.md).
process.env.DATABASE_POOL_SIZE ??= "10";
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SPENDS_PER_YEAR = Number(process.env.BENCH_SPENDS_PER_YEAR ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONCURRENCY = 50;
const PORT = Number(process.env.BENCH_PORT ?? 3900);
const DB_NAME = process.env.BENCH_DB_NAME ?? "wijkwerk_bench";
const APPROVALS = Math.max(40, Number(process.env.BENCH_APPROVALS ?? 2_000));
/** The contested budget fits three quarters of the requests. */
const FITS = Math.floor((APPROVALS * 3) / 4);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));

if (!existsSync("build/index.js")) {
  console.error("build/index.js ontbreekt: voer eerst `pnpm build` uit.");
  process.exit(1);
}

const dbUrl = (() => {
  const u = new URL(SERVER_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

const log = (s: string) => console.log(`[bench] ${s}`);

async function freshDatabase() {
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await admin.unsafe(`create database ${DB_NAME}`);
  await admin.end();
  const handle = await openDatabase({ url: dbUrl });
  await migrateDatabase(handle);
  return handle;
}

async function controllerContext(db: Awaited<ReturnType<typeof openDatabase>>["db"]): Promise<UseCaseContext> {
  const [u] = await db.select().from(users).where(eq(users.email, "controller@wijkwerk.demo"));
  const loaded = (await loadGrants(db, u.id))!;
  return {
    db,
    actor: { userId: u.id, municipalityId: u.municipalityId, email: u.email, name: u.name },
    grants: loaded.grants,
    ability: defineAbilityFor(loaded.grants),
    scope: { kind: "municipality", municipalityId: u.municipalityId, userId: u.id },
    meta: { ip: null, userAgent: "bench" },
  };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** REQUESTS requests, CONCURRENCY at a time; latencies in ms (after a warm-up). */
async function measure(
  url: string,
  headers: Record<string, string>,
  serverPid?: number,
): Promise<{ p50: number; p95: number; rps: number; cpu?: { node: number; postgres: number | null; share: number } }> {
  const once = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers, redirect: "manual" }).catch((e: Error) => {
      throw new Error(`${url}: ${e.message} (${String((e as { cause?: unknown }).cause)})`);
    });
    const body = await res.arrayBuffer();
    if (res.status !== 200 || body.byteLength === 0) throw new Error(`${url} → ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await once();
  // And once CONCURRENCY at a time, not counted: the app's pools open their connections (a server that has been
  // serving holds them; postgres.js keeps them open), as they would for the first burst after a restart only.
  await Promise.all(Array.from({ length: CONCURRENCY }, once));
  const latencies: number[] = [];
  let next = 0;
  const node0 = serverPid ? processCpuSeconds(serverPid) : null;
  const pg0 = postgresCpuSeconds(DB_NAME);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) latencies.push(await once());
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  // Where the CPU went per request: the server process (one Node thread) and this database's backends.
  const node1 = serverPid ? processCpuSeconds(serverPid) : null;
  const pg1 = postgresCpuSeconds(DB_NAME);
  const n = latencies.length;
  const cpu =
    node0 !== null && node1 !== null
      ? { node: ((node1 - node0) * 1000) / n, postgres: pg0 !== null && pg1 !== null ? ((pg1 - pg0) * 1000) / n : null, share: (node1 - node0) / seconds }
      : undefined;
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: n / seconds, cpu };
}

/** A process's CPU so far, utime + stime in ticks (USER_HZ, 100 a second), from its /proc/<pid>/stat line. */
function cpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** A process's children (Linux /proc). */
function childPids(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
}

/** CPU seconds used so far by one process and its children — the app's processes under WEB_CONCURRENCY (Linux /proc; null elsewhere). */
function processCpuSeconds(pid: number): number | null {
  try {
    const own = cpuTicks(readFileSync(`/proc/${pid}/stat`, "utf8")) / 100;
    return own + childPids(pid).reduce((sum, child) => sum + (processCpuSeconds(child) ?? 0), 0);
  } catch {
    return null;
  }
}

/** One request at a time (a single user): REQUESTS requests after the warm-up; latencies in ms. */
async function measureSingle(url: string, headers: Record<string, string>): Promise<{ p50: number; p95: number }> {
  const once = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers, redirect: "manual" });
    const body = await res.arrayBuffer();
    if (res.status !== 200 || body.byteLength === 0) throw new Error(`${url} → ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await once();
  const latencies: number[] = [];
  for (let i = 0; i < REQUESTS; i++) latencies.push(await once());
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

async function waitFor(url: string, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** CPU seconds used so far by every PostgreSQL process on this machine, or only the backends of one database (Linux /proc; null elsewhere). */
function postgresCpuSeconds(database?: string): number | null {
  try {
    let ticks = 0;
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        if (!stat.includes("(postgres)")) continue;
        // A backend's title: "postgres: 15/main: <user> <database> <client> <state>".
        if (database && !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(` ${database} `)) continue;
        ticks += cpuTicks(stat);
      } catch {
        /* the process ended */
      }
    }
    return ticks / 100; // USER_HZ
  } catch {
    return null;
  }
}

/** A contested budget for `year` that fits FITS requests of € 10, and APPROVALS submitted requests of € 10 on it. */
async function contestedRequests(year: number): Promise<{ budgetId: string; ids: string[] }> {
  const [team] = await db.select().from(teams).where(eq(teams.slug, "mariaberg"));
  const [author] = await db.select().from(users).where(eq(users.email, "member.mariaberg@wijkwerk.demo"));
  const authorGrants = (await loadGrants(db, author.id))!;
  const authorCtx: UseCaseContext = {
    ...controller,
    actor: { userId: author.id, municipalityId: author.municipalityId, email: author.email, name: author.name },
    grants: authorGrants.grants,
    ability: defineAbilityFor(authorGrants.grants),
    scope: { kind: "team", municipalityId: author.municipalityId, teamId: team.id, userId: author.id },
  };
  const contested = await createBudget(controller, {
    year,
    name: `Benchmark contention ${year}`,
    amountCents: FITS * 1_000,
    approvalThresholdCents: 10_000_000,
  });
  const ids: string[] = [];
  for (let i = 0; i < APPROVALS; i++) {
    const { id } = await createSpendDraft(authorCtx, {
      amountCents: 1_000,
      neededOn: `${year}-03-01`,
      purpose: "b",
      rationale: "b",
      problemPrevented: "b",
      lifeDomains: ["financien"],
      expectedReturnCents: 0,
      customReturnJustification: "b",
      expectedSocialReturn: "b",
    });
    await submitSpend(authorCtx, id);
    ids.push(id);
  }
  return { budgetId: contested.id, ids };
}

/** Money approved beyond the budget: a negative balance, or more approvals than it fits. */
async function overspendOf(budgetId: string, ok: number): Promise<number> {
  const [after] = await db.select().from(budgetBalances).where(eq(budgetBalances.id, budgetId));
  return Math.max(0, -after.availableCents) + Math.max(0, ok - FITS);
}

/** Approval throughput: APPROVALS (2.000) submitted requests of € 10 on a budget that fits three quarters, approved 50 at a time. */
async function measureApprovals(): Promise<string> {
  const { budgetId, ids } = await contestedRequests(2099);
  let ok = 0;
  let refused = 0;
  let nextApproval = 0;
  const ta = performance.now();
  const nodeCpu0 = process.cpuUsage();
  const pgCpu0 = postgresCpuSeconds();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (nextApproval < ids.length) {
        const id = ids[nextApproval++];
        await approveSpend(controller, id, { idempotencyKey: `bench-${id}` }).then(
          () => ok++,
          (e: { code?: string }) => (e.code === "insufficient_budget" ? refused++ : Promise.reject(e)),
        );
      }
    }),
  );
  const approvalsPerSecond = ids.length / ((performance.now() - ta) / 1000);
  const nodeCpu = process.cpuUsage(nodeCpu0);
  const pgCpu1 = postgresCpuSeconds();
  // Where the CPU goes per approval: this process (use case, drizzle, postgres.js) and PostgreSQL.
  const perApproval = (seconds: number) => `${((seconds * 1000) / ids.length).toFixed(2)} ms`;
  const cpu = `CPU per approval: Node ${perApproval((nodeCpu.user + nodeCpu.system) / 1e6)}${pgCpu0 !== null && pgCpu1 !== null ? `, PostgreSQL ${perApproval(pgCpu1 - pgCpu0)}` : ""}`;
  const overspend = await overspendOf(budgetId, ok);
  return `approvals: ${approvalsPerSecond.toFixed(0)}/s under contention (${ok} approved, ${refused} refused "onvoldoende budget", overspend ${overspend}) — target ≥ 200/s ${approvalsPerSecond >= 200 ? "✓" : "✗"}, 0 overspend ${overspend === 0 && ok === FITS ? "✓" : "✗"}; ${cpu}`;
}

/** Starts `node server.js` (role all, the app's default pool) on the benchmark database. */
function spawnApp(port: number) {
  return spawn("node", ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: dbUrl,
      INSECURE_COOKIES: "true",
      MFA_ENCRYPTION_KEY: "be".repeat(32),
      DATABASE_POOL_SIZE: "10",
      WIJKWERK_ROLE: "all",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * Step 7: approvals through the JSON API behind a round-robin proxy, routed to one instance and then to two
 * (the same two processes run all along; only the proxy's upstreams change). A fresh contested budget per measurement.
 */
async function measureInstances(): Promise<string> {
  const ports = [PORT + 2, PORT + 3];
  const apps = ports.map(spawnApp);
  const upstreams = ports.map((p) => `http://127.0.0.1:${p}`);
  const proxy = await startRoundRobinProxy(PORT + 4, upstreams.slice(0, 1));
  try {
    for (const u of upstreams) await waitFor(`${u}/readyz`);
    await db.execute(sql`update users set totp_enabled_at = coalesce(totp_enabled_at, now()) where id = ${controller.actor.userId}`);
    const { token } = await createApiToken(controller, { name: "bench-instances" });
    const rows: string[] = [];
    const perSecond: Record<number, number[]> = { 1: [], 2: [] };
    const load0 = loadavg();
    let year = 2080;
    for (let round = 0; round < ROUNDS; round++) {
      for (const n of [1, 2]) {
        const { budgetId, ids } = await contestedRequests(year++);
        proxy.setUpstreams(upstreams.slice(0, n));
        // A short warm-up per routing (the proxy's connections to the instances), not counted.
        for (let i = 0; i < 20; i++) await (await fetch(`${proxy.url}/healthz`)).text();
        proxy.setUpstreams(upstreams.slice(0, n));
        let ok = 0;
        let refused = 0;
        let next = 0;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < ids.length) {
              const id = ids[next++];
              const res = await fetch(`${proxy.url}/api/v1/spends/${id}/transitions`, {
                method: "POST",
                headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `bench-${id}` },
                body: JSON.stringify({ action: "approve" }),
              });
              const body = await res.text();
              if (res.status === 200) ok++;
              else if (body.includes("insufficient_budget")) refused++;
              else throw new Error(`approve ${id} → ${res.status} ${body.slice(0, 200)}`);
            }
          }),
        );
        const rate = ids.length / ((performance.now() - started) / 1000);
        perSecond[n].push(rate);
        const overspend = await overspendOf(budgetId, ok);
        rows.push(
          `| ${n} | ${rate.toFixed(0)}/s | ${ok} | ${refused} | ${overspend} ${overspend === 0 && ok === FITS ? "✓" : "✗"} | ${proxy.counts.slice(0, n).join(" / ")} |`,
        );
      }
    }
    const load1 = loadavg();
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const check = await checkLedger(db);
    return [
      `\n## One instance and two behind a proxy (${APPROVALS} approvals through the API per measurement, ${CONCURRENCY} at a time, budget fits ${FITS})\n`,
      "| instances | approvals/s | approved | refused | overspend | requests per instance |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows,
      `\ntwo / one: ${(mean(perSecond[2]) / mean(perSecond[1])).toFixed(2)}× (mean ${mean(perSecond[2]).toFixed(0)}/s against ${mean(perSecond[1]).toFixed(0)}/s)`,
      `load average (1, 5, 15 min) before: ${load0.map((x) => x.toFixed(2)).join(", ")}; after: ${load1.map((x) => x.toFixed(2)).join(", ")}`,
      `ledger:check after step 7: ${check.problems.length === 0 ? "ok" : check.problems.slice(0, 3).join("; ")}`,
    ].join("\n");
  } finally {
    await proxy.close();
    await Promise.all(
      apps.map(
        (a) =>
          new Promise<void>((resolve) => {
            if (a.exitCode !== null) return resolve();
            a.once("exit", () => resolve());
            a.kill("SIGTERM");
          }),
      ),
    );
  }
}

// BENCH_ONLY=dashboard reuses the seeded history (migrated, not dropped); every other run starts from a fresh database.
const reuse = process.env.BENCH_ONLY === "dashboard";
const handle = reuse ? await openDatabase({ url: dbUrl }) : await freshDatabase();
if (reuse) await migrateDatabase(handle);
const db = handle.db;
if (!reuse) {
  log(`database ${DB_NAME}: demo data …`);
  await seedDemo(db);
  await seedWorkbudgetDemo(db);
}
const [m] = await queryRows<{ id: string }>(db, sql`select id from municipalities where slug = 'maastricht'`);
const controller = await controllerContext(db);
// BENCH_ONLY=instances: only step 7, one instance against two behind the proxy, on the demo data.
if (process.env.BENCH_ONLY === "instances") {
  console.log(await measureInstances());
  await handle.close();
  process.exit(0);
}
// BENCH_ONLY=approvals: only the approval throughput, without the history and the HTTP measurements (a quick loop while tuning).
if (process.env.BENCH_ONLY === "approvals") {
  console.log(await measureApprovals());
  console.log(`ledger:check after the run: ${(await checkLedger(db)).problems.length === 0 ? "ok" : "PROBLEMEN"}`);
  await handle.close();
  process.exit(0);
}
const year = new Date().getUTCFullYear();
let history: string;
if (reuse) {
  const [{ spends, postings }] = await queryRows<{ spends: string; postings: string }>(
    db,
    sql`select (select count(*) from spend_requests) as spends, (select count(*) from ledger_postings) as postings`,
  );
  if (Number(spends) < 1_000) throw new Error(`${DB_NAME} holds no history: seed it first (BENCH_SEED=1 BENCH_DB_NAME=${DB_NAME} pnpm bench:dashboard)`);
  history = `${spends} requests, ${postings} postings (reused)`;
} else {
  const t0 = Date.now();
  const seeded = await seedHistory(db, {
    municipalityId: m.id,
    firstYear: year - 9,
    years: 10,
    spendsPerYear: SPENDS_PER_YEAR,
    controllerId: controller.actor.userId,
  });
  log(`history: ${seeded.spends} requests, ${seeded.postings} postings in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  history = `${seeded.spends} requests, ${seeded.postings} postings (10 years)`;
}
const check = await checkLedger(db);
log(`ledger:check on the seeded history: ${check.problems.length === 0 ? "ok" : check.problems.slice(0, 3).join("; ")}`);

// A signed-in controller for the app: a session row and its cookie (MFA counted as done).
const sessionId = randomBytes(20).toString("hex");
await db.execute(sql`update users set totp_enabled_at = now() where id = ${controller.actor.userId}`);
await db.execute(
  sql`insert into sessions (id, user_id, expires_at, mfa_verified) values (${sessionId}, ${controller.actor.userId}, now() + interval '12 hours', true)`,
);
const cookie = { Cookie: `wijkwerk_session=${sessionId}` };

// One app process by default; BENCH_WEB_CONCURRENCY=N runs N (WEB_CONCURRENCY, docs/operations.md "Meer processen").
// On this 2-core machine, which also runs PostgreSQL and this script's 50 clients, two gave more requests/s but
// not a lower p95 (docs/benchmarks.md, session 13).
const WEB_CONCURRENCY = Number(process.env.BENCH_WEB_CONCURRENCY ?? 1);
const app = spawn("node", ["server.js"], {
  env: {
    ...process.env,
    WEB_CONCURRENCY: String(WEB_CONCURRENCY),
    NODE_ENV: "production",
    PORT: String(PORT),
    HOST: "127.0.0.1",
    DATABASE_URL: dbUrl,
    INSECURE_COOKIES: "true",
    MFA_ENCRYPTION_KEY: "be".repeat(32),
    DATABASE_POOL_SIZE: "20",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const baseline = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", "http://x");
    const body =
      url.pathname === "/csv"
        ? await financeCsv(controller, { year, kind: "postings", decimalComma: false })
        : JSON.stringify(await workbudgetDashboard(controller, { year }));
    res.writeHead(200, { "Content-Type": url.pathname === "/csv" ? "text/csv" : "application/json" }).end(body);
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
});
// Like server.js: idle keep-alive sockets outlive the client's reuse window.
baseline.keepAliveTimeout = 65_000;
await new Promise<void>((r) => baseline.listen(PORT + 1, "127.0.0.1", r));
try {
  await waitFor(`http://127.0.0.1:${PORT}/healthz`);
  // The first process answers /healthz; the others start after it listens (server.js). Kept-alive connections
  // stay with the process that took them, so measure only once all of them take connections.
  if (WEB_CONCURRENCY > 1) {
    for (let until = Date.now() + 60_000; Date.now() < until && childPids(app.pid!).length < WEB_CONCURRENCY;) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 3_000));
  }
  const appBase = `http://127.0.0.1:${PORT}`;
  const base = `http://127.0.0.1:${PORT + 1}`;
  const results: [string, Awaited<ReturnType<typeof measure>>, Awaited<ReturnType<typeof measure>>][] = [];
  log(`measuring (${REQUESTS} requests, ${CONCURRENCY} concurrent) …`);
  results.push(["controller dashboard", await measure(`${appBase}/gemeente/werkbudget?jaar=${year}`, cookie, app.pid), await measure(`${base}/dashboard`, {})]);
  if (!reuse)
    results.push([
      "CSV export (postings)",
      await measure(`${appBase}/gemeente/werkbudget/export?soort=boekingen&jaar=${year}`, cookie),
      await measure(`${base}/csv`, {}),
    ]);

  // The dashboard's absolute targets through the app: one user alone, then 50 at once (the p95 of the measurement above).
  const single = await measureSingle(`${appBase}/gemeente/werkbudget?jaar=${year}`, cookie);
  const concurrent = results[0][1];

  const approvals = reuse ? null : await measureApprovals();

  console.log("\n## Ledger benchmark");
  console.log(
    `history: ${history}; ${CONCURRENCY} concurrent connections, ${REQUESTS} requests per measurement; load average (1, 5, 15 min) now: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(", ")}\n`,
  );
  console.log("| measurement | app p50 | app p95 | baseline p50 | baseline p95 | p95 ratio | target |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const [name, a, b] of results) {
    const ratio = a.p95 / b.p95;
    console.log(
      `| ${name} | ${a.p50.toFixed(0)} ms | ${a.p95.toFixed(0)} ms | ${b.p50.toFixed(0)} ms | ${b.p95.toFixed(0)} ms | ${ratio.toFixed(2)}× | ${name.startsWith("controller") ? `≤ 2× ${ratio <= 2 ? "✓" : "✗"}` : "–"} |`,
    );
  }
  console.log("\n| controller dashboard at city scale | measured | target |");
  console.log("| --- | --- | --- |");
  console.log(`| single user, p50 (p95) | ${single.p50.toFixed(1)} ms (${single.p95.toFixed(1)} ms) | ≤ 30 ms ${single.p50 <= 30 ? "✓" : "✗"} |`);
  console.log(
    `| 50 concurrent users, p95 (p50) | ${concurrent.p95.toFixed(0)} ms (${concurrent.p50.toFixed(0)} ms) | ≤ 1.000 ms ${concurrent.p95 <= 1000 ? "✓" : "✗"} |`,
  );
  if (concurrent.cpu)
    console.log(
      `\n50 concurrent: ${concurrent.rps.toFixed(1)} requests/s; CPU per request: app (Node, ${WEB_CONCURRENCY} process${WEB_CONCURRENCY === 1 ? "" : "es"}) ${concurrent.cpu.node.toFixed(1)} ms (${(concurrent.cpu.share * 100).toFixed(0)} % of one core), PostgreSQL (${DB_NAME}) ${concurrent.cpu.postgres?.toFixed(1) ?? "–"} ms`,
    );
  app.kill("SIGTERM");
  if (approvals) {
    console.log(`\n${approvals}`);
    console.log(await measureInstances());
  }
  const final = await checkLedger(db);
  console.log(`ledger:check after the run: ${final.problems.length === 0 ? "ok" : final.problems.slice(0, 3).join("; ")}`);
} finally {
  app.kill("SIGTERM");
  baseline.close();
  await handle.close();
}
