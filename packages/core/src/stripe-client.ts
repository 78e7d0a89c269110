// Stripe's configuration and client. Stripe Issuing is on only when both
// STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set (and the municipality
// chose it, see disbursementMode); otherwise payments are recorded by hand.
import Stripe from "stripe";
import { eq, municipalitySettings, type Queryable } from "@wijkwerk/db";

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Only for tests and local development: a local stand-in for api.stripe.com (test/stripe-server.ts). */
  api?: { host: string; port: number; protocol: "http" | "https" };
}

/** The settings from the environment, or null when Stripe is not configured. */
export function stripeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StripeSettings | null {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim();
  if (!secretKey || !webhookSecret) return null;
  const settings: StripeSettings = { secretKey, webhookSecret };
  if (env.STRIPE_API_HOST) settings.api = { host: env.STRIPE_API_HOST, port: Number(env.STRIPE_API_PORT ?? 443), protocol: env.STRIPE_API_PROTOCOL === "http" ? "http" : "https" };
  return settings;
}

/** The real SDK. Retries are the outbox's job (with our own idempotency keys), not the SDK's. */
export function createStripeClient(settings: StripeSettings): Stripe {
  return new Stripe(settings.secretKey, { maxNetworkRetries: 0, timeout: 10_000, ...(settings.api ?? {}) });
}

export const DISBURSEMENT_MODES = ["manual", "stripe_issuing"] as const;
export type DisbursementMode = (typeof DISBURSEMENT_MODES)[number];

/**
 * How this municipality pays approved spends. Stripe Issuing counts only
 * when it is chosen AND the keys are configured: without keys it is manual.
 */
export async function disbursementMode(q: Queryable, municipalityId: string, settings: StripeSettings | null = stripeSettingsFromEnv()): Promise<DisbursementMode> {
  if (!settings) return "manual";
  const [row] = await q.select({ mode: municipalitySettings.disbursementMode }).from(municipalitySettings).where(eq(municipalitySettings.municipalityId, municipalityId));
  return row?.mode === "stripe_issuing" ? "stripe_issuing" : "manual";
}

export { Stripe };
