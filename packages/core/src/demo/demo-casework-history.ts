// Demo casework history (issue 16): a deterministic, fictitious history per
// team, written as the import's CSV (docs/casework-import.md) and imported
// with the import use case as the team's coordinator — the same checks, row-
// level security and audit event as a real import — plus contacts without a
// case and objections through the contacts use case. Without it the figures
// of the demo are three households per team, all "< 5" outside the team.
//
// - The pilot (Caberg-Malpertuis) from 2013: the numbers of its evaluation
//   (seed 004 §5.1/5.2): 98 cases in 2013, 82 in January–June 2014, 68 from
//   July to 3 December 2014, the outliers of September 2013 and April 2014;
//   about 60 % women, 40 % living alone, 40 % with children; problems mostly
//   finances, work, social network and mental health; new support about own
//   strength 19 %, network 16 %, general 39 %, individual 28 %; goals two
//   thirds improve, a third stabilise, a few guided decline. Only in the buurten
//   the team held then (its buurt assignments, PILOT_HISTORY of the demo).
// - The teams of today: a modest history from 2017 (when they hold their
//   buurten) to today, a few cases a month (see HISTORY_CASES_PER_MONTH).
import { defineAbilityFor, type Grants } from "@wijkwerk/authz";
import {
  and,
  asc,
  buurtAssignments,
  buurten,
  eq,
  households,
  inArray,
  municipalities,
  teamMembershipPeriods as teamMemberships,
  teams,
  users,
  type Database,
} from "@wijkwerk/db";
import { loadGrants } from "../accounts";
import { importCaseworkHistory, IMPORT_COLUMNS, registerContact, registerObjection, type ImportReport } from "../casework";
import type { EntryRoute, GoalType, HouseholdType, KantelingLayer, QuestionType, ZrmDomain } from "../casework";
import { amsterdamDay, type TeamContext } from "../common";

/** The pilot's cases per month (seed 004 §5.1): 2013, January–June 2014, July–3 December 2014. */
export const PILOT_CASES_PER_MONTH: Record<string, number> = {
  ...Object.fromEntries([5, 6, 6, 7, 7, 6, 5, 6, 20, 10, 10, 10].map((n, i) => [`2013-${String(i + 1).padStart(2, "0")}`, n])),
  ...Object.fromEntries([11, 12, 13, 22, 12, 12, 13, 12, 14, 14, 13, 2].map((n, i) => [`2014-${String(i + 1).padStart(2, "0")}`, n])),
};
/** The pilot's last registration day in the evaluation (peildatum). */
export const PILOT_LAST_DAY = "2014-12-03";
export const PILOT_TEAM = "caberg-malpertuis";
/** Cases a month for today's teams, from 2017 (or their first buurt) to today: [least, most]. */
export const HISTORY_CASES_PER_MONTH: [number, number] = [1, 2];
/** The first history month of today's teams. */
export const HISTORY_FROM = "2017-01";
/** History references start here, above the live demo households (docs/casework-import.md). */
export const HISTORY_FIRST_NUMBER = 5001;

// ── A small deterministic random source (mulberry32), seeded per team ──────

function rng(seedText: string) {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const chance = (p: number) => next() < p;
  function pick<T>(weights: readonly (readonly [T, number])[]): T {
    const total = weights.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of weights) if ((r -= w) < 0) return v;
    return weights[weights.length - 1][0];
  }
  const one = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  return { next, int, chance, pick, one };
}
type Rng = ReturnType<typeof rng>;

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const addYears = (day: string, n: number) => `${Number(day.slice(0, 4)) + n}${day.slice(4)}`;
const minDay = (...days: string[]) => days.reduce((a, b) => (a < b ? a : b));
const daysInMonth = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
const nextMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

// ── The vocabulary's weights (seed 004 where it gives them) ────────────────

const HOUSEHOLD_WEIGHTS: [HouseholdType, number][] = [
  ["alone", 40],
  ["couple", 14],
  ["couple_with_children", 18],
  ["single_parent", 22],
  ["other", 6],
];
const ENTRY_WEIGHTS: [EntryRoute, number][] = [
  ["self", 26],
  ["gp", 17],
  ["district_nurse", 9],
  ["community_police", 5],
  ["wijkservicepunt", 11],
  ["school", 7],
  ["partner_organisation", 15],
  ["neighbour", 5],
  ["other", 5],
];
const QUESTION_WEIGHTS: [QuestionType, number][] = [
  ["single", 30],
  ["multiple", 45],
  ["multi_problem", 25],
];
/** Problems of the pilot: mostly finances, work, the social network and mental health. */
const PROBLEM_WEIGHTS: [ZrmDomain, number][] = [
  ["finances", 24],
  ["work_education", 16],
  ["social_network", 15],
  ["mental_health", 15],
  ["housing", 7],
  ["domestic_relations", 6],
  ["physical_health", 5],
  ["time_use", 4],
  ["instrumental_adl", 3],
  ["substance_use", 2],
  ["community_participation", 2],
  ["justice", 1],
];
const GOAL_TYPE_WEIGHTS: [GoalType, number][] = [
  ["improve", 64],
  ["stabilise", 31],
  ["guided_decline", 5],
];
/** New support as in the pilot: own strength 19 %, network 16 %, general 39 %, individual 28 %. */
const NEW_LAYER_WEIGHTS: [KantelingLayer, number][] = [
  ["own_strength", 19],
  ["social_network", 16],
  ["general", 39],
  ["individual", 28],
];
const EXISTING_LAYER_WEIGHTS: [KantelingLayer, number][] = [
  ["own_strength", 10],
  ["social_network", 25],
  ["general", 25],
  ["individual", 40],
];
const AGE_WEIGHTS: [[number, number], number][] = [
  [[20, 39], 36],
  [[40, 59], 36],
  [[60, 79], 22],
  [[80, 92], 6],
];

const GOAL_TEXT: Record<ZrmDomain, string> = {
  finances: "Schulden in beeld en een betalingsregeling",
  work_education: "Weer betaald werk of een opleiding",
  time_use: "Een vaste dagbesteding",
  housing: "Huisuitzetting voorkomen",
  domestic_relations: "Rust in huis en een houdbare mantelzorg",
  mental_health: "Grip op de somberheid",
  physical_health: "Zorg voor de gezondheid geregeld",
  substance_use: "Minder drinken",
  basic_adl: "Dagelijkse verzorging geregeld",
  instrumental_adl: "De administratie op orde",
  social_network: "Weer contact met buurtgenoten",
  community_participation: "Meedoen in de buurt",
  justice: "Boete en afspraken met justitie geregeld",
  parenting: "Rust in de opvoeding",
};
const PROVIDERS: Record<KantelingLayer, string[]> = {
  own_strength: ["", ""],
  social_network: ["Familie", "Buren", "Vrienden"],
  general: ["Schuldhulpverlening Gemeente Maastricht", "Werkplein Maastricht-Heuvelland", "Buurtcentrum", "Trajekt", "Bibliotheek (Taalhuis)"],
  individual: ["Wmo-loket Gemeente Maastricht", "Thuiszorg", "Mondriaan", "Xonar", "MEE"],
};
const ARRANGEMENT_TEXT: Record<KantelingLayer, string[]> = {
  own_strength: ["Maakt zelf een weekplanning", "Houdt een kasboek bij", "Belt zelf de schuldeisers"],
  social_network: ["Zus helpt met de post", "Buurman rijdt mee naar afspraken", "Vriendin past op de kinderen"],
  general: ["Budgetcoaching", "Begeleiding naar werk", "Koffieochtend in de buurt", "Taalcursus"],
  individual: ["Huishoudelijke hulp", "Ambulante begeleiding", "Dagbesteding", "Schuldsanering"],
};
const QUESTIONS = [
  "Ik krijg de huur niet meer betaald.",
  "Sinds ik mijn werk kwijt ben zit ik alleen thuis.",
  "De post stapelt zich op en ik weet niet waar ik moet beginnen.",
  "Het gaat niet goed met mijn zoon op school.",
  "Ik zorg voor mijn man en red het niet meer alleen.",
  "Ik ben somber en kom de deur niet meer uit.",
];
const CLOSE_REASONS = [
  "Doelen bereikt",
  "Doelen deels bereikt; verder in het eigen netwerk",
  "Verhuisd",
  "Overgedragen aan de tweede lijn",
  "Bewoner wil geen ondersteuning meer",
];
const FAMILY = [
  "Janssen",
  "Smeets",
  "Willems",
  "Peeters",
  "Hermans",
  "Claessens",
  "Vossen",
  "Ramakers",
  "Kuipers",
  "Bastiaens",
  "Lemmens",
  "Wolfs",
  "Habets",
  "Dohmen",
  "Schoonbrood",
  "Coenen",
];
const FIRST_F = ["Anouk", "Ilse", "Fatima", "Petra", "Noor", "Monique", "Sanne", "Yvonne", "Ria", "Samira"];
const FIRST_M = ["Ruud", "Youssef", "Bram", "Jeroen", "Luuk", "Henk", "Sjef", "Mohamed", "Paul", "Twan"];

export interface HistoryTeam {
  slug: string;
  prefix: string;
  /** The team's buurt assignments: name, from, to (inclusive; null = open). */
  buurten: { name: string; from: string; to: string | null }[];
  /** Cases per month ("YYYY-MM" → count), oldest first. */
  months: [string, number][];
  /** The last intake day (the pilot's last registration day, or today). */
  lastIntake: string;
  /** A team that has ended closed every case by its last day; null: open cases stay open. */
  endedOn: string | null;
  /** E-mail addresses of the team's professionals who may direct a case (default: the importer). */
  regisseurs: string[];
}

type Row = Record<string, string>;

function csvCell(v: string) {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The team's history as the import's CSV (`;`, LF, the header of every import column). */
export function buildHistoryCsv(team: HistoryTeam, today: string): { csv: string; cases: number } {
  const r = rng(`wijkwerk-history:${team.slug}`);
  const lines = [IMPORT_COLUMNS.join(";")];
  const put = (row: Row) => lines.push(IMPORT_COLUMNS.map((c) => csvCell(row[c] ?? "")).join(";"));
  let number = HISTORY_FIRST_NUMBER;
  let cases = 0;
  for (const [month, count] of team.months) {
    for (let i = 0; i < count; i++) {
      const last = minDay(team.lastIntake, today);
      if (`${month}-01` > last) continue;
      const lastDayOfMonth = last.startsWith(month) ? Number(last.slice(8, 10)) : daysInMonth(month);
      const intake = `${month}-${String(r.int(1, lastDayOfMonth)).padStart(2, "0")}`;
      const held = team.buurten.filter((b) => b.from <= intake && (b.to === null || intake <= b.to));
      if (held.length === 0) continue;
      writeCase(r, put, team, `${team.prefix}-${number++}`, intake, r.one(held).name, today);
      cases++;
    }
  }
  return { csv: lines.join("\n") + "\n", cases };
}

function writeCase(r: Rng, put: (row: Row) => void, team: HistoryTeam, reference: string, intake: string, buurt: string, today: string) {
  const type = r.pick(HOUSEHOLD_WEIGHTS);
  const withChildren = type === "couple_with_children" || type === "single_parent" || (type === "other" && r.chance(0.3));
  const year = Number(intake.slice(0, 4));
  // Most cases close after two to fourteen months; whatever would close after today is still open,
  // except in a team that has ended: it closed its cases by its last day.
  const closeAfter = r.chance(0.06) ? r.int(500, 900) : r.int(50, 420);
  const closing = addDays(intake, closeAfter);
  const closedOn = team.endedOn ? minDay(closing, addDays(team.endedOn, -r.int(1, 20))) : closing < addDays(today, -7) ? closing : null;
  const until = closedOn ?? today;
  // The retention term must not have passed (the import refuses such a household): older closed cases under the Wmo.
  const legalBasis = withChildren ? "jeugdwet" : closedOn && addYears(closedOn, 5) <= today ? "wmo" : r.chance(0.7) ? "wmo" : "none";
  put({
    record: "case",
    reference,
    intake_date: intake,
    buurt,
    household_type: type,
    entry_route: withChildren && r.chance(0.25) ? "school" : r.pick(ENTRY_WEIGHTS),
    question_type: r.pick(QUESTION_WEIGHTS),
    legal_basis: legalBasis,
    regisseur: team.regisseurs.length ? r.one(team.regisseurs) : "",
    question: r.chance(0.5) ? r.one(QUESTIONS) : "",
    closed_on: closedOn ?? "",
    close_reason: closedOn ? r.one(CLOSE_REASONS) : "",
  });

  // Persons: the client first (about 60 % women), a partner, the children.
  const family = r.one(FAMILY);
  const clientFemale = r.chance(0.6);
  const [lo, hi] = r.pick(AGE_WEIGHTS);
  const clientBorn = year - r.int(withChildren ? Math.min(lo, 25) : lo, withChildren ? Math.min(hi, 52) : hi);
  const person = (name: string, role: string, gender: string, born: number) =>
    put({ record: "person", reference, name, role, gender, birth_year: String(born) });
  person(`${r.one(clientFemale ? FIRST_F : FIRST_M)} ${family}`, "adult", clientFemale ? "female" : "male", clientBorn);
  if (type === "couple" || type === "couple_with_children")
    person(`${r.one(clientFemale ? FIRST_M : FIRST_F)} ${family}`, "adult", clientFemale ? "male" : "female", clientBorn + r.int(-4, 4));
  if (withChildren)
    for (let c = r.int(1, 3); c > 0; c--) person(r.one([...FIRST_F, ...FIRST_M]), "child", r.chance(0.5) ? "female" : "male", year - r.int(0, 17));

  // Goals on the main problems; their domains are measured at intake, with one or two more.
  const domains: ZrmDomain[] = [];
  const goalCount = r.pick([
    [1, 30],
    [2, 45],
    [3, 25],
  ] as const);
  while (domains.length < goalCount) {
    const d = withChildren && r.chance(0.12) ? "parenting" : r.pick(PROBLEM_WEIGHTS);
    if (!domains.includes(d)) domains.push(d);
  }
  const goalTypes = domains.map(() => r.pick(GOAL_TYPE_WEIGHTS));
  domains.forEach((d, i) =>
    put({
      record: "goal",
      reference,
      intake_date: intake,
      life_domain: d,
      goal_type: goalTypes[i],
      status: closedOn
        ? r.pick([
            ["achieved", 55],
            ["partly_achieved", 30],
            ["not_achieved", 15],
          ] as const)
        : "open",
      description: GOAL_TEXT[d],
    }),
  );

  // Support: what the household had at intake, and the new arrangements.
  const arrangement = (layer: KantelingLayer, existing: boolean) => {
    const start = existing ? "" : minDay(addDays(intake, r.int(0, 30)), until);
    const ended =
      closedOn && !existing
        ? r.pick([
            ["ended", 85],
            ["stopped", 15],
          ] as const)
        : closedOn
          ? "ended"
          : r.chance(0.85)
            ? "running"
            : "planned";
    put({
      record: "arrangement",
      reference,
      intake_date: intake,
      layer,
      existing: existing ? "ja" : "nee",
      provider: r.one(PROVIDERS[layer]),
      status: ended,
      description: r.one(ARRANGEMENT_TEXT[layer]),
      start_date: start,
      end_date: start && closedOn && (ended === "ended" || ended === "stopped") ? closedOn : "",
    });
  };
  for (
    let n = r.pick([
      [0, 35],
      [1, 45],
      [2, 20],
    ] as const);
    n > 0;
    n--
  )
    arrangement(r.pick(EXISTING_LAYER_WEIGHTS), true);
  for (let n = r.int(1, 4); n > 0; n--) arrangement(r.pick(NEW_LAYER_WEIGHTS), false);

  // ZRM: a measurement at intake; for most cases one or two more, so movement shows.
  const measured = [...domains];
  for (let n = r.int(1, 2); n > 0; n--) {
    const d = r.pick(PROBLEM_WEIGHTS);
    if (!measured.includes(d)) measured.push(d);
  }
  let scores = measured.map((d) => (domains.includes(d) ? r.int(1, 3) : r.int(2, 4)));
  const measure = (on: string) =>
    measured.forEach((d, i) => put({ record: "zrm", reference, intake_date: intake, measured_on: on, domain: d, score: String(scores[i]) }));
  measure(intake);
  let on = intake;
  for (const [p, from, to] of [
    [0.8, 80, 160],
    [0.4, 200, 330],
  ] as const) {
    const next = addDays(on, r.int(from, to));
    if (!r.chance(p) || next > until) break;
    on = next;
    scores = scores.map((s, i) => {
      const t = goalTypes[domains.indexOf(measured[i])] ?? "stabilise";
      const step =
        t === "improve"
          ? r.pick([
              [1, 55],
              [0, 25],
              [2, 12],
              [-1, 8],
            ] as const)
          : t === "stabilise"
            ? r.pick([
                [0, 60],
                [1, 25],
                [-1, 15],
              ] as const)
            : r.pick([
                [0, 50],
                [-1, 50],
              ] as const);
      return Math.max(1, Math.min(5, s + step));
    });
    measure(on);
  }

  // A referral to the second line for about a quarter of the cases, with its outcome.
  if (r.chance(0.25)) {
    const referred = minDay(addDays(intake, r.int(3, 60)), until);
    const settled = addDays(referred, r.int(14, 90));
    const outcome =
      settled > until
        ? "pending"
        : r.pick([
            ["accepted", 38],
            ["completed", 34],
            ["declined", 16],
            ["withdrawn", 12],
          ] as const);
    put({
      record: "referral",
      reference,
      intake_date: intake,
      destination: r.pick([
        ["specialised_care", 30],
        ["wmo", 25],
        ["youth", withChildren ? 30 : 2],
        ["veiligheidshuis", 6],
        ["other", 9],
      ] as const),
      referred_on: referred,
      outcome,
      outcome_on: outcome === "pending" ? "" : settled,
      description: "",
    });
  }

  // The "other way of working" assessment for most closed cases.
  if (closedOn && r.chance(0.85)) {
    const answer = () =>
      r.pick([
        ["ja", 64],
        ["nee", 21],
        ["onbekend", 15],
      ] as const);
    put({
      record: "assessment",
      reference,
      intake_date: intake,
      acted_differently: answer(),
      different_arrangement: answer(),
      time_gained: answer(),
      neighbourhood_strength_used: answer(),
      sufficient_support: answer(),
      resident_satisfied: answer(),
    });
  }
}

/** Months "YYYY-MM" from `from` to `to` inclusive. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

async function coordinatorContext(db: Database, team: { id: string; slug: string; name: string; municipalityId: string }): Promise<TeamContext | null> {
  const [c] = await db
    .selectDistinct({ id: users.id, email: users.email, name: users.name })
    .from(teamMemberships)
    .innerJoin(users, eq(users.id, teamMemberships.userId))
    .where(and(eq(teamMemberships.teamId, team.id), eq(teamMemberships.role, "coordinator"), eq(users.isActive, true)))
    .orderBy(asc(users.email))
    .limit(1);
  if (!c) return null;
  const loaded = await loadGrants(db, c.id);
  if (!loaded) return null;
  // loadGrants leaves out the memberships of a team that has ended (the app shows it to nobody); the
  // pilot's coordinator registered its history while it was active, so the grant is theirs here.
  const grants: Grants = loaded.grants.teamRoles.some((g) => g.teamId === team.id)
    ? loaded.grants
    : { ...loaded.grants, teamRoles: [...loaded.grants.teamRoles, { teamId: team.id, role: "coordinator" }] };
  return {
    db,
    actor: { userId: c.id, municipalityId: team.municipalityId, email: c.email, name: c.name },
    grants,
    ability: defineAbilityFor(grants),
    scope: { kind: "team", municipalityId: team.municipalityId, teamId: team.id, userId: c.id },
    meta: { ip: null, userAgent: "demo" },
    team,
  };
}

export interface HistorySeedResult {
  created: boolean;
  /** Per team slug: cases imported. */
  cases: Record<string, number>;
  contacts: number;
  objections: number;
}

/**
 * Seeds the demo history of every team (before seedCaseworkDemo, so the live demo households are the
 * newest in the lists): skipped for a team whose first
 * history reference is already there. `now` fixes "today" (tests).
 */
export async function seedCaseworkHistoryDemo(db: Database, options: { now?: Date } = {}): Promise<HistorySeedResult> {
  const result: HistorySeedResult = { created: false, cases: {}, contacts: 0, objections: 0 };
  const [m] = await db.select().from(municipalities).where(eq(municipalities.slug, "maastricht"));
  if (!m) return result;
  const today = amsterdamDay(options.now ?? new Date());
  const teamRows = await db.select().from(teams).where(eq(teams.municipalityId, m.id)).orderBy(asc(teams.slug));
  for (const t of teamRows) {
    const pilot = t.slug === PILOT_TEAM;
    if (!pilot && t.activeTo !== null) continue;
    const prefix = t.residentRefPrefix ?? "";
    const [present] = await db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.teamId, t.id), eq(households.reference, `${prefix}-${HISTORY_FIRST_NUMBER}`)));
    if (present || !prefix) continue;
    const team = { id: t.id, slug: t.slug, name: t.name, municipalityId: m.id };
    const ctx = await coordinatorContext(db, team);
    if (!ctx) continue;
    const spans = await db
      .select({ name: buurten.name, from: buurtAssignments.validFrom, to: buurtAssignments.validTo })
      .from(buurtAssignments)
      .innerJoin(buurten, eq(buurten.id, buurtAssignments.buurtId))
      .where(eq(buurtAssignments.teamId, t.id))
      .orderBy(asc(buurten.name), asc(buurtAssignments.validFrom));
    const professionals = pilot
      ? []
      : (
          await db
            .selectDistinct({ email: users.email })
            .from(teamMemberships)
            .innerJoin(users, eq(users.id, teamMemberships.userId))
            .where(and(eq(teamMemberships.teamId, t.id), inArray(teamMemberships.role, ["coordinator", "member"]), eq(users.isActive, true)))
            .orderBy(asc(users.email))
        ).map((u) => u.email);
    const r = rng(`wijkwerk-history-months:${t.slug}`);
    const months: [string, number][] = pilot
      ? Object.entries(PILOT_CASES_PER_MONTH)
      : monthsBetween(HISTORY_FROM, today.slice(0, 7)).map((mo) => [mo, r.int(...HISTORY_CASES_PER_MONTH)]);
    const { csv, cases } = buildHistoryCsv(
      { slug: t.slug, prefix, buurten: spans, months, lastIntake: pilot ? PILOT_LAST_DAY : today, endedOn: t.activeTo, regisseurs: professionals },
      today,
    );
    const report: ImportReport = await importCaseworkHistory(ctx, new TextEncoder().encode(csv), { now: options.now });
    if (report.errorCount > 0)
      throw new Error(
        `demo history of ${t.slug}: ${report.errors
          .slice(0, 5)
          .map((e) => `row ${e.row}, ${e.column}: ${e.message}`)
          .join("; ")}`,
      );
    result.cases[t.slug] = cases;
    result.created = true;
    // Contacts without a case and objections, through the contacts use case: the pilot registered
    // 12 people without a case and 14 cases outside WIZ at their request (seed 004 §5.1).
    const contactMonths = pilot
      ? Object.keys(PILOT_CASES_PER_MONTH)
      : monthsBetween(`${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}`, today.slice(0, 7)).slice(1);
    const contacts = pilot ? 12 : contactMonths.length;
    for (let i = 0; i < contacts; i++) {
      const month = contactMonths[Math.floor((i * contactMonths.length) / contacts)];
      const date = minDay(`${month}-${String(r.int(1, daysInMonth(month))).padStart(2, "0")}`, today, pilot ? PILOT_LAST_DAY : today);
      await registerContact(ctx, { date, entryRoute: r.pick(ENTRY_WEIGHTS), questionType: r.pick(QUESTION_WEIGHTS) });
      result.contacts++;
    }
    const objections = pilot ? 14 : r.int(1, 3);
    for (let i = 0; i < objections; i++) {
      await registerObjection(ctx, { month: r.one(contactMonths) });
      result.objections++;
    }
  }
  return result;
}
