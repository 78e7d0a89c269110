// Dutch texts of the neighbourhood domain (team finder, street list import).
export const neighbourhoodMessages = {
  csvEmpty: "Het bestand is leeg.",
  csvTooLarge: (maxLines: number) => `Het bestand is te groot: lees hoogstens ${maxLines.toLocaleString("nl-NL")} regels tegelijk in.`,
  csvHeader: 'De eerste regel moet de kolomnamen "straat" en "buurt" bevatten (gescheiden door een puntkomma of komma).',
  lineQuote: (line: number) => `Regel ${line}: een aanhalingsteken wordt niet afgesloten.`,
  lineStreetMissing: (line: number) => `Regel ${line}: de straatnaam ontbreekt.`,
  lineStreetTooLong: (line: number) => `Regel ${line}: de straatnaam is langer dan 100 tekens.`,
  lineBuurtMissing: (line: number) => `Regel ${line}: de buurt ontbreekt.`,
  lineBuurtUnknown: (line: number, buurt: string) =>
    `Regel ${line}: de buurt "${buurt}" bestaat niet. Kijk bij Beheer → Buurten hoe de buurt heet, of maak haar eerst aan.`,
  lineDuplicate: (line: number, street: string, buurt: string, first: number) => `Regel ${line}: "${street}" in ${buurt} staat al op regel ${first}.`,
};
