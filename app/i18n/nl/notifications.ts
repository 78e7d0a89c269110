export const notificationsPage = {
  title: "Meldingen",
  intro: "Wat er op jou wacht, en wat er met jouw aanvragen is gebeurd.",
  empty: "Geen meldingen.",
  open: "Openen",
  openLabel: (text: string) => `Openen: ${text}`,
  markAll: "Alles als gelezen markeren",
  unread: "Nieuw",
  /** The work the notice asked for is done (by you or a colleague): it no longer counts as new. */
  resolved: "Afgehandeld",
  navLabel: (n: number) => (n === 0 ? "Meldingen" : `Meldingen (${n} nieuw)`),
};
