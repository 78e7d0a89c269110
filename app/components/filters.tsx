// Filter forms of the list and report pages: a GET form (the filters live in
// the URL, so a filtered page can be bookmarked and shared), a heading, the
// error when the filters were refused, and "Toepassen" / "Wissen".
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { SelectField, TextField, urlField } from "~/components/form";
import { nl } from "~/i18n/nl";

const t = nl.workbudget.filters;

export function FilterForm(props: { id: string; invalid: boolean; clearTo: string; columns: 4 | 5; note?: ReactNode; children: ReactNode }) {
  const { id, invalid, clearTo, columns, note, children } = props;
  return (
    <form method="get" className="card" aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`} className="mb-3">
        {t.title}
      </h2>
      {invalid ? (
        <p role="alert" className="alert alert-error">
          {t.invalid}
        </p>
      ) : null}
      {/* Whole class names, so Tailwind finds them. */}
      <div className={`grid gap-x-4 sm:grid-cols-2 ${columns === 4 ? "lg:grid-cols-4" : "lg:grid-cols-5"}`}>{children}</div>
      {note ? <p className="hint mb-3">{note}</p> : null}
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" className="btn">
          {t.apply}
        </button>
        <Link to={clearTo}>{t.clear}</Link>
      </div>
    </form>
  );
}

/** A select and a date of a filter form: the form kit's fields, showing the URL's value. */
export function FilterSelect(props: {
  id: string;
  name: string;
  label: ReactNode;
  value: string;
  options: { value: string; label: string }[];
  anyLabel?: string;
}) {
  const { id, name, label, value, options, anyLabel } = props;
  return <SelectField field={urlField(name, value, id)} label={label} options={options} placeholder={anyLabel} selectClassName="input max-w-md" />;
}

export function FilterDate(props: { id: string; name: string; label: ReactNode; value: string }) {
  const { id, name, label, value } = props;
  return <TextField field={urlField(name, value, id)} label={label} type="date" inputClassName="input max-w-xs" />;
}

/**
 * One search box of a list page (?zoek=): the label, the typed text kept, the
 * refusal (e.g. an invisible character) next to the field, and "Wissen" while a search is active.
 */
export function SearchForm(props: {
  label: string;
  button: string;
  clearLabel: string;
  clearTo: string;
  value: string;
  error?: string | null;
  active: boolean;
}) {
  const { label, button, clearLabel, clearTo, value, error, active } = props;
  return (
    <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
      <div className="field mb-0">
        <label htmlFor="zoek">{label}</label>
        <input
          id="zoek"
          name="zoek"
          type="search"
          className="input"
          defaultValue={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "zoek-error" : undefined}
        />
        {error ? (
          <p id="zoek-error" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn btn-secondary">
        {button}
      </button>
      {active ? <Link to={clearTo}>{clearLabel}</Link> : null}
    </Form>
  );
}
