// The scheduler's simulated clock is a test hook: only NODE_ENV=test turns it on.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testClockFromEnv } from "./test-clock.server";

const dir = mkdtempSync(path.join(tmpdir(), "wijkwerk-clock-"));
const file = path.join(dir, "now");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("testClockFromEnv", () => {
  it("is off without the variable, and ignored (with a warning) outside NODE_ENV=test", () => {
    expect(testClockFromEnv({ NODE_ENV: "test" })).toEqual({});
    for (const NODE_ENV of ["production", "development", undefined]) {
      const warnings: string[] = [];
      expect(testClockFromEnv({ NODE_ENV, WIJKWERK_TEST_CLOCK_FILE: file }, (m) => warnings.push(m))).toEqual({});
      expect(warnings).toHaveLength(1);
    }
  });

  it("with NODE_ENV=test reads the file's time, keeping the last good one", () => {
    const { clock, tickMs } = testClockFromEnv({ NODE_ENV: "test", WIJKWERK_TEST_CLOCK_FILE: file, WIJKWERK_TEST_TICK_MS: "20" });
    expect(tickMs).toBe(20);
    writeFileSync(file, "2030-01-02T03:04:00.000Z");
    expect(clock!().toISOString()).toBe("2030-01-02T03:04:00.000Z");
    writeFileSync(file, "half-");
    expect(clock!().toISOString()).toBe("2030-01-02T03:04:00.000Z");
  });
});
