// pnpm bench:dashboard — where one controller dashboard's time goes, single-user, at city scale
// (not part of the tests; issue 16, "Scale and speed").
//
// BENCH_SEED=1 seeds a fresh database as `pnpm bench:ledger` does (the demo municipality plus
// 10 years × BENCH_SPENDS_PER_YEAR requests); without it the database BENCH_DB_NAME is reused
// (migrated first, so new migrations apply to a seeded history). Then calls workbudgetDashboard
// BENCH_REQUESTS times, one at a time, and prints p50/p95 of the whole call and the median of
// each SQL statement it ran (timed in this process around drizzle's execute: the statement's
// round trip, parse/plan/execute and the rows' transfer). Part 2 (after `pnpm build`): one request
// of /gemeente/werkbudget through the built app in this process — the root loader, the page's
// loader and the whole document request — with Node's CPU and every round trip (below).
//
// Options (env): BENCH_DATABASE_URL (server), BENCH_DB_NAME (wijkwerk_bench), BENCH_SEED,
// BENCH_SPENDS_PER_YEAR (10000), BENCH_REQUESTS (100), BENCH_HTTP=off (part 1 only).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { PostgresJsPreparedQuery, PostgresJsSession } from "drizzle-orm/postgres-js/session";
import { PgDatabase, PgDialect } from "drizzle-orm/pg-core";
import { defineAbilityFor } from "@wijkwerk/authz";
import { checkLedger, workbudgetDashboard } from "@wijkwerk/core/workbudget";
import { loadGrants } from "@wijkwerk/core/accounts";
import { seedWorkbudgetDemo } from "@wijkwerk/core/demo";
import type { UseCaseContext } from "@wijkwerk/core/common";
import { eq, migrateDatabase, openDatabase, queryRows, sql, users } from "@wijkwerk/db";
import { seedDemo } from "../../db/src/seed/demo";
import { seedHistory } from "./seed-history";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = process.env.BENCH_DB_NAME ?? "wijkwerk_bench";
const SPENDS_PER_YEAR = Number(process.env.BENCH_SPENDS_PER_YEAR ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const dbUrl = (() => {
  const u = new URL(SERVER_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();
const log = (s: string) => console.log(`[profile] ${s}`);

if (process.env.BENCH_SEED) {
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await admin.unsafe(`create database ${DB_NAME}`);
  await admin.end();
}
const handle = await openDatabase({ url: dbUrl });
await migrateDatabase(handle);
const db = handle.db;
const [u] = await db.select().from(users).where(eq(users.email, "controller@wijkwerk.demo"));
if (process.env.BENCH_SEED || !u) {
  log(`database ${DB_NAME}: seeding …`);
  await seedDemo(db);
  await seedWorkbudgetDemo(db);
}
const [c] = await db.select().from(users).where(eq(users.email, "controller@wijkwerk.demo"));
const loaded = (await loadGrants(db, c.id))!;
const controller: UseCaseContext = {
  db,
  actor: { userId: c.id, municipalityId: c.municipalityId, email: c.email, name: c.name },
  grants: loaded.grants,
  ability: defineAbilityFor(loaded.grants),
  scope: { kind: "municipality", municipalityId: c.municipalityId, userId: c.id },
  meta: { ip: null, userAgent: "bench" },
};
const year = new Date().getUTCFullYear();
if (process.env.BENCH_SEED) {
  const t0 = Date.now();
  const seeded = await seedHistory(db, {
    municipalityId: c.municipalityId,
    firstYear: year - 9,
    years: 10,
    spendsPerYear: SPENDS_PER_YEAR,
    controllerId: c.id,
  });
  log(`history: ${seeded.spends} requests, ${seeded.postings} postings in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  log(`ledger:check: ${(await checkLedger(db)).problems.length === 0 ? "ok" : "PROBLEMEN"}`);
}
await db.execute(sql`analyze`);

// Time every statement: drizzle's execute (the database and every transaction in it) is one method.
const timings = new Map<string, number[]>();
let recording = false;
const proto = PgDatabase.prototype as unknown as { execute: (q: unknown) => Promise<unknown> };
const execute = proto.execute;
const dialect = new PgDialect();
proto.execute = function (this: unknown, q: unknown) {
  if (!recording) return execute.call(this, q);
  const text = dialect
    .sqlToQuery(q as ReturnType<typeof sql>)
    .sql.replace(/\s+/g, " ")
    .trim();
  const started = performance.now();
  return (execute.call(this, q) as Promise<unknown>).then((r) => {
    const key = text.slice(0, 110);
    timings.set(key, [...(timings.get(key) ?? []), performance.now() - started]);
    return r;
  });
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

for (let i = 0; i < 10; i++) await workbudgetDashboard(controller, { year });
const totals: number[] = [];
recording = true;
for (let i = 0; i < REQUESTS; i++) {
  const t = performance.now();
  await workbudgetDashboard(controller, { year });
  totals.push(performance.now() - t);
}
recording = false;
const [{ requests }] = await queryRows<{ requests: string }>(db, sql`select count(*) as requests from spend_requests`);
console.log(
  `\nworkbudgetDashboard, ${DB_NAME} (${requests} requests), ${REQUESTS} calls one at a time: p50 ${median(totals).toFixed(1)} ms, p95 ${pct(totals, 95).toFixed(1)} ms\n`,
);
console.log("| statement (start) | calls | median ms |");
console.log("| --- | --- | --- |");
for (const [k, xs] of [...timings].sort((a, b) => median(b[1]) - median(a[1])))
  console.log(`| ${k.replace(/\|/g, "¦")} | ${xs.length} | ${median(xs).toFixed(2)} |`);

// Part 2 (BENCH_HTTP=off skips it; needs `pnpm build`): one HTTP request of the page, in this process — the built
// app's root loader, the page's loader and the whole document request (both loaders, then the render), each
// BENCH_REQUESTS times one at a time, with every database round trip the app makes: each statement drizzle
// prepares (sessions, grants, use cases) and each transaction's begin and commit.
if (process.env.BENCH_HTTP !== "off" && existsSync("build/index.js")) {
  process.env.DATABASE_URL = dbUrl;
  // As server.js runs it (React's production build: the development one renders several times slower).
  process.env.NODE_ENV = "production";
  process.env.MFA_ENCRYPTION_KEY ??= "be".repeat(32);
  process.env.INSECURE_COOKIES = "true";
  const build = (await import(pathToFileURL(resolve("build/index.js")).href)) as unknown as ServerBuild;
  const handler = createRequestHandler(build, "production");
  const sessionId = randomBytes(20).toString("hex");
  await db.execute(sql`update users set totp_enabled_at = coalesce(totp_enabled_at, now()) where id = ${c.id}`);
  await db.execute(sql`insert into sessions (id, user_id, expires_at, mfa_verified) values (${sessionId}, ${c.id}, now() + interval '12 hours', true)`);
  const url = `http://127.0.0.1/gemeente/werkbudget?jaar=${year}`;
  const request = () => new Request(url, { headers: { Cookie: `wijkwerk_session=${sessionId}`, "User-Agent": "bench" } });
  const loaderOf = (id: string) => build.routes[id]!.module.loader! as (a: { request: Request; context: object; params: object }) => Promise<unknown>;
  const phases: [string, () => Promise<unknown>][] = [
    ["root loader", () => loaderOf("root")({ request: request(), context: { ip: null }, params: {} })],
    ["page loader", () => loaderOf("routes/gemeente.werkbudget._index")({ request: request(), context: { ip: null }, params: {} })],
    [
      "document request (both loaders, render)",
      async () => {
        const res = await handler(request(), { ip: null });
        if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
        return res.text();
      },
    ],
  ];
  // Every round trip: a prepared statement (drizzle's select builders and execute alike) and a transaction's begin/commit.
  const trips = new Map<string, number[]>();
  let phase: string | null = null;
  const note = (key: string, ms: number) => {
    if (!phase) return;
    const k = `${phase} ¦ ${key}`;
    trips.set(k, [...(trips.get(k) ?? []), ms]);
  };
  const pq = PostgresJsPreparedQuery.prototype as unknown as { execute: (...a: unknown[]) => Promise<unknown> };
  const pqExecute = pq.execute;
  pq.execute = function (this: { queryString: string }, ...a: unknown[]) {
    const started = performance.now();
    const key = this.queryString.replace(/\s+/g, " ").trim().slice(0, 90);
    return pqExecute.apply(this, a).then((r) => (note(key, performance.now() - started), r));
  };
  const ps = PostgresJsSession.prototype as unknown as { transaction: (fn: (tx: unknown) => Promise<unknown>, c?: unknown) => Promise<unknown> };
  const psTransaction = ps.transaction;
  ps.transaction = function (this: unknown, fn, config) {
    note("begin … commit (a transaction: 2 round trips)", 0);
    return psTransaction.call(this, fn, config);
  };
  console.log(`\nOne request of /gemeente/werkbudget in this process (built app), ${REQUESTS} times one at a time:\n`);
  console.log("| phase | p50 ms | p95 ms | Node CPU ms per call | statements per call | transactions per call |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  const perPhase: string[] = [];
  for (const [name, run] of phases) {
    for (let i = 0; i < 10; i++) await run();
    const xs: number[] = [];
    phase = name;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      await run();
      xs.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(cpu0);
    phase = null;
    const mine = [...trips].filter(([k]) => k.startsWith(`${name} ¦`));
    const count = (tx: boolean) => mine.filter(([k]) => k.includes("begin … commit") === tx).reduce((n, [, v]) => n + v.length, 0) / REQUESTS;
    perPhase.push(
      `| ${name} | ${median(xs).toFixed(1)} | ${pct(xs, 95).toFixed(1)} | ${((cpu.user + cpu.system) / 1000 / REQUESTS).toFixed(1)} | ${count(false).toFixed(1)} | ${count(true).toFixed(1)} |`,
    );
    console.log(perPhase.at(-1));
  }
  console.log("\n| phase ¦ statement (start) | per call | median ms |");
  console.log("| --- | --- | --- |");
  for (const [k, xs] of trips) console.log(`| ${k.replace(/\|/g, "¦")} | ${(xs.length / REQUESTS).toFixed(1)} | ${median(xs).toFixed(2)} |`);
  await db.execute(sql`delete from sessions where id = ${sessionId}`);
  await (build.entry.module as unknown as { closeDb?: () => Promise<void> }).closeDb?.();
}
await handle.close();
