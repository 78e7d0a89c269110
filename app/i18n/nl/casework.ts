// Casework: the household's page frame (header, tabs, the right by which one reads it).
export const casework = {
  tab: "Huishoudens",
  householdTitle: (reference: string, initials: string) => (initials ? `Huishouden ${reference} (${initials})` : `Huishouden ${reference}`),
  back: "Terug naar de huishoudens",
  status: { open: "Lopend", closed: "Afgesloten" } as Record<string, string>,
  tabs: {
    summary: "Overzicht",
    plan: "Plan",
    zrm: "ZRM",
    referrals: "Verwijzingen",
    closing: "Afsluiten",
    privacy: "Inzage en AVG",
  },
  accessNote: {
    case_team: "Je hoort bij het casusteam van dit huishouden.",
    coordinator: "Je ziet dit dossier als coördinator van het team.",
    break_glass: "Je kijkt mee via noodtoegang. Alles wat je opent wordt vastgelegd en de coördinator is op de hoogte.",
  } as Record<string, string>,
};
