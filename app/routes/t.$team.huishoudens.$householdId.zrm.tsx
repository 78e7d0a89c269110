// ZRM of a household: a dated measurement of only the domains that matter
// (all 13 shown, none required; parenting only with a child), and the trend
// per domain (first, latest, change). Score labels only, never the GGD's texts.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton, TextField, useFormKit } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { requireTeamContext } from "~/context.server";
import { ALL_ZRM_DOMAINS, ZRM_SCORES, recordZrm, zrmDomainLabels, zrmScoreLabels, zrmTrend } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDate, todayInAmsterdam } from "~/lib/format";
import { parseSubmission, readFormData, runForm, type FormReply } from "~/lib/form.server";
import { toHttpError } from "~/lib/http.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.caseworkPlan;

const schema = z.object({
  measuredOn: z.string({ required_error: t.zrm.fieldErrors.measuredOn }).regex(/^\d{4}-\d{2}-\d{2}$/, t.zrm.fieldErrors.measuredOn),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const zrm = await zrmTrend(ctx, params.householdId ?? "").catch(toHttpError);
  return {
    zrm,
    domainKeys: [...ALL_ZRM_DOMAINS],
    scoreValues: [...ZRM_SCORES],
    domainLabels: zrmDomainLabels,
    scoreLabels: zrmScoreLabels,
    today: todayInAmsterdam(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const householdId = params.householdId ?? "";
  const form = await readFormData(request);
  const scores: Record<string, number> = {};
  for (const d of ALL_ZRM_DOMAINS) {
    const v = Number(form.get(`score_${d}`) ?? "");
    if ((ZRM_SCORES as readonly number[]).includes(v)) scores[d] = v;
  }
  const r = await runForm(parseSubmission(form, { schema }), (v) => recordZrm(ctx, householdId, { measuredOn: v.measuredOn, scores }), {
    fieldMessages: t.zrm.fieldErrors,
  });
  if (!r.ok) return r.response;
  return redirect(`/t/${ctx.team.slug}/huishoudens/${householdId}/zrm?opgeslagen=1`);
}

export default function ZrmPage() {
  const { zrm, domainKeys, scoreValues, domainLabels, scoreLabels, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const [params] = useSearchParams();
  const [form, fields] = useFormKit({ schema, lastResult: reply?.result as SubmissionResult<string[]> | undefined, defaultValue: { measuredOn: today } });
  const domains = domainKeys.filter((d) => d !== "parenting" || zrm.parentingApplies);
  const errorsOf = (name: string) => (reply?.result.error?.[name] as string[] | undefined) ?? [];
  const chosen = (d: string) => String((reply?.result.initialValue as Record<string, unknown> | undefined)?.[`score_${d}`] ?? "");
  return (
    <div className="space-y-6">
      {params.get("opgeslagen") ? <SuccessNotice>{t.saved}</SuccessNotice> : null}
      {zrm.caseStatus === "closed" ? <p className="alert alert-info">{t.closedNote}</p> : null}
      <section aria-labelledby="zrm-trend" className="card space-y-3">
        <h3 id="zrm-trend">{t.zrm.trend}</h3>
        {zrm.measurements.length === 0 ? (
          <p>{t.zrm.noMeasurements}</p>
        ) : (
          <div className="overflow-x-auto" {...scrollRegion(t.zrm.trend)}>
            <table className="table">
              <caption className="sr-only">{t.zrm.trend}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.zrm.domain}</th>
                  {zrm.measurements.map((m) => (
                    <th scope="col" key={m.id}>
                      {formatDate(m.measuredOn)}
                    </th>
                  ))}
                  <th scope="col">{t.zrm.first}</th>
                  <th scope="col">{t.zrm.latest}</th>
                  <th scope="col">{t.zrm.change}</th>
                </tr>
              </thead>
              <tbody>
                {zrm.trend.map((row) => (
                  <tr key={row.domain}>
                    <th scope="row">{domainLabels[row.domain]}</th>
                    {row.scores.map((s, i) => (
                      <td key={zrm.measurements[i].id} title={s ? scoreLabels[s] : undefined}>
                        {s ?? t.dash}
                      </td>
                    ))}
                    <td>{row.first ?? t.dash}</td>
                    <td>{row.latest ?? t.dash}</td>
                    <td>{row.change ? t.zrm.changes[row.change] : t.zrm.oneScore}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {zrm.trend.some((r) => r.change) ? (
          <figure>
            <figcaption className="hint">{t.zrm.chartTitle}</figcaption>
            <ul className="space-y-1" aria-hidden="true">
              {zrm.trend
                .filter((r) => r.first != null && r.latest != null)
                .map((r) => (
                  <li key={r.domain} className="grid grid-cols-[12rem_1fr] items-center gap-2 text-sm">
                    <span>{domainLabels[r.domain]}</span>
                    <span className="space-y-0.5">
                      <span className="block h-2 bg-gray-400" style={{ width: `${(r.first ?? 0) * 20}%` }} />
                      <span className="block h-2 bg-blue-700" style={{ width: `${(r.latest ?? 0) * 20}%` }} />
                    </span>
                  </li>
                ))}
            </ul>
          </figure>
        ) : null}
      </section>

      {zrm.canEdit ? (
        <section aria-labelledby="zrm-new" className="card space-y-3">
          <h3 id="zrm-new">{t.zrm.add}</h3>
          <p className="hint">{t.zrm.intro}</p>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors form={form} />
            <TextField field={fields.measuredOn} label={t.zrm.measuredOn} type="date" className="max-w-xs" />
            {errorsOf("scores").length ? (
              <p className="field-error" id="scores-error" role="alert">
                {errorsOf("scores").join(" ")}
              </p>
            ) : null}
            {domains.map((d) => (
              <fieldset key={d} className="field" aria-describedby={errorsOf(d).length ? `${d}-error` : undefined}>
                <legend className="font-semibold">{domainLabels[d]}</legend>
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  <label className="inline-flex items-center gap-1">
                    <input type="radio" name={`score_${d}`} value="" defaultChecked={chosen(d) === ""} /> {t.zrm.notScored}
                  </label>
                  {scoreValues.map((s) => (
                    <label key={s} className="inline-flex items-center gap-1">
                      <input type="radio" name={`score_${d}`} value={s} defaultChecked={chosen(d) === String(s)} /> {s} {scoreLabels[s]}
                    </label>
                  ))}
                </div>
                {errorsOf(d).length ? (
                  <p className="field-error" id={`${d}-error`}>
                    {errorsOf(d).join(" ")}
                  </p>
                ) : null}
              </fieldset>
            ))}
            {!zrm.parentingApplies ? <p className="hint">{t.zrm.parentingNote}</p> : null}
            <SubmitButton>{t.zrm.add}</SubmitButton>
          </Form>
        </section>
      ) : zrm.caseStatus === "open" ? (
        <p className="hint">{t.readOnlyNote}</p>
      ) : null}
    </div>
  );
}
