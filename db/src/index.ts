// The database factory: PostgreSQL (postgres.js) when DATABASE_URL is set,
// otherwise embedded PGlite persisted under a data folder. Same schema, same
// migrations. Resolve paths from the project root: after bundling,
// import.meta.url points into build/.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { schema } from "./schema";

export * from "./schema";
export { insertMembership, type NewMembership } from "./memberships";
export { DISTRIBUTION_COLUMN, REFERENCE_TABLES, isReferenceTable, type ReferenceTable } from "./distribution";
export { sql, eq, and, or, not, isNull, isNotNull, gte, lte, lt, gt, ne, desc, asc, inArray, count, ilike } from "drizzle-orm";

/** Runs raw SQL and returns its rows (postgres.js gives an array, PGlite an object with rows). */
export async function queryRows<T>(q: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await q.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or a transaction. */
export type Queryable = Database | Tx;

export interface DbHandle {
  db: Database;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

export function projectRoot(): string {
  if (process.env.WIJKWERK_ROOT) return process.env.WIJKWERK_ROOT;
  let dir = process.cwd();
  while (!existsSync(path.join(dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const migrationsFolder = () => path.join(projectRoot(), "db", "migrations");
export const defaultDataDir = () => process.env.PGLITE_DATA_DIR ?? path.join(projectRoot(), ".data", "pglite");

export async function openDatabase(opts: { url?: string; dataDir?: string } = {}): Promise<DbHandle> {
  const url = opts.url ?? process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      connection: { application_name: "wijkwerk" },
    });
    // DATABASE_PREPARE=false: for a pooler that cannot keep named statements (PgBouncer in transaction mode before 1.21).
    const db = drizzle((process.env.DATABASE_PREPARE === "false" ? client : preparedStatements(client)) as typeof client, { schema }) as unknown as Database;
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const dataDir = opts.dataDir ?? defaultDataDir();
  if (dataDir !== "memory://") mkdirSync(path.dirname(dataDir), { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = new PGlite(dataDir === "memory://" ? undefined : dataDir);
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, kind: "pglite", close: () => client.close() };
}

/**
 * drizzle asks postgres.js for an unnamed statement on every query
 * (`prepare: false` unless the query is given a name). postgres.js then
 * sends each query with parameters in two round trips (Parse + Describe,
 * wait, then Bind + Execute), and PostgreSQL parses and plans it each time.
 * With named statements, cached per connection by their text (bounded: the
 * app's queries are built from code, values are parameters; and postgres.js
 * replaces each connection after 30–60 minutes, its statements with it), a
 * query is one round trip and parsed once per connection (docs/benchmarks.md). Queries
 * without parameters stay on the simple protocol (multi-statement scripts
 * such as migrations).
 */
type PostgresClient = { unsafe: (...args: unknown[]) => unknown; begin: (...args: unknown[]) => unknown; savepoint?: (...args: unknown[]) => unknown };
function preparedStatements<C extends object>(client: C): C {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      const sqlClient = target as unknown as PostgresClient;
      if (property === "unsafe")
        return (query: string, params?: unknown[], options?: Record<string, unknown>) => sqlClient.unsafe(query, params ?? [], { ...options, prepare: true });
      // A transaction (and a savepoint in it) hands its callback a new client: wrap that one too.
      if (property === "begin" || property === "savepoint")
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: object) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (tx: object) => fn(preparedStatements(tx)));
        };
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export async function migrateDatabase(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: migrationsFolder() };
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, config);
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, config);
  }
}

export type Scope =
  | { kind: "team"; municipalityId: string; teamId: string; userId: string }
  | { kind: "admin"; municipalityId: string; userId: string }
  | { kind: "municipality"; municipalityId: string; userId: string }
  /** Cross-team workgroups: access by membership (RLS helpers in migration 0011). */
  | { kind: "workgroup"; municipalityId: string; userId: string }
  | { kind: "partner"; municipalityId: string; partnerId: string; userId: string }
  /** The functional admin of several municipalities: their casework figures, aggregates only (RLS: app_admin_municipalities(), migration 0053). */
  | { kind: "figures"; municipalityId: string; userId: string };

/** What a PostgreSQL error carries (postgres.js names the constraint constraint_name, PGlite constraint). */
export interface PostgresErrorFields {
  code: string;
  constraint_name?: string;
  constraint?: string;
}

/** The PostgreSQL error in `error` or its causes (drizzle wraps the driver's error), if any: the first with a SQLSTATE. */
export function postgresError(error: unknown): PostgresErrorFields | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && typeof e === "object" && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e as PostgresErrorFields;
  }
  return undefined;
}

/** The SQLSTATE of a PostgreSQL error, also when a driver or drizzle wrapped it (as its cause). */
export const postgresErrorCode = (error: unknown): string | undefined => postgresError(error)?.code;

/**
 * Runs a whole transaction again when PostgreSQL aborted it for a deadlock
 * (40P01) or a serialization failure (40001), up to `tries` times in all.
 * Safe because an aborted transaction wrote nothing: the next try starts
 * from the committed state. For commands whose lock order cannot be fixed
 * in advance (a card capture that books on its pot, then gathers the others).
 */
export async function retryOnDeadlock<T>(run: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = postgresErrorCode(error);
      if (attempt >= tries || (code !== "40P01" && code !== "40001")) throw error;
    }
  }
}

/**
 * Runs fn in one transaction as the restricted role app_user with the scope
 * set, so row-level security applies to every query inside: a forgotten
 * WHERE still cannot read another team's rows.
 */
export async function withScope<T>(db: Database, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const teamId = scope.kind === "team" ? scope.teamId : "";
    const partnerId = scope.kind === "partner" ? scope.partnerId : "";
    await tx.execute(sql`select
      set_config('app.scope', ${scope.kind}, true),
      set_config('app.municipality_id', ${scope.municipalityId}, true),
      set_config('app.tenant_id', ${teamId}, true),
      set_config('app.partner_id', ${partnerId}, true),
      set_config('app.user_id', ${scope.userId}, true),
      set_config('role', 'app_user', true)`);
    // set_config('role', …, true) is SET LOCAL ROLE: one round trip for the whole scope.
    return fn(tx as Tx);
  });
}
