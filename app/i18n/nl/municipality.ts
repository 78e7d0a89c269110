export const municipality = {
  title: "Overzicht sociale teams",
  intro: "Per team: buurten en bezetting op dit moment. Alleen aantallen, geen persoonsgegevens.",
  team: "Team",
  buurten: "Buurten",
  coordinators: "Coördinatoren",
  members: "Teamleden",
  volunteers: "Vrijwilligers",
  hours: "Uren per week (contract)",
  total: "Totaal",
  empty: "Er zijn nog geen teams.",
};
