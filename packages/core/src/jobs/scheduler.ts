// The scheduler: every tick (a second by default) each worker computes which
// slots are due and claims them in job_schedules. A claim moves the row's
// last_slot forward in one statement (INSERT … ON CONFLICT DO UPDATE … WHERE
// last_slot < slot RETURNING): of two workers that claim the same slot, the
// second waits for the first's row lock and then finds nothing to move, so
// each slot is claimed — and its run enqueued — exactly once, whatever the
// number of workers. The clock is a parameter, so a test can run a whole day
// of slots in seconds.
import { sql, type Database, type Queryable } from "@wijkwerk/db";
import { queryRows } from "@wijkwerk/db";
import { compileSchedule, type CompiledSchedule } from "./schedule";
import type { JobDefinition } from "./tasks";

export interface Scheduler {
  /** Claims the slots due at `now`; returns the jobs this scheduler claimed (and so enqueued or ran). */
  tick(now: Date): Promise<{ job: string; slot: Date }[]>;
}

export type ClaimSlot = (job: JobDefinition, slot: Date) => Promise<boolean>;

export function createScheduler(jobs: JobDefinition[], claim: ClaimSlot, onError: (job: string, error: unknown) => void): Scheduler {
  const compiled: { job: JobDefinition; schedule: CompiledSchedule; seen: Date | null }[] = jobs.map((job) => ({
    job,
    schedule: compileSchedule(job.name, job.schedule),
    seen: null,
  }));
  return {
    async tick(now) {
      const claimed: { job: string; slot: Date }[] = [];
      await Promise.all(
        compiled.map(async (entry) => {
          const slot = entry.schedule.dueSlot(now, entry.seen);
          if (!slot) return;
          const before = entry.seen;
          entry.seen = slot;
          try {
            if (await claim(entry.job, slot)) claimed.push({ job: entry.job.name, slot });
          } catch (error) {
            // Database away: look at this slot again next tick.
            entry.seen = before;
            onError(entry.job.name, error);
          }
        }),
      );
      return claimed;
    },
  };
}

/** The claim statement's first half: moves job_schedules.last_slot to `slot` if it is later, returning a row only then. */
const claimCte = (name: string, slot: Date) => sql`
  insert into job_schedules as s (name, last_slot) values (${name}, ${slot.toISOString()}::timestamptz)
  on conflict (name) do update set last_slot = excluded.last_slot, updated_at = now()
  where s.last_slot < excluded.last_slot
  returning s.name`;

/** Claims a slot without enqueueing anything (the in-process runner runs the job itself). */
export async function claimSlot(db: Queryable, name: string, slot: Date): Promise<boolean> {
  const rows = await queryRows<{ name: string }>(db, claimCte(name, slot));
  return rows.length === 1;
}

/**
 * Claims a slot and, in the same statement, adds the run to graphile-worker's
 * queue with the job's name as job key: a run still waiting (or waiting to be
 * retried) is replaced by the newer slot rather than queued twice.
 */
export async function claimAndEnqueue(db: Database, job: JobDefinition, slot: Date, workerSchema = "graphile_worker"): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with claimed as (${claimCte(job.name, slot)})
        select (${sql.identifier(workerSchema)}.add_job(
          ${job.name}::text,
          json_build_object('at', ${slot.toISOString()}::text),
          max_attempts := ${job.maxAttempts ?? 5}::int,
          job_key := ${job.name}::text
        )).id::text as id
        from claimed`,
  );
  return rows.length === 1;
}
