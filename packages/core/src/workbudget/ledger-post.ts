// Money moves on a budget's pots (docs/decisions/0009-budget-pots.md).
//
// A budget's cached balances are split over a few lock rows ("pots"), each
// with its own CHECKs (nothing negative; funded = available + reserved +
// paid), so available can never go below zero in any pot and therefore not
// in the budget. A move locks ONE pot and is ONE statement: the pot's UPDATE,
// the postings in a CTE, and the command's audit event — so moves on the same
// budget commit in parallel instead of one WAL flush after the other.
//
// Which pot:
// - a request's later moves (release, pay, refund, a card's extra reserve)
//   use the pot that holds its reservation (spend_requests.budget_pot);
// - a new reservation takes any free pot that can cover it (SKIP LOCKED);
//   if all such pots are busy it waits for one; if no single pot can cover
//   it, it locks all pots in order and moves available into one of them
//   ("consolidate") — or refuses when the budget as a whole cannot;
// - funding is spread evenly over all pots.
import { randomUUID } from "node:crypto";
import { queryRows, sql, type Tx } from "@wijkwerk/db";
import { auditAppendCall, type AuditEventInput } from "../audit";
import { balanceDeltas, type Balances, type Posting, type PostingKind } from "./spend-lifecycle";

/** Pots per budget: enough for the approvals of one budget to overlap their commits. */
export const BUDGET_POTS = 8;

export interface MoneyMove {
  municipalityId: string;
  budgetId: string;
  kind: PostingKind;
  postings: Posting[];
  spendId?: string | null;
  /** The pot holding the request's reservation; null or absent: any pot (and the request, if any, is marked as held there). */
  pot?: number | null;
  teamId?: string | null;
  createdBy: string | null;
  /** The posting group's id, when the caller links it elsewhere (a card transaction); else a new one. */
  groupId?: string;
}

/**
 * The move's postings as a CTE body: inserted once per row of `source` (the
 * pot the move was booked on; nothing when no pot took it).
 */
function postingsInsert(move: MoneyMove, groupId: string, source: ReturnType<typeof sql>) {
  const legs = sql.join(
    move.postings.map((p) => sql`(${p.account}::ledger_account, ${p.amountCents}::bigint)`),
    sql`, `,
  );
  return sql`insert into ledger_postings (municipality_id, budget_id, group_id, kind, spend_id, team_id, account, amount_cents, created_by)
      select ${move.municipalityId}::uuid, ${move.budgetId}::uuid, ${groupId}::uuid, ${move.kind}, ${move.spendId ?? null}::uuid, ${move.teamId ?? null}::uuid, leg.account, leg.amount, ${move.createdBy}::uuid
      from ${source} cross join (values ${legs}) as leg(account, amount)
      returning id`;
}

/** Creates a new budget's pots (empty; funding spreads over them). */
export async function createBudgetPots(tx: Tx, budget: { id: string; municipalityId: string }): Promise<void> {
  await tx.execute(
    sql`insert into budget_pots (budget_id, pot, municipality_id) select ${budget.id}::uuid, g, ${budget.municipalityId}::uuid from generate_series(0, ${BUDGET_POTS - 1}) g`,
  );
}

/**
 * Posts the move and returns the pot it was booked on (the request holds
 * its money there from now on); null — and nothing written — when a
 * balance would go below zero.
 *
 * No deadlocks between moves: every attempt runs in a savepoint that is
 * rolled back when it fails, so a move holds at most the one pot it booked
 * on; waiting is only ever for one pot, or for all pots in ascending order
 * (consolidation).
 */
export async function postMoneyMove(tx: Tx, move: MoneyMove, audit?: AuditEventInput): Promise<number | null> {
  const d = balanceDeltas(move.postings);
  const groupId = move.groupId ?? randomUUID();
  if (move.kind === "allocate") return spreadFunding(tx, move, d, groupId, audit);
  const onPot = (pot: number | null, lock: "skip" | "wait") => attempt(tx, () => moveOnPot(tx, move, d, groupId, audit, { pot, lock }));
  const fixed = move.pot ?? null;
  if (fixed !== null) {
    const pot = await onPot(fixed, "wait");
    // Only a move that takes from available can be helped by the other pots.
    if (pot !== null || d.availableCents >= 0 || (await consolidate(tx, move.budgetId, fixed, -d.availableCents)) === null) return pot;
    return moveOnPot(tx, move, d, groupId, audit, { pot: fixed, lock: "wait" });
  }
  const free = await onPot(null, "skip");
  if (free !== null) return free;
  // Every pot that could take it is busy: wait for one of them (a few times, as others may empty it meanwhile).
  for (let i = 0; i < 3; i++) {
    const [{ pot: candidate, available }] = await queryRows<{ pot: number | null; available: string | null }>(
      tx,
      sql`select (select pot from budget_pots where budget_id = ${move.budgetId}::uuid and ${fits(d)} order by random() limit 1) as pot,
                 (select sum(available_cents) from budget_pots where budget_id = ${move.budgetId}::uuid)::text as available`,
    );
    // Not even the whole budget covers it (as committed now): refuse without locking anything. Refusing is always safe.
    if (d.availableCents < 0 && Number(available ?? 0) < -d.availableCents) return null;
    if (candidate === null) break;
    const pot = await onPot(candidate, "wait");
    if (pot !== null) return pot;
  }
  if (d.availableCents >= 0) return null;
  const target = await consolidate(tx, move.budgetId, null, -d.availableCents);
  return target === null ? null : moveOnPot(tx, move, d, groupId, audit, { pot: target, lock: "wait" });
}

/** Runs one try in a savepoint; a failed try is rolled back, which also releases any pot it locked. */
async function attempt(tx: Tx, run: () => Promise<number | null>): Promise<number | null> {
  // Awaited on its own: sent together with the try, the savepoint was not reliably set before it.
  await tx.execute(sql`savepoint money_move`);
  const pot = await run();
  if (pot === null) await tx.execute(sql`rollback to savepoint money_move`);
  return pot;
}

const fits = (d: Balances) =>
  sql`available_cents + ${d.availableCents}::bigint >= 0 and reserved_cents + ${d.reservedCents}::bigint >= 0 and paid_cents + ${d.paidCents}::bigint >= 0`;

/**
 * One statement: lock a pot that can take the move (the given one, or any —
 * skipping busy pots, or waiting for one), update it, insert the postings,
 * mark the request's pot, append the audit event. Null when no pot took it.
 * PostgreSQL re-checks the conditions on the latest row after a wait.
 */
async function moveOnPot(
  tx: Tx,
  move: MoneyMove,
  d: Balances,
  groupId: string,
  audit: AuditEventInput | undefined,
  how: { pot: number | null; lock: "skip" | "wait" },
): Promise<number | null> {
  // Start the search at a random pot, so concurrent moves spread over the pots.
  const start = Math.floor(Math.random() * BUDGET_POTS);
  const markSpend = move.spendId && (move.pot ?? null) === null;
  const rows = await queryRows<{ pot: number | null; posted: number }>(
    tx,
    sql`with chosen as (
      select pot from budget_pots
      where budget_id = ${move.budgetId}::uuid ${how.pot === null ? sql`` : sql`and pot = ${how.pot}::int`} and ${fits(d)}
      order by (pot + ${start}::int) % ${BUDGET_POTS}::int
      limit 1
      for update ${how.lock === "skip" ? sql`skip locked` : sql``}
    ), moved as (
      update budget_pots p set
        funded_cents = funded_cents + ${d.fundedCents}::bigint,
        available_cents = available_cents + ${d.availableCents}::bigint,
        reserved_cents = reserved_cents + ${d.reservedCents}::bigint,
        paid_cents = paid_cents + ${d.paidCents}::bigint
      from chosen
      where p.budget_id = ${move.budgetId}::uuid and p.pot = chosen.pot and ${fits(d)}
      returning p.pot
    ), posted as (${postingsInsert(move, groupId, sql`moved`)})${
      markSpend ? sql`, marked as (update spend_requests s set budget_pot = moved.pot from moved where s.id = ${move.spendId}::uuid returning s.id)` : sql``
    }
    select (select pot from moved) as pot, (select count(*)::int from posted) as posted${markSpend ? sql`, (select count(*) from marked) as marked` : sql``}${
      audit ? sql`, case when exists (select 1 from moved) then ${auditAppendCall(audit)} end as audit_seq` : sql``
    }`,
  );
  return Number(rows[0]?.posted ?? 0) > 0 ? Number(rows[0].pot) : null;
}

/**
 * Locks all of the budget's pots in order and moves available (with its
 * funding) from the others into one pot until it holds `needed`: the given
 * pot, or the fullest. Null when the whole budget has less than `needed`.
 */
async function consolidate(tx: Tx, budgetId: string, targetPot: number | null, needed: number): Promise<number | null> {
  const pots = await queryRows<{ pot: number; available: string }>(
    tx,
    sql`select pot, available_cents::text as available from budget_pots where budget_id = ${budgetId}::uuid order by pot for update`,
  );
  const available = new Map(pots.map((p) => [p.pot, Number(p.available)]));
  const total = [...available.values()].reduce((a, b) => a + b, 0);
  if (total < needed || pots.length === 0) return null;
  const target = targetPot ?? [...available.entries()].sort((a, b) => b[1] - a[1])[0][0];
  let missing = needed - (available.get(target) ?? 0);
  const shifts: [number, number][] = [];
  for (const [pot, cents] of [...available.entries()].filter(([pot]) => pot !== target).sort((a, b) => b[1] - a[1])) {
    if (missing <= 0) break;
    const take = Math.min(cents, missing);
    if (take > 0) shifts.push([pot, -take], [target, take]);
    missing -= take;
  }
  if (shifts.length > 0) {
    const values = sql.join(
      shifts.map(([pot, delta]) => sql`(${pot}::int, ${delta}::bigint)`),
      sql`, `,
    );
    await tx.execute(
      sql`update budget_pots p set funded_cents = p.funded_cents + v.delta, available_cents = p.available_cents + v.delta
          from (select pot, sum(delta) as delta from (values ${values}) as x(pot, delta) group by pot) v
          where p.budget_id = ${budgetId}::uuid and p.pot = v.pot`,
    );
  }
  return target;
}

/** Funding (a new budget or a top-up) spread evenly over the pots, locked in order; the postings name the budget, not a pot. */
async function spreadFunding(tx: Tx, move: MoneyMove, d: Balances, groupId: string, audit?: AuditEventInput): Promise<number | null> {
  const pots = await queryRows<{ pot: number }>(tx, sql`select pot from budget_pots where budget_id = ${move.budgetId}::uuid order by pot for update`);
  if (pots.length === 0 || d.availableCents < 0 || d.fundedCents !== d.availableCents) return null;
  const share = Math.floor(d.availableCents / pots.length);
  const first = d.availableCents - share * (pots.length - 1);
  await queryRows(
    tx,
    sql`with moved as (
      update budget_pots set
        funded_cents = funded_cents + case when pot = ${pots[0].pot}::int then ${first}::bigint else ${share}::bigint end,
        available_cents = available_cents + case when pot = ${pots[0].pot}::int then ${first}::bigint else ${share}::bigint end
      where budget_id = ${move.budgetId}::uuid
      returning pot
    ), posted as (${postingsInsert(move, groupId, sql`(select 1) as once`)})
    select (select count(*) from moved) as pots, (select count(*) from posted) as posted${audit ? sql`, ${auditAppendCall(audit)} as audit_seq` : sql``}`,
  );
  return pots[0].pot;
}
