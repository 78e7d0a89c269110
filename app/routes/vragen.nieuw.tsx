// Ask all teams a question (privacy guard on save; the typed text stays on error).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, PrivacyOverride, SelectField, SubmitButton, TextAreaField, TextField, anyText, requiredText, useFormKit } from "~/components/form";
import { askQuestion } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { requireCreator } from "~/lib/workgroups.server";
import { parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";

const t = nl.questions;
const schema = z.object({
  title: requiredText(t.fieldErrors.title, 3, 200),
  body: requiredText(t.fieldErrors.body, 1, 10_000),
  theme: anyText,
  confirmNoPersonalData: anyText,
});
export const meta: MetaFunction = () => [{ title: `${t.askTitle} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return requireCreator(request, context, "KnowledgeQuestion").then(() => null);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireCreator(request, context, "KnowledgeQuestion");
  const form = await readFormData(request);
  const values = textValues(form, ["title", "body", "theme", "confirmNoPersonalData"]);
  const r = await runForm(parseSubmission(form, { schema }), () => askQuestion(ctx, values), { fieldMessages: t.fieldErrors });
  if (!r.ok) return r.response;
  return redirect(`/vragen/${r.value.id}?gedaan=gesteld`);
}

export default function Ask() {
  const failed = useActionData<typeof action>();
  const [form, fields] = useFormKit({ schema, lastResult: failed?.result });
  return (
    <div className="max-w-2xl space-y-4">
      <p>
        <Link to="/vragen">{t.back}</Link>
      </p>
      <h1>{t.askTitle}</h1>
      <p>{t.askIntro}</p>
      <FormErrors form={form} />
      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <TextField field={fields.title} label={t.titleLabel} hint={t.titleHint} required />
        <TextAreaField field={fields.body} label={t.body} hint={t.bodyHint} rows={6} required />
        <SelectField
          field={fields.theme}
          label={t.theme}
          placeholder={t.noTheme}
          selectClassName="input max-w-md"
          options={Object.entries(t.themes).map(([value, label]) => ({ value, label }))}
        />
        <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-question" />
        <SubmitButton>{t.submit}</SubmitButton>
      </Form>
    </div>
  );
}
