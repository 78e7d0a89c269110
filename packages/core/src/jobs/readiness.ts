// What /readyz answers: can this instance do its work? The database answers,
// its migrations are the ones this build ships, and the job queue is there
// (graphile-worker's schema on PostgreSQL; the in-process runner on PGlite).
// Reasons are short and hold no secrets (no URL, no error text from the driver).
import { readFileSync } from "node:fs";
import path from "node:path";
import { migrationsFolder, queryRows, sql, type Database } from "@wijkwerk/db";

export interface Readiness {
  ready: boolean;
  checks: { database: boolean; migrations: boolean; queue: boolean };
  /** Why not ready, in a few words; null when ready. */
  reason: string | null;
}

let shippedMigration: number | undefined;
function latestShippedMigration(): number {
  if (shippedMigration === undefined) {
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
    shippedMigration = Math.max(...journal.entries.map((e) => e.when));
  }
  return shippedMigration;
}

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref())]);

export async function checkReadiness(
  db: Database,
  opts: { kind: "postgres" | "pglite"; inProcessRunnerAlive?: boolean; timeoutMs?: number; workerSchema?: string },
): Promise<Readiness> {
  const ms = opts.timeoutMs ?? 2000;
  const checks = { database: false, migrations: false, queue: false };
  try {
    await withTimeout(queryRows(db, sql`select 1 as one`), ms);
    checks.database = true;
  } catch {
    return { ready: false, checks, reason: "database onbereikbaar" };
  }
  try {
    const [row] = await withTimeout(
      queryRows<{ latest: string | null }>(db, sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`),
      ms,
    );
    checks.migrations = row?.latest != null && Number(row.latest) >= latestShippedMigration();
  } catch {
    checks.migrations = false;
  }
  if (opts.kind === "pglite") {
    checks.queue = opts.inProcessRunnerAlive ?? true;
  } else {
    try {
      const schema = opts.workerSchema ?? "graphile_worker";
      const [row] = await withTimeout(
        queryRows<{ ok: boolean }>(
          db,
          sql`select to_regclass(${`${schema}.migrations`}) is not null and to_regclass(${`${schema}._private_jobs`}) is not null as ok`,
        ),
        ms,
      );
      checks.queue = !!row?.ok;
    } catch {
      checks.queue = false;
    }
  }
  const reason = !checks.migrations ? "migraties niet bijgewerkt" : !checks.queue ? "wachtrij niet beschikbaar" : null;
  return { ready: reason === null, checks, reason };
}
