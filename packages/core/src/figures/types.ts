// The report model of the casework figures (docs/figures.md): a list of
// tables, each with its columns, rows, totals and a hint for the chart drawn
// beside it. Cells carry the number and how to show it; a suppressed cell has
// no number at all (value null), so no chart or CSV can leak it.

export type FiguresScope = { kind: "team"; teamId: string } | { kind: "city" };

export interface FiguresQuery {
  scope: FiguresScope;
  /** First month, 'YYYY-MM' (intake months: the cohort rule). */
  from: string;
  /** Last month, 'YYYY-MM', inclusive. */
  to: string;
}

export interface FigureCell {
  value: number | null;
  display: string;
  suppressed: boolean;
}

export type FigureColumnKind = "count" | "percent" | "average";

export interface FigureColumn {
  key: string;
  label: string;
  kind: FigureColumnKind;
  /** In the city view: the team the column belongs to; absent for the city total and for category columns. */
  teamId?: string;
}

export interface FigureRow {
  key: string;
  label: string;
  cells: FigureCell[];
}

/**
 * How to draw the table: `bars` one bar per row (of `column`), `stacked`
 * one stacked bar per row over the count columns `series`, `line` rows in
 * time order (of `column`).
 */
export type ChartHint = { kind: "bars"; column: string } | { kind: "stacked"; series: string[] } | { kind: "line"; column: string } | { kind: "none" };

export const FIGURE_TABLE_IDS = [
  "cases-per-month",
  "contacts-per-month",
  "objections-per-month",
  "gender",
  "age-groups",
  "household-types",
  "entry-routes",
  "question-types",
  "referral-destinations",
  "referral-outcomes",
  "zrm-intake",
  "zrm-latest",
  "zrm-movement",
  "arrangements",
  "goal-types",
  "assessment-count",
  "assessment",
  "workbudget",
] as const;
export type FigureTableId = (typeof FIGURE_TABLE_IDS)[number];

export interface FigureTable {
  id: FigureTableId;
  title: string;
  /** One sentence on what the table counts (Dutch). */
  description: string;
  columns: FigureColumn[];
  rows: FigureRow[];
  /** The column sums (a table of months: the period's total). */
  totals?: FigureRow;
  /** For a table of months: the average per month over the period. */
  average?: FigureRow;
  chart: ChartHint;
}

export interface CaseworkReport {
  scope: FiguresScope;
  from: string;
  to: string;
  months: string[];
  /** The teams in the report (one in a team view; every team of the municipality in the city view). */
  teams: { id: string; name: string }[];
  /** Whether small counts are suppressed (every view but the team's own). */
  suppressed: boolean;
  tables: FigureTable[];
}
