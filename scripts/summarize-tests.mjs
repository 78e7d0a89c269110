// Prints the one line CI reads: "N passed, N failed" over all test reports.
// A missing report counts as a failure: a runner that crashed must not pass.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`Rapport ontbreekt: ${file}`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  if ("numPassedTests" in r) {
    // vitest
    passed += r.numPassedTests;
    // A file that failed to load has no failed tests but must count.
    const brokenFiles = (r.testResults ?? []).filter((f) => f.status === "failed" && !f.assertionResults?.some((a) => a.status === "failed")).length;
    failed += r.numFailedTests + brokenFiles;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  } else if (r.stats && "expected" in r.stats) {
    // Playwright: expected = passed, unexpected = failed, flaky passed on retry.
    passed += r.stats.expected + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected + (r.errors?.length ?? 0);
    skipped += r.stats.skipped ?? 0;
  } else {
    passed += r.passed ?? 0;
    failed += r.failed ?? 0;
  }
}
// Skipped tests on their own line: CI reads the last line, exactly "N passed, N failed".
if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
