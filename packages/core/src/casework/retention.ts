// The retention purge (docs/dpia.md): households whose every case is closed
// and whose latest retention date has passed are destroyed, with a
// destruction-log line per record (reason 'retention'); their read log goes
// with them, and break-the-glass grants that expired long ago are removed.
// The work is one SQL function (casework_purge, migration 0031), called as
// the schema owner: daily by server.js and by `pnpm casework:purge`.
import { queryRows, sql, type Database } from "@wijkwerk/db";

export interface PurgeResult {
  households: number;
  records: number;
  grants: number;
}

/** One purge run as of `now` (default: now). Several runs at once are safe (locked rows are skipped). */
export async function purgeExpiredCasework(db: Database, now: Date = new Date()): Promise<PurgeResult> {
  const [row] = await queryRows<{ purged_households: number; destroyed_records: number; expired_grants: number }>(
    db,
    sql`select purged_households, destroyed_records, expired_grants from casework_purge(${now.toISOString()}::timestamptz)`,
  );
  return { households: Number(row?.purged_households ?? 0), records: Number(row?.destroyed_records ?? 0), grants: Number(row?.expired_grants ?? 0) };
}
