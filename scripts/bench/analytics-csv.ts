// Part of `pnpm bench:analytics`, run in a fresh Node process so that its
// peak memory is the CSV's alone: the city CSV of the casework figures for
// the longest period a report allows (ten years), as the controller, streamed into a sink
// that only counts rows and bytes. Samples RSS and heap every 10 ms (and the
// kernel's peak RSS at the end); prints one JSON line.
// Env: BENCH_ANALYTICS_DATABASE_URL, BENCH_CSV_MUNICIPALITY, BENCH_CSV_USER.
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { defineAbilityFor } from "@wijkwerk/authz";
import { loadGrants } from "@wijkwerk/core/accounts";
import { caseworkFigures, caseworkFiguresCsvStream } from "@wijkwerk/core/figures";
import { openDatabase } from "@wijkwerk/db";

const url = process.env.BENCH_ANALYTICS_DATABASE_URL!;
const municipalityId = process.env.BENCH_CSV_MUNICIPALITY!;
const userId = process.env.BENCH_CSV_USER!;

const handle = await openDatabase({ url });
const loaded = (await loadGrants(handle.db, userId))!;
const ctx = {
  db: handle.db,
  actor: { userId, municipalityId, email: "controller@bench.invalid", name: "Controller" },
  grants: loaded.grants,
  ability: defineAbilityFor(loaded.grants),
  scope: { kind: "municipality" as const, municipalityId, userId },
  meta: { ip: null, userAgent: "bench:analytics" },
};

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
sample();
const sampler = setInterval(sample, 10);

let bytes = 0;
let rows = 0;
const sink = new Writable({
  write(chunk: Buffer | string, _encoding, done) {
    const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
    bytes += Buffer.byteLength(text);
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) rows++;
    done();
  },
});

const started = performance.now();
// The report (read from the summaries through the use case), then its lines streamed out.
const report = await caseworkFigures(ctx, { scope: { kind: "city" }, from: "2017-01", to: "2026-12" });
await pipeline(caseworkFiguresCsvStream(report), sink);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
sample();
// The kernel's high-water mark (KB on Linux) also catches a peak between two samples.
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
await handle.close();
console.log(JSON.stringify({ rows, bytes, seconds, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 }));
