// The spend request form (new and edit): its zod schema (server-side
// validation only), the mapping to the core's draft input and back, and the
// fields. Two buttons: save as draft, or save and submit in one request.
import { calendarDate, isoDateOf } from "@wijkwerk/core/dates";
import { getCollectionProps, getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { SpendTermsHelp, type SpendFactsSpend } from "~/components/spend-detail";
import { FormErrors, PrivacyOverride, RequiredMark, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { nl } from "~/i18n/nl";
import { formatMoney } from "~/lib/format";
import { centsToEuroInput, parseEuroToCents } from "~/lib/money";

const t = nl.spends.form;

type LifeDomain = keyof typeof nl.spends.lifeDomains;
/** The life domain codes, in the core's order (the catalogue is checked against LIFE_DOMAINS at compile time). */
export const LIFE_DOMAIN_CODES = Object.keys(nl.spends.lifeDomains) as [LifeDomain, ...LifeDomain[]];

/** A euro amount field: Dutch input → integer cents (see app/lib/money.ts for the accepted forms). */
export function euroField(messages: { invalid: string; positive?: string; max?: number; tooHigh?: string }) {
  return z.string().transform((text, ctx) => {
    const cents = parseEuroToCents(text);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: messages.invalid });
      return z.NEVER;
    }
    if (messages.positive && cents <= 0) {
      ctx.addIssue({ code: "custom", message: messages.positive });
      return z.NEVER;
    }
    if (messages.max !== undefined && cents > messages.max) {
      ctx.addIssue({ code: "custom", message: messages.tooHigh ?? messages.invalid });
      return z.NEVER;
    }
    return cents;
  });
}

const text = (max: number) => z.string().trim().max(max, t.tooLong).optional();

export const spendFormSchema = z
  .object({
    amount: z
      .string({ required_error: t.amountRequired })
      .pipe(euroField({ invalid: t.amountInvalid, positive: t.amountPositive, max: 100_000_000, tooHigh: t.amountTooHigh })),
    neededOn: calendarDate(t.dateInvalid).optional(),
    purpose: text(500),
    supplier: text(200),
    rationale: text(4000),
    problemPrevented: text(4000),
    lifeDomains: z.array(z.enum(LIFE_DOMAIN_CODES)).default([]),
    // The team's own prefix is checked by the core (its message names it); here the general form PREFIX-digits.
    residentRef: z
      .string()
      .trim()
      .max(40, t.residentRefInvalid)
      .regex(/^[A-Za-z]{1,5}-\d{1,6}$/, t.residentRefInvalid)
      .optional(),
    householdId: z.string().uuid(nl.caseworkPlan.spendLink.invalid).optional(),
    normId: z.string().uuid(t.returnRequired).optional(),
    customReturn: euroField({ invalid: t.amountInvalid, max: 1_000_000_000, tooHigh: t.amountTooHigh }).optional(),
    customReturnJustification: text(2000),
    expectedSocialDomains: z.array(z.enum(LIFE_DOMAIN_CODES)).default([]),
    expectedSocialReturn: text(4000),
    confirmNoPersonalData: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.normId && v.customReturn !== undefined && !v.customReturnJustification)
      ctx.addIssue({ code: "custom", path: ["customReturnJustification"], message: t.customJustificationRequired });
  });
export type SpendFormValue = z.output<typeof spendFormSchema>;

/** The form's value as the core's draft input: a chosen norm wins over a custom estimate. */
export function toDraftInput(v: SpendFormValue) {
  const custom = !v.normId && v.customReturn !== undefined;
  return {
    amountCents: v.amount,
    neededOn: v.neededOn ?? null,
    purpose: v.purpose ?? "",
    supplier: v.supplier ?? "",
    rationale: v.rationale ?? "",
    problemPrevented: v.problemPrevented ?? "",
    lifeDomains: v.lifeDomains,
    residentRef: v.residentRef ?? "",
    // Only a form that offers households sends the field: an empty choice unlinks, no field keeps the link.
    householdId: v.householdId ?? null,
    normId: v.normId ?? null,
    expectedReturnCents: custom ? v.customReturn! : null,
    customReturnJustification: custom ? (v.customReturnJustification ?? null) : null,
    expectedSocialDomains: v.expectedSocialDomains,
    expectedSocialReturn: v.expectedSocialReturn ?? "",
    confirmNoPersonalData: v.confirmNoPersonalData === true,
  };
}

/** A stored request as the form's default values (for editing). */
export function toFormDefaults(
  spend: Pick<
    SpendFactsSpend,
    | "amountCents"
    | "neededOn"
    | "purpose"
    | "supplier"
    | "rationale"
    | "problemPrevented"
    | "lifeDomains"
    | "residentRef"
    | "normId"
    | "expectedReturnCents"
    | "customReturnJustification"
    | "expectedSocialDomains"
    | "expectedSocialReturn"
    | "householdId"
  >,
) {
  const neededOn = isoDateOf(spend.neededOn);
  return {
    amount: centsToEuroInput(spend.amountCents),
    neededOn,
    purpose: spend.purpose,
    supplier: spend.supplier,
    rationale: spend.rationale,
    problemPrevented: spend.problemPrevented,
    lifeDomains: spend.lifeDomains,
    residentRef: spend.residentRef,
    householdId: spend.householdId ?? "",
    normId: spend.normId ?? "",
    customReturn: !spend.normId && spend.expectedReturnCents !== null ? centsToEuroInput(spend.expectedReturnCents) : "",
    customReturnJustification: spend.normId ? "" : (spend.customReturnJustification ?? ""),
    expectedSocialDomains: spend.expectedSocialDomains,
    expectedSocialReturn: spend.expectedSocialReturn,
  };
}

type Reply = (options?: {
  formErrors?: string[];
  fieldErrors?: Record<string, string[]>;
  hideFields?: string[];
  resetForm?: boolean;
}) => SubmissionResult<string[]>;

/**
 * Wraps a submission's reply so the core's field names (amountCents,
 * expectedReturnCents…) land on the form's fields, with specific Dutch texts
 * where "required" alone would not say what to do.
 */
export function spendFormReply(reply: Reply): Reply {
  return (options = {}) => {
    const fieldErrors: Record<string, string[]> = {};
    for (const [key, messages] of Object.entries(options.fieldErrors ?? {})) {
      if (key === "amountCents") fieldErrors.amount = messages;
      else if (key === "expectedReturnCents") fieldErrors.normId = [t.returnRequired];
      else if (key === "expectedSocialReturn") fieldErrors.expectedSocialReturn = [t.socialReturnRequired];
      else fieldErrors[key] = messages;
    }
    const formErrors = options.formErrors?.length ? options.formErrors : Object.keys(fieldErrors).length ? [nl.common.formHasErrors] : undefined;
    return reply({ ...options, formErrors, fieldErrors });
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

/** A group of checkboxes or radio buttons with a legend; errors are tied to the group. `required` marks the legend (the group's id is the field's, for the error summary's link). */
export function ChoiceFieldset(props: {
  field: AnyField;
  legend: ReactNode;
  hint?: ReactNode;
  type: "checkbox" | "radio";
  options: { value: string; label: string }[];
  columns?: boolean;
  required?: boolean;
}) {
  const { field, legend, hint, type, options } = props;
  const hintId = `${field.id}-hint`;
  const describedBy = [hint ? hintId : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  const items = getCollectionProps(field as FieldMetadata<string[] | string>, { type, options: options.map((o) => o.value), ariaAttributes: false });
  const labels = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset id={field.id} className="field" aria-describedby={describedBy} aria-invalid={type === "radio" && field.errors?.length ? true : undefined}>
      <legend className="font-semibold">
        {legend}
        <RequiredMark show={props.required} />
      </legend>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <div className={props.columns ? "grid gap-1 sm:grid-cols-2" : "flex flex-wrap gap-x-6 gap-y-1"}>
        {items.map(({ key, ...item }) => (
          <div key={key} className="flex items-center gap-2">
            <input {...item} />
            <label htmlFor={item.id} className="font-normal">
              {labels.get(item.value)}
            </label>
          </div>
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

export interface NormOption {
  id: string;
  label: string;
  amountCents: number;
  unit: string;
  source: string;
  isLocalEstimate: boolean;
}

/** The fields' names in the error summary (its links say which field). */
const FIELD_LABELS: Record<string, string> = {
  amount: t.amount,
  neededOn: t.neededOn,
  purpose: t.purpose,
  supplier: t.supplier,
  rationale: t.rationale,
  problemPrevented: t.problemPrevented,
  lifeDomains: t.lifeDomains,
  residentRef: t.residentRef,
  householdId: nl.caseworkPlan.spendLink.household,
  normId: t.norm,
  customReturn: t.customReturn,
  customReturnJustification: t.customJustification,
  expectedSocialDomains: t.socialDomains,
  expectedSocialReturn: t.socialReturn,
};

const domainOptions = LIFE_DOMAIN_CODES.map((code) => ({ value: code, label: nl.spends.lifeDomains[code] }));

/** The fields and buttons of a request; `spendId` (hidden) makes a retry update the draft it created before. */
export function SpendForm(props: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: ReturnType<typeof toFormDefaults>;
  norms: NormOption[];
  spendId?: string | null;
  /** The draft was saved but not submitted (the submit step refused it): say so above the form. */
  savedNotSubmitted?: boolean;
  cancelTo?: ReactNode;
  /** The team's pseudonym format, for the hint. */
  residentRef: { prefix: string; example: string };
  /** The privacy guard blocked a text: offer the audit-logged override. */
  personalData?: boolean;
  /** The team's households a request may point to (reference and initials). */
  households?: { id: string; reference: string; initials: string }[];
  /** The norm table the author may read, linked from the help on the words. */
  normTableHref?: string;
}) {
  const [form, fields] = useForm({ id: "spend-form", lastResult: props.lastResult, shouldValidate: "onSubmit", defaultValue: props.defaultValue });
  const normOptions = props.norms.map((n) => ({ value: n.id, label: t.normOption(n.label, formatMoney(n.amountCents), n.unit, n.source, n.isLocalEstimate) }));
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      {props.spendId ? <input type="hidden" name="spendId" value={props.spendId} /> : null}
      {props.savedNotSubmitted ? (
        <p role="status" className="alert alert-info">
          {t.savedNotSubmitted}
        </p>
      ) : null}
      <FormErrors form={form} labels={FIELD_LABELS} />
      <p className="hint" data-testid="required-intro">
        {nl.spends.requiredIntro}
      </p>
      <SpendTermsHelp normTableHref={props.normTableHref ?? null} />

      <section aria-labelledby="spend-form-request" className="card">
        <h3 id="spend-form-request">{t.requestSection}</h3>
        <p className="hint mb-4">{t.intro}</p>
        <TextField field={fields.amount} label={t.amount} hint={t.amountHint} inputMode="text" className="max-w-xs" required />
        <TextField field={fields.neededOn} label={t.neededOn} hint={t.neededOnHint} type="date" className="max-w-xs" />
        <TextField field={fields.purpose} label={t.purpose} hint={t.purposeHint} required />
        <TextField field={fields.supplier} label={t.supplier} />
        <TextAreaField field={fields.rationale} label={t.rationale} hint={t.rationaleHint} required />
        <TextAreaField field={fields.problemPrevented} label={t.problemPrevented} rows={3} required />
        <ChoiceFieldset field={fields.lifeDomains} legend={t.lifeDomains} hint={t.lifeDomainsHint} type="checkbox" options={domainOptions} columns required />
        <TextField
          field={fields.residentRef}
          label={t.residentRef}
          hint={t.residentRefHintFor(props.residentRef.prefix, props.residentRef.example)}
          autoComplete="off"
          className="max-w-xs"
        />
        {props.households?.length ? (
          <SelectField
            field={fields.householdId}
            label={nl.caseworkPlan.spendLink.household}
            hint={nl.caseworkPlan.spendLink.householdHint}
            options={props.households.map((h) => ({ value: h.id, label: h.initials ? `${h.reference} (${h.initials})` : h.reference }))}
            placeholder={nl.caseworkPlan.spendLink.none}
          />
        ) : null}
      </section>

      <section aria-labelledby="spend-form-financial" className="card">
        <h3 id="spend-form-financial">
          {t.financialSection}
          <RequiredMark />
        </h3>
        <p className="hint mb-4">{t.financialHint}</p>
        <SelectField field={fields.normId} label={t.norm} options={normOptions} placeholder={t.noNorm} />
        <TextField field={fields.customReturn} label={t.customReturn} hint={t.customReturnHint} className="max-w-xs" />
        <TextAreaField field={fields.customReturnJustification} label={t.customJustification} rows={3} />
      </section>

      <section aria-labelledby="spend-form-social" className="card">
        <h3 id="spend-form-social">
          {t.socialSection}
          <RequiredMark />
        </h3>
        <p className="hint mb-4">{t.socialHint}</p>
        <ChoiceFieldset field={fields.expectedSocialDomains} legend={t.socialDomains} type="checkbox" options={domainOptions} columns />
        <TextAreaField field={fields.expectedSocialReturn} label={t.socialReturn} rows={3} />
      </section>

      <PrivacyOverride show={Boolean(props.personalData)} id="spend-form-confirm-no-personal-data" />

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton name="intent" value="save" className="btn btn-secondary">
          {t.saveDraft}
        </SubmitButton>
        <SubmitButton name="intent" value="submit">
          {t.submit}
        </SubmitButton>
        {props.cancelTo}
      </div>
    </Form>
  );
}
