// The controller's reconciliation of Stripe Issuing with the ledger, per team
// and month (Europe/Amsterdam): what Stripe told us (authorisations,
// captures, refunds — as received by the webhook) next to what the ledger
// booked for them, with every mismatch flagged. Runs in the municipality
// scope: RLS limits it to the controller's own municipality.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, withScope } from "@wijkwerk/db";
import type { UseCaseContext } from "./context";

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

export async function cardReconciliation(ctx: UseCaseContext, period: { year: number; month?: number | null }): Promise<{ rows: (ReconciliationRow & { problems: ReconciliationProblem[] })[]; unbooked: { id: string; teamName: string; type: string; amountCents: number; problem: string | null; at: Date }[] }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TeamCard", { municipalityId }));
  const prefix = period.month ? `${period.year}-${String(period.month).padStart(2, "0")}` : `${period.year}-`;
  const like = `${prefix}%`;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await queryRows<{ team_id: string; team_name: string; month: string; approved: number; declined: number; approved_cents: string; without_spend: number; captured: string; refunded: string; booked_paid: string; booked_refund: string; unbooked: number; orphans: number }>(
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
      unbooked: unbooked.map((u) => ({ id: u.id, teamName: u.team_name, type: u.type, amountCents: Number(u.amount_cents), problem: u.problem, at: new Date(u.stripe_created_at) })),
    };
  });
}
