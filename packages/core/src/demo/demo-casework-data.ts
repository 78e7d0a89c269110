// Demo households of the eight teams: fictitious people, situations after
// the pilot's evaluation (seeds 002/004): debts and rent arrears, loneliness
// after illness, a single parent between jobs, youth and school, a carer
// near burnout. Three per team: one the demo member directs (open, with a
// plan and two ZRM measurements), one another member directs (so the demo
// member meets break-the-glass), one closed with the assessment.
import type { EntryRoute, GoalType, HouseholdType, KantelingLayer, QuestionType, ZrmDomain } from "../casework";

export interface DemoPerson {
  name: string;
  role: "adult" | "child" | "other";
  gender: "female" | "male" | "other" | "unknown";
  birthYear: number;
}

export interface DemoHousehold {
  /** Index of the team's buurt (2017 list) the household lives in. */
  buurt: number;
  type: HouseholdType;
  persons: DemoPerson[];
  intakeOn: string;
  entryRoute: EntryRoute;
  questionType: QuestionType;
  question: string;
  notes: string;
  /** Who directs: the demo member, or another member of the team. */
  regisseur: "member" | "other";
  goals: { domain: ZrmDomain; goalType: GoalType; description: string }[];
  arrangements: { layer: KantelingLayer; provider: string; description: string; existing?: boolean; goals: number[] }[];
  zrm: { measuredOn: string; scores: Partial<Record<ZrmDomain, number>> }[];
  referral?: { destination: "specialised_care" | "veiligheidshuis" | "wmo" | "youth" | "other"; description: string; referredOn: string };
  closed?: { closedOn: string; reason: string; legalBasis: "wmo" | "jeugdwet" | "none" | "withdrawn" };
}

/** Three situations, varied per team by the names and dates below. */
const SITUATIONS: Omit<DemoHousehold, "persons" | "buurt">[] = [
  {
    type: "single_parent",
    intakeOn: "2026-09-14",
    entryRoute: "school",
    questionType: "multiple",
    question: "Ik heb mijn baan verloren en krijg de huur niet meer betaald. Mijn zoon gaat niet meer graag naar school.",
    notes: "Keukentafelgesprek: moeder wil zelf weer werk, heeft een zus in de buurt die wil helpen. Schulden vooral huur en energie.",
    regisseur: "member",
    goals: [
      { domain: "finances", goalType: "improve", description: "Huurachterstand in een regeling, vaste lasten op tijd betaald." },
      { domain: "work_education", goalType: "improve", description: "Binnen een half jaar weer betaald werk." },
      { domain: "parenting", goalType: "stabilise", description: "Zoon gaat weer elke dag naar school." },
    ],
    arrangements: [
      { layer: "social_network", provider: "", description: "Zus past twee middagen per week op.", goals: [1] },
      {
        layer: "general",
        provider: "Schuldhulpverlening Gemeente Maastricht",
        description: "Budgetcoaching en betalingsregeling met de corporatie.",
        goals: [0],
      },
      { layer: "general", provider: "Werkplein Maastricht-Heuvelland", description: "Begeleiding naar werk.", goals: [1] },
    ],
    zrm: [
      { measuredOn: "2026-09-14", scores: { finances: 2, work_education: 2, parenting: 3, social_network: 4 } },
      { measuredOn: "2026-11-23", scores: { finances: 3, work_education: 3, parenting: 4, social_network: 4 } },
    ],
    referral: { destination: "youth", description: "Schoolmaatschappelijk werk voor de zoon.", referredOn: "2026-10-05" },
  },
  {
    type: "alone",
    intakeOn: "2026-11-02",
    entryRoute: "gp",
    questionType: "multiple",
    question: "Sinds mijn beroerte kom ik de deur bijna niet meer uit en de post stapelt zich op.",
    notes: "Woont alleen, dochter woont in Heerlen. Wil graag weer naar de koffieochtend in de buurt.",
    regisseur: "other",
    goals: [
      { domain: "social_network", goalType: "improve", description: "Weer wekelijks contact met buurtgenoten." },
      { domain: "instrumental_adl", goalType: "stabilise", description: "Administratie bijgehouden met hulp." },
    ],
    arrangements: [
      { layer: "own_strength", provider: "", description: "Maakt zelf een weekplanning met de dochter.", goals: [1] },
      { layer: "general", provider: "Buurtcentrum De Kommel", description: "Koffieochtend op dinsdag.", goals: [0] },
      { layer: "individual", provider: "Thuiszorg", description: "Huishoudelijke hulp (bestaande indicatie).", existing: true, goals: [] },
    ],
    zrm: [{ measuredOn: "2026-11-02", scores: { social_network: 2, instrumental_adl: 2, physical_health: 3 } }],
  },
  {
    type: "couple",
    intakeOn: "2026-03-09",
    entryRoute: "self",
    questionType: "single",
    question: "Mijn man wordt vergeetachtig en ik red het niet meer alleen.",
    notes: "Mantelzorger dreigt overbelast te raken. Kinderen wonen ver weg.",
    regisseur: "member",
    goals: [{ domain: "domestic_relations", goalType: "stabilise", description: "Mantelzorg houdbaar, met respijt." }],
    arrangements: [
      { layer: "social_network", provider: "", description: "Buurvrouw komt elke donderdag koffie drinken.", goals: [0] },
      { layer: "individual", provider: "Wmo-loket Gemeente Maastricht", description: "Dagbesteding twee dagen per week.", goals: [0] },
    ],
    zrm: [
      { measuredOn: "2026-03-09", scores: { domestic_relations: 2, mental_health: 3 } },
      { measuredOn: "2026-07-06", scores: { domestic_relations: 4, mental_health: 3 } },
    ],
    closed: { closedOn: "2026-07-20", reason: "Doelen bereikt; dagbesteding loopt.", legalBasis: "wmo" },
  },
];

const FAMILY_NAMES = ["Janssen", "Smeets", "Willems", "Peeters", "Hermans", "Claessens", "Vossen", "Ramakers", "El Amrani", "Kuipers", "Bastiaens", "Lemmens"];
const FIRST = { female: ["Anouk", "Ilse", "Fatima", "Petra", "Noor", "Monique"], male: ["Ruud", "Youssef", "Bram", "Jeroen", "Luuk", "Henk"] };

/** The team's three demo households (k = the team's position, for varied names). */
export function demoHouseholds(k: number): DemoHousehold[] {
  return SITUATIONS.map((s, i) => {
    const family = FAMILY_NAMES[(k * 3 + i) % FAMILY_NAMES.length];
    const f = FIRST.female[(k + i) % FIRST.female.length];
    const mName = FIRST.male[(k + 2 * i) % FIRST.male.length];
    const persons: DemoPerson[] =
      s.type === "single_parent"
        ? [
            { name: `${f} ${family}`, role: "adult", gender: "female", birthYear: 1986 + (k % 5) },
            { name: `${mName} ${family}`, role: "child", gender: "male", birthYear: 2013 + (k % 3) },
          ]
        : s.type === "alone"
          ? [{ name: `${mName} ${family}`, role: "adult", gender: "male", birthYear: 1952 + k }]
          : [
              { name: `${f} ${family}`, role: "adult", gender: "female", birthYear: 1949 + k },
              { name: `${mName} ${family}`, role: "adult", gender: "male", birthYear: 1946 + k },
            ];
    // Dates shift a few days per team so the months are not all alike.
    const shift = (d: string) => {
      const x = new Date(`${d}T12:00:00Z`);
      x.setUTCDate(x.getUTCDate() + k);
      return x.toISOString().slice(0, 10);
    };
    return {
      ...s,
      buurt: i,
      persons,
      intakeOn: shift(s.intakeOn),
      zrm: s.zrm.map((z) => ({ ...z, measuredOn: shift(z.measuredOn) })),
      referral: s.referral ? { ...s.referral, referredOn: shift(s.referral.referredOn) } : undefined,
      closed: s.closed ? { ...s.closed, closedOn: shift(s.closed.closedOn) } : undefined,
    };
  });
}
