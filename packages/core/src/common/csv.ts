// Shared by the CSV exports (audit log, finance).

/** Text cells that a spreadsheet would run as a formula get a leading apostrophe. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
