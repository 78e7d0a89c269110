// A simulated clock for the job scheduler, for tests only (docs/operations.md,
// "Achtergrondtaken"): with NODE_ENV=test and WIJKWERK_TEST_CLOCK_FILE set, the
// scheduler of this process reads "now" from that file (an ISO time, written
// by the test) instead of the wall clock, and looks for due slots every
// WIJKWERK_TEST_TICK_MS ms (default 50). test/jobs-two-instances.test.ts drives
// two `node server.js` processes through a whole day this way.
// Outside NODE_ENV=test the variable is ignored (with a warning): a production
// process always schedules by the wall clock.
import { readFileSync } from "node:fs";
import type { BackgroundWorkOptions } from "@wijkwerk/core/jobs";

export function testClockFromEnv(
  env: Record<string, string | undefined> = process.env,
  warn: (message: string) => void = () => {},
): Pick<BackgroundWorkOptions, "clock" | "tickMs"> {
  const file = env.WIJKWERK_TEST_CLOCK_FILE;
  if (!file) return {};
  if (env.NODE_ENV !== "test") {
    warn("WIJKWERK_TEST_CLOCK_FILE genegeerd: alleen met NODE_ENV=test (de planning volgt de echte klok).");
    return {};
  }
  let last = new Date();
  const tick = Number(env.WIJKWERK_TEST_TICK_MS);
  return {
    // A file being rewritten (or not written yet) keeps the last good time: the ticker must never throw.
    clock: () => {
      try {
        const at = new Date(readFileSync(file, "utf8").trim());
        if (!Number.isNaN(at.getTime())) last = at;
      } catch {
        /* keep the last good time */
      }
      return last;
    },
    tickMs: Number.isFinite(tick) && tick >= 5 ? tick : 50,
  };
}
