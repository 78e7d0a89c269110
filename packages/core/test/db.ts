// Test databases: a fresh, migrated PostgreSQL database per test file on the
// real server (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432),
// or an in-memory PGlite. No mocking of the database.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DbHandle } from "@wijkwerk/db";

const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase extends DbHandle {
  name: string;
  url: string | null;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(kind: "postgres" | "pglite" = "postgres"): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = await openDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle);
    return { ...handle, name: "pglite", url: null, drop: () => handle.close() };
  }
  const name = `wijkwerk_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = withDatabase(SERVER_URL, name);
  const handle = await openDatabase({ url });
  await migrateDatabase(handle);
  return {
    ...handle,
    name,
    url,
    async drop() {
      await handle.close();
      const a = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
