// The workbudget's figures per team × month (the shared contract of issue 16):
// for the casework figures and the business case, which show the workbudget
// beside their own tables. Read from workbudget_summary (ADR 0017), kept by
// triggers with figures.ts's definitions; the month is the request's creation
// month in Europe/Amsterdam (the dashboard's period filter counts the same day).
// Summed over the municipality's budgets (a month's requests may belong to
// next year's budget).
import { queryRows, sql, type Tx } from "@wijkwerk/db";

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
  /**
   * Settled or evaluated requests (SETTLED_STATUSES): the dashboard's "Voorkomen problemen" count. Each names the
   * problem it prevents (submitting requires it).
   */
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

/** One row of workbudgetMonthSelect as it arrives: sums as text (a plain read) or numbers (inside JSON). */
export interface WorkbudgetMonthRaw {
  team_id: string;
  month: string;
  requests: string | number;
  requested: string | number;
  approved: string | number;
  committed: string | number;
  paid: string | number;
  expected: string | number;
  realised: string | number;
  prevented: string | number;
}

/**
 * The start of a statement that folds the workbudget summaries' deltas once before it reads (skipped when another
 * caller is merging: ADR 0017). The statement must name `merged` in its FROM — a CTE nobody reads is not run. What
 * the statement itself reads is the rows as they were when it began, deltas included: the sums are the same.
 */
export const foldingWorkbudgetDeltas = sql`with merged as (select workbudget_summary_merge())`;

/**
 * The select of the figures per team × month, without the merge of the summary's deltas: for a statement that reads
 * them beside something else (the casework figures read them with their cache key, one round trip), which starts
 * with foldingWorkbudgetDeltas, or not: the sums are the same either way.
 */
export function workbudgetMonthSelect(filter: WorkbudgetMonthFilter) {
  const { from, to } = monthBounds(filter);
  return sql`select w.team_id, to_char(w.month, 'YYYY-MM') as month, sum(w.requests) as requests, sum(w.requested_cents) as requested,
          sum(w.approved) as approved, sum(w.reserved_cents + w.paid_cents) as committed, sum(w.paid_cents) as paid,
          sum(w.expected_return_cents) as expected, sum(w.realised_return_cents) as realised, sum(w.settled) as prevented
        from workbudget_summary w
        where w.municipality_id = ${filter.municipalityId} ${filter.teamId ? sql`and w.team_id = ${filter.teamId}` : sql``}
          and w.life_domain = '' and w.month >= ${from}::date and w.month <= ${to}::date
        group by w.team_id, w.month
        having sum(w.requests) <> 0 or sum(w.reserved_cents) <> 0 or sum(w.paid_cents) <> 0`;
}

/** The rows of workbudgetMonthSelect, by month and team. */
export function workbudgetMonthRows(rows: readonly WorkbudgetMonthRaw[]): WorkbudgetMonthRow[] {
  return rows
    .map((r) => ({
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
    }))
    .sort((a, b) => (a.month === b.month ? (a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0) : a.month < b.month ? -1 : 1));
}

/** Per team × month, read from the summary kept in the same transaction as the change. Runs in the caller's scope (RLS). */
export async function workbudgetMonthFigures(tx: Tx, filter: WorkbudgetMonthFilter): Promise<WorkbudgetMonthRow[]> {
  // Folds the deltas in the same round trip.
  const rows = await queryRows<WorkbudgetMonthRaw>(tx, sql`${foldingWorkbudgetDeltas} select x.* from merged, (${workbudgetMonthSelect(filter)}) x`);
  return workbudgetMonthRows(rows);
}
