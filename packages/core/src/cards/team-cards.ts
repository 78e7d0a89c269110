// Team cards (Stripe Issuing): the controller issues a team's virtual card
// and sets its spending controls; the coordinator picks which approved
// request the next card payment is for ("Nu betalen"). Calls to Stripe are
// written to the Stripe outbox in the same transaction (stripe-outbox.ts).
import { calendarDate, type TeamContext, type UseCaseContext, DomainError, invalidInput, amsterdamInstant } from "../common";
import { randomUUID } from "node:crypto";
import { ForbiddenError, as } from "@wijkwerk/authz";
import {
  and,
  asc,
  cardPaymentSelections,
  desc,
  eq,
  gte,
  issuingAuthorizations,
  issuingTransactions,
  spendRequests,
  stripeOutbox,
  teamCards,
  teams,
  withScope,
} from "@wijkwerk/db";
import { z } from "zod";
import { disbursementMode, type StripeSettings, stripeSettingsFromEnv } from "./stripe-client";
import { enqueueStripeCall } from "./stripe-outbox";
import { CARD_PAYMENT_VALIDITY_DAYS } from "./stripe-webhook";

const category = z.string().regex(/^[a-z0-9_]{2,80}$/);
const capCents = z.number().int().positive().max(100_000_000).nullable();
export const cardControlsInput = z
  .object({
    perAuthorizationCapCents: capCents,
    monthlyCapCents: capCents,
    allowedCategories: z.array(category).max(50).default([]),
    blockedCategories: z.array(category).max(50).default([]),
  })
  // Stripe takes either a list of allowed or of blocked categories, not both.
  .refine((v) => !(v.allowedCategories.length && v.blockedCategories.length), { path: ["blockedCategories"], params: { code: "categories_conflict" } })
  .refine((v) => v.perAuthorizationCapCents == null || v.monthlyCapCents == null || v.perAuthorizationCapCents <= v.monthlyCapCents, {
    path: ["perAuthorizationCapCents"],
    params: { code: "cap_above_monthly" },
  });
export type CardControlsInput = z.input<typeof cardControlsInput>;

const DAY_MS = 86_400_000;

async function requireStripeMode(ctx: UseCaseContext, settings: StripeSettings | null) {
  const mode = await withScope(ctx.db, ctx.scope, (tx) => disbursementMode(tx, ctx.actor.municipalityId, settings));
  if (mode !== "stripe_issuing") throw new DomainError("stripe_not_configured", 409);
}

/** The controller issues a virtual card for a team: the row now, Stripe's cardholder and card through the outbox. */
export async function requestTeamCard(
  ctx: UseCaseContext,
  teamId: string,
  raw: CardControlsInput,
  settings = stripeSettingsFromEnv(),
): Promise<{ id: string }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("TeamCard", { municipalityId }));
  const parsed = cardControlsInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  await requireStripeMode(ctx, settings);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [team] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.municipalityId, municipalityId)));
    if (!team) throw new DomainError("not_found", 404);
    const [existing] = await tx.select({ id: teamCards.id }).from(teamCards).where(eq(teamCards.teamId, teamId));
    if (existing) throw new DomainError("card_exists", 409);
    const [card] = await tx
      .insert(teamCards)
      .values({ municipalityId, teamId, ...parsed.data })
      .returning({ id: teamCards.id });
    await enqueueStripeCall(tx, { municipalityId, teamCardId: card.id, kind: "create_cardholder", idempotencyKey: `wijkwerk-cardholder-${card.id}` });
    return card;
  });
}

/** The controller changes the card's spending controls; Stripe gets them through the outbox. */
export async function updateCardControls(ctx: UseCaseContext, teamCardId: string, raw: CardControlsInput): Promise<void> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", as("TeamCard", { municipalityId }));
  const parsed = cardControlsInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  if (!z.string().uuid().safeParse(teamCardId).success) throw new DomainError("not_found", 404);
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const [card] = await tx.select().from(teamCards).where(eq(teamCards.id, teamCardId)).for("update");
    if (!card) throw new DomainError("not_found", 404);
    await tx
      .update(teamCards)
      .set({ ...parsed.data, updatedAt: new Date() })
      .where(eq(teamCards.id, card.id));
    // Our own id for this change, so its retries reuse one Idempotency-Key.
    const changeId = randomUUID();
    await tx
      .insert(stripeOutbox)
      .values({ id: changeId, municipalityId, teamCardId: card.id, kind: "update_card", idempotencyKey: `wijkwerk-controls-${changeId}` });
  });
}

/** All teams with their card (controller). */
export async function listTeamCards(ctx: UseCaseContext) {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TeamCard", { municipalityId }));
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await tx
      .select({ team: { id: teams.id, name: teams.name, slug: teams.slug }, card: teamCards })
      .from(teams)
      .leftJoin(teamCards, eq(teamCards.teamId, teams.id))
      .where(eq(teams.municipalityId, municipalityId))
      .orderBy(asc(teams.name));
    const pending = await tx
      .select()
      .from(stripeOutbox)
      .where(eq(stripeOutbox.municipalityId, municipalityId))
      .orderBy(desc(stripeOutbox.createdAt))
      .limit(200);
    return rows.map((r) => ({ ...r, outbox: r.card ? pending.filter((p) => p.teamCardId === r.card!.id && !p.doneAt) : [] }));
  });
}

/**
 * The team's card page: the card (no number, no CVC), its recent
 * authorisations with the decline reasons, and the open "Nu betalen"
 * selections. secureDisplay is set when this person may see the card's
 * details through Stripe's secure display (Stripe mode, an active card, the
 * coordinator): the page then loads Stripe.js with the publishable key.
 */
export async function getTeamCard(ctx: TeamContext, now = new Date(), settings = stripeSettingsFromEnv()) {
  const { teamId, municipalityId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TeamCard", { teamId, municipalityId }));
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [card] = await tx.select().from(teamCards).where(eq(teamCards.teamId, teamId));
    const stripeMode = (await disbursementMode(tx, municipalityId, settings)) === "stripe_issuing";
    const secureDisplay =
      stripeMode && card?.status === "active" && card.stripeCardId && ctx.ability.can("read", as("CardDetails", { teamId, municipalityId }))
        ? { issuingCard: card.stripeCardId, publishableKey: settings?.publishableKey ?? null }
        : null;
    const authorizations = card
      ? await tx
          .select()
          .from(issuingAuthorizations)
          .where(eq(issuingAuthorizations.teamId, teamId))
          .orderBy(desc(issuingAuthorizations.stripeCreatedAt))
          .limit(50)
      : [];
    const transactions = card
      ? await tx.select().from(issuingTransactions).where(eq(issuingTransactions.teamId, teamId)).orderBy(desc(issuingTransactions.stripeCreatedAt)).limit(50)
      : [];
    const selections = await tx
      .select({
        spendId: cardPaymentSelections.spendId,
        validUntil: cardPaymentSelections.validUntil,
        number: spendRequests.number,
        amountCents: spendRequests.amountCents,
        purpose: spendRequests.purpose,
      })
      .from(cardPaymentSelections)
      .innerJoin(spendRequests, eq(spendRequests.id, cardPaymentSelections.spendId))
      .where(and(eq(cardPaymentSelections.teamId, teamId), gte(cardPaymentSelections.validUntil, now), eq(spendRequests.status, "approved")));
    return { card: card ?? null, authorizations, transactions, selections, secureDisplay };
  });
}

/** For the spend page: whether a card can pay it now, the current selection, and the card authorisations linked to it. */
export async function cardPaymentState(
  ctx: UseCaseContext,
  spend: { id: string; teamId: string; status: string; approvedAt: Date | null },
  settings = stripeSettingsFromEnv(),
  now = new Date(),
) {
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const mode = await disbursementMode(tx, ctx.actor.municipalityId, settings);
    if (mode !== "stripe_issuing") return null;
    const [card] = await tx
      .select({ id: teamCards.id, status: teamCards.status, last4: teamCards.last4 })
      .from(teamCards)
      .where(eq(teamCards.teamId, spend.teamId));
    const [selection] = await tx.select().from(cardPaymentSelections).where(eq(cardPaymentSelections.spendId, spend.id));
    const authorizations = await tx
      .select()
      .from(issuingAuthorizations)
      .where(eq(issuingAuthorizations.spendId, spend.id))
      .orderBy(desc(issuingAuthorizations.stripeCreatedAt));
    const windowEnds = spend.approvedAt ? new Date(spend.approvedAt.getTime() + CARD_PAYMENT_VALIDITY_DAYS * DAY_MS) : null;
    const mayPayNow =
      ctx.scope.kind === "team" && ctx.ability.can("create", as("CardPayment", { teamId: spend.teamId, municipalityId: ctx.actor.municipalityId }));
    return {
      card: card ?? null,
      selection: selection && selection.validUntil >= now ? selection : null,
      authorizations,
      windowEnds,
      mayPayNow: mayPayNow && spend.status === "approved" && card?.status === "active" && !!windowEnds && windowEnds >= now,
    };
  });
}

export const cardPaymentInput = z.object({ validUntil: calendarDate().nullish() });

/**
 * "Nu betalen": the coordinator marks an approved request as the one the
 * team card pays next, until validUntil (end of that day in Amsterdam) —
 * at most, and by default, 14 days after approval.
 */
export async function selectSpendForCardPayment(
  ctx: TeamContext,
  spendId: string,
  raw: z.input<typeof cardPaymentInput> = {},
  now = new Date(),
): Promise<{ validUntil: Date }> {
  const { teamId, municipalityId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("CardPayment", { teamId, municipalityId }));
  const parsed = cardPaymentInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  if (!z.string().uuid().safeParse(spendId).success) throw new DomainError("not_found", 404);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [spend] = await tx.select().from(spendRequests).where(eq(spendRequests.id, spendId)).for("update");
    if (!spend) throw new DomainError("not_found", 404);
    if (spend.status !== "approved" || !spend.approvedAt) throw new DomainError("spend_invalid_transition", 409);
    const [card] = await tx.select().from(teamCards).where(eq(teamCards.teamId, teamId));
    if (!card || card.status !== "active") throw new DomainError("card_not_active", 409);
    const windowEnds = new Date(spend.approvedAt.getTime() + CARD_PAYMENT_VALIDITY_DAYS * DAY_MS);
    if (windowEnds < now) throw new DomainError("card_payment_expired", 409);
    let validUntil = windowEnds;
    if (parsed.data.validUntil) {
      // The end of the chosen day in Amsterdam (23:59:59 local; CET/CEST by Intl, not a fixed offset).
      validUntil = endOfAmsterdamDay(parsed.data.validUntil);
      if (validUntil < now || validUntil > new Date(windowEnds.getTime() + DAY_MS))
        throw new DomainError("invalid_input", 400, { validUntil: ["card_payment_valid_until"] });
      if (validUntil > windowEnds) validUntil = windowEnds;
    }
    await tx.delete(cardPaymentSelections).where(eq(cardPaymentSelections.spendId, spend.id));
    await tx.insert(cardPaymentSelections).values({ spendId: spend.id, municipalityId, teamId, teamCardId: card.id, validUntil, selectedBy: ctx.actor.userId });
    return { validUntil };
  });
}

export async function clearCardPaymentSelection(ctx: TeamContext, spendId: string): Promise<void> {
  const { teamId, municipalityId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("CardPayment", { teamId, municipalityId }));
  if (!z.string().uuid().safeParse(spendId).success) throw new DomainError("not_found", 404);
  await withScope(ctx.db, ctx.scope, (tx) => tx.delete(cardPaymentSelections).where(eq(cardPaymentSelections.spendId, spendId)));
}

function endOfAmsterdamDay(day: string): Date {
  return amsterdamInstant(day, "23:59:59");
}
