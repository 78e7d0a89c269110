// The casework retention purge, once (embedded database, or DATABASE_URL),
// e.g. from cron next to or instead of the app server's daily run. Safe to
// run while the server runs its own: households being purged are skipped.
import { openDatabase } from "@wijkwerk/db";
import { purgeExpiredCasework } from "@wijkwerk/core/casework";

const handle = await openDatabase();
try {
  const result = await purgeExpiredCasework(handle.db, new Date());
  console.log(
    `Bewaartermijnen: ${result.households} huishoudens vernietigd (${result.records} vastleggingen in het vernietigingslog), ${result.grants} oude noodtoegangen verwijderd`,
  );
} finally {
  await handle.close();
}
