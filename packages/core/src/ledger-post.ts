// One money move as ONE statement: the budget row's UPDATE takes its lock,
// checks that no balance goes below zero against the latest committed row
// (PostgreSQL re-evaluates the WHERE after waiting for the lock), and the
// postings are inserted only when that row was updated. One round trip under
// the lock instead of select-for-update, insert and update. The command's
// audit event can ride along, so the locks are held for this statement and
// the commit only.
import { randomUUID } from "node:crypto";
import { queryRows, sql, type Tx } from "@wijkwerk/db";
import { auditAppendCall, type AuditEventInput } from "./audit";
import { balanceDeltas, type Posting, type PostingKind } from "./ledger-rules";

export interface MoneyMove {
  municipalityId: string;
  budgetId: string;
  kind: PostingKind;
  postings: Posting[];
  spendId?: string | null;
  teamId?: string | null;
  createdBy: string | null;
  /** The posting group's id, when the caller links it elsewhere (a card transaction); else a new one. */
  groupId?: string;
}

/** Posts the move; false (and nothing written) when a balance would go below zero. */
export async function postMoneyMove(tx: Tx, move: MoneyMove, audit?: AuditEventInput): Promise<boolean> {
  const d = balanceDeltas(move.postings);
  const groupId = move.groupId ?? randomUUID();
  const legs = sql.join(
    move.postings.map((p) => sql`(${p.account}::ledger_account, ${p.amountCents}::bigint)`),
    sql`, `,
  );
  const rows = await queryRows<{ posted: number }>(
    tx,
    sql`with moved as (
      update budgets set
        funded_cents = funded_cents + ${d.fundedCents}::bigint,
        available_cents = available_cents + ${d.availableCents}::bigint,
        reserved_cents = reserved_cents + ${d.reservedCents}::bigint,
        paid_cents = paid_cents + ${d.paidCents}::bigint
      where id = ${move.budgetId}::uuid
        and available_cents + ${d.availableCents}::bigint >= 0
        and reserved_cents + ${d.reservedCents}::bigint >= 0
        and paid_cents + ${d.paidCents}::bigint >= 0
      returning id
    ),
    posted as (
    insert into ledger_postings (municipality_id, budget_id, group_id, kind, spend_id, team_id, account, amount_cents, created_by)
    select ${move.municipalityId}::uuid, moved.id, ${groupId}::uuid, ${move.kind}, ${move.spendId ?? null}::uuid, ${move.teamId ?? null}::uuid, leg.account, leg.amount, ${move.createdBy}::uuid
    from moved cross join (values ${legs}) as leg(account, amount)
    returning id)
    select (select count(*)::int from posted) as posted${audit ? sql`, ${auditAppendCall(audit)} as audit_seq` : sql``}`,
  );
  // Nothing posted: the caller throws, and the rollback takes the audit event with it.
  return Number(rows[0]?.posted ?? 0) > 0;
}
