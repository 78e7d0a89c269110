// Create (/beheer/partners/nieuw) or edit one partner organisation. Validation
// happens on the server; errors come back in Dutch, the typed values stay.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { requireMunicipalityContext } from "~/context.server";
import { FUNDING_TYPES, createPartner, getPartner, listAgreements, updatePartner, type AgreementRow } from "~/core/partners.server";
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from "~/core/tenancy.server";
import { formatDate, formatHours } from "~/lib/format";
import { nl } from "~/i18n/nl";
import { runForForm, toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.adminPartners;
const NEW = "nieuw";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.partner ? t.editTitle(data.partner.name) : t.newTitle} – ${nl.common.appName}` },
];

function partnerFormSchema() {
  return z.object({
    name: z.string({ required_error: t.nameRequired }).trim().min(2, t.nameRequired).max(100, t.nameTooLong),
    slug: z.string({ required_error: t.slugRequired }).trim().max(SLUG_MAX_LENGTH, t.slugTooLong).regex(SLUG_PATTERN, t.slugInvalid),
    kind: z.string({ required_error: t.kindRequired }).trim().min(1, t.kindRequired).max(200, t.kindTooLong),
    fundingType: z.enum(FUNDING_TYPES, { errorMap: () => ({ message: t.fundingTypeRequired }) }),
  });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Partner", context as { ip?: string });
  const fundingTypes = FUNDING_TYPES.map((value) => ({ value, label: nl.common.fundingTypes[value] }));
  if (params.partnerId === NEW) return { partner: null, fundingTypes, agreements: [] as AgreementRow[], notice: null };
  const partner = await getPartner(ctx, params.partnerId ?? "").catch(toHttpError);
  const notice = new URL(request.url).searchParams.get("afspraak");
  return {
    partner,
    fundingTypes,
    agreements: await listAgreements(ctx, partner.id),
    notice: notice === "opgeslagen" || notice === "verwijderd" ? (notice as "opgeslagen" | "verwijderd") : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Partner", context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema: partnerFormSchema() });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false, changed: 0 }, { status: 400 });
  if (params.partnerId === NEW) {
    const outcome = await runForForm(submission.reply, () => createPartner(ctx, submission.value));
    if (!outcome.ok) return data({ result: outcome.result, saved: false, changed: 0 }, { status: outcome.status });
    return redirect(`/beheer/partners?aangemaakt=${outcome.value.id}`);
  }
  const outcome = await runForForm(submission.reply, () => updatePartner(ctx, params.partnerId ?? "", submission.value));
  if (!outcome.ok) return data({ result: outcome.result, saved: false, changed: 0 }, { status: outcome.status });
  return { result: submission.reply(), saved: true, changed: outcome.value.changed.length };
}

export default function AdminPartner() {
  const { partner, fundingTypes, agreements, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; saved: boolean; changed: number } | undefined;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: partner ? { name: partner.name, slug: partner.slug, kind: partner.kind, fundingType: partner.fundingType } : undefined,
  });
  return (
    <div className="max-w-2xl space-y-4">
      <p>
        <Link to="/beheer/partners">{t.backToList}</Link>
      </p>
      <h1>{partner ? t.editTitle(partner.name) : t.newTitle}</h1>
      {actionData?.saved ? <SuccessNotice>{actionData.changed > 0 ? t.saved : t.unchanged}</SuccessNotice> : null}
      {partner ? (
        <p>
          {t.staff}: {partner.staffCount}
        </p>
      ) : null}
      <Form method="post" className="card" {...getFormProps(form)}>
        <FormErrors form={form} />
        <TextField field={fields.name} label={t.name} autoComplete="off" />
        <TextField field={fields.slug} label={t.slug} hint={t.slugHint} autoComplete="off" />
        <TextField field={fields.kind} label={t.kind} hint={t.kindHint} autoComplete="off" />
        <SelectField field={fields.fundingType} label={t.fundingType} options={fundingTypes} placeholder={t.chooseFundingType} />
        <SubmitButton>{partner ? t.save : t.create}</SubmitButton>
      </Form>
      {partner ? <Agreements partnerId={partner.id} agreements={agreements} notice={notice} /> : null}
    </div>
  );
}

function Agreements({ partnerId, agreements, notice }: { partnerId: string; agreements: AgreementRow[]; notice: "opgeslagen" | "verwijderd" | null }) {
  const a = nl.agreements;
  return (
    <section aria-labelledby="agreements-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h2 id="agreements-heading">{a.title}</h2>
        <Link className="btn btn-secondary" to={`/beheer/partners/${partnerId}/afspraken/nieuw`}>
          {a.newAgreement}
        </Link>
      </div>
      {notice ? <SuccessNotice>{notice === "opgeslagen" ? a.saved : a.deleted}</SuccessNotice> : null}
      <p>{a.intro}</p>
      {agreements.length === 0 ? <p className="card">{a.empty}</p> : null}
      {agreements.map((ag) => (
        <div key={ag.id} className="card overflow-x-auto" {...scrollRegion(ag.reference)}>
          <table className="table">
            <caption className="pb-2 text-left">
              <span className="font-semibold">{ag.reference}</span> · {nl.common.fundingTypes[ag.kind]} · {a.period}: {formatDate(ag.validFrom)} –{" "}
              {ag.validTo ? formatDate(ag.validTo) : a.open} ·{" "}
              <Link to={`/beheer/partners/${partnerId}/afspraken/${ag.id}`} aria-label={a.editLabel(ag.reference)}>
                {a.edit}
              </Link>
            </caption>
            <thead>
              <tr>
                <th scope="col">{a.team}</th>
                <th scope="col">{a.discipline}</th>
                <th scope="col" className="text-right">
                  {a.hoursPerWeek}
                </th>
              </tr>
            </thead>
            <tbody>
              {ag.contributions.map((c) => (
                <tr key={`${c.teamId}-${c.discipline}`}>
                  <td>{c.teamName}</td>
                  <td>{c.discipline}</td>
                  <td className="text-right">{formatHours(c.hoursPerWeek)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-semibold">
                <th scope="row" colSpan={2}>
                  {a.total}
                </th>
                <td className="text-right">{formatHours(ag.hoursPerWeek)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ))}
    </section>
  );
}
