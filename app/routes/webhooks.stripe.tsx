// Stripe's webhook (resource route, POST only). The raw body is verified with
// constructEvent; the use case decides authorisations and books payments.
// There is no user: see packages/core/src/cards/stripe-webhook.ts for why it runs
// on the owner connection as the system actor.
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook, stripeSettingsFromEnv } from "~/core/cards.server";
import { getDb } from "~/db.server";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
  const settings = stripeSettingsFromEnv();
  // Stripe is not configured: nothing here listens (payments are recorded by hand).
  if (!settings) return new Response(JSON.stringify({ error: "stripe_not_configured" }), { status: 404, headers: { "Content-Type": "application/json" } });
  // The exact bytes Stripe signed: never a re-serialised JSON object.
  const rawBody = await request.text();
  const result = await handleStripeWebhook(await getDb(), settings, { rawBody, signature: request.headers.get("Stripe-Signature") });
  return new Response(JSON.stringify(result.body), { status: result.status, headers: result.headers });
}

export async function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
