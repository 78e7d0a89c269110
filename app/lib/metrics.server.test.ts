// The metrics other code feeds (docs/operations.md, "Metrieken"): spend
// decisions counted through the routes' door (app/core/workbudget.server.ts)
// on real PostgreSQL, job runs, and the queue lag probes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveSpend, rejectSpend } from "~/core/workbudget.server";
import { registry, recordJob, setQueueLagProbe, timeJob } from "./metrics.server";
import { createTestDatabase, type TestDatabase } from "../../packages/core/test/db";
import { ledgerWorld } from "../../packages/core/test/ledger-fixture";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase("postgres");
});
afterAll(async () => {
  await t?.drop();
});

/** One sample's value in Prometheus' text format, 0 when absent. */
async function value(metric: string, labels: Record<string, string>, family = metric.replace(/_(sum|count|bucket)$/, "")): Promise<number> {
  const text = await registry.getSingleMetricAsString(family);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${metric}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(" ").pop());
  }
  return 0;
}

describe("spend decisions", () => {
  it("count approvals, first approvals, rejections and refused approvals through the routes' door", async () => {
    const w = await ledgerWorld(t, { budgetCents: 100_000, thresholdCents: 50_000 });
    const small = await w.submitted(20_000);
    const large = await w.submitted(60_000);
    const rejected = await w.submitted(1_000);
    const tooMuch = await w.submitted(90_000);

    await approveSpend(await w.as.controller1(), small);
    await approveSpend(await w.as.controller1(), large); // above the threshold: a first approval
    await rejectSpend(await w.as.controller1(), rejected, { comment: "Past niet binnen de regeling." });
    await approveSpend(await w.as.controller1(), tooMuch).catch(() => null); // a first approval too
    await expect(approveSpend(await w.as.controller2(), tooMuch)).rejects.toMatchObject({ code: "insufficient_budget" });
    await expect(rejectSpend(await w.as.controller1(), small, { comment: "" })).rejects.toMatchObject({ code: "comment_required" });

    expect(await value("wijkwerk_spend_decisions_total", { decision: "approved" })).toBe(1);
    expect(await value("wijkwerk_spend_decisions_total", { decision: "first_approval" })).toBe(2);
    expect(await value("wijkwerk_spend_decisions_total", { decision: "rejected" })).toBe(1);
    expect(await value("wijkwerk_spend_decision_refusals_total", { step: "approve", code: "insufficient_budget" })).toBe(1);
    expect(await value("wijkwerk_spend_decision_refusals_total", { step: "reject", code: "comment_required" })).toBe(1);
  });
});

describe("jobs and queues", () => {
  it("count runs and failures per job, with their duration", async () => {
    recordJob("outbox", "success", 0.2);
    await timeJob("digest", async () => 1);
    await expect(
      timeJob("digest", async () => {
        throw new Error("SMTP weg");
      }),
    ).rejects.toThrow("SMTP weg");
    expect(await value("wijkwerk_jobs_total", { job: "outbox", outcome: "success" })).toBe(1);
    expect(await value("wijkwerk_jobs_total", { job: "digest", outcome: "success" })).toBe(1);
    expect(await value("wijkwerk_jobs_total", { job: "digest", outcome: "failure" })).toBe(1);
    expect(await value("wijkwerk_job_duration_seconds_sum", { job: "outbox", outcome: "success" })).toBeCloseTo(0.2);
  });

  it("read the queue lag from every registered probe at scrape time; a failing probe is left out", async () => {
    setQueueLagProbe("wijkwerk", null); // the built-in probe needs the app's database
    setQueueLagProbe("jobs", async () => [{ queue: "default", seconds: 12.5 }]);
    setQueueLagProbe("broken", async () => {
      throw new Error("wachtrij onbereikbaar");
    });
    expect(await value("wijkwerk_queue_lag_seconds", { queue: "default" })).toBe(12.5);
    setQueueLagProbe("jobs", async () => [{ queue: "default", seconds: 0 }]);
    expect(await value("wijkwerk_queue_lag_seconds", { queue: "default" })).toBe(0);
  });
});
