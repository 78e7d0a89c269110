// The schedules and the in-process runner (the embedded PGlite database of
// the demo): cron and interval slots, one run per slot even with two runners
// on the database, a slot that comes while its job still runs waits for it,
// and a failed run is tried again with backoff. (Two runners on one PGlite
// database only happen here: PGlite is one process.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReadiness, compileSchedule, startBackgroundWork, type BackgroundWork, type JobDefinition } from "../src/jobs";
import { createTestDatabase, type TestDatabase } from "./db";

describe("schedules", () => {
  it("an interval's slot is the start of its interval, once", () => {
    const s = compileSchedule("x", { everySeconds: 30 });
    const slot = s.dueSlot(new Date("2026-12-04T10:00:47Z"), null);
    expect(slot?.toISOString()).toBe("2026-12-04T10:00:30.000Z");
    expect(s.dueSlot(new Date("2026-12-04T10:00:59Z"), slot)).toBeNull();
    expect(s.dueSlot(new Date("2026-12-04T10:01:00Z"), slot)?.toISOString()).toBe("2026-12-04T10:01:00.000Z");
  });

  it("a cron pattern (UTC) finds the latest matching minute since the last look, and only the current minute at first", () => {
    const s = compileSchedule("x", { cron: "30 2 * * *" });
    expect(s.dueSlot(new Date("2026-12-04T02:31:00Z"), null)).toBeNull();
    expect(s.dueSlot(new Date("2026-12-04T02:30:59Z"), null)?.toISOString()).toBe("2026-12-04T02:30:00.000Z");
    const last = new Date("2026-12-04T02:00:00Z");
    expect(s.dueSlot(new Date("2026-12-04T03:10:00Z"), last)?.toISOString()).toBe("2026-12-04T02:30:00.000Z");
    expect(s.dueSlot(new Date("2026-12-05T02:29:00Z"), new Date("2026-12-04T02:30:00Z"))).toBeNull();
    expect(() => compileSchedule("x", { cron: "elke dag" })).toThrow();
  });
});

describe("the in-process runner on PGlite", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("two runners, a simulated day: every slot once at most, every cron slot once, a failed run retried", async () => {
    let now = new Date("2026-12-05T00:00:00Z");
    const runs: string[] = [];
    let failures = 0;
    const jobs: JobDefinition[] = [
      { name: "hourly", schedule: { cron: "0 * * * *" }, run: async (_db, at) => (runs.push(`hourly@${at.toISOString()}`), null) },
      {
        name: "slow",
        schedule: { everySeconds: 600 },
        run: async (_db, at) => {
          await new Promise((r) => setTimeout(r, 30));
          runs.push(`slow@${at.toISOString()}`);
          return null;
        },
      },
      {
        name: "flaky",
        schedule: { cron: "15 3 * * *" },
        run: async (_db, at) => {
          if (failures++ === 0) throw new Error("eerste poging mislukt");
          runs.push(`flaky@${at.toISOString()}`);
          return null;
        },
      },
    ];
    const errors: string[] = [];
    const opts = { clock: () => now, tickMs: 5, log: () => {}, logError: (m: string) => void errors.push(m) };
    const runners: BackgroundWork[] = [
      await startBackgroundWork({ db: t.db, kind: "pglite" }, jobs, opts),
      await startBackgroundWork({ db: t.db, kind: "pglite" }, jobs, opts),
    ];
    expect(runners.map((r) => r.kind)).toEqual(["in-process", "in-process"]);
    try {
      // A day in 5-minute steps, each step long enough for both runners to tick.
      for (let step = 0; step < 288; step++) {
        now = new Date(Date.parse("2026-12-05T00:00:00Z") + step * 300_000);
        await new Promise((r) => setTimeout(r, 25));
      }
      // The flaky job's retry comes after 2 s of backoff.
      const deadline = Date.now() + 10_000;
      while (!runs.some((r) => r.startsWith("flaky@")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    expect(runners[0].alive()).toBe(false);
    const count = (prefix: string) => runs.filter((r) => r.startsWith(prefix)).length;
    expect(count("hourly@")).toBe(24);
    expect(runs).toContain("flaky@2026-12-05T03:15:00.000Z");
    expect(count("flaky@")).toBe(1);
    expect(errors.some((m) => m.includes("flaky") && m.includes("poging 1"))).toBe(true);
    // 144 ten-minute slots (a slot that came while the slow job still ran waited, and a newer one replaced it); none twice.
    expect(count("slow@")).toBeGreaterThan(100);
    expect(count("slow@")).toBeLessThanOrEqual(144);
    expect(new Set(runs).size).toBe(runs.length);
  }, 120_000);

  it("readiness on PGlite: ready with a live in-process runner, not without one", async () => {
    expect(await checkReadiness(t.db, { kind: "pglite", inProcessRunnerAlive: true })).toEqual({
      ready: true,
      checks: { database: true, migrations: true, queue: true },
      reason: null,
    });
    expect(await checkReadiness(t.db, { kind: "pglite", inProcessRunnerAlive: false })).toMatchObject({ ready: false, reason: "wachtrij niet beschikbaar" });
  });
});
