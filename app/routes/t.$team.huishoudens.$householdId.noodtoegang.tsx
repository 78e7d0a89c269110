// Break-the-glass: a member of the team outside the case team opens a
// household's file for a few hours, with a reason; the coordinator is told at
// once. The frame sends such a member here; whoever already reads the file
// goes back to it; anyone else got 404 from the frame.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton, TextAreaField, requiredText, useFormKit } from "~/components/form";
import { requireTeamContext } from "~/context.server";
import { BREAK_GLASS_HOURS, getHouseholdEntry, openWithBreakGlass } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { runForForm, toHttpError } from "~/lib/http.server";

const t = nl.caseworkPrivacy.breakGlass;

const schema = z.object({ reason: requiredText(t.reasonError, 10, 500) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const household = await getHouseholdEntry(ctx, params.householdId ?? "").catch(toHttpError);
  const base = `/t/${ctx.team.slug}/huishoudens/${household.id}`;
  if (household.access) throw redirect(base);
  if (!household.canBreakGlass) throw new Response("Niet gevonden", { status: 404 });
  return { teamSlug: ctx.team.slug, hours: BREAK_GLASS_HOURS };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data(submission.reply({ formErrors: [nl.common.formHasErrors] }), { status: 400 });
  const householdId = params.householdId ?? "";
  const outcome = await runForForm(submission.reply, () => openWithBreakGlass(ctx, householdId, { reason: submission.value.reason }));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirect(`/t/${ctx.team.slug}/huishoudens/${householdId}`);
}

export default function BreakGlass() {
  const { teamSlug, hours } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useFormKit({ schema, lastResult });
  return (
    <section aria-labelledby="break-glass-title" className="card max-w-2xl space-y-3">
      <h3 id="break-glass-title">{t.title}</h3>
      <p>{t.intro}</p>
      <div className="alert alert-error" role="note" aria-labelledby="break-glass-warning">
        <p id="break-glass-warning" className="font-semibold">
          {t.warningTitle}
        </p>
        <p>{t.warning(hours)}</p>
      </div>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <TextAreaField field={fields.reason} label={t.reason} hint={t.reasonHint} rows={3} required />
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton className="btn btn-danger">{t.submit}</SubmitButton>
          <Link to={`/t/${teamSlug}/huishoudens`}>{t.cancel}</Link>
        </div>
      </Form>
    </section>
  );
}
