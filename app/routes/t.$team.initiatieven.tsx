// The team's buurtinitiatieven: register one in the team's buurten, end one;
// this year's counts of the team (every team's counts: /initiatieven).
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextAreaField, TextField, useFormKit } from "~/components/form";
import { InitiativeCountsTable, InitiativeList } from "~/components/initiatives";
import { SuccessNotice } from "~/components/notice";
import { requireTeamContext } from "~/context.server";
import { endInitiative, initiativeCounts, listInitiatives, listServedBuurten, registerInitiative } from "~/core/neighbourhood.server";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { calendarDate } from "@wijkwerk/core/dates";
import { nl } from "~/i18n/nl";
import { thisYearInAmsterdam, todayInAmsterdam } from "~/lib/format";
import { runForForm, runForMessage, toHttpError } from "~/lib/http.server";

const t = nl.initiatives;

const schema = z.object({
  buurtId: z.string({ required_error: t.buurtRequired }).uuid(t.buurtRequired),
  name: z.string({ required_error: t.nameRequired }).trim().min(2, t.nameRequired).max(120, t.nameRequired),
  description: z.string().max(1000, t.tooLong).optional(),
  startedOn: calendarDate(t.dateRequired, t.dateRequired),
  contactOrganisation: z.string().max(120, t.tooLong).optional(),
  teamHelpedStart: z.boolean().optional(),
  confirmNoPersonalData: z.boolean().optional(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const year = thisYearInAmsterdam();
  const [rows, buurten, counts] = await Promise.all([listInitiatives(ctx, { teamId: ctx.team.id }), listServedBuurten(ctx), initiativeCounts(ctx, year)]).catch(
    toHttpError,
  );
  return { rows, buurten, year, today: todayInAmsterdam(), counts: counts.filter((c) => c.teamId === ctx.team.id) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const form = await readFormData(request);
  if (form.get("intent") === "end") {
    const r = await runForMessage(() => endInitiative(ctx, String(form.get("initiativeId") ?? ""), String(form.get("endedOn") ?? "")));
    return r.ok ? redirect(`/t/${ctx.team.slug}/initiatieven?beeindigd=1`) : data({ endError: r.message }, { status: r.status });
  }
  const submission = parseSubmission(form, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const outcome = await runForForm(submission.reply, () =>
    registerInitiative(ctx, { ...v, teamHelpedStart: !!v.teamHelpedStart, confirmNoPersonalData: !!v.confirmNoPersonalData }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirect(`/t/${ctx.team.slug}/initiatieven?vastgelegd=1`);
}

export default function TeamInitiatives() {
  const { rows, buurten, year, today, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const lastResult = result && "status" in result ? result : undefined;
  const endError = result && "endError" in result ? result.endError : null;
  const [params] = useSearchParams();
  const [form, fields] = useFormKit({ schema, lastResult });
  return (
    <div className="space-y-6">
      <section aria-labelledby="ini-heading" className="card space-y-2">
        <h2 id="ini-heading">{t.title}</h2>
        {params.get("vastgelegd") ? <SuccessNotice>{t.registered}</SuccessNotice> : null}
        {params.get("beeindigd") ? <SuccessNotice>{t.ended}</SuccessNotice> : null}
        {endError ? (
          <p role="alert" className="alert alert-error">
            {endError}
          </p>
        ) : null}
        <p>{t.teamIntro}</p>
        <p>
          <Link to="/initiatieven">{t.cityLink}</Link>
        </p>
        <InitiativeList
          rows={rows}
          showTeam={false}
          action={(i) =>
            i.endedOn ? null : (
              <Form method="post" className="mt-1 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="end" />
                <input type="hidden" name="initiativeId" value={i.id} />
                <div className="field mb-0">
                  <label htmlFor={`end-${i.id}`}>{t.endDate}</label>
                  <input id={`end-${i.id}`} name="endedOn" type="date" className="input" defaultValue={today} required />
                </div>
                <button type="submit" className="btn btn-secondary" aria-label={`${t.end}: ${i.name}`}>
                  {t.end}
                </button>
              </Form>
            )
          }
        />
      </section>
      <section aria-labelledby="count-heading" className="card">
        <h2 id="count-heading">{t.countsTitle(year)}</h2>
        <InitiativeCountsTable rows={counts} year={year} />
      </section>
      <section aria-labelledby="new-ini-heading" className="card max-w-2xl">
        <h2 id="new-ini-heading">{t.newTitle}</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <TextField field={fields.name} label={t.name} />
          <SelectField field={fields.buurtId} label={t.buurt} options={buurten.map((b) => ({ value: b.id, label: b.name }))} placeholder="—" />
          <TextAreaField field={fields.description} label={t.description} hint={t.descriptionHint} rows={3} />
          <TextField field={fields.startedOn} label={t.startedOn} type="date" />
          <TextField field={fields.contactOrganisation} label={t.contactOrganisation} hint={t.contactHint} />
          <CheckboxField field={fields.teamHelpedStart} label={t.teamHelpedStart} />
          {fields.description.errors?.length ? <CheckboxField field={fields.confirmNoPersonalData} label={t.confirmNoPersonalData} /> : null}
          <SubmitButton>{t.register}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
