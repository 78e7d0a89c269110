// The street → buurt list, kept by the functional admin with a CSV import:
// first a preview (what would be added and removed, Dutch errors per line),
// then the confirmed import, which replaces the municipality's whole list in
// one transaction.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { asc, buurten, eq, queryRows, sql, streets, withScope, type Queryable } from "@wijkwerk/db";
import { appendAudit } from "../audit";
import type { UseCaseContext } from "../common";
import { neighbourhoodMessages as msg } from "./messages";
import { normaliseName } from "./directory";

export const MAX_STREET_LINES = 20_000;

export interface CsvLineError {
  line: number;
  message: string;
}

export interface ParsedStreet {
  line: number;
  street: string;
  buurtName: string;
}

/** Splits CSV text into records of cells (RFC 4180 quotes; `;` or `,` as separator, chosen from the header line). */
export function parseCsv(text: string): { records: { line: number; cells: string[] }[]; errors: CsvLineError[] } {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.split(/\r?\n/, 1)[0] ?? "";
  const sep = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const records: { line: number; cells: string[] }[] = [];
  const errors: CsvLineError[] = [];
  let line = 1;
  let i = 0;
  while (i <= src.length) {
    const startLine = line;
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    let broken = false;
    for (;;) {
      if (i >= src.length) {
        if (quoted) broken = true;
        break;
      }
      const ch = src[i];
      if (quoted) {
        if (ch === '"' && src[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (ch === '"') {
          quoted = false;
          i++;
        } else {
          if (ch === "\n") line++;
          cell += ch;
          i++;
        }
        continue;
      }
      if (ch === '"' && cell.trim() === "") {
        quoted = true;
        cell = "";
        i++;
      } else if (ch === sep) {
        cells.push(cell);
        cell = "";
        i++;
      } else if (ch === "\r" && src[i + 1] === "\n") i++;
      else if (ch === "\n") break;
      else {
        cell += ch;
        i++;
      }
    }
    cells.push(cell);
    i++; // past the newline (or the end)
    line++;
    if (broken) errors.push({ line: startLine, message: msg.lineQuote(startLine) });
    else if (cells.some((c) => c.trim() !== "")) records.push({ line: startLine, cells: cells.map((c) => c.trim()) });
    if (broken) break;
  }
  return { records, errors };
}

export interface StreetPreview {
  /** Valid lines, in file order. */
  rows: { line: number; street: string; buurt: string }[];
  errors: CsvLineError[];
  added: number;
  removed: number;
  unchanged: number;
}

/** The pure rule: CSV text + known buurten → rows to keep and Dutch errors per line. */
export function checkStreetCsv(text: string, buurtNames: string[]): { rows: { line: number; street: string; buurt: string }[]; errors: CsvLineError[] } {
  if (text.trim() === "") return { rows: [], errors: [{ line: 0, message: msg.csvEmpty }] };
  const { records, errors } = parseCsv(text);
  if (records.length - 1 > MAX_STREET_LINES) return { rows: [], errors: [{ line: 0, message: msg.csvTooLarge(MAX_STREET_LINES) }] };
  const [header, ...body] = records;
  const names = header?.cells.map((c) => normaliseName(c)) ?? [];
  const streetCol = names.indexOf("straat");
  const buurtCol = names.indexOf("buurt");
  if (streetCol < 0 || buurtCol < 0) return { rows: [], errors: [{ line: header?.line ?? 1, message: msg.csvHeader }, ...errors] };
  const buurtByKey = new Map(buurtNames.map((b) => [normaliseName(b), b]));
  const seen = new Map<string, number>();
  const rows: { line: number; street: string; buurt: string }[] = [];
  for (const r of body) {
    const street = (r.cells[streetCol] ?? "").replace(/\s+/g, " ");
    const buurtRaw = r.cells[buurtCol] ?? "";
    if (!street) errors.push({ line: r.line, message: msg.lineStreetMissing(r.line) });
    else if (street.length > 100) errors.push({ line: r.line, message: msg.lineStreetTooLong(r.line) });
    else if (!buurtRaw) errors.push({ line: r.line, message: msg.lineBuurtMissing(r.line) });
    else {
      const buurt = buurtByKey.get(normaliseName(buurtRaw));
      if (!buurt) errors.push({ line: r.line, message: msg.lineBuurtUnknown(r.line, buurtRaw) });
      else {
        const key = `${street.toLowerCase()}\u0000${buurt}`;
        const first = seen.get(key);
        if (first !== undefined) errors.push({ line: r.line, message: msg.lineDuplicate(r.line, street, buurt, first) });
        else {
          seen.set(key, r.line);
          rows.push({ line: r.line, street, buurt });
        }
      }
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}

function requireManage(ctx: UseCaseContext) {
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("Street", { municipalityId: ctx.actor.municipalityId }));
}

async function currentList(tx: Queryable, municipalityId: string) {
  const buurtRows = await tx.select({ id: buurten.id, name: buurten.name }).from(buurten).where(eq(buurten.municipalityId, municipalityId));
  const existing = await queryRows<{ name: string; buurt: string }>(
    tx,
    sql`select s.name, b.name as buurt from streets s join buurten b on b.id = s.buurt_id where s.municipality_id = ${municipalityId}`,
  );
  return { buurtRows, existing: new Set(existing.map((e) => `${e.name.toLowerCase()}\u0000${e.buurt}`)) };
}

function compare(rows: { street: string; buurt: string }[], existing: Set<string>) {
  const incoming = new Set(rows.map((r) => `${r.street.toLowerCase()}\u0000${r.buurt}`));
  let unchanged = 0;
  for (const k of incoming) if (existing.has(k)) unchanged++;
  return { added: incoming.size - unchanged, removed: existing.size - unchanged, unchanged };
}

/** What importing this CSV would do; changes nothing. */
export async function previewStreetImport(ctx: UseCaseContext, text: string): Promise<StreetPreview> {
  requireManage(ctx);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const { buurtRows, existing } = await currentList(tx, ctx.actor.municipalityId);
    const { rows, errors } = checkStreetCsv(
      text,
      buurtRows.map((b) => b.name),
    );
    return { rows, errors, ...compare(rows, existing) };
  });
}

/**
 * Replaces the street list with the CSV's (only when it has no errors: then
 * the preview is returned unchanged and nothing is written). Two imports at
 * once are serialised by a transaction-level advisory lock.
 */
export async function importStreets(ctx: UseCaseContext, text: string): Promise<StreetPreview & { imported: boolean }> {
  requireManage(ctx);
  const municipalityId = ctx.actor.municipalityId;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`streets:${municipalityId}`}))`);
    const { buurtRows, existing } = await currentList(tx, municipalityId);
    const { rows, errors } = checkStreetCsv(
      text,
      buurtRows.map((b) => b.name),
    );
    const counts = compare(rows, existing);
    if (errors.length > 0) return { rows, errors, ...counts, imported: false };
    const buurtId = new Map(buurtRows.map((b) => [b.name, b.id]));
    await tx.delete(streets).where(eq(streets.municipalityId, municipalityId));
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(streets).values(rows.slice(i, i + 1000).map((r) => ({ municipalityId, buurtId: buurtId.get(r.buurt)!, name: r.street })));
    }
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "streets.imported",
      objectType: "streets",
      meta: ctx.meta,
      data: { lines: rows.length, ...counts },
    });
    return { rows, errors, ...counts, imported: true };
  });
}

/** The list as it is now, per buurt (for the admin page). */
export async function listStreetCounts(ctx: UseCaseContext): Promise<{ buurt: string; streets: number }[]> {
  requireManage(ctx);
  return withScope(ctx.db, ctx.scope, async (tx) =>
    tx
      .select({ buurt: buurten.name, streets: sql<number>`count(${streets.id})::int` })
      .from(buurten)
      .leftJoin(streets, eq(streets.buurtId, buurten.id))
      .where(eq(buurten.municipalityId, ctx.actor.municipalityId))
      .groupBy(buurten.name)
      .orderBy(asc(buurten.name)),
  );
}
