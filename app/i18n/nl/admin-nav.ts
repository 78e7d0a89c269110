export const adminNav = {
  title: "Beheer",
  label: "Beheermenu",
  overview: "Overzicht",
  teams: "Teams",
  buurten: "Buurten",
  partners: "Partnerorganisaties",
  users: "Gebruikers",
  invitations: "Uitnodigingen",
  audit: "Auditlog",
  settings: "Instellingen",
  mailbox: "Mailbox (ontwikkeling)",
};
