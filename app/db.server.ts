import { migrateDatabase, openDatabase, type Database, type DbHandle } from "@wijkwerk/db";
export { sql } from "@wijkwerk/db";

// One database per process, opened at server start (PGlite takes seconds to open).
let handle: Promise<DbHandle> | undefined;

function open(): Promise<DbHandle> {
  return (handle ??= (async () => {
    const h = await openDatabase();
    // The embedded database migrates itself; PostgreSQL in production is migrated by `pnpm db:migrate`.
    if (h.kind === "pglite" || process.env.MIGRATE_ON_START === "true") await migrateDatabase(h);
    return h;
  })());
}

export async function getDb(): Promise<Database> {
  return (await open()).db;
}

export async function dbReady(): Promise<void> {
  await open();
}

/** The open handle (its kind: postgres or pglite), for the background work and /readyz. */
export async function getDbHandle(): Promise<DbHandle> {
  return open();
}

/** Closes the database at the end of a graceful shutdown (server.js). */
export async function closeDb(): Promise<void> {
  if (!handle) return;
  const h = await handle;
  handle = undefined;
  await h.close();
}
