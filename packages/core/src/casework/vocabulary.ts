// The words of casework as stored (English keys); their Dutch labels are in
// messages.ts. One list per choice, so forms, validation, the database's
// CHECK constraints (migration 0029) and the figures agree.

/** ZRM 2017: the 13 life domains, plus the parenting supplement (only when children are involved). */
export const ZRM_DOMAINS = [
  "finances",
  "work_education",
  "time_use",
  "housing",
  "domestic_relations",
  "mental_health",
  "physical_health",
  "substance_use",
  "basic_adl",
  "instrumental_adl",
  "social_network",
  "community_participation",
  "justice",
] as const;
export const ZRM_PARENTING = "parenting" as const;
export type ZrmDomain = (typeof ZRM_DOMAINS)[number] | typeof ZRM_PARENTING;
export const ALL_ZRM_DOMAINS: readonly ZrmDomain[] = [...ZRM_DOMAINS, ZRM_PARENTING];
/** 1 acute problematiek … 5 volledig zelfredzaam. */
export const ZRM_SCORES = [1, 2, 3, 4, 5] as const;

export const ENTRY_ROUTES = [
  "self",
  "gp",
  "district_nurse",
  "community_police",
  "wijkservicepunt",
  "school",
  "partner_organisation",
  "neighbour",
  "other",
] as const;
export type EntryRoute = (typeof ENTRY_ROUTES)[number];

export const QUESTION_TYPES = ["single", "multiple", "multi_problem"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const HOUSEHOLD_TYPES = ["alone", "couple", "couple_with_children", "single_parent", "other"] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

export const PERSON_ROLES = ["adult", "child", "other"] as const;
export const GENDERS = ["female", "male", "other", "unknown"] as const;

export const GOAL_TYPES = ["improve", "stabilise", "guided_decline"] as const;
export type GoalType = (typeof GOAL_TYPES)[number];
export const GOAL_STATUSES = ["open", "achieved", "partly_achieved", "not_achieved"] as const;

/** The kanteling: own strength first, then the network, general provisions, and only then individual ones. */
export const KANTELING_LAYERS = ["own_strength", "social_network", "general", "individual"] as const;
export type KantelingLayer = (typeof KANTELING_LAYERS)[number];
/** The layers whose arrangements can point to a Buurtservice match (issue 19); the database checks it too. */
export const MATCH_LAYERS = ["own_strength", "social_network"] as const satisfies readonly KantelingLayer[];

export const ARRANGEMENT_STATUSES = ["planned", "running", "ended", "stopped"] as const;

export const REFERRAL_DESTINATIONS = ["specialised_care", "veiligheidshuis", "wmo", "youth", "other"] as const;
export const REFERRAL_OUTCOMES = ["pending", "accepted", "declined", "completed", "withdrawn"] as const;

/** Legal basis of a case file, which sets how long it is kept after closing (docs/dpia.md). */
export const LEGAL_BASES = ["wmo", "jeugdwet", "none", "withdrawn"] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const RETENTION: Record<LegalBasis, { years?: number; weeks?: number }> = {
  wmo: { years: 15 },
  jeugdwet: { years: 20 },
  none: { years: 5 },
  withdrawn: { weeks: 6 },
};

/** The "other way of working" assessment at closing: six questions, each yes / no / unknown. */
export const ASSESSMENT_QUESTIONS = [
  "actedDifferently",
  "differentArrangement",
  "timeGained",
  "neighbourhoodStrengthUsed",
  "sufficientSupport",
  "residentSatisfied",
] as const;
export type AssessmentQuestion = (typeof ASSESSMENT_QUESTIONS)[number];
export const ASSESSMENT_ANSWERS = ["yes", "no", "unknown"] as const;

export const CONTACT_KINDS = ["contact", "objection"] as const;

/** The right by which someone reads a household's content (the database's case_access()). */
export const CASE_ACCESS = ["case_team", "coordinator", "break_glass"] as const;
export type CaseAccess = (typeof CASE_ACCESS)[number];

/** The parts of a household's file whose reads are logged separately. */
export const CASE_PARTS = ["summary", "persons", "plan", "zrm", "referrals", "closing", "spends", "export"] as const;
export type CasePart = (typeof CASE_PARTS)[number];

/** How long a break-the-glass grant lasts (the database allows at most 8 hours). */
export const BREAK_GLASS_HOURS = 4;
