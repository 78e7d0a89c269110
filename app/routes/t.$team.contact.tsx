// The team's contact details on the public page /buurt/team/<team>: every
// team member sees them; the coordinator keeps them.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton, TextAreaField, TextField, useFormKit } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { requireTeamContext } from "~/context.server";
import { canEditTeamContact, getTeamContact, updateTeamContact } from "~/core/neighbourhood.server";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { runForForm } from "~/lib/http.server";
import { publicDirectory } from "~/lib/public-directory.server";

const t = nl.teamContact;

const lines = (max: number, itemMax: number, split: RegExp) =>
  z
    .string()
    .max(4000, t.tooLong)
    .optional()
    .refine((v) => (v ?? "").split(split).filter((s) => s.trim()).length <= max, t.tooMany)
    .refine((v) => (v ?? "").split(split).every((s) => s.trim().length <= itemMax), t.tooLong);

const schema = z.object({
  address: z.string().max(200, t.tooLong).optional(),
  phone: z
    .string()
    .max(30, t.tooLong)
    .regex(/^\+?[0-9 ()-]{6,}$/, t.phoneInvalid)
    .optional(),
  email: z.string().email(t.emailInvalid).max(200, t.tooLong).optional(),
  walkInHours: z.string().max(500, t.tooLong).optional(),
  languages: lines(12, 40, /[,;\n]/),
  helpsWith: lines(12, 160, /\n/),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  return { contact: await getTeamContact(ctx), canEdit: canEditTeamContact(ctx), teamSlug: ctx.team.slug };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForForm(submission.reply, () => updateTeamContact(ctx, submission.value));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  // This process's copy of the public directory reads again on the next request.
  publicDirectory.invalidate();
  return redirect(`/t/${ctx.team.slug}/contact?opgeslagen=1`);
}

export default function TeamContactPage() {
  const { contact, canEdit, teamSlug } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useFormKit({
    schema,
    lastResult,
    defaultValue: {
      address: contact.address,
      phone: contact.phone,
      email: contact.email,
      walkInHours: contact.walkInHours,
      languages: contact.languages.join(", "),
      helpsWith: contact.helpsWith.join("\n"),
    },
  });
  return (
    <section aria-labelledby="contact-heading" className="card max-w-2xl space-y-3">
      <h2 id="contact-heading">{t.title}</h2>
      {params.get("opgeslagen") ? <SuccessNotice>{t.saved}</SuccessNotice> : null}
      <p>{t.intro}</p>
      <p>
        <Link to={`/buurt/team/${teamSlug}`} reloadDocument>
          {t.publicLink}
        </Link>
      </p>
      {contact.updatedAt ? <p className="hint">{t.lastUpdated(formatDateTime(contact.updatedAt))}</p> : null}
      {canEdit ? (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <TextAreaField field={fields.address} label={t.address} rows={2} />
          <TextField field={fields.phone} label={t.phone} type="tel" />
          <TextField field={fields.email} label={t.email} type="email" />
          <TextAreaField field={fields.walkInHours} label={t.walkInHours} hint={t.walkInHint} rows={2} />
          <TextField field={fields.languages} label={t.languages} hint={t.languagesHint} />
          <TextAreaField field={fields.helpsWith} label={t.helpsWith} hint={t.helpsWithHint} rows={6} />
          <SubmitButton>{t.save}</SubmitButton>
        </Form>
      ) : (
        <>
          <p className="hint">{t.readOnly}</p>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="font-semibold">{t.address}</dt>
            <dd className="whitespace-pre-line">{contact.address || t.empty}</dd>
            <dt className="font-semibold">{t.phone}</dt>
            <dd>{contact.phone || t.empty}</dd>
            <dt className="font-semibold">{t.email}</dt>
            <dd>{contact.email || t.empty}</dd>
            <dt className="font-semibold">{t.walkInHours}</dt>
            <dd className="whitespace-pre-line">{contact.walkInHours || t.empty}</dd>
            <dt className="font-semibold">{t.languages}</dt>
            <dd>{contact.languages.join(", ") || t.empty}</dd>
            <dt className="font-semibold">{t.helpsWith}</dt>
            <dd>
              {contact.helpsWith.length ? (
                <ul className="list-disc pl-6">
                  {contact.helpsWith.map((h) => (
                    <li key={h}>{h}</li>
                  ))}
                </ul>
              ) : (
                t.empty
              )}
            </dd>
          </dl>
        </>
      )}
    </section>
  );
}
