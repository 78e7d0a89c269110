// Delivers the Stripe outbox once (cardholders, cards, spending controls):
// `pnpm stripe:sync`, e.g. from cron, or by hand after an outage. Opens the
// same database as the app (DATABASE_URL, or else the embedded PGlite).
import { openDatabase } from "@wijkwerk/db";
import { createStripeClient, deliverStripeOutbox, stripeSettingsFromEnv } from "@wijkwerk/core/cards";

const settings = stripeSettingsFromEnv();
if (!settings) {
  console.error("STRIPE_SECRET_KEY en STRIPE_WEBHOOK_SECRET ontbreken: zonder Stripe worden betalingen handmatig vastgelegd (zie docs/stripe.md).");
  process.exit(1);
}
const handle = await openDatabase();
try {
  const { sent, failed, waiting } = await deliverStripeOutbox(handle.db, createStripeClient(settings));
  console.log(`${sent} verstuurd, ${failed} mislukt, ${waiting} wachtend`);
  if (failed) process.exitCode = 1;
} finally {
  await handle.close();
}
