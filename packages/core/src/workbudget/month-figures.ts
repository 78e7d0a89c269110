// The workbudget's figures per team × month (the shared contract of issue 16,
// /work/wt/CONTRACT-WB.md): for the casework figures and the business case,
// which show the workbudget beside their own tables. Every figure is the
// definition of figures.ts; the month is the request's creation month in
// Europe/Amsterdam (the dashboard's period filter counts the same day).
import { queryRows, sql, type Tx } from "@wijkwerk/db";
import { AMSTERDAM_TIME_ZONE as TIME_ZONE } from "../common";
import { committedSql, isApprovedSql, isRequestSql, isSettledSql, paidSql, spendBalancesLateralSql } from "./figures";

export interface WorkbudgetMonthRow {
  teamId: string;
  /** 'YYYY-MM' (Europe/Amsterdam): the month the request was created. */
  month: string;
  /** Counted requests (isRequestSql: not draft, not cancelled). */
  requests: number;
  /** Their amounts (requested). */
  requestedCents: number;
  /** APPROVED_STATUSES. */
  approved: number;
  /** Reserved + paid in the ledger ("Vastgelegd"), over all the month's requests (as the dashboard's per-team table). */
  committedCents: number;
  /** Paid in the ledger (net of refunds). */
  paidCents: number;
  /** Expected financial return of the approved requests. */
  expectedReturnCents: number;
  /** Realised financial return of the evaluated requests. */
  realisedReturnCents: number;
  /** Settled or evaluated requests naming the problem they prevent: the dashboard's "Voorkomen problemen" count. */
  problemsPrevented: number;
}

export interface WorkbudgetMonthFilter {
  municipalityId: string;
  teamId?: string;
  /** 'YYYY-MM', inclusive. */
  fromMonth: string;
  /** 'YYYY-MM', inclusive. */
  toMonth: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function monthBounds(filter: WorkbudgetMonthFilter) {
  if (!MONTH.test(filter.fromMonth) || !MONTH.test(filter.toMonth)) throw new RangeError("fromMonth and toMonth are 'YYYY-MM'");
  return { from: `${filter.fromMonth}-01`, to: `${filter.toMonth}-01` };
}

/** Per team × month, read from the summary kept in the same transaction as the change. Runs in the caller's scope (RLS). */
export async function workbudgetMonthFigures(tx: Tx, filter: WorkbudgetMonthFilter): Promise<WorkbudgetMonthRow[]> {
  const { from, to } = monthBounds(filter);
  const rows = await queryRows<{
    team_id: string;
    month: string;
    requests: string;
    requested: string;
    approved: string;
    committed: string;
    paid: string;
    expected: string;
    realised: string;
    prevented: string;
  }>(
    tx,
    sql`select s.team_id, to_char(s.created_at at time zone ${TIME_ZONE}, 'YYYY-MM') as month,
          count(*) filter (where ${isRequestSql()}) as requests,
          coalesce(sum(s.amount_cents) filter (where ${isRequestSql()}), 0) as requested,
          count(*) filter (where ${isApprovedSql()}) as approved,
          coalesce(sum(${committedSql()}), 0) as committed,
          coalesce(sum(${paidSql()}), 0) as paid,
          coalesce(sum(s.expected_return_cents) filter (where ${isApprovedSql()}), 0) as expected,
          coalesce(sum((s.evaluation->>'realisedReturnCents')::bigint) filter (where s.status = 'evaluated'), 0) as realised,
          count(*) filter (where ${isSettledSql()} and s.problem_prevented <> '') as prevented
        from spend_requests s ${spendBalancesLateralSql()}
        where s.municipality_id = ${filter.municipalityId}
          ${filter.teamId ? sql`and s.team_id = ${filter.teamId}` : sql``}
          and s.created_at >= (${from}::date)::timestamp at time zone ${TIME_ZONE}
          and s.created_at < ((${to}::date + interval '1 month')::date)::timestamp at time zone ${TIME_ZONE}
        group by 1, 2
        having count(*) filter (where ${isRequestSql()}) > 0 or sum(${committedSql()}) <> 0 or sum(${paidSql()}) <> 0
        order by 2, 1`,
  );
  return rows.map((r) => ({
    teamId: r.team_id,
    month: r.month,
    requests: Number(r.requests),
    requestedCents: Number(r.requested),
    approved: Number(r.approved),
    committedCents: Number(r.committed),
    paidCents: Number(r.paid),
    expectedReturnCents: Number(r.expected),
    realisedReturnCents: Number(r.realised),
    problemsPrevented: Number(r.prevented),
  }));
}
