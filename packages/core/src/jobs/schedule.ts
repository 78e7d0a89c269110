// When a periodic job is due: a schedule is either an interval ("every N
// seconds", for the short loops: audit sealing, the outboxes) or a cron pattern
// ("5 * * * *", minute resolution, UTC — parsed by graphile-worker's own cron
// parser). A schedule's *slot* is the moment a run belongs to: the start of its
// interval, or the matching minute. The scheduler (scheduler.ts) claims each
// slot once in job_schedules and only then enqueues the run, so every worker
// may compute the same slot and still only one run is enqueued.
import { parseCronItem } from "graphile-worker";

export type Schedule = { everySeconds: number } | { cron: string };

export interface CompiledSchedule {
  /** The schedule as written (for logs and docs). */
  label: string;
  /** The latest slot s with after < s <= now, or null when none. */
  dueSlot(now: Date, after: Date | null): Date | null;
}

const MINUTE = 60_000;
/** How far back a cron schedule looks for a missed minute (a worker that was busy or down longer starts again at the next match). */
const CRON_LOOKBACK_MINUTES = 24 * 60;

export function compileSchedule(name: string, schedule: Schedule): CompiledSchedule {
  if ("everySeconds" in schedule) {
    const ms = Math.round(schedule.everySeconds * 1000);
    if (!Number.isFinite(ms) || ms < 100) throw new Error(`Schedule ${name}: everySeconds must be at least 0.1`);
    return {
      label: `elke ${schedule.everySeconds} s`,
      dueSlot(now, after) {
        const slot = new Date(Math.floor(now.getTime() / ms) * ms);
        return after && slot.getTime() <= after.getTime() ? null : slot;
      },
    };
  }
  const item = parseCronItem({ task: name, identifier: name, match: schedule.cron }, name);
  return {
    label: `cron "${schedule.cron}" (UTC)`,
    dueSlot(now, after) {
      const latest = Math.floor(now.getTime() / MINUTE) * MINUTE;
      // First look: only the current minute (no backfill, like graphile-worker's cron by default).
      const earliest = after ? Math.max(after.getTime() + 1, latest - CRON_LOOKBACK_MINUTES * MINUTE) : latest;
      for (let t = latest; t >= earliest; t -= MINUTE) {
        const d = new Date(t);
        if (item.match({ min: d.getUTCMinutes(), hour: d.getUTCHours(), date: d.getUTCDate(), month: d.getUTCMonth() + 1, dow: d.getUTCDay() })) return d;
      }
      return null;
    },
  };
}

/** A positive number from the environment, else the default. */
export function positiveNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}
