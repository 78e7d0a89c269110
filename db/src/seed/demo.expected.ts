// docs/domain.md#teams-and-buurten, copied independently of demo-data.ts so the test can catch a typo there.
export const DOMAIN_TEAMS_2017: Record<string, string[]> = {
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

// Seed 004 §5.1 (the pilot's evaluation, peildatum 3-12-2014), copied independently of the demo history.
export const PILOT_EVALUATION = { total: 248, periods: { "2013": 98, "2014-H1": 82, "2014-H2": 68 } };
