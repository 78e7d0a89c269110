// Suppression of small counts, in one place (docs/figures.md, "Suppression").
// Outside the team — the city view, the controller, the researcher, and any
// view of a team by someone not in it — every count under 5 is shown as
// "< 5", and a total that would reveal a suppressed cell is suppressed too.
// Percentages and averages over a suppressed count are suppressed by the
// report model (casework-figures.ts) from the masks computed here. The team's
// own view suppresses nothing. Pure functions.

/** Counts below this are suppressed outside the team. */
export const SUPPRESSION_THRESHOLD = 5;

/** A table of counts: cells[row][column], optionally with row totals, column totals and their grand total. */
export interface CountGrid {
  cells: readonly (readonly number[])[];
  rowTotals?: readonly number[];
  colTotals?: readonly number[];
  /** Only with both row and column totals. */
  grandTotal?: number;
  /**
   * Totals whose suppression was decided elsewhere because they are shown in
   * other tables too (a team's cases in the period, the city's): they keep
   * that decision, and a line they close is protected by suppressing one
   * more of its cells instead.
   */
  fixed?: { rowTotals?: readonly boolean[]; colTotals?: readonly boolean[]; grandTotal?: boolean };
}

/** Which cells and totals are suppressed (true = shown as "< 5"). */
export interface SuppressionMask {
  cells: boolean[][];
  rowTotals: boolean[];
  colTotals: boolean[];
  grandTotal: boolean;
}

export const isSmallCount = (n: number): boolean => n < SUPPRESSION_THRESHOLD;

/** Nothing suppressed (the team's own view). */
export function noSuppression(grid: CountGrid): SuppressionMask {
  return {
    cells: grid.cells.map((row) => row.map(() => false)),
    rowTotals: (grid.rowTotals ?? []).map(() => false),
    colTotals: (grid.colTotals ?? []).map(() => false),
    grandTotal: false,
  };
}

/** A position in the grid: a cell, a row total, a column total, or the grand total. */
type Ref = { kind: "cell"; row: number; col: number } | { kind: "rowTotal"; index: number } | { kind: "colTotal"; index: number } | { kind: "grand" };

/** One additive line: its members sum to its total (a row with its row total, a column with its column total, the totals with the grand total). */
interface Line {
  members: Ref[];
  total: Ref;
}

function linesOf(grid: CountGrid): Line[] {
  const rows = grid.cells.length;
  const cols = rows > 0 ? grid.cells[0].length : (grid.colTotals?.length ?? 0);
  const lines: Line[] = [];
  if (grid.rowTotals)
    for (let r = 0; r < rows; r++)
      lines.push({ members: Array.from({ length: cols }, (_, c) => ({ kind: "cell", row: r, col: c })), total: { kind: "rowTotal", index: r } });
  if (grid.colTotals)
    for (let c = 0; c < cols; c++)
      lines.push({ members: Array.from({ length: rows }, (_, r) => ({ kind: "cell", row: r, col: c })), total: { kind: "colTotal", index: c } });
  if (grid.rowTotals && grid.colTotals && grid.grandTotal !== undefined) {
    lines.push({ members: Array.from({ length: rows }, (_, r) => ({ kind: "rowTotal", index: r })), total: { kind: "grand" } });
    lines.push({ members: Array.from({ length: cols }, (_, c) => ({ kind: "colTotal", index: c })), total: { kind: "grand" } });
  }
  return lines;
}

/**
 * The suppression outside the team. Primary: every count (cell or total)
 * under 5. Secondary, repeated until nothing changes: in every line whose
 * members sum to a total, if exactly one of its members and total is
 * unknown it could be recomputed — so the line's total is suppressed too
 * (or, when the total is fixed or itself the one unknown, its smallest
 * shown member).
 * Afterwards no suppressed number can be recomputed from the shown numbers
 * of any one of its lines.
 */
export function suppressGrid(grid: CountGrid): SuppressionMask {
  const fixed = grid.fixed ?? {};
  const mask: SuppressionMask = {
    cells: grid.cells.map((row) => row.map(isSmallCount)),
    rowTotals: (grid.rowTotals ?? []).map((n, i) => fixed.rowTotals?.[i] ?? isSmallCount(n)),
    colTotals: (grid.colTotals ?? []).map((n, i) => fixed.colTotals?.[i] ?? isSmallCount(n)),
    grandTotal: grid.grandTotal !== undefined && (fixed.grandTotal ?? isSmallCount(grid.grandTotal)),
  };
  const isFixed = (ref: Ref): boolean =>
    ref.kind === "rowTotal"
      ? fixed.rowTotals !== undefined
      : ref.kind === "colTotal"
        ? fixed.colTotals !== undefined
        : ref.kind === "grand"
          ? fixed.grandTotal !== undefined
          : false;
  const get = (ref: Ref): boolean =>
    ref.kind === "cell"
      ? mask.cells[ref.row][ref.col]
      : ref.kind === "rowTotal"
        ? mask.rowTotals[ref.index]
        : ref.kind === "colTotal"
          ? mask.colTotals[ref.index]
          : mask.grandTotal;
  const set = (ref: Ref) => {
    if (ref.kind === "cell") mask.cells[ref.row][ref.col] = true;
    else if (ref.kind === "rowTotal") mask.rowTotals[ref.index] = true;
    else if (ref.kind === "colTotal") mask.colTotals[ref.index] = true;
    else mask.grandTotal = true;
  };
  const value = (ref: Ref): number =>
    ref.kind === "cell"
      ? grid.cells[ref.row][ref.col]
      : ref.kind === "rowTotal"
        ? grid.rowTotals![ref.index]
        : ref.kind === "colTotal"
          ? grid.colTotals![ref.index]
          : grid.grandTotal!;

  const lines = linesOf(grid).filter((l) => l.members.length > 0);
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hiddenMembers = line.members.filter(get).length;
      const totalHidden = get(line.total);
      if (hiddenMembers + (totalHidden ? 1 : 0) !== 1) continue;
      if (!totalHidden && !isFixed(line.total)) set(line.total);
      else {
        // The total is fixed or is itself the one hidden number: hide the smallest shown member as well.
        const candidates = line.members.filter((m) => !get(m) && !isFixed(m));
        if (candidates.length === 0) continue;
        set(candidates.reduce((a, b) => (value(b) < value(a) ? b : a)));
      }
      changed = true;
    }
  }
  return mask;
}
