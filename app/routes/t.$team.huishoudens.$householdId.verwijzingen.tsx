// Referrals of a household's case to the second line, and their outcome.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SelectField, SubmitButton, TextAreaField, TextField, anyText, replyFor, useFormKit } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { requireTeamContext } from "~/context.server";
import {
  REFERRAL_DESTINATIONS,
  REFERRAL_OUTCOMES,
  addReferral,
  listReferrals,
  recordReferralOutcome,
  referralDestinationLabels,
  referralOutcomeLabels,
} from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDate, todayInAmsterdam } from "~/lib/format";
import { parseSubmission, readFormData, runForm, type FormReply } from "~/lib/form.server";
import { toHttpError } from "~/lib/http.server";

const t = nl.caseworkPlan.referrals;
const date = (message: string) => z.string({ required_error: message }).regex(/^\d{4}-\d{2}-\d{2}$/, message);
const schemas = {
  add: z.object({
    destination: z.string({ required_error: t.fieldErrors.destination }).min(1, t.fieldErrors.destination),
    description: z.string().max(2000, t.fieldErrors.description).optional(),
    referredOn: date(t.fieldErrors.referredOn),
    intent: anyText,
  }),
  outcome: z.object({
    outcome: z.string({ required_error: t.fieldErrors.outcome }).min(1, t.fieldErrors.outcome),
    outcomeOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, t.fieldErrors.outcomeOn)
      .optional(),
    referralId: anyText,
    intent: anyText,
  }),
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const view = await listReferrals(ctx, params.householdId ?? "").catch(toHttpError);
  return {
    ...view,
    destinations: REFERRAL_DESTINATIONS.map((d) => ({ value: d, label: referralDestinationLabels[d] })),
    outcomes: REFERRAL_OUTCOMES.map((o) => ({ value: o, label: referralOutcomeLabels[o] })),
    destinationLabels: referralDestinationLabels,
    outcomeLabels: referralOutcomeLabels,
    today: todayInAmsterdam(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const householdId = params.householdId ?? "";
  const form = await readFormData(request);
  const back = `/t/${ctx.team.slug}/huishoudens/${householdId}/verwijzingen?opgeslagen=1`;
  if (form.get("intent") === "outcome") {
    const referralId = String(form.get("referralId") ?? "");
    const r = await runForm(
      parseSubmission(form, { schema: schemas.outcome }),
      (v) => recordReferralOutcome(ctx, householdId, referralId, { outcome: v.outcome as "pending", outcomeOn: v.outcomeOn || null }),
      { fieldMessages: t.fieldErrors, form: `outcome-${referralId}` },
    );
    if (!r.ok) return r.response;
    return redirect(back);
  }
  const r = await runForm(
    parseSubmission(form, { schema: schemas.add }),
    (v) => addReferral(ctx, householdId, { destination: v.destination as "wmo", description: v.description ?? "", referredOn: v.referredOn }),
    { fieldMessages: t.fieldErrors, form: "add" },
  );
  if (!r.ok) return r.response;
  return redirect(back);
}

function OutcomeForm(props: {
  referral: { id: string; destination: string; referredOn: string; outcome: string; outcomeOn: string | null };
  outcomes: { value: string; label: string }[];
  legend: string;
  reply: FormReply | undefined;
}) {
  const { referral, outcomes, legend } = props;
  const reply = replyFor(props.reply, `outcome-${referral.id}`);
  const [form, fields] = useFormKit({
    schema: schemas.outcome,
    id: `outcome-${referral.id}`,
    lastResult: reply?.result as SubmissionResult<string[]> | undefined,
    defaultValue: { outcome: referral.outcome, outcomeOn: referral.outcomeOn ?? "" },
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-label={legend} className="flex flex-wrap items-end gap-3">
      <FormErrors form={form} />
      <input type="hidden" name="referralId" value={referral.id} />
      <SelectField field={fields.outcome} label={nl.caseworkPlan.referrals.outcome} options={outcomes} />
      <TextField field={fields.outcomeOn} label={t.outcomeOn} hint={t.outcomeOnHint} type="date" />
      <SubmitButton name="intent" value="outcome" className="btn btn-secondary">
        {t.saveOutcome}
      </SubmitButton>
    </Form>
  );
}

export default function ReferralsPage() {
  const { referrals, canEdit, destinations, outcomes, destinationLabels, outcomeLabels, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const [params] = useSearchParams();
  const addReply = replyFor(reply, "add");
  const [form, fields] = useFormKit({
    schema: schemas.add,
    id: "add-referral",
    lastResult: addReply?.result as SubmissionResult<string[]> | undefined,
    defaultValue: { referredOn: today },
  });
  return (
    <div className="space-y-6">
      {params.get("opgeslagen") ? <SuccessNotice>{nl.caseworkPlan.saved}</SuccessNotice> : null}
      <section aria-labelledby="referrals-heading" className="card space-y-3">
        <h3 id="referrals-heading">{t.title}</h3>
        <p className="hint">{t.intro}</p>
        {referrals.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul className="space-y-4">
            {referrals.map((r) => (
              <li key={r.id} className="border-t border-gray-200 pt-3">
                <p>
                  <strong>{destinationLabels[r.destination]}</strong> · {formatDate(r.referredOn)} · {outcomeLabels[r.outcome]}
                  {r.outcomeOn ? ` (${formatDate(r.outcomeOn)})` : ""}
                </p>
                {r.description ? <p className="whitespace-pre-line">{r.description}</p> : null}
                {canEdit ? (
                  <OutcomeForm
                    referral={r}
                    outcomes={outcomes}
                    legend={t.outcomeFor(destinationLabels[r.destination], formatDate(r.referredOn))}
                    reply={reply}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {canEdit ? (
        <section aria-labelledby="referral-new" className="card space-y-3">
          <h3 id="referral-new">{t.add}</h3>
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <FormErrors form={form} />
            <SelectField field={fields.destination} label={t.destination} options={destinations} placeholder={nl.caseworkPlan.choose} />
            <TextAreaField field={fields.description} label={`${t.description} ${nl.caseworkPlan.optional}`} rows={3} />
            <TextField field={fields.referredOn} label={t.referredOn} type="date" className="max-w-xs" />
            <SubmitButton name="intent" value="add">
              {t.add}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
