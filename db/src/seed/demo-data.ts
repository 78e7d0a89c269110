// The demo data of Gemeente Maastricht: plain values, no database code.
//
// Sources (../shared/seeds/):
// - 000_*.txt, college note of March 2015 ("Proeftuin Caberg-Malpertuis"): the pilot ran from
//   1 January 2013 in Caberg and Malpertuis; the work area became five buurten (Caberg,
//   Malpertuis, Brusselse Poort west, Malberg, Oud-Caberg). 003_*.txt (slides): "Het werkgebied
//   van de proeftuin: per 1 maart 2014, 5 buurten".
// - 001_*.txt, college note of February 2017 ("Sociale teams in 2017"): the table "Sociaal Team
//   2016 / Buurten — Sociaal Team per 2017 / Buurten" gives the six teams of 2016 and the eight
//   teams from 2017, each with its buurten. It also says that Pottenberg and Sint Maartenspoort
//   had no team yet ("om Pottenberg heen de buurten wel een sociaal team hebben"; "Ook voor Wyck
//   (inclusief Céramique) en Binnenstad is er geen sociaal team"): the city-wide network
//   ("stedelijk dekkend netwerk") is new in 2017.
//
// Buurt assignments are effective-dated with inclusive dates: [validFrom, validTo];
// validTo null = still current.

export type TeamRole = "coordinator" | "member" | "volunteer";
export type ScopeRoleName = "admin" | "controller" | "partner_manager";
export type FundingType = "subsidy" | "service_agreement" | "municipality";

export const MUNICIPALITY = { slug: "maastricht", name: "Gemeente Maastricht" } as const;

/** The password of every demo account (README). Hashed once by the seed. */
export const DEMO_PASSWORD = "Wijkwerk-demo-2026!";

/** Last day of the six-team situation; the eight teams start the day after. */
export const END_2016 = "2016-12-31";
export const START_2017 = "2017-01-01";

// ---------------------------------------------------------------------------
// Partner organisations (DOMAIN.md §3; descriptions from the slides 003_*.txt where given).
// Financing 2017 (001_*.txt): Trajekt, MEE and Mondriaan under their subsidy, the others under
// their service agreement (dienstverleningsovereenkomst), the municipality itself separately.
// ---------------------------------------------------------------------------

export interface PartnerSeed {
  slug: string;
  name: string;
  kind: string;
  fundingType: FundingType;
}

export const PARTNERS = [
  { slug: "trajekt", name: "Trajekt", kind: "Maatschappelijk werk, opbouwwerk, jongerenwerk", fundingType: "subsidy" },
  { slug: "mee", name: "MEE", kind: "Cliëntondersteuning", fundingType: "subsidy" },
  { slug: "mondriaan", name: "Mondriaan", kind: "Geestelijke gezondheidszorg (ggz)", fundingType: "subsidy" },
  { slug: "levanto-groep", name: "Levanto Groep", kind: "Ggz en maatschappelijke opvang", fundingType: "service_agreement" },
  { slug: "mosae-zorggroep", name: "Mosae Zorggroep", kind: "Zorg en ondersteuning", fundingType: "service_agreement" },
  { slug: "envida", name: "Envida", kind: "Thuiszorg, wijkverpleging, verzorgings- en verpleeghuizen", fundingType: "service_agreement" },
  { slug: "radar", name: "Radar", kind: "Ondersteuning bij een verstandelijke beperking", fundingType: "service_agreement" },
  { slug: "xonar", name: "Xonar", kind: "Jeugd- en opvoedhulp", fundingType: "service_agreement" },
  { slug: "koraalgroep", name: "Koraalgroep", kind: "Verstandelijke, lichamelijke en psychosociale ondersteuning", fundingType: "service_agreement" },
  { slug: "sgl", name: "SGL", kind: "Cliëntondersteuning bij hersenletsel en/of een lichamelijke handicap", fundingType: "service_agreement" },
  { slug: "leger-des-heils", name: "Leger des Heils", kind: "Maatschappelijke opvang en begeleiding", fundingType: "service_agreement" },
  { slug: "mtb", name: "MTB", kind: "Werk en re-integratie", fundingType: "service_agreement" },
  { slug: "ribw", name: "RIBW", kind: "Beschermd en begeleid wonen (ggz)", fundingType: "service_agreement" },
  { slug: "groenekruisdomicura-vivre", name: "GroeneKruisDomicura-Vivre", kind: "Thuiszorg en ouderenzorg", fundingType: "service_agreement" },
  { slug: "bureau-jeugdzorg", name: "Bureau Jeugdzorg", kind: "Toegang jeugdzorg en jeugdbescherming", fundingType: "service_agreement" },
  {
    slug: "gemeente-maastricht",
    name: "Gemeente Maastricht",
    kind: "Sociale Zaken (team Wmo, team Jeugd, team Participatie), Beleid & Ontwikkeling",
    fundingType: "municipality",
  },
] as const satisfies readonly PartnerSeed[];

export type PartnerSlug = (typeof PARTNERS)[number]["slug"];

// ---------------------------------------------------------------------------
// Teams
// ---------------------------------------------------------------------------

export interface TeamSeed {
  slug: string;
  name: string;
  description: string;
  activeFrom: string;
  activeTo: string | null;
}

/**
 * ASSUMPTION: the documents give no start date for the five teams that grew next to
 * Caberg-Malpertuis. The March 2015 note only asks for them to come about; the 2017 note lists
 * them as "Sociaal Team 2016". 2016-01-01 is the earliest date the documents guarantee.
 */
const NETWORK_TEAMS_FROM = "2016-01-01";

/** The eight teams from 2017 (DOMAIN.md §2). Five continue a 2016 team (same row). */
export const TEAMS_2017 = [
  {
    slug: "limmel-nazareth",
    name: "Sociaal team Limmel-Nazareth",
    description:
      "Sociaal team in Noordoost. Sinds 2017 ook voor Beatrixhaven, Meerssenhoven, Borgharen en Itteren; neemt in 2017 deel aan de wijkpilot met ZIO, GGD Zuid-Limburg en VGZ.",
    activeFrom: NETWORK_TEAMS_FROM,
    activeTo: null,
  },
  {
    slug: "wittevrouwenveld-wyckerpoort",
    name: "Sociaal team Wittevrouwenveld-Wyckerpoort",
    description:
      "Sociaal team in Noordoost. Sinds 2017 ook voor Amby en Scharn; neemt in 2017 deel aan de wijkpilot met ZIO, GGD Zuid-Limburg en VGZ.",
    activeFrom: NETWORK_TEAMS_FROM,
    activeTo: null,
  },
  {
    slug: "de-heeg",
    name: "Sociaal team De Heeg",
    description: "Sociaal team in Zuidoost. Sinds 2017 ook voor Vroendaal, Heugemerveld en Randwyck.",
    activeFrom: NETWORK_TEAMS_FROM,
    activeTo: null,
  },
  {
    slug: "daalhof",
    name: "Sociaal team Daalhof",
    description: "Sociaal team in Zuidwest. Sinds 2017 ook voor Wolder, Campagne en Biesland.",
    activeFrom: NETWORK_TEAMS_FROM,
    activeTo: null,
  },
  {
    slug: "mariaberg",
    name: "Sociaal team Mariaberg",
    description: "Sociaal team in Mariaberg en omgeving. Sinds 2017 ook voor Frontenkwartier en Brusselsepoort.",
    activeFrom: NETWORK_TEAMS_FROM,
    activeTo: null,
  },
  {
    slug: "caberg-bosscherveld",
    name: "Sociaal team Caberg-Bosscherveld",
    description:
      "Nieuw in 2017: een van de twee teams in Noordwest na de splitsing van het team Caberg-Malpertuis (de voormalige proeftuin).",
    activeFrom: START_2017,
    activeTo: null,
  },
  {
    slug: "malberg-malpertuis",
    name: "Sociaal team Malberg-Malpertuis",
    description:
      "Nieuw in 2017: het tweede team in Noordwest na de splitsing van het team Caberg-Malpertuis. Pottenberg, dat nog geen sociaal team had, sluit hier aan.",
    activeFrom: START_2017,
    activeTo: null,
  },
  {
    slug: "centrum",
    name: "Sociaal team Centrum",
    description:
      "Nieuw in 2017 voor de binnenstad en omliggende buurten, waar nog geen sociaal team was. Mogelijk een ander type sociaal team dan in de andere buurten.",
    activeFrom: START_2017,
    activeTo: null,
  },
] as const satisfies readonly TeamSeed[];

export type Team2017Slug = (typeof TEAMS_2017)[number]["slug"];

/** Teams that existed only until the end of 2016. */
export const TEAMS_UNTIL_2016 = [
  {
    slug: "caberg-malpertuis-2016",
    name: "Sociaal team Caberg-Malpertuis",
    description:
      "Het eerste sociale team: proeftuin Caberg-Malpertuis vanaf 2013, daarna voortgezet en gedetacheerd bij de gemeente tot 1 januari 2017. Per 2017 gesplitst in Caberg-Bosscherveld en Malberg-Malpertuis.",
    // The pilot's evaluation covers 1 January 2013 to 31 December 2014 (000_*.txt).
    activeFrom: "2013-01-01",
    activeTo: END_2016,
  },
] as const satisfies readonly TeamSeed[];

export const TEAMS: readonly TeamSeed[] = [...TEAMS_2017, ...TEAMS_UNTIL_2016];
export type TeamSlug = Team2017Slug | (typeof TEAMS_UNTIL_2016)[number]["slug"];

// ---------------------------------------------------------------------------
// Buurten and their assignments
// ---------------------------------------------------------------------------

/** Buurten per team from 2017 (DOMAIN.md §2, the right half of the table in 001_*.txt). */
export const BUURTEN_2017: Record<Team2017Slug, readonly string[]> = {
  "limmel-nazareth": ["Limmel", "Nazareth", "Beatrixhaven", "Meerssenhoven", "Borgharen", "Itteren"],
  "wittevrouwenveld-wyckerpoort": ["Wittevrouwenveld", "Wyckerpoort", "Amby", "Scharn"],
  "de-heeg": ["De Heeg", "Heer", "Eyldergaard", "Vroendaal", "Heugem", "Heugemerveld", "Randwyck"],
  daalhof: ["Daalhof", "Hazendans", "Belfort", "Wolder", "Campagne", "Biesland"],
  mariaberg: ["Mariaberg", "Blauwdorp", "Trichterveld", "Frontenkwartier", "Brusselsepoort"],
  "caberg-bosscherveld": ["Caberg", "Oud-Caberg", "Belvédère", "Bosscherveld", "Boschpoort"],
  "malberg-malpertuis": ["Malberg", "Malpertuis", "Pottenberg"],
  centrum: [
    "Binnenstad",
    "Jekerkwartier",
    "Kommelkwartier",
    "Statenkwartier",
    "Boschstraatkwartier",
    "Wyck",
    "Céramique",
    "Sint Maartenspoort",
    "Villapark",
    "Jekerdal",
    "Sint Pieter",
  ],
};

/** Resident counts named in the documents (001_*.txt); all others stay unknown (null). */
const KNOWN_RESIDENTS: Record<string, number> = { Pottenberg: 2410, "Sint Maartenspoort": 1730 };

export interface BuurtSeed {
  name: string;
  residents: number | null;
}

export const BUURTEN: readonly BuurtSeed[] = Object.values(BUURTEN_2017)
  .flat()
  .map((name) => ({ name, residents: KNOWN_RESIDENTS[name] ?? null }));

export interface AssignmentSeed {
  team: TeamSlug;
  buurt: string;
  validFrom: string;
  validTo: string | null;
}

/**
 * The situation until the end of 2016 (left half of the table in 001_*.txt). Buurten not listed
 * here had no sociaal team before 2017 (the note says so for Pottenberg, Sint Maartenspoort,
 * Wyck, Céramique and Binnenstad, and the city-wide coverage is the 2017 decision), so they get
 * no assignment before 2017.
 */
const UNTIL_2016: readonly { team: TeamSlug; buurten: readonly string[]; validFrom: string }[] = [
  // ASSUMPTION (start dates of the five network teams): see NETWORK_TEAMS_FROM.
  { team: "limmel-nazareth", buurten: ["Limmel", "Nazareth"], validFrom: NETWORK_TEAMS_FROM },
  { team: "wittevrouwenveld-wyckerpoort", buurten: ["Wittevrouwenveld", "Wyckerpoort"], validFrom: NETWORK_TEAMS_FROM },
  { team: "de-heeg", buurten: ["De Heeg", "Heer", "Eyldergaard", "Heugem"], validFrom: NETWORK_TEAMS_FROM },
  { team: "daalhof", buurten: ["Daalhof", "Hazendans", "Belfort"], validFrom: NETWORK_TEAMS_FROM },
  { team: "mariaberg", buurten: ["Mariaberg", "Trichterveld", "Blauwdorp"], validFrom: NETWORK_TEAMS_FROM },
  // The pilot started in Caberg and Malpertuis in 2013 (000_*.txt, 002_*.txt) ...
  { team: "caberg-malpertuis-2016", buurten: ["Caberg", "Malpertuis"], validFrom: "2013-01-01" },
  // ... and from 1 March 2014 covered five buurten (slides 003_*.txt; decision of February 2014
  // to add Oud-Caberg and Malberg). ASSUMPTION: the documents name "Brusselse Poort west", only
  // the western part of Brusselsepoort; our buurt list has one Brusselsepoort, so the whole buurt
  // is attributed to Caberg-Malpertuis until 2016 (it moves to Mariaberg in 2017).
  { team: "caberg-malpertuis-2016", buurten: ["Oud-Caberg", "Malberg", "Brusselsepoort"], validFrom: "2014-03-01" },
];

export const ASSIGNMENTS: readonly AssignmentSeed[] = [
  ...UNTIL_2016.flatMap(({ team, buurten, validFrom }) => buurten.map((buurt) => ({ team, buurt, validFrom, validTo: END_2016 }))),
  // Every buurt gets a new row from 2017, also where the team stays the same: the 2017
  // decision re-divided the whole city.
  ...Object.entries(BUURTEN_2017).flatMap(([team, buurten]) =>
    buurten.map((buurt) => ({ team: team as Team2017Slug, buurt, validFrom: START_2017, validTo: null })),
  ),
];

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

export interface MembershipSeed {
  team: Team2017Slug;
  role: TeamRole;
  /** numeric(4,1) as a string, e.g. "24.0". */
  hours: string;
}

export interface PersonSeed {
  email: string;
  name: string;
  partner: PartnerSlug | null;
  discipline: string | null;
  memberships: readonly MembershipSeed[];
  scopeRoles: readonly { role: ScopeRoleName; partner?: PartnerSlug }[];
}

/** "Nadia El Khattabi" at trajekt → "nadia.elkhattabi@trajekt.demo" (volunteers: vrijwilligers.demo). */
export function demoEmail(name: string, partner: PartnerSlug | null): string {
  const plain = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ı/g, "i")
    .toLowerCase();
  const [first, ...rest] = plain.split(/\s+/);
  return `${first}.${rest.join("").replace(/[^a-z]/g, "")}@${partner ?? "vrijwilligers"}.demo`;
}

const account = (
  email: string,
  name: string,
  partner: PartnerSlug | null,
  discipline: string | null,
  memberships: MembershipSeed[] = [],
  scopeRoles: PersonSeed["scopeRoles"] = [],
): PersonSeed => ({ email, name, partner, discipline, memberships, scopeRoles });

/** The demo accounts of the README, all with DEMO_PASSWORD. */
export const DEMO_ACCOUNTS: readonly PersonSeed[] = [
  account("admin@wijkwerk.demo", "Marieke Hermans", "gemeente-maastricht", "Functioneel beheer", [], [{ role: "admin" }]),
  account("controller@wijkwerk.demo", "Ruud Janssen", "gemeente-maastricht", "Budgetcontrol", [], [{ role: "controller" }]),
  account("manager.trajekt@wijkwerk.demo", "Ingrid Bemelmans", "trajekt", "Leidinggevende", [], [{ role: "partner_manager", partner: "trajekt" }]),
  account("manager.mee@wijkwerk.demo", "Paul Coenen", "mee", "Leidinggevende", [], [{ role: "partner_manager", partner: "mee" }]),
  account("manager.mondriaan@wijkwerk.demo", "Saskia Vroemen", "mondriaan", "Leidinggevende", [], [{ role: "partner_manager", partner: "mondriaan" }]),

  account("coordinator.limmel-nazareth@wijkwerk.demo", "Wendy Schrijnemakers", "trajekt", "Maatschappelijk werk", [{ team: "limmel-nazareth", role: "coordinator", hours: "32.0" }]),
  account("member.limmel-nazareth@wijkwerk.demo", "Jeroen Habets", "gemeente-maastricht", "Wmo-consulent", [{ team: "limmel-nazareth", role: "member", hours: "24.0" }]),

  account("coordinator.wittevrouwenveld-wyckerpoort@wijkwerk.demo", "Nadia El Khattabi", "trajekt", "Opbouwwerk", [{ team: "wittevrouwenveld-wyckerpoort", role: "coordinator", hours: "32.0" }]),
  account("member.wittevrouwenveld-wyckerpoort@wijkwerk.demo", "Kim Smeets", "envida", "Wijkverpleging", [{ team: "wittevrouwenveld-wyckerpoort", role: "member", hours: "24.0" }]),

  account("coordinator.de-heeg@wijkwerk.demo", "Bart Debets", "gemeente-maastricht", "Wmo-consulent", [{ team: "de-heeg", role: "coordinator", hours: "32.0" }]),
  account("member.de-heeg@wijkwerk.demo", "Lotte Kusters", "mee", "Cliëntondersteuning", [{ team: "de-heeg", role: "member", hours: "20.0" }]),

  account("coordinator.daalhof@wijkwerk.demo", "Mieke Lemmens", "trajekt", "Maatschappelijk werk", [{ team: "daalhof", role: "coordinator", hours: "28.0" }]),
  // member.daalhof is ALSO a member of De Heeg, so the team switcher can be demonstrated.
  account("member.daalhof@wijkwerk.demo", "Sander Brouwers", "mondriaan", "GGZ", [
    { team: "daalhof", role: "member", hours: "16.0" },
    { team: "de-heeg", role: "member", hours: "8.0" },
  ]),

  account("coordinator.mariaberg@wijkwerk.demo", "Hanneke Wetzels", "trajekt", "Opbouwwerk", [{ team: "mariaberg", role: "coordinator", hours: "32.0" }]),
  account("member.mariaberg@wijkwerk.demo", "Youssef Amrani", "xonar", "Jeugd", [{ team: "mariaberg", role: "member", hours: "24.0" }]),
  account("volunteer.mariaberg@wijkwerk.demo", "Truus Vranken", null, "Formulierenhulp", [{ team: "mariaberg", role: "volunteer", hours: "4.0" }]),

  account("coordinator.caberg-bosscherveld@wijkwerk.demo", "Roel Pluijmen", "gemeente-maastricht", "Participatie", [{ team: "caberg-bosscherveld", role: "coordinator", hours: "32.0" }]),
  account("member.caberg-bosscherveld@wijkwerk.demo", "Ellen Notermans", "radar", "Gezinsondersteuning", [{ team: "caberg-bosscherveld", role: "member", hours: "20.0" }]),

  account("coordinator.malberg-malpertuis@wijkwerk.demo", "Judith Ramakers", "trajekt", "Maatschappelijk werk", [{ team: "malberg-malpertuis", role: "coordinator", hours: "32.0" }]),
  account("member.malberg-malpertuis@wijkwerk.demo", "Mustafa Yılmaz", "levanto-groep", "GGZ", [{ team: "malberg-malpertuis", role: "member", hours: "24.0" }]),

  account("coordinator.centrum@wijkwerk.demo", "Frank Ubachs", "gemeente-maastricht", "Jeugd", [{ team: "centrum", role: "coordinator", hours: "28.0" }]),
  account("member.centrum@wijkwerk.demo", "Anouk Pinckaers", "mee", "Cliëntondersteuning", [{ team: "centrum", role: "member", hours: "20.0" }]),
];

type Extra = [name: string, partner: PartnerSlug | null, discipline: string, role: TeamRole, hours: string];

/** Further team members (fictitious people), e-mail derived with demoEmail. Volunteers have no partner. */
const EXTRA_MEMBERS: Record<Team2017Slug, readonly Extra[]> = {
  "limmel-nazareth": [
    ["Sjoerd Meijers", "envida", "Wijkverpleging", "member", "24.0"],
    ["Fatima Bouzid", "mee", "Cliëntondersteuning", "member", "16.0"],
    ["Lei Claessens", "mtb", "Participatie", "member", "16.0"],
    ["Evelien Houben", "xonar", "Jeugd", "member", "20.0"],
    ["Rianne Pelzer", "mondriaan", "GGZ", "member", "12.0"],
    ["Bèr Goessens", null, "Buurtvrijwilliger", "volunteer", "4.0"],
  ],
  "wittevrouwenveld-wyckerpoort": [
    ["Huub Dassen", "trajekt", "Maatschappelijk werk", "member", "24.0"],
    ["Ayşe Demir", "gemeente-maastricht", "Jeugd", "member", "16.0"],
    ["Nicole Franssen", "ribw", "GGZ", "member", "16.0"],
    ["Thijs Lenssen", "leger-des-heils", "Maatschappelijke opvang", "member", "16.0"],
    ["Trees Bastiaens", null, "Thuisadministratie", "volunteer", "3.0"],
  ],
  "de-heeg": [
    ["Guido Moonen", "trajekt", "Opbouwwerk", "member", "24.0"],
    ["Sandra Hendrikx", "groenekruisdomicura-vivre", "Wijkverpleging", "member", "20.0"],
    ["Karim Benali", "bureau-jeugdzorg", "Jeugd", "member", "16.0"],
    ["Maud Sijben", "gemeente-maastricht", "Participatie", "member", "12.0"],
    ["Ilse Hameleers", "koraalgroep", "Gezinsondersteuning", "member", "16.0"],
    ["Jos Vaessen", null, "Maatjescontact", "volunteer", "4.0"],
  ],
  daalhof: [
    ["Anja Cremers", "mosae-zorggroep", "Ouderenadvies", "member", "20.0"],
    ["Tom Kleijnen", "trajekt", "Jongerenwerk", "member", "24.0"],
    ["Sevda Arslan", "gemeente-maastricht", "Wmo-consulent", "member", "16.0"],
    ["Peter Geurts", "radar", "Gezinsondersteuning", "member", "16.0"],
    ["Annie Bollen", null, "Taalmaatje", "volunteer", "4.0"],
  ],
  mariaberg: [
    ["Nicky Wouters", "trajekt", "Maatschappelijk werk", "member", "28.0"],
    ["Hamid Ouali", "levanto-groep", "GGZ", "member", "20.0"],
    ["Yvonne Stassen", "envida", "Wijkverpleging", "member", "16.0"],
    ["Danny Heuts", "gemeente-maastricht", "Participatie", "member", "16.0"],
    ["Linda Cornips", "mee", "Cliëntondersteuning", "member", "16.0"],
    ["Mia Dohmen", null, "Buurtvrijwilliger", "volunteer", "4.0"],
  ],
  "caberg-bosscherveld": [
    ["Marlies Beckers", "trajekt", "Maatschappelijk werk", "member", "32.0"],
    ["Jan Hoogers", "gemeente-maastricht", "Wmo-consulent", "member", "24.0"],
    ["Saida Chakir", "xonar", "Jeugd", "member", "20.0"],
    ["Marcel Quaedvlieg", "sgl", "Cliëntondersteuning", "member", "12.0"],
    ["Loes Vankan", "envida", "Wijkverpleging", "member", "20.0"],
    ["Wim Frijns", null, "Thuisadministratie", "volunteer", "4.0"],
  ],
  "malberg-malpertuis": [
    ["Petra Offermans", "trajekt", "Opbouwwerk", "member", "24.0"],
    ["Ramon Limpens", "mondriaan", "GGZ", "member", "16.0"],
    ["Carla Ummels", "mee", "Cliëntondersteuning", "member", "16.0"],
    ["Emre Kaya", "gemeente-maastricht", "Jeugd", "member", "20.0"],
    ["Sjaak Laeven", null, "Buurtvrijwilliger", "volunteer", "4.0"],
  ],
  centrum: [
    ["Joyce Vliegen", "trajekt", "Maatschappelijk werk", "member", "24.0"],
    ["Rob Maessen", "leger-des-heils", "Maatschappelijke opvang", "member", "20.0"],
    ["Nathalie Debije", "ribw", "GGZ", "member", "16.0"],
    ["Stefan Eurlings", "gemeente-maastricht", "Wmo-consulent", "member", "16.0"],
    ["Gerda Mertens", null, "Maatjescontact", "volunteer", "4.0"],
  ],
};

export const TEAM_PEOPLE: readonly PersonSeed[] = Object.entries(EXTRA_MEMBERS).flatMap(([team, extras]) =>
  extras.map(([name, partner, discipline, role, hours]) =>
    account(demoEmail(name, partner), name, partner, discipline, [{ team: team as Team2017Slug, role, hours }]),
  ),
);

export const PEOPLE: readonly PersonSeed[] = [...DEMO_ACCOUNTS, ...TEAM_PEOPLE];
