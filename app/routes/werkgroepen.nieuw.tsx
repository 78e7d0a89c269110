// A coordinator or the functional admin starts a workgroup.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData } from "@remix-run/react";
import { FormErrors, PrivacyOverride, SubmitButton, TextField, useFormKit } from "~/components/form";
import { WorkgroupFields, workgroupSchema } from "~/components/workgroups";
import { createWorkgroup } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { requireCreator } from "~/lib/workgroups.server";
import { parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";

const t = nl.workgroups;
export const meta: MetaFunction = () => [{ title: `${t.createTitle} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return requireCreator(request, context, "Workgroup").then(() => null);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireCreator(request, context, "Workgroup");
  const form = await readFormData(request);
  const values = textValues(form, ["name", "description", "isOpen", "facilitators", "confirmNoPersonalData"]);
  const result = await runForm(parseSubmission(form, { schema: workgroupSchema }), () =>
    createWorkgroup(ctx, { ...values, isOpen: values.isOpen !== "closed" }),
  );
  if (!result.ok) return result.response;
  return redirect(`/werkgroepen/${result.value.slug}?gedaan=aangemaakt`);
}

export default function NewWorkgroup() {
  const failed = useActionData<typeof action>();
  const [form, fields] = useFormKit({ schema: workgroupSchema, lastResult: failed?.result });
  return (
    <div className="max-w-2xl space-y-4">
      <h1>{t.createTitle}</h1>
      <p>{t.createIntro}</p>
      <FormErrors form={form} />
      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <WorkgroupFields fields={fields} />
        <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-group" />
        <TextField field={fields.facilitators} label={t.facilitators} hint={t.facilitatorsHint} />
        <SubmitButton>{t.create}</SubmitButton>
      </Form>
    </div>
  );
}
