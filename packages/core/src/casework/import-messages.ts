// Dutch texts of the history import's report (docs/casework-import.md): one
// message per kind of problem, with the row's own value where it helps. The
// page and the CLI print them as they are; the CSV download neutralises them
// against spreadsheet formulas (common/csv.ts).
import { formatDate } from "../common";

const list = (values: readonly (string | number)[]) => values.join(", ");
const quoted = (value: string) => `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;

export const importMessages = {
  fileEmpty: "Het bestand is leeg.",
  fileTooLarge: (maxMb: number) => `Het bestand is groter dan ${maxMb} MB. Splits het in delen per jaar.`,
  tooManyRows: (max: number) => `Het bestand heeft meer dan ${max.toLocaleString("nl-NL")} regels. Splits het in delen per jaar.`,
  nulByte: "Het bestand bevat een NUL-teken: het is geen tekstbestand (CSV).",
  notUtf8: "Het bestand is geen UTF-8-tekst. Sla het in Excel op als “CSV UTF-8”.",
  unreadable: (detail: string) => `Het bestand is geen leesbare CSV: ${detail}`,
  unclosedQuote: "Een aanhalingsteken wordt niet gesloten.",
  missingColumn: (column: string) => `De kolom ${column} ontbreekt in de kopregel.`,
  unknownColumn: (column: string) => `Onbekende kolom ${quoted(column)}. Zie de kolommen in de handleiding.`,
  duplicateColumn: (column: string) => `De kolom ${column} staat twee keer in de kopregel.`,
  columnCount: (found: number, expected: number) => `Deze regel heeft ${found} cellen, de kopregel ${expected}.`,
  noRows: "Het bestand heeft geen regels onder de kopregel.",
  required: "Verplicht voor dit soort regel.",
  notForKind: (kind: string) => `Hoort niet bij een regel van soort ${kind}; laat deze cel leeg.`,
  unknownRecord: (value: string, allowed: readonly string[]) => `Onbekend soort regel ${quoted(value)}. Toegestaan: ${list(allowed)}.`,
  notAllowed: (value: string, allowed: readonly (string | number)[]) => `${quoted(value)} is geen toegestane waarde. Toegestaan: ${list(allowed)}.`,
  tooLong: (max: number) => `Te lang: ten hoogste ${max} tekens.`,
  invalidDate: (value: string) => `${quoted(value)} is geen datum. Schrijf 22-11-2026 of 2026-11-22.`,
  dateOutOfRange: (from: string, to: string) => `De datum moet tussen ${formatDate(from)} en ${formatDate(to)} liggen (niet in de toekomst).`,
  dateBeforeIntake: (intake: string) => `Ligt vóór de intakedatum ${formatDate(intake)}.`,
  dateAfterClosing: (closed: string) => `Ligt na de afsluitdatum ${formatDate(closed)}.`,
  endBeforeStart: "De einddatum ligt vóór de begindatum.",
  invalidYear: (from: number, to: number) => `Een geboortejaar tussen ${from} en ${to}.`,
  invalidScore: (value: string) => `${quoted(value)} is geen ZRM-score: 1, 2, 3, 4 of 5.`,
  invalidBoolean: (value: string) => `${quoted(value)}: schrijf ja of nee.`,
  referenceFormat: (value: string, prefix: string) =>
    `${quoted(value)} is geen kenmerk van dit team: ${prefix}- met 4 tot 6 cijfers, bijvoorbeeld ${prefix}-0142.`,
  unknownBuurt: (value: string) => `Onbekende buurt ${quoted(value)} in deze gemeente.`,
  buurtOfOtherTeam: (buurt: string, team: string, day: string) =>
    `${buurt} hoorde op ${formatDate(day)} bij team ${team}: deze casus hoort in de import van dat team.`,
  buurtNotOfTeam: (buurt: string, day: string) => `${buurt} hoorde op ${formatDate(day)} niet bij dit team.`,
  unknownRegisseur: (value: string) => `${quoted(value)} is geen coördinator of lid van dit team.`,
  duplicateCase: (row: number) => `Deze casus (kenmerk en intakedatum) staat al op regel ${row}.`,
  secondOpenCase: (row: number) => `Het huishouden heeft al een open casus (regel ${row}); een huishouden heeft ten hoogste één open casus.`,
  openCaseNotLatest: "De open casus moet de laatste van het huishouden zijn.",
  casesOverlap: (otherIntake: string) => `Overlapt met de casus van ${formatDate(otherIntake)}: een nieuwe intake pas na de afsluiting van de vorige.`,
  closeReasonWithoutClosing: "Alleen bij een afgesloten casus (vul closed_on in).",
  householdExistsNewCase: (reference: string) =>
    `Huishouden ${reference} staat al in Wijkwerk met andere casussen. Een nieuwe casus voor een bestaand huishouden gaat via de pagina's (nieuwe intake), niet via de import.`,
  retentionExpired: (until: string) =>
    `De bewaartermijn van dit huishouden is verlopen op ${formatDate(until)} (grondslag bij afsluiten): laat het uit de import (AVG).`,
  caseNotFound: (reference: string, intake: string) => `Geen casus ${reference} met intakedatum ${formatDate(intake)} in het bestand of in Wijkwerk.`,
  householdNotFound: (reference: string) => `Geen huishouden ${reference} in het bestand (regel case) of in Wijkwerk.`,
  tooManyPersons: (max: number) => `Meer dan ${max} personen in één huishouden.`,
  duplicateZrmScore: (row: number) => `Dit domein heeft op deze datum al een score (regel ${row}).`,
  parentingWithoutChild: "Opvoeding (aanvulling) alleen bij een huishouden met een kind (regel person met role child).",
  assessmentOnOpenCase: "De beoordeling hoort bij het afsluiten: de casus heeft geen closed_on.",
  duplicateAssessment: (row: number) => `Deze casus heeft al een beoordeling (regel ${row}).`,
  arrangementOpenOnClosedCase: "De casus is afgesloten: een arrangement van de casus is dan ended of stopped.",
  outcomeOnRequired: "Verplicht bij een andere uitkomst dan pending.",
  outcomeOnWithPending: "Leeg laten zolang de uitkomst pending is.",
  moreErrors: (n: number) => `… en nog ${n.toLocaleString("nl-NL")} fouten; herstel eerst deze.`,
  changedSinceCheck: "Het bestand is niet hetzelfde als het gecontroleerde bestand. Controleer het opnieuw.",
  /** The file as a whole: no row. */
  fileLevel: "bestand",
};

const n = (v: number) => v.toLocaleString("nl-NL");

/** The report in Dutch lines: the CLI prints them, the page shows the same counts. */
export function importSummaryLines(r: {
  rows: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
  toImport: {
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
  };
  present: { households: number; cases: number; rows: number };
  imported: boolean;
}): string[] {
  if (r.errorCount > 0)
    return [
      `${n(r.errorCount)} ${r.errorCount === 1 ? "fout" : "fouten"} in ${n(r.rows)} regels: er is niets geïmporteerd.`,
      ...r.errors.map((e) => (e.row === 0 ? `${e.column}: ${e.message}` : `regel ${e.row}, kolom ${e.column}: ${e.message}`)),
      ...(r.errorCount > r.errors.length ? [importMessages.moreErrors(r.errorCount - r.errors.length)] : []),
    ];
  const t = r.toImport;
  const what = r.imported ? "Geïmporteerd" : "Te importeren";
  return [
    `${n(r.rows)} regels gelezen, geen fouten.`,
    ...(t.cases === 0 ? ["Niets nieuws: alles staat al in Wijkwerk, er verandert niets."] : []),
    `${what}: ${n(t.households)} huishoudens, ${n(t.cases)} casussen (${n(t.closedCases)} afgesloten), ${n(t.persons)} personen, ${n(t.goals)} doelen, ${n(t.arrangements)} arrangementen, ${n(t.zrmMeasurements)} ZRM-metingen (${n(t.zrmScores)} scores), ${n(t.referrals)} verwijzingen, ${n(t.assessments)} beoordelingen.`,
    `Al aanwezig (overgeslagen): ${n(r.present.households)} huishoudens, ${n(r.present.cases)} casussen, ${n(r.present.rows)} regels.`,
  ];
}
