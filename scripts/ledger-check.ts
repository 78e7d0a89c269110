// pnpm ledger:check — verifies the workbudget ledger's invariants and the
// audit chain (embedded database, or DATABASE_URL). Exit code 1 on any problem.
import { checkLedger } from "@wijkwerk/core/workbudget";
import { openDatabase } from "@wijkwerk/db";

const handle = await openDatabase();
try {
  const { budgets, postings, problems } = await checkLedger(handle.db);
  if (problems.length === 0) {
    console.log(`Grootboek klopt: ${budgets} budget(ten), ${postings} boekingen; auditketen intact.`);
  } else {
    for (const p of problems) console.error(`✗ ${p}`);
    console.error(`Grootboek NIET in orde: ${problems.length} probleem/problemen.`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
