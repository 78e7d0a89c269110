// Security settings: which roles must use two-step verification, and the
// idle timeout. Any combination of roles may be saved; the page warns while
// the functional admin role is not among them.
import { getCollectionProps, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { requireMunicipalityContext } from "~/context.server";
import {
  IDLE_TIMEOUT_MAX,
  IDLE_TIMEOUT_MIN,
  SETTINGS_ROLES,
  getDisbursementSettings,
  getSettings,
  updateDisbursementMode,
  updateSettings,
} from "~/core/tenancy.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { runForForm, runForMessage, toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.adminSettings;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

function settingsFormSchema() {
  const minutes = z
    .number({ required_error: t.idleTimeoutInvalid, invalid_type_error: t.idleTimeoutInvalid })
    .int(t.idleTimeoutInvalid)
    .min(IDLE_TIMEOUT_MIN, t.idleTimeoutInvalid)
    .max(IDLE_TIMEOUT_MAX, t.idleTimeoutInvalid);
  return z.object({
    mfaRequiredRoles: z.array(z.enum(SETTINGS_ROLES, { errorMap: () => ({ message: t.rolesInvalid }) })),
    idleTimeoutMinutes: minutes,
  });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Settings", context as { ip?: string });
  const settings = await getSettings(ctx).catch(toHttpError);
  const disbursement = await getDisbursementSettings(ctx).catch(toHttpError);
  return { settings, disbursement, roles: [...SETTINGS_ROLES] as string[] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Settings", context as { ip?: string });
  const formData = await readFormData(request);
  if (formData.get("intent") === "disbursement") {
    const mode = formData.get("disbursementMode") === "stripe_issuing" ? "stripe_issuing" : "manual";
    const outcome = await runForMessage(() => updateDisbursementMode(ctx, mode));
    if (!outcome.ok) return data({ result: undefined, saved: false, changed: 0, disbursementError: outcome.message }, { status: outcome.status });
    return { result: undefined, saved: true, changed: outcome.value.changed ? 1 : 0 };
  }
  const submission = parseSubmission(formData, { schema: settingsFormSchema() });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false, changed: 0 }, { status: 400 });
  const outcome = await runForForm(submission.reply, () => updateSettings(ctx, submission.value));
  if (!outcome.ok) return data({ result: outcome.result, saved: false, changed: 0 }, { status: outcome.status });
  return { result: submission.reply(), saved: true, changed: outcome.value.changed.length };
}

const includesAdmin = (value: unknown) => (Array.isArray(value) ? value.includes("admin") : value === "admin");

export default function AdminSettings() {
  const { settings, disbursement, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    { result?: SubmissionResult<string[]>; saved: boolean; changed: number; disbursementError?: string } | undefined;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: { mfaRequiredRoles: settings.mfaRequiredRoles, idleTimeoutMinutes: String(settings.idleTimeoutMinutes) },
  });
  const roleField = fields.mfaRequiredRoles;
  // The current (also unsaved) choice: the warning follows the checkboxes.
  const adminMissing = !includesAdmin(roleField.value);
  const hintId = `${roleField.id}-hint`;
  return (
    <div className="max-w-2xl space-y-4">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {actionData?.saved ? <SuccessNotice>{actionData.changed > 0 ? t.saved : t.unchanged}</SuccessNotice> : null}
      <Form method="post" className="card" {...getFormProps(form)}>
        <FormErrors form={form} />
        <fieldset
          id={roleField.id}
          className="field"
          aria-describedby={[hintId, roleField.errors?.length ? roleField.errorId : null].filter(Boolean).join(" ")}
        >
          <legend className="font-semibold">{t.mfaLegend}</legend>
          <p id={hintId} className="hint">
            {t.mfaHint}
          </p>
          <ul className="space-y-1">
            {getCollectionProps(roleField, { type: "checkbox", options: roles }).map(({ key, ...props }) => (
              <li key={key} className="flex items-center gap-2">
                <input {...props} />
                <label htmlFor={props.id}>{nl.common.roles[props.value]}</label>
              </li>
            ))}
          </ul>
          {roleField.errors?.length ? (
            <p id={roleField.errorId} className="field-error">
              {roleField.errors.join(" ")}
            </p>
          ) : null}
          <div aria-live="polite">{adminMissing ? <p className="alert alert-info mt-2">{t.adminWarning}</p> : null}</div>
        </fieldset>
        <TextField field={fields.idleTimeoutMinutes} label={t.idleTimeout} hint={t.idleTimeoutHint} type="number" inputMode="numeric" className="max-w-xs" />
        {settings.updatedAt ? <p className="hint">{t.lastChanged(formatDateTime(settings.updatedAt))}</p> : null}
        <SubmitButton>{t.save}</SubmitButton>
      </Form>
      <Form method="post" className="card">
        {actionData?.disbursementError ? (
          <p role="alert" className="alert alert-error">
            {actionData.disbursementError}
          </p>
        ) : null}
        <fieldset className="field">
          <legend className="font-semibold">{t.disbursementLegend}</legend>
          <p className="hint">{disbursement.stripeConfigured ? t.disbursementHint : t.disbursementNoStripe}</p>
          {(["manual", "stripe_issuing"] as const).map((mode) => (
            <div key={mode} className="flex items-center gap-2">
              <input
                type="radio"
                id={`disbursement-${mode}`}
                name="disbursementMode"
                value={mode}
                defaultChecked={disbursement.mode === mode}
                disabled={mode === "stripe_issuing" && !disbursement.stripeConfigured}
              />
              <label htmlFor={`disbursement-${mode}`}>{t.disbursementModes[mode]}</label>
            </div>
          ))}
        </fieldset>
        <SubmitButton name="intent" value="disbursement">
          {t.disbursementSave}
        </SubmitButton>
      </Form>
    </div>
  );
}
