// The one way Wijkwerk writes a CSV file (audit log, finance, procurement,
// partner staff list, Buurtservice counts): a header row, CRLF line ends,
// semicolons for Dutch spreadsheets unless the caller asks for commas, and a
// UTF-8 BOM where the file promises one (the download adds it otherwise).
import { stringify } from "csv-stringify/sync";

/**
 * Text cells that a spreadsheet would run as a formula get a leading
 * apostrophe; the full-width = + - @ too, which some spreadsheets read as
 * their ASCII twins.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

/** A text cell from free input (names, purposes…): empty for none, neutralised against formulas. */
export function csvText(value: unknown): string {
  return neutraliseFormula(value === null || value === undefined ? "" : String(value));
}

export interface CsvOptions {
  /** ";" (default, Dutch spreadsheets) or "," (a decimal point). */
  separator?: ";" | ",";
  /** A UTF-8 byte order mark in front, so Excel reads ë and é. */
  bom?: boolean;
  /** false: the rows only, no header row (a streamed file's later chunks). Default true. */
  header?: boolean;
}

/**
 * The rows under a header row. Cells are written as given: the caller passes
 * text from people through csvText (amounts such as "-12,50" and dates are
 * not formulas and stay as they are).
 */
export function writeCsv(columns: readonly string[], rows: readonly (readonly (string | number)[])[], options: CsvOptions = {}): string {
  return stringify(rows as (string | number)[][], {
    header: options.header !== false,
    columns: [...columns],
    delimiter: options.separator ?? ";",
    record_delimiter: "windows",
    bom: options.bom === true,
  });
}
