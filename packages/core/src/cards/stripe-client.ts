// Stripe's configuration and client. Stripe Issuing is on only when both
// STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set (and the municipality
// chose it, see disbursementMode); otherwise payments are recorded by hand.
import Stripe from "stripe";
import { eq, municipalitySettings, type Queryable } from "@wijkwerk/db";

export interface StripeSettings {
  secretKey: string;
  /**
   * Every signing secret an event may be signed with: STRIPE_WEBHOOK_SECRET
   * holds one or more, comma-separated (a secret being rolled; the real-time
   * authorisation endpoint and the event destination; Connect and account
   * endpoints). An event is genuine when any of them verifies it.
   */
  webhookSecrets: string[];
  /** STRIPE_PUBLISHABLE_KEY (pk_…): Stripe.js needs it for the secure card display; without it the card details cannot be shown. */
  publishableKey?: string | null;
  /** Only for tests and local development: a local stand-in for api.stripe.com (test/stripe-server.ts). */
  api?: { host: string; port: number; protocol: "http" | "https" };
}

/** The settings from the environment, or null when Stripe is not configured. */
export function stripeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StripeSettings | null {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  const webhookSecrets = (env.STRIPE_WEBHOOK_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!secretKey || webhookSecrets.length === 0) return null;
  const settings: StripeSettings = { secretKey, webhookSecrets, publishableKey: env.STRIPE_PUBLISHABLE_KEY?.trim() || null };
  if (env.STRIPE_API_HOST)
    settings.api = { host: env.STRIPE_API_HOST, port: Number(env.STRIPE_API_PORT ?? 443), protocol: env.STRIPE_API_PROTOCOL === "http" ? "http" : "https" };
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
export async function disbursementMode(
  q: Queryable,
  municipalityId: string,
  settings: StripeSettings | null = stripeSettingsFromEnv(),
): Promise<DisbursementMode> {
  if (!settings) return "manual";
  const [row] = await q
    .select({ mode: municipalitySettings.disbursementMode })
    .from(municipalitySettings)
    .where(eq(municipalitySettings.municipalityId, municipalityId));
  return row?.mode === "stripe_issuing" ? "stripe_issuing" : "manual";
}

export { Stripe };
