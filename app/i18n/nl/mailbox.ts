export const mailbox = {
  title: "Mailbox (ontwikkeling)",
  noSmtp: "Geen SMTP ingesteld: e-mails worden alleen hier getoond.",
  withSmtp: "SMTP is ingesteld; dit is een kopie van wat er verstuurd wordt.",
  empty: "Er zijn nog geen e-mails.",
  to: "Aan",
  subject: "Onderwerp",
  created: "Aangemaakt",
  sent: "Verstuurd",
  notSent: "nog niet",
};
