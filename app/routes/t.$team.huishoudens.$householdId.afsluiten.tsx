// Closing a household's case: reason, legal basis (sets the retention), the
// six "other way of working" questions (yes / no / unknown), and what to do
// with arrangements still running; confirmed, because closing is final.
// Optionally the problems the case prevented, each against a return norm
// with its source and a count: the avoided costs of the business case.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextAreaField, TextField, anyText, useFormKit } from "~/components/form";
import { requireTeamContext } from "~/context.server";
import {
  ASSESSMENT_ANSWERS,
  ASSESSMENT_QUESTIONS,
  LEGAL_BASES,
  arrangementStatusLabels,
  assessmentAnswerLabels,
  assessmentQuestionLabels,
  closeCase,
  getClosing,
  kantelingLayerLabels,
  legalBasisLabels,
} from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatMoney, todayInAmsterdam } from "~/lib/format";
import { parseSubmission, readFormData, runForm, type FormReply } from "~/lib/form.server";
import { toHttpError } from "~/lib/http.server";

const t = nl.caseworkPlan.closing;
const bc = nl.businessCase.closing;

/** The prevented problems ticked on the form: each norm with its count (1 when left empty), or null when a count is not 1–1000. */
function avoidedCostsOf(form: FormData): { normId: string; count: number }[] | null {
  const out: { normId: string; count: number }[] = [];
  for (const normId of new Set(form.getAll("avoidedNorm").map(String))) {
    const raw = String(form.get(`avoidedCount-${normId}`) ?? "").trim();
    const count = raw === "" ? 1 : /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
    if (!(count >= 1 && count <= 1000)) return null;
    out.push({ normId, count });
  }
  return out;
}

const schema = z.object({
  closedOn: z.string({ required_error: t.fieldErrors.closedOn }).regex(/^\d{4}-\d{2}-\d{2}$/, t.fieldErrors.closedOn),
  reason: z.string({ required_error: t.fieldErrors.reason }).trim().min(1, t.fieldErrors.reason).max(2000, t.fieldErrors.reason),
  legalBasis: z.string({ required_error: t.fieldErrors.legalBasis }).min(1, t.fieldErrors.legalBasis),
  endOpenArrangements: anyText,
  confirm: z.string({ required_error: t.fieldErrors.confirm }),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const closing = await getClosing(ctx, params.householdId ?? "").catch(toHttpError);
  return {
    closing,
    legalBases: LEGAL_BASES.map((b) => ({ value: b, label: legalBasisLabels[b] })),
    questions: ASSESSMENT_QUESTIONS.map((q) => ({ key: q, label: assessmentQuestionLabels[q] })),
    answers: ASSESSMENT_ANSWERS.map((a) => ({ value: a, label: assessmentAnswerLabels[a] })),
    layerLabels: kantelingLayerLabels,
    statusLabels: arrangementStatusLabels,
    legalBasisLabels,
    today: todayInAmsterdam(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const householdId = params.householdId ?? "";
  const form = await readFormData(request);
  const assessment = Object.fromEntries(
    ASSESSMENT_QUESTIONS.map((q) => {
      const v = String(form.get(q) ?? "unknown");
      return [q, (ASSESSMENT_ANSWERS as readonly string[]).includes(v) ? v : "unknown"];
    }),
  ) as Record<(typeof ASSESSMENT_QUESTIONS)[number], "yes" | "no" | "unknown">;
  const avoidedCosts = avoidedCostsOf(form);
  const submission = parseSubmission(form, { schema });
  if (!avoidedCosts) return data<FormReply>({ result: submission.reply({ formErrors: [bc.countError] }), personalData: false }, { status: 400 });
  const r = await runForm(
    submission,
    (v) =>
      closeCase(ctx, householdId, {
        closedOn: v.closedOn,
        reason: v.reason,
        legalBasis: v.legalBasis as "none",
        assessment,
        endOpenArrangements: v.endOpenArrangements === "on",
        avoidedCosts,
      }),
    { fieldMessages: t.fieldErrors },
  );
  if (!r.ok) return r.response;
  return redirect(`/t/${ctx.team.slug}/huishoudens/${householdId}/afsluiten`);
}

export default function ClosingPage() {
  const { closing, legalBases, questions, answers, layerLabels, statusLabels, legalBasisLabels, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const [form, fields] = useFormKit({
    schema,
    lastResult: reply?.result as SubmissionResult<string[]> | undefined,
    defaultValue: { closedOn: today, legalBasis: closing.legalBasis ?? "" },
  });
  const typed = (reply?.result.initialValue ?? {}) as Record<string, unknown>;
  if (!closing.caseId) return <p>{nl.caseworkPlan.noCase}</p>;
  if (closing.status === "closed")
    return (
      <section aria-labelledby="closing-heading" className="card space-y-3">
        <h3 id="closing-heading">{nl.caseworkPlan.closedNote}</h3>
        <p>{t.closed(formatDate(closing.closedOn))}</p>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">{t.reason}</dt>
          <dd className="whitespace-pre-line">{closing.reason}</dd>
          <dt className="font-semibold">{t.legalBasis}</dt>
          <dd>{closing.legalBasis ? legalBasisLabels[closing.legalBasis] : nl.caseworkPlan.dash}</dd>
          {questions.map((q) => (
            <div key={q.key} className="contents">
              <dt className="font-semibold">{q.label}</dt>
              <dd>{closing.assessment[q.key] ? answers.find((a) => a.value === closing.assessment[q.key])?.label : nl.caseworkPlan.dash}</dd>
            </div>
          ))}
        </dl>
        <h4>{bc.recorded}</h4>
        {closing.avoidedCosts.length ? (
          <ul className="list-disc pl-6">
            {closing.avoidedCosts.map((a) => (
              <li key={a.id}>
                {a.count} × {bc.normLabel(a.label, formatMoney(a.amountCents), a.unit)} — {bc.source(a.source, a.isLocalEstimate)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{bc.none}</p>
        )}
        {closing.retainUntil ? <p className="hint">{t.retainUntil(formatDate(closing.retainUntil))}</p> : null}
      </section>
    );
  if (!closing.canClose) return <p className="hint">{nl.caseworkPlan.readOnlyNote}</p>;
  return (
    <section aria-labelledby="closing-heading" className="card space-y-3">
      <h3 id="closing-heading">{t.title}</h3>
      <p className="hint">{t.intro}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors form={form} />
        <TextField field={fields.closedOn} label={t.closedOn} type="date" className="max-w-xs" />
        <TextAreaField field={fields.reason} label={t.reason} rows={3} />
        <SelectField field={fields.legalBasis} label={t.legalBasis} options={legalBases} placeholder={nl.caseworkPlan.choose} />
        <fieldset className="space-y-2">
          <legend className="font-semibold">{t.assessment}</legend>
          {questions.map((q) => (
            <fieldset key={q.key} className="field">
              <legend>{q.label}</legend>
              <div className="flex flex-wrap gap-x-4">
                {answers.map((a) => (
                  <label key={a.value} className="inline-flex items-center gap-1">
                    <input type="radio" name={q.key} value={a.value} defaultChecked={String(typed[q.key] ?? "unknown") === a.value} /> {a.label}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </fieldset>
        {closing.norms.length ? (
          <fieldset className="space-y-2" aria-describedby="avoided-hint">
            <legend className="font-semibold">{bc.legend}</legend>
            <p className="hint" id="avoided-hint">
              {bc.hint}
            </p>
            {closing.norms.map((n) => {
              const ticked = ([] as unknown[])
                .concat(typed.avoidedNorm ?? [])
                .map(String)
                .includes(n.id);
              return (
                <div key={n.id} className="flex flex-wrap items-center gap-x-4 gap-y-1">
                  <label className="inline-flex items-center gap-1">
                    <input type="checkbox" name="avoidedNorm" value={n.id} defaultChecked={ticked} />{" "}
                    {bc.normLabel(n.label, formatMoney(n.amountCents), n.unit)}
                  </label>
                  <label className="inline-flex items-center gap-1">
                    <span className="sr-only">{bc.countLabel(n.label)}</span>
                    <span aria-hidden="true">{bc.count}</span>
                    <input
                      type="number"
                      min={1}
                      max={1000}
                      name={`avoidedCount-${n.id}`}
                      defaultValue={String(typed[`avoidedCount-${n.id}`] ?? "1")}
                      className="input w-20"
                    />
                  </label>
                  <span className="hint">{bc.source(n.source, n.isLocalEstimate)}</span>
                </div>
              );
            })}
          </fieldset>
        ) : null}
        {closing.openArrangements.length ? (
          <div className="space-y-2">
            <p>{t.openArrangements}</p>
            <ul className="list-disc pl-6">
              {closing.openArrangements.map((a) => (
                <li key={a.id}>
                  {layerLabels[a.layer]}
                  {a.provider ? ` – ${a.provider}` : ""} ({statusLabels[a.status]})
                </li>
              ))}
            </ul>
            <CheckboxField field={fields.endOpenArrangements} label={t.endOpenArrangements} />
            {fields.endOpenArrangements.errors?.length ? <p className="field-error">{fields.endOpenArrangements.errors.join(" ")}</p> : null}
          </div>
        ) : null}
        <CheckboxField field={fields.confirm} label={t.confirm} />
        {fields.confirm.errors?.length ? (
          <p className="field-error" id="confirm-error">
            {fields.confirm.errors.join(" ")}
          </p>
        ) : null}
        <SubmitButton>{t.submit}</SubmitButton>
      </Form>
    </section>
  );
}
