import { migrateDatabase, openDatabase } from "@wijkwerk/db";
import { migrateQueue } from "@wijkwerk/core/jobs";

const handle = await openDatabase();
await migrateDatabase(handle);
// The job queue's own schema (graphile_worker) on PostgreSQL; PGlite runs its jobs in the app process.
if (handle.kind === "postgres" && process.env.DATABASE_URL) await migrateQueue(process.env.DATABASE_URL);
console.log(`Migraties uitgevoerd (${handle.kind}).`);
await handle.close();
