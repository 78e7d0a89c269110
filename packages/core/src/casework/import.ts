// The history import (issue 16, docs/casework-import.md): a team brings its
// WIZ-portaal casework as ONE CSV file with one row per record — `case`,
// `person`, `goal`, `arrangement`, `zrm` (one score), `referral`,
// `assessment` — keyed by the household's reference in the team and the
// case's intake date. Everything is read and checked first, every problem is
// collected with its row, column and a Dutch message, and only a file
// without any is written: in one transaction in the team's scope (RLS
// applies), with multi-row inserts and one audit event. A household or case
// already in Wijkwerk (reference; reference + intake date) is skipped with
// all its rows, so running the same file again changes nothing.
import { createHash, randomUUID } from "node:crypto";
import { ForbiddenError, as } from "@wijkwerk/authz";
import {
  caseArrangements,
  caseGoals,
  caseReferrals,
  cases,
  householdPersons,
  householdProfiles,
  households,
  queryRows,
  sql,
  withScope,
  zrmMeasurements,
  zrmScores,
  type Tx,
} from "@wijkwerk/db";
import { parse as parseCsv, CsvError } from "csv-parse/sync";
import { appendAudit } from "../audit";
import { amsterdamDay, isCalendarDate, type TeamContext } from "../common";
import { defaultResidentRefPrefix } from "../workbudget";
import { initialsOf, MAX_PERSONS } from "./households";
import { importMessages as msg } from "./import-messages";
import {
  ALL_ZRM_DOMAINS,
  ARRANGEMENT_STATUSES,
  ASSESSMENT_ANSWERS,
  ENTRY_ROUTES,
  GENDERS,
  GOAL_STATUSES,
  GOAL_TYPES,
  HOUSEHOLD_TYPES,
  KANTELING_LAYERS,
  LEGAL_BASES,
  PERSON_ROLES,
  QUESTION_TYPES,
  REFERRAL_DESTINATIONS,
  REFERRAL_OUTCOMES,
  RETENTION,
  ZRM_PARENTING,
  type AssessmentQuestion,
  type LegalBasis,
} from "./vocabulary";

// ── Limits and the file's shape ────────────────────────────────────────────

/** The largest file (the request gate caps the upload route a little above it). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** Data rows under the header. 20,000 cases with ~12 rows each fit. */
export const IMPORT_MAX_ROWS = 300_000;
/** Errors kept for the report; the rest are counted. */
export const IMPORT_MAX_ERRORS = 10_000;
/** History starts with the pilot (Caberg-Malpertuis, 2013). */
export const IMPORT_FIRST_DAY = "2013-01-01";

export const IMPORT_RECORDS = ["case", "person", "goal", "arrangement", "zrm", "referral", "assessment"] as const;
export type ImportRecord = (typeof IMPORT_RECORDS)[number];

/** The "other way of working" questions as CSV columns (snake_case of ASSESSMENT_QUESTIONS). */
const ASSESSMENT_COLUMNS: Record<AssessmentQuestion, string> = {
  actedDifferently: "acted_differently",
  differentArrangement: "different_arrangement",
  timeGained: "time_gained",
  neighbourhoodStrengthUsed: "neighbourhood_strength_used",
  sufficientSupport: "sufficient_support",
  residentSatisfied: "resident_satisfied",
};

/** Which columns each kind of row may fill (besides record, reference). */
export const IMPORT_COLUMNS_OF: Record<ImportRecord, readonly string[]> = {
  case: [
    "intake_date",
    "buurt",
    "household_type",
    "entry_route",
    "question_type",
    "legal_basis",
    "regisseur",
    "initials",
    "question",
    "closed_on",
    "close_reason",
  ],
  person: ["name", "role", "gender", "birth_year"],
  goal: ["intake_date", "life_domain", "goal_type", "status", "description"],
  arrangement: ["intake_date", "layer", "existing", "provider", "status", "description", "start_date", "end_date"],
  zrm: ["intake_date", "measured_on", "domain", "score"],
  referral: ["intake_date", "destination", "referred_on", "outcome", "outcome_on", "description"],
  assessment: ["intake_date", ...Object.values(ASSESSMENT_COLUMNS)],
};

/** Every column the file may have, in the documented order; only record and reference are required in the header. */
export const IMPORT_COLUMNS: readonly string[] = ["record", "reference", ...new Set(Object.values(IMPORT_COLUMNS_OF).flat())];

export interface ImportIssue {
  /** The spreadsheet row (the header is row 1); 0 for the file as a whole. */
  row: number;
  /** The column's header name, or "bestand". */
  column: string;
  message: string;
}

export interface ImportCounts {
  households: number;
  cases: number;
  closedCases: number;
  persons: number;
  goals: number;
  arrangements: number;
  zrmMeasurements: number;
  zrmScores: number;
  referrals: number;
  assessments: number;
}

/** Nothing of any kind (a report before or without an import). */
const noCounts = (): ImportCounts => ({
  households: 0,
  cases: 0,
  closedCases: 0,
  persons: 0,
  goals: 0,
  arrangements: 0,
  zrmMeasurements: 0,
  zrmScores: 0,
  referrals: 0,
  assessments: 0,
});

export interface ImportReport {
  /** SHA-256 of the file's bytes: the page confirms the file it checked. */
  sha256: string;
  /** Data rows read (without the header and blank rows). */
  rows: number;
  /** At most IMPORT_MAX_ERRORS, in row order. */
  errors: ImportIssue[];
  errorCount: number;
  /** What the file adds (or added). */
  toImport: ImportCounts;
  /** Already in Wijkwerk, skipped ("al aanwezig"): households, cases, and all rows of those. */
  present: { households: number; cases: number; rows: number };
  imported: boolean;
}

// ── Reading the file ───────────────────────────────────────────────────────

interface Sheet {
  header: string[];
  /** Data rows with their spreadsheet row number. */
  rows: { row: number; cells: string[] }[];
}

/** The problems found, in the order found; at most IMPORT_MAX_ERRORS kept, all counted. */
export class ImportIssues {
  readonly list: ImportIssue[] = [];
  count = 0;
  add(row: number, column: string, message: string) {
    this.count++;
    if (this.list.length < IMPORT_MAX_ERRORS) this.list.push({ row, column, message });
  }
}

const CSV_CODES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: msg.unclosedQuote,
  CSV_INVALID_CLOSING_QUOTE: "Na een sluitend aanhalingsteken staat nog tekst in dezelfde cel.",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "Na een sluitend aanhalingsteken staat nog tekst in dezelfde cel.",
};

/** Reads the bytes as a CSV: size, NUL bytes, UTF-8 (a BOM is dropped), `;` or `,` from the header, CRLF or LF. */
export function readImportSheet(bytes: Uint8Array, issues: ImportIssues): Sheet | null {
  if (bytes.byteLength > IMPORT_MAX_BYTES) return (issues.add(0, msg.fileLevel, msg.fileTooLarge(IMPORT_MAX_BYTES / 1024 / 1024)), null);
  if (bytes.byteLength === 0) return (issues.add(0, msg.fileLevel, msg.fileEmpty), null);
  if (bytes.includes(0)) return (issues.add(0, msg.fileLevel, msg.nulByte), null);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return (issues.add(0, msg.fileLevel, msg.notUtf8), null);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    // to: one more than allowed, so a longer file is recognised without reading it all.
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, to: IMPORT_MAX_ROWS + 2 }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as CsvError & { lines?: number }).lines ?? 0);
      issues.add(line, msg.fileLevel, CSV_CODES[error.code] ?? msg.unreadable(`regel ${line}`));
      return null;
    }
    throw error;
  }
  if (records.length === 0) return (issues.add(0, msg.fileLevel, msg.fileEmpty), null);
  if (records.length > IMPORT_MAX_ROWS + 1) return (issues.add(0, msg.fileLevel, msg.tooManyRows(IMPORT_MAX_ROWS)), null);
  const header = records[0].map((h) => h.trim().toLowerCase());
  const rows = records
    .slice(1)
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ""));
  return { header, rows };
}

// ── Checking the rows ──────────────────────────────────────────────────────

/** What the check needs from the database (read in the import's transaction). */
export interface ImportWorld {
  today: string;
  teamId: string;
  prefix: string;
  actorUserId: string;
  /** By lower-case name: the buurt and who held it when (public reference data). */
  buurten: Map<string, { id: string; name: string; spans: { teamId: string; teamName: string; from: string; to: string | null }[] }>;
  /** Lower-case e-mail → user id: the team's coordinators and members. */
  professionals: Map<string, string>;
  /** The team's households by reference, with their cases' intake dates. */
  existing: Map<string, { id: string; intakes: Set<string> }>;
}

interface CaseRow {
  row: number;
  reference: string;
  intakeOn: string;
  buurtName: string;
  buurtId?: string;
  householdType: string;
  entryRoute: string;
  questionType: string;
  legalBasis: LegalBasis;
  regisseurId?: string;
  initials: string;
  question: string;
  closedOn: string | null;
  closeReason: string | null;
  assessment?: { row: number; answers: Record<AssessmentQuestion, string> };
  id: string;
  householdId?: string;
  isNew: boolean;
}

interface ChildRow {
  row: number;
  reference: string;
  intakeOn: string;
}

/** The rows to insert, built only for a file without errors. */
interface ImportPlan {
  households: (typeof households.$inferInsert)[];
  profiles: (typeof householdProfiles.$inferInsert)[];
  persons: (typeof householdPersons.$inferInsert)[];
  cases: (typeof cases.$inferInsert)[];
  goals: (typeof caseGoals.$inferInsert)[];
  arrangements: (typeof caseArrangements.$inferInsert)[];
  measurements: (typeof zrmMeasurements.$inferInsert)[];
  scores: (typeof zrmScores.$inferInsert)[];
  referrals: (typeof caseReferrals.$inferInsert)[];
}

const REFERENCE_DIGITS = /^(.+)-(\d{4,6})$/;

/** "2017-03-01" or "01-03-2017" (also 1-3-2017, 01/03/2017) → ISO, else null. */
export function parseImportDate(value: string): string | null {
  const v = value.trim();
  let iso: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) iso = v;
  const nl = v.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/);
  if (nl) iso = `${nl[3]}-${nl[2].padStart(2, "0")}-${nl[1].padStart(2, "0")}`;
  return iso && isCalendarDate(iso) ? iso : null;
}

const YES = new Set(["ja", "yes", "j", "y", "1", "true", "waar"]);
const NO = new Set(["nee", "no", "n", "0", "false", "onwaar", ""]);
const ANSWER_ALIASES: Record<string, string> = { ja: "yes", nee: "no", onbekend: "unknown", "": "unknown" };

function addYearsWeeks(day: string, years = 0, weeks = 0): string {
  const d = new Date(`${day}T00:00:00Z`);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  // 29 February + n years → 28 February when that year has none, as PostgreSQL's make_interval does.
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const out = new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last) + weeks * 7));
  return out.toISOString().slice(0, 10);
}

/** The day the file of a case closed on `closedOn` with `basis` may be destroyed (closing.ts computes it the same way). */
export const retainUntil = (closedOn: string, basis: LegalBasis) => addYearsWeeks(closedOn, RETENTION[basis].years ?? 0, RETENTION[basis].weeks ?? 0);

/** Checks the sheet against the world; returns the plan when there is no error (no database; it empties the sheet's cells as it reads them). */
export function checkImportSheet(
  sheet: Sheet,
  world: ImportWorld,
  team: { id: string; municipalityId: string },
  issues: ImportIssues,
): { plan: ImportPlan | null; rows: number; toImport: ImportCounts; present: ImportReport["present"] } {
  const toImport = noCounts();
  const present = { households: 0, cases: 0, rows: 0 };
  // Header.
  const index = new Map<string, number>();
  sheet.header.forEach((name, i) => {
    if (name === "") return;
    if (!IMPORT_COLUMNS.includes(name)) issues.add(1, name, msg.unknownColumn(name));
    else if (index.has(name)) issues.add(1, name, msg.duplicateColumn(name));
    else index.set(name, i);
  });
  for (const required of ["record", "reference"]) if (!index.has(required)) issues.add(1, required, msg.missingColumn(required));
  if (issues.count) return { plan: null, rows: sheet.rows.length, toImport, present };
  if (sheet.rows.length === 0) issues.add(0, msg.fileLevel, msg.noRows);

  const caseRows: CaseRow[] = [];
  const persons: (ChildRow & { name: string; role: string; gender: string; birthYear: number | null })[] = [];
  const goals: (ChildRow & { lifeDomain: string; goalType: string; status: string; description: string })[] = [];
  const arrangements: (ChildRow & {
    layer: string;
    existing: boolean;
    provider: string;
    status: string;
    description: string;
    startsOn: string | null;
    endsOn: string | null;
  })[] = [];
  const zrm: (ChildRow & { measuredOn: string; domain: string; score: number })[] = [];
  const referrals: (ChildRow & { destination: string; referredOn: string; outcome: string; outcomeOn: string | null; description: string })[] = [];
  const assessments: (ChildRow & { answers: Record<AssessmentQuestion, string> })[] = [];
  const thisYear = Number(world.today.slice(0, 4));
  /** Case rows with an error (reference|intake, and the reference): rows that point to them are not reported again. */
  const failedCases = new Set<string>();

  for (const line of sheet.rows) {
    const { row, cells } = line;
    // The typed rows keep what they need; the raw cells go (a 20 MB file holds millions of them).
    line.cells = [];
    if (cells.length !== sheet.header.length) {
      issues.add(row, msg.fileLevel, msg.columnCount(cells.length, sheet.header.length));
      continue;
    }
    const get = (column: string) => {
      const i = index.get(column);
      return i === undefined ? "" : cells[i].trim();
    };
    let ok = true;
    const fail = (column: string, message: string) => {
      issues.add(row, column, message);
      ok = false;
    };
    const kind = get("record").toLowerCase() as ImportRecord;
    if (!IMPORT_RECORDS.includes(kind)) {
      fail("record", get("record") === "" ? msg.required : msg.unknownRecord(get("record"), IMPORT_RECORDS));
      continue;
    }
    for (const [column, i] of index)
      if (column !== "record" && column !== "reference" && cells[i].trim() !== "" && !IMPORT_COLUMNS_OF[kind].includes(column))
        fail(column, msg.notForKind(kind));
    const reference = get("reference").toUpperCase();
    const refMatch = reference.match(REFERENCE_DIGITS);
    if (reference === "") fail("reference", msg.required);
    else if (!refMatch || refMatch[1] !== world.prefix) fail("reference", msg.referenceFormat(get("reference"), world.prefix));
    const text = (column: string, max: number, required = false) => {
      const v = get(column);
      if (required && v === "") fail(column, msg.required);
      else if (v.length > max) fail(column, msg.tooLong(max));
      return v;
    };
    const choice = <T extends string>(column: string, allowed: readonly T[], fallback?: T): T => {
      const v = get(column).toLowerCase();
      if (v === "" && fallback !== undefined) return fallback;
      if (v === "") fail(column, msg.required);
      else if (!(allowed as readonly string[]).includes(v)) fail(column, msg.notAllowed(get(column), allowed));
      return v as T;
    };
    const date = (column: string, required: boolean): string | null => {
      const v = get(column);
      if (v === "") {
        if (required) fail(column, msg.required);
        return null;
      }
      const iso = parseImportDate(v);
      if (!iso) return (fail(column, msg.invalidDate(v)), null);
      if (iso < IMPORT_FIRST_DAY || iso > world.today) return (fail(column, msg.dateOutOfRange(IMPORT_FIRST_DAY, world.today)), null);
      return iso;
    };
    const intakeOn = kind === "person" ? "" : (date("intake_date", true) ?? "");
    const base = { row, reference, intakeOn };

    switch (kind) {
      case "case": {
        const closedOn = date("closed_on", false);
        const closeReason = text("close_reason", 2000);
        if (closedOn && closeReason === "") fail("close_reason", msg.required);
        if (!closedOn && closeReason !== "") fail("close_reason", msg.closeReasonWithoutClosing);
        if (closedOn && intakeOn && closedOn < intakeOn) fail("closed_on", msg.dateBeforeIntake(intakeOn));
        const buurtName = text("buurt", 120, true);
        const regisseur = get("regisseur").toLowerCase();
        const regisseurId = regisseur === "" ? world.actorUserId : world.professionals.get(regisseur);
        if (!regisseurId) fail("regisseur", msg.unknownRegisseur(get("regisseur")));
        const initials = text("initials", 20);
        if (initials && !/^[\p{L}. /-]+$/u.test(initials)) fail("initials", msg.notAllowed(initials, ["letters, punten, spaties"]));
        const c: CaseRow = {
          ...base,
          buurtName,
          householdType: choice("household_type", HOUSEHOLD_TYPES),
          entryRoute: choice("entry_route", ENTRY_ROUTES),
          questionType: choice("question_type", QUESTION_TYPES),
          legalBasis: choice("legal_basis", LEGAL_BASES, "none"),
          regisseurId,
          initials,
          question: text("question", 4000),
          closedOn,
          closeReason: closedOn ? closeReason : null,
          id: randomUUID(),
          isNew: true,
        };
        if (buurtName && intakeOn) {
          const buurt = world.buurten.get(buurtName.toLowerCase());
          if (!buurt) fail("buurt", msg.unknownBuurt(buurtName));
          else {
            const held = buurt.spans.find((s) => s.from <= intakeOn && (s.to === null || s.to >= intakeOn));
            const first = [...buurt.spans].sort((a, b) => a.from.localeCompare(b.from))[0];
            // Before the buurt's first recorded assignment, the team that held it first owns its history (docs/casework-import.md).
            if (held ? held.teamId === world.teamId : first?.teamId === world.teamId && intakeOn < first.from) c.buurtId = buurt.id;
            else if (held) fail("buurt", msg.buurtOfOtherTeam(buurt.name, held.teamName, intakeOn));
            else fail("buurt", msg.buurtNotOfTeam(buurt.name, intakeOn));
          }
        }
        if (ok) caseRows.push(c);
        // Its rows are not reported again as "no such case".
        else if (reference) failedCases.add(`${reference}|${intakeOn}`).add(reference);
        break;
      }
      case "person": {
        const birth = get("birth_year");
        let birthYear: number | null = null;
        if (birth !== "") {
          birthYear = /^\d{4}$/.test(birth) ? Number(birth) : NaN;
          if (!(birthYear >= 1900 && birthYear <= thisYear)) fail("birth_year", msg.invalidYear(1900, thisYear));
        }
        const p = {
          ...base,
          name: text("name", 120),
          role: choice("role", PERSON_ROLES),
          gender: choice("gender", GENDERS, "unknown"),
          birthYear,
        };
        if (ok) persons.push(p);
        break;
      }
      case "goal": {
        const g = {
          ...base,
          lifeDomain: choice("life_domain", ALL_ZRM_DOMAINS),
          goalType: choice("goal_type", GOAL_TYPES),
          status: choice("status", GOAL_STATUSES, "open"),
          description: text("description", 2000, true),
        };
        if (ok) goals.push(g);
        break;
      }
      case "arrangement": {
        const existing = get("existing").toLowerCase();
        if (!YES.has(existing) && !NO.has(existing)) fail("existing", msg.invalidBoolean(get("existing")));
        const startsOn = date("start_date", false);
        const endsOn = date("end_date", false);
        if (startsOn && endsOn && endsOn < startsOn) fail("end_date", msg.endBeforeStart);
        const a = {
          ...base,
          layer: choice("layer", KANTELING_LAYERS),
          existing: YES.has(existing),
          provider: text("provider", 200),
          status: choice("status", ARRANGEMENT_STATUSES, "planned"),
          description: text("description", 2000),
          startsOn,
          endsOn,
        };
        if (ok) arrangements.push(a);
        break;
      }
      case "zrm": {
        const measuredOn = date("measured_on", true);
        const domain = choice("domain", ALL_ZRM_DOMAINS);
        const s = get("score");
        if (!/^[1-5]$/.test(s)) fail("score", s === "" ? msg.required : msg.invalidScore(s));
        if (ok) zrm.push({ ...base, measuredOn: measuredOn!, domain, score: Number(s) });
        break;
      }
      case "referral": {
        const referredOn = date("referred_on", true);
        const outcome = choice("outcome", REFERRAL_OUTCOMES, "pending");
        const outcomeOn = date("outcome_on", false);
        if (outcome !== "pending" && !outcomeOn && get("outcome_on") === "") fail("outcome_on", msg.outcomeOnRequired);
        if (outcome === "pending" && get("outcome_on") !== "") fail("outcome_on", msg.outcomeOnWithPending);
        if (referredOn && outcomeOn && outcomeOn < referredOn) fail("outcome_on", msg.endBeforeStart);
        const r = {
          ...base,
          destination: choice("destination", REFERRAL_DESTINATIONS),
          referredOn: referredOn!,
          outcome,
          outcomeOn,
          description: text("description", 2000),
        };
        if (ok) referrals.push(r);
        break;
      }
      case "assessment": {
        const answers = {} as Record<AssessmentQuestion, string>;
        for (const [q, column] of Object.entries(ASSESSMENT_COLUMNS) as [AssessmentQuestion, string][]) {
          const v = get(column).toLowerCase();
          const answer = ANSWER_ALIASES[v] ?? v;
          if (!(ASSESSMENT_ANSWERS as readonly string[]).includes(answer)) fail(column, msg.notAllowed(get(column), ["ja", "nee", "onbekend"]));
          answers[q] = answer;
        }
        if (ok) assessments.push({ ...base, answers });
        break;
      }
    }
  }

  // Households and their cases: new ones are checked as a whole; existing ones must match Wijkwerk exactly.
  const byKey = new Map<string, CaseRow>();
  const byHousehold = new Map<string, CaseRow[]>();
  for (const c of caseRows) {
    const key = `${c.reference}|${c.intakeOn}`;
    const earlier = byKey.get(key);
    if (earlier) {
      issues.add(c.row, "intake_date", msg.duplicateCase(earlier.row));
      continue;
    }
    byKey.set(key, c);
    byHousehold.set(c.reference, [...(byHousehold.get(c.reference) ?? []), c]);
  }
  const newHouseholds = new Map<string, { id: string; cases: CaseRow[]; persons: typeof persons }>();
  for (const [reference, list] of byHousehold) {
    const existing = world.existing.get(reference);
    if (existing) {
      for (const c of list) {
        c.isNew = false;
        c.householdId = existing.id;
        if (!existing.intakes.has(c.intakeOn)) issues.add(c.row, "intake_date", msg.householdExistsNewCase(reference));
        else present.cases++;
      }
      present.households++;
      continue;
    }
    list.sort((a, b) => a.intakeOn.localeCompare(b.intakeOn));
    const open = list.filter((c) => !c.closedOn);
    for (const extra of open.slice(1)) issues.add(extra.row, "closed_on", msg.secondOpenCase(open[0].row));
    if (open.length === 1 && open[0] !== list.at(-1)) issues.add(open[0].row, "closed_on", msg.openCaseNotLatest);
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1];
      if (prev.closedOn && list[i].intakeOn < prev.closedOn) issues.add(list[i].row, "intake_date", msg.casesOverlap(prev.intakeOn));
    }
    const id = randomUUID();
    for (const c of list) c.householdId = id;
    newHouseholds.set(reference, { id, cases: list, persons: [] });
  }

  for (const p of persons) {
    const h = newHouseholds.get(p.reference);
    if (h) {
      h.persons.push(p);
      if (h.persons.length === MAX_PERSONS + 1) issues.add(p.row, "reference", msg.tooManyPersons(MAX_PERSONS));
    } else if (world.existing.has(p.reference)) present.rows++;
    else if (!failedCases.has(p.reference)) issues.add(p.row, "reference", msg.householdNotFound(p.reference));
  }

  /** The new case a row belongs to; null when it belongs to a case already in Wijkwerk (counted as present). */
  const caseOf = (r: ChildRow): CaseRow | null | undefined => {
    const c = byKey.get(`${r.reference}|${r.intakeOn}`);
    if (c?.isNew) return c;
    if (c || world.existing.get(r.reference)?.intakes.has(r.intakeOn)) {
      present.rows++;
      return null;
    }
    if (r.intakeOn && !failedCases.has(`${r.reference}|${r.intakeOn}`)) issues.add(r.row, "intake_date", msg.caseNotFound(r.reference, r.intakeOn));
    return undefined;
  };
  const within = (r: ChildRow, c: CaseRow, day: string | null, column: string) => {
    if (!day) return;
    if (day < c.intakeOn) issues.add(r.row, column, msg.dateBeforeIntake(c.intakeOn));
    else if (c.closedOn && day > c.closedOn) issues.add(r.row, column, msg.dateAfterClosing(c.closedOn));
  };

  const plan: ImportPlan = { households: [], profiles: [], persons: [], cases: [], goals: [], arrangements: [], measurements: [], scores: [], referrals: [] };
  const tenant = { municipalityId: team.municipalityId, teamId: team.id };
  for (const g of goals) {
    const c = caseOf(g);
    if (!c) continue;
    plan.goals.push({
      ...tenant,
      caseId: c.id,
      householdId: c.householdId!,
      lifeDomain: g.lifeDomain,
      goalType: g.goalType,
      status: g.status,
      description: g.description,
    });
  }
  for (const a of arrangements) {
    const c = caseOf(a);
    if (!c) continue;
    within(a, c, a.startsOn, "start_date");
    if (c.closedOn && !a.existing && (a.status === "planned" || a.status === "running")) issues.add(a.row, "status", msg.arrangementOpenOnClosedCase);
    plan.arrangements.push({
      ...tenant,
      caseId: c.id,
      householdId: c.householdId!,
      layer: a.layer,
      existing: a.existing,
      providerName: a.provider,
      description: a.description,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      status: a.status,
    });
  }
  const measurements = new Map<string, { id: string; domains: Map<string, number> }>();
  for (const z of zrm) {
    const c = caseOf(z);
    if (!c) continue;
    within(z, c, z.measuredOn, "measured_on");
    if (z.domain === ZRM_PARENTING && !newHouseholds.get(c.reference)?.persons.some((p) => p.role === "child"))
      issues.add(z.row, "domain", msg.parentingWithoutChild);
    const key = `${c.id}|${z.measuredOn}`;
    let m = measurements.get(key);
    if (!m) {
      m = { id: randomUUID(), domains: new Map() };
      measurements.set(key, m);
      plan.measurements.push({ ...tenant, id: m.id, caseId: c.id, householdId: c.householdId!, measuredOn: z.measuredOn, createdBy: world.actorUserId });
    }
    const earlier = m.domains.get(z.domain);
    if (earlier) issues.add(z.row, "domain", msg.duplicateZrmScore(earlier));
    m.domains.set(z.domain, z.row);
    plan.scores.push({ ...tenant, householdId: c.householdId!, measurementId: m.id, domain: z.domain, score: z.score });
  }
  for (const r of referrals) {
    const c = caseOf(r);
    if (!c) continue;
    within(r, c, r.referredOn, "referred_on");
    plan.referrals.push({
      ...tenant,
      caseId: c.id,
      householdId: c.householdId!,
      destination: r.destination,
      description: r.description,
      referredOn: r.referredOn,
      outcome: r.outcome,
      outcomeOn: r.outcomeOn,
    });
  }
  for (const a of assessments) {
    const c = caseOf(a);
    if (!c) continue;
    if (!c.closedOn) issues.add(a.row, "intake_date", msg.assessmentOnOpenCase);
    else if (c.assessment) issues.add(a.row, "intake_date", msg.duplicateAssessment(c.assessment.row));
    else c.assessment = { row: a.row, answers: a.answers };
  }

  // A household's persons in the file's order: the figures' client is the first-registered adult
  // (created_at), and one multi-row insert would give them all the same moment.
  const registeredAt = Date.now();
  for (const [reference, h] of newHouseholds) {
    const latest = h.cases.at(-1)!;
    // A household all of whose cases are closed is destroyed by the retention purge once its latest retention date has passed.
    if (h.cases.every((c) => c.closedOn)) {
      const until = h.cases
        .map((c) => retainUntil(c.closedOn!, c.legalBasis))
        .sort()
        .at(-1)!;
      if (until < world.today) issues.add(latest.row, "closed_on", msg.retentionExpired(until));
    }
    const people = h.persons.length
      ? h.persons.map((p) => ({ name: p.name, role: p.role, gender: p.gender, birthYear: p.birthYear }))
      : // Like the intake's default: one adult, nothing else known.
        [{ name: "", role: "adult", gender: "unknown", birthYear: null }];
    plan.households.push({
      ...tenant,
      id: h.id,
      reference,
      initials: latest.initials || initialsOf(people),
      buurtId: latest.buurtId!,
      status: h.cases.every((c) => c.closedOn) ? "closed" : "open",
    });
    plan.profiles.push({ ...tenant, householdId: h.id, householdType: latest.householdType });
    for (const p of people) plan.persons.push({ ...tenant, householdId: h.id, ...p, createdAt: new Date(registeredAt + plan.persons.length) });
    for (const c of h.cases) {
      const answers = c.assessment?.answers;
      plan.cases.push({
        ...tenant,
        id: c.id,
        householdId: h.id,
        intakeOn: c.intakeOn,
        entryRoute: c.entryRoute,
        question: c.question,
        questionType: c.questionType,
        regisseurId: c.regisseurId!,
        legalBasis: c.legalBasis,
        status: c.closedOn ? "closed" : "open",
        closedOn: c.closedOn,
        closeReason: c.closeReason,
        retainUntil: c.closedOn ? retainUntil(c.closedOn, c.legalBasis) : null,
        actedDifferently: c.closedOn ? (answers?.actedDifferently ?? "unknown") : null,
        differentArrangement: c.closedOn ? (answers?.differentArrangement ?? "unknown") : null,
        timeGained: c.closedOn ? (answers?.timeGained ?? "unknown") : null,
        neighbourhoodStrengthUsed: c.closedOn ? (answers?.neighbourhoodStrengthUsed ?? "unknown") : null,
        sufficientSupport: c.closedOn ? (answers?.sufficientSupport ?? "unknown") : null,
        residentSatisfied: c.closedOn ? (answers?.residentSatisfied ?? "unknown") : null,
        createdBy: world.actorUserId,
      });
      if (c.closedOn) toImport.closedCases++;
      if (c.assessment) toImport.assessments++;
    }
  }
  toImport.households = plan.households.length;
  toImport.cases = plan.cases.length;
  toImport.persons = plan.persons.length;
  toImport.goals = plan.goals.length;
  toImport.arrangements = plan.arrangements.length;
  toImport.zrmMeasurements = plan.measurements.length;
  toImport.zrmScores = plan.scores.length;
  toImport.referrals = plan.referrals.length;
  present.rows += present.cases;
  return { plan: issues.count ? null : plan, rows: sheet.rows.length, toImport, present };
}

// ── The database ───────────────────────────────────────────────────────────

/** The buurt map with every assignment and its team's name: public reference data, read in the 'public' scope and set back. */
async function readBuurtMap(tx: Tx, ctx: TeamContext): Promise<ImportWorld["buurten"]> {
  await tx.execute(sql`select set_config('app.scope', 'public', true), set_config('app.tenant_id', '', true), set_config('app.user_id', '', true)`);
  const rows = await queryRows<{ id: string; name: string; team_id: string | null; team: string | null; valid_from: string | null; valid_to: string | null }>(
    tx,
    sql`select b.id, b.name, a.team_id, t.name as team, a.valid_from::text, a.valid_to::text
        from buurten b left join buurt_assignments a on a.buurt_id = b.id left join teams t on t.id = a.team_id
        where b.municipality_id = (select app_municipality())`,
  );
  await tx.execute(
    sql`select set_config('app.scope', 'team', true), set_config('app.tenant_id', ${ctx.team.id}, true), set_config('app.user_id', ${ctx.actor.userId}, true)`,
  );
  const map: ImportWorld["buurten"] = new Map();
  for (const r of rows) {
    const key = r.name.trim().toLowerCase();
    const b = map.get(key) ?? { id: r.id, name: r.name, spans: [] };
    if (r.team_id && r.valid_from) b.spans.push({ teamId: r.team_id, teamName: r.team ?? "", from: r.valid_from, to: r.valid_to });
    map.set(key, b);
  }
  return map;
}

async function readWorld(tx: Tx, ctx: TeamContext, today: string): Promise<ImportWorld> {
  const buurten = await readBuurtMap(tx, ctx);
  const [team] = await queryRows<{ slug: string; prefix: string | null }>(
    tx,
    sql`select slug, resident_ref_prefix as prefix from teams where id = (select app_tenant())`,
  );
  const pros = await queryRows<{ email: string; user_id: string }>(
    tx,
    sql`select lower(u.email) as email, m.user_id from active_team_memberships m join users u on u.id = m.user_id
        where m.team_id = (select app_tenant()) and m.role in ('coordinator', 'member')`,
  );
  const known = await queryRows<{ id: string; reference: string; intake_on: string | null }>(
    tx,
    sql`select h.id, h.reference, c.intake_on::text as intake_on from households h left join cases c on c.household_id = h.id
        where h.team_id = (select app_tenant())`,
  );
  const existing: ImportWorld["existing"] = new Map();
  for (const k of known) {
    const h = existing.get(k.reference) ?? { id: k.id, intakes: new Set<string>() };
    if (k.intake_on) h.intakes.add(k.intake_on);
    existing.set(k.reference, h);
  }
  return {
    today,
    teamId: ctx.team.id,
    prefix: team.prefix ?? defaultResidentRefPrefix(team.slug),
    actorUserId: ctx.actor.userId,
    buurten,
    professionals: new Map(pros.map((p) => [p.email, p.user_id])),
    existing,
  };
}

/** Multi-row inserts in chunks under PostgreSQL's 65,535 parameters; no RETURNING (a household's first case could not see itself). */
async function insertAll<T extends Record<string, unknown>>(tx: Tx, table: Parameters<Tx["insert"]>[0], rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += size) await tx.insert(table).values(rows.slice(i, i + size) as never);
}

export interface ImportOptions {
  /** Check only: nothing is written. */
  dryRun?: boolean;
  /** The checked file's SHA-256: the import refuses another file. */
  expectedSha256?: string;
  now?: Date;
}

/**
 * Checks the file and, without `dryRun` and without any error, imports it in
 * one transaction in the team's scope with one audit event. The report says
 * what was (or would be) added and what was already present.
 */
export async function importCaseworkHistory(ctx: TeamContext, file: Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("CaseworkImport", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
  const sha256 = createHash("sha256").update(file).digest("hex");
  const issues = new ImportIssues();
  const empty = (rows = 0): ImportReport => ({
    sha256,
    rows,
    errors: issues.list,
    errorCount: issues.count,
    toImport: noCounts(),
    present: { households: 0, cases: 0, rows: 0 },
    imported: false,
  });
  if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
    issues.add(0, msg.fileLevel, msg.changedSinceCheck);
    return empty();
  }
  const sheet = readImportSheet(file, issues);
  if (!sheet) return empty();
  const today = amsterdamDay(options.now ?? new Date());
  return withScope(ctx.db, ctx.scope, async (tx) => {
    // The same lock as a new intake's reference: no intake takes a reference of this file meanwhile.
    if (!options.dryRun) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('households.reference:' || (select app_tenant())::text, 0))`);
    const world = await readWorld(tx, ctx, today);
    const { plan, rows, toImport, present } = checkImportSheet(sheet, world, ctx.team, issues);
    const report: ImportReport = { sha256, rows, errors: issues.list, errorCount: issues.count, toImport, present, imported: false };
    if (!plan || options.dryRun || issues.count) return report;
    // Everything already present (the same file again): nothing is written, not even an audit event.
    if (plan.households.length === 0) return report;
    await insertAll(tx, households, plan.households);
    await insertAll(tx, householdProfiles, plan.profiles);
    await insertAll(tx, householdPersons, plan.persons);
    await insertAll(tx, cases, plan.cases);
    await insertAll(tx, caseGoals, plan.goals);
    await insertAll(tx, caseArrangements, plan.arrangements);
    await insertAll(tx, zrmMeasurements, plan.measurements);
    await insertAll(tx, zrmScores, plan.scores);
    await insertAll(tx, caseReferrals, plan.referrals);
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "casework.history_imported",
      objectType: "team",
      objectId: ctx.team.id,
      meta: ctx.meta,
      // Counts and the file's hash only: no reference, no resident data.
      data: { sha256, rows, ...toImport, presentHouseholds: present.households, presentCases: present.cases },
    });
    return { ...report, imported: true };
  });
}

/** The error report as CSV (row;column;message), every cell neutralised against spreadsheet formulas. */
export { IMPORT_REPORT_COLUMNS, importReportCsv } from "./import-report";
