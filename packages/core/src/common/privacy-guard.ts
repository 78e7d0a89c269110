// The privacy guard for cross-team spaces: finds likely identifiers of
// residents in free text (BSN, date of birth, phone number, e-mail address,
// IBAN, street + house number) so a feature can refuse to save a post and
// tell the author, in Dutch, what to remove. Pure: no database, no clock
// unless the caller passes one. It errs on the side of flagging (the author
// can rephrase, or override with an audit-logged "dit zijn geen
// persoonsgegevens"), but every rule has a check that keeps ordinary
// sentences, amounts, years, meeting dates and case numbers out.
// See docs/privacy-guard.md for the trade-offs.

export type PersonalDataKind = "bsn" | "birth_date" | "phone" | "email" | "iban" | "address";

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** The text exactly as written: text.slice(start, end). */
  match: string;
  start: number;
  end: number;
}

export interface PersonalDataOptions {
  /** Reference date for "could this be someone's date of birth" (default: the current time). */
  now?: Date;
  /**
   * Names that end like a street but are not one, e.g. the municipality's team
   * and buurt names ("Daalhof", "Villapark"): "Daalhof 3" is then not an address.
   */
  ignoreNames?: readonly string[];
}

/** All Dutch texts of the guard; the kinds are phrased to follow "bevat …". */
export const PRIVACY_GUARD_NL = {
  kinds: {
    bsn: "een burgerservicenummer (BSN)",
    birth_date: "een geboortedatum",
    phone: "een telefoonnummer",
    email: "een e-mailadres",
    iban: "een bankrekeningnummer (IBAN)",
    address: "een adres (straat en huisnummer)",
  } satisfies Record<PersonalDataKind, string>,
  intro:
    "Deze tekst lijkt persoonsgegevens van inwoners te bevatten. Die horen niet in een ruimte die teams met elkaar delen. Haal het volgende weg of schrijf het algemener op:",
  override:
    "Gaat het niet om persoonsgegevens van een inwoner (bijvoorbeeld het algemene nummer van een organisatie)? Geef dan aan dat dit geen persoonsgegevens zijn; dat wordt vastgelegd in het auditlog.",
} as const;

export function describePersonalDataKind(kind: PersonalDataKind): string {
  return PRIVACY_GUARD_NL.kinds[kind];
}

/**
 * All likely identifiers in the text, sorted by position and never
 * overlapping: when two rules match overlapping text, the one that starts
 * first wins, and at the same start the longer one (so a BSN- or phone-like
 * run inside an IBAN or an e-mail address is reported once, as that).
 */
export function findPersonalData(text: string, options: PersonalDataOptions = {}): PersonalDataFinding[] {
  const now = options.now ?? new Date();
  const dates = findDates(text);
  const ibanShaped = matchesOf(text, IBAN_SHAPE).map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const outsideIbanShapes = (f: PersonalDataFinding) => !ibanShaped.some((s) => s.start < f.end && f.start < s.end);
  const candidates = [
    ...findIbans(text),
    ...findEmails(text),
    ...findBsns(text).filter(outsideIbanShapes),
    ...findPhones(text, dates).filter(outsideIbanShapes),
    ...findBirthDates(text, dates, now),
    ...findAddresses(text, options.ignoreNames ?? []),
  ];
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind));
  const out: PersonalDataFinding[] = [];
  let end = 0;
  for (const c of candidates) {
    if (c.start < end) continue;
    out.push(c);
    end = c.end;
  }
  return out;
}

/** Tie-break for candidates with the same span: the most specific rule first. */
const PRIORITY: readonly PersonalDataKind[] = ["iban", "email", "bsn", "birth_date", "phone", "address"];

/**
 * The match with its identifying part hidden, so the message does not repeat
 * it: phone "06-1234****", BSN "111******", IBAN "NL91 ABNA **** **** **",
 * e-mail "m***@ziggo.nl", date of birth "**-**-1961", address "Hoogbrugstraat ***" / "… Brugstraat *".
 */
export function maskPersonalData(finding: Pick<PersonalDataFinding, "kind" | "match">): string {
  const m = finding.match;
  switch (finding.kind) {
    case "phone":
      return maskDigits(m, (i, count) => i >= count - 4);
    case "bsn":
      return maskDigits(m, (i) => i >= 3);
    case "iban":
      return maskAlnum(m, (i) => i >= 8);
    case "email": {
      const at = m.lastIndexOf("@");
      return `${m[0]}***${m.slice(at)}`;
    }
    case "birth_date": {
      // Keep the year (the first four digits of yyyy-mm-dd, else the last run of digits).
      const year = /^\d{4}-/.test(m) ? { start: 0, end: 4 } : lastDigitRun(m);
      return [...m].map((ch, i) => (i >= year.start && i < year.end ? ch : /[\p{L}\p{N}]/u.test(ch) ? "*" : ch)).join("");
    }
    case "address": {
      // Keep the street's last word (or the postcode), hide the house number
      // and its addition. Earlier words become "…": the match may have
      // swallowed a name ("Jansen Hoogbrugstraat 12").
      const numberAt = m.search(/(?<=\s)[1-9]\d*[^\s]*(?:\s+bis|\s+[A-Z])?$/u);
      const from = numberAt < 0 ? 0 : numberAt;
      const street = m.slice(0, from);
      const words = street.trimEnd().split(/\s+/);
      const shown = /^\d/.test(street) || words.length <= 1 ? street : `… ${words[words.length - 1]} `;
      return shown + m.slice(from).replace(/[\p{L}\p{N}]/gu, "*");
    }
  }
}

/**
 * The Dutch message for the author: what was found, each quoted masked, and
 * how to proceed. Null when there is nothing to report. Identical lines (the
 * same masked value twice) are listed once.
 */
export function personalDataMessage(findings: readonly PersonalDataFinding[]): string | null {
  if (findings.length === 0) return null;
  const lines = [...new Set(findings.map((f) => `- ${describePersonalDataKind(f.kind)}: “${maskPersonalData(f)}”`))];
  return [PRIVACY_GUARD_NL.intro, ...lines, PRIVACY_GUARD_NL.override].join("\n");
}

// ── BSN ────────────────────────────────────────────────────────────────────

// Nine digits, compact or grouped as 123.456.782 / 123 456 782 (3-3-3) or
// 1234.56.782 / 1234 56 782 (4-2-3, as on ID documents). Not part of a longer
// number (no digit, and no digit after a dot or comma, on either side) and not
// an amount right after "€". Only numbers passing the elfproef are flagged:
// that removes 10 of 11 random 9-digit numbers (invoice, client, case numbers)
// but not all — a 9-digit reference that happens to pass is flagged too, and
// the author can override. 8-digit numbers (an old BSN/sofinummer written
// without its leading zero) are NOT flagged: 8-digit numbers are everywhere
// (KvK numbers, dates as 12041961, phone subscriber parts) and one in eleven
// would pass the elfproef, so the cost in false alarms is too high.
const BSN_PATTERN = /(?<!\p{N}|\p{N}[.,]|€\s?)(?:\d{9}|\d{3}([. ])\d{3}\1\d{3}|\d{4}([. ])\d{2}\2\d{3})(?!\p{N}|[.,]\p{N})/gu;

/** The BSN elfproef: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11, and not all zeros. */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

function findBsns(text: string): PersonalDataFinding[] {
  return matchesOf(text, BSN_PATTERN)
    .filter((m) => passesElfproef(m[0].replace(/\D/g, "")))
    .map((m) => finding("bsn", m));
}

// ── Dates (of birth) ───────────────────────────────────────────────────────

interface DateMatch {
  start: number;
  end: number;
  day: number;
  month: number;
  year: number;
  /** Written with two digits ("12-04-61"): the century is unknown. */
  shortYear: boolean;
}

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  maart: 3,
  mrt: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");

// dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy (one or two digit day and month, the
// same separator twice), also with a two-digit year; yyyy-mm-dd; and
// "3 maart 1984" / "3 mrt. 1984" with Dutch month names. Not inside a longer
// run of digits and separators (so "06-12-34-56-78" is no date).
const NUMERIC_DATE = /(?<!\p{N}|\p{N}[-/.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\p{N}|[-/.]\p{N})/gu;
const ISO_DATE = /(?<!\p{N}|\p{N}[-/.])(\d{4})-(\d{2})-(\d{2})(?!\p{N}|[-/.]\p{N})/gu;
const TEXT_DATE = new RegExp(String.raw`(?<!\p{N})(\d{1,2})\s+(${MONTH_NAMES})\.?\s+(\d{4})(?!\p{N})`, "giu");

/** Every valid calendar date written in one of the formats above. */
function findDates(text: string): DateMatch[] {
  const out: DateMatch[] = [];
  const push = (m: RegExpExecArray, day: number, month: number, yearText: string) => {
    const shortYear = yearText.length === 2;
    const year = Number(yearText);
    if (!isCalendarDate(shortYear ? 2000 + year : year, month, day) && !(shortYear && isCalendarDate(1900 + year, month, day))) return;
    out.push({ start: m.index, end: m.index + m[0].length, day, month, year, shortYear });
  };
  for (const m of matchesOf(text, NUMERIC_DATE)) push(m, Number(m[1]), Number(m[3]), m[4]);
  for (const m of matchesOf(text, ISO_DATE)) push(m, Number(m[3]), Number(m[2]), m[1]);
  for (const m of matchesOf(text, TEXT_DATE)) push(m, Number(m[1]), MONTHS[m[2].toLowerCase()], m[3]);
  return out.sort((a, b) => a.start - b.start);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Words that announce a date of birth: geboren, geb., geboortedatum,
// geb.datum, gb, DOB / d.o.b., date of birth. "geb" and "gb" only as whole
// words ("gebeld", "gebouw" are not keywords).
const BIRTH_KEYWORD = /(?<!\p{L})(?:geboortedatum|geboren|geb\.?\s?datum|geb(?!\p{L})\.?|gb(?!\p{L})\.?|d\.o\.b\.?|dob(?!\p{L})|date of birth)/giu;

/**
 * A date is a date of birth only when a birth keyword announces it: the
 * keyword stands before the date, in the same sentence, at most 30
 * characters and three words away ("geb. 12-04-1961", "geboren in Maastricht
 * op 3 maart 1984"), and a keyword announces only the first date after it.
 * The date must also be a possible birth date relative to `now`: not in the
 * future and at most 110 years ago (a two-digit year counts if either century
 * fits). A date without such a keyword — a meeting, a deadline, "vergadering
 * op 12-03-2026" — is never flagged, nor is a month or year alone
 * ("geboren in 1961"): neither identifies a person by itself.
 */
function findBirthDates(text: string, dates: DateMatch[], now: Date): PersonalDataFinding[] {
  const out = new Map<number, PersonalDataFinding>();
  for (const k of matchesOf(text, BIRTH_KEYWORD)) {
    const keywordEnd = k.index + k[0].length;
    const date = dates.find((d) => d.start >= keywordEnd);
    if (!date) continue;
    const gap = text.slice(keywordEnd, date.start);
    if (
      gap.length > 30 ||
      gap
        .trim()
        .split(/\s+/)
        .filter((w) => /\p{L}/u.test(w)).length > 3
    )
      continue;
    if (/[\n!?;]|\.\s+\p{Lu}/u.test(gap) || /\p{N}/u.test(gap)) continue;
    if (!possibleBirthDate(date, now)) continue;
    out.set(date.start, { kind: "birth_date", match: text.slice(date.start, date.end), start: date.start, end: date.end });
  }
  return [...out.values()];
}

function possibleBirthDate(date: DateMatch, now: Date): boolean {
  const years = date.shortYear ? [1900 + date.year, 2000 + date.year] : [date.year];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const oldest = Date.UTC(now.getUTCFullYear() - 110, now.getUTCMonth(), now.getUTCDate());
  return years.some((y) => {
    if (!isCalendarDate(y, date.month, date.day)) return false;
    const t = Date.UTC(y, date.month - 1, date.day);
    return t <= today && t >= oldest;
  });
}

// ── Phone numbers ──────────────────────────────────────────────────────────

// Between digits: nothing, one space or dot, a hyphen with optional spaces
// ("06 - 1234 5678"), or the closing bracket of "(043) 123 45 67".
const SEP = String.raw`(?:\s?-\s?|\)\s?|[ .\u00a0])`;
// Dutch national numbers: a 0 and nine more digits — mobile (06), geographic
// (043, 010, 0475) and the 085/088/091 ranges, which can all belong to a
// person. Not preceded by a digit or "+" (the international forms below).
const NL_NATIONAL = new RegExp(String.raw`(?<![\p{N}+])\(?0(?:${SEP}?\d){9}(?!\p{N})`, "gu");
// The same with +31 or 0031, optionally with the "(0)" people insert.
const NL_INTERNATIONAL = new RegExp(String.raw`(?<![\p{N}+])(?:\+|00)31(?:\s?-?\s?)(?:\(0\)\s?)?[1-9](?:${SEP}?\d){8}(?!\p{N})`, "gu");
// Other countries (Belgian and German numbers are common in Maastricht):
// "+" or "00", a country code, and 8 to 13 more digits; lengths per country
// are not checked.
const FOREIGN = new RegExp(String.raw`(?<![\p{N}+])(?:\+|00)(?!31)[1-9]\d{0,2}(?:${SEP}?\d){8,13}(?!\p{N})`, "gu");

/**
 * Phone numbers as above. Not flagged: short numbers (112, 14 043) and the
 * 0800/0900/0906/0909 service numbers — they reach an organisation, not a
 * resident, and are only 7 to 11 digits anyway; numbers in more than seven
 * groups ("0 6 1 2 …" is a list, not a number); and anything that overlaps
 * a written date, so "06-12-2024 10:00" is not read as 06-12202410.
 */
function findPhones(text: string, dates: DateMatch[]): PersonalDataFinding[] {
  const fullDates = dates.filter((d) => !d.shortYear);
  return [...matchesOf(text, NL_NATIONAL), ...matchesOf(text, NL_INTERNATIONAL), ...matchesOf(text, FOREIGN)]
    .filter((m) => {
      const digits = m[0].replace(/\D/g, "");
      const national = digits.startsWith("0031") ? "0" + digits.slice(4) : digits.startsWith("31") && m[0].startsWith("+") ? "0" + digits.slice(2) : digits;
      if (/^0(?:800|90[069])/.test(national)) return false;
      if ((m[0].match(/\d+/g) ?? []).length > 7) return false;
      const end = m.index + m[0].length;
      return !fullDates.some((d) => d.start < end && m.index < d.end);
    })
    .map((m) => finding("phone", m));
}

// ── E-mail addresses ───────────────────────────────────────────────────────

// Anything that looks like local@domain.tld: every address is flagged, also
// an organisation's or a colleague's (the guard cannot tell them apart; the
// author can override). A bare "@naam" mention has no domain and is not.
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-][\p{L}\p{N}._%+-]*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;

function findEmails(text: string): PersonalDataFinding[] {
  return matchesOf(text, EMAIL).map((m) => finding("email", m));
}

// ── IBAN ───────────────────────────────────────────────────────────────────

// Two letters, two check digits and 11–30 letters/digits, compact or in
// groups separated by single spaces, upper or lower case, any country code.
// A candidate may run into the next words ("… 1643 00 is haar rekening"), so
// it is cut back at spaces until a prefix passes; only IBANs with a valid
// mod-97 checksum (and check digits 02–98) are flagged, so a mistyped IBAN or
// a code that merely starts like one ("AB12 …") is not.
const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}(?![\p{L}\p{N}])/gu;

// Written like an IBAN (upper case, groups of four): a BSN- or phone-like run
// of digits inside it is part of the account number, also when the checksum
// is wrong ("NL91 ABNA 0417 1643 01" is a mistyped IBAN, not a phone number).
const IBAN_SHAPE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/gu;

/** The IBAN check: letters as 10–35, the first four characters moved to the end, the number mod 97 is 1. */
export function isValidIban(iban: string): boolean {
  const s = iban.replace(/ /g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const check = Number(s.slice(2, 4));
  if (check < 2 || check > 98) return false;
  let rest = 0;
  for (const ch of s.slice(4) + s.slice(0, 4)) {
    const value = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

function findIbans(text: string): PersonalDataFinding[] {
  const out: PersonalDataFinding[] = [];
  const pattern = new RegExp(IBAN_CANDIDATE.source, IBAN_CANDIDATE.flags);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    let candidate = m[0];
    while (candidate.replace(/ /g, "").length >= 15 && !isValidIban(candidate)) {
      const space = candidate.lastIndexOf(" ");
      if (space < 0) break;
      candidate = candidate.slice(0, space);
    }
    if (isValidIban(candidate)) {
      out.push({ kind: "iban", match: candidate, start: m.index, end: m.index + candidate.length });
      pattern.lastIndex = m.index + candidate.length;
    } else {
      // Nothing here: look again one character on, in case an IBAN starts inside.
      pattern.lastIndex = m.index + 1;
    }
  }
  return out;
}

// ── Street + house number ──────────────────────────────────────────────────

// Street name endings. Deliberately not "berg", "veld", "dal", "poort",
// "hoven" and "dam": in Maastricht those are mostly buurten (Malberg,
// Heugemerveld, Jekerdal, Brusselsepoort, Meerssenhoven) or cities, and
// "Malberg 2" or "Heugemerveld 12 gezinnen" is no address. "ring" only after
// a consonant (Buitenring), so "Vergadering 3" and "Ervaring 2" are not.
const SUFFIXES = [
  "straat",
  "str\\.",
  "weg",
  "laan",
  "plein",
  "singel",
  "gracht",
  "kade",
  "dijk",
  "hof",
  "pad",
  "steeg",
  "markt",
  "wal",
  "dreef",
  "park",
  "(?<![aeiouy])ring",
  "boulevard",
  "plantsoen",
];
// Street names that are just the ending ("Markt 78"); generic nouns like
// "Weg", "Park" or "Hof" at the start of a sentence are not enough.
const BARE_STREETS = ["Markt", "Plein", "Boulevard", "Singel", "Kade", "Wal", "Dijk", "Gracht"];
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’]*(?:-\p{L}+)*\.?`;
const PARTICLE = String.raw`(?:van|de|der|den|het|'t|op|aan|ter|ten|la|le|du|des)`;
const STREET_WORD = String.raw`(?:\p{Lu}[\p{L}'’-]*?(?:${SUFFIXES.join("|")})|${BARE_STREETS.join("|")})`;
// Up to two words before the street word: "Wycker Brugstraat", "Onze Lieve
// Vrouweplein", "Burgemeester van Oppenstraat". The first one capitalised.
const DUTCH_STREET = String.raw`(?:${NAME_WORD}\s+(?:(?:${NAME_WORD}|${PARTICLE})\s+)?)?${STREET_WORD}(?!\p{L})`;
// French-style names, as in Céramique ("Avenue Céramique", "Via Regia").
const FRENCH_STREET = String.raw`(?:Avenue|Rue|Boulevard|Place|Allée|Via|Chemin|Quai)\s+(?:(?:de|du|des|la|le|l'|d')\s+){0,2}${NAME_WORD}(?:\s+${NAME_WORD})?`;
// The house number: 1–4 digits, not starting with 0, with an optional
// addition: 12a, 45B, 12-B, 12-2, 12 bis, 12 A. Not followed by more digits
// after a dot, comma or colon (amounts, times, "2.0").
const HOUSE_NUMBER = String.raw`[1-9]\d{0,3}(?:\s?-\s?(?:[A-Za-z]{1,2}|\d{1,3})|\s?bis|[A-Za-z]{1,2}|\s[A-Z])?(?![\p{L}\p{N}]|[.,:]\p{N})`;
const STREET_ADDRESS = new RegExp(String.raw`(?<![\p{L}\p{N}])(${DUTCH_STREET}|${FRENCH_STREET})\s+(${HOUSE_NUMBER})`, "gu");
// A postcode with a house number ("6221 AB 12") identifies an address as well
// as a street does (it is how the BAG looks one up); a postcode alone ("6221
// AB", "6221 AB Maastricht") covers a few dozen homes and is not flagged.
const POSTCODE_ADDRESS = new RegExp(String.raw`(?<![\p{L}\p{N}])()[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?:\s*,\s*|\s+)(${HOUSE_NUMBER})`, "gu");

// A number followed by one of these counts something ("Daalhof 3 gezinnen").
const COUNT_WORD =
  /^\s*(?:%|procent|keer|x|uur|jaar|maanden|weken|dagen|minuten|gezinnen|huishoudens|bewoners|inwoners|personen|mensen|deelnemers|kinderen|jongeren|ouderen|vrijwilligers|woningen|euro)(?!\p{L})/iu;
// Capitalised words a sentence may start with before a street; they are not part of it.
const LEADING_WORDS = new Set([
  "in",
  "bij",
  "aan",
  "op",
  "naar",
  "langs",
  "over",
  "uit",
  "voor",
  "tegenover",
  "richting",
  "vanuit",
  "de",
  "het",
  "een",
  "mevrouw",
  "meneer",
  "mevr.",
  "mw.",
  "dhr.",
]);
// A street-like name after these is a team or a neighbourhood ("team Daalhof 2").
const GROUP_WORDS = new Set(["team", "teams", "buurt", "wijk", "sociaal"]);

/**
 * Street + house number. Flagged: a capitalised Dutch street name ending in
 * one of the suffixes above, or a French-style name, followed by a house
 * number; and a postcode followed by a house number. Not flagged: a street
 * without a number ("in de Brusselsestraat"), a team or buurt ("team Malberg
 * 2", names in `ignoreNames`), a number that counts something, a four-digit
 * number that is a year (1900–2099: "Vrijthof 2017"), lower-case streets.
 */
function findAddresses(text: string, ignoreNames: readonly string[]): PersonalDataFinding[] {
  const ignored = ignoreNames.map((n) => n.toLowerCase());
  const out: PersonalDataFinding[] = [];
  for (const m of [...matchesOf(text, STREET_ADDRESS), ...matchesOf(text, POSTCODE_ADDRESS)]) {
    const end = m.index + m[0].length;
    const number = Number(/\d+/.exec(m[2])![0]);
    if (number >= 1900 && number <= 2099) continue;
    if (COUNT_WORD.test(text.slice(end))) continue;
    // Drop leading sentence words from the street; skip teams and buurten.
    let start = m.index;
    if (m[1]) {
      const words = m[1].split(/\s+/);
      while (words.length > 1 && LEADING_WORDS.has(words[0].toLowerCase())) {
        const word = words.shift()!;
        start = text.indexOf(words[0], text.indexOf(word, start) + word.length);
      }
      const before = /(\p{L}+)\s+$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1].toLowerCase();
      if (GROUP_WORDS.has(words[0].toLowerCase()) || (before !== undefined && GROUP_WORDS.has(before))) continue;
      const street = words.join(" ").toLowerCase();
      if (ignored.some((name) => street === name || street.endsWith(" " + name))) continue;
    }
    out.push({ kind: "address", match: text.slice(start, end), start, end });
  }
  return out;
}

// ── Helpers ────────────────────────────────────────────────────────────────

function matchesOf(text: string, pattern: RegExp): RegExpExecArray[] {
  return [...text.matchAll(new RegExp(pattern.source, pattern.flags))];
}

function finding(kind: PersonalDataKind, m: RegExpExecArray): PersonalDataFinding {
  return { kind, match: m[0], start: m.index, end: m.index + m[0].length };
}

function maskDigits(s: string, hide: (index: number, count: number) => boolean): string {
  const count = s.replace(/\D/g, "").length;
  let i = 0;
  return s.replace(/\d/g, (d) => (hide(i++, count) ? "*" : d));
}

function maskAlnum(s: string, hide: (index: number) => boolean): string {
  let i = 0;
  return s.replace(/[A-Za-z0-9]/g, (c) => (hide(i++) ? "*" : c));
}

function lastDigitRun(s: string): { start: number; end: number } {
  const runs = [...s.matchAll(/\d+/g)];
  const last = runs[runs.length - 1];
  return last ? { start: last.index, end: last.index + last[0].length } : { start: 0, end: 0 };
}
