// One definition of a date as forms and the API send it: "YYYY-MM-DD" that
// is a real day of the calendar. The format alone lets 2026-02-30 and
// 2026-13-45 through, which PostgreSQL then refuses (a 500 instead of a
// field error), so every date field in core, forms and the API uses this.
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
