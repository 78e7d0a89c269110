// One definition of a date as forms and the API send it: "YYYY-MM-DD" that
// is a real day of the calendar. The format alone lets 2026-02-30 and
// 2026-13-45 through, which PostgreSQL then refuses (a 500 instead of a
// field error), so every date field in core, forms and the API uses this.
// Below it, the one place where dates are read and written for people
// (dd-mm-jjjj, Europe/Amsterdam): pages, e-mails and CSV files alike. No Node
// imports: the browser bundle uses it too.
import { z } from "zod";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for "YYYY-MM-DD" naming a day that exists (leap years included), years 1000–9999. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

/**
 * A calendar date field (trimmed). Without a message the issue carries the
 * code `date_invalid` (core's zodFieldCodes turns it into a field error the
 * app translates); forms pass their own Dutch message (and one for an
 * empty field, which conform leaves out).
 */
export function calendarDate(message?: string, requiredMessage?: string) {
  return z
    .string({ required_error: requiredMessage ?? message })
    .trim()
    .refine(isCalendarDate, { message: message ?? "date_invalid", params: { code: "date_invalid" } });
}

// ── Days and times in Europe/Amsterdam ─────────────────────────────────────
// Every date a person sees or a rule counts is a Dutch day. Formatters are
// expensive to construct and cheap to use: each option set is built once.

export const AMSTERDAM_TIME_ZONE = "Europe/Amsterdam";

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: AMSTERDAM_TIME_ZONE, ...opts })));
  return f;
}
function amsterdamParts(d: Date, opts: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatter("nl-NL", opts).formatToParts(d)) out[p.type] = p.value;
  return out;
}
const isoDay = formatter("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });
const isoMinute = formatter("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const hour = formatter("en-GB", { hour: "2-digit", hourCycle: "h23" });

/** The calendar day (yyyy-mm-dd) of an instant in Europe/Amsterdam: due dates are Dutch days. */
export const amsterdamDay = (d: Date): string => isoDay.format(d);

/** The month (yyyy-mm) of an instant in Europe/Amsterdam. */
export const amsterdamMonth = (d: Date): string => amsterdamDay(d).slice(0, 7);

/** The hour (0–23) of an instant in Europe/Amsterdam. */
export const amsterdamHour = (d: Date): number => Number(hour.format(d));

/** Today's date in Amsterdam as yyyy-mm-dd (file names, date inputs' defaults). */
export function todayInAmsterdam(): string {
  return amsterdamDay(new Date());
}

/** This year in Amsterdam. */
export function thisYearInAmsterdam(): number {
  return Number(todayInAmsterdam().slice(0, 4));
}

/**
 * The instant at which Amsterdam's wall clock reads `time` (HH:mm:ss) on
 * `day` (yyyy-mm-dd): of the two offsets (winter +01:00, summer +02:00) the
 * one whose wall clock shows that day and minute.
 */
export function amsterdamInstant(day: string, time: string): Date {
  for (const offset of ["+01:00", "+02:00"]) {
    const candidate = new Date(`${day}T${time}${offset}`);
    const wall = isoMinute.format(candidate);
    if (wall.startsWith(day) && wall.endsWith(time.slice(0, 5))) return candidate;
  }
  return new Date(`${day}T${time}+01:00`);
}

/** A date column as yyyy-mm-dd (PostgreSQL gives 'YYYY-MM-DD' or a Date at UTC midnight); "" for none. */
export function isoDateOf(value: Date | string | null | undefined): string {
  if (!value) return "";
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** 22-11-2026 (dd-mm-jjjj). Accepts a Date, an ISO timestamp or a 'YYYY-MM-DD' date (taken as it is). */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "";
  if (typeof value === "string" && ISO_DATE.test(value)) {
    const [y, m, d] = value.split("-");
    return `${d}-${m}-${y}`;
  }
  const p = amsterdamParts(new Date(value), { day: "2-digit", month: "2-digit", year: "numeric" });
  return `${p.day}-${p.month}-${p.year}`;
}

/** 22-11-2026 14:05 in Amsterdam. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "";
  const p = amsterdamParts(new Date(value), { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}`;
}

/** 22-11-2026 14:05:09 in Amsterdam (the audit log's moments). */
export function formatDateTimeSeconds(value: Date): string {
  const p = amsterdamParts(value, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** The months' Dutch names, January first (index = month − 1). */
export const MONTH_NAMES = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
] as const;

/** The one abbreviation of each month in the UI (charts, week titles): "jan" … "mrt" … "dec", never "maa" or "mrt.". */
export const MONTH_ABBREVIATIONS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"] as const;

/** "30 nov" (a 'YYYY-MM-DD' date, taken as it is). */
export function formatDayMonth(isoDay: string): string {
  return `${Number(isoDay.slice(8, 10))} ${MONTH_ABBREVIATIONS[Number(isoDay.slice(5, 7)) - 1]}`;
}

/**
 * A week as people say it, from its Monday: "week 49 (30 nov – 6 dec 2026)"; the year once at
 * the end, or at both ends when the week crosses into a new year ("week 1 (29 dec 2025 – 4 jan 2026)").
 */
export function formatWeek(monday: string): string {
  const start = new Date(`${monday.slice(0, 10)}T00:00:00Z`);
  const sunday = new Date(start.getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
  const thursday = new Date(start.getTime() + 3 * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * 86_400_000)) + 1;
  const from = monday.slice(0, 4) === sunday.slice(0, 4) ? formatDayMonth(monday) : `${formatDayMonth(monday)} ${monday.slice(0, 4)}`;
  return `week ${week} (${from} – ${formatDayMonth(sunday)} ${sunday.slice(0, 4)})`;
}

const monthYear = new Intl.DateTimeFormat("nl-NL", { month: "long", year: "numeric", timeZone: "UTC" });

/** "maart 2026" for a month "2026-03" (or any yyyy-mm-… date in it). */
export function formatMonthYear(isoMonth: string): string {
  return monthYear.format(new Date(`${isoMonth.slice(0, 7)}-01T00:00:00Z`));
}
