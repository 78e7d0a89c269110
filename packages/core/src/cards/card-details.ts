// The team card's full number, CVC and expiry for its coordinator, through
// Stripe's secure display (Issuing Elements). Stripe's documented flow:
//   1. the browser (Stripe.js) makes a single-use nonce for the card:
//      stripe.createEphemeralKeyNonce({ issuingCard });
//   2. this use case exchanges that nonce for an ephemeral key, scoped to
//      that one card: stripe.ephemeralKeys.create({ issuing_card, nonce },
//      { apiVersion }) — with our secret key, after checking who asks;
//   3. the browser mounts issuingCardNumberDisplay / CvcDisplay /
//      ExpiryDisplay with the key's secret and the nonce: the details are
//      drawn inside Stripe's iframes and never pass through our server.
// We return only the ephemeral key's secret to the browser that asked; we
// never log or store it (nor, of course, the number): the audit event says
// who viewed which card (by our id and its last four digits), nothing more.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { eq, teamCards, withScope } from "@wijkwerk/db";
import Stripe from "stripe";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, invalidInput } from "../common";
import { createStripeClient, disbursementMode, type StripeSettings, stripeSettingsFromEnv } from "./stripe-client";

export const cardDetailsInput = z.object({
  /** The Stripe card id the browser made the nonce for: it must be this team's card. */
  issuingCard: z.string().regex(/^ic_[A-Za-z0-9]{1,200}$/),
  /** Stripe.js's ephemeral key nonce (ephkn_…). */
  nonce: z.string().regex(/^ephkn_[A-Za-z0-9_]{1,300}$/),
});

export interface CardDetailsKey {
  issuingCard: string;
  nonce: string;
  /** The ephemeral key's secret (ek_…): handed to Stripe.js in this response only. */
  ephemeralKeySecret: string;
  expiresAt: Date;
}

/**
 * Creates the ephemeral key for showing the team card's details. Only the
 * coordinator of the card's team (CASL CardDetails read; the controller's
 * "manage TeamCard" does not include it), only for this team's own active
 * card, only in Stripe mode. Audited in the same transaction; when Stripe
 * refuses or cannot be reached nothing is recorded and the key is not given.
 */
export async function createCardDetailsKey(
  ctx: UseCaseContext,
  raw: z.input<typeof cardDetailsInput>,
  settings: StripeSettings | null = stripeSettingsFromEnv(),
  stripe?: Stripe,
): Promise<CardDetailsKey> {
  if (ctx.scope.kind !== "team") throw new DomainError("forbidden", 403);
  const { teamId, municipalityId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("CardDetails", { teamId, municipalityId }));
  const parsed = cardDetailsInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { issuingCard, nonce } = parsed.data;
  if (!settings) throw new DomainError("stripe_not_configured", 409);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    if ((await disbursementMode(tx, municipalityId, settings)) !== "stripe_issuing") throw new DomainError("stripe_not_configured", 409);
    // RLS already limits team_cards to this team; the explicit filter says so too.
    const [card] = await tx.select().from(teamCards).where(eq(teamCards.teamId, teamId));
    if (!card || card.stripeCardId !== issuingCard) throw new DomainError("card_not_found", 404);
    if (card.status !== "active") throw new DomainError("card_not_active", 409);
    let key: Stripe.EphemeralKey;
    try {
      // Stripe requires an explicit API version for ephemeral keys (2020-03-02 or later for Issuing Elements).
      key = await (stripe ?? createStripeClient(settings)).ephemeralKeys.create({ issuing_card: issuingCard, nonce }, { apiVersion: Stripe.API_VERSION });
    } catch (error) {
      // Never the key or the nonce in a log line: only Stripe's error type.
      console.error(
        `[card-details] ephemeral key refused: ${error instanceof Stripe.errors.StripeError ? `${error.type} ${error.statusCode ?? ""}` : "network"}`,
      );
      throw new DomainError("card_details_unavailable", 502);
    }
    if (!key.secret) throw new DomainError("card_details_unavailable", 502);
    await appendAudit(tx, {
      municipalityId,
      teamId,
      actor: ctx.actor,
      action: "card.details_viewed",
      objectType: "team_card",
      objectId: card.id,
      meta: ctx.meta,
      data: { last4: card.last4 },
    });
    return { issuingCard, nonce, ephemeralKeySecret: key.secret, expiresAt: new Date(key.expires * 1000) };
  });
}
