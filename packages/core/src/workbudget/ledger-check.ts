// The ledger's invariants, checked over the whole database (owner
// connection; an operator's command, run in CI after the end-to-end tests):
// every posting group sums to zero; each budget's cached balances (the sums
// over its pots) equal its postings and none is negative, nor any pot; no request holds a negative reserved or
// paid amount; every paid request has exactly one payment (by card: one per
// captured transaction); every Stripe Issuing transaction maps to exactly
// one posting group; the workbudget's summaries (ADR 0017) equal the figures
// recomputed from the requests and postings; the audit chain is intact.
import { queryRows, sql, type Database } from "@wijkwerk/db";
import { verifyAuditChain } from "../audit";
import { describeSummaryDifference, summaryDifferences } from "./summary-check";

export interface LedgerCheckResult {
  budgets: number;
  postings: number;
  problems: string[];
}

export async function checkLedger(db: Database): Promise<LedgerCheckResult> {
  const problems: string[] = [];
  const unbalanced = await queryRows<{ group_id: string; total: string }>(
    db,
    sql`select group_id, sum(amount_cents)::text as total from ledger_postings group by group_id having sum(amount_cents) <> 0`,
  );
  for (const g of unbalanced) problems.push(`boekingsgroep ${g.group_id} telt op tot ${g.total} in plaats van 0`);

  const balances = await queryRows<{
    id: string;
    year: number;
    funded: string;
    available: string;
    reserved: string;
    paid: string;
    p_funding: string;
    p_available: string;
    p_reserved: string;
    p_paid: string;
  }>(
    db,
    sql`select b.id, b.year, b.funded_cents::text as funded, b.available_cents::text as available, b.reserved_cents::text as reserved, b.paid_cents::text as paid,
          coalesce(-sum(p.amount_cents) filter (where p.account = 'funding'), 0)::text as p_funding,
          coalesce(sum(p.amount_cents) filter (where p.account = 'available'), 0)::text as p_available,
          coalesce(sum(p.amount_cents) filter (where p.account = 'reserved'), 0)::text as p_reserved,
          coalesce(sum(p.amount_cents) filter (where p.account = 'paid'), 0)::text as p_paid
        from budget_balances b left join ledger_postings p on p.budget_id = b.id
        group by b.id, b.year, b.funded_cents, b.available_cents, b.reserved_cents, b.paid_cents`,
  );
  for (const b of balances) {
    const pairs: [string, string, string][] = [
      ["gefinancierd", b.funded, b.p_funding],
      ["beschikbaar", b.available, b.p_available],
      ["gereserveerd", b.reserved, b.p_reserved],
      ["betaald", b.paid, b.p_paid],
    ];
    for (const [label, cached, posted] of pairs)
      if (cached !== posted) problems.push(`budget ${b.year}: ${label} ${cached} wijkt af van de boekingen (${posted})`);
    if (Number(b.p_available) < 0) problems.push(`budget ${b.year}: beschikbaar is negatief (${b.p_available})`);
    if (Number(b.p_funding) !== Number(b.p_available) + Number(b.p_reserved) + Number(b.p_paid))
      problems.push(`budget ${b.year}: gefinancierd ≠ beschikbaar + gereserveerd + betaald`);
  }

  // The pots: each one balanced and nothing negative (their CHECKs say so too; this also catches a disabled constraint).
  const pots = await queryRows<{ year: number; pot: number }>(
    db,
    sql`select b.year, p.pot from budget_pots p join budgets b on b.id = p.budget_id
        where p.available_cents < 0 or p.reserved_cents < 0 or p.paid_cents < 0 or p.funded_cents <> p.available_cents + p.reserved_cents + p.paid_cents`,
  );
  for (const p of pots) problems.push(`budget ${p.year}: pot ${p.pot} is negatief of niet in evenwicht`);

  const negative = await queryRows<{ spend_id: string; account: string; total: string }>(
    db,
    sql`select spend_id, account::text, sum(amount_cents)::text as total from ledger_postings where spend_id is not null and account in ('reserved', 'paid') group by spend_id, account having sum(amount_cents) < 0`,
  );
  for (const n of negative) problems.push(`aanvraag ${n.spend_id}: ${n.account} is negatief (${n.total})`);

  // A request paid by hand has one payment; one paid by card has one per captured card transaction.
  const payments = await queryRows<{ id: string; status: string; payments: string; captures: string }>(
    db,
    sql`select s.id, s.status::text, (select count(distinct p.group_id) from ledger_postings p where p.spend_id = s.id and p.kind = 'pay')::text as payments,
          (select count(*) from issuing_transactions t where t.spend_id = s.id and t.type = 'capture' and t.ledger_group_id is not null)::text as captures
        from spend_requests s where s.status in ('paid', 'settled', 'evaluated')`,
  );
  for (const p of payments) {
    const expected = p.captures === "0" ? "1" : p.captures;
    if (p.payments !== expected) problems.push(`aanvraag ${p.id} (${p.status}) heeft ${p.payments} betalingen in plaats van ${expected}`);
  }

  // Stripe Issuing: every card transaction maps to exactly one posting group of its kind and amount, and no card posting lacks its transaction.
  const cardTransactions = await queryRows<{
    id: string;
    type: string;
    amount: string;
    problem: string | null;
    groups: string;
    kinds: string | null;
    moved: string | null;
    spend_ok: boolean;
  }>(
    db,
    sql`select t.id, t.type, t.amount_cents::text as amount, t.problem,
          (select count(distinct p.group_id) from ledger_postings p where p.group_id = t.ledger_group_id)::text as groups,
          (select string_agg(distinct p.kind, ',') from ledger_postings p where p.group_id = t.ledger_group_id) as kinds,
          (select sum(p.amount_cents) filter (where p.amount_cents > 0) from ledger_postings p where p.group_id = t.ledger_group_id)::text as moved,
          coalesce((select bool_and(p.spend_id = t.spend_id) from ledger_postings p where p.group_id = t.ledger_group_id), true) as spend_ok
        from issuing_transactions t`,
  );
  for (const t of cardTransactions) {
    const kind = t.type === "capture" ? "pay" : "refund";
    if (t.groups !== "1") problems.push(`kaarttransactie ${t.id} (${t.type}) heeft ${t.groups} boekingen in plaats van 1${t.problem ? ` (${t.problem})` : ""}`);
    else if (t.kinds !== kind || t.moved !== t.amount || !t.spend_ok)
      problems.push(`kaarttransactie ${t.id}: boeking (${t.kinds} ${t.moved}) past niet bij ${t.type} ${t.amount}`);
  }
  const orphanCardPostings = await queryRows<{ group_id: string }>(
    db,
    sql`select distinct p.group_id from ledger_postings p
        where p.kind in ('pay', 'refund') and p.created_by is null and p.spend_id is not null
          and not exists (select 1 from issuing_transactions t where t.ledger_group_id = p.group_id)`,
  );
  for (const o of orphanCardPostings) problems.push(`kaartboeking ${o.group_id} hoort bij geen enkele kaarttransactie`);
  const paidElsewhere = await queryRows<{ id: string; status: string }>(
    db,
    sql`select distinct s.id, s.status::text from spend_requests s join ledger_postings p on p.spend_id = s.id and p.kind = 'pay' where s.status not in ('paid', 'settled', 'evaluated')`,
  );
  for (const p of paidElsewhere) problems.push(`aanvraag ${p.id} heeft een betaling maar status ${p.status}`);

  // The summaries the reports read (workbudget_summary, ledger_month_summary), recomputed from the rows.
  for (const d of await summaryDifferences(db)) problems.push(describeSummaryDifference(d));

  const audit = await verifyAuditChain(db);
  for (const b of audit.breaks) problems.push(`auditketen: breuk bij gebeurtenis ${b.seq}: ${b.reason}`);

  const [{ count }] = await queryRows<{ count: string }>(db, sql`select count(*)::text as count from ledger_postings`);
  return { budgets: balances.length, postings: Number(count), problems };
}
