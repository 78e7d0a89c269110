// One buurt: its assignment history and moving it to another team from a date.
import { calendarDate } from "@wijkwerk/core/dates";
import { getFormProps, useForm } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ConfirmSubmit } from "~/components/confirm";
import { FormErrors, TextField } from "~/components/form";
import { TeamSelect } from "~/components/team-select";
import { requireMunicipalityContext } from "~/context.server";
import { getBuurt, listTeamOptions, reassignBuurt } from "~/core/tenancy.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatNumber } from "~/lib/format";
import { runForForm, toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.buurtenAdmin;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.buurt.name ?? t.title} – ${nl.common.appName}` }];

const schema = z.object({
  teamId: z.string({ required_error: t.teamRequired }).uuid(t.teamRequired),
  validFrom: calendarDate(t.dateRequired),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "BuurtAssignment", context as { ip?: string });
  const [{ buurt, history }, teams] = await Promise.all([getBuurt(ctx, params.buurtId ?? "").catch(toHttpError), listTeamOptions(ctx)]);
  return { buurt, history, teams };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "BuurtAssignment", context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForForm(submission.reply, () => reassignBuurt(ctx, params.buurtId ?? "", submission.value));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirect(`/beheer/buurten/${params.buurtId}?verplaatst=1`);
}

export default function AdminBuurt() {
  const { buurt, history, teams } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit" });
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <p>
        <Link to="/beheer/buurten">← {t.back}</Link>
      </p>
      <h1>{buurt.name}</h1>
      {buurt.residents !== null ? (
        <p>
          {t.residents}: {formatNumber(buurt.residents)}
        </p>
      ) : null}
      {params.get("verplaatst") ? <SuccessNotice>{t.reassigned}</SuccessNotice> : null}
      {params.get("nieuw") ? <SuccessNotice>{t.created(buurt.name)}</SuccessNotice> : null}
      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history">{t.historyTitle}</h2>
        <div className="card overflow-x-auto" {...scrollRegion(t.historyCaption(buurt.name))}>
          <table className="table">
            <caption className="sr-only">{t.historyCaption(buurt.name)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.team}</th>
                <th scope="col">{t.from}</th>
                <th scope="col">{t.to}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>{h.teamName}</td>
                  <td>{formatDate(h.validFrom)}</td>
                  <td>{h.validTo ? formatDate(h.validTo) : t.untilFurther}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="reassign" className="card max-w-xl">
        <h2 id="reassign">{t.reassignTitle}</h2>
        <p className="hint mb-4">{t.reassignHint}</p>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <TeamSelect field={fields.teamId} teams={teams} />
          <TextField field={fields.validFrom} label={t.validFrom} type="date" />
          <ConfirmSubmit label={t.reassign} question={t.confirmQuestion} confirmLabel={t.confirm} name="intent" value="reassign" />
        </Form>
      </section>
    </div>
  );
}
