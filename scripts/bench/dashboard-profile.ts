// pnpm bench:dashboard — where one controller dashboard's time goes, single-user, at city scale
// (not part of the tests; issue 16, "Scale and speed").
//
// BENCH_SEED=1 seeds a fresh database as `pnpm bench:ledger` does (the demo municipality plus
// 10 years × BENCH_SPENDS_PER_YEAR requests); without it the database BENCH_DB_NAME is reused
// (migrated first, so new migrations apply to a seeded history). Then calls workbudgetDashboard
// BENCH_REQUESTS times, one at a time, and prints p50/p95 of the whole call and the median of
// each SQL statement it ran (timed in this process around drizzle's execute: the statement's
// round trip, parse/plan/execute and the rows' transfer).
//
// Options (env): BENCH_DATABASE_URL (server), BENCH_DB_NAME (wijkwerk_bench), BENCH_SEED,
// BENCH_SPENDS_PER_YEAR (10000), BENCH_REQUESTS (100).
import postgres from "postgres";
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
await handle.close();
