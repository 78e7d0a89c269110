// The casework figures pages (issue 16): the team's and the city's tables with
// their charts, the period chooser, the printable page and the CSV. The table
// titles, descriptions and labels come from the figures domain's model.
import { MONTH_ABBREVIATIONS } from "@wijkwerk/core/dates";

export const figuresPages = {
  teamIntro:
    "De cijfers van jullie team uit de eigen registraties: elke casus telt in de maand van zijn intake. Binnen het team worden alle aantallen getoond.",
  cityIntro:
    "De cijfers van alle sociale teams en de gemeente als geheel, uit de registraties van de teams. Alleen totalen: aantallen onder de 5 staan er als “< 5”, en een totaal dat zo'n aantal zou verraden ook.",
  // The functional admin of several municipalities (/gemeenten/cijfers).
  municipalitiesTitle: "Cijfers van je gemeenten",
  municipalitiesIntro:
    "De cijfers van de sociale teams van elke gemeente die je beheert: naast elkaar, of van één gemeente per team. Alleen totalen: aantallen onder de 5 staan er als “< 5”, en een totaal dat zo'n aantal zou verraden ook.",
  municipalitiesChoose: "Gemeente kiezen",
  municipalitiesLinkHint: "casussen, ZRM-beweging en ondersteuning van elke gemeente die je beheert, naast elkaar of per gemeente (alleen totalen).",
  municipalitiesSideBySide: "Alle gemeenten naast elkaar",
  municipalityShown: (name: string) => `Gemeente ${name}, per sociaal team`,
  suppressedNote: "Aantallen onder de 5 worden getoond als “< 5”; een totaal dat zo'n aantal zou verraden ook.",
  linkFromMunicipality: "Cijfers sociale teams",
  linkFromMunicipalityHint: "Casussen, ZRM-beweging en ondersteuning per team en voor de stad, met grafieken, afdrukken en CSV.",
  // The period chooser (a GET form: the period lives in the URL).
  period: {
    title: "Periode",
    from: "Van (maand)",
    to: "Tot en met (maand)",
    monthHint: "jjjj-mm, bijvoorbeeld 2026-01",
    show: "Tonen",
    quick: "Snel kiezen",
    thisYear: "Dit jaar",
    lastYear: "Vorig jaar",
    all: "Alles",
    allHint: "“Alles” toont de laatste twintig jaar: het langste dat één overzicht beslaat.",
    required: "Vul een maand in.",
    monthInvalid: "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01.",
    yearOutOfRange: "Kies een maand tussen 2000 en 2100.",
    toBeforeFrom: "De laatste maand ligt vóór de eerste maand.",
    tooLong: (maxYears: number) => `Kies een periode van hoogstens ${maxYears} jaar.`,
    invalid: "Kies een geldige periode; er worden nog geen cijfers getoond.",
    shown: (from: string, to: string) => `Periode: ${from} tot en met ${to}`,
  },
  actions: {
    print: "Afdrukbare versie",
    csv: "Downloaden als CSV",
    csvHint: "Eén regel per cel (tabel, rij, kolom, waarde), puntkomma-gescheiden.",
    printNow: "Afdrukken",
    back: "Terug naar de cijfers",
  },
  contents: "Inhoud",
  empty: "Geen gegevens in deze periode",
  tableLabel: (title: string) => `Tabel: ${title}`,
  // The charts: an image with a text alternative; the table beside it is the accessible source.
  chart: {
    bars: "Staafdiagram",
    stacked: "Gestapeld staafdiagram",
    columns: "Kolomdiagram per maand",
    of: (title: string) => `Grafiek: ${title}`,
    seeTable: "De precieze aantallen staan in de tabel.",
    item: (label: string, value: string) => `${label}: ${value}`,
    more: (n: number) => `en nog ${n}`,
    hidden: (n: number) => `${n} ${n === 1 ? "waarde" : "waarden"} onder de 5 niet getekend`,
    legend: "Legenda",
    amountsApart: "Bedragen (gestreepte balken) hebben hun eigen schaal, los van de aantallen.",
    monthsShort: MONTH_ABBREVIATIONS,
  },
  print: {
    title: (scope: string) => `Cijfers ${scope}`,
    cityScope: "alle sociale teams en de gemeente",
    teamScope: (team: string) => `sociaal team ${team}`,
    municipalitiesScope: "de gemeenten naast elkaar",
    municipalityScope: (municipality: string) => `gemeente ${municipality}, per sociaal team`,
    printedOn: (date: string) => `Afgedrukt op ${date}`,
    scope: (scope: string) => `Bereik: ${scope}`,
  },
  csvInvalid: "Ongeldige periode voor de CSV (van en tot als jjjj-mm).",
} as const;
