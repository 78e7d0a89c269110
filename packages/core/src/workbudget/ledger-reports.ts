// The budget controller's reports on the workbudget: the dashboard of one
// budget year (key figures from the ledger, burn-down per month, breakdowns,
// returns, prevented problems, alternative-regulation differences, the
// approval queue) and the finance CSV exports (one row per posting or per
// spend). Two walls, as everywhere: the ability (read Budget and read Spend
// in the whole municipality — team members do not have the latter) and
// row-level security, because every query runs inside withScope.
import { calendarDate, type UseCaseContext, invalidInput, amsterdamDay, amsterdamMonth, isoDateOf, csvText as text, writeCsv, centsToEuros } from "../common";
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, type Tx, withScope } from "@wijkwerk/db";

import { z } from "zod";
import { foldingWorkbudgetDeltas } from "./month-figures";
import { spendReference } from "./spend-queries";
import {
  budgetSpendBalancesSql,
  committedSql,
  createdInPeriodSql,
  heldMoneySql,
  isSettledSql,
  isWaitingSql,
  paidSql,
  reservedSql,
  spendBalancesLateralSql,
} from "./figures";

const isoDate = calendarDate();

export const dashboardFilters = z
  .object({
    year: z.number().int().min(2000).max(2100),
    teamId: z.string().uuid().nullish(),
    from: isoDate.nullish(),
    to: isoDate.nullish(),
  })
  .refine((f) => !(f.from && f.to && f.from > f.to), { path: ["to"] });
export type DashboardFilters = z.input<typeof dashboardFilters>;

/** Read Budget and read Spend across the municipality: the controller, not a team member. */
function assertMayReport(ctx: UseCaseContext): string {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Budget", { municipalityId }));
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Spend", { municipalityId }));
  return municipalityId;
}

export interface BudgetTotals {
  fundedCents: number;
  reservedCents: number;
  paidCents: number;
  availableCents: number;
}

export interface BurnDownPoint {
  /** yyyy-mm */
  month: string;
  /** Reserved + paid at the end of the month (or now, for the current month); null for months still to come. */
  committedCents: number | null;
  availableCents: number | null;
}

/**
 * Counts and money of a set of requests (one team's, or all that pass the
 * filters). The definitions are in figures.ts and docs/workbudget.md.
 */
export interface RequestFigures {
  /** Requests: submitted and not withdrawn (every status but draft and cancelled). */
  requestCount: number;
  /** Approved and not withdrawn (approved, paid, settled, evaluated). */
  approvedCount: number;
  /** Their balances in the ledger: reserved now, */
  reservedCents: number;
  /** paid now (net of refunds; after settlement the actual cost), */
  paidCents: number;
  /** and committed = reserved + paid (the cost to the workbudget). */
  committedCents: number;
}

export interface TeamBreakdown extends RequestFigures {
  teamId: string;
  teamName: string;
}

export interface DomainBreakdown {
  domain: string;
  /** Approved requests touching this domain (a request counts in each of its domains). */
  count: number;
  /** Their cost to the workbudget (committed). */
  costCents: number;
}

export interface NormBreakdown {
  normId: string | null;
  code: string | null;
  label: string | null;
  count: number;
  expectedReturnCents: number;
  costCents: number;
}

export interface PreventedRow {
  spendId: string;
  reference: string;
  teamName: string;
  problemPrevented: string;
  /** yes | partly | no | unknown; null while the evaluation is still to come. */
  prevented: string | null;
  costCents: number;
}

export interface AlternativeRow {
  spendId: string;
  reference: string;
  teamName: string;
  regulation: string;
  workbudgetCostCents: number;
  regulationAmountCents: number;
  /** Workbudget cost − regulation amount: positive = the workbudget route cost more. */
  differenceCents: number;
  regulationLeadDays: number;
  /** Days from submission to payment through the workbudget. */
  workbudgetDays: number;
  /** Regulation lead time − workbudget days. */
  daysGained: number;
}

export interface WorkbudgetDashboard {
  year: number;
  budget: { id: string; name: string; approvalThresholdCents: number; evaluationAfterMonths: number } | null;
  /** The budget's balances from the sum of its postings. */
  totals: BudgetTotals;
  /** The cached balances (the sums over the budget's pots; must equal totals). */
  cached: BudgetTotals;
  totalsMatchCache: boolean;
  burnDown: BurnDownPoint[];
  /** The requests that pass the team and period filters, together: the per-team table's total row. Without filters the money equals the ledger's totals. */
  requests: RequestFigures;
  perTeam: TeamBreakdown[];
  perLifeDomain: DomainBreakdown[];
  perNorm: NormBreakdown[];
  returns: {
    /** Committed (reserved + paid) to the requests: requests.committedCents. */
    committedCostCents: number;
    expectedReturnCents: number;
    /** expected / committed cost; null when nothing is committed. */
    expectedRatio: number | null;
    evaluatedCount: number;
    /** Committed to the evaluated requests: their actual cost. */
    evaluatedCostCents: number;
    realisedReturnCents: number;
    /** realised / evaluated cost; null when nothing is evaluated. */
    realisedRatio: number | null;
  };
  /** The most recent settled/evaluated requests (LIST_LIMIT; on the dashboard DASHBOARD_LIST_LIMIT); preventedTotal counts all. */
  prevented: PreventedRow[];
  preventedTotal: number;
  /** rows: the most recent (as prevented); totals: over all of them. */
  alternatives: {
    rows: AlternativeRow[];
    totals: { count: number; workbudgetCostCents: number; regulationAmountCents: number; differenceCents: number; daysGained: number };
  };
  queue: { count: number; oldestWaitingSince: string | null; oldestWaitingDays: number | null };
  /** Settled requests whose evaluation date (Amsterdam day) has passed without an evaluation. */
  overdueEvaluations: { count: number; oldestDueOn: string | null };
}

/** How many rows the lists of the printed report show (the CSV has them all). */
export const LIST_LIMIT = 50;
/**
 * How many the dashboard's lists show: an overview, with the totals over all and the report and CSV for the rest.
 * Fifty rows each were 60 % of the page and of its render — what 50 controllers at once waited for (docs/benchmarks.md).
 */
export const DASHBOARD_LIST_LIMIT = 10;
const num = (v: unknown) => Number(v ?? 0);
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
const emptyTotals = (): BudgetTotals => ({ fundedCents: 0, reservedCents: 0, paidCents: 0, availableCents: 0 });
const emptyFigures = (): RequestFigures => ({ requestCount: 0, approvedCount: 0, reservedCents: 0, paidCents: 0, committedCents: 0 });

/** A row of the breakdowns' statement: per team (and the total row), per norm, per life domain. */
interface BreakdownRow {
  kind: "team" | "norm" | "domain";
  key: string | null;
  name: string | null;
  code: string | null;
  is_total: number;
  requests: number | string;
  approved: number | string;
  reserved: number | string;
  paid: number | string;
  committed: number | string;
  expected: number | string;
  evaluated_count: number | string;
  evaluated_cost: number | string;
  realised: number | string;
  settled: number | string;
  alternatives: number | string;
  alternatives_cost: number | string;
  alternatives_regulation: number | string;
  alternatives_days_gained: number | string;
}

/**
 * The controller's dashboard for one budget year. The key figures and the
 * burn-down are the whole budget's (funding and availability are not per
 * team); the breakdowns, returns, lists and the queue follow the team and
 * period filters (period = when the request was created, Amsterdam days).
 */
export async function workbudgetDashboard(ctx: UseCaseContext, raw: DashboardFilters, now = new Date()): Promise<WorkbudgetDashboard> {
  const { municipalityId, f } = dashboardInput(ctx, raw);
  return withScope(ctx.db, ctx.scope, (tx) => dashboardIn(tx, municipalityId, f, now, LIST_LIMIT));
}

/** The dashboard and its filters' choices, for the page that shows both: one transaction (one scope, begin, commit). */
export async function workbudgetDashboardPage(
  ctx: UseCaseContext,
  raw: DashboardFilters,
  now = new Date(),
): Promise<{ dashboard: WorkbudgetDashboard; options: DashboardFilterOptions }> {
  const { municipalityId, f } = dashboardInput(ctx, raw);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const options = await filterOptionsIn(tx, municipalityId);
    return { options, dashboard: await dashboardIn(tx, municipalityId, f, now, DASHBOARD_LIST_LIMIT) };
  });
}

function dashboardInput(ctx: UseCaseContext, raw: DashboardFilters) {
  const municipalityId = assertMayReport(ctx);
  const parsed = dashboardFilters.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return { municipalityId, f: parsed.data };
}

async function dashboardIn(tx: Tx, municipalityId: string, f: z.output<typeof dashboardFilters>, now: Date, listLimit: number): Promise<WorkbudgetDashboard> {
  const [b] = await queryRows<{
    id: string;
    name: string;
    approval_threshold_cents: string;
    evaluation_after_months: number;
    funded_cents: string;
    available_cents: string;
    reserved_cents: string;
    paid_cents: string;
  }>(
    tx,
    // Folds the summaries' deltas in the same round trip — once, before the statements below read the summaries.
    sql`${foldingWorkbudgetDeltas}
        select b.id, b.name, b.approval_threshold_cents, b.evaluation_after_months, b.funded_cents, b.available_cents, b.reserved_cents, b.paid_cents
        from merged, budget_balances b where b.municipality_id = ${municipalityId} and b.year = ${f.year}`,
  );
  const empty: WorkbudgetDashboard = {
    year: f.year,
    budget: null,
    totals: emptyTotals(),
    cached: emptyTotals(),
    totalsMatchCache: true,
    burnDown: burnDownFrom(f.year, [], now),
    requests: emptyFigures(),
    perTeam: [],
    perLifeDomain: [],
    perNorm: [],
    returns: {
      committedCostCents: 0,
      expectedReturnCents: 0,
      expectedRatio: null,
      evaluatedCount: 0,
      evaluatedCostCents: 0,
      realisedReturnCents: 0,
      realisedRatio: null,
    },
    prevented: [],
    preventedTotal: 0,
    alternatives: { rows: [], totals: { count: 0, workbudgetCostCents: 0, regulationAmountCents: 0, differenceCents: 0, daysGained: 0 } },
    queue: { count: 0, oldestWaitingSince: null, oldestWaitingDays: null },
    overdueEvaluations: { count: 0, oldestDueOn: null },
  };
  if (!b) return empty;

  const cached = {
    fundedCents: num(b.funded_cents),
    availableCents: num(b.available_cents),
    reservedCents: num(b.reserved_cents),
    paidCents: num(b.paid_cents),
  };
  const where = spendWhere(municipalityId, b.id, f);
  // Everything else in one round trip (issue 16: at city scale the dashboard's time was its round trips, not its
  // reads): each part is its own subquery, its rows as a JSON array, so each reads what it read as a statement of
  // its own — the same SQL, the same indexes.
  //
  // The key figures and the burn-down from the ledger's summary per month (ADR 0017): the totals are the sums of the buckets.
  const bucketsSql = sql`select extract(year from l.month)::int as y, extract(month from l.month)::int as m,
          case when l.allocate then 'allocate' else 'move' end as kind, a.account, sum(a.cents) as total
        from ledger_month_summary l
        cross join lateral (values ('funding', l.funding_cents), ('available', l.available_cents), ('reserved', l.reserved_cents), ('paid', l.paid_cents)) a(account, cents)
        where l.budget_id = ${b.id} group by 1, 2, 3, 4`;
  // The breakdowns from the summary per team × month (ADR 0017): the whole months of the period from
  // workbudget_summary, a partly covered first or last month from its requests through the same
  // workbudget_request_figures() the summary is kept with (the CTE `parts`). Then per team and — grouping set () — all
  // together (the total row is the same SQL as its rows), per norm and per life domain. Money is summed over every
  // request (drafts and withdrawn ones hold none), so the totals are the ledger's; the per-norm/-domain rows take the
  // approved requests.
  const breakdownsSql = sql`select * from (
          select 'team' as kind, p.team_id::text as key, t.name as name, null::text as code, grouping(p.team_id, t.name) as is_total,
            sum(p.requests) as requests, sum(p.approved) as approved, sum(p.reserved_cents) as reserved, sum(p.paid_cents) as paid,
            sum(p.reserved_cents + p.paid_cents) as committed, sum(p.expected_return_cents) as expected, sum(p.evaluated) as evaluated_count,
            sum(p.evaluated_cost_cents) as evaluated_cost, sum(p.realised_return_cents) as realised, sum(p.settled) as settled,
            sum(p.alternatives) as alternatives, sum(p.alternatives_cost_cents) as alternatives_cost,
            sum(p.alternatives_regulation_cents) as alternatives_regulation, sum(p.alternatives_days_gained) as alternatives_days_gained
          from req p join teams t on t.id = p.team_id group by grouping sets ((p.team_id, t.name), ())
          having sum(p.requests) > 0 or sum(p.reserved_cents) <> 0 or sum(p.paid_cents) <> 0
        ) teams
        union all
        select 'norm', n.id::text, n.label, n.code, 0, 0, sum(p.approved), 0, 0, sum(p.approved_committed_cents), sum(p.expected_return_cents), 0, 0, 0, 0, 0, 0, 0, 0
        from req p left join return_norms n on n.id = p.norm_id group by n.id, n.label, n.code having sum(p.approved) > 0
        union all
        select 'domain', p.life_domain, null, null, 0, 0, sum(p.approved), 0, 0, sum(p.approved_committed_cents), 0, 0, 0, 0, 0, 0, 0, 0, 0
        from parts p where p.life_domain <> '' group by p.life_domain having sum(p.approved) > 0`;
  // Lists show the most recent listLimit (that many index entries in their order, 0037); counts and totals are over all
  // rows: the summary's (the total row above). The ledger balances only for the rows shown. The prevented problems:
  // the settled and evaluated requests.
  const preventedSql = sql`select s.id, s.number, s.team_name, s.problem_prevented, s.prevented, ${committedSql()} as cost, s.settled_at
        from (select s.id, s.number, t.name as team_name, s.problem_prevented, s.evaluation->>'prevented' as prevented, s.settled_at
              from spend_requests s join teams t on t.id = s.team_id
              where ${where} and ${isSettledSql()}
              order by s.settled_at desc nulls last, s.number desc limit ${listLimit}) s
        ${spendBalancesLateralSql()}`;
  // The alternative regulations: the cost is the committed money (the ledger), as everywhere.
  const alternativesSql = sql`select s.*, ${committedSql()} as cost
        from (select s.id, s.number, t.name as team_name, s.evaluation->>'otherRegulation' as regulation,
                coalesce((s.evaluation->>'otherRegulationAmountCents')::bigint, 0) as regulation_amount,
                coalesce((s.evaluation->>'otherRegulationLeadDays')::int, 0) as lead_days,
                workbudget_days_between((select min(q.occurred_at) from spend_transitions q where q.spend_id = s.id and q.to_status = 'submitted'),
                  (select min(p.occurred_at) from spend_transitions p where p.spend_id = s.id and p.to_status = 'paid')) as workbudget_days
              from spend_requests s join teams t on t.id = s.team_id
              where ${where} and s.status = 'evaluated' and (s.evaluation->>'otherRegulationApplied')::boolean is true
              order by s.number desc limit ${listLimit}) s
        ${spendBalancesLateralSql()}`;
  const jsonRows = (rows: ReturnType<typeof sql>, order: string) => sql`(select coalesce(json_agg(x order by ${sql.raw(order)}), '[]') from (${rows}) x)`;
  const [read] = await queryRows<{
    buckets: { y: number; m: number; kind: string; account: string; total: number | string }[];
    breakdowns: BreakdownRow[];
    prevented: { id: string; number: number; team_name: string; problem_prevented: string; prevented: string | null; cost: number | string }[];
    alternatives: {
      id: string;
      number: number;
      team_name: string;
      regulation: string | null;
      cost: number | string;
      regulation_amount: number | string;
      lead_days: number;
      workbudget_days: number | null;
    }[];
    queue_count: string;
    queue_oldest: Date | string | null;
    late_count: string;
    late_oldest: string | null;
  }>(
    tx,
    // The queue and the overdue evaluations: each by its partial index (migrations 0045, 0047).
    sql`with parts as (${summaryParts(municipalityId, b.id, f)}),
        req as (select * from parts where life_domain = '')
        select ${jsonRows(bucketsSql, "x.y, x.m, x.kind, x.account")} as buckets,
          ${jsonRows(breakdownsSql, "x.kind, x.key")} as breakdowns,
          ${jsonRows(preventedSql, "x.settled_at desc nulls last, x.number desc")} as prevented,
          ${jsonRows(alternativesSql, "x.number desc")} as alternatives,
          q.count as queue_count, q.oldest as queue_oldest, l.count as late_count, l.oldest as late_oldest
        from (select count(*) as count, min(s.updated_at) as oldest from spend_requests s where ${where} and ${isWaitingSql()}) q,
             (select count(*) as count, min(s.evaluation_due_on)::text as oldest from spend_requests s
              where ${where} and s.status = 'settled' and s.evaluation_due_on < ${amsterdamDay(now)}::date) l`,
  );
  const { buckets, breakdowns, prevented, alternatives } = read;
  const totals = totalsFromBuckets(buckets);
  const byName = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, "nl"));
  const perTeam = breakdowns.filter((r) => r.kind === "team").sort((a, b) => byName(a.name, b.name) || byName(a.key, b.key));
  const perNorm = breakdowns.filter((r) => r.kind === "norm").sort((a, b) => byName(a.name, b.name) || byName(a.key, b.key));
  const perDomain = breakdowns.filter((r) => r.kind === "domain").sort((a, b) => num(b.approved) - num(a.approved) || byName(a.key, b.key));
  const queue = { count: read.queue_count, oldest: read.queue_oldest };
  const late = { count: read.late_count, oldest: read.late_oldest };

  const altRows: AlternativeRow[] = alternatives.map((a) => {
    const cost = num(a.cost);
    const reg = num(a.regulation_amount);
    const wbDays = num(a.workbudget_days);
    return {
      spendId: a.id,
      reference: spendReference(f.year, num(a.number)),
      teamName: a.team_name,
      regulation: a.regulation ?? "",
      workbudgetCostCents: cost,
      regulationAmountCents: reg,
      differenceCents: cost - reg,
      regulationLeadDays: num(a.lead_days),
      workbudgetDays: wbDays,
      daysGained: num(a.lead_days) - wbDays,
    };
  });
  const oldest = queue.oldest ? new Date(queue.oldest) : null;
  const figures = (r: (typeof breakdowns)[number] | undefined): RequestFigures =>
    r
      ? {
          requestCount: num(r.requests),
          approvedCount: num(r.approved),
          reservedCents: num(r.reserved),
          paidCents: num(r.paid),
          committedCents: num(r.committed),
        }
      : emptyFigures();
  const total = perTeam.find((r) => num(r.is_total) !== 0);
  // The alternatives' totals are the summary's (the total row), the list's rows the most recent listLimit.
  const altTotals = {
    count: num(total?.alternatives),
    cost: num(total?.alternatives_cost),
    regulation: num(total?.alternatives_regulation),
    daysGained: num(total?.alternatives_days_gained),
  };
  const teamRows = perTeam.filter((r) => num(r.is_total) === 0);
  const committed = num(total?.committed);
  const expected = num(total?.expected);
  const evaluatedCost = num(total?.evaluated_cost);
  const realised = num(total?.realised);
  return {
    ...empty,
    budget: { id: b.id, name: b.name, approvalThresholdCents: num(b.approval_threshold_cents), evaluationAfterMonths: b.evaluation_after_months },
    totals,
    cached,
    totalsMatchCache: (Object.keys(totals) as (keyof BudgetTotals)[]).every((k) => totals[k] === cached[k]),
    burnDown: burnDownFrom(
      f.year,
      buckets.map((r) => ({ year: r.y, month: r.m, kind: r.kind, account: r.account, cents: num(r.total) })),
      now,
    ),
    requests: figures(total),
    perTeam: teamRows.map((r) => ({ teamId: r.key!, teamName: r.name!, ...figures(r) })),
    perLifeDomain: perDomain.map((r) => ({ domain: r.key!, count: num(r.approved), costCents: num(r.committed) })),
    perNorm: perNorm.map((r) => ({
      normId: r.key,
      code: r.code,
      label: r.name,
      count: num(r.approved),
      expectedReturnCents: num(r.expected),
      costCents: num(r.committed),
    })),
    returns: {
      committedCostCents: committed,
      expectedReturnCents: expected,
      expectedRatio: ratio(expected, committed),
      evaluatedCount: num(total?.evaluated_count),
      evaluatedCostCents: evaluatedCost,
      realisedReturnCents: realised,
      realisedRatio: ratio(realised, evaluatedCost),
    },
    preventedTotal: num(total?.settled),
    prevented: prevented.map((p) => ({
      spendId: p.id,
      reference: spendReference(f.year, num(p.number)),
      teamName: p.team_name,
      problemPrevented: p.problem_prevented,
      prevented: p.prevented,
      costCents: num(p.cost),
    })),
    alternatives: {
      rows: altRows,
      totals: {
        count: altTotals.count,
        workbudgetCostCents: altTotals.cost,
        regulationAmountCents: altTotals.regulation,
        differenceCents: altTotals.cost - altTotals.regulation,
        daysGained: altTotals.daysGained,
      },
    },
    overdueEvaluations: { count: num(late.count), oldestDueOn: late.oldest ? String(late.oldest).slice(0, 10) : null },
    queue: {
      count: num(queue.count),
      oldestWaitingSince: oldest ? oldest.toISOString() : null,
      oldestWaitingDays: oldest ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 86_400_000)) : null,
    },
  };
}

function spendWhere(municipalityId: string, budgetId: string, f: z.output<typeof dashboardFilters>) {
  const parts = [sql`s.municipality_id = ${municipalityId}`, sql`s.budget_id = ${budgetId}`];
  if (f.teamId) parts.push(sql`s.team_id = ${f.teamId}`);
  parts.push(...createdInPeriodSql(sql.raw("s.created_at"), f.from, f.to));
  return sql.join(parts, sql` and `);
}

const SUMMARY_FIGURE_COLUMNS = [
  "requests",
  "requested_cents",
  "approved",
  "waiting",
  "settled",
  "evaluated",
  "reserved_cents",
  "paid_cents",
  "approved_committed_cents",
  "expected_return_cents",
  "evaluated_cost_cents",
  "realised_return_cents",
  "alternatives",
  "alternatives_cost_cents",
  "alternatives_regulation_cents",
  "alternatives_days_gained",
];
const summaryFigures = (alias: string) => sql.raw(SUMMARY_FIGURE_COLUMNS.map((c) => `${alias}.${c}`).join(", "));

/**
 * The summary's rows (team_id, norm_id, life_domain and the figures) for the
 * budget, team and period: whole months of the period from workbudget_summary
 * (merged rows and deltas), the days of a partly covered month from its
 * requests, each through workbudget_request_figures() — what the triggers add
 * to the summary — so both parts mean the same.
 */
export function summaryParts(municipalityId: string, budgetId: string, f: { teamId?: string | null; from?: string | null; to?: string | null }) {
  const { months, partial } = periodMonths(f.from ?? null, f.to ?? null);
  const team = f.teamId ? sql` and w.team_id = ${f.teamId}` : sql``;
  const parts = [];
  if (months) {
    const bounds = [months.from ? sql` and w.month >= ${months.from}::date` : sql``, months.to ? sql` and w.month <= ${months.to}::date` : sql``];
    parts.push(
      sql`select w.team_id, w.norm_id, w.life_domain, ${summaryFigures("w")} from workbudget_summary w where w.budget_id = ${budgetId}${team}${bounds[0]}${bounds[1]}`,
    );
  }
  for (const range of partial) {
    const days = sql.join(createdInPeriodSql(sql.raw("s.created_at"), range.from, range.to), sql` and `);
    parts.push(sql`select s.team_id, fig.norm_id, fig.life_domain, ${summaryFigures("fig")}
      from spend_requests s ${spendBalancesLateralSql()}
      cross join lateral workbudget_request_figures(s.status, s.amount_cents, s.norm_id, s.life_domains, s.expected_return_cents, s.evaluation,
        ${reservedSql()}, ${paidSql()}, case when workbudget_is_alternative(s.status, s.evaluation) then workbudget_alternative_days(s.id, s.status, s.evaluation) else 0 end) fig
      where s.municipality_id = ${municipalityId} and s.budget_id = ${budgetId}${f.teamId ? sql` and s.team_id = ${f.teamId}` : sql``} and ${days}`);
  }
  if (parts.length === 0) return sql`select w.team_id, w.norm_id, w.life_domain, ${summaryFigures("w")} from workbudget_summary w where false`;
  return sql.join(parts, sql` union all `);
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
const addMonths = (month1: string, n: number) => {
  const d = new Date(`${month1}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
};
const lastOfMonth = (day: string) => addDays(addMonths(firstOfMonth(day), 1), -1);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A period of days (inclusive, either end open) as the whole months it covers
 * (first days; null ends are open; null when none) and the ranges of days in
 * the months it covers only partly.
 */
export function periodMonths(
  from: string | null,
  to: string | null,
): { months: { from: string | null; to: string | null } | null; partial: { from: string; to: string }[] } {
  if (from && to && firstOfMonth(from) === firstOfMonth(to) && !(from.endsWith("-01") && to === lastOfMonth(to)))
    return { months: null, partial: [{ from, to }] };
  const partial: { from: string; to: string }[] = [];
  let monthsFrom: string | null = null;
  let monthsTo: string | null = null;
  if (from) {
    if (from.endsWith("-01")) monthsFrom = from;
    else {
      partial.push({ from, to: lastOfMonth(from) });
      monthsFrom = addMonths(firstOfMonth(from), 1);
    }
  }
  if (to) {
    if (to === lastOfMonth(to)) monthsTo = firstOfMonth(to);
    else {
      partial.push({ from: firstOfMonth(to), to });
      monthsTo = addMonths(firstOfMonth(to), -1);
    }
  }
  const months = monthsFrom && monthsTo && monthsFrom > monthsTo ? null : { from: monthsFrom, to: monthsTo };
  return { months, partial };
}

/** The budget's balances from the sums of its postings per account: funded is minus the funding account. */
function totalsFromBuckets(rows: { account: string; total: number | string }[]): BudgetTotals {
  const by: Record<string, number> = {};
  for (const r of rows) by[r.account] = (by[r.account] ?? 0) + num(r.total);
  return { fundedCents: -(by.funding ?? 0), availableCents: by.available ?? 0, reservedCents: by.reserved ?? 0, paidCents: by.paid ?? 0 };
}

/**
 * Cumulative committed (reserved + paid) and available at each month end of
 * the year. Funding counts from the start of the year (a year's budget is
 * available for the whole year, even when it was booked before or later);
 * other postings count in their month, those after the year in December (so
 * December equals the totals). Months that have not begun yet are null.
 */
export function burnDownFrom(
  year: number,
  buckets: { year: number; month: number; kind: string; account: string; cents: number }[],
  now = new Date(),
): BurnDownPoint[] {
  const funded = new Array(12).fill(0);
  const committed = new Array(12).fill(0);
  for (const r of buckets) {
    const month = r.kind === "allocate" || r.year < year ? 0 : r.year > year ? 11 : r.month - 1;
    if (r.account === "funding") funded[month] -= r.cents;
    if (r.account === "reserved" || r.account === "paid") committed[month] += r.cents;
  }
  const nowMonth = Number(amsterdamMonth(now).replace("-", ""));
  const points: BurnDownPoint[] = [];
  let f = 0;
  let c = 0;
  for (let i = 0; i < 12; i++) {
    f += funded[i];
    c += committed[i];
    const future = year * 100 + i + 1 > nowMonth;
    points.push({ month: `${year}-${String(i + 1).padStart(2, "0")}`, committedCents: future ? null : c, availableCents: future ? null : f - c });
  }
  // Postings after the year still belong to it: a past year's December shows them all.
  return points;
}

// ── Finance CSV ─────────────────────────────────────────────────────────────

export const POSTINGS_CSV_COLUMNS = [
  "boeking_id",
  "groep_id",
  "datum",
  "tijdstip_utc",
  "budgetjaar",
  "soort",
  "rekening",
  "bedrag_eur",
  "aanvraag",
  "team",
  "tegenboeking_van_groep",
] as const;
export const SPENDS_CSV_COLUMNS = [
  "referentie",
  "budgetjaar",
  "team",
  "status",
  "aangemaakt_op",
  "nodig_op",
  "doel",
  "leverancier",
  "levensdomeinen",
  "norm_code",
  "verwacht_rendement_eur",
  "aangevraagd_eur",
  "goedgekeurd_op",
  "betaald_eur",
  "betaaldatum",
  "betaalwijze",
  "betaalreferentie",
  "werkelijk_eur",
  "afgerekend_op",
  "probleem_voorkomen",
  "gerealiseerd_rendement_eur",
  "andere_regeling",
  "bedrag_andere_regeling_eur",
  "verschil_eur",
  "doorlooptijd_andere_regeling_dagen",
  // The request's balances in the ledger (the dashboard's figures; empty when it never held money).
  "gereserveerd_eur",
  "vastgelegd_eur",
  "betaling_eur",
] as const;

export const financeCsvInput = z.object({
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(["postings", "spends"]),
  decimalComma: z.boolean().default(false),
});

const amsterdamDate = (d: Date | string | null): string => (d ? amsterdamDay(new Date(d)) : "");

/**
 * The year's postings or spends for finance. With decimalComma (nl-NL) the
 * amounts use a comma and the separator is a semicolon; otherwise a dot and
 * a comma. CRLF line ends, header row; columns in docs/workbudget-export.md.
 */
export async function financeCsv(ctx: UseCaseContext, raw: z.input<typeof financeCsvInput>): Promise<string> {
  const municipalityId = assertMayReport(ctx);
  const parsed = financeCsvInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { year, kind, decimalComma } = parsed.data;
  const eur = (c: unknown) => centsToEuros(num(c), decimalComma);
  const optEur = (c: unknown) => (c === null || c === undefined ? "" : eur(c));
  const records = await withScope(ctx.db, ctx.scope, async (tx) => {
    if (kind === "postings") {
      const rows = await queryRows<{
        id: string;
        group_id: string;
        created_at: Date | string;
        kind: string;
        account: string;
        amount_cents: string;
        number: string | null;
        team_name: string | null;
        reverses_group_id: string | null;
      }>(
        tx,
        sql`select p.id, p.group_id, p.created_at, p.kind, p.account, p.amount_cents, s.number, t.name as team_name, p.reverses_group_id
            from ledger_postings p join budgets b on b.id = p.budget_id
            left join spend_requests s on s.id = p.spend_id left join teams t on t.id = p.team_id
            where b.municipality_id = ${municipalityId} and b.year = ${year}
            order by p.id`,
      );
      return rows.map((r) => [
        String(r.id),
        r.group_id,
        amsterdamDate(r.created_at),
        new Date(r.created_at).toISOString(),
        String(year),
        r.kind,
        r.account,
        eur(r.amount_cents),
        r.number ? spendReference(year, num(r.number)) : "",
        text(r.team_name),
        r.reverses_group_id ?? "",
      ]);
    }
    const rows = await queryRows<Record<string, unknown> & { evaluation: Record<string, unknown> | string | null }>(
      tx,
      sql`select s.number, t.name as team_name, s.status, s.created_at, s.needed_on, s.purpose, s.supplier, s.life_domains, n.code as norm_code, s.expected_return_cents,
            s.amount_cents, s.approved_at, s.paid_cents, s.payment_date, s.payment_method, s.payment_reference, s.settled_cents, s.settled_at, s.evaluation,
            ${reservedSql()} as ledger_reserved, ${paidSql()} as ledger_paid, ${committedSql()} as ledger_committed, ${heldMoneySql()} as ledger_held
          from spend_requests s join budgets b on b.id = s.budget_id join teams t on t.id = s.team_id left join return_norms n on n.id = s.norm_id
          left join (${budgetSpendBalancesSql(sql`(select id from budgets where municipality_id = ${municipalityId} and year = ${year})`)}) m on m.spend_id = s.id
          where b.municipality_id = ${municipalityId} and b.year = ${year}
          order by s.number`,
    );
    return rows.map((r) => {
      const ev = (typeof r.evaluation === "string" ? JSON.parse(r.evaluation) : r.evaluation) as Record<string, unknown> | null;
      const other = ev?.otherRegulationApplied === true;
      const settled = r.settled_cents === null || r.settled_cents === undefined ? null : num(r.settled_cents);
      // Money from the ledger, as on the dashboard; empty for a request that never held any.
      const held = r.ledger_held === true || r.ledger_held === "t";
      const committed = num(r.ledger_committed);
      const domains = Array.isArray(r.life_domains)
        ? (r.life_domains as string[])
        : String(r.life_domains ?? "")
            .replace(/^\{|\}$/g, "")
            .split(",")
            .filter(Boolean);
      return [
        spendReference(year, num(r.number)),
        String(year),
        text(r.team_name),
        String(r.status),
        amsterdamDate(r.created_at as Date),
        isoDateOf(r.needed_on as string | null),
        text(r.purpose),
        text(r.supplier),
        domains.join("|"),
        text(r.norm_code),
        optEur(r.expected_return_cents),
        eur(r.amount_cents),
        amsterdamDate(r.approved_at as Date | null),
        held ? eur(r.ledger_paid) : "",
        isoDateOf(r.payment_date as string | null),
        text(r.payment_method),
        text(r.payment_reference),
        settled === null ? "" : eur(settled),
        amsterdamDate(r.settled_at as Date | null),
        text(ev?.prevented),
        optEur(ev?.realisedReturnCents),
        other ? text(ev?.otherRegulation) : "",
        other ? optEur(ev?.otherRegulationAmountCents) : "",
        other && settled !== null ? eur(committed - num(ev?.otherRegulationAmountCents)) : "",
        other && ev?.otherRegulationLeadDays != null ? String(ev.otherRegulationLeadDays) : "",
        held ? eur(r.ledger_reserved) : "",
        held ? eur(committed) : "",
        num(r.paid_cents) > 0 ? eur(r.paid_cents) : "",
      ];
    });
  });
  return writeCsv(kind === "postings" ? POSTINGS_CSV_COLUMNS : SPENDS_CSV_COLUMNS, records, { separator: decimalComma ? ";" : "," });
}

export interface DashboardFilterOptions {
  years: number[];
  teams: { id: string; name: string }[];
}

/** The choices for the controller's filters: the budget years and the municipality's teams. */
export async function workbudgetFilterOptions(ctx: UseCaseContext): Promise<DashboardFilterOptions> {
  const municipalityId = assertMayReport(ctx);
  return withScope(ctx.db, ctx.scope, (tx) => filterOptionsIn(tx, municipalityId));
}

async function filterOptionsIn(tx: Tx, municipalityId: string): Promise<DashboardFilterOptions> {
  const [o] = await queryRows<{ years: (number | string)[]; teams: { id: string; name: string }[] }>(
    tx,
    sql`select (select coalesce(json_agg(b.year order by b.year desc), '[]') from budgets b where b.municipality_id = ${municipalityId}) as years,
          (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name, t.id), '[]') from teams t
           where t.municipality_id = ${municipalityId}) as teams`,
  );
  return { years: o.years.map(Number), teams: o.teams };
}
