// Dutch texts of the casework figures: table titles, descriptions, column
// labels, the suppression mark and the check's report lines. The labels of
// the stored choices come from casework (packages/core/src/casework/messages.ts).
import type { FigureTableId } from "./types";

/** How a suppressed count is shown. */
export const SUPPRESSED_DISPLAY = "< 5";

export const figureTableTitles: Record<FigureTableId, string> = {
  "cases-per-month": "Geopende casussen per maand",
  "contacts-per-month": "Contacten zonder casus per maand",
  "objections-per-month": "Bezwaren tegen registratie per maand",
  gender: "Geslacht van de cliënt",
  "age-groups": "Leeftijdsgroep van de cliënt bij intake",
  "household-types": "Samenstelling van het huishouden",
  "entry-routes": "Binnengekomen via",
  "question-types": "Soort vraag",
  "referral-destinations": "Verwijzingen naar de tweede lijn",
  "referral-outcomes": "Uitkomst van de verwijzingen",
  "zrm-intake": "ZRM bij intake (eerste meting per domein)",
  "zrm-latest": "ZRM bij de laatste meting per domein",
  "zrm-movement": "Beweging op de ZRM tussen eerste en laatste meting",
  arrangements: "Bestaande en nieuwe ondersteuning per laag van de kanteling",
  "goal-types": "Soort doel",
  "assessment-count": "Afgesloten en beoordeelde casussen",
  assessment: "Beoordeling 'andere manier van werken'",
  workbudget: "Werkbudget",
};

export const figureTableDescriptions: Record<FigureTableId, string> = {
  "cases-per-month": "Casussen naar de maand van hun intake.",
  "contacts-per-month": "Contacten zonder casus (informatie, advies, een korte verwijzing) in de maand van het contact.",
  "objections-per-month": "Inwoners die bezwaar maakten tegen registratie, alleen geteld, in hun maand.",
  gender: "Casussen naar het geslacht van de cliënt: de eerst geregistreerde volwassene van het huishouden, anders de eerst geregistreerde persoon.",
  "age-groups": "Casussen naar de leeftijd van de cliënt in het jaar van de intake (uit het geboortejaar), in groepen van 20 jaar.",
  "household-types": "Casussen naar de samenstelling van het huishouden.",
  "entry-routes": "Casussen naar de weg waarlangs de vraag binnenkwam.",
  "question-types": "Casussen naar de soort vraag.",
  "referral-destinations": "Verwijzingen naar de tweede lijn, naar bestemming.",
  "referral-outcomes": "Verwijzingen naar de tweede lijn, naar hun uitkomst.",
  "zrm-intake": "Per domein de score van de eerste meting die het domein scoorde.",
  "zrm-latest": "Per domein de score van de laatste meting die het domein scoorde.",
  "zrm-movement":
    "Casussen met ten minste twee metingen van het domein: vooruit, gelijk of achteruit tussen de eerste en de laatste, en de gemiddelde verandering in punten.",
  arrangements:
    "Regels ondersteuning per laag van de kanteling: al aanwezig bij de intake (bestaand) of in het plan afgesproken (nieuw), als aantal en als percentage van alle regels.",
  "goal-types": "Doelen in de plannen, naar soort.",
  "assessment-count": "Afgesloten casussen, en hoeveel daarvan beoordeeld zijn (ten minste één vraag met ja of nee).",
  assessment: "Per vraag de antwoorden bij het afsluiten; het percentage ja van de beoordeelde casussen.",
  workbudget:
    "Aanvragen uit het werkbudget naar de maand waarin ze zijn aangemaakt: aantallen, bedragen, verwachte en gerealiseerde financiële opbrengst, voorkomen problemen (zoals op het dashboard van het werkbudget).",
};

export const figureColumnLabels = {
  count: "Aantal",
  percent: "%",
  percentOfLines: "% van alle regels",
  city: "Gemeente",
  allMunicipalities: "Alle gemeenten",
  total: "Totaal",
  improved: "Vooruit",
  equal: "Gelijk",
  declined: "Achteruit",
  averageChange: "Gemiddelde verandering",
  existing: "Bestaand",
  new: "Nieuw",
  existingPercent: "% bestaand",
  newPercent: "% nieuw",
  yes: "Ja",
  no: "Nee",
  unknown: "Onbekend",
  yesPercent: "% ja van beoordeeld",
  amount: "Waarde",
} as const;

export const workbudgetRowLabels = {
  requests: "Aanvragen",
  requestedCents: "Aangevraagd bedrag",
  approved: "Goedgekeurd",
  committedCents: "Vastgelegd",
  paidCents: "Betaald",
  expectedReturnCents: "Verwachte financiële opbrengst",
  realisedReturnCents: "Gerealiseerde financiële opbrengst",
  problemsPrevented: "Voorkomen problemen",
} as const;

export const figureRowLabels = {
  total: "Totaal",
  periodTotal: "Totaal over de periode",
  averagePerMonth: "Gemiddeld per maand",
  unknown: "Onbekend",
  closed: "Afgesloten casussen",
  assessed: "Beoordeeld",
  ageGroups: {
    "0-19": "0–19 jaar",
    "20-39": "20–39 jaar",
    "40-59": "40–59 jaar",
    "60-79": "60–79 jaar",
    "80+": "80 jaar en ouder",
    unknown: "Onbekend",
  } as Record<string, string>,
};

/** The CSV's header (long format: one line per cell). */
export const figuresCsvHeader = ["tabel", "rij", "kolom", "waarde"] as const;

/** The lines of `pnpm casework:check`. */
export const caseworkCheckMessages = {
  ok: (cases: number, rows: number) => `Casuscijfers kloppen: ${cases} casus(sen), ${rows} maandcijfer(s) herberekend uit de registraties.`,
  caseDifference: (caseId: string, metric: string, key: string, expected: number, actual: number, expectedTotal: number, actualTotal: number) =>
    `Casus ${caseId}: bijdrage ${metric}${key ? ` / ${key}` : ""} is ${actual} (som ${actualTotal}), maar volgt uit de registraties als ${expected} (som ${expectedTotal}).`,
  monthDifference: (team: string, month: string, metric: string, key: string, expected: number, actual: number, expectedTotal: number, actualTotal: number) =>
    `Team ${team}, ${month}: ${metric}${key ? ` / ${key}` : ""} staat op ${actual} (som ${actualTotal}), maar is herberekend ${expected} (som ${expectedTotal}).`,
  failed: (n: number) => `Casuscijfers NIET in orde: ${n} verschil(len).`,
};
