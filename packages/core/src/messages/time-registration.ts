// Dutch reminder (notice and e-mail) for professionals who have not registered last week's hours.
// User-facing Dutch words live in message files like this one; the use cases stay in English.
export const timeRegistrationMessages = {
  /** `week`: the week number as in the label ("07"); `year`: its ISO year. */
  reminder: (week: string, year: string) => `Je hebt je uren van week ${week} (${year}) nog niet geregistreerd. Het kost maar een paar seconden.`,
  reminderMailSubject: (week: number) => `Wijkwerk: registreer je uren van week ${week}`,
  /** Rendered in SQL (sqlMessage): one mail per person. */
  reminderMail: (name: string, reminder: string, link: string) => `Beste ${name},\n\n${reminder}\n\nRegistreer je uren: ${link}\n\nWijkwerk`,
} as const;
