// The year choice of the business case pages: a GET form (works without
// script), and a print button that is hidden in print.
import { Form } from "@remix-run/react";
import { nl } from "~/i18n/nl";

const t = nl.businessCase;

export function BusinessCaseYearForm({ year, first, last }: { year: number; first: number; last: number }) {
  const years = Array.from({ length: Math.max(1, last - first + 1) }, (_, i) => last - i);
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2 print:hidden">
      <div className="field">
        <label htmlFor="bc-year">{t.year}</label>
        <select id="bc-year" name="jaar" defaultValue={String(year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary">
        {t.show}
      </button>
      <button type="button" className="btn-secondary" onClick={() => window.print()}>
        {t.print}
      </button>
    </Form>
  );
}
