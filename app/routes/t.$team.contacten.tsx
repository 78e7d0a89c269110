// Contacts without a case (date, entry route, question type — no personal
// data) and objections to being registered (the month only), with the
// team's counts per month over the last twelve months.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { calendarDate } from "@wijkwerk/core/dates";
import { as } from "@wijkwerk/authz";
import { z } from "zod";
import { FormErrors, SelectField, SubmitButton, TextField, useFormKit } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { requireTeamContext } from "~/context.server";
import { contactCounts, entryRouteLabels, questionTypeLabels, registerContact, registerObjection, type ContactInput } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatMonthYear, todayInAmsterdam } from "~/lib/format";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { notFoundWhenForbidden, runForForm, toHttpError } from "~/lib/http.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.caseworkHouseholds.contacts;

const contactSchema = z.object({
  date: calendarDate(t.errors.date, t.errors.date),
  entryRoute: z.string({ required_error: t.errors.entryRoute }).min(1, t.errors.entryRoute).max(40),
  questionType: z.string({ required_error: t.errors.questionType }).min(1, t.errors.questionType).max(40),
});
const objectionSchema = z.object({
  month: z.string({ required_error: t.errors.month }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, t.errors.month),
});

type Reply = { form: "contact" | "objection"; result: SubmissionResult<string[]> };

/** The month `back` months before `month` ("2026-11", 11 → "2025-12"). */
function monthsBefore(month: string, back: number): string {
  const [y, m] = month.split("-").map(Number);
  const total = y * 12 + (m - 1) - back;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const today = todayInAmsterdam();
  const to = today.slice(0, 7);
  const from = monthsBefore(to, 11);
  try {
    const counts = await contactCounts(ctx, { from, to });
    return { teamSlug: ctx.team.slug, today, thisMonth: to, from, to, counts, labels: { entryRoute: entryRouteLabels, questionType: questionTypeLabels } };
  } catch (error) {
    return toHttpError(notFoundWhenForbidden(error));
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  // Not for this role (a volunteer): 404, as for another team.
  if (!ctx.ability.can("create", as("CaseworkContact", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId })))
    throw new Response("Niet gevonden", { status: 404 });
  const form = await readFormData(request);
  if (form.get("intent") === "objection") {
    const submission = parseSubmission(form, { schema: objectionSchema });
    if (submission.status !== "success") return data<Reply>({ form: "objection", result: submission.reply() }, { status: 400 });
    const r = await runForForm(submission.reply, () => registerObjection(ctx, submission.value));
    return r.ok ? redirect(`/t/${ctx.team.slug}/contacten?bezwaar=1`) : data<Reply>({ form: "objection", result: r.result }, { status: r.status });
  }
  const submission = parseSubmission(form, { schema: contactSchema });
  if (submission.status !== "success") return data<Reply>({ form: "contact", result: submission.reply() }, { status: 400 });
  const r = await runForForm(submission.reply, () => registerContact(ctx, submission.value as ContactInput));
  return r.ok ? redirect(`/t/${ctx.team.slug}/contacten?geteld=1`) : data<Reply>({ form: "contact", result: r.result }, { status: r.status });
}

export default function Contacts() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const [params] = useSearchParams();
  const [contactForm, contact] = useFormKit({
    id: "contact",
    schema: contactSchema,
    lastResult: reply?.form === "contact" ? reply.result : undefined,
    defaultValue: { date: d.today, entryRoute: "self", questionType: "single" },
  });
  const [objectionForm, objection] = useFormKit({
    id: "objection",
    schema: objectionSchema,
    lastResult: reply?.form === "objection" ? reply.result : undefined,
    defaultValue: { month: d.thisMonth },
  });
  const options = (l: Record<string, string>) => Object.entries(l).map(([value, label]) => ({ value, label }));
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/t/${d.teamSlug}/huishoudens`}>{t.back}</Link>
      </p>
      {params.get("geteld") ? <SuccessNotice>{t.registered}</SuccessNotice> : null}
      {params.get("bezwaar") ? <SuccessNotice>{t.objectionRegistered}</SuccessNotice> : null}
      <section aria-labelledby="contact-heading" className="card max-w-2xl">
        <h2 id="contact-heading">{t.title}</h2>
        <p className="hint">{t.intro}</p>
        <Form method="post" {...getFormProps(contactForm)}>
          <FormErrors form={contactForm} />
          <div className="grid gap-x-4 sm:grid-cols-3">
            <TextField field={contact.date} label={t.date} type="date" />
            <SelectField field={contact.entryRoute} label={t.entryRoute} options={options(d.labels.entryRoute)} />
            <SelectField field={contact.questionType} label={t.questionType} options={options(d.labels.questionType)} />
          </div>
          <SubmitButton name="intent" value="contact">
            {t.register}
          </SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="objection-heading" className="card max-w-2xl">
        <h2 id="objection-heading">{t.objectionTitle}</h2>
        <p className="hint">{t.objectionIntro}</p>
        <Form method="post" {...getFormProps(objectionForm)}>
          <FormErrors form={objectionForm} />
          <TextField field={objection.month} label={t.month} hint={t.monthHint} type="text" inputClassName="input max-w-xs" />
          <SubmitButton name="intent" value="objection" className="btn btn-secondary">
            {t.registerObjection}
          </SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="counts-heading" className="card">
        <h2 id="counts-heading">{t.countsTitle}</h2>
        <div className="overflow-x-auto" {...scrollRegion(t.countsCaption(formatMonthYear(d.from), formatMonthYear(d.to)))}>
          <table className="table">
            <caption className="text-left">{t.countsCaption(formatMonthYear(d.from), formatMonthYear(d.to))}</caption>
            <thead>
              <tr>
                <th scope="col">{t.monthColumn}</th>
                <th scope="col" className="text-right">
                  {t.contactsColumn}
                </th>
                <th scope="col" className="text-right">
                  {t.objectionsColumn}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...d.counts].reverse().map((c) => (
                <tr key={c.month}>
                  <th scope="row" className="font-normal">
                    {formatMonthYear(c.month)}
                  </th>
                  <td className="text-right">{c.contacts}</td>
                  <td className="text-right">{c.objections}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
