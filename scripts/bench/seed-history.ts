// City-scale history for the ledger benchmark: 8 teams × 10 years with about
// 10.000 requests per year (≈ 100.000 in all) and their postings, written in
// bulk SQL (the use cases would take hours) but with exactly the postings
// the use cases make, so `checkLedger` must pass afterwards.
import { queryRows, sql, type Database } from "@wijkwerk/db";
import { BUDGET_POTS } from "@wijkwerk/core/workbudget";

export interface HistoryOptions {
  municipalityId: string;
  firstYear: number;
  years: number;
  spendsPerYear: number;
  controllerId: string;
}

/** Status mix per request (by its number modulo 20), as real years would end. */
const STATUS_SQL = sql`case
  when n % 20 < 11 then 'evaluated' when n % 20 < 13 then 'settled' when n % 20 < 15 then 'paid'
  when n % 20 < 17 then 'approved' when n % 20 = 17 then 'rejected' when n % 20 = 18 then 'submitted' else 'cancelled' end`;

export async function seedHistory(db: Database, o: HistoryOptions): Promise<{ spends: number; postings: number }> {
  const teamRows = await queryRows<{ id: string; author: string }>(
    db,
    sql`select t.id, (select m.user_id from active_team_memberships m where m.team_id = t.id and m.role = 'member' order by m.member_since limit 1) as author
        from teams t where t.municipality_id = ${o.municipalityId} and t.active_to is null order by t.slug`,
  );
  // Postgres array literals: a JS array would be sent as a row, not an array.
  const teamIds = `{${teamRows.map((t) => t.id).join(",")}}`;
  const authors = `{${teamRows.map((t) => t.author).join(",")}}`;
  const teamCount = teamRows.length;
  const norm =
    (await queryRows<{ id: string }>(db, sql`select id from return_norms where municipality_id = ${o.municipalityId} order by code limit 1`))[0]?.id ?? null;

  for (let y = o.firstYear; y < o.firstYear + o.years; y++) {
    // A budget big enough for the year's requests (synthetic: the real one is € 150.000).
    const [budget] = await queryRows<{ id: string }>(
      db,
      sql`insert into budgets (municipality_id, year, name, approval_threshold_cents) values (${o.municipalityId}, ${y}, ${`Werkbudget ${y} (benchmark)`}, 10000000)
          on conflict (municipality_id, year) do update set name = excluded.name returning id`,
    );
    await db.execute(sql`insert into ledger_postings (municipality_id, budget_id, group_id, kind, account, amount_cents, created_at)
      select ${o.municipalityId}::uuid, ${budget.id}::uuid, g, 'allocate', a.account::ledger_account, a.amount, ${`${y}-01-01`}::timestamptz
      from gen_random_uuid() g, (values ('funding', -2000000000::bigint), ('available', 2000000000::bigint)) a(account, amount)`);

    // The requests of the year, spread over teams, months, amounts and statuses.
    await db.execute(sql`insert into spend_requests (municipality_id, team_id, budget_id, author_id, status, amount_cents, needed_on, purpose, supplier, rationale, problem_prevented,
        life_domains, resident_ref, norm_id, expected_return_cents, expected_social_domains, expected_social_return, approved_by, approved_at, paid_cents, payment_date, payment_method,
        settled_cents, settled_at, evaluation, evaluated_at, created_at, updated_at)
      select ${o.municipalityId}::uuid, (${teamIds}::uuid[])[1 + n % ${teamCount}], ${budget.id}::uuid, (${authors}::uuid[])[1 + n % ${teamCount}], (${STATUS_SQL})::spend_status,
        amount, d, 'Benchmark ' || n, 'Leverancier', 'Reden', 'Probleem', array[(array['financien','werk_opleiding','huisvesting','sociaal_netwerk'])[1 + n % 4]], 'BM-' || n,
        case when n % 3 = 0 then ${norm}::uuid end, case when n % 3 = 0 then 1600000 else (n % 7) * 10000 end, array['maatschappelijke_participatie'], 'Meedoen',
        case when n % 20 < 17 then ${o.controllerId}::uuid end, case when n % 20 < 17 then d::timestamptz end,
        case when n % 20 < 15 then amount else 0 end, case when n % 20 < 15 then d end, case when n % 20 < 15 then 'bank_transfer' end,
        case when n % 20 < 13 then amount - (n % 5) * 100 end, case when n % 20 < 13 then d::timestamptz + interval '14 days' end,
        case when n % 20 < 11 then jsonb_build_object('prevented', 'yes', 'realisedReturnCents', case when n % 3 = 0 then 1600000 else 0 end, 'otherRegulationApplied', n % 4 = 0,
          'otherRegulation', case when n % 4 = 0 then 'bijzondere_bijstand' end, 'otherRegulationAmountCents', case when n % 4 = 0 then amount end, 'otherRegulationLeadDays', case when n % 4 = 0 then 21 end) end,
        case when n % 20 < 11 then d::timestamptz + interval '100 days' end, d::timestamptz, d::timestamptz
      from (select n, (${`${y}-01-01`}::date + (n % 360)) as d, 1000 + (n * 7919) % 90000 as amount from generate_series(1, ${o.spendsPerYear}) n) s`);

    // Postings exactly as the use cases make them: reserve, pay, release + refund at settlement, release on cancel.
    await db.execute(sql`insert into ledger_postings (municipality_id, budget_id, group_id, kind, spend_id, team_id, account, amount_cents, created_by, created_at)
      select s.municipality_id, s.budget_id, m.group_id, m.kind, s.id, s.team_id, leg.account::ledger_account, leg.sign * m.amount, ${o.controllerId}::uuid, m.at
      from spend_requests s
      cross join lateral (
        select * from (values
          ('reserve', s.amount_cents, 'available', 'reserved', s.approved_at, s.status in ('approved','paid','settled','evaluated','cancelled') and s.approved_at is not null),
          ('pay', s.paid_cents, 'reserved', 'paid', s.payment_date::timestamptz, s.paid_cents > 0),
          ('release', s.amount_cents - s.paid_cents, 'reserved', 'available', s.settled_at, s.status in ('settled','evaluated') and s.amount_cents > s.paid_cents),
          ('refund', s.paid_cents - coalesce(s.settled_cents, 0), 'paid', 'available', s.settled_at, s.status in ('settled','evaluated') and s.paid_cents > s.settled_cents)
        ) v(kind, amount, from_account, to_account, at, applies)
        where applies
      ) mv
      -- One group per (request, move): deterministic, so both legs share it whatever the planner does.
      cross join lateral (select md5(s.id::text || mv.kind)::uuid as group_id, mv.kind, mv.amount, mv.at, mv.from_account, mv.to_account) m
      cross join lateral (values (m.from_account, -1), (m.to_account, 1)) leg(account, sign)
      where s.budget_id = ${budget.id} and s.purpose like 'Benchmark %'`);
    // Cancelled requests in this history were cancelled after approval: give the reservation back.
    await db.execute(sql`insert into ledger_postings (municipality_id, budget_id, group_id, kind, spend_id, team_id, account, amount_cents, created_by, created_at)
      select s.municipality_id, s.budget_id, g.id, 'release', s.id, s.team_id, leg.account::ledger_account, leg.sign * s.amount_cents, ${o.controllerId}::uuid, s.updated_at
      from spend_requests s cross join lateral (select md5(s.id::text || 'cancel')::uuid as id) g cross join (values ('reserved', -1), ('available', 1)) leg(account, sign)
      where s.budget_id = ${budget.id} and s.status = 'cancelled' and s.approved_at is not null`);
    // The balances, as the use cases keep them: everything in pot 0 (the history's requests hold their money there), the other pots empty.
    // The demo's budget of this year already has pots: they are rebuilt from all of its postings.
    await db.execute(sql`delete from budget_pots where budget_id = ${budget.id}`);
    await db.execute(sql`insert into budget_pots (budget_id, pot, municipality_id, funded_cents, available_cents, reserved_cents, paid_cents)
      select b.id, g, b.municipality_id,
        case when g = 0 then coalesce((select -sum(amount_cents) from ledger_postings p where p.budget_id = b.id and p.account = 'funding'), 0) else 0 end,
        case when g = 0 then coalesce((select sum(amount_cents) from ledger_postings p where p.budget_id = b.id and p.account = 'available'), 0) else 0 end,
        case when g = 0 then coalesce((select sum(amount_cents) from ledger_postings p where p.budget_id = b.id and p.account = 'reserved'), 0) else 0 end,
        case when g = 0 then coalesce((select sum(amount_cents) from ledger_postings p where p.budget_id = b.id and p.account = 'paid'), 0) else 0 end
      from budgets b cross join generate_series(0, ${BUDGET_POTS - 1}) g
      where b.id = ${budget.id}`);
    await db.execute(sql`update spend_requests set budget_pot = 0 where budget_id = ${budget.id} and approved_at is not null`);
  }
  await db.execute(sql`analyze`);
  const [{ spends, postings }] = await queryRows<{ spends: string; postings: string }>(
    db,
    sql`select (select count(*) from spend_requests)::text as spends, (select count(*) from ledger_postings)::text as postings`,
  );
  return { spends: Number(spends), postings: Number(postings) };
}
