// Sends the outbox once over SMTP (embedded database, or DATABASE_URL), e.g.
// from cron when the app server itself does not send.
import { openDatabase } from "@wijkwerk/db";
import { SmtpUnavailableError, createSmtpTransport, deliverOutbox } from "@wijkwerk/core/notifications";

const smtpUrl = process.env.SMTP_URL;
if (!smtpUrl) {
  console.error(
    "SMTP_URL ontbreekt: stel de SMTP-server in, bijvoorbeeld SMTP_URL=smtp://gebruiker:wachtwoord@mail.example.nl:587. Zonder SMTP blijven e-mails in de outbox (Beheer → Mailbox).",
  );
  process.exit(1);
}
const from = process.env.MAIL_FROM ?? "Wijkwerk <noreply@wijkwerk.local>";

const handle = await openDatabase();
const transport = createSmtpTransport(smtpUrl);
try {
  const { sent, failed } = await deliverOutbox(handle.db, transport, { from });
  console.log(`${sent} verzonden, ${failed} mislukt`);
} catch (error) {
  if (!(error instanceof SmtpUnavailableError)) throw error;
  // The mails keep their attempts; the next run tries again.
  console.log(`${error.sent} verzonden, ${error.failed} mislukt`);
  console.error(`Verzenden afgebroken: SMTP-server niet bruikbaar (${error.cause instanceof Error ? error.cause.message : String(error.cause)}).`);
  process.exitCode = 1;
} finally {
  transport.close();
  await handle.close();
}
