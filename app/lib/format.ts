// nl-NL formatting: € 1.234,56 and 22-11-2026, in Europe/Amsterdam.
const money = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });
const TIME_ZONE = "Europe/Amsterdam";

export function formatMoney(cents: number | bigint): string {
  return money.format(Number(cents) / 100);
}

// Formatters are expensive to construct and cheap to use: one per option set.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function parts(d: Date, opts: Intl.DateTimeFormatOptions) {
  const key = JSON.stringify(opts);
  let formatter = dateFormatters.get(key);
  if (!formatter) dateFormatters.set(key, (formatter = new Intl.DateTimeFormat("nl-NL", { timeZone: TIME_ZONE, ...opts })));
  const out: Record<string, string> = {};
  for (const p of formatter.formatToParts(d)) out[p.type] = p.value;
  return out;
}
const hoursFormat = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
const numberFormat = new Intl.NumberFormat("nl-NL");

/** 22-11-2026. Accepts a Date, an ISO timestamp or a 'YYYY-MM-DD' date. */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-");
    return `${d}-${m}-${y}`;
  }
  const p = parts(new Date(value), { day: "2-digit", month: "2-digit", year: "numeric" });
  return `${p.day}-${p.month}-${p.year}`;
}

/** 22-11-2026 14:05 */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "";
  const p = parts(new Date(value), { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}`;
}

export function formatHours(hours: string | number | null | undefined): string {
  if (hours === null || hours === undefined || hours === "") return "–";
  return `${hoursFormat.format(Number(hours))} uur`;
}

/** 12.345 */
export function formatNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "–";
  return numberFormat.format(Number(value));
}

const isoDayInAmsterdam = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in Amsterdam as yyyy-mm-dd (file names, date inputs' defaults). */
export function todayInAmsterdam(): string {
  return isoDayInAmsterdam.format(new Date());
}

/** This year in Amsterdam. */
export function thisYearInAmsterdam(): number {
  return Number(todayInAmsterdam().slice(0, 4));
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
