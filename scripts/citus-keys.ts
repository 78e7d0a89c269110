// Writes the SQL that puts municipality_id into every key of the tenant tables
// (docs/scaling.md), read from the catalog of a database migrated up to the
// migration BEFORE the one this SQL goes into:
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> pnpm exec tsx scripts/citus-keys.ts > /tmp/citus-keys.sql
//
// Steps, in an order PostgreSQL accepts: drop the foreign keys between tenant
// tables (and from reference tables to tenant tables, which Citus forbids), make
// municipality_id NOT NULL, swap primary keys and unique constraints/indexes for
// ones that end in municipality_id (id first, so `where id = $1` keeps its index),
// re-add the foreign keys with municipality_id on both sides (ON DELETE SET NULL
// names its column so municipality_id is never nulled), and re-create the SQL
// functions whose ON CONFLICT targets named the old unique keys.
// Constraint and index names stay the same. The result was generated once into
// db/migrations/0056_citus_keys.sql; the schema-rule test keeps it true.
import postgres from "postgres";
import { DISTRIBUTION_COLUMN as MID, isReferenceTable } from "../db/src/distribution";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const sql = postgres(url, { max: 1, onnotice: () => {} });

interface Con {
  table: string;
  name: string;
  type: "p" | "u" | "f";
  def: string;
  cols: string[];
  ref: string | null;
  refCols: string[];
}
const cons = await sql<Con[]>`
  select c.conrelid::regclass::text as table, c.conname as name, c.contype as type, pg_get_constraintdef(c.oid) as def,
         array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols,
         c.confrelid::regclass::text as ref,
         coalesce(array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i), '{}') as "refCols"
    from pg_constraint c
   where c.connamespace = 'public'::regnamespace and c.contype in ('p', 'u', 'f')
   order by 1, 2`;
for (const c of cons) if (c.ref === "-") c.ref = null;
const tables = (
  await sql<{ name: string; hasColumn: boolean; nullable: boolean }[]>`
    select c.relname as name, a.attname is not null as "hasColumn", not coalesce(a.attnotnull, false) as nullable
      from pg_class c left join pg_attribute a on a.attrelid = c.oid and a.attname = ${MID} and not a.attisdropped
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by 1`
).filter((t) => !isReferenceTable(t.name));
const tenant = new Set(tables.map((t) => t.name));
const uniqueIndexes = await sql<{ table: string; name: string; def: string; cols: string[] }[]>`
  select t.relname as table, i.relname as name, pg_get_indexdef(i.oid) as def,
         array(select pg_get_indexdef(i.oid, k, true) from generate_series(1, x.indnkeyatts) k) as cols
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
   where t.relnamespace = 'public'::regnamespace and x.indisunique
     and not exists (select 1 from pg_constraint k where k.conindid = i.oid)
   order by 1, 2`;
const functions = await sql<{ name: string; def: string }[]>`
  select p.oid::regprocedure::text as name, pg_get_functiondef(p.oid) as def
    from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosrc ~* 'on\\s+conflict\\s*\\(' order by 1`;
// Views that lean on a primary key being swapped (GROUP BY its id): dropped first, re-created last with municipality_id in the GROUP BY.
const dependentViews = await sql<{ name: string }[]>`
  select distinct v.relname as name
    from pg_depend d join pg_rewrite r on r.oid = d.objid join pg_class v on v.oid = r.ev_class join pg_constraint c on c.oid = d.refobjid
   where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_constraint'::regclass and c.connamespace = 'public'::regnamespace
   order by 1`;
await sql.end();
const VIEWS: Record<string, string[]> = {
  budget_balances: [
    `CREATE VIEW budget_balances WITH (security_invoker = true) AS
SELECT b.id, b.municipality_id, b.year, b.name, b.approval_threshold_cents, b.evaluation_after_months, b.created_at,
       coalesce(sum(p.funded_cents), 0)::bigint AS funded_cents,
       coalesce(sum(p.available_cents), 0)::bigint AS available_cents,
       coalesce(sum(p.reserved_cents), 0)::bigint AS reserved_cents,
       coalesce(sum(p.paid_cents), 0)::bigint AS paid_cents
FROM budgets b LEFT JOIN budget_pots p ON p.budget_id = b.id AND p.municipality_id = b.municipality_id
GROUP BY b.id, b.municipality_id`,
    "GRANT SELECT ON budget_balances TO app_user",
  ],
};
const unknownViews = dependentViews.map((v) => v.name).filter((v) => !VIEWS[v]);
if (unknownViews.length) throw new Error(`views that depend on a key and have no new definition here: ${unknownViews.join(", ")}`);

const q = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);
// Statements, each with the comment lines before it (drizzle's migrator runs them one by one).
const out: string[] = [];
let comment = "";
const note = (s: string) => (comment += `${s}\n`);
const emit = (s: string) => {
  out.push(`${comment}${s.trim().endsWith(";") ? s.trim() : `${s};`}`);
  comment = "";
};

const noColumn = tables.filter((t) => !t.hasColumn).map((t) => t.name);
if (noColumn.length) throw new Error(`tenant tables without ${MID}: ${noColumn.join(", ")}`);

// 1. Foreign keys that must go: tenant → tenant without municipality_id on both sides (re-added below),
//    and reference → tenant (dropped for good: Citus has no foreign keys from reference to distributed tables).
const fkToRedo = cons.filter((c) => c.type === "f" && tenant.has(c.table) && c.ref && tenant.has(c.ref) && !(c.cols.includes(MID) && c.refCols.includes(MID)));
const fkToDrop = cons.filter((c) => c.type === "f" && !tenant.has(c.table) && c.ref && tenant.has(c.ref));
note("-- 1. Foreign keys between tenant tables (re-added with municipality_id below), and from reference tables to tenant tables (gone for good).");
for (const c of [...fkToDrop, ...fkToRedo]) emit(`ALTER TABLE ${q(c.table)} DROP CONSTRAINT ${q(c.name)}`);

note("-- Views on a key that changes (re-created at the end).");
for (const v of dependentViews) emit(`DROP VIEW ${q(v.name)}`);

note("-- 2. Every tenant row belongs to a municipality.");
for (const t of tables) if (t.nullable) emit(`ALTER TABLE ${q(t.name)} ALTER COLUMN ${MID} SET NOT NULL`);

note("-- 3. Primary keys and unique constraints end in municipality_id.");
for (const c of cons) {
  if (c.type === "f" || !tenant.has(c.table) || c.cols.includes(MID)) continue;
  const kind = c.type === "p" ? "PRIMARY KEY" : "UNIQUE";
  const nulls = /NULLS NOT DISTINCT/.test(c.def) ? " NULLS NOT DISTINCT" : "";
  emit(`ALTER TABLE ${q(c.table)} DROP CONSTRAINT ${q(c.name)}, ADD CONSTRAINT ${q(c.name)} ${kind}${nulls} (${[...c.cols, MID].map(q).join(", ")})`);
}

note("-- 4. Unique indexes end in municipality_id.");
for (const ix of uniqueIndexes) {
  if (!tenant.has(ix.table) || ix.cols.includes(MID)) continue;
  // "... USING btree (a, b) [NULLS NOT DISTINCT] [WHERE ...]": add the column inside the first balanced parentheses after USING.
  const start = ix.def.indexOf("(", ix.def.indexOf(" USING "));
  let depth = 0;
  let end = start;
  for (; end < ix.def.length; end++) {
    if (ix.def[end] === "(") depth++;
    else if (ix.def[end] === ")" && --depth === 0) break;
  }
  emit(`DROP INDEX ${q(ix.name)}`);
  emit(`${ix.def.slice(0, end)}, ${MID}${ix.def.slice(end)}`);
}

note("-- 5. The foreign keys again, with municipality_id on both sides.");
for (const c of fkToRedo) {
  const cols = [...c.cols, MID].map(q).join(", ");
  const refCols = [...c.refCols, MID].map(q).join(", ");
  let rest = c.def.replace(/^FOREIGN KEY \([^)]*\) REFERENCES [^(]+\([^)]*\)/, "");
  // SET NULL / SET DEFAULT name their own columns: municipality_id, part of the key, must stay.
  rest = rest.replace(/ON (DELETE|UPDATE) SET (NULL|DEFAULT)(?! \()/g, (_m, on: string, what: string) => `ON ${on} SET ${what} (${c.cols.map(q).join(", ")})`);
  emit(`ALTER TABLE ${q(c.table)} ADD CONSTRAINT ${q(c.name)} FOREIGN KEY (${cols}) REFERENCES ${q(c.ref!)}(${refCols})${rest}`);
}

note("-- 6. SQL functions whose ON CONFLICT targets named the old unique keys.");
for (const f of functions) {
  let changed = false;
  const def = f.def.replace(/(ON\s+CONFLICT\s*\()([^)]*)(\))/gi, (m, a: string, cols: string, b: string) => {
    if (cols.split(",").some((x) => x.trim() === MID)) return m;
    changed = true;
    return `${a}${cols}, ${MID}${b}`;
  });
  if (changed) emit(`${def.trim()};`);
}

note("-- 7. The views again.");
for (const v of dependentViews) for (const stmt of VIEWS[v.name]) emit(stmt);

console.log(
  `-- Generated by scripts/citus-keys.ts: municipality_id in every key of the tenant tables (docs/scaling.md).\n${out.join("\n--> statement-breakpoint\n")}`,
);
