// One table for the report and list pages: a caption for screen readers,
// column headers, the first column as the row's header, amounts aligned
// right, an optional totals row, and the empty state instead of an empty table.
import { useId, type ReactNode } from "react";
import { nl } from "~/i18n/nl";
import { formatMoney } from "~/lib/format";

/**
 * The attributes of a wide table's scrolling box: on a phone the table scrolls sideways within
 * the box (never the page); the box is a region named after the table that the keyboard can
 * reach and scroll (WCAG 2.1.1, axe "scrollable-region-focusable").
 */
export function scrollRegion(label: string) {
  return { role: "region", "aria-label": label, tabIndex: 0 } as const;
}

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Amounts, counts, days: aligned right. */
  numeric?: boolean;
  /** Extra classes for the column's cells (e.g. whitespace-nowrap). */
  className?: string;
  /** The column's cell in the totals row; columns before the first total are spanned by the totals label. */
  total?: ReactNode;
}

/** An amount column: euros, right-aligned, never wrapped. */
export function moneyColumn<Row>(header: ReactNode, cents: (row: Row) => number): Column<Row> {
  return { header, cell: (row) => formatMoney(cents(row)), numeric: true, className: "whitespace-nowrap" };
}

export function DataTable<Row>(props: {
  caption: ReactNode;
  /** NoInfer: the rows decide the row type, the columns are checked against it. */
  columns: Column<NoInfer<Row>>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** The totals row's label (only with columns that have a total). */
  totalLabel?: ReactNode;
  /** The caption's id (default: a generated one); the scrolling box is a region named by the caption that the keyboard can reach (and scroll). */
  id?: string;
}) {
  const { caption, columns, rows, rowKey, empty, totalLabel } = props;
  const generated = useId();
  const id = props.id ?? generated;
  if (rows.length === 0) return <p className="card">{empty}</p>;
  const align = (c: Column<Row>) => [c.numeric ? "text-right" : "", c.className ?? ""].join(" ").trim() || undefined;
  const firstTotal = columns.findIndex((c) => c.total !== undefined);
  const labelSpan = Math.max(1, firstTotal);
  return (
    <div className="card overflow-x-auto p-0" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="table">
        <caption id={`${id}-caption`} className="sr-only">
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric ? "text-right" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className={`font-normal ${align(c) ?? ""}`.trim()}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={i} className={align(c)}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {firstTotal >= 0 ? (
          <tfoot>
            <tr className="font-semibold">
              <th scope="row" colSpan={labelSpan > 1 ? labelSpan : undefined}>
                {totalLabel}
              </th>
              {columns.slice(labelSpan).map((c, i) => (
                <td key={i} className={align(c)}>
                  {c.total}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** The header of a column of buttons (revoke, remove…): named for screen readers, empty on screen. */
export function ActionsColumnHeader() {
  return (
    <th scope="col">
      <span className="sr-only">{nl.common.actions}</span>
    </th>
  );
}

/**
 * A table laid out by hand (links and forms in its cells) in a scrolling
 * card, with a caption for screen readers; the empty text instead of an
 * empty table.
 */
export function TableCard({ caption, isEmpty = false, empty, children }: { caption?: string; isEmpty?: boolean; empty?: ReactNode; children: ReactNode }) {
  if (isEmpty) return <p className="card">{empty}</p>;
  return (
    <div className="card overflow-x-auto" {...(caption ? scrollRegion(caption) : {})}>
      <table className="table">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}
