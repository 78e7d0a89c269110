// Calls to Stripe go through the stripe_outbox table: the use case writes the
// row in the same transaction as its own change, and this sender makes the
// call afterwards (server.js timer, `pnpm stripe:sync`). Each row carries an
// Idempotency-Key derived from our ids (the team card's id, the row's id):
// if the process dies after Stripe did the work but before we committed,
// the row is still there, the retry sends the same key, and Stripe answers
// with the first result instead of creating a second cardholder or card.
//
// Rows are claimed one at a time with FOR UPDATE SKIP LOCKED (several
// senders never send one row at once); a card waits for its cardholder and
// a controls update for its card. Owner connection: the sender has no user and
// works across municipalities, like the e-mail outbox.
import { and, asc, eq, isNull, lt, lte, stripeOutbox, teamCards, teams, type Database, type Tx } from "@wijkwerk/db";
import type Stripe from "stripe";

export const STRIPE_OUTBOX_MAX_ATTEMPTS = 8;

/** Where Stripe requires an address for a company cardholder: the municipality's office (Maastricht's Mosae Forum). */
export const CARDHOLDER_BILLING_ADDRESS = { line1: "Mosae Forum 10", city: "Maastricht", postal_code: "6211 DW", country: "NL" } as const;

type TeamCard = typeof teamCards.$inferSelect;
type OutboxRow = typeof stripeOutbox.$inferSelect;

/** Writes an outgoing call; the caller's transaction commits it together with the change that needs it. */
export async function enqueueStripeCall(
  tx: Tx,
  row: { municipalityId: string; teamCardId: string; kind: OutboxRow["kind"]; idempotencyKey: string },
): Promise<void> {
  await tx.insert(stripeOutbox).values(row).onConflictDoNothing();
}

/** Stripe's spending_controls for the card's caps and categories. */
export function spendingControls(card: TeamCard): Stripe.Issuing.CardCreateParams.SpendingControls {
  const limits: Stripe.Issuing.CardCreateParams.SpendingControls.SpendingLimit[] = [];
  if (card.perAuthorizationCapCents != null) limits.push({ amount: card.perAuthorizationCapCents, interval: "per_authorization" });
  if (card.monthlyCapCents != null) limits.push({ amount: card.monthlyCapCents, interval: "monthly" });
  const controls: Stripe.Issuing.CardCreateParams.SpendingControls = { spending_limits: limits };
  if (card.allowedCategories.length) controls.allowed_categories = card.allowedCategories as never;
  if (card.blockedCategories.length) controls.blocked_categories = card.blockedCategories as never;
  return controls;
}

export interface StripeSyncResult {
  sent: number;
  failed: number;
  waiting: number;
}

/** Seconds until a failed row is tried again: 30 s, 1 min, 2 min … at most an hour. */
export const retryDelaySeconds = (attempts: number) => Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));

/** Sends every due row, oldest first. A failure is recorded on the row (attempts, last error, next attempt) and the rest still goes. */
export async function deliverStripeOutbox(db: Database, stripe: Stripe, opts: { now?: Date; maxAttempts?: number } = {}): Promise<StripeSyncResult> {
  const now = opts.now ?? new Date();
  const maxAttempts = opts.maxAttempts ?? STRIPE_OUTBOX_MAX_ATTEMPTS;
  const result: StripeSyncResult = { sent: 0, failed: 0, waiting: 0 };
  const skip = new Set<string>();
  for (;;) {
    const outcome = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(stripeOutbox)
        .where(and(isNull(stripeOutbox.doneAt), lt(stripeOutbox.attempts, maxAttempts), lte(stripeOutbox.nextAttemptAt, now)))
        .orderBy(asc(stripeOutbox.createdAt), asc(stripeOutbox.id))
        .limit(50)
        .for("update", { skipLocked: true })
        .then((rows) => rows.filter((r) => !skip.has(r.id)));
      if (!row) return "empty" as const;
      skip.add(row.id);
      // The card row is NOT locked while Stripe is called: the webhook locks it to decide an
      // authorisation within 2 s and must never wait for a slow API call.
      const [card] = await tx.select().from(teamCards).where(eq(teamCards.id, row.teamCardId));
      try {
        const done = await send(tx, stripe, row, card);
        if (!done) return "waiting" as const;
        await tx.update(stripeOutbox).set({ doneAt: new Date(), lastError: null }).where(eq(stripeOutbox.id, row.id));
        return "sent" as const;
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
        const attempts = row.attempts + 1;
        await tx
          .update(stripeOutbox)
          .set({ attempts, lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000) })
          .where(eq(stripeOutbox.id, row.id));
        return "failed" as const;
      }
    });
    if (outcome === "empty") return result;
    result[outcome]++;
  }
}

/** One call; false when it must wait for an earlier one (a card before its cardholder exists). */
async function send(tx: Tx, stripe: Stripe, row: OutboxRow, card: TeamCard): Promise<boolean> {
  const options = { idempotencyKey: row.idempotencyKey };
  switch (row.kind) {
    case "create_cardholder": {
      if (card.stripeCardholderId) return true;
      const [team] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, card.teamId));
      const cardholder = await stripe.issuing.cardholders.create(
        {
          type: "company",
          name: team.name.slice(0, 24),
          billing: { address: { ...CARDHOLDER_BILLING_ADDRESS } },
          metadata: { wijkwerk_team_card: card.id, wijkwerk_team: card.teamId },
        },
        options,
      );
      await tx.update(teamCards).set({ stripeCardholderId: cardholder.id, updatedAt: new Date() }).where(eq(teamCards.id, card.id));
      await enqueueStripeCall(tx, {
        municipalityId: card.municipalityId,
        teamCardId: card.id,
        kind: "create_card",
        idempotencyKey: `wijkwerk-card-${card.id}`,
      });
      return true;
    }
    case "create_card": {
      if (card.stripeCardId) return true;
      if (!card.stripeCardholderId) return false;
      const created = await stripe.issuing.cards.create(
        {
          cardholder: card.stripeCardholderId,
          currency: "eur",
          type: "virtual",
          status: "active",
          spending_controls: spendingControls(card),
          metadata: { wijkwerk_team_card: card.id },
        },
        options,
      );
      await tx
        .update(teamCards)
        .set({
          stripeCardId: created.id,
          last4: created.last4,
          expMonth: created.exp_month,
          expYear: created.exp_year,
          status: created.status === "canceled" ? "canceled" : created.status === "active" ? "active" : "inactive",
          updatedAt: new Date(),
        })
        .where(eq(teamCards.id, card.id));
      return true;
    }
    case "update_card": {
      // The card is created with the controls of that moment; later changes wait for it.
      if (!card.stripeCardId) return false;
      await stripe.issuing.cards.update(card.stripeCardId, { spending_controls: spendingControls(card) }, options);
      return true;
    }
    default:
      throw new Error(`unknown outbox kind ${row.kind}`);
  }
}
