// The budget controller's reports on the workbudget: the dashboard of one
// budget year (key figures from the ledger, burn-down per month, breakdowns,
// returns, prevented problems, alternative-regulation differences, the
// approval queue) and the finance CSV exports (one row per posting or per
// spend). Two walls, as everywhere: the ability (read Budget and read Spend
// in the whole municipality — team members do not have the latter) and
// row-level security, because every query runs inside withScope.
import { calendarDate } from "./dates";
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { UseCaseContext } from "./context";
import { neutraliseFormula } from "./csv";
import { DomainError, invalidInput } from "./errors";
import { amsterdamDay } from "./ledger-rules";
import { spendReference } from "./spend-queries";

const TIME_ZONE = "Europe/Amsterdam";

/** Statuses in which money is committed (reserved or paid) to the request. */
export const COMMITTED_STATUSES = ["approved", "paid", "settled", "evaluated"] as const;
/** Statuses waiting for the controller (the approval queue). */
export const WAITING_STATUSES = ["submitted", "endorsed", "awaiting_second_approval"] as const;

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

export interface TeamBreakdown {
  teamId: string;
  teamName: string;
  /** Requests beyond draft (including rejected and cancelled). */
  count: number;
  /** Amount requested of the requests that were approved (approved, paid, settled, evaluated). */
  approvedCents: number;
  /** Amount paid out (paid, settled, evaluated). */
  paidCents: number;
  /** Actual cost after settlement (settled, evaluated). */
  settledCents: number;
}

export interface DomainBreakdown {
  domain: string;
  /** Committed requests touching this domain (a request counts in each of its domains). */
  count: number;
  /** Their cost to the workbudget. */
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
  perTeam: TeamBreakdown[];
  perLifeDomain: DomainBreakdown[];
  perNorm: NormBreakdown[];
  returns: {
    /** Cost of the committed requests (approved: amount; paid: paid; settled/evaluated: actual). */
    committedCostCents: number;
    expectedReturnCents: number;
    /** expected / committed cost; null when nothing is committed. */
    expectedRatio: number | null;
    evaluatedCount: number;
    evaluatedCostCents: number;
    realisedReturnCents: number;
    /** realised / evaluated cost; null when nothing is evaluated. */
    realisedRatio: number | null;
  };
  /** The most recent LIST_LIMIT settled/evaluated requests; preventedTotal counts all. */
  prevented: PreventedRow[];
  preventedTotal: number;
  /** rows: the most recent LIST_LIMIT; totals: over all of them. */
  alternatives: {
    rows: AlternativeRow[];
    totals: { count: number; workbudgetCostCents: number; regulationAmountCents: number; differenceCents: number; daysGained: number };
  };
  queue: { count: number; oldestWaitingSince: string | null; oldestWaitingDays: number | null };
  /** Settled requests whose evaluation date (Amsterdam day) has passed without an evaluation. */
  overdueEvaluations: { count: number; oldestDueOn: string | null };
}

/** How many rows the dashboard's lists show (the CSV has them all). */
export const LIST_LIMIT = 50;
const num = (v: unknown) => Number(v ?? 0);
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
const emptyTotals = (): BudgetTotals => ({ fundedCents: 0, reservedCents: 0, paidCents: 0, availableCents: 0 });

/** The cost of a request to the workbudget, in SQL: what is committed to it now. */
const COST_SQL = sql.raw(`(case when s.status in ('settled','evaluated') then coalesce(s.settled_cents, 0) when s.status = 'paid' then s.paid_cents when s.status = 'approved' then s.amount_cents else 0 end)`);

/**
 * The controller's dashboard for one budget year. The key figures and the
 * burn-down are the whole budget's (funding and availability are not per
 * team); the breakdowns, returns, lists and the queue follow the team and
 * period filters (period = when the request was created, Amsterdam days).
 */
export async function workbudgetDashboard(ctx: UseCaseContext, raw: DashboardFilters, now = new Date()): Promise<WorkbudgetDashboard> {
  const municipalityId = assertMayReport(ctx);
  const parsed = dashboardFilters.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const f = parsed.data;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [b] = await queryRows<{ id: string; name: string; approval_threshold_cents: string; evaluation_after_months: number; funded_cents: string; available_cents: string; reserved_cents: string; paid_cents: string }>(
      tx,
      sql`select id, name, approval_threshold_cents, evaluation_after_months, funded_cents, available_cents, reserved_cents, paid_cents from budget_balances where municipality_id = ${municipalityId} and year = ${f.year}`,
    );
    const empty: WorkbudgetDashboard = {
      year: f.year,
      budget: null,
      totals: emptyTotals(),
      cached: emptyTotals(),
      totalsMatchCache: true,
      burnDown: burnDownFrom(f.year, [], now),
      perTeam: [],
      perLifeDomain: [],
      perNorm: [],
      returns: { committedCostCents: 0, expectedReturnCents: 0, expectedRatio: null, evaluatedCount: 0, evaluatedCostCents: 0, realisedReturnCents: 0, realisedRatio: null },
      prevented: [],
      preventedTotal: 0,
      alternatives: { rows: [], totals: { count: 0, workbudgetCostCents: 0, regulationAmountCents: 0, differenceCents: 0, daysGained: 0 } },
      queue: { count: 0, oldestWaitingSince: null, oldestWaitingDays: null },
      overdueEvaluations: { count: 0, oldestDueOn: null },
    };
    if (!b) return empty;

    const totals = await ledgerTotals(tx, b.id);
    const cached = { fundedCents: num(b.funded_cents), availableCents: num(b.available_cents), reservedCents: num(b.reserved_cents), paidCents: num(b.paid_cents) };
    const buckets = await queryRows<{ y: number; m: number; kind: string; account: string; total: string }>(
      tx,
      sql`select extract(year from created_at at time zone ${TIME_ZONE})::int as y, extract(month from created_at at time zone ${TIME_ZONE})::int as m, kind, account, sum(amount_cents) as total
          from ledger_postings where budget_id = ${b.id} group by 1, 2, 3, 4`,
    );

    const where = spendWhere(municipalityId, b.id, f);
    const perTeam = await queryRows<{ team_id: string; team_name: string; count: string; approved: string; paid: string; settled: string }>(
      tx,
      sql`select t.id as team_id, t.name as team_name, count(*) as count,
            coalesce(sum(s.amount_cents) filter (where s.status in ('approved','paid','settled','evaluated')), 0) as approved,
            coalesce(sum(s.paid_cents) filter (where s.status in ('paid','settled','evaluated')), 0) as paid,
            coalesce(sum(s.settled_cents) filter (where s.status in ('settled','evaluated')), 0) as settled
          from spend_requests s join teams t on t.id = s.team_id
          where ${where} and s.status <> 'draft'
          group by t.id, t.name order by t.name, t.id`,
    );
    const perDomain = await queryRows<{ domain: string; count: string; cost: string }>(
      tx,
      sql`select d.domain, count(*) as count, coalesce(sum(${COST_SQL}), 0) as cost
          from spend_requests s cross join lateral unnest(s.life_domains) as d(domain)
          where ${where} and s.status in ('approved','paid','settled','evaluated')
          group by d.domain order by count(*) desc, d.domain`,
    );
    const perNorm = await queryRows<{ norm_id: string | null; code: string | null; label: string | null; count: string; expected: string; cost: string }>(
      tx,
      sql`select n.id as norm_id, n.code, n.label, count(*) as count, coalesce(sum(s.expected_return_cents), 0) as expected, coalesce(sum(${COST_SQL}), 0) as cost
          from spend_requests s left join return_norms n on n.id = s.norm_id
          where ${where} and s.status in ('approved','paid','settled','evaluated')
          group by n.id, n.code, n.label order by n.label nulls last`,
    );
    const [ret] = await queryRows<{ committed: string; expected: string; evaluated_count: string; evaluated_cost: string; realised: string }>(
      tx,
      sql`select coalesce(sum(${COST_SQL}), 0) as committed,
            coalesce(sum(s.expected_return_cents), 0) as expected,
            count(*) filter (where s.status = 'evaluated') as evaluated_count,
            coalesce(sum(s.settled_cents) filter (where s.status = 'evaluated'), 0) as evaluated_cost,
            coalesce(sum((s.evaluation->>'realisedReturnCents')::bigint) filter (where s.status = 'evaluated'), 0) as realised
          from spend_requests s
          where ${where} and s.status in ('approved','paid','settled','evaluated')`,
    );
    // Lists show the most recent LIST_LIMIT; counts and totals are over all rows (SQL aggregates).
    const prevented = await queryRows<{ id: string; number: string; team_name: string; problem_prevented: string; prevented: string | null; cost: string; total: string }>(
      tx,
      sql`select s.id, s.number, t.name as team_name, s.problem_prevented, s.evaluation->>'prevented' as prevented, ${COST_SQL} as cost, count(*) over () as total
          from spend_requests s join teams t on t.id = s.team_id
          where ${where} and s.status in ('settled','evaluated')
          order by s.settled_at desc nulls last, s.number desc limit ${LIST_LIMIT}`,
    );
    const altBase = sql`select s.id, s.number, t.name as team_name, s.evaluation->>'otherRegulation' as regulation, ${COST_SQL} as cost,
            coalesce((s.evaluation->>'otherRegulationAmountCents')::bigint, 0) as regulation_amount,
            coalesce((s.evaluation->>'otherRegulationLeadDays')::int, 0) as lead_days,
            greatest(0, coalesce(((select min(p.occurred_at) from spend_transitions p where p.spend_id = s.id and p.to_status = 'paid') at time zone ${TIME_ZONE})::date
              - ((select min(q.occurred_at) from spend_transitions q where q.spend_id = s.id and q.to_status = 'submitted') at time zone ${TIME_ZONE})::date, 0)) as workbudget_days
          from spend_requests s join teams t on t.id = s.team_id
          where ${where} and s.status = 'evaluated' and (s.evaluation->>'otherRegulationApplied')::boolean is true`;
    const alternatives = await queryRows<{ id: string; number: string; team_name: string; regulation: string; cost: string; regulation_amount: string; lead_days: number; workbudget_days: number | null }>(
      tx,
      sql`${altBase} order by s.number desc limit ${LIST_LIMIT}`,
    );
    const [altTotals] = await queryRows<{ count: string; cost: string; regulation: string; days_gained: string }>(
      tx,
      sql`select count(*) as count, coalesce(sum(a.cost), 0) as cost, coalesce(sum(a.regulation_amount), 0) as regulation, coalesce(sum(a.lead_days - a.workbudget_days), 0) as days_gained from (${altBase}) a`,
    );
    const [queue] = await queryRows<{ count: string; oldest: Date | string | null }>(
      tx,
      sql`select count(*) as count, min(s.updated_at) as oldest from spend_requests s where ${where} and s.status in ('submitted','endorsed','awaiting_second_approval')`,
    );
    const [late] = await queryRows<{ count: string; oldest: Date | string | null }>(
      tx,
      sql`select count(*) as count, min(s.evaluation_due_on)::text as oldest from spend_requests s where ${where} and s.status = 'settled' and s.evaluation_due_on < ${amsterdamDay(now)}::date`,
    );

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
    const committed = num(ret.committed);
    const expected = num(ret.expected);
    const evaluatedCost = num(ret.evaluated_cost);
    const realised = num(ret.realised);
    return {
      ...empty,
      budget: { id: b.id, name: b.name, approvalThresholdCents: num(b.approval_threshold_cents), evaluationAfterMonths: b.evaluation_after_months },
      totals,
      cached,
      totalsMatchCache: (Object.keys(totals) as (keyof BudgetTotals)[]).every((k) => totals[k] === cached[k]),
      burnDown: burnDownFrom(f.year, buckets.map((r) => ({ year: r.y, month: r.m, kind: r.kind, account: r.account, cents: num(r.total) })), now),
      perTeam: perTeam.map((r) => ({ teamId: r.team_id, teamName: r.team_name, count: num(r.count), approvedCents: num(r.approved), paidCents: num(r.paid), settledCents: num(r.settled) })),
      perLifeDomain: perDomain.map((r) => ({ domain: r.domain, count: num(r.count), costCents: num(r.cost) })),
      perNorm: perNorm.map((r) => ({ normId: r.norm_id, code: r.code, label: r.label, count: num(r.count), expectedReturnCents: num(r.expected), costCents: num(r.cost) })),
      returns: {
        committedCostCents: committed,
        expectedReturnCents: expected,
        expectedRatio: ratio(expected, committed),
        evaluatedCount: num(ret.evaluated_count),
        evaluatedCostCents: evaluatedCost,
        realisedReturnCents: realised,
        realisedRatio: ratio(realised, evaluatedCost),
      },
      preventedTotal: num(prevented[0]?.total),
      prevented: prevented.map((p) => ({ spendId: p.id, reference: spendReference(f.year, num(p.number)), teamName: p.team_name, problemPrevented: p.problem_prevented, prevented: p.prevented, costCents: num(p.cost) })),
      alternatives: {
        rows: altRows,
        totals: {
          count: num(altTotals.count),
          workbudgetCostCents: num(altTotals.cost),
          regulationAmountCents: num(altTotals.regulation),
          differenceCents: num(altTotals.cost) - num(altTotals.regulation),
          daysGained: num(altTotals.days_gained),
        },
      },
      overdueEvaluations: { count: num(late.count), oldestDueOn: late.oldest ? String(late.oldest).slice(0, 10) : null },
      queue: { count: num(queue.count), oldestWaitingSince: oldest ? oldest.toISOString() : null, oldestWaitingDays: oldest ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 86_400_000)) : null },
    };
  });
}

function spendWhere(municipalityId: string, budgetId: string, f: z.output<typeof dashboardFilters>) {
  const parts = [sql`s.municipality_id = ${municipalityId}`, sql`s.budget_id = ${budgetId}`];
  if (f.teamId) parts.push(sql`s.team_id = ${f.teamId}`);
  if (f.from) parts.push(sql`s.created_at >= (${f.from}::date)::timestamp at time zone ${TIME_ZONE}`);
  if (f.to) parts.push(sql`s.created_at < (${f.to}::date + 1)::timestamp at time zone ${TIME_ZONE}`);
  return sql.join(parts, sql` and `);
}

/** The budget's balances from its postings: funded is minus the funding account. */
async function ledgerTotals(tx: Tx, budgetId: string): Promise<BudgetTotals> {
  const rows = await queryRows<{ account: string; total: string }>(tx, sql`select account, sum(amount_cents) as total from ledger_postings where budget_id = ${budgetId} group by account`);
  const by = Object.fromEntries(rows.map((r) => [r.account, num(r.total)]));
  return { fundedCents: -(by.funding ?? 0), availableCents: by.available ?? 0, reservedCents: by.reserved ?? 0, paidCents: by.paid ?? 0 };
}

/**
 * Cumulative committed (reserved + paid) and available at each month end of
 * the year. Funding counts from the start of the year (a year's budget is
 * available for the whole year, even when it was booked before or later);
 * other postings count in their month, those after the year in December (so
 * December equals the totals). Months that have not begun yet are null.
 */
export function burnDownFrom(year: number, buckets: { year: number; month: number; kind: string; account: string; cents: number }[], now = new Date()): BurnDownPoint[] {
  const funded = new Array(12).fill(0);
  const committed = new Array(12).fill(0);
  for (const r of buckets) {
    const month = r.kind === "allocate" || r.year < year ? 0 : r.year > year ? 11 : r.month - 1;
    if (r.account === "funding") funded[month] -= r.cents;
    if (r.account === "reserved" || r.account === "paid") committed[month] += r.cents;
  }
  const nowMonth = Number(new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit" }).format(now).replace("-", ""));
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

export const POSTINGS_CSV_COLUMNS = ["boeking_id", "groep_id", "datum", "tijdstip_utc", "budgetjaar", "soort", "rekening", "bedrag_eur", "aanvraag", "team", "tegenboeking_van_groep"] as const;
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
] as const;

export const financeCsvInput = z.object({
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(["postings", "spends"]),
  decimalComma: z.boolean().default(false),
});

/** Integer cents as euros with two decimals, exactly (no floating point): -1234 → "-12.34". */
export function centsToEuros(cents: number, decimalComma = false): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}${decimalComma ? "," : "."}${String(abs % 100).padStart(2, "0")}`;
}


// One formatter for all rows: constructing an Intl.DateTimeFormat costs far more than formatting.
const isoDayInAmsterdam = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const amsterdamDate = (d: Date | string | null): string => (d ? isoDayInAmsterdam.format(new Date(d)) : "");
const plainDate = (d: Date | string | null): string => (d ? (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10)) : "");

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
  const text = (v: unknown) => neutraliseFormula(v === null || v === undefined ? "" : String(v));
  const records = await withScope(ctx.db, ctx.scope, async (tx) => {
    if (kind === "postings") {
      const rows = await queryRows<{ id: string; group_id: string; created_at: Date | string; kind: string; account: string; amount_cents: string; number: string | null; team_name: string | null; reverses_group_id: string | null }>(
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
            s.amount_cents, s.approved_at, s.paid_cents, s.payment_date, s.payment_method, s.payment_reference, s.settled_cents, s.settled_at, s.evaluation
          from spend_requests s join budgets b on b.id = s.budget_id join teams t on t.id = s.team_id left join return_norms n on n.id = s.norm_id
          where b.municipality_id = ${municipalityId} and b.year = ${year}
          order by s.number`,
    );
    return rows.map((r) => {
      const ev = (typeof r.evaluation === "string" ? JSON.parse(r.evaluation) : r.evaluation) as Record<string, unknown> | null;
      const other = ev?.otherRegulationApplied === true;
      const settled = r.settled_cents === null || r.settled_cents === undefined ? null : num(r.settled_cents);
      const domains = Array.isArray(r.life_domains) ? (r.life_domains as string[]) : String(r.life_domains ?? "").replace(/^\{|\}$/g, "").split(",").filter(Boolean);
      return [
        spendReference(year, num(r.number)),
        String(year),
        text(r.team_name),
        String(r.status),
        amsterdamDate(r.created_at as Date),
        plainDate(r.needed_on as string | null),
        text(r.purpose),
        text(r.supplier),
        domains.join("|"),
        text(r.norm_code),
        optEur(r.expected_return_cents),
        eur(r.amount_cents),
        amsterdamDate(r.approved_at as Date | null),
        num(r.paid_cents) > 0 ? eur(r.paid_cents) : "",
        plainDate(r.payment_date as string | null),
        text(r.payment_method),
        text(r.payment_reference),
        settled === null ? "" : eur(settled),
        amsterdamDate(r.settled_at as Date | null),
        text(ev?.prevented),
        optEur(ev?.realisedReturnCents),
        other ? text(ev?.otherRegulation) : "",
        other ? optEur(ev?.otherRegulationAmountCents) : "",
        other && settled !== null ? eur(settled - num(ev?.otherRegulationAmountCents)) : "",
        other && ev?.otherRegulationLeadDays != null ? String(ev.otherRegulationLeadDays) : "",
      ];
    });
  });
  const columns = kind === "postings" ? [...POSTINGS_CSV_COLUMNS] : [...SPENDS_CSV_COLUMNS];
  return stringify(records, { header: true, columns, delimiter: decimalComma ? ";" : ",", record_delimiter: "windows" });
}

/** The choices for the controller's filters: the budget years and the municipality's teams. */
export async function workbudgetFilterOptions(ctx: UseCaseContext): Promise<{ years: number[]; teams: { id: string; name: string }[] }> {
  const municipalityId = assertMayReport(ctx);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const years = await queryRows<{ year: number }>(tx, sql`select year from budgets where municipality_id = ${municipalityId} order by year desc`);
    const teams = await queryRows<{ id: string; name: string }>(tx, sql`select id, name from teams where municipality_id = ${municipalityId} order by name, id`);
    return { years: years.map((y) => Number(y.year)), teams };
  });
}
