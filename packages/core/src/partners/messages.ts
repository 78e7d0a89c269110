// Dutch reminder (notice and e-mail) for professionals who have not registered last week's hours.
// User-facing Dutch words live in message files like this one; the use cases stay in English.
export const timeRegistrationMessages = {
  /** `week`: the week number as in the label ("07"); `year`: its ISO year. */
  reminder: (week: string, year: string) => `Je hebt je uren van week ${week} (${year}) nog niet geregistreerd. Het kost maar een paar seconden.`,
  reminderMailSubject: (week: number) => `Wijkwerk: registreer je uren van week ${week}`,
  /** The words before the link in the reminder's e-mail (in the notice frame, packages/core/src/notifications/messages.ts). */
  reminderLinkLabel: "Registreer je uren",
} as const;
