// The weekly time registration of the signed-in member for this team
// (/t/<team>/uren?week=2026-W47). Pre-filled from the contract hours, or from
// last week with "Zelfde als vorige week" (?vorige=1, works without script).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { requireTeamContext } from "~/context.server";
import { ACTIVITY_KINDS, MAX_HOURS_PER_WEEK, getWeekForm, saveTimeRegistration } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { formatHours, formatWeek } from "~/lib/format";
import { runForForm, toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.timeRegistration;

// The title says the week as people do: "Urenregistratie week 49 (30 nov – 6 dec 2026)", never "2026-W49".
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t.title}${data ? ` ${formatWeek(data.form.weekStart)}` : ""} – ${nl.common.appName}` },
];

// Server only (the action): ACTIVITY_KINDS and MAX_HOURS_PER_WEEK come from core, which never reaches the browser.
function formSchema() {
  const hoursField = z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? 0 : Number(v.trim().replace(",", "."))))
    .pipe(
      z
        .number({ invalid_type_error: t.hoursInvalid })
        .min(0, t.hoursInvalid)
        .max(MAX_HOURS_PER_WEEK, t.hoursInvalid)
        .refine((h) => Number.isInteger(h * 4), t.hoursNotQuarter),
    );
  return z
    .object({ week: z.string(), individual: hoursField, collective: hoursField, meeting: hoursField, workgroup: hoursField, other: hoursField })
    .refine((v) => ACTIVITY_KINDS.reduce((a, k) => a + v[k], 0) <= MAX_HOURS_PER_WEEK, { message: t.tooMany });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const url = new URL(request.url);
  const form = await getWeekForm(ctx, { week: url.searchParams.get("week"), copyPrevious: url.searchParams.get("vorige") === "1" }).catch(toHttpError);
  // People working in several teams register per team: links to the same week in the others.
  const otherTeams = ctx.teams.filter((tm) => tm.id !== ctx.team.id && tm.role !== "volunteer").map((tm) => ({ slug: tm.slug, name: tm.name }));
  return { team: { slug: ctx.team.slug }, form, kinds: [...ACTIVITY_KINDS], otherTeams };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema: formSchema() });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await runForForm(submission.reply, () => saveTimeRegistration(ctx, submission.value));
  if (!outcome.ok) return data({ result: outcome.result }, { status: outcome.status });
  return redirect(`/t/${ctx.team.slug}/uren?week=${outcome.value.week}&opgeslagen=${outcome.value.total}`);
}

const decimal = (h: number) => String(h).replace(".", ",");

export default function TimeRegistrationPage() {
  const { team, form: week, kinds, otherTeams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]> } | undefined;
  const [searchParams] = useSearchParams();
  const savedTotal = searchParams.get("opgeslagen");
  const [form, fields] = useForm<{ week: string; individual: string; collective: string; meeting: string; workgroup: string; other: string }>({
    id: `uren-${week.week}-${week.source}`,
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: { week: week.week, ...Object.fromEntries(kinds.map((k) => [k, decimal(week.hours[k])])) },
  });
  const base = `/t/${team.slug}/uren`;
  return (
    <section aria-labelledby="uren-heading" className="max-w-2xl space-y-4">
      <h2 id="uren-heading">
        {t.title}: {t.weekTitle(formatWeek(week.weekStart))}
      </h2>
      <nav aria-label={t.title} className="flex flex-wrap gap-3">
        <Link to={`${base}?week=${week.previousWeek}`}>{t.previousWeek}</Link>
        {week.nextWeek ? <Link to={`${base}?week=${week.nextWeek}`}>{t.nextWeek}</Link> : null}
      </nav>
      <p>{t.intro}</p>
      {savedTotal !== null && !actionData ? <SuccessNotice>{t.saved(formatHours(Number(savedTotal)))}</SuccessNotice> : null}
      <p className="hint">
        {week.source === "saved"
          ? t.savedBefore
          : week.source === "previous"
            ? t.prefilledPrevious
            : week.source === "contract"
              ? t.prefilledContract(formatHours(week.contractedHours))
              : null}
      </p>
      {week.previousAvailable ? (
        <Link className="btn btn-secondary" to={`${base}?week=${week.week}&vorige=1`}>
          {t.sameAsLastWeek}
        </Link>
      ) : (
        <p className="hint">{t.noPreviousWeek}</p>
      )}
      <Form method="post" className="card" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="week" value={week.week} />
        {kinds.map((k) => (
          <TextField key={k} field={fields[k]} label={t.kinds[k]} hint={k === "individual" ? t.hoursHint : undefined} inputMode="text" autoComplete="off" />
        ))}
        <SubmitButton>{t.save}</SubmitButton>
      </Form>
      {otherTeams.length ? (
        <p>
          {t.otherTeams}{" "}
          {otherTeams.map((o, i) => (
            <span key={o.slug}>
              {i > 0 ? ", " : null}
              <Link to={`/t/${o.slug}/uren?week=${week.week}`}>{o.name}</Link>
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
