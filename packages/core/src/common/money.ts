// Euro amounts, the one place where money is written and read: integer cents
// to "€ 1.234,56" (pages, e-mails), to "1234.56" / "1234,56" (CSV files), and
// Dutch input back to cents. No Node imports: the browser bundle uses it too.
//
// The rule for parseEuroToCents (documented, and tested in money.test.ts):
// - An optional "€" or "EUR" in front (spaces around it are fine); no sign:
//   a minus or plus is rejected (the fields take positive amounts only).
// - The decimal separator is a comma, with one or two digits after it
//   ("12,5" = € 12,50; "12,50"; "12,-" and "12,--" mean whole euros).
// - Thousands separators are dots, in groups of exactly three digits
//   ("1.234" = € 1.234,00; "1.234.567,89"). A dot after the comma is an error.
// - A dot as decimal separator is accepted only when that is unambiguous:
//   one single dot, no comma, and one or two digits after it ("12.50",
//   "12.5"). A dot followed by three digits is always a thousands separator
//   in Dutch, so "1.234" is € 1.234 — never € 1,234.
// - Anything else is rejected (null): three decimals ("12,345"), letters,
//   spaces inside the number, more than one comma, empty input, more than
//   twelve digits before the decimals.

const CURRENCY_PREFIX = /^(?:€|eur\b)\s*/i;
const DUTCH = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}|-{1,2}))?$/;
const DOT_DECIMAL = /^(\d+)\.(\d{1,2})$/;

/** Dutch euro input → integer cents, or null when the input is not an unambiguous amount. */
export function parseEuroToCents(input: string): number | null {
  if (typeof input !== "string") return null;
  const text = input
    .replace(/\u00a0/g, " ")
    .trim()
    .replace(CURRENCY_PREFIX, "");
  if (text === "") return null;
  let euros: string;
  let decimals = "";
  const dutch = DUTCH.exec(text);
  const dot = dutch ? null : DOT_DECIMAL.exec(text);
  if (dutch) {
    euros = dutch[1].replace(/\./g, "");
    decimals = dutch[2] && !dutch[2].startsWith("-") ? dutch[2] : "";
  } else if (dot) {
    euros = dot[1];
    decimals = dot[2];
  } else {
    return null;
  }
  if (euros.replace(/^0+(?=\d)/, "").length > 12) return null;
  const cents = Number(euros) * 100 + Number(decimals.padEnd(2, "0"));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Integer cents → the value to prefill an input with: 123456 → "1234,56" (no thousands dots, always two decimals). */
export function centsToEuroInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return "";
  return centsToEuros(Math.round(cents), true);
}

const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });

/** Integer cents → "€ 1.234,56" (pages and e-mails). */
export function formatMoney(cents: number | bigint): string {
  return euro.format(Number(cents) / 100);
}

const wholeEuro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

/** Integer cents → "€ 1.235", rounded to whole euros (a chart's axis). */
export function formatWholeEuros(cents: number): string {
  return wholeEuro.format(cents / 100);
}

/** Integer cents as euros with two decimals, exactly (no floating point): -1234 → "-12.34", or "-12,34" with decimalComma (CSV files). */
export function centsToEuros(cents: number, decimalComma = false): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}${decimalComma ? "," : "."}${String(abs % 100).padStart(2, "0")}`;
}
