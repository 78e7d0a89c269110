// Suppression of small counts (packages/core/src/figures/suppression.ts): the
// fixed examples of docs/figures.md and a property: no suppressed number can
// be recomputed from the shown numbers of any one of its lines.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { noSuppression, suppressGrid, type CountGrid, type SuppressionMask } from "../src/figures";

describe("suppressGrid", () => {
  test("every count under 5 is suppressed, 5 and more shown", () => {
    const m = suppressGrid({ cells: [[0, 4, 5, 12]] });
    expect(m.cells).toEqual([[true, true, false, false]]);
  });

  test("a row total that would reveal its one suppressed cell is suppressed too, and so is the grand total over it", () => {
    const grid: CountGrid = {
      cells: [
        [10, 3],
        [8, 9],
      ],
      rowTotals: [13, 17],
      colTotals: [18, 12],
      grandTotal: 30,
    };
    const m = suppressGrid(grid);
    expect(m.cells).toEqual([
      [false, true],
      [false, false],
    ]);
    // Row 0 and column 1 each hold exactly one suppressed cell: their totals go too; then the grand total.
    expect(m.rowTotals).toEqual([true, false]);
    expect(m.colTotals).toEqual([false, true]);
    expect(m.grandTotal).toBe(true);
  });

  test("a fixed total keeps its decision; its line hides the smallest other cell instead", () => {
    const m = suppressGrid({ cells: [[3], [9], [7]], colTotals: [19], fixed: { colTotals: [false] } });
    expect(m.colTotals).toEqual([false]);
    expect(m.cells).toEqual([[true], [false], [true]]);
  });

  test("a suppressed total with every cell shown hides its smallest cell", () => {
    const m = suppressGrid({ cells: [[6, 7, 20]], rowTotals: [33], fixed: { rowTotals: [true] } });
    expect(m.cells).toEqual([[true, false, false]]);
  });

  test("the team's own view suppresses nothing", () => {
    const m = noSuppression({ cells: [[1, 2]], rowTotals: [3], colTotals: [1, 2], grandTotal: 3 });
    expect(m).toEqual({ cells: [[false, false]], rowTotals: [false], colTotals: [false, false], grandTotal: false });
  });
});

/** Whether some suppressed number is the only unknown of a line whose other numbers are shown. */
function recomputable(grid: CountGrid, m: SuppressionMask): boolean {
  const rows = grid.cells.length;
  const cols = grid.cells[0]?.length ?? 0;
  const lines: boolean[][] = [];
  if (grid.rowTotals) for (let r = 0; r < rows; r++) lines.push([...m.cells[r], m.rowTotals[r]]);
  if (grid.colTotals) for (let c = 0; c < cols; c++) lines.push([...m.cells.map((row) => row[c]), m.colTotals[c]]);
  if (grid.grandTotal !== undefined) {
    lines.push([...m.rowTotals, m.grandTotal]);
    lines.push([...m.colTotals, m.grandTotal]);
  }
  return lines.some((line) => line.length > 1 && line.filter(Boolean).length === 1);
}

const gridArb = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      cells: fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
      shape: fc.constantFrom("rows", "cols", "both"),
    }),
  )
  .map(({ cells, shape }): CountGrid => {
    const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
    const colTotals = cells[0].map((_, c) => cells.reduce((a, r) => a + r[c], 0));
    if (shape === "rows") return { cells, rowTotals };
    if (shape === "cols") return { cells, colTotals };
    return { cells, rowTotals, colTotals, grandTotal: rowTotals.reduce((a, b) => a + b, 0) };
  });

describe("suppressGrid properties", () => {
  test("no suppressed cell or total can be recomputed from the shown numbers of its row or column", () => {
    fc.assert(
      fc.property(gridArb, (grid) => {
        const m = suppressGrid(grid);
        expect(recomputable(grid, m)).toBe(false);
        // Every count under 5 is suppressed.
        grid.cells.forEach((row, r) => row.forEach((n, c) => n < 5 && expect(m.cells[r][c]).toBe(true)));
      }),
      { numRuns: 500 },
    );
  });

  test("with fixed column totals, the cells alone protect each other", () => {
    fc.assert(
      fc.property(gridArb, (g) => {
        const colTotals = g.cells[0].map((_, c) => g.cells.reduce((a, r) => a + r[c], 0));
        const grid: CountGrid = { cells: g.cells, colTotals, fixed: { colTotals: colTotals.map((n) => n < 5) } };
        const m = suppressGrid(grid);
        expect(m.colTotals).toEqual(colTotals.map((n) => n < 5));
        expect(recomputable(grid, m)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
