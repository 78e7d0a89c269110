// pnpm casework:check — recomputes the casework figures' summaries from the
// registrations (embedded database, or DATABASE_URL) and reports every
// difference in Dutch. Exit code 1 on any difference. docs/figures.md.
import { caseworkCheckMessages, checkCaseworkFigures } from "@wijkwerk/core/figures";
import { openDatabase } from "@wijkwerk/db";

const handle = await openDatabase();
try {
  const { cases, monthRows, problems } = await checkCaseworkFigures(handle.db);
  if (problems.length === 0) {
    console.log(caseworkCheckMessages.ok(cases, monthRows));
  } else {
    for (const p of problems) console.error(`✗ ${p}`);
    console.error(caseworkCheckMessages.failed(problems.length));
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
