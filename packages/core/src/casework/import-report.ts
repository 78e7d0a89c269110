// The history import's error report as a CSV file for a spreadsheet: one line
// per problem (row, column, message). Messages quote what the file held, so
// every cell is neutralised against formulas (common/csv.ts).
import { csvText, writeCsv } from "../common";
import type { ImportIssue } from "./import";

export const IMPORT_REPORT_COLUMNS = ["regel", "kolom", "melding"] as const;

export function importReportCsv(errors: readonly ImportIssue[]): string {
  return writeCsv(
    IMPORT_REPORT_COLUMNS,
    errors.map((e) => [e.row, csvText(e.column), csvText(e.message)]),
    { bom: true },
  );
}
