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
/** The group's own fields, the same when it is started and when it is edited: theme, description, open or closed. */
export function WorkgroupFields({ values, errors }: { values: Record<string, string | undefined>; errors: Record<string, string | undefined> }) {
  const t = nl.workgroups;
  return (
    <>
      <Field id="name" name="name" label={t.theme} defaultValue={values.name} error={errors.name} required />
      <Field id="description" name="description" label={t.description} defaultValue={values.description} error={errors.description} multiline rows={4} />
      <fieldset className="field">
        <legend>{t.openLabel}</legend>
        <div className="flex items-center gap-2">
          <input type="radio" id="isOpen-open" name="isOpen" value="open" defaultChecked={values.isOpen !== "closed"} />
          <label htmlFor="isOpen-open">{t.openChoice}</label>
        </div>
        <div className="flex items-center gap-2">
          <input type="radio" id="isOpen-closed" name="isOpen" value="closed" defaultChecked={values.isOpen === "closed"} />
          <label htmlFor="isOpen-closed">{t.closedChoice}</label>
        </div>
      </fieldset>
    </>
  );
}

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

/** Up to three files on a post (PDF, JPG, PNG; checked again on the server from their bytes). */
export function FileField({ id, error }: { id: string; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{t.files}</label>
      <p id={`${id}-hint`} className="hint">
        {t.filesHint}
      </p>
      <input
        type="file"
        id={id}
        name="file"
        multiple
        accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, true, error)}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled select with a Dutch error, like Field. */
export function SelectField(props: { id: string; name: string; label: ReactNode; options: { value: string; label: string }[]; defaultValue?: string; error?: string; hint?: ReactNode; placeholder?: string }) {
  const { id, name, label, options, defaultValue, error, hint, placeholder } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <select id={id} name={name} defaultValue={defaultValue ?? ""} className="input max-w-md" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
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

export interface PostAttachment {
  id: string;
  fileName: string;
  sizeBytes: number;
  canRemove: boolean;
}

/** The files under a post: download links; remove (asks first) for the uploader and facilitators. */
export function PostAttachments({ files, hrefOf, renderRemove }: { files: PostAttachment[]; hrefOf: (id: string) => string; renderRemove: (file: PostAttachment) => ReactNode }) {
  if (!files.length) return null;
  return (
    <div>
      <p className="font-semibold">{t.attachmentsOf}</p>
      <ul className="space-y-1">
        {files.map((f) => (
          <li key={f.id} className="flex flex-wrap items-center gap-3">
            <a href={hrefOf(f.id)} download={f.fileName} aria-label={t.download(f.fileName)}>
              {f.fileName}
            </a>
            <span className="hint">{t.size(f.sizeBytes)}</span>
            {f.canRemove ? renderRemove(f) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
