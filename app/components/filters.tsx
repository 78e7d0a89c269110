// Filter forms of the list and report pages: a GET form (the filters live in
// the URL, so a filtered page can be bookmarked and shared), a heading, the
// error when the filters were refused, and "Toepassen" / "Wissen".
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
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

/** A select of a filter form; the key makes it show the URL's value again after a client-side navigation. */
export function FilterSelect(props: { id: string; name: string; label: ReactNode; value: string; options: { value: string | number; label: ReactNode }[]; anyLabel?: ReactNode }) {
  const { id, name, label, value, options, anyLabel } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value} className="input" key={`${name}-${value}`}>
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterDate(props: { id: string; name: string; label: ReactNode; value: string }) {
  const { id, name, label, value } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="date" defaultValue={value} className="input" key={`${name}-${value}`} />
    </div>
  );
}
