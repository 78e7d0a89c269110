// A resident's offer or request for Buurtservice, by pseudonym, in one of the team's buurten.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CheckboxGroup } from "~/components/buurtservice";
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextAreaField, TextField, useFormKit } from "~/components/form";
import { requireTeamContext } from "~/context.server";
import { BUURTSERVICE_AVAILABILITY, BUURTSERVICE_CATEGORIES, listServedBuurten, registerBuurtserviceEntry } from "~/core/neighbourhood.server";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { nl } from "~/i18n/nl";
import { runForForm, toHttpError } from "~/lib/http.server";

const t = nl.buurtservice;

const schema = z.object({
  kind: z.enum(["offer", "request"]),
  buurtId: z.string({ required_error: t.buurtRequired }).uuid(t.buurtRequired),
  pseudonym: z.string({ required_error: t.pseudonymRequired }).trim().min(2, t.pseudonymRequired).max(40, t.pseudonymRequired),
  // The allowed values are checked by the use case (core), which the browser bundle cannot import.
  categories: z.array(z.string(), { required_error: t.categoriesRequired }).min(1, t.categoriesRequired),
  availability: z.array(z.string(), { required_error: t.availabilityRequired }).min(1, t.availabilityRequired),
  description: z.string().max(500, t.tooLong).optional(),
  confirmNoPersonalData: z.boolean().optional(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const kind = new URL(request.url).searchParams.get("soort") === "vraag" ? "request" : "offer";
  return {
    kind: kind as "offer" | "request",
    buurten: await listServedBuurten(ctx).catch(toHttpError),
    teamSlug: ctx.team.slug,
    categories: [...BUURTSERVICE_CATEGORIES],
    slots: [...BUURTSERVICE_AVAILABILITY],
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForForm(submission.reply, () =>
    registerBuurtserviceEntry(ctx, {
      ...submission.value,
      categories: submission.value.categories as never,
      availability: submission.value.availability as never,
      confirmNoPersonalData: !!submission.value.confirmNoPersonalData,
    }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirect(`/t/${ctx.team.slug}/buurtservice/${outcome.value.id}?vastgelegd=1`);
}

export default function NewBuurtserviceEntry() {
  const { kind, buurten, teamSlug, categories, slots } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useFormKit({ schema, lastResult, defaultValue: { kind } });
  return (
    <section aria-labelledby="new-heading" className="card max-w-2xl space-y-3">
      <p>
        <Link to={`/t/${teamSlug}/buurtservice`}>{t.back}</Link>
      </p>
      <h2 id="new-heading">{t.newTitle[kind]}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <SelectField
          field={fields.kind}
          label={t.kindLabel}
          options={[
            { value: "offer", label: t.kind.offer },
            { value: "request", label: t.kind.request },
          ]}
        />
        <SelectField field={fields.buurtId} label={t.buurt} options={buurten.map((b) => ({ value: b.id, label: b.name }))} placeholder="—" />
        <TextField field={fields.pseudonym} label={t.pseudonym} hint={t.pseudonymHint} autoComplete="off" />
        <CheckboxGroup field={fields.categories} legend={t.categories} options={categories.map((c) => ({ value: c, label: t.category[c] }))} />
        <CheckboxGroup field={fields.availability} legend={t.availability} options={slots.map((a) => ({ value: a, label: t.slot[a] }))} />
        <TextAreaField field={fields.description} label={t.description} hint={t.descriptionHint} rows={3} />
        {fields.description.errors?.length ? <CheckboxField field={fields.confirmNoPersonalData} label={t.confirmNoPersonalData} /> : null}
        <SubmitButton>{t.save}</SubmitButton>
      </Form>
    </section>
  );
}
