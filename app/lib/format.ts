// nl-NL formatting for pages. Dates (dd-mm-jjjj, Europe/Amsterdam) and money
// (€ 1.234,56) have one module each in core, shared with e-mails and CSV
// files; numbers, hours and file sizes are only shown on pages.
export {
  MONTH_ABBREVIATIONS,
  MONTH_NAMES,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatMonthYear,
  formatWeek,
  thisYearInAmsterdam,
  todayInAmsterdam,
} from "@wijkwerk/core/dates";
export { formatMoney, formatWholeEuros } from "@wijkwerk/core/money";

const hoursFormat = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
const numberFormat = new Intl.NumberFormat("nl-NL");

export function formatHours(hours: string | number | null | undefined): string {
  if (hours === null || hours === undefined || hours === "") return "–";
  return `${hoursFormat.format(Number(hours))} uur`;
}

/** 12.345 */
export function formatNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "–";
  return numberFormat.format(Number(value));
}

const sizeFormats = {
  kilobyte: new Intl.NumberFormat("nl-NL", { style: "unit", unit: "kilobyte", maximumFractionDigits: 1 }),
  megabyte: new Intl.NumberFormat("nl-NL", { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }),
};

/** 512 bytes, 12,3 kB, 4,8 MB (1 kB = 1024 bytes, like the 5 MB upload limit). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${numberFormat.format(bytes)} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1024 * 1024) return sizeFormats.kilobyte.format(bytes / 1024);
  return sizeFormats.megabyte.format(bytes / (1024 * 1024));
}

const percentFormat = new Intl.NumberFormat("nl-NL", { style: "percent", maximumFractionDigits: 0 });

/** 0.425 → "43%" (nl-NL, whole percents). */
export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio);
}
