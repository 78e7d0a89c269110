// Building blocks of the workgroup pages: the group's own fields (on the
// form kit, components/form.tsx), rendered markdown, highlighted search
// snippets and a post's files.
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { TextAreaField, TextField, anyText, optionalText, requiredText } from "~/components/form";
import { nl } from "~/i18n/nl";

const t = nl.workgroups;

/** The workgroup form's fields as the browser checks them (the use case checks again). */
export const workgroupSchema = z.object({
  name: requiredText(t.fieldErrors.name, 3, 120),
  description: optionalText(t.fieldErrors.description, 4000),
  isOpen: anyText,
  facilitators: anyText,
  confirmNoPersonalData: anyText,
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

/** The group's own fields, the same when it is started and when it is edited: theme, description, open or closed. */
export function WorkgroupFields({ fields }: { fields: { [name: string]: AnyField } }) {
  const open = getInputProps(fields.isOpen as FieldMetadata<string>, { type: "radio", value: "open", ariaAttributes: false });
  const closed = getInputProps(fields.isOpen as FieldMetadata<string>, { type: "radio", value: "closed", ariaAttributes: false });
  const isClosed = fields.isOpen.initialValue === "closed";
  return (
    <>
      <TextField field={fields.name} label={t.theme} required />
      <TextAreaField field={fields.description} label={t.description} rows={4} />
      <fieldset className="field">
        <legend>{t.openLabel}</legend>
        <div className="flex items-center gap-2">
          <input {...open} key={fields.isOpen.key} id="isOpen-open" defaultChecked={!isClosed} />
          <label htmlFor="isOpen-open">{t.openChoice}</label>
        </div>
        <div className="flex items-center gap-2">
          <input {...closed} key={fields.isOpen.key} id="isOpen-closed" defaultChecked={isClosed} />
          <label htmlFor="isOpen-closed">{t.closedChoice}</label>
        </div>
      </fieldset>
    </>
  );
}

/** Up to three files on a post (PDF, JPG, PNG; checked again on the server from their bytes). */
export const POST_FILE_TYPES = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg";

/** The link back to the group, above a page of the group. */
export function BackToGroup({ group }: { group: { slug: string; name: string } }) {
  return (
    <p>
      <Link to={`/werkgroepen/${group.slug}`}>{t.backToGroup(group.name)}</Link>
    </p>
  );
}

/** HTML from renderMarkdown (micromark, safe by default: raw HTML escaped, dangerous URLs dropped). */
export function Markdown({ html }: { html: string }) {
  return <div className="markdown space-y-2" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A search snippet: hit parts in <mark>, everything else plain text (React escapes it). */
export function Snippet({ parts }: { parts: { text: string; hit: boolean }[] }) {
  return <p className="hint">{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</p>;
}

export interface PostAttachment {
  id: string;
  fileName: string;
  sizeBytes: number;
  canRemove: boolean;
}

/** The files under a post: download links; remove (asks first) for the uploader and facilitators. */
export function PostAttachments({
  files,
  hrefOf,
  renderRemove,
}: {
  files: PostAttachment[];
  hrefOf: (id: string) => string;
  renderRemove: (file: PostAttachment) => ReactNode;
}) {
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
