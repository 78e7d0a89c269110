// The CSV of a figures report: every table in long format, one line per cell
// (table; row; column; value), suppressed cells as "< 5". Produced line by
// line as an async iterable (or a Node Readable for a response body), so a
// download never holds the whole file in memory.
import { Readable } from "node:stream";
import { csvText, writeCsv } from "../common";
import { SUPPRESSED_DISPLAY, figuresCsvHeader } from "./messages";
import type { CaseworkReport, FigureCell } from "./types";

/** A number with a decimal comma for Dutch spreadsheets; "< 5" when suppressed; empty for no value (a share of nothing). */
const valueOf = (cell: FigureCell): string => (cell.suppressed ? SUPPRESSED_DISPLAY : cell.value === null ? "" : String(cell.value).replace(".", ","));

/** The CSV's lines (header first, CRLF-terminated, with a BOM for Excel). */
export async function* caseworkFiguresCsv(report: CaseworkReport): AsyncGenerator<string> {
  yield writeCsv(figuresCsvHeader, [], { bom: true });
  for (const table of report.tables) {
    for (const row of [...table.rows, ...(table.totals ? [table.totals] : []), ...(table.average ? [table.average] : [])]) {
      const lines = row.cells.map((cell, i) => [table.title, csvText(row.label), csvText(table.columns[i]?.label), valueOf(cell)]);
      // One table row at a time: a handful of cells.
      yield writeCsv(figuresCsvHeader, lines).split("\r\n").slice(1).join("\r\n");
    }
  }
}

/** The same as a Node Readable (a route's response body). */
export const caseworkFiguresCsvStream = (report: CaseworkReport): Readable => Readable.from(caseworkFiguresCsv(report));
