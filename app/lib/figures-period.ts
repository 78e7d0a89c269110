// The period of the figures pages: ?van=YYYY-MM&tot=YYYY-MM in the URL (a GET
// form, so a period can be bookmarked and shared), checked with zod with a
// Dutch message per field; without both, this calendar year so far. The quick
// choices "dit jaar", "vorig jaar" and "alles" are links with their months.
import { z } from "zod";
import { MAX_FIGURE_MONTHS } from "~/core/figures.server";
import { nl } from "~/i18n/nl";
import { todayInAmsterdam } from "~/lib/format";

const t = nl.figuresPages.period;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface Period {
  from: string;
  to: string;
}

/** One month field, one message: empty, not a month, or outside 2000–2100. */
const monthField = z
  .string({ required_error: t.required })
  .trim()
  .superRefine((m, ctx) => {
    const message = m === "" ? t.required : !MONTH.test(m) ? t.monthInvalid : m < "2000-01" || m > "2100-12" ? t.yearOutOfRange : null;
    if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  });

/** Months from..to inclusive, counted (both valid 'YYYY-MM'). */
export function monthCount(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** 'YYYY-MM' moved by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
}

export const periodSchema = z.object({ van: monthField, tot: monthField }).superRefine(({ van, tot }, ctx) => {
  // zod runs this after a field's own refusal too: compare only two real months.
  if (!MONTH.test(van) || !MONTH.test(tot)) return;
  if (van > tot) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["tot"], message: t.toBeforeFrom });
  else if (monthCount(van, tot) > MAX_FIGURE_MONTHS) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["van"], message: t.tooLong(MAX_FIGURE_MONTHS / 12) });
});

export type PresetKey = "thisYear" | "lastYear" | "all";

/** The quick choices, for today's month in Amsterdam. "Alles": the longest period one report covers, up to this month. */
export function periodPresets(today = todayInAmsterdam()): Record<PresetKey, Period> {
  const month = today.slice(0, 7);
  const year = Number(today.slice(0, 4));
  return {
    thisYear: { from: `${year}-01`, to: month },
    lastYear: { from: `${year - 1}-01`, to: `${year - 1}-12` },
    all: { from: addMonths(month, -(MAX_FIGURE_MONTHS - 1)), to: month },
  };
}

export type PeriodParse =
  | { ok: true; period: Period; values: { van: string; tot: string } }
  | { ok: false; values: { van: string; tot: string }; errors: { van?: string[]; tot?: string[] } };

/** The period from the URL: both months given → checked; neither → this calendar year so far. */
export function parsePeriod(params: URLSearchParams, today = todayInAmsterdam()): PeriodParse {
  const raw = { van: (params.get("van") ?? "").slice(0, 20), tot: (params.get("tot") ?? "").slice(0, 20) };
  if (raw.van === "" && raw.tot === "") {
    const p = periodPresets(today).thisYear;
    return { ok: true, period: p, values: { van: p.from, tot: p.to } };
  }
  const parsed = periodSchema.safeParse(raw);
  if (parsed.success) return { ok: true, period: { from: parsed.data.van, to: parsed.data.tot }, values: { van: parsed.data.van, tot: parsed.data.tot } };
  const fieldErrors = parsed.error.flatten().fieldErrors as { van?: string[]; tot?: string[] };
  return { ok: false, values: raw, errors: fieldErrors };
}

/** The query string of a period (for the print and CSV links). */
export const periodSearch = (p: Period): string => new URLSearchParams({ van: p.from, tot: p.to }).toString();
