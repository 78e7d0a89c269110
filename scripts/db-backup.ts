// pnpm db:backup [file]                 — pg_dump (custom format) of DATABASE_URL's database
// pnpm db:restore <file> [--into <db>]  — pg_restore of such a dump
//
// docs/operations.md ("Back-up en herstel"). Without --into the dump goes
// back into DATABASE_URL's database, which must then be empty (a freshly
// created database): an existing database is never overwritten. With
// --into <db> a new database of that name is created on the same server and
// the dump restored into it; point DATABASE_URL at it afterwards.
// The roles the grants name (app_user, migration 0001) are created first
// when the server does not know them (a restore on a new server).
//
// pg_dump/pg_restore must be of the server's major version or newer
// (PG_DUMP and PG_RESTORE name other binaries, e.g.
// /usr/lib/postgresql/16/bin/pg_dump). The embedded database (PGlite, no
// DATABASE_URL) has no pg_dump: stop the app and copy its data folder.
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

class BackupError extends Error {}

type Mode = "backup" | "restore";

const PGLITE_HINT =
  "DATABASE_URL is niet gezet: de app gebruikt de ingebouwde database (PGlite). Daarvoor werken pg_dump en pg_restore niet. " +
  "Maak een back-up door de app te stoppen en de datamap (PGLITE_DATA_DIR, standaard .data/pglite) te kopiëren; zie docs/operations.md, ‘Back-up en herstel’.";

function databaseUrl(): URL {
  const raw = process.env.DATABASE_URL;
  if (!raw) throw new BackupError(PGLITE_HINT);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BackupError("DATABASE_URL is geen geldig adres (verwacht: postgres://gebruiker@host:5432/database).");
  }
  if (!/^postgres(ql)?:$/.test(url.protocol)) throw new BackupError("DATABASE_URL moet met postgres:// of postgresql:// beginnen.");
  if (url.pathname.length <= 1) throw new BackupError("DATABASE_URL noemt geen database (…/wijkwerk aan het eind).");
  return url;
}

function withDatabase(url: URL, name: string): string {
  const u = new URL(url.href);
  u.pathname = `/${name}`;
  return u.href;
}

/** Runs pg_dump/pg_restore; a missing binary or a failure becomes a Dutch error (never the URL: it may hold a password). */
function run(tool: "pg_dump" | "pg_restore", args: string[]): void {
  const binary = (tool === "pg_dump" ? process.env.PG_DUMP : process.env.PG_RESTORE) || tool;
  const result = spawnSync(binary, args, { encoding: "utf8", stdio: ["ignore", "inherit", "pipe"] });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT")
    throw new BackupError(
      `${tool} is niet gevonden (${binary}). Installeer de PostgreSQL-clientprogramma's van dezelfde hoofdversie als de server ` +
        `(Debian/Ubuntu: apt install postgresql-client-<versie>) of wijs het programma aan met ${tool === "pg_dump" ? "PG_DUMP" : "PG_RESTORE"}=/pad/naar/${tool}.`,
    );
  if (result.error) throw new BackupError(`${tool} kon niet starten: ${result.error.message}`);
  if (result.status !== 0) {
    const stderr = (result.stderr ?? "").trim();
    const mismatch = /server version mismatch|unsupported version/i.test(stderr)
      ? ` De versie van ${tool} past niet bij de server: gebruik ${tool} van de hoofdversie van de server of nieuwer (${tool === "pg_dump" ? "PG_DUMP" : "PG_RESTORE"}=…).`
      : "";
    throw new BackupError(`${tool} is mislukt (afsluitcode ${result.status}).${mismatch}\n${stderr}`);
  }
}

function timestamp(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

function backup(args: string[]): void {
  const url = databaseUrl();
  const dbName = decodeURIComponent(url.pathname.slice(1));
  const file = path.resolve(args[0] ?? path.join("backups", `wijkwerk-${dbName}-${timestamp()}.dump`));
  mkdirSync(path.dirname(file), { recursive: true });
  run("pg_dump", ["--format=custom", "--compress=6", "--no-password", `--file=${file}`, `--dbname=${url.href}`]);
  const mb = (statSync(file).size / 1024 / 1024).toLocaleString("nl-NL", { maximumFractionDigits: 1 });
  console.log(`Back-up gemaakt van database ${dbName}: ${file} (${mb} MB).`);
}

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function restore(args: string[]): Promise<void> {
  const intoAt = args.indexOf("--into");
  const into = intoAt === -1 ? null : args[intoAt + 1];
  const rest = intoAt === -1 ? args : args.filter((_, i) => i !== intoAt && i !== intoAt + 1);
  if (intoAt !== -1 && !into) throw new BackupError("Na --into hoort de naam van de nieuwe database.");
  const [fileArg] = rest;
  if (!fileArg) throw new BackupError("Welk bestand? Gebruik: pnpm db:restore <bestand> [--into <database>]");
  const file = path.resolve(fileArg);
  try {
    if (!statSync(file).isFile()) throw new Error();
  } catch {
    throw new BackupError(`Het bestand ${file} bestaat niet.`);
  }
  const url = databaseUrl();
  if (into !== null && !SAFE_NAME.test(into))
    throw new BackupError("De naam na --into mag alleen kleine letters, cijfers en _ bevatten (en niet met een cijfer beginnen).");
  const target = into ?? decodeURIComponent(url.pathname.slice(1));
  const targetUrl = withDatabase(url, target);

  const server = postgres(withDatabase(url, "postgres"), { max: 1, onnotice: () => {} });
  try {
    const [{ exists }] = await server<{ exists: boolean }[]>`select exists (select 1 from pg_database where datname = ${target}) as exists`;
    if (into !== null) {
      if (exists) throw new BackupError(`De database ${target} bestaat al. Kies een nieuwe naam: een bestaande database wordt nooit overschreven.`);
      await server.unsafe(`create database ${target}`);
    } else {
      if (!exists) throw new BackupError(`De database ${target} bestaat niet. Maak haar eerst aan (createdb ${target}) of gebruik --into <naam>.`);
      const db = postgres(targetUrl, { max: 1, onnotice: () => {} });
      try {
        const [{ n }] = await db<{ n: number }[]>`select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`;
        if (n > 0)
          throw new BackupError(
            `De database ${target} is niet leeg (${n} tabellen). Herstel in een nieuwe database met --into <naam> en wijs DATABASE_URL daarna naar die database.`,
          );
      } finally {
        await db.end();
      }
    }
    // The grants in the dump name app_user (migration 0001): a new server must know the role first.
    await server.unsafe(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN CREATE ROLE app_user NOLOGIN NOBYPASSRLS; END IF;
    END $$`);
  } finally {
    await server.end();
  }
  // One transaction: a restore that fails leaves the database as empty as it was.
  run("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction", "--no-password", `--dbname=${targetUrl}`, file]);
  console.log(
    `Hersteld in database ${target} uit ${file}. Controleer daar: DATABASE_URL=…/${target} pnpm ledger:check en pnpm audit:verify` +
      (into ? `; wijs DATABASE_URL daarna naar ${target}.` : "."),
  );
}

const [mode, ...args] = process.argv.slice(2) as [Mode | undefined, ...string[]];
try {
  if (mode === "backup") backup(args);
  else if (mode === "restore") await restore(args);
  else throw new BackupError("Gebruik: pnpm db:backup [bestand] of pnpm db:restore <bestand> [--into <database>]");
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
