// Demo data of Maastricht's social teams, from docs/domain.md (teams and buurten,
// partners) and the college note of February 2017 (its table "Sociaal Team 2016 / per 2017").

export interface TeamSeed {
  slug: string;
  name: string;
  description: string;
  activeFrom: string;
  activeTo: string | null;
  /** Resident pseudonyms of the team: PREFIX-digits (MB-014). */
  residentRefPrefix: string;
  buurten2016: string[];
  buurten2017: string[];
}

/** Teams that continue into 2017 are one row; Caberg-Malpertuis existed until 31-12-2016. */
export const TEAMS: TeamSeed[] = [
  {
    slug: "limmel-nazareth",
    name: "Limmel-Nazareth",
    description: "Sociaal team voor Limmel, Nazareth en de buurten in het noorden van de stad.",
    activeFrom: "2016-01-01",
    activeTo: null,
    residentRefPrefix: "LN",
    buurten2016: ["Limmel", "Nazareth"],
    buurten2017: ["Limmel", "Nazareth", "Beatrixhaven", "Meerssenhoven", "Borgharen", "Itteren"],
  },
  {
    slug: "wittevrouwenveld-wyckerpoort",
    name: "Wittevrouwenveld-Wyckerpoort",
    description: "Sociaal team voor Wittevrouwenveld, Wyckerpoort, Amby en Scharn.",
    activeFrom: "2016-01-01",
    activeTo: null,
    residentRefPrefix: "WW",
    buurten2016: ["Wittevrouwenveld", "Wyckerpoort"],
    buurten2017: ["Wittevrouwenveld", "Wyckerpoort", "Amby", "Scharn"],
  },
  {
    slug: "de-heeg",
    name: "De Heeg",
    description: "Sociaal team voor De Heeg, Heer, Heugem en omliggende buurten.",
    activeFrom: "2016-01-01",
    activeTo: null,
    residentRefPrefix: "DH",
    buurten2016: ["De Heeg", "Heer", "Eyldergaard", "Heugem"],
    buurten2017: ["De Heeg", "Heer", "Eyldergaard", "Vroendaal", "Heugem", "Heugemerveld", "Randwyck"],
  },
  {
    slug: "daalhof",
    name: "Daalhof",
    description: "Sociaal team voor Daalhof, Hazendans, Belfort, Wolder, Campagne en Biesland.",
    activeFrom: "2016-01-01",
    activeTo: null,
    residentRefPrefix: "DA",
    buurten2016: ["Daalhof", "Hazendans", "Belfort"],
    buurten2017: ["Daalhof", "Hazendans", "Belfort", "Wolder", "Campagne", "Biesland"],
  },
  {
    slug: "mariaberg",
    name: "Mariaberg",
    description: "Sociaal team voor Mariaberg, Blauwdorp, Trichterveld, Frontenkwartier en Brusselsepoort.",
    activeFrom: "2016-01-01",
    activeTo: null,
    residentRefPrefix: "MB",
    buurten2016: ["Mariaberg", "Trichterveld", "Blauwdorp"],
    buurten2017: ["Mariaberg", "Blauwdorp", "Trichterveld", "Frontenkwartier", "Brusselsepoort"],
  },
  // The five network teams are dated from 2016-01-01: the only date the documents support (table "Sociaal Team 2016").
  // The pilot team (proeftuin from 1-1-2013), seconded to the municipality until 1-1-2017, then split in two.
  // Assumption: the 2016 table lists "Brusselsepoort West"; the demo has one buurt Brusselsepoort, attributed to it in 2016.
  {
    slug: "caberg-malpertuis",
    name: "Caberg-Malpertuis",
    description: "Proeftuin en sociaal team tot en met 2016; per 2017 gesplitst in Caberg-Bosscherveld en Malberg-Malpertuis.",
    activeFrom: "2013-01-01",
    activeTo: "2016-12-31",
    residentRefPrefix: "CM",
    buurten2016: ["Caberg", "Oud-Caberg", "Malpertuis", "Malberg", "Brusselsepoort"],
    buurten2017: [],
  },
  {
    slug: "caberg-bosscherveld",
    name: "Caberg-Bosscherveld",
    description: "Sociaal team voor Caberg, Oud-Caberg, Belvédère, Bosscherveld en Boschpoort (sinds 2017).",
    activeFrom: "2017-01-01",
    activeTo: null,
    residentRefPrefix: "CB",
    buurten2016: [],
    buurten2017: ["Caberg", "Oud-Caberg", "Belvédère", "Bosscherveld", "Boschpoort"],
  },
  {
    slug: "malberg-malpertuis",
    name: "Malberg-Malpertuis",
    description: "Sociaal team voor Malberg, Malpertuis en Pottenberg (sinds 2017).",
    activeFrom: "2017-01-01",
    activeTo: null,
    residentRefPrefix: "MM",
    buurten2016: [],
    buurten2017: ["Malberg", "Malpertuis", "Pottenberg"],
  },
  {
    slug: "centrum",
    name: "Centrum",
    description: "Sociaal team voor de binnenstad en omliggende kwartieren (sinds 2017; mogelijk een ander type team).",
    activeFrom: "2017-01-01",
    activeTo: null,
    residentRefPrefix: "CE",
    buurten2016: [],
    buurten2017: [
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
  },
];

export const TEAMS_2017 = TEAMS.filter((t) => t.activeTo === null).map((t) => t.slug);

/** Known resident counts only (docs/domain.md#teams-and-buurten); others stay unknown. */
export const BUURT_RESIDENTS: Record<string, number> = { Pottenberg: 2410, "Sint Maartenspoort": 1730 };

export interface PartnerSeed {
  slug: string;
  name: string;
  kind: string;
  fundingType: "subsidy" | "service_agreement" | "municipality";
  domain: string;
}

export const PARTNERS: PartnerSeed[] = [
  { slug: "trajekt", name: "Trajekt", kind: "Maatschappelijk werk, opbouwwerk, jongerenwerk", fundingType: "subsidy", domain: "trajekt" },
  { slug: "mee", name: "MEE", kind: "Cliëntondersteuning", fundingType: "subsidy", domain: "mee" },
  { slug: "mondriaan", name: "Mondriaan", kind: "Geestelijke gezondheidszorg", fundingType: "subsidy", domain: "mondriaan" },
  { slug: "levanto-groep", name: "Levanto Groep", kind: "GGZ en maatschappelijke opvang", fundingType: "service_agreement", domain: "levanto" },
  { slug: "mosae-zorggroep", name: "Mosae Zorggroep", kind: "Zorg", fundingType: "service_agreement", domain: "mosae" },
  { slug: "envida", name: "Envida", kind: "Thuiszorg en wijkverpleging", fundingType: "service_agreement", domain: "envida" },
  { slug: "radar", name: "Radar", kind: "Verstandelijke beperking", fundingType: "service_agreement", domain: "radar" },
  { slug: "xonar", name: "Xonar", kind: "Jeugdzorg", fundingType: "service_agreement", domain: "xonar" },
  { slug: "koraalgroep", name: "Koraalgroep", kind: "Zorg voor mensen met een beperking", fundingType: "service_agreement", domain: "koraal" },
  { slug: "sgl", name: "SGL", kind: "Niet-aangeboren hersenletsel", fundingType: "service_agreement", domain: "sgl" },
  {
    slug: "leger-des-heils",
    name: "Leger des Heils",
    kind: "Maatschappelijke opvang en begeleiding",
    fundingType: "service_agreement",
    domain: "legerdesheils",
  },
  { slug: "mtb", name: "MTB", kind: "Arbeidsontwikkeling", fundingType: "service_agreement", domain: "mtb" },
  { slug: "ribw", name: "RIBW", kind: "Beschermd en begeleid wonen", fundingType: "service_agreement", domain: "ribw" },
  { slug: "groenekruisdomicura-vivre", name: "GroeneKruisDomicura-Vivre", kind: "Thuiszorg", fundingType: "service_agreement", domain: "gkd" },
  { slug: "bureau-jeugdzorg", name: "Bureau Jeugdzorg", kind: "Jeugdbescherming", fundingType: "service_agreement", domain: "bjz" },
  {
    slug: "gemeente-maastricht",
    name: "Gemeente Maastricht",
    kind: "Sociale Zaken (Wmo, Jeugd, Participatie); Beleid & Ontwikkeling",
    fundingType: "municipality",
    domain: "maastricht",
  },
];

export interface PersonSeed {
  email: string;
  name: string;
  partner: string | null;
  discipline: string | null;
  /** disciplines: the person's roles in that team (default: their discipline alone). */
  teams: { slug: string; role: "coordinator" | "member" | "volunteer"; hours: string | null; disciplines?: string[] }[];
  scopeRoles: { role: "admin" | "controller" | "partner_manager" | "researcher"; partner?: string }[];
}

const FIRST = [
  "Anouk",
  "Bram",
  "Chantal",
  "Dirk",
  "Esther",
  "Frank",
  "Gwen",
  "Hans",
  "Ilse",
  "Joep",
  "Karin",
  "Luc",
  "Marieke",
  "Noud",
  "Olga",
  "Pim",
  "Roel",
  "Sanne",
  "Tom",
  "Ursula",
  "Vera",
  "Wim",
  "Yvonne",
  "Zoë",
];
const LAST = [
  "Jansen",
  "Peeters",
  "Hermans",
  "Janssen",
  "Wouters",
  "Smeets",
  "Dassen",
  "Ramakers",
  "Coenen",
  "Vluggen",
  "Schepers",
  "Lemmens",
  "Bours",
  "Frissen",
  "Meijers",
  "Kerckhoffs",
];
const DISCIPLINES: [string, string][] = [
  ["trajekt", "Maatschappelijk werk"],
  ["envida", "Wijkverpleging"],
  ["mee", "Cliëntondersteuning"],
  ["xonar", "Jeugd"],
  ["trajekt", "Opbouwwerk"],
  ["gemeente-maastricht", "Wmo-consulent"],
  ["gemeente-maastricht", "Participatie"],
  ["mondriaan", "GGZ"],
  ["levanto-groep", "GGZ"],
  ["radar", "Gezinsondersteuning"],
];

const name = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]}`;
const emailLocal = (n: string) =>
  n
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, ".");
const partnerDomain = (slug: string) => PARTNERS.find((p) => p.slug === slug)!.domain;

/** Deterministic people: the demo accounts of the README plus 5 extra members per team. */
/**
 * The pilot's history (seed 003: "Start proeftuin 2013"; "Het werkgebied van de proeftuin per 1 maart
 * 2014: 5 buurten"; seed 002 names them: Caberg, Malpertuis, Brusselse Poort west, Malberg, Oud-Caberg).
 * Assumption: the pilot began in 2013 in the two buurten of its name. Other 2016 assignments start on
 * 1 January 2016. A household's team is read from these dates (casework's intake rule).
 */
export const PILOT_HISTORY: Record<string, Record<string, string>> = {
  "caberg-malpertuis": {
    Caberg: "2013-01-01",
    Malpertuis: "2013-01-01",
    Malberg: "2014-03-01",
    "Oud-Caberg": "2014-03-01",
    Brusselsepoort: "2014-03-01",
  },
};

export function demoPeople(): PersonSeed[] {
  const people: PersonSeed[] = [
    {
      email: "admin@wijkwerk.demo",
      name: "Femke Bastiaens",
      partner: "gemeente-maastricht",
      discipline: "Functioneel beheer",
      teams: [],
      scopeRoles: [{ role: "admin" }],
    },
    {
      email: "controller@wijkwerk.demo",
      name: "Rob Geurts",
      partner: "gemeente-maastricht",
      discipline: "Budgetbeheer",
      teams: [],
      scopeRoles: [{ role: "controller" }],
    },
    {
      email: "onderzoek@wijkwerk.demo",
      name: "Lieke Moonen",
      partner: "gemeente-maastricht",
      discipline: "Onderzoek & Statistiek",
      teams: [],
      scopeRoles: [{ role: "researcher" }],
    },
    {
      email: "manager.trajekt@wijkwerk.demo",
      name: "Miriam Habets",
      partner: "trajekt",
      discipline: "Management",
      teams: [],
      scopeRoles: [{ role: "partner_manager", partner: "trajekt" }],
    },
    {
      email: "manager.mee@wijkwerk.demo",
      name: "Guido Stassen",
      partner: "mee",
      discipline: "Management",
      teams: [],
      scopeRoles: [{ role: "partner_manager", partner: "mee" }],
    },
    {
      email: "manager.mondriaan@wijkwerk.demo",
      name: "Ellen Vrancken",
      partner: "mondriaan",
      discipline: "Management",
      teams: [],
      scopeRoles: [{ role: "partner_manager", partner: "mondriaan" }],
    },
    {
      email: "volunteer.mariaberg@wijkwerk.demo",
      name: "Jo Heijnen",
      partner: null,
      discipline: "Vrijwilliger",
      teams: [{ slug: "mariaberg", role: "volunteer", hours: null }],
      scopeRoles: [],
    },
  ];
  let i = 0;
  for (const slug of TEAMS_2017) {
    const [cp, cd] = DISCIPLINES[i % DISCIPLINES.length];
    const coordinatorTeams: PersonSeed["teams"] = [{ slug, role: "coordinator", hours: "32.0" }];
    // The coordinator of Caberg-Bosscherveld coordinated the pilot team before the 2017 split: the
    // ended team's membership grants nothing today, it is who registered the pilot's history (demo history).
    if (slug === "caberg-bosscherveld") coordinatorTeams.push({ slug: "caberg-malpertuis", role: "coordinator", hours: null });
    people.push({
      email: `coordinator.${slug}@wijkwerk.demo`,
      name: name(i++),
      partner: cp,
      discipline: cd,
      teams: coordinatorTeams,
      scopeRoles: [],
    });
    const [mp, md] = DISCIPLINES[(i + 3) % DISCIPLINES.length];
    const memberTeams: PersonSeed["teams"] = [{ slug, role: "member", hours: "24.0" }];
    // member.daalhof also works in De Heeg: demonstrates the team switcher.
    if (slug === "daalhof") memberTeams.push({ slug: "de-heeg", role: "member", hours: "8.0" });
    // Two roles (seed 001: "naast sociaal team lid ook cliëntondersteuner vanuit de moederorganisatie").
    if (slug === "centrum" && md !== "Cliëntondersteuning") memberTeams[0].disciplines = [md, "Cliëntondersteuning"];
    people.push({ email: `member.${slug}@wijkwerk.demo`, name: name(i++), partner: mp, discipline: md, teams: memberTeams, scopeRoles: [] });
    for (let k = 0; k < 5; k++) {
      const [p, d] = DISCIPLINES[(i * 3 + k) % DISCIPLINES.length];
      const n = name(i++);
      const volunteer = k === 4;
      people.push({
        email: `${emailLocal(n)}.${slug}@${volunteer ? "vrijwilliger" : partnerDomain(p)}.demo`,
        name: n,
        partner: volunteer ? null : p,
        discipline: volunteer ? "Vrijwilliger" : d,
        teams: [{ slug, role: volunteer ? "volunteer" : "member", hours: volunteer ? null : String(8 + ((i * 5) % 25)) + ".0" }],
        scopeRoles: [],
      });
    }
  }
  return people;
}

export interface AgreementSeed {
  partner: string;
  kind: "subsidy" | "service_agreement" | "municipality";
  reference: string;
  validFrom: string;
  validTo: string | null;
  contributions: { team: string; discipline: string; hours: string }[];
}

const every = (discipline: string, hours: (i: number) => number, teams = TEAMS_2017) => teams.map((team, i) => ({ team, discipline, hours: `${hours(i)}.0` }));

/**
 * Demo agreements (docs/domain.md#partners-and-their-staff): Trajekt, MEE and Mondriaan under their
 * subsidy, the others under a service agreement, the municipality's own
 * staff under "municipality". Hours per week per team and discipline.
 */
export const AGREEMENTS: AgreementSeed[] = [
  {
    partner: "trajekt",
    kind: "subsidy",
    reference: "SUB-2017-TRAJEKT",
    validFrom: "2017-01-01",
    validTo: null,
    contributions: [
      ...every("Maatschappelijk werk", (i) => 32 + 8 * (i % 3)),
      ...every("Opbouwwerk", () => 16, ["limmel-nazareth", "mariaberg", "malberg-malpertuis", "wittevrouwenveld-wyckerpoort"]),
    ],
  },
  {
    partner: "mee",
    kind: "subsidy",
    reference: "SUB-2017-MEE",
    validFrom: "2017-01-01",
    validTo: null,
    contributions: every("Cliëntondersteuning", (i) => 16 + 4 * (i % 2)),
  },
  { partner: "mondriaan", kind: "subsidy", reference: "SUB-2017-MONDRIAAN", validFrom: "2017-01-01", validTo: null, contributions: every("GGZ", () => 16) },
  {
    partner: "envida",
    kind: "service_agreement",
    reference: "DVO-2017-014",
    validFrom: "2017-01-01",
    validTo: "2027-12-31",
    contributions: every("Wijkverpleging", (i) => 24 - 4 * (i % 2)),
  },
  {
    partner: "xonar",
    kind: "service_agreement",
    reference: "DVO-2017-021",
    validFrom: "2017-01-01",
    validTo: "2027-12-31",
    contributions: every("Jeugd", () => 16),
  },
  {
    partner: "levanto-groep",
    kind: "service_agreement",
    reference: "DVO-2017-007",
    validFrom: "2017-01-01",
    validTo: "2027-12-31",
    contributions: every("GGZ", () => 8, ["daalhof", "de-heeg", "centrum"]),
  },
  {
    partner: "radar",
    kind: "service_agreement",
    reference: "DVO-2017-030",
    validFrom: "2017-01-01",
    validTo: "2027-12-31",
    contributions: every("Gezinsondersteuning", () => 12, ["mariaberg", "caberg-bosscherveld", "malberg-malpertuis"]),
  },
  {
    partner: "gemeente-maastricht",
    kind: "municipality",
    reference: "GEM-2017-SZ",
    validFrom: "2017-01-01",
    validTo: null,
    contributions: [...every("Wmo-consulent", () => 24), ...every("Participatie", () => 16)],
  },
];
