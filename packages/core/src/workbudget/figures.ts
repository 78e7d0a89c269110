// One definition per workbudget figure (docs/workbudget.md, "What the figures
// mean"). The controller's dashboard, the printable annual report, the finance
// CSV, the request lists and the partner dashboard all count and sum through
// these status sets and SQL fragments, so a figure shown in two places cannot
// mean two things. Money per request is never re-derived from the request's
// columns (amount, paid, settled): it is the request's balance in the ledger,
// so the sums over requests are the ledger's balances by construction — also
// after partial payments, settlement refunds and card refunds.
import { sql } from "@wijkwerk/db";
import type { SpendStatus } from "./spend-lifecycle";

type SQL = ReturnType<typeof sql>;

/** Approved: the final approval was given and the request was not withdrawn (money is or was committed). */
export const APPROVED_STATUSES = ["approved", "paid", "settled", "evaluated"] as const satisfies readonly SpendStatus[];
/** Waiting for the controller (the approval queue). */
export const WAITING_STATUSES = ["submitted", "endorsed", "awaiting_second_approval"] as const satisfies readonly SpendStatus[];
/**
 * Not a request in any count: a draft was never submitted, a cancelled one
 * was withdrawn by its author. Everything else is a (submitted) request —
 * waiting, sent back for information, rejected or approved.
 * partner_request_counts() (migration 0025) uses the same set.
 */
export const UNCOUNTED_STATUSES = ["draft", "cancelled"] as const satisfies readonly SpendStatus[];
/** Settled or evaluated: the actual cost is known. */
export const SETTLED_STATUSES = ["settled", "evaluated"] as const satisfies readonly SpendStatus[];

const inList = (statuses: readonly string[]) => statuses.map((s) => `'${s}'`).join(", ");

/** Predicates on a request's status, for spend_requests (or a set of its rows) under `alias`. */
export const isRequestSql = (alias = "s"): SQL => sql.raw(`${alias}.status not in (${inList(UNCOUNTED_STATUSES)})`);
export const isApprovedSql = (alias = "s"): SQL => sql.raw(`${alias}.status in (${inList(APPROVED_STATUSES)})`);
export const isWaitingSql = (alias = "s"): SQL => sql.raw(`${alias}.status in (${inList(WAITING_STATUSES)})`);
export const isSettledSql = (alias = "s"): SQL => sql.raw(`${alias}.status in (${inList(SETTLED_STATUSES)})`);

/**
 * A request's balances in the ledger: the sums of its postings `p` on the
 * reserved and the paid account, and how many postings it has.
 */
const LEDGER_BALANCES = sql.raw(`coalesce(sum(p.amount_cents) filter (where p.account = 'reserved'), 0)::bigint as reserved_cents,
    coalesce(sum(p.amount_cents) filter (where p.account = 'paid'), 0)::bigint as paid_cents,
    count(*)::int as postings`);

/**
 * The balances of every request of a budget, grouped from one scan of the
 * budget's postings (spend_id, reserved_cents, paid_cents, postings): for
 * queries over (nearly) all of a budget's requests, joined by hash.
 */
export const budgetSpendBalancesSql = (budgetId: SQL | string): SQL =>
  sql`select p.spend_id, ${LEDGER_BALANCES} from ledger_postings p where p.budget_id = ${budgetId} and p.spend_id is not null group by p.spend_id`;

/**
 * The balances of one request `s` (lateral, one index lookup per row that
 * passes the query's other conditions): for short lists. Same columns.
 */
export const spendBalancesLateralSql = (alias = "s"): SQL =>
  sql`cross join lateral (select ${LEDGER_BALANCES} from ledger_postings p where p.spend_id = ${sql.raw(`${alias}.id`)}) m`;

/** Given the balances as `m` (either form; null when the request has no postings): */
export const reservedSql = (m = "m"): SQL => sql.raw(`coalesce(${m}.reserved_cents, 0)`);
/** Paid for the request now: paid out minus what came back (settlement refund, card refunds); after settlement its actual cost. */
export const paidSql = (m = "m"): SQL => sql.raw(`coalesce(${m}.paid_cents, 0)`);
/** Committed = reserved + paid: the request's cost to the workbudget ("Vastgelegd"). */
export const committedSql = (m = "m"): SQL => sql.raw(`(coalesce(${m}.reserved_cents, 0) + coalesce(${m}.paid_cents, 0))`);
/** The request holds or held money (it has postings). */
export const heldMoneySql = (m = "m"): SQL => sql.raw(`coalesce(${m}.postings, 0) > 0`);

/**
 * Created in the period [from, to] (inclusive yyyy-mm-dd days in
 * Europe/Amsterdam), for the filters of the dashboard and the request lists.
 * `date::timestamp at time zone` gives the instant of midnight in Amsterdam;
 * `date at time zone` would use the session's time zone first (an hour off).
 */
export function createdInPeriodSql(column: SQL, from: string | null | undefined, to: string | null | undefined): SQL[] {
  const parts: SQL[] = [];
  if (from) parts.push(sql`${column} >= (${from}::date)::timestamp at time zone 'Europe/Amsterdam'`);
  if (to) parts.push(sql`${column} < (${to}::date + 1)::timestamp at time zone 'Europe/Amsterdam'`);
  return parts;
}
