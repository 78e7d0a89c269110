// All buurten with their team today and any scheduled move; add a buurt.
import { calendarDate } from "@wijkwerk/core/dates";
import { getFormProps, useForm } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { TableCard } from "~/components/data-table";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { TeamSelect } from "~/components/team-select";
import { requireMunicipalityContext } from "~/context.server";
import { createBuurt, listBuurten, listTeamOptions } from "~/core/tenancy.server";
import { SearchForm } from "~/components/filters";
import { nl } from "~/i18n/nl";
import { formatDate, formatNumber } from "~/lib/format";
import { runForForm, searchParam } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.buurtenAdmin;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

const schema = z.object({
  name: z.string({ required_error: t.nameRequired }).trim().min(2, t.nameRequired),
  residents: z.coerce.number({ invalid_type_error: t.residentsInvalid }).int(t.residentsInvalid).min(0, t.residentsInvalid).optional(),
  teamId: z.string({ required_error: t.teamRequired }).uuid(t.teamRequired),
  validFrom: calendarDate(t.dateRequired),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "BuurtAssignment", context as { ip?: string });
  const { value: search, error: searchError } = searchParam(request, "zoek");
  const [rows, teams] = await Promise.all([listBuurten(ctx, search), listTeamOptions(ctx)]);
  return { rows, teams, search, searchError };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Buurt", context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForForm(submission.reply, () => createBuurt(ctx, submission.value));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirect(`/beheer/buurten/${outcome.value.id}?nieuw=1`);
}

export default function AdminBuurten() {
  const { rows, teams, search, searchError } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit" });
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <SearchForm
        label={t.search}
        button={t.searchButton}
        clearLabel={t.clear}
        clearTo="/beheer/buurten"
        value={search}
        error={searchError}
        active={!!params.get("zoek")}
      />
      <TableCard caption={t.title} isEmpty={rows.length === 0} empty={t.empty}>
        <thead>
          <tr>
            <th scope="col">{t.buurt}</th>
            <th scope="col" className="text-right">
              {t.residents}
            </th>
            <th scope="col">{t.currentTeam}</th>
            <th scope="col">{t.scheduled}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id}>
              <td>
                <Link to={b.id}>{b.name}</Link>
              </td>
              <td className="text-right tabular-nums">{b.residents === null ? t.none : formatNumber(b.residents)}</td>
              <td>{b.currentTeam ?? t.none}</td>
              <td>{b.nextTeam && b.nextFrom ? t.scheduledValue(b.nextTeam, formatDate(b.nextFrom)) : t.none}</td>
            </tr>
          ))}
        </tbody>
      </TableCard>
      <section aria-labelledby="new-buurt" className="card max-w-xl">
        <h2 id="new-buurt">{t.newTitle}</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <TextField field={fields.name} label={t.name} />
          <TextField field={fields.residents} label={t.residents} type="number" inputMode="numeric" />
          <TeamSelect field={fields.teamId} teams={teams} />
          <TextField field={fields.validFrom} label={t.validFrom} hint={t.validFromHint} type="date" />
          <SubmitButton>{t.create}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
