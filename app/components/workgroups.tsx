// Building blocks of the workgroup pages: labelled fields with Dutch errors
// (aria-describedby), the privacy guard's override checkbox, rendered
// markdown and highlighted search snippets.
import type { ReactNode } from "react";
import { nl } from "~/i18n/nl";

const t = nl.workgroups;

function describedBy(id: string, hint?: ReactNode, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function Field(props: { id: string; name: string; label: ReactNode; defaultValue?: string; error?: string; hint?: ReactNode; multiline?: boolean; rows?: number; required?: boolean; type?: "text" | "date" | "time" }) {
  const { id, name, label, defaultValue, error, hint, multiline, rows = 6, required, type = "text" } = props;
  const common = { id, name, defaultValue, className: "input", required, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, hint, error) };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {multiline ? <textarea {...common} rows={rows} /> : <input type={type} {...common} className={type === "text" ? "input" : "input max-w-xs"} />}
      {error ? (
        <p id={`${id}-error`} className="field-error whitespace-pre-line">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Shown only after the privacy guard blocked the text: an explicit, audited override. */
export function PrivacyOverride({ show, id }: { show: boolean; id: string }) {
  if (!show) return null;
  return (
    <div className="field">
      <div className="flex items-start gap-2">
        <input type="checkbox" id={id} name="confirmNoPersonalData" aria-describedby={`${id}-hint`} className="mt-1" />
        <label htmlFor={id}>{t.confirmNoPersonalData}</label>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t.confirmHint}
      </p>
    </div>
  );
}

export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div role="alert" className="alert alert-error">
      <p>{message}</p>
    </div>
  );
}

/** HTML from renderMarkdown (micromark, safe by default: raw HTML escaped, dangerous URLs dropped). */
export function Markdown({ html }: { html: string }) {
  return <div className="markdown space-y-2" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A search snippet: hit parts in <mark>, everything else plain text (React escapes it). */
export function Snippet({ parts }: { parts: { text: string; hit: boolean }[] }) {
  return (
    <p className="hint">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </p>
  );
}

/** A labelled select with a Dutch error, like Field. */
export function SelectField(props: { id: string; name: string; label: ReactNode; options: { value: string; label: string }[]; defaultValue?: string; error?: string; hint?: ReactNode }) {
  const { id, name, label, options, defaultValue, error, hint } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <select id={id} name={name} defaultValue={defaultValue} className="input max-w-md" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
