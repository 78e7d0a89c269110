// Dutch texts of casework: the labels of every stored choice (vocabulary.ts).
import type { AssessmentQuestion, CaseAccess, CasePart, ZrmDomain } from "./vocabulary";

export const zrmDomainLabels: Record<ZrmDomain, string> = {
  finances: "Financiën",
  work_education: "Werk & opleiding",
  time_use: "Tijdsbesteding",
  housing: "Huisvesting",
  domestic_relations: "Huiselijke relaties",
  mental_health: "Geestelijke gezondheid",
  physical_health: "Lichamelijke gezondheid",
  substance_use: "Middelengebruik",
  basic_adl: "Basale ADL",
  instrumental_adl: "Instrumentele ADL",
  social_network: "Sociaal netwerk",
  community_participation: "Maatschappelijke participatie",
  justice: "Justitie",
  parenting: "Opvoeding (aanvulling)",
};

/** Score labels only: the GGD's indicator texts are copyrighted and stay out. */
export const zrmScoreLabels: Record<number, string> = {
  1: "Acute problematiek",
  2: "Niet zelfredzaam",
  3: "Beperkt zelfredzaam",
  4: "Voldoende zelfredzaam",
  5: "Volledig zelfredzaam",
};

export const entryRouteLabels: Record<string, string> = {
  self: "Inwoner zelf",
  gp: "Huisarts",
  district_nurse: "Wijkverpleegkundige",
  community_police: "Wijkagent",
  wijkservicepunt: "Wijkservicepunt",
  school: "School",
  partner_organisation: "Partnerorganisatie",
  neighbour: "Buren",
  other: "Anders",
};

export const questionTypeLabels: Record<string, string> = {
  single: "Enkelvoudig",
  multiple: "Meervoudig",
  multi_problem: "Multiproblematiek",
};

export const householdTypeLabels: Record<string, string> = {
  alone: "Alleenstaand",
  couple: "Paar zonder kinderen",
  couple_with_children: "Paar met kinderen",
  single_parent: "Eenoudergezin",
  other: "Anders",
};

export const personRoleLabels: Record<string, string> = { adult: "Volwassene", child: "Kind", other: "Anders" };
export const genderLabels: Record<string, string> = { female: "Vrouw", male: "Man", other: "Anders", unknown: "Onbekend" };

export const goalTypeLabels: Record<string, string> = { improve: "Verbeteren", stabilise: "Stabiliseren", guided_decline: "Begeleid afbouwen" };
export const goalStatusLabels: Record<string, string> = {
  open: "Loopt",
  achieved: "Bereikt",
  partly_achieved: "Deels bereikt",
  not_achieved: "Niet bereikt",
};

export const kantelingLayerLabels: Record<string, string> = {
  own_strength: "Eigen kracht",
  social_network: "Sociaal netwerk",
  general: "Algemene of collectieve voorziening",
  individual: "Individuele voorziening (maatwerk)",
};

export const arrangementStatusLabels: Record<string, string> = { planned: "Gepland", running: "Loopt", ended: "Afgerond", stopped: "Gestopt" };

export const referralDestinationLabels: Record<string, string> = {
  specialised_care: "Specialistische zorg",
  veiligheidshuis: "Veiligheidshuis",
  wmo: "Wmo-voorziening",
  youth: "Jeugdvoorziening",
  other: "Anders",
};
export const referralOutcomeLabels: Record<string, string> = {
  pending: "Nog geen uitkomst",
  accepted: "Aangenomen",
  declined: "Afgewezen",
  completed: "Afgerond",
  withdrawn: "Ingetrokken",
};

export const legalBasisLabels: Record<string, string> = {
  wmo: "Wmo (15 jaar bewaren)",
  jeugdwet: "Jeugdwet (20 jaar bewaren)",
  none: "Plan zonder voorziening (5 jaar bewaren)",
  withdrawn: "Aanvraag ingetrokken (6 weken bewaren)",
};

export const assessmentQuestionLabels: Record<AssessmentQuestion, string> = {
  actedDifferently: "Anders gehandeld dan op de oude manier?",
  differentArrangement: "Een ander arrangement dan vroeger?",
  timeGained: "Tijdwinst?",
  neighbourhoodStrengthUsed: "Kracht van de buurt benut?",
  sufficientSupport: "Voldoende ondersteuning georganiseerd?",
  residentSatisfied: "Inwoner tevreden?",
};
export const assessmentAnswerLabels: Record<string, string> = { yes: "Ja", no: "Nee", unknown: "Onbekend" };

export const caseAccessLabels: Record<CaseAccess, string> = {
  case_team: "Casusteam",
  coordinator: "Coördinator",
  break_glass: "Noodtoegang",
};

export const casePartLabels: Record<CasePart, string> = {
  summary: "Overzicht",
  persons: "Gezinsleden",
  plan: "Plan",
  zrm: "ZRM",
  referrals: "Verwijzingen",
  closing: "Afsluiting",
  spends: "Werkbudget",
  export: "Inzage-export",
};

// Household transfers: the coordinators' notices (references and team names only, never the reason or resident data).
export const transferNotices = {
  linkLabel: "Bekijk de overdrachten",
  proposed: (fromTeam: string, reference: string) => `${fromTeam} stelt voor huishouden ${reference} aan jullie team over te dragen.`,
  accepted: (toTeam: string, reference: string) => `${toTeam} heeft de overdracht van huishouden ${reference} aangenomen.`,
  declined: (toTeam: string, reference: string) => `${toTeam} heeft de overdracht van huishouden ${reference} afgewezen.`,
  withdrawn: (fromTeam: string, reference: string) => `${fromTeam} heeft het voorstel tot overdracht van huishouden ${reference} ingetrokken.`,
};
