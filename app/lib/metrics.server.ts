// Metrics for Prometheus (docs/operations.md, "Metrieken (/metrics)"): one
// registry per process, read at GET /metrics with `Authorization: Bearer
// <METRICS_TOKEN>`. Without METRICS_TOKEN the endpoint does not exist (404);
// a wrong or missing token is 404 too, so a scan learns nothing.
//
// Other code reports through the small API below — recordJob/timeJob (the
// jobs), setQueueLagProbe (a queue's lag, read at scrape time), the spend decision
// counters (app/core/workbudget.server.ts wraps the use cases) — and never
// touches prom-client itself; the core knows nothing of metrics.
import { timingSafeEqual } from "node:crypto";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { queryRows, sql } from "@wijkwerk/db";
import { getDb } from "~/db.server";
import { logError } from "./logger.server";

export const registry = new Registry();
registry.setDefaultLabels({ app: "wijkwerk" });
collectDefaultMetrics({ register: registry, prefix: "wijkwerk_" });
// One of several processes (WEB_CONCURRENCY, server.js): the first process's AggregatorRegistry asks each for this
// registry; constructing one here adds the listener that answers (prom-client adds it in the constructor only).
if (cluster.isWorker) {
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

const httpDuration = new Histogram({
  name: "wijkwerk_http_request_duration_seconds",
  help: "Duur van HTTP-verzoeken per Remix-route (route-id, geen URL met ids).",
  labelNames: ["route", "method", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const jobRuns = new Counter({
  name: "wijkwerk_jobs_total",
  help: "Uitgevoerde achtergrondtaken per taak en uitkomst (success, failure).",
  labelNames: ["job", "outcome"] as const,
  registers: [registry],
});

const jobDuration = new Histogram({
  name: "wijkwerk_job_duration_seconds",
  help: "Duur van achtergrondtaken per taak.",
  labelNames: ["job", "outcome"] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [registry],
});

const spendDecisions = new Counter({
  name: "wijkwerk_spend_decisions_total",
  help: "Beslissingen over werkbudgetaanvragen: approved, first_approval, rejected.",
  labelNames: ["decision"] as const,
  registers: [registry],
});

const spendRefusals = new Counter({
  name: "wijkwerk_spend_decision_refusals_total",
  help: "Geweigerde pogingen om een aanvraag goed of af te keuren, per stap en foutcode (bijv. insufficient_budget).",
  labelNames: ["step", "code"] as const,
  registers: [registry],
});

export type QueueLag = { queue: string; seconds: number };
const queueLagProbes = new Map<string, () => Promise<QueueLag[]>>();

/**
 * A queue's hook: a function that answers how far its queues are behind (the
 * age of the oldest work that is due), read at every scrape. The job queue
 * registers its own under its name; setting a name again replaces it, null
 * removes it. Built in: the mail outbox, the Stripe outbox and the audit
 * sealer (below).
 */
export function setQueueLagProbe(name: string, probe: (() => Promise<QueueLag[]>) | null): void {
  if (probe) queueLagProbes.set(name, probe);
  else queueLagProbes.delete(name);
}

new Gauge({
  name: "wijkwerk_queue_lag_seconds",
  help: "Hoe lang het oudste werk dat aan de beurt is al wacht, per wachtrij (0: niets te doen).",
  labelNames: ["queue"] as const,
  registers: [registry],
  // Every process reads the same queues: over several processes the figure is theirs, not their sum.
  aggregator: "max",
  async collect() {
    this.reset();
    for (const [name, probe] of queueLagProbes) {
      try {
        for (const { queue, seconds } of await probe()) this.set({ queue }, Math.max(0, seconds));
      } catch (error) {
        logError("Wachtrijvertraging meten mislukt", error, { probe: name });
      }
    }
  },
});

/** The backlogs that exist today: mail not sent, Stripe calls not done, audit events not sealed into their chain. */
setQueueLagProbe("wijkwerk", async () => {
  const db = await getDb();
  const rows = await queryRows<{ queue: string; seconds: number }>(
    db,
    sql`
    select 'outbox_emails' as queue, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as seconds
      from outbox_emails where sent_at is null
    union all
    select 'stripe_outbox', coalesce(extract(epoch from now() - min(next_attempt_at)), 0)::float8
      from stripe_outbox where done_at is null and next_attempt_at <= now()
    union all
    select 'audit_seal', coalesce(extract(epoch from now() - min(occurred_at)), 0)::float8
      from audit_events where hash is null`,
  );
  return rows.map((r) => ({ queue: r.queue, seconds: Number(r.seconds) }));
});

new Gauge({
  name: "wijkwerk_db_pool_size",
  help: "Het maximale aantal databaseverbindingen van deze instantie (DATABASE_POOL_SIZE).",
  registers: [registry],
  collect() {
    this.set(process.env.DATABASE_URL ? Number(process.env.DATABASE_POOL_SIZE ?? 10) : 1);
  },
});

new Gauge({
  name: "wijkwerk_db_connections",
  help: "Databaseverbindingen van Wijkwerk (alle instanties, application_name wijkwerk) per toestand, uit pg_stat_activity.",
  labelNames: ["state"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    if (!process.env.DATABASE_URL) return;
    try {
      const db = await getDb();
      const rows = await queryRows<{ state: string; n: number }>(
        db,
        sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity
            where datname = current_database() and application_name = 'wijkwerk' group by 1`,
      );
      for (const row of rows) this.set({ state: row.state }, row.n);
    } catch (error) {
      logError("Databaseverbindingen meten mislukt", error);
    }
  },
});

/** One finished HTTP request (the request log calls it). */
export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  httpDuration.observe({ route, method, status: String(status) }, seconds);
}

/** One run of a background job: the job queue (and server.js's timers) call this after every run. */
export function recordJob(name: string, outcome: "success" | "failure", seconds: number): void {
  jobRuns.inc({ job: name, outcome });
  jobDuration.observe({ job: name, outcome }, seconds);
}

/** Runs one job and records it: its duration, and failure when it throws (the error is rethrown). */
export async function timeJob<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await run();
    recordJob(name, "success", (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    recordJob(name, "failure", (performance.now() - started) / 1000);
    throw error;
  }
}

/**
 * Counts a spend decision (approve or reject) by its outcome: the use case's
 * answer (`approve`, `first_approval`, `reject`) or its refusal's code.
 */
export async function observeSpendDecision<T extends { action: string }>(step: "approve" | "reject", outcome: Promise<T>): Promise<T> {
  try {
    const result = await outcome;
    spendDecisions.inc({ decision: result.action === "approve" ? "approved" : result.action === "reject" ? "rejected" : result.action });
    return result;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    spendRefusals.inc({ step, code: typeof code === "string" && /^[a-z_]{1,40}$/.test(code) ? code : "error" });
    throw error;
  }
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * GET /metrics (server.js). Without METRICS_TOKEN, or without the right
 * bearer token, a plain 404 — the same answer as any unknown path.
 */
export async function metricsHandler(req: ExpressRequest, res: ExpressResponse): Promise<void> {
  const token = process.env.METRICS_TOKEN;
  if (!token || !tokenMatches(req.get("authorization"), token)) {
    res.status(404).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).end("Niet gevonden");
    return;
  }
  try {
    const body = cluster.isWorker ? await allProcessesMetrics() : await registry.metrics();
    res.status(200).set({ "Content-Type": registry.contentType, "Cache-Control": "no-store" }).end(body);
  } catch (error) {
    logError("Metrieken ophalen mislukt", error);
    res.status(500).end();
  }
}

/** With several processes (WEB_CONCURRENCY): every process's figures, summed by the first process (server.js). */
function allProcessesMetrics(): Promise<string> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const done = (finish: () => void) => {
      clearTimeout(timer);
      process.off("message", onMessage);
      finish();
    };
    const onMessage = (message: { type?: string; id?: string; text?: string; error?: string }) => {
      if (message?.type !== "wijkwerk:metrics" || message.id !== id) return;
      done(() => (message.error !== undefined ? reject(new Error(message.error)) : resolve(message.text ?? "")));
    };
    const timer = setTimeout(() => done(() => reject(new Error("geen antwoord van het eerste proces"))), 10_000);
    process.on("message", onMessage);
    process.send?.({ type: "wijkwerk:metrics", id });
  });
}
