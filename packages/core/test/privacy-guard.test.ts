// The privacy guard for cross-team spaces: realistic sentences as social
// workers write them, with the identifiers that must be caught and the
// look-alikes (amounts, years, meeting dates, case numbers) that must not.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describePersonalDataKind, isValidIban, maskPersonalData, passesElfproef, PRIVACY_GUARD_NL, type PersonalDataKind } from "../src/common/privacy-guard";
import { findPersonalData, personalDataMessage } from "../src/common";

const now = new Date("2026-03-15T12:00:00Z");
const found = (text: string, options: { ignoreNames?: string[] } = {}) => findPersonalData(text, { now, ...options }).map((f) => [f.kind, f.match]);

describe("findPersonalData: what is flagged", () => {
  const positives: [string, PersonalDataKind, string][] = [
    // BSN: passes the elfproef, compact or grouped.
    ["Cliënt heeft BSN 111222333, graag checken bij de SVB.", "bsn", "111222333"],
    ["bsn: 123.456.782 (zie paspoort)", "bsn", "123.456.782"],
    ["Op haar ID-kaart staat 1234 56 782.", "bsn", "1234 56 782"],
    ["BSN111222333", "bsn", "111222333"],
    // Dates of birth: announced by a birth keyword, 0–110 years before now.
    ["Mevrouw (geb. 12-04-1961) heeft schulden.", "birth_date", "12-04-1961"],
    ["Meneer is geboren op 3 maart 1984 in Maastricht.", "birth_date", "3 maart 1984"],
    ["Geboortedatum: 1961-04-12", "birth_date", "1961-04-12"],
    ["DOB 12/04/1961", "birth_date", "12/04/1961"],
    ["zoon, gb. 01.09.2019, zit op de basisschool", "birth_date", "01.09.2019"],
    ["geb. 12-04-61, woont alleen", "birth_date", "12-04-61"],
    ["Dochter geboren op 2 jan. 2026 in het MUMC.", "birth_date", "2 jan. 2026"],
    // Phone numbers: Dutch mobile and landline, national and international, and foreign.
    ["Bel haar op 06-12345678 na 17 uur.", "phone", "06-12345678"],
    ["Zijn nummer is 06 1234 5678.", "phone", "06 1234 5678"],
    ["tel. +31 6 12345678", "phone", "+31 6 12345678"],
    ["tel. +31 (0)6 12 34 56 78", "phone", "+31 (0)6 12 34 56 78"],
    ["bereikbaar via 0031 6 12345678", "phone", "0031 6 12345678"],
    ["Vaste lijn: 043-1234567", "phone", "043-1234567"],
    ["Vaste lijn: 043 123 45 67", "phone", "043 123 45 67"],
    ["Vaste lijn: (043) 123 45 67", "phone", "(043) 123 45 67"],
    ["Dochter woont in Lanaken, +32 470 12 34 56", "phone", "+32 470 12 34 56"],
    ["tel:0612345678", "phone", "0612345678"],
    // E-mail addresses.
    ["Stuur het naar m.janssen@ziggo.nl.", "email", "m.janssen@ziggo.nl"],
    ["mail: Jan-Willem.de.Vries+post@hotmail.com", "email", "Jan-Willem.de.Vries+post@hotmail.com"],
    // IBAN: mod-97 valid, any country, spaced or compact.
    ["Huur wordt betaald van NL91 ABNA 0417 1643 00 door de bewindvoerder.", "iban", "NL91 ABNA 0417 1643 00"],
    ["rekening NL91ABNA0417164300", "iban", "NL91ABNA0417164300"],
    ["Belgische rekening BE68 5390 0754 7034", "iban", "BE68 5390 0754 7034"],
    ["iban nl91abna0417164300", "iban", "nl91abna0417164300"],
    ["Duitse rekening DE89 3704 0044 0532 0130 00.", "iban", "DE89 3704 0044 0532 0130 00"],
    // Street + house number, with additions, multi-word and French-style names.
    ["Ze woont aan de Hoogbrugstraat 12b, tweede verdieping.", "address", "Hoogbrugstraat 12b"],
    ["Nieuw adres: Brusselsestraat 45B", "address", "Brusselsestraat 45B"],
    ["Gezin verhuist naar de Wycker Brugstraat 3.", "address", "Wycker Brugstraat 3"],
    ["Appartement aan de Avenue Céramique 12", "address", "Avenue Céramique 12"],
    ["Hij slaapt in de portiek van Markt 78.", "address", "Markt 78"],
    ["Adres: Akersteenweg 120-B", "address", "Akersteenweg 120-B"],
    ["Adres: Statensingel 8 bis", "address", "Statensingel 8 bis"],
    ["Adres: Onze Lieve Vrouweplein 9", "address", "Onze Lieve Vrouweplein 9"],
    ["Bij Vrijthof 12 staat de fiets.", "address", "Vrijthof 12"],
    ["Hoogbrugstr. 14a", "address", "Hoogbrugstr. 14a"],
    ["Postcode en huisnummer: 6221 AB 12", "address", "6221 AB 12"],
  ];

  it.each(positives)("%s → %s", (text, kind, match) => {
    expect(found(text)).toEqual([[kind, match]]);
  });

  it("reports every finding with its exact position, sorted", () => {
    const text = "Mevrouw (geb. 12-04-1961) woont aan de Hoogbrugstraat 12b, bel haar op 06-12345678 of mail j.smeets@gmail.com; BSN 111222333.";
    const findings = findPersonalData(text, { now });
    expect(findings.map((f) => f.kind)).toEqual(["birth_date", "address", "phone", "email", "bsn"]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.match);
  });
});

describe("findPersonalData: look-alikes that are not flagged", () => {
  const negatives: [string, string][] = [
    ["an invalid BSN (fails the elfproef)", "BSN 123456789 klopt niet, navragen."],
    ["a 9-digit invoice number failing the elfproef", "Factuurnummer 987654321 van Envida."],
    ["a 10-digit client number", "Klantnummer 1111222333 bij Enexis."],
    ["an 8-digit KvK number", "KvK 14012345 van de stichting."],
    ["a meeting date", "De vergadering op 12-03-2026 gaat over de werkgroepen."],
    ["a deadline in ISO format", "Aanvragen vóór 2026-04-01 indienen."],
    ["a year of birth only", "Mevrouw is geboren in 1961."],
    ["a birth date in the future", "Kindje wordt geboren op 12-06-2026, uitgerekende datum."],
    ["a historical birth date, over 110 years ago", "Minckelers (geboren 2 december 1748) staat op de Markt."],
    ["a date after the keyword's sentence", "Haar kinderen zijn hier geboren. Op 12-03-2020 verhuisde ze."],
    ["a date too far from the keyword", "Ze is in Maastricht geboren, de intake was op 12-03-2020."],
    ["an impossible date", "geb. 31-02-1961"],
    ["an amount", "Het tekort is € 1.234,56 per maand."],
    ["a large amount with dots", "Totaal € 123.456.782 voor de stad."],
    ["a year range", "In 2017–2018 liep de pilot in Caberg-Malpertuis."],
    ["a spaced year range", "Periode 2017 - 2018 en 2019 - 2020."],
    ["a postcode alone", "Veel meldingen uit 6221 AB."],
    ["a postcode with a city", "Postadres 6221 AB Maastricht."],
    ["percentages", "45% van de vragen is meervoudig, 12,5 % enkelvoudig."],
    ["a case number", "Dossier WB-2017-0042 is afgesloten."],
    ["the emergency number", "Bij gevaar direct 112 bellen."],
    ["the municipality's short number", "Bel 14 043 voor de gemeente."],
    ["service numbers", "Juridisch Loket 0900-8020, Sensoor 0800-1234 of 0900 123 4567."],
    ["a date and time, not a phone number", "Overleg 06-12-2024 10:00 uur in het buurthuis."],
    ["an IBAN with a wrong checksum", "Rekening NL91 ABNA 0417 1643 01 klopt niet."],
    ["a code that starts like an IBAN", "Formulier AB12 CDEF GHIJ KLMN ingevuld."],
    ["a street without a number", "Ze woont ergens in de Brusselsestraat."],
    ["a team name with a number", "Overleg met team Malberg 2 keer per maand; team Daalhof 2 komt ook."],
    ["a buurt with a count", "In Heugemerveld 12 gezinnen bereikt, in Villapark 3 huishoudens."],
    ["a noun ending in -ring", "Vergadering 3 en Ervaring 2 staan in de notulen."],
    ["a street-like name with a year", "Kerstmarkt op het Vrijthof 2017 was druk."],
    ["a buurt name ending in -straat…", "Boschstraatkwartier 2 keer bezocht."],
    ["a mention without a domain", "@Marieke kun jij dit oppakken?"],
    ["a lower-case street (only capitalised names count)", "op de markt 12 kraampjes"],
  ];

  it.each(negatives)("%s", (_, text) => {
    expect(found(text)).toEqual([]);
  });

  it("a 9-digit reference that happens to pass the elfproef IS flagged (the known trade-off)", () => {
    expect(found("Zaaknummer 123456782")).toEqual([["bsn", "123456782"]]);
  });

  it("names passed in ignoreNames (teams, buurten) are not addresses", () => {
    expect(found("Daalhof 3 is het derde overleg")).toEqual([["address", "Daalhof 3"]]);
    expect(found("Daalhof 3 is het derde overleg", { ignoreNames: ["Daalhof"] })).toEqual([]);
  });
});

describe("findPersonalData: overlapping matches are reported once", () => {
  it("an IBAN whose account number holds a valid BSN and a phone-like run is one IBAN", () => {
    expect(passesElfproef("111222333")).toBe(true);
    expect(found("Betaling via NL15ABNA0111222333 ontvangen.")).toEqual([["iban", "NL15ABNA0111222333"]]);
    expect(found("Betaling via NL15 ABNA 0111 2223 33 ontvangen.")).toEqual([["iban", "NL15 ABNA 0111 2223 33"]]);
  });

  it("a BSN-valid run inside an international phone number is the phone number", () => {
    expect(passesElfproef("612345671")).toBe(true);
    expect(found("bel +31 612345671")).toEqual([["phone", "+31 612345671"]]);
  });

  it("a phone number as an e-mail's local part is the e-mail address", () => {
    expect(found("0612345678@sms.example.nl")).toEqual([["email", "0612345678@sms.example.nl"]]);
  });
});

describe("checks", () => {
  it.each([
    ["111222333", true],
    ["123456782", true],
    ["123456789", false],
    ["000000000", false],
    ["12345678", false],
  ])("elfproef %s → %s", (digits, ok) => expect(passesElfproef(digits)).toBe(ok));

  it.each([
    ["NL91 ABNA 0417 1643 00", true],
    ["NL91ABNA0417164300", true],
    ["GB29 NWBK 6016 1331 9268 19", true],
    ["NL91 ABNA 0417 1643 01", false],
    ["NL00 ABNA 0417 1643 00", false],
  ])("IBAN %s → %s", (iban, ok) => expect(isValidIban(iban)).toBe(ok));
});

describe("the Dutch message", () => {
  it("masks every identifier so the message does not repeat it", () => {
    expect(
      (
        [
          ["phone", "06-12345678", "06-1234****"],
          ["phone", "043 123 45 67", "043 123 ** **"],
          ["bsn", "111222333", "111******"],
          ["bsn", "123.456.782", "123.***.***"],
          ["iban", "NL91 ABNA 0417 1643 00", "NL91 ABNA **** **** **"],
          ["email", "m.janssen@ziggo.nl", "m***@ziggo.nl"],
          ["birth_date", "12-04-1961", "**-**-1961"],
          ["birth_date", "1961-04-12", "1961-**-**"],
          ["birth_date", "3 maart 1984", "* ***** 1984"],
          ["address", "Hoogbrugstraat 12b", "Hoogbrugstraat ***"],
          ["address", "Hoogbrugstraat 12 bis", "Hoogbrugstraat ** ***"],
          ["address", "6221 AB 12", "6221 AB **"],
          ["address", "Jansen Hoogbrugstraat 12", "… Hoogbrugstraat **"],
        ] as const
      ).map(([kind, match]) => maskPersonalData({ kind, match })),
    ).toEqual([
      "06-1234****",
      "043 123 ** **",
      "111******",
      "123.***.***",
      "NL91 ABNA **** **** **",
      "m***@ziggo.nl",
      "**-**-1961",
      "1961-**-**",
      "* ***** 1984",
      "Hoogbrugstraat ***",
      "Hoogbrugstraat ** ***",
      "6221 AB **",
      "… Hoogbrugstraat **",
    ]);
  });

  it("lists what to remove, in Dutch, without the identifiers themselves", () => {
    const text = "Mevrouw (geb. 12-04-1961), bel haar op 06-12345678 of 06-12345678; BSN 111222333.";
    const message = personalDataMessage(findPersonalData(text, { now }))!;
    expect(message).toBe(
      [
        PRIVACY_GUARD_NL.intro,
        "- een geboortedatum: “**-**-1961”",
        "- een telefoonnummer: “06-1234****”",
        "- een burgerservicenummer (BSN): “111******”",
        PRIVACY_GUARD_NL.override,
      ].join("\n"),
    );
    for (const secret of ["12-04-1961", "06-12345678", "111222333"]) expect(message).not.toContain(secret);
  });

  it("is null when nothing was found", () => {
    expect(personalDataMessage(findPersonalData("Goed overleg gehad met de wijkagent.", { now }))).toBeNull();
  });

  it("has a Dutch text for every kind", () => {
    expect(describePersonalDataKind("bsn")).toBe("een burgerservicenummer (BSN)");
    for (const kind of ["bsn", "birth_date", "phone", "email", "iban", "address"] as const) expect(describePersonalDataKind(kind)).toMatch(/^een /);
  });
});

describe("properties", () => {
  // Words that trigger the rules' other halves (street endings, birth
  // keywords, IBAN-like letters, "+"), mixed with arbitrary characters.
  const fragment = fc.oneof(
    fc.constantFrom(
      "Hoogbrugstraat",
      "Markt",
      "Avenue Céramique",
      "geboren",
      "geb.",
      "NL",
      "BE",
      "+",
      "-",
      ".",
      "(",
      ")",
      " ",
      "\n",
      "maart",
      "Vrijthof",
      "team",
      "€",
      "%",
      "bis",
      "AB",
    ),
    fc.string({ unit: "grapheme", maxLength: 6 }),
  );
  const noDigitsNoAt = fc
    .array(fragment, { maxLength: 40 })
    .map((parts) => parts.join(""))
    .filter((s) => !/[\p{N}@]/u.test(s));

  it("text without digits and without '@' yields no findings", () => {
    fc.assert(fc.property(noDigitsNoAt, (text) => findPersonalData(text, { now }).length === 0));
  });

  it("findings are sorted, non-overlapping and point at their match", () => {
    const anyText = fc
      .array(fc.oneof(fragment, fc.constantFrom("06-12345678", "111222333", "12-04-1961", "12", "3 ", "a@b.nl", "NL91ABNA0417164300")), { maxLength: 30 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(anyText, (text) => {
        const findings = findPersonalData(text, { now });
        findings.forEach((f, i) => {
          expect(text.slice(f.start, f.end)).toBe(f.match);
          if (i > 0) expect(f.start).toBeGreaterThanOrEqual(findings[i - 1].end);
        });
      }),
    );
  });
});
