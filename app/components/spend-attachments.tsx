// The files of one spend request: a table with a download link per file
// (a resource route: UI routes cannot send files), and, where this person
// may, the upload form and a remove button that asks first. Used on the
// team's page (manage) and the controller's (read only).
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ConfirmSubmit } from "~/components/confirm";
import { FormErrors, SelectField, SubmitButton } from "~/components/form";
import { nl } from "~/i18n/nl";
import { formatDateTime, formatFileSize } from "~/lib/format";
import { scrollRegion } from "~/components/data-table";

const t = nl.spends.attachments;
export const ADD_ATTACHMENT_FORM_ID = "add_attachment";
type Kind = keyof typeof t.kinds;
/** The kinds of file, in the catalogue's order (checked against the core's AttachmentKind at compile time). */
export const ATTACHMENT_KIND_CODES = Object.keys(t.kinds) as [Kind, ...Kind[]];

export interface AttachmentRow {
  id: string;
  kind: string;
  fileName: string;
  sizeBytes: number;
  uploadedByName: string;
  createdAt: string | Date;
  canRemove: boolean;
}

export function SpendAttachments(props: {
  items: AttachmentRow[];
  canAdd: boolean;
  /** The request is finished: say why nothing can be added. */
  closed: boolean;
  downloadHref: (id: string) => string;
  /** False on pages that only read (the controller's): no forms at all. */
  manage: boolean;
  headingLevel?: 2 | 3;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { items, downloadHref, manage } = props;
  const H = props.headingLevel === 3 ? "h3" : "h2";
  const Sub = props.headingLevel === 3 ? "h4" : "h3";
  const canAdd = manage && props.canAdd;
  const [form, fields] = useForm({ id: ADD_ATTACHMENT_FORM_ID, lastResult: props.lastResult, shouldValidate: "onSubmit" });
  const fileProps = getInputProps(fields.file, { type: "file", ariaAttributes: false });
  const fileDescribedBy = [`${fields.file.id}-hint`, fields.file.errors?.length ? fields.file.errorId : null].filter(Boolean).join(" ");
  return (
    <section aria-labelledby="spend-attachments-title" className="card space-y-4">
      <H id="spend-attachments-title">{t.title}</H>
      <p className="hint">{t.intro}</p>
      {items.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <div className="overflow-x-auto" {...scrollRegion(t.caption)}>
          <table className="table">
            <caption className="sr-only">{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.col.name}</th>
                <th scope="col">{t.col.kind}</th>
                <th scope="col">{t.col.size}</th>
                <th scope="col">{t.col.uploaded}</th>
                {manage && items.some((a) => a.canRemove) ? <th scope="col">{t.col.actions}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={downloadHref(a.id)} download={a.fileName} aria-label={t.download(a.fileName)}>
                      {a.fileName}
                    </a>
                  </td>
                  <td>{t.kinds[a.kind as Kind] ?? a.kind}</td>
                  <td>{formatFileSize(a.sizeBytes)}</td>
                  <td>{t.uploaded(a.uploadedByName, formatDateTime(a.createdAt))}</td>
                  {manage && items.some((x) => x.canRemove) ? (
                    <td>
                      {a.canRemove ? (
                        <Form method="post">
                          <input type="hidden" name="attachmentId" value={a.id} />
                          <ConfirmSubmit
                            label={t.remove}
                            accessibleLabel={t.removeLabel(a.fileName)}
                            question={t.removeQuestion(a.fileName)}
                            confirmLabel={t.removeConfirm}
                            name="intent"
                            value="remove_attachment"
                            danger
                          />
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manage && props.closed ? <p className="hint">{t.closed}</p> : null}
      {canAdd ? (
        <div className="max-w-xl">
          <Sub>{t.addTitle}</Sub>
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="add_attachment" />
            <FormErrors form={form} />
            <SelectField
              field={fields.kind}
              label={t.kind}
              placeholder={t.chooseKind}
              options={ATTACHMENT_KIND_CODES.map((k) => ({ value: k, label: t.kinds[k] }))}
            />
            <div className="field">
              <label htmlFor={fields.file.id}>{t.file}</label>
              <p id={`${fields.file.id}-hint`} className="hint">
                {t.fileHint}
              </p>
              <input
                {...fileProps}
                key={fileProps.key}
                className="input"
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-invalid={fields.file.errors?.length ? true : undefined}
                aria-describedby={fileDescribedBy}
              />
              {fields.file.errors?.length ? (
                <p id={fields.file.errorId} className="field-error">
                  {fields.file.errors.join(" ")}
                </p>
              ) : null}
            </div>
            <SubmitButton>{t.add}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
