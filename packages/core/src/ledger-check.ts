// The ledger's invariants, checked over the whole database (owner
// connection; an operator's command, run in CI after the end-to-end tests):
// every posting group sums to zero; each budget's cached balances equal its
// postings and none is negative; no request holds a negative reserved or
// paid amount; every paid request has exactly one payment; the audit chain
// is intact.
import { queryRows, sql, type Database } from "@wijkwerk/db";
import { verifyAuditChain } from "./audit";

export interface LedgerCheckResult {
  budgets: number;
  postings: number;
  problems: string[];
}

export async function checkLedger(db: Database): Promise<LedgerCheckResult> {
  const problems: string[] = [];
  const unbalanced = await queryRows<{ group_id: string; total: string }>(db, sql`select group_id, sum(amount_cents)::text as total from ledger_postings group by group_id having sum(amount_cents) <> 0`);
  for (const g of unbalanced) problems.push(`boekingsgroep ${g.group_id} telt op tot ${g.total} in plaats van 0`);

  const balances = await queryRows<{ id: string; year: number; funded: string; available: string; reserved: string; paid: string; p_funding: string; p_available: string; p_reserved: string; p_paid: string }>(
    db,
    sql`select b.id, b.year, b.funded_cents::text as funded, b.available_cents::text as available, b.reserved_cents::text as reserved, b.paid_cents::text as paid,
          coalesce(-sum(p.amount_cents) filter (where p.account = 'funding'), 0)::text as p_funding,
          coalesce(sum(p.amount_cents) filter (where p.account = 'available'), 0)::text as p_available,
          coalesce(sum(p.amount_cents) filter (where p.account = 'reserved'), 0)::text as p_reserved,
          coalesce(sum(p.amount_cents) filter (where p.account = 'paid'), 0)::text as p_paid
        from budgets b left join ledger_postings p on p.budget_id = b.id group by b.id`,
  );
  for (const b of balances) {
    const pairs: [string, string, string][] = [["gefinancierd", b.funded, b.p_funding], ["beschikbaar", b.available, b.p_available], ["gereserveerd", b.reserved, b.p_reserved], ["betaald", b.paid, b.p_paid]];
    for (const [label, cached, posted] of pairs) if (cached !== posted) problems.push(`budget ${b.year}: ${label} ${cached} wijkt af van de boekingen (${posted})`);
    if (Number(b.p_available) < 0) problems.push(`budget ${b.year}: beschikbaar is negatief (${b.p_available})`);
    if (Number(b.p_funding) !== Number(b.p_available) + Number(b.p_reserved) + Number(b.p_paid)) problems.push(`budget ${b.year}: gefinancierd ≠ beschikbaar + gereserveerd + betaald`);
  }

  const negative = await queryRows<{ spend_id: string; account: string; total: string }>(
    db,
    sql`select spend_id, account::text, sum(amount_cents)::text as total from ledger_postings where spend_id is not null and account in ('reserved', 'paid') group by spend_id, account having sum(amount_cents) < 0`,
  );
  for (const n of negative) problems.push(`aanvraag ${n.spend_id}: ${n.account} is negatief (${n.total})`);

  const payments = await queryRows<{ id: string; status: string; payments: string }>(
    db,
    sql`select s.id, s.status::text, (select count(distinct p.group_id) from ledger_postings p where p.spend_id = s.id and p.kind = 'pay')::text as payments
        from spend_requests s where s.status in ('paid', 'settled', 'evaluated')`,
  );
  for (const p of payments) if (p.payments !== "1") problems.push(`aanvraag ${p.id} (${p.status}) heeft ${p.payments} betalingen in plaats van 1`);
  const paidElsewhere = await queryRows<{ id: string; status: string }>(
    db,
    sql`select distinct s.id, s.status::text from spend_requests s join ledger_postings p on p.spend_id = s.id and p.kind = 'pay' where s.status not in ('paid', 'settled', 'evaluated')`,
  );
  for (const p of paidElsewhere) problems.push(`aanvraag ${p.id} heeft een betaling maar status ${p.status}`);

  const audit = await verifyAuditChain(db);
  for (const b of audit.breaks) problems.push(`auditketen: breuk bij gebeurtenis ${b.seq}: ${b.reason}`);

  const [{ count }] = await queryRows<{ count: string }>(db, sql`select count(*)::text as count from ledger_postings`);
  return { budgets: balances.length, postings: Number(count), problems };
}
