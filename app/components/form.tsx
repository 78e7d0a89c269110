// Form building blocks: label, input, Dutch field errors tied with
// aria-describedby, submit buttons disabled while pending — and useFormKit,
// the one way a route sets up its conform form.
import { getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useNavigation } from "@remix-run/react";
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import { z, type ZodTypeAny } from "zod";
import { nl } from "~/i18n/nl";
import { withSummary } from "~/lib/form-reply";

/**
 * useForm with the kit's validation timing. With a schema the browser checks
 * a field when it is left and, once it has shown an error, again on every
 * keystroke. Checking a corrected field only when it is left ("onBlur" for
 * both) made its error vanish on the mousedown of the submit button: the
 * button moved up under the pointer, the click landed beside it and the
 * corrected form was not sent. Without a schema the server checks, on submit
 * only (a check on leaving a field would post the form).
 */
export function useFormKit(options: {
  schema?: ZodTypeAny;
  id?: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, unknown>;
}) {
  const { schema, defaultValue, ...rest } = options;
  return useForm<Record<string, unknown>, Record<string, unknown>, string[]>({
    ...rest,
    defaultValue: defaultValue as Record<string, string | null | undefined> | undefined,
    ...(schema
      ? {
          // A submit the browser refuses gets the form-level message too, so the error summary shows as after the server's check.
          onValidate: ({ formData }: { formData: FormData }) => withSummary(parseWithZod(formData, { schema })),
          shouldValidate: "onBlur",
          shouldRevalidate: "onInput",
        }
      : { shouldValidate: "onSubmit" }),
  });
}

/** A text the use case requires, with the field's own Dutch message for every way it can be wrong. */
export const requiredText = (message: string, min: number, max: number) => z.string({ required_error: message }).trim().min(min, message).max(max, message);
/** An optional text up to `max` characters. */
export const optionalText = (message: string, max: number) => z.string().max(max, message).optional();
/** Fields the browser need not check (the use case does): hidden ids, the privacy override. */
export const anyText = z.string().optional();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

type InputType = "text" | "email" | "password" | "date" | "time" | "number" | "search" | "tel" | "url";

/**
 * The ids of a field's element, hint and error. The element's id is always
 * the field metadata's (conform's `<form id>-<name>`, or urlField's): a page
 * cannot name a kit field itself, so the error summary's link `#<form id>-<name>`
 * finds the field also without JavaScript.
 */
function idsOf(field: { id: string; errorId: string }) {
  return { id: field.id, hint: `${field.id}-hint`, error: field.errorId };
}

function describedBy(field: FieldMetadata<unknown>, hint?: ReactNode) {
  const ids = idsOf(field);
  return [hint ? ids.hint : null, field.errors?.length ? ids.error : null].filter(Boolean).join(" ") || undefined;
}

function Hint({ field, hint }: { field: FieldMetadata<unknown>; hint?: ReactNode }) {
  return hint ? (
    <p id={idsOf(field).hint} className="hint">
      {hint}
    </p>
  ) : null;
}

// pre-line: the privacy guard's message lists what it found on separate lines.
function Errors({ field }: { field: FieldMetadata<unknown> }) {
  if (!field.errors?.length) return null;
  return (
    <p id={idsOf(field).error} className="field-error whitespace-pre-line">
      {field.errors.join(" ")}
    </p>
  );
}

type Common = { field: AnyField; label: ReactNode; hint?: ReactNode; required?: boolean };

/**
 * The visible "(verplicht)" after a label, legend or heading of what must be
 * filled in. On a control's own label it is hidden from assistive technology
 * (`onControl`): the control carries required and aria-required, which screen
 * readers announce, and the field's name stays its label.
 */
export function RequiredMark({ show = true, onControl = false }: { show?: boolean; onControl?: boolean }) {
  return show ? (
    <span className="required-mark font-normal" aria-hidden={onControl ? true : undefined}>
      {onControl ? "" : " "}
      {nl.common.requiredMark}
    </span>
  ) : null;
}

/**
 * A control's label, with "(verplicht)" beside it when the page says the
 * field is required (the `required` prop; not for a schema's constraint
 * alone, as on the login form where every field is). The mark sits outside
 * the label, so the field's name stays its label.
 */
function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: ReactNode; required?: boolean }) {
  if (!required) return <label htmlFor={htmlFor}>{label}</label>;
  return (
    <div className="flex flex-wrap items-baseline gap-x-1">
      <label htmlFor={htmlFor}>{label}</label>
      <RequiredMark onControl />
    </div>
  );
}

export function TextField(
  props: Common & {
    type?: InputType;
    autoComplete?: string;
    inputMode?: "numeric" | "decimal" | "text" | "email";
    className?: string;
    inputClassName?: string;
    readOnly?: boolean;
  },
) {
  const { field, label, type = "text", hint, autoComplete, inputMode, className, inputClassName, readOnly, required } = props;
  const inputProps = getInputProps(field as FieldMetadata<string>, { type, ariaAttributes: false });
  const f = field as FieldMetadata<unknown>;
  return (
    <div className={`field ${className ?? ""}`}>
      <FieldLabel htmlFor={idsOf(f).id} label={label} required={required} />
      <Hint field={f} hint={hint} />
      <input
        {...inputProps}
        key={field.key}
        id={idsOf(f).id}
        className={inputClassName ?? "input"}
        autoComplete={autoComplete}
        inputMode={inputMode}
        readOnly={readOnly}
        required={required || inputProps.required}
        aria-required={required || inputProps.required ? true : undefined}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(f, hint)}
      />
      <Errors field={f} />
    </div>
  );
}

export function TextAreaField(props: Common & { rows?: number }) {
  const { field, label, hint, rows = 4, required } = props;
  const textareaProps = getTextareaProps(field as FieldMetadata<string>, { ariaAttributes: false });
  const f = field as FieldMetadata<unknown>;
  return (
    <div className="field">
      <FieldLabel htmlFor={idsOf(f).id} label={label} required={required} />
      <Hint field={f} hint={hint} />
      <textarea
        {...textareaProps}
        key={field.key}
        id={idsOf(f).id}
        rows={rows}
        className="input"
        required={required || textareaProps.required}
        aria-required={required || textareaProps.required ? true : undefined}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(f, hint)}
      />
      <Errors field={f} />
    </div>
  );
}

export function SelectField(props: Common & { options: { value: string; label: string }[]; placeholder?: string; selectClassName?: string }) {
  const { field, label, options, hint, placeholder, selectClassName, required } = props;
  const selectProps = getSelectProps(field as FieldMetadata<string>, { ariaAttributes: false });
  const f = field as FieldMetadata<unknown>;
  return (
    <div className="field">
      <FieldLabel htmlFor={idsOf(f).id} label={label} required={required} />
      <Hint field={f} hint={hint} />
      <select
        {...selectProps}
        key={field.key}
        id={idsOf(f).id}
        className={selectClassName ?? "input"}
        required={required || selectProps.required}
        aria-required={required || selectProps.required ? true : undefined}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(f, hint)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Errors field={f} />
    </div>
  );
}

/** Files (the browser keeps them only until the page reloads; the server checks type and size from the bytes). */
export function FileField(props: Common & { accept: string; multiple?: boolean }) {
  const { field, label, hint, accept, multiple, required } = props;
  const f = field as FieldMetadata<unknown>;
  return (
    <div className="field">
      <FieldLabel htmlFor={idsOf(f).id} label={label} required={required} />
      <Hint field={f} hint={hint} />
      <input
        type="file"
        id={idsOf(f).id}
        name={field.name}
        multiple={multiple}
        accept={accept}
        className="input"
        required={required}
        aria-required={required ? true : undefined}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(f, hint)}
      />
      <Errors field={f} />
    </div>
  );
}

/** Shown only after the privacy guard blocked a text: an explicit, audited override ("confirmNoPersonalData"). */
export function PrivacyOverride({ show, id }: { show: boolean; id: string }) {
  if (!show) return null;
  return (
    <div className="field">
      <div className="flex items-start gap-2">
        <input type="checkbox" id={id} name="confirmNoPersonalData" aria-describedby={`${id}-hint`} className="mt-1" />
        <label htmlFor={id}>{nl.workgroups.confirmNoPersonalData}</label>
      </div>
      <p id={`${id}-hint`} className="hint">
        {nl.workgroups.confirmHint}
      </p>
    </div>
  );
}

/**
 * A field of a GET form (filters, search): no action and no conform form, the
 * value comes from the URL. The same field components render it; the key
 * remounts the element when the URL's value changes after a client-side navigation.
 */
export function urlField(name: string, value: string, id = name): AnyField {
  return { id, name, errorId: `${id}-error`, initialValue: value, key: `${name}-${value}` } as unknown as AnyField;
}

/** The action's answer when it is for the page's form `name` (a page with several forms gets one answer, for the form that was sent). */
export function replyFor<R extends { form?: string }>(reply: R | undefined, name: string): R | undefined {
  return reply?.form === name ? reply : undefined;
}

/** One checkbox with its label after it (conform sends "on" when checked). */
export function CheckboxField({ field, label }: { field: AnyField; label: ReactNode }) {
  const inputProps = getInputProps(field as FieldMetadata<string>, { type: "checkbox", ariaAttributes: false });
  return (
    <div className="field flex-row items-center gap-2">
      <input {...inputProps} key={field.key} />
      <label htmlFor={field.id}>{label}</label>
    </div>
  );
}

/** What FormErrors needs of a conform form for its summary: conform's form metadata has these. */
interface SummaryForm {
  id: string;
  errorId: string;
  errors?: string[];
  allErrors: Record<string, string[]>;
}

/** The id the summary links a field's error to: conform's id of the field, which every kit field carries (idsOf). */
const summaryTarget = (form: { id: string }, name: string) => `${form.id}-${name}`;

/** Moves focus to a field named in the error summary: its element by id, else the form's first control of that name (a group of checkboxes). */
function focusField(event: MouseEvent<HTMLAnchorElement>, formId: string | undefined, name: string, id: string) {
  const controls = "input:not([type=hidden]), select, textarea";
  const byId = document.getElementById(id);
  // A group (fieldset) is not focusable: its first control is.
  const target =
    (byId?.matches(controls) ? byId : byId?.querySelector<HTMLElement>(controls)) ??
    (formId ? document.getElementById(formId)?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`) : null) ??
    document.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
  if (!target) return;
  event.preventDefault();
  // The field's label (or the group's legend) comes into view with it, as in the GOV.UK pattern.
  (target.closest("fieldset, .field") ?? target).scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
}

/**
 * Form-level errors (e.g. wrong password), announced to screen readers — and,
 * given the conform `form`, the error summary of the GOV.UK pattern: a title,
 * then every field's error as a link to that field (`#<field id>`, focusing
 * it), with focus moved to the summary when it appears after a submit. The
 * link says the field's label (from `labels`) and its message. The field's id
 * is conform's (`<form id>-<name>`): the kit's fields take no other.
 */
export function FormErrors({ errors, id, form, labels }: { errors?: string[]; id?: string; form?: SummaryForm; labels?: Record<string, string> }) {
  const formErrors = form ? (form.errors ?? []) : (errors ?? []);
  const fieldErrors = form ? Object.entries(form.allErrors).filter(([name, list]) => name !== "" && list?.length) : [];
  // The summary shows after a submit (its answer carries a form-level message: app/lib/form-reply.ts) and stays while errors remain.
  const show = formErrors.length > 0;
  const ref = useRef<HTMLDivElement>(null);
  // Focus moves to it when a submit's answer arrives (a new form-level message), never while a field is being corrected.
  const arrived = form && form.errors?.length ? form.errors : null;
  useEffect(() => {
    if (arrived) ref.current?.focus();
  }, [arrived]);
  if (!show) return null;
  return (
    <div id={form ? form.errorId : id} role="alert" className="alert alert-error" ref={ref} tabIndex={form ? -1 : undefined}>
      {form && fieldErrors.length ? <p className="font-semibold">{nl.common.errorSummaryTitle}</p> : null}
      {formErrors.map((e) => (
        <p key={e}>{e}</p>
      ))}
      {fieldErrors.length ? (
        <ul className="ml-5 list-disc">
          {fieldErrors.map(([name, list]) => {
            const target = summaryTarget(form!, name);
            const label = labels?.[name];
            return (
              <li key={name}>
                <a href={`#${target}`} onClick={(event) => focusField(event, form!.id, name, target)}>
                  {label ? `${label}: ` : ""}
                  {list.join(" ")}
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

export function SubmitButton({
  children,
  pendingText,
  className,
  name,
  value,
}: {
  children: ReactNode;
  pendingText?: ReactNode;
  className?: string;
  name?: string;
  value?: string;
}) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && (name === undefined || navigation.formData?.get(name) === value);
  return (
    <button type="submit" className={className ?? "btn"} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {pending ? (pendingText ?? nl.common.saving) : children}
    </button>
  );
}
