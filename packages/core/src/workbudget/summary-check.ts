// ledger:check's part for the workbudget's summaries (ADR 0017): the kept
// summaries (merged rows plus the deltas not yet merged) against the same
// figures recomputed from the requests and the postings
// (workbudget_summary_from_rows, ledger_month_summary_from_rows: the same
// workbudget_request_figures() the triggers add). Every key and column that
// differs is reported. Runs on the owner connection (no RLS), like the rest.
import { queryRows, sql, type Queryable } from "@wijkwerk/db";

/** The summed columns of workbudget_summary, with their names in the report. */
export const WORKBUDGET_SUMMARY_COLUMNS = {
  requests: "aanvragen",
  requested_cents: "aangevraagd",
  approved: "goedgekeurd",
  waiting: "wachtrij",
  settled: "afgerekend",
  evaluated: "geëvalueerd",
  reserved_cents: "gereserveerd",
  paid_cents: "betaald",
  approved_committed_cents: "vastgelegd (goedgekeurd)",
  expected_return_cents: "verwacht rendement",
  evaluated_cost_cents: "kosten geëvalueerd",
  realised_return_cents: "gerealiseerd rendement",
  alternatives: "andere regeling (aantal)",
  alternatives_cost_cents: "andere regeling (kosten werkbudget)",
  alternatives_regulation_cents: "andere regeling (bedrag regeling)",
  alternatives_days_gained: "andere regeling (dagen gewonnen)",
} as const;
/** workbudget_status_summary (migration 0052): the team's "Totalen per status". */
export const STATUS_SUMMARY_COLUMNS = {
  requests: "aanvragen",
  amount_cents: "aangevraagd",
} as const;
export const LEDGER_MONTH_COLUMNS = {
  funding_cents: "financiering",
  available_cents: "beschikbaar",
  reserved_cents: "gereserveerd",
  paid_cents: "betaald",
} as const;

export interface SummaryDifference {
  table: "workbudget_summary" | "ledger_month_summary" | "workbudget_status_summary";
  budgetYear: number | null;
  teamId: string | null;
  /** yyyy-mm */
  month: string;
  /** The key's last part: norm and life domain, whether the posting was the allocation, or the status. */
  detail: string;
  column: string;
  kept: number;
  fromRows: number;
}

function diffSql(table: string, view: string, keys: string[], columns: readonly string[]) {
  const k = keys.join(", ");
  const sums = columns
    .map(
      (c) => `coalesce(sum(${c}) filter (where src = 'kept'), 0)::bigint as kept_${c}, coalesce(sum(${c}) filter (where src = 'rows'), 0)::bigint as rows_${c}`,
    )
    .join(", ");
  const differs = columns.map((c) => `coalesce(sum(${c}) filter (where src = 'kept'), 0) <> coalesce(sum(${c}) filter (where src = 'rows'), 0)`).join(" or ");
  const cols = columns.join(", ");
  return sql.raw(`select d.*, b.year as budget_year from (
      select ${k}, ${sums}
      from (select 'kept' as src, ${k}, ${cols} from ${table} union all select 'rows', ${k}, ${cols} from ${view}) x
      group by ${k} having ${differs}) d
    left join budgets b on b.id = d.budget_id
    order by b.year, d.team_id, d.month`);
}

/** Every difference between the kept summaries and the rows (empty when they agree). */
export async function summaryDifferences(db: Queryable): Promise<SummaryDifference[]> {
  const out: SummaryDifference[] = [];
  const spendCols = Object.keys(WORKBUDGET_SUMMARY_COLUMNS) as (keyof typeof WORKBUDGET_SUMMARY_COLUMNS)[];
  const spendRows = await queryRows<Record<string, string | number | null>>(
    db,
    diffSql("workbudget_summary", "workbudget_summary_from_rows", ["budget_id", "team_id", "month", "norm_id", "life_domain"], spendCols),
  );
  for (const r of spendRows)
    for (const c of spendCols)
      if (String(r[`kept_${c}`]) !== String(r[`rows_${c}`]))
        out.push({
          table: "workbudget_summary",
          budgetYear: r.budget_year === null ? null : Number(r.budget_year),
          teamId: r.team_id as string,
          month: String(r.month).slice(0, 7),
          detail: r.life_domain ? `domein ${r.life_domain}` : `norm ${r.norm_id ?? "geen"}`,
          column: c,
          kept: Number(r[`kept_${c}`]),
          fromRows: Number(r[`rows_${c}`]),
        });
  const ledgerCols = Object.keys(LEDGER_MONTH_COLUMNS) as (keyof typeof LEDGER_MONTH_COLUMNS)[];
  const ledgerRows = await queryRows<Record<string, string | number | boolean | null>>(
    db,
    diffSql("ledger_month_summary", "ledger_month_summary_from_rows", ["budget_id", "team_id", "month", "allocate"], ledgerCols),
  );
  for (const r of ledgerRows)
    for (const c of ledgerCols)
      if (String(r[`kept_${c}`]) !== String(r[`rows_${c}`]))
        out.push({
          table: "ledger_month_summary",
          budgetYear: r.budget_year === null ? null : Number(r.budget_year),
          teamId: (r.team_id as string | null) ?? null,
          month: String(r.month).slice(0, 7),
          detail: r.allocate === true || r.allocate === "t" ? "toekenning" : "boekingen",
          column: c,
          kept: Number(r[`kept_${c}`]),
          fromRows: Number(r[`rows_${c}`]),
        });
  const statusCols = Object.keys(STATUS_SUMMARY_COLUMNS) as (keyof typeof STATUS_SUMMARY_COLUMNS)[];
  const statusRows = await queryRows<Record<string, string | number | null>>(
    db,
    diffSql("workbudget_status_summary", "workbudget_status_summary_from_rows", ["budget_id", "team_id", "month", "status"], statusCols),
  );
  for (const r of statusRows)
    for (const c of statusCols)
      if (String(r[`kept_${c}`]) !== String(r[`rows_${c}`]))
        out.push({
          table: "workbudget_status_summary",
          budgetYear: r.budget_year === null ? null : Number(r.budget_year),
          teamId: r.team_id as string,
          month: String(r.month).slice(0, 7),
          detail: `status ${r.status}`,
          column: c,
          kept: Number(r[`kept_${c}`]),
          fromRows: Number(r[`rows_${c}`]),
        });
  return out;
}

/** One line per difference, in the ledger check's Dutch. */
export function describeSummaryDifference(d: SummaryDifference): string {
  const label =
    d.table === "workbudget_summary"
      ? WORKBUDGET_SUMMARY_COLUMNS[d.column as keyof typeof WORKBUDGET_SUMMARY_COLUMNS]
      : d.table === "workbudget_status_summary"
        ? STATUS_SUMMARY_COLUMNS[d.column as keyof typeof STATUS_SUMMARY_COLUMNS]
        : LEDGER_MONTH_COLUMNS[d.column as keyof typeof LEDGER_MONTH_COLUMNS];
  const where =
    d.table === "workbudget_summary"
      ? "samenvatting werkbudget"
      : d.table === "workbudget_status_summary"
        ? "samenvatting per status"
        : "samenvatting boekingen";
  return `${where} ${d.budgetYear ?? "?"}, team ${d.teamId ?? "geen"}, maand ${d.month}, ${d.detail}: ${label} ${d.kept} wijkt af van de rijen (${d.fromRows})`;
}
