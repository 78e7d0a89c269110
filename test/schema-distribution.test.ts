// The schema rule for a distributed PostgreSQL (Citus, docs/scaling.md), read from
// the migrated catalog: every tenant table carries municipality_id NOT NULL, and its
// primary key, unique constraints and unique indexes and its foreign keys to other
// tenant tables include it; reference tables (db/src/distribution.ts, the one list)
// point at no tenant table. A new table or key that breaks this fails here, by name.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISTRIBUTION_COLUMN as MID, REFERENCE_TABLES, isReferenceTable } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";

type Sql = ReturnType<typeof postgres>;

/** Every breach of the rule in one schema, as "table: constraint — why", sorted. */
async function distributionViolations(sql: Sql, schema: string, isReference: (table: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const tables = await sql<{ name: string; has: boolean; notNull: boolean }[]>`
    select c.relname as name, a.attname is not null as has, coalesce(a.attnotnull, false) as "notNull"
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_attribute a on a.attrelid = c.oid and a.attname = ${MID} and not a.attisdropped
     where n.nspname = ${schema} and c.relkind in ('r', 'p')`;
  const tenant = new Set(tables.filter((t) => !isReference(t.name)).map((t) => t.name));
  for (const t of tables) {
    if (!tenant.has(t.name)) continue;
    if (!t.has) found.push(`${t.name}: (table) — tenant table without ${MID}`);
    else if (!t.notNull) found.push(`${t.name}: (table) — ${MID} may be null`);
  }

  const keys = await sql<{ table: string; name: string; kind: string; cols: (string | null)[] }[]>`
    select t.relname as table, i.relname as name,
           case when k.contype = 'p' then 'primary key' when k.contype = 'u' then 'unique constraint' else 'unique index' end as kind,
           array(select a.attname::text from unnest(x.indkey[0:x.indnkeyatts - 1]) as col(n)
                   left join pg_attribute a on a.attrelid = t.oid and a.attnum = col.n) as cols
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace left join pg_constraint k on k.conindid = i.oid and k.contype in ('p', 'u')
     where n.nspname = ${schema} and x.indisunique`;
  for (const k of keys) if (tenant.has(k.table) && !k.cols.includes(MID)) found.push(`${k.table}: ${k.name} — ${k.kind} without ${MID}`);

  const fks = await sql<{ table: string; name: string; ref: string; pairs: string[]; nullsMid: boolean }[]>`
    select t.relname as table, k.conname as name, r.relname as ref,
           array(select ca.attname || '>' || ra.attname from unnest(k.conkey, k.confkey) as p(c, f)
                   join pg_attribute ca on ca.attrelid = k.conrelid and ca.attnum = p.c
                   join pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = p.f) as pairs,
           (k.confdeltype in ('n', 'd') and k.confdelsetcols is null
             and exists (select 1 from pg_attribute a where a.attrelid = k.conrelid and a.attnum = any (k.conkey) and a.attname = ${MID})) as "nullsMid"
      from pg_constraint k join pg_class t on t.oid = k.conrelid join pg_class r on r.oid = k.confrelid
      join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = ${schema} and k.contype = 'f'`;
  for (const f of fks) {
    if (!tenant.has(f.ref)) continue; // to a reference table: allowed
    if (!tenant.has(f.table)) found.push(`${f.table}: ${f.name} — reference table points at tenant table ${f.ref}`);
    else if (!f.pairs.includes(`${MID}>${MID}`)) found.push(`${f.table}: ${f.name} — foreign key to ${f.ref} without ${MID} on both sides`);
    else if (f.nullsMid) found.push(`${f.table}: ${f.name} — ON DELETE SET NULL would null ${MID}: name the column, SET NULL (x_id)`);
  }
  return found.sort();
}

describe("schema distribution rule (Citus-ready keys)", () => {
  let db: TestDatabase;
  let sql: Sql;
  beforeAll(async () => {
    db = await createTestDatabase();
    sql = postgres(db.url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  it("holds for every table of the migrated schema", async () => {
    expect(await distributionViolations(sql, "public", isReferenceTable)).toEqual([]);
    // The reference list names real tables, none carrying the rule by accident of a typo.
    const existing = await sql<{ name: string }[]>`select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'`;
    const names = new Set(existing.map((t) => t.name));
    expect(REFERENCE_TABLES.filter((t) => !names.has(t))).toEqual([]);
  });

  it("reports a table that breaks it, naming table and constraint", async () => {
    await sql.unsafe(`
      create schema bad_keys;
      create table bad_keys.towns (id uuid primary key);
      create table bad_keys.good (id uuid, municipality_id uuid not null references bad_keys.towns, primary key (id, municipality_id));
      create table bad_keys.no_column (id uuid primary key);
      create table bad_keys.loose (id uuid constraint loose_pk primary key, municipality_id uuid, code text constraint loose_code unique);
      create unique index loose_code_idx on bad_keys.loose (lower(code));
      create table bad_keys.child (id uuid, municipality_id uuid not null, good_id uuid, other_id uuid,
        primary key (id, municipality_id),
        constraint child_good foreign key (good_id) references bad_keys.loose (id),
        constraint child_nulls foreign key (other_id, municipality_id) references bad_keys.good (id, municipality_id) on delete set null);
      create table bad_keys.lookup (id uuid primary key, good_id uuid, good_mid uuid,
        constraint lookup_good foreign key (good_id, good_mid) references bad_keys.good (id, municipality_id));
    `);
    const found = await distributionViolations(sql, "bad_keys", (t) => t === "towns" || t === "lookup");
    expect(found).toEqual([
      "child: child_good — foreign key to loose without municipality_id on both sides",
      "child: child_nulls — ON DELETE SET NULL would null municipality_id: name the column, SET NULL (x_id)",
      "lookup: lookup_good — reference table points at tenant table good",
      "loose: (table) — municipality_id may be null",
      "loose: loose_code — unique constraint without municipality_id",
      "loose: loose_code_idx — unique index without municipality_id",
      "loose: loose_pk — primary key without municipality_id",
      "no_column: (table) — tenant table without municipality_id",
      "no_column: no_column_pkey — primary key without municipality_id",
    ]);
    await sql.unsafe("drop schema bad_keys cascade");
  });
});
