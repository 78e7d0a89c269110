// The CSV of a casework figures report (docs/figures.md, "CSV"): every table
// in long format, one line per cell — table, row, column, value — with the
// value as shown (Dutch numbers; a suppressed cell "< 5", never its number).
// Yielded table by table, so a route can stream it without building the file.
import { stringify } from "csv-stringify/sync";
import { neutraliseFormula } from "../common";
import { figuresCsvHeader } from "./messages";
import type { CaseworkReport, FigureRow } from "./types";

const line = (cells: string[]) => stringify([cells], { delimiter: ";", record_delimiter: "windows" });

/** The report's CSV in chunks: a BOM and the header, then one chunk per table. */
export async function* caseworkFiguresCsv(report: CaseworkReport): AsyncGenerator<string> {
  yield `\uFEFF${line([...figuresCsvHeader])}`;
  for (const table of report.tables) {
    const rows: FigureRow[] = [...table.rows, ...(table.totals ? [table.totals] : []), ...(table.average ? [table.average] : [])];
    const records = rows.flatMap((row) =>
      // Labels may hold names typed by people (teams): neutralised; values are our own numbers ("-0,5" is no formula).
      table.columns.map((column, i) => [
        neutraliseFormula(table.title),
        neutraliseFormula(row.label),
        neutraliseFormula(column.label),
        row.cells[i]?.display ?? "",
      ]),
    );
    yield stringify(records, { delimiter: ";", record_delimiter: "windows" });
  }
}
