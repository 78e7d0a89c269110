// The backup is tested (docs/operations.md, "Back-up en herstel"): a
// database with the demo's teams and workbudget — approvals, payments,
// settlements, their postings and audit events — is dumped with
// `pnpm db:backup`, restored into a new database with `pnpm db:restore
// --into`, and there `pnpm ledger:check` and `pnpm audit:verify` pass and
// every balance, posting total, audit hash, policy and grant is the same.
// Real PostgreSQL, the machine's pg_dump/pg_restore.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, sql, type Database, type DbHandle } from "@wijkwerk/db";
import { sealAuditChains } from "@wijkwerk/core/audit";
import { seedWorkbudgetDemo } from "@wijkwerk/core/demo";
import { seedDemo } from "../db/src/seed/demo";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";

const run = promisify(execFile);
const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let source: TestDatabase;
let restored: DbHandle | undefined;
const restoredName = `wijkwerk_test_restore_${randomBytes(6).toString("hex")}`;
const dir = mkdtempSync(path.join(tmpdir(), "wijkwerk-backup-"));
const dumpFile = path.join(dir, "wijkwerk.dump");

function urlOf(name: string): string {
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return u.href;
}

/** A README command, as an operator runs it; resolves with its exit code and output. */
async function pnpm(args: string[], databaseUrl: string | undefined, extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  try {
    const { stdout, stderr } = await run("pnpm", ["-s", ...args], { env, cwd: path.resolve("."), maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** What must survive a restore unchanged. */
async function snapshot(db: Database) {
  const q = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<T>(db, query);
  return {
    pots: await q(sql`select budget_id, pot, funded_cents::text, available_cents::text, reserved_cents::text, paid_cents::text
                      from budget_pots order by budget_id, pot`),
    postings: await q(sql`select budget_id, account::text, count(*)::int as n, sum(amount_cents)::text as total
                          from ledger_postings group by 1, 2 order by 1, 2`),
    spends: await q(sql`select status::text, count(*)::int as n, sum(amount_cents)::text as total from spend_requests group by 1 order by 1`),
    audit: await q(sql`select municipality_id, count(*)::int as n, max(seq)::text as last_seq,
                         (array_agg(hash order by seq desc))[1] as last_hash
                       from audit_events group by 1 order by 1`),
    policies: await q(sql`select tablename, policyname from pg_policies where schemaname = 'public' order by 1, 2`),
    grants: await q(sql`select table_name, privilege_type from information_schema.role_table_grants
                        where grantee = 'app_user' order by 1, 2`),
    migrations: await q(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
  };
}

// Each README command is its own process (pnpm, tsx): seconds each on a busy machine.
beforeAll(async () => {
  source = await createTestDatabase("postgres");
  await seedDemo(source.db);
  await seedWorkbudgetDemo(source.db);
  // Link the demo's audit events into their chains, as the server's sealer does.
  await sealAuditChains(source.db);
});

afterAll(async () => {
  await restored?.close();
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${restoredName} with (force)`);
  await admin.end();
  await source?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("pnpm db:backup and pnpm db:restore", () => {
  it("restore the demo's workbudget into a fresh database where ledger:check and audit:verify pass with identical balances", async () => {
    const before = await snapshot(source.db);
    expect(before.pots.length).toBeGreaterThan(0);
    expect(before.spends.map((s) => s.status)).toEqual(expect.arrayContaining(["approved", "paid", "evaluated"]));
    expect(before.audit.reduce((n, a) => n + (a.n as number), 0)).toBeGreaterThan(10);
    expect((await pnpm(["ledger:check"], source.url!)).code).toBe(0);

    const dump = await pnpm(["db:backup", dumpFile], source.url!);
    expect(dump.code, dump.stderr).toBe(0);
    expect(dump.stdout).toContain("Back-up gemaakt van database");

    const back = await pnpm(["db:restore", dumpFile, "--into", restoredName], source.url!);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain(`Hersteld in database ${restoredName}`);

    const ledger = await pnpm(["ledger:check"], urlOf(restoredName));
    expect(ledger.code, ledger.stderr).toBe(0);
    expect(ledger.stdout).toContain("Grootboek klopt");
    const audit = await pnpm(["audit:verify"], urlOf(restoredName));
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.stdout).toContain("Auditketen intact");

    restored = await openDatabase({ url: urlOf(restoredName) });
    expect(await snapshot(restored.db)).toEqual(before);
  }, 240_000);

  it("never overwrite a database: not an existing --into, not a DATABASE_URL that holds tables", async () => {
    const existing = await pnpm(["db:restore", dumpFile, "--into", source.name], source.url!);
    expect(existing.code).toBe(1);
    expect(existing.stderr).toContain(`De database ${source.name} bestaat al`);
    const notEmpty = await pnpm(["db:restore", dumpFile], source.url!);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toContain("is niet leeg");
  }, 120_000);

  it("explain in Dutch what to do without PostgreSQL (PGlite) or without pg_dump", async () => {
    const pglite = await pnpm(["db:backup", path.join(dir, "x.dump")], undefined);
    expect(pglite.code).toBe(1);
    expect(pglite.stderr).toContain("ingebouwde database (PGlite)");
    expect(pglite.stderr).toContain("docs/operations.md");
    const missing = await pnpm(["db:backup", path.join(dir, "y.dump")], source.url!, { PG_DUMP: path.join(dir, "geen-pg_dump") });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("pg_dump is niet gevonden");
  }, 120_000);
});
