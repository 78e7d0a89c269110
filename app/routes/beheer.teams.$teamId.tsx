// Create (/beheer/teams/nieuw) or edit one team. Validation happens on the
// server; errors come back in Dutch next to the fields, the typed values stay.
import { calendarDate } from "@wijkwerk/core/dates";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { requireMunicipalityContext } from "~/context.server";
import { SLUG_MAX_LENGTH, SLUG_PATTERN, createTeam, getTeam, updateTeam } from "~/core/tenancy.server";
import { nl } from "~/i18n/nl";
import { runForForm, toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.adminTeams;
const NEW = "nieuw";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team ? t.editTitle(data.team.name) : t.newTitle} – ${nl.common.appName}` }];

function teamFormSchema() {
  const date = (required: string) => calendarDate(t.dateInvalid, required);
  return z
    .object({
      name: z.string({ required_error: t.nameRequired }).trim().min(2, t.nameRequired).max(100, t.nameTooLong),
      slug: z.string({ required_error: t.slugRequired }).trim().max(SLUG_MAX_LENGTH, t.slugTooLong).regex(SLUG_PATTERN, t.slugInvalid),
      description: z.string().trim().max(2000, t.descriptionTooLong).optional(),
      activeFrom: date(t.dateRequired),
      activeTo: date(t.dateInvalid).optional(),
      residentRefPrefix: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{1,5}$/, t.residentRefPrefixInvalid)
        .optional(),
    })
    .superRefine((v, issue) => {
      if (v.activeTo && v.activeTo < v.activeFrom) issue.addIssue({ code: "custom", path: ["activeTo"], message: t.dateRange });
    });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Team", context as { ip?: string });
  if (params.teamId === NEW) return { team: null };
  return { team: await getTeam(ctx, params.teamId ?? "").catch(toHttpError) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Team", context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema: teamFormSchema() });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false, changed: 0 }, { status: 400 });
  const input = { ...submission.value, activeTo: submission.value.activeTo ?? null };
  if (params.teamId === NEW) {
    const outcome = await runForForm(submission.reply, () => createTeam(ctx, input));
    if (!outcome.ok) return data({ result: outcome.result, saved: false, changed: 0 }, { status: outcome.status });
    return redirect(`/beheer/teams?aangemaakt=${outcome.value.id}`);
  }
  const outcome = await runForForm(submission.reply, () => updateTeam(ctx, params.teamId ?? "", input));
  if (!outcome.ok) return data({ result: outcome.result, saved: false, changed: 0 }, { status: outcome.status });
  return { result: submission.reply(), saved: true, changed: outcome.value.changed.length };
}

export default function AdminTeam() {
  const { team } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; saved: boolean; changed: number } | undefined;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: team
      ? {
          name: team.name,
          slug: team.slug,
          description: team.description,
          activeFrom: team.activeFrom,
          activeTo: team.activeTo ?? "",
          residentRefPrefix: team.residentRefPrefix ?? "",
        }
      : undefined,
  });
  return (
    <div className="max-w-2xl space-y-4">
      <p>
        <Link to="/beheer/teams">{t.backToList}</Link>
      </p>
      <h1>{team ? t.editTitle(team.name) : t.newTitle}</h1>
      {actionData?.saved ? <SuccessNotice>{actionData.changed > 0 ? t.saved : t.unchanged}</SuccessNotice> : null}
      {team ? (
        <dl className="flex gap-6">
          <div>
            <dt className="hint">{t.buurten}</dt>
            <dd>{team.buurtCount}</dd>
          </div>
          <div>
            <dt className="hint">{t.members}</dt>
            <dd>{team.memberCount}</dd>
          </div>
        </dl>
      ) : null}
      <Form method="post" className="card" {...getFormProps(form)}>
        <FormErrors form={form} />
        <TextField field={fields.name} label={t.name} autoComplete="off" />
        <TextField field={fields.slug} label={t.slug} hint={t.slugHint} autoComplete="off" />
        <TextAreaField field={fields.description} label={t.description} rows={3} />
        <TextField field={fields.activeFrom} label={t.activeFrom} type="date" />
        <TextField field={fields.activeTo} label={t.activeTo} hint={t.activeToHint} type="date" />
        <TextField field={fields.residentRefPrefix} label={t.residentRefPrefix} hint={t.residentRefPrefixHint} autoComplete="off" className="max-w-xs" />
        <SubmitButton>{team ? t.save : t.create}</SubmitButton>
      </Form>
    </div>
  );
}
