// The in-process runner for the embedded PGlite database (the demo): PGlite
// is one connection inside one Node process, which graphile-worker (it opens
// its own node-postgres pool and LISTENs) cannot use. The same scheduler
// claims the slots in job_schedules and the same job functions run here, one
// run per job at a time; a slot that comes while its job still runs waits and
// runs after it (newer slots replace it); a failed run is tried again with
// backoff (2, 4, 8 … s, at most 5 minutes) up to the job's maxAttempts.
import type { Database } from "@wijkwerk/db";
import { claimSlot, createScheduler } from "./scheduler";
import type { JobDefinition } from "./tasks";
import type { BackgroundWork, BackgroundWorkOptions } from "./worker";

interface JobState {
  running: Promise<void> | null;
  pending: Date | null;
  retry: ReturnType<typeof setTimeout> | null;
}

export function startInProcessRunner(db: Database, jobs: JobDefinition[], opts: BackgroundWorkOptions): BackgroundWork {
  const log = opts.log ?? ((line: string) => console.log(line));
  const logError = opts.logError ?? ((message: string, error: unknown) => console.error(message, error));
  const clock = opts.clock ?? (() => new Date());
  const state = new Map<string, JobState>(jobs.map((j) => [j.name, { running: null, pending: null, retry: null }]));
  let stopping = false;

  const runSlot = (job: JobDefinition, slot: Date, attempt: number) => {
    const s = state.get(job.name)!;
    s.running = (async () => {
      try {
        const line = await job.run(db, slot);
        if (line) log(line);
      } catch (error) {
        logError(`Achtergrondtaak ${job.name} mislukt (poging ${attempt}):`, error);
        if (attempt < (job.maxAttempts ?? 5) && !stopping && !s.pending) {
          const delayMs = Math.min(2 ** attempt, 300) * 1000;
          s.retry = setTimeout(() => {
            s.retry = null;
            if (!s.running && !stopping) runSlot(job, s.pending ?? slot, s.pending ? 1 : attempt + 1);
          }, delayMs);
        }
      }
    })().finally(() => {
      s.running = null;
      const next = s.pending;
      s.pending = null;
      if (next && !stopping) runSlot(job, next, 1);
    });
  };

  const scheduler = createScheduler(
    jobs,
    async (job, slot) => {
      if (!(await claimSlot(db, job.name, slot))) return false;
      const s = state.get(job.name)!;
      if (s.retry) {
        clearTimeout(s.retry);
        s.retry = null;
      }
      if (s.running) s.pending = slot;
      else runSlot(job, slot, 1);
      return true;
    },
    (job, error) => logError(`Planning van ${job} mislukt:`, error),
  );
  const ticker = startTicker(() => scheduler.tick(clock()), opts.tickMs ?? 1000);
  return {
    kind: "in-process",
    alive: () => !stopping,
    async stop() {
      stopping = true;
      await ticker.stop();
      for (const s of state.values()) if (s.retry) clearTimeout(s.retry);
      // Finish the runs in progress (a pending slot is left for the next start).
      await Promise.all([...state.values()].map((s) => s.running));
    },
  };
}

/** Calls `tick` every `ms` ms, the next call only after the previous one finished; stop() waits for a tick in progress. */
export function startTicker(tick: () => Promise<unknown>, ms: number): { stop(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const loop = () => {
    current = tick()
      .catch(() => undefined)
      .finally(() => {
        current = null;
        if (!stopped) timer = setTimeout(loop, ms);
      });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
