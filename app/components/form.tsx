// Form building blocks: label, input, Dutch field errors tied with
// aria-describedby, submit buttons disabled while pending.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { nl } from "~/i18n/nl";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

type InputType = "text" | "email" | "password" | "date" | "number" | "search" | "tel" | "url";

function describedBy(field: FieldMetadata<unknown>, hint?: ReactNode) {
  return [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
}

function Errors({ field }: { field: FieldMetadata<unknown> }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="field-error">
      {field.errors.join(" ")}
    </p>
  );
}

export function TextField(props: {
  field: AnyField;
  label: ReactNode;
  type?: InputType;
  hint?: ReactNode;
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "text" | "email";
  className?: string;
  readOnly?: boolean;
}) {
  const { field, label, type = "text", hint, autoComplete, inputMode, className, readOnly } = props;
  const inputProps = getInputProps(field as FieldMetadata<string>, { type, ariaAttributes: false });
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={`${field.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        {...inputProps}
        key={inputProps.key}
        className="input"
        autoComplete={autoComplete}
        inputMode={inputMode}
        readOnly={readOnly}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy(field as FieldMetadata<unknown>, hint)}
      />
      <Errors field={field as FieldMetadata<unknown>} />
    </div>
  );
}

export function TextAreaField(props: { field: AnyField; label: ReactNode; hint?: ReactNode; rows?: number }) {
  const { field, label, hint, rows = 4 } = props;
  const textareaProps = getTextareaProps(field as FieldMetadata<string>, { ariaAttributes: false });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={`${field.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea {...textareaProps} key={textareaProps.key} rows={rows} className="input" aria-invalid={field.errors?.length ? true : undefined} aria-describedby={describedBy(field as FieldMetadata<unknown>, hint)} />
      <Errors field={field as FieldMetadata<unknown>} />
    </div>
  );
}

export function SelectField(props: { field: AnyField; label: ReactNode; options: { value: string; label: string }[]; hint?: ReactNode; placeholder?: string }) {
  const { field, label, options, hint, placeholder } = props;
  const selectProps = getSelectProps(field as FieldMetadata<string>, { ariaAttributes: false });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={`${field.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <select {...selectProps} key={selectProps.key} className="input" aria-invalid={field.errors?.length ? true : undefined} aria-describedby={describedBy(field as FieldMetadata<unknown>, hint)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Errors field={field as FieldMetadata<unknown>} />
    </div>
  );
}

/** One checkbox with its label after it (conform sends "on" when checked). */
export function CheckboxField({ field, label }: { field: AnyField; label: ReactNode }) {
  const inputProps = getInputProps(field as FieldMetadata<string>, { type: "checkbox", ariaAttributes: false });
  return (
    <div className="field flex-row items-center gap-2">
      <input {...inputProps} key={inputProps.key} />
      <label htmlFor={field.id}>{label}</label>
    </div>
  );
}

/** Form-level errors (e.g. wrong password), announced to screen readers. */
export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="alert alert-error">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

export function SubmitButton({ children, pendingText, className, name, value }: { children: ReactNode; pendingText?: ReactNode; className?: string; name?: string; value?: string }) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && (name === undefined || navigation.formData?.get(name) === value);
  return (
    <button type="submit" className={className ?? "btn"} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {pending ? (pendingText ?? nl.common.saving) : children}
    </button>
  );
}
