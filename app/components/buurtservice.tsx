// Buurtservice building blocks: a checkbox group (categories, availability)
// and the counts table used on the team's page and city-wide.
import { getCollectionProps, type FieldMetadata } from "@conform-to/react";
import type { BuurtserviceCountTotals } from "@wijkwerk/core/neighbourhood";
import { nl } from "~/i18n/nl";
import { formatMonthYear, formatNumber } from "~/lib/format";
import { scrollRegion } from "~/components/data-table";

const t = nl.buurtservice;

export function CheckboxGroup({
  field,
  legend,
  options,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's string-list field
  field: FieldMetadata<any, any, string[]>;
  legend: string;
  options: { value: string; label: string }[];
}) {
  const boxes = getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.value), ariaAttributes: false });
  const label = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset id={field.id} className="field" aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend className="font-semibold">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {boxes.map((box) => (
          <span key={box.key} className="inline-flex items-center gap-1">
            <input {...box} key={box.key} />
            <label htmlFor={box.id}>{label.get(box.value)}</label>
          </span>
        ))}
      </div>
      {field.errors?.length ? (
        <p id={field.errorId} className="field-error">
          {field.errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Rows keyed by a label (a month or a team) with their totals, and a total row. */
export function CountsTable({
  caption,
  firstColumn,
  rows,
  total,
  monthKeys = false,
}: {
  caption: string;
  firstColumn: string;
  rows: [string, BuurtserviceCountTotals][];
  total?: BuurtserviceCountTotals;
  monthKeys?: boolean;
}) {
  const cells = (c: BuurtserviceCountTotals) =>
    [c.requests, c.offers, c.matches, c.reciprocalMatches, c.openOffers].map((n, i) => (
      <td key={i} className="text-right tabular-nums">
        {formatNumber(n)}
      </td>
    ));
  return (
    <div className="overflow-x-auto" {...scrollRegion(caption)}>
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            {[t.requests, t.offers, t.matches, t.reciprocalMatches, t.openOffers].map((h) => (
              <th key={h} scope="col" className="text-right">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, c]) => (
            <tr key={key}>
              <th scope="row" className="font-normal">
                {monthKeys ? formatMonthYear(key) : key}
              </th>
              {cells(c)}
            </tr>
          ))}
          {total ? (
            <tr className="font-semibold">
              <th scope="row">{t.total}</th>
              {cells(total)}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
