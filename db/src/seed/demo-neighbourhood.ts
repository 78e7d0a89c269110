// Demo data of the public team finder: a fictitious but realistic street list
// per buurt (names in the style of Maastricht's streets; not the real
// register) and the teams' public contact details (fictitious addresses and
// numbers: 043-area phone numbers from the 555 range, example.org mail).

/** Street names per buurt (buurt names as in demo-data.ts). */
export const DEMO_STREETS: Record<string, string[]> = {
  Limmel: ["Limmelderweg", "Kapelstraat", "Hoekerweg", "Nazarethweg", "Keerweg", "Sint Jozefstraat"],
  Nazareth: ["Hoolhuisweg", "Pastoor Kuijpersstraat", "Nazarethplein", "Kruisvest", "Ambyerweg"],
  Beatrixhaven: ["Havenkade", "Kasteel Borgharenweg", "Bosschepoortweg"],
  Meerssenhoven: ["Meerssenerweg", "Hoevenweg", "Kasteellaan"],
  Borgharen: ["Kasteelstraat", "Grindweg", "Veldstraat", "Pastoor Scheepersstraat", "Maasweg"],
  Itteren: ["Itterderweg", "Kapelaan Brouwerstraat", "Steegweg", "Bunderweg"],
  Wittevrouwenveld: ["Akerstraat", "Wittevrouwenweg", "Bisschop Lindanusstraat", "Hertogsingel", "Koningin Emmaplein", "Kruisherenweg", "Kleine Veldstraat"],
  Wyckerpoort: ["Meerssenerweg", "Prins Bisschopsingel", "Oranjeplein", "Noormannenweg", "Frankenlaan", "Bourgognestraat"],
  Amby: ["Ambyerstraat-Noord", "Ambyerstraat-Zuid", "Dorpstraat", "Molenweg", "Kerkplein", "Koolhofweg"],
  Scharn: ["Scharnerweg", "Kasteel Geuleweg", "Akersteenweg", "Scharnplein", "Hoge Weerd"],
  "De Heeg": ["Heegderweg", "Esperantolaan", "Burgemeester Kessensingel", "Dolmenweg", "Dukaatstraat", "Guldenlaan"],
  Heer: ["Heerderweg", "Kasteel Hillenraedtstraat", "Heerderdwarsstraat", "Sint Petrus en Paulusplein", "Vroendaalweg"],
  Eyldergaard: ["Eyldergaardlaan", "Hoefijzerweg", "Boerenlaan", "Mergelweg"],
  Vroendaal: ["Vroendaalsingel", "Akkerweg", "Weidestraat"],
  Heugem: ["Heugemerweg", "Kerkstraat Heugem", "Maasboord", "Bunderplein", "Pastoor Moonenstraat"],
  Heugemerveld: ["Heugemerveldweg", "Franciscus Romanusweg", "Voltastraat", "Edisonstraat"],
  Randwyck: ["Oxfordlaan", "Universiteitssingel", "Randwycksingel", "Hunnenweg", "Becanusstraat"],
  Daalhof: ["Daalhoferweg", "Pater Kustersweg", "Kasteel Hoensbroekweg", "Daalhofplein", "Koekoekstraat", "Zwaluwweg"],
  Hazendans: ["Hazendansweg", "Wolderweg", "Haasstraat", "Konijnenpad"],
  Belfort: ["Belfortweg", "Lage Kanaaldijk", "Parkweg", "Koolmeesstraat"],
  Wolder: ["Wolderplein", "Daalhoffersteeg", "Sint Gerardusstraat", "Tongerseweg"],
  Campagne: ["Campagneweg", "Schildersstraat", "Vesaliuslaan", "Rijksweg"],
  Biesland: ["Bieslanderweg", "Kanaalweg", "Sint Annalaan", "Bieslandplein"],
  Mariaberg: ["Mariabergweg", "Kastanjelaan", "Brusselseweg", "Sint Lambertuslaan", "Koning Clovisstraat", "Pieter Coutereelstraat"],
  Blauwdorp: ["Blauwdorpstraat", "Edelweissstraat", "Rozemarijnstraat", "Tulpstraat"],
  Trichterveld: ["Trichterveldweg", "Kloosterweg", "Sint Servaasstraat", "Cabergerweg"],
  Frontenkwartier: ["Frontensingel", "Bastionweg", "Hoge Fronten", "Kazemattenstraat"],
  Brusselsepoort: ["Brusselsepoortweg", "Saracenenweg", "Ravelijnstraat", "Sint Maartenslaan"],
  Caberg: ["Cabergerweg", "Kastanjeplein", "Dolomietstraat", "Dr. Bauerstraat", "Pastoor Habetsstraat"],
  "Oud-Caberg": ["Oude Cabergerweg", "Kapelstraat Caberg", "Holleweg", "Hoogveldweg"],
  Belvédère: ["Belvédèreweg", "Fort Willemweg", "Lage Frontensingel", "Bosschstraat"],
  Bosscherveld: ["Bosscherweg", "Industrieweg", "Bosscherveldplein", "Kanaalkade"],
  Boschpoort: ["Boschpoortweg", "Sphinxkade", "Fort Sint Pieterstraat"],
  Malberg: ["Malbergsingel", "Malbergplein", "Tuinhoven", "Kasteel Oostermeerstraat", "Koekenbakkersweg", "Walramstraat"],
  Malpertuis: ["Malpertuisplein", "Reinaertstraat", "Isegrimstraat", "Tybertstraat", "Cantecleerstraat"],
  Pottenberg: ["Pottenbergweg", "Hoogveld", "Eijkenweg", "Lindelaan", "Berkenweg"],
  Binnenstad: ["Markt", "Grote Staat", "Kleine Staat", "Vrijthof", "Maastrichter Brugstraat", "Spilstraat", "Muntstraat"],
  Jekerkwartier: ["Sint Pieterstraat", "Jekerstraat", "Bogaardenstraat", "Looiersgracht", "Tafelstraat"],
  Kommelkwartier: ["Kommelplein", "Kleine Looiersstraat", "Grote Gracht", "Sint Servaasklooster"],
  Statenkwartier: ["Statensingel", "Kapoenstraat", "Herbenusstraat", "Cortenstraat"],
  Boschstraatkwartier: ["Boschstraat", "Bassin", "Timmerwerfstraat", "Lindenkruis", "Sint Antoniuslaan"],
  Wyck: ["Wycker Brugstraat", "Rechtstraat", "Hoogbrugstraat", "Stationsstraat", "Akerstraat"],
  Céramique: ["Avenue Céramique", "Plein 1992", "Sphinxlunet", "Boschcour"],
  "Sint Maartenspoort": ["Sint Maartenspoortweg", "Hertogsingel Zuid", "Maartenslaan", "Cortenbachstraat"],
  Villapark: ["Villaparklaan", "Prins de Lignestraat", "Laan van Aremberg", "Koningin Julianalaan"],
  Jekerdal: ["Jekerdalweg", "Molenweide", "Hoge Weide", "Mergelgroeve"],
  "Sint Pieter": ["Sint Pieterskade", "Lage Kanaaldijk Zuid", "Luikerweg", "Sint Hubertuslaan", "Mergelweg Sint Pieter"],
};

export interface ContactSeed {
  address: string;
  phone: string;
  email: string;
  walkInHours: string;
  languages: string[];
  helpsWith: string[];
}

const HELPS_WITH = [
  "Geldzorgen en schulden",
  "Zorg en hulp thuis",
  "Opvoeden en opgroeien",
  "Eenzaamheid en contact met anderen",
  "Werk, dagbesteding en vrijwilligerswerk",
  "Wonen en problemen met buren",
  "Formulieren en brieven van instanties",
];

const contact = (address: string, phone: string, slug: string, walkInHours: string, languages: string[], extra: string[] = []): ContactSeed => ({
  address,
  phone,
  email: `${slug}@sociaalteam.example.org`,
  walkInHours,
  languages: ["Nederlands", ...languages],
  helpsWith: [...HELPS_WITH, ...extra],
});

/** Per team of 2017 (slug): fictitious addresses and numbers. */
export const DEMO_CONTACTS: Record<string, ContactSeed> = {
  "limmel-nazareth": contact(
    "Buurtcentrum Limmel\nKapelstraat 12\n6222 AB Maastricht",
    "043 555 01 10",
    "limmel-nazareth",
    "Maandag en donderdag 9.00 – 12.00 uur",
    ["Engels", "Duits"],
  ),
  "wittevrouwenveld-wyckerpoort": contact(
    "Wijkcentrum Wittevrouwenveld\nKruisherenweg 4\n6224 CD Maastricht",
    "043 555 01 20",
    "wittevrouwenveld-wyckerpoort",
    "Dinsdag 13.00 – 16.00 uur, vrijdag 9.00 – 12.00 uur",
    ["Engels", "Turks", "Arabisch"],
  ),
  "de-heeg": contact("Huis van de Wijk De Heeg\nDukaatstraat 8\n6229 EF Maastricht", "043 555 01 30", "de-heeg", "Woensdag 9.00 – 12.00 uur", ["Engels"]),
  daalhof: contact(
    "Buurthuis Daalhof\nDaalhofplein 3\n6216 GH Maastricht",
    "043 555 01 40",
    "daalhof",
    "Maandag 13.00 – 16.00 uur, donderdag 9.00 – 12.00 uur",
    ["Engels", "Pools"],
  ),
  mariaberg: contact("Wijkpunt Mariaberg\nKastanjelaan 21\n6214 JK Maastricht", "043 555 01 50", "mariaberg", "Elke werkdag 10.00 – 12.00 uur", [
    "Engels",
    "Arabisch",
    "Tigrinya",
  ]),
  "caberg-bosscherveld": contact(
    "Buurtcentrum Caberg\nKastanjeplein 2\n6215 LM Maastricht",
    "043 555 01 60",
    "caberg-bosscherveld",
    "Dinsdag en donderdag 9.00 – 12.00 uur",
    ["Engels", "Turks"],
  ),
  "malberg-malpertuis": contact(
    "Trefpunt Malpertuis\nReinaertstraat 15\n6218 NP Maastricht",
    "043 555 01 70",
    "malberg-malpertuis",
    "Maandag, woensdag en vrijdag 9.00 – 12.00 uur",
    ["Engels", "Arabisch", "Somalisch"],
  ),
  centrum: contact(
    "Servicepunt Centrum\nBoschstraat 40\n6211 RS Maastricht",
    "043 555 01 80",
    "centrum",
    "Woensdag 13.00 – 16.00 uur",
    ["Engels", "Frans", "Duits"],
    ["Studenten en tijdelijke bewoners"],
  ),
};

export interface BuurtserviceSeed {
  key: string;
  kind: "offer" | "request";
  buurt: string;
  pseudonym: string;
  categories: string[];
  availability: string[];
  description: string;
  /** Days before the seed ran. */
  daysAgo: number;
}

/** A small Buurtservice in Malberg-Malpertuis (the pilot's area): pseudonyms only. */
export const DEMO_BUURTSERVICE: BuurtserviceSeed[] = [
  {
    key: "o1",
    kind: "offer",
    buurt: "Malpertuis",
    pseudonym: "Bewoner M01",
    categories: ["odd_jobs", "garden"],
    availability: ["weekday_morning", "weekend"],
    description: "Handig met gereedschap, heeft een boormachine.",
    daysAgo: 20,
  },
  {
    key: "o2",
    kind: "offer",
    buurt: "Malpertuis",
    pseudonym: "Bewoner M02",
    categories: ["company", "shopping"],
    availability: ["weekday_afternoon"],
    description: "Wandelt graag, kan mee naar de markt.",
    daysAgo: 12,
  },
  {
    key: "o3",
    kind: "offer",
    buurt: "Malberg",
    pseudonym: "Bewoner M03",
    categories: ["language", "administration"],
    availability: ["weekday_evening"],
    description: "Helpt met Nederlandse brieven lezen.",
    daysAgo: 130,
  },
  {
    key: "o4",
    kind: "offer",
    buurt: "Malberg",
    pseudonym: "Bewoner M04",
    categories: ["language"],
    availability: ["weekend"],
    description: "Spreekt Arabisch en Nederlands.",
    daysAgo: 8,
  },
  {
    key: "o5",
    kind: "offer",
    buurt: "Pottenberg",
    pseudonym: "Bewoner M05",
    categories: ["transport"],
    availability: ["weekday_morning"],
    description: "Heeft een auto, kan rijden naar het ziekenhuis.",
    daysAgo: 5,
  },
  {
    key: "r1",
    kind: "request",
    buurt: "Malpertuis",
    pseudonym: "Bewoner M06",
    categories: ["odd_jobs"],
    availability: ["weekend"],
    description: "Kast in elkaar zetten.",
    daysAgo: 15,
  },
  {
    key: "o6",
    kind: "offer",
    buurt: "Malpertuis",
    pseudonym: "Bewoner M06",
    categories: ["company"],
    availability: ["weekend"],
    description: "Wil graag iemand gezelschap houden.",
    daysAgo: 15,
  },
  {
    key: "r2",
    kind: "request",
    buurt: "Malberg",
    pseudonym: "Bewoner M07",
    categories: ["administration"],
    availability: ["weekday_evening"],
    description: "Hulp bij formulieren van de woningcorporatie.",
    daysAgo: 6,
  },
  {
    key: "r3",
    kind: "request",
    buurt: "Pottenberg",
    pseudonym: "Bewoner M08",
    categories: ["shopping", "company"],
    availability: ["weekday_afternoon"],
    description: "Boodschappen doen na een operatie.",
    daysAgo: 3,
  },
];

/** Matches between the entries above: reciprocal when the requester also offers (M06 does). */
export const DEMO_MATCHES: { request: string; offer: string; status: "proposed" | "running" | "done"; outcome: string }[] = [
  { request: "r1", offer: "o1", status: "done", outcome: "Kast staat; M06 gaat nu M02 gezelschap houden." },
  { request: "r2", offer: "o3", status: "running", outcome: "" },
];

/** A few buurtinitiatieven (fictitious), registered by the team of their buurt. */
export const DEMO_INITIATIVES: {
  team: string;
  buurt: string;
  name: string;
  description: string;
  startedOn: string;
  contactOrganisation: string;
  teamHelpedStart: boolean;
  endedOn: string | null;
}[] = [
  {
    team: "malberg-malpertuis",
    buurt: "Malpertuis",
    name: "Buurtservice Malpertuis",
    description: "Een kleine plek in de buurt waar bewoners vragen en aanbod delen.",
    startedOn: "2016-03-01",
    contactOrganisation: "Trajekt",
    teamHelpedStart: true,
    endedOn: null,
  },
  {
    team: "malberg-malpertuis",
    buurt: "Malberg",
    name: "Kookclub Malberg",
    description: "Elke donderdag samen koken en eten.",
    startedOn: "2017-02-15",
    contactOrganisation: "Bewonersvereniging Malberg",
    teamHelpedStart: false,
    endedOn: null,
  },
  {
    team: "mariaberg",
    buurt: "Mariaberg",
    name: "Repair Café Mariaberg",
    description: "Samen spullen repareren, één zaterdag per maand.",
    startedOn: "2016-09-10",
    contactOrganisation: "Trajekt",
    teamHelpedStart: true,
    endedOn: "2017-06-30",
  },
  {
    team: "daalhof",
    buurt: "Daalhof",
    name: "Wandelgroep Daalhof",
    description: "Wekelijkse wandeling voor wie er even uit wil.",
    startedOn: "2017-04-01",
    contactOrganisation: "Envida",
    teamHelpedStart: true,
    endedOn: null,
  },
];
