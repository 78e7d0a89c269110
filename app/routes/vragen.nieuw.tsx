// Ask all teams a question (privacy guard on save; the typed text stays on error).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { SubmitButton } from "~/components/form";
import { SelectField } from "~/components/workgroups";
import { Field, FormError, PrivacyOverride } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { askQuestion } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formValues, runWorkgroupForm } from "~/lib/workgroups.server";
import { readFormData } from "~/lib/form.server";

const t = nl.questions;
export const meta: MetaFunction = () => [{ title: `${t.askTitle} – ${nl.common.appName}` }];

async function checkpoint(request: Request, context: unknown) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  if (!ctx.ability.can("create", as("KnowledgeQuestion", { municipalityId: ctx.user.municipalityId }))) throw notFoundResponse();
  return ctx;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await checkpoint(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await checkpoint(request, context);
  const values = formValues(await readFormData(request), ["title", "body", "theme", "confirmNoPersonalData"]);
  const r = await runWorkgroupForm(values, () => askQuestion(ctx, values), t.fieldErrors);
  if (!r.ok) return r.response;
  return redirect(`/vragen/${r.value.id}?gedaan=gesteld`);
}

export default function Ask() {
  const failed = useActionData<typeof action>();
  const v = failed?.values ?? {};
  const e = failed?.fieldErrors ?? {};
  return (
    <div className="max-w-2xl space-y-4">
      <p>
        <Link to="/vragen">{t.back}</Link>
      </p>
      <h1>{t.askTitle}</h1>
      <p>{t.askIntro}</p>
      <FormError message={failed?.formError} />
      <Form method="post" className="card space-y-4" noValidate>
        <Field id="title" name="title" label={t.titleLabel} hint={t.titleHint} defaultValue={v.title} error={e.title} required />
        <Field id="body" name="body" label={t.body} hint={t.bodyHint} defaultValue={v.body} error={e.body} multiline rows={6} required />
        <SelectField id="theme" name="theme" label={t.theme} placeholder={t.noTheme} defaultValue={v.theme} error={e.theme} options={Object.entries(t.themes).map(([value, label]) => ({ value, label }))} />
        <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-question" />
        <SubmitButton>{t.submit}</SubmitButton>
      </Form>
    </div>
  );
}
