// The controller's reconciliation of Stripe Issuing with the ledger, per team
// and month (Europe/Amsterdam): what Stripe told us (authorisations,
// captures, refunds — as received by the webhook) next to what the ledger
// booked for them, with every mismatch flagged. Runs in the municipality
// scope: RLS limits it to the controller's own municipality.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, eq, isNotNull, queryRows, sql, teamCards, teams, withScope } from "@wijkwerk/db";
import type Stripe from "stripe";
import { type UseCaseContext, amsterdamInstant } from "../common";
import { createStripeClient, stripeSettingsFromEnv } from "./stripe-client";

export interface ReconciliationRow {
  teamId: string;
  teamName: string;
  month: string;
  authorizationsApproved: number;
  authorizationsDeclined: number;
  approvedCents: number;
  capturedCents: number;
  refundedCents: number;
  bookedPaidCents: number;
  bookedRefundCents: number;
  unbookedTransactions: number;
  approvedWithoutSpend: number;
  orphanPostings: number;
  problems: string[];
}

export type ReconciliationProblem = "unbooked" | "capture_mismatch" | "refund_mismatch" | "approved_without_spend" | "orphan_postings";

export interface ReconciliationResult {
  rows: (ReconciliationRow & { problems: ReconciliationProblem[] })[];
  unbooked: { id: string; teamName: string; type: string; amountCents: number; problem: string | null; at: Date }[];
  /** Only when asked (opts.pullFromStripe): Stripe's own lists against ours, or "unavailable" when Stripe could not be asked. */
  stripe?: StripeComparison | "unavailable";
}

/** The reconciliation per team and month; with pullFromStripe also Stripe's own lists for the period (compareWithStripe). */
export async function cardReconciliation(
  ctx: UseCaseContext,
  period: { year: number; month?: number | null },
  opts: { pullFromStripe?: boolean | Stripe } = {},
): Promise<ReconciliationResult> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TeamCard", { municipalityId }));
  const result = await webhookReconciliation(ctx, period);
  if (!opts.pullFromStripe) return result;
  try {
    return { ...result, stripe: await compareWithStripe(ctx, period, typeof opts.pullFromStripe === "boolean" ? undefined : opts.pullFromStripe) };
  } catch (error) {
    console.error(`[card-reconciliation] Stripe lists unavailable: ${error instanceof Error ? error.message.slice(0, 200) : "unknown"}`);
    return { ...result, stripe: "unavailable" };
  }
}

async function webhookReconciliation(ctx: UseCaseContext, period: { year: number; month?: number | null }): Promise<ReconciliationResult> {
  const municipalityId = ctx.actor.municipalityId;
  const prefix = period.month ? `${period.year}-${String(period.month).padStart(2, "0")}` : `${period.year}-`;
  const like = `${prefix}%`;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await queryRows<{
      team_id: string;
      team_name: string;
      month: string;
      approved: number;
      declined: number;
      approved_cents: string;
      without_spend: number;
      captured: string;
      refunded: string;
      booked_paid: string;
      booked_refund: string;
      unbooked: number;
      orphans: number;
    }>(
      tx,
      sql`with auths as (
            select team_id, to_char(stripe_created_at at time zone 'Europe/Amsterdam', 'YYYY-MM') as month,
              count(*) filter (where approved)::int as approved, count(*) filter (where not approved)::int as declined,
              coalesce(sum(approved_cents) filter (where approved), 0) as approved_cents,
              count(*) filter (where approved and spend_id is null)::int as without_spend
            from issuing_authorizations where municipality_id = ${municipalityId}::uuid group by 1, 2),
          txns as (
            select t.team_id, to_char(t.stripe_created_at at time zone 'Europe/Amsterdam', 'YYYY-MM') as month,
              coalesce(sum(t.amount_cents) filter (where t.type = 'capture'), 0) as captured,
              coalesce(sum(t.amount_cents) filter (where t.type = 'refund'), 0) as refunded,
              coalesce(sum(p.moved) filter (where t.type = 'capture'), 0) as booked_paid,
              coalesce(sum(p.moved) filter (where t.type = 'refund'), 0) as booked_refund,
              count(*) filter (where p.moved is null)::int as unbooked
            from issuing_transactions t
            left join lateral (select sum(amount_cents) filter (where amount_cents > 0) as moved from ledger_postings lp
                               where lp.group_id = t.ledger_group_id and lp.kind in ('pay', 'refund')) p on true
            where t.municipality_id = ${municipalityId}::uuid group by 1, 2),
          orphans as (
            select lp.team_id, to_char(lp.created_at at time zone 'Europe/Amsterdam', 'YYYY-MM') as month, count(distinct lp.group_id)::int as orphans
            from ledger_postings lp
            where lp.municipality_id = ${municipalityId}::uuid and lp.kind in ('pay', 'refund') and lp.created_by is null
              and not exists (select 1 from issuing_transactions t where t.ledger_group_id = lp.group_id)
            group by 1, 2),
          keys as (select team_id, month from auths union select team_id, month from txns union select team_id, month from orphans)
          select k.team_id, tm.name as team_name, k.month,
            coalesce(a.approved, 0) as approved, coalesce(a.declined, 0) as declined, coalesce(a.approved_cents, 0)::text as approved_cents, coalesce(a.without_spend, 0) as without_spend,
            coalesce(x.captured, 0)::text as captured, coalesce(x.refunded, 0)::text as refunded,
            coalesce(x.booked_paid, 0)::text as booked_paid, coalesce(x.booked_refund, 0)::text as booked_refund, coalesce(x.unbooked, 0) as unbooked,
            coalesce(o.orphans, 0) as orphans
          from keys k join teams tm on tm.id = k.team_id
          left join auths a on a.team_id = k.team_id and a.month = k.month
          left join txns x on x.team_id = k.team_id and x.month = k.month
          left join orphans o on o.team_id = k.team_id and o.month = k.month
          where k.month like ${like}
          order by k.month desc, tm.name`,
    );
    const unbooked = await queryRows<{ id: string; team_name: string; type: string; amount_cents: string; problem: string | null; stripe_created_at: Date }>(
      tx,
      sql`select t.id, tm.name as team_name, t.type, t.amount_cents::text as amount_cents, t.problem, t.stripe_created_at
          from issuing_transactions t join teams tm on tm.id = t.team_id
          where t.municipality_id = ${municipalityId}::uuid and t.ledger_group_id is null
            and to_char(t.stripe_created_at at time zone 'Europe/Amsterdam', 'YYYY-MM') like ${like}
          order by t.stripe_created_at desc limit 200`,
    );
    return {
      rows: rows.map((r) => {
        const row = {
          teamId: r.team_id,
          teamName: r.team_name,
          month: r.month,
          authorizationsApproved: r.approved,
          authorizationsDeclined: r.declined,
          approvedCents: Number(r.approved_cents),
          capturedCents: Number(r.captured),
          refundedCents: Number(r.refunded),
          bookedPaidCents: Number(r.booked_paid),
          bookedRefundCents: Number(r.booked_refund),
          unbookedTransactions: r.unbooked,
          approvedWithoutSpend: r.without_spend,
          orphanPostings: r.orphans,
        };
        const problems: ReconciliationProblem[] = [];
        if (row.unbookedTransactions) problems.push("unbooked");
        if (row.capturedCents !== row.bookedPaidCents) problems.push("capture_mismatch");
        if (row.refundedCents !== row.bookedRefundCents) problems.push("refund_mismatch");
        if (row.approvedWithoutSpend) problems.push("approved_without_spend");
        if (row.orphanPostings) problems.push("orphan_postings");
        return { ...row, problems };
      }),
      unbooked: unbooked.map((u) => ({
        id: u.id,
        teamName: u.team_name,
        type: u.type,
        amountCents: Number(u.amount_cents),
        problem: u.problem,
        at: new Date(u.stripe_created_at),
      })),
    };
  });
}

// ── Pulling Stripe's own lists ────────────────────────────────────────────
//
// The table above compares what the webhooks delivered with the ledger. A
// webhook Stripe gave up on (our endpoint was down for days) would leave no
// trace there. So the controller can also ask Stripe itself: the
// authorisations and transactions of every team card in the period, through
// the SDK's list calls (auto-paginated), compared with our mirror.

export type StripeDifferenceKind = "missing_here" | "missing_at_stripe" | "amount_differs" | "status_differs";

export interface StripeDifference {
  kind: StripeDifferenceKind;
  object: "authorization" | "transaction";
  id: string;
  teamName: string;
  /** Stripe's amount (cents, positive); ours for missing_at_stripe. */
  amountCents: number;
  /** For amount/status differences: ours. */
  ours?: string | number | null;
  /** For amount/status differences: Stripe's. */
  theirs?: string | number | null;
  at: Date;
}

export interface StripeComparison {
  checkedAuthorizations: number;
  checkedTransactions: number;
  differences: StripeDifference[];
}

/** The period's bounds (Europe/Amsterdam midnight to midnight) as Stripe's created filter (unix seconds). */
export function periodBounds(period: { year: number; month?: number | null }): { gte: number; lt: number } {
  const start = period.month ? amsterdamMidnight(period.year, period.month) : amsterdamMidnight(period.year, 1);
  const end = period.month
    ? period.month === 12
      ? amsterdamMidnight(period.year + 1, 1)
      : amsterdamMidnight(period.year, period.month + 1)
    : amsterdamMidnight(period.year + 1, 1);
  return { gte: Math.floor(start.getTime() / 1000), lt: Math.floor(end.getTime() / 1000) };
}

function amsterdamMidnight(year: number, month: number): Date {
  return amsterdamInstant(`${year}-${String(month).padStart(2, "0")}-01`, "00:00:00");
}

/**
 * Stripe's authorisations and transactions of the municipality's team cards
 * in the period, next to ours: what Stripe has and we do not (a lost
 * webhook), what we have and Stripe does not, and amounts or statuses that
 * differ. The calls are made outside any database transaction; our rows are
 * read afterwards (so an event that arrives meanwhile is not reported as
 * missing). Throws when Stripe cannot be reached (the page says so).
 */
export async function compareWithStripe(ctx: UseCaseContext, period: { year: number; month?: number | null }, stripe?: Stripe): Promise<StripeComparison> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TeamCard", { municipalityId }));
  const client =
    stripe ??
    (() => {
      const settings = stripeSettingsFromEnv();
      if (!settings) throw new Error("stripe not configured");
      return createStripeClient(settings);
    })();
  const cards = await withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select({ stripeCardId: teamCards.stripeCardId, teamId: teamCards.teamId, teamName: teams.name })
      .from(teamCards)
      .innerJoin(teams, eq(teams.id, teamCards.teamId))
      .where(and(eq(teamCards.municipalityId, municipalityId), isNotNull(teamCards.stripeCardId))),
  );
  const created = periodBounds(period);
  const theirs: { auths: (Stripe.Issuing.Authorization & { teamName: string })[]; txns: (Stripe.Issuing.Transaction & { teamName: string })[] } = {
    auths: [],
    txns: [],
  };
  for (const card of cards) {
    const auths = await client.issuing.authorizations.list({ card: card.stripeCardId!, created, limit: 100 }).autoPagingToArray({ limit: 10_000 });
    const txns = await client.issuing.transactions.list({ card: card.stripeCardId!, created, limit: 100 }).autoPagingToArray({ limit: 10_000 });
    theirs.auths.push(...auths.map((a) => ({ ...a, teamName: card.teamName })));
    theirs.txns.push(...txns.map((x) => ({ ...x, teamName: card.teamName })));
  }
  const from = new Date(created.gte * 1000).toISOString();
  const to = new Date(created.lt * 1000).toISOString();
  const ours = await withScope(ctx.db, ctx.scope, async (tx) => ({
    auths: await queryRows<{ id: string; team_name: string; approved: boolean; approved_cents: string; status: string; stripe_created_at: Date }>(
      tx,
      sql`select a.id, tm.name as team_name, a.approved, a.approved_cents::text as approved_cents, a.status, a.stripe_created_at
          from issuing_authorizations a join teams tm on tm.id = a.team_id
          where a.municipality_id = ${municipalityId}::uuid and a.stripe_created_at >= ${from}::timestamptz and a.stripe_created_at < ${to}::timestamptz`,
    ),
    txns: await queryRows<{ id: string; team_name: string; type: string; amount_cents: string; stripe_created_at: Date }>(
      tx,
      sql`select t.id, tm.name as team_name, t.type, t.amount_cents::text as amount_cents, t.stripe_created_at
          from issuing_transactions t join teams tm on tm.id = t.team_id
          where t.municipality_id = ${municipalityId}::uuid and t.stripe_created_at >= ${from}::timestamptz and t.stripe_created_at < ${to}::timestamptz`,
    ),
  }));
  const differences: StripeDifference[] = [];
  const ourAuths = new Map(ours.auths.map((a) => [a.id, a]));
  const ourTxns = new Map(ours.txns.map((x) => [x.id, x]));
  for (const a of theirs.auths) {
    const mine = ourAuths.get(a.id);
    const at = new Date(a.created * 1000);
    // A declined authorisation that never reached us decides nothing: only what Stripe approved must be here.
    if (!mine) {
      if (a.approved) differences.push({ kind: "missing_here", object: "authorization", id: a.id, teamName: a.teamName, amountCents: a.amount, at });
      continue;
    }
    ourAuths.delete(a.id);
    if (mine.status !== a.status)
      differences.push({
        kind: "status_differs",
        object: "authorization",
        id: a.id,
        teamName: a.teamName,
        amountCents: a.amount,
        ours: mine.status,
        theirs: a.status,
        at,
      });
  }
  for (const x of theirs.txns) {
    if (x.type !== "capture" && x.type !== "refund") continue;
    const amount = Math.abs(x.amount);
    const mine = ourTxns.get(x.id);
    const at = new Date(x.created * 1000);
    if (!mine) {
      differences.push({ kind: "missing_here", object: "transaction", id: x.id, teamName: x.teamName, amountCents: amount, at });
      continue;
    }
    ourTxns.delete(x.id);
    if (Number(mine.amount_cents) !== amount)
      differences.push({
        kind: "amount_differs",
        object: "transaction",
        id: x.id,
        teamName: x.teamName,
        amountCents: amount,
        ours: Number(mine.amount_cents),
        theirs: amount,
        at,
      });
  }
  for (const a of ourAuths.values())
    if (a.approved)
      differences.push({
        kind: "missing_at_stripe",
        object: "authorization",
        id: a.id,
        teamName: a.team_name,
        amountCents: Number(a.approved_cents),
        at: new Date(a.stripe_created_at),
      });
  for (const x of ourTxns.values())
    differences.push({
      kind: "missing_at_stripe",
      object: "transaction",
      id: x.id,
      teamName: x.team_name,
      amountCents: Number(x.amount_cents),
      at: new Date(x.stripe_created_at),
    });
  differences.sort((p, q) => q.at.getTime() - p.at.getTime());
  return { checkedAuthorizations: theirs.auths.length, checkedTransactions: theirs.txns.length, differences };
}
