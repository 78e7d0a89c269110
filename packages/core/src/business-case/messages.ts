// The Dutch words of the business case that leave the core: the CSV's columns. The page's own texts are in app/i18n/nl/business-case.ts.

export const businessCaseCsvColumns = [
  "Jaar",
  "Team",
  "Personeel",
  "Huisvesting",
  "ICT",
  "Coaching",
  "Overig",
  "Totaal kosten",
  "Gerealiseerd rendement werkbudget",
  "Vermeden kosten bij afsluiting",
  "Totaal opbrengsten",
  "Saldo",
  "Opbrengst per euro kosten",
] as const;

export const businessCaseCsvNormColumns = [
  "Jaar",
  "Team",
  "Norm",
  "Code",
  "Bedrag per eenheid",
  "Eenheid",
  "Bron",
  "Lokale schatting",
  "Aantal voorkomen",
  "Vermeden kosten",
] as const;

export const businessCaseTotalLabel = "Stad (alle teams)";
export const yesNo = (b: boolean) => (b ? "ja" : "nee");
