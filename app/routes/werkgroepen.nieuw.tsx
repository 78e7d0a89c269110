// A coordinator or the functional admin starts a workgroup.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { SubmitButton } from "~/components/form";
import { Field, FormError, PrivacyOverride, WorkgroupFields } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { createWorkgroup } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formValues, runWorkgroupForm } from "~/lib/workgroups.server";
import { readFormData } from "~/lib/form.server";

const t = nl.workgroups;
export const meta: MetaFunction = () => [{ title: `${t.createTitle} – ${nl.common.appName}` }];

async function checkpoint(request: Request, context: unknown) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  if (!ctx.ability.can("create", as("Workgroup", { municipalityId: ctx.user.municipalityId }))) throw notFoundResponse();
  return ctx;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await checkpoint(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await checkpoint(request, context);
  const form = await readFormData(request);
  const values = formValues(form, ["name", "description", "isOpen", "facilitators", "confirmNoPersonalData"]);
  const result = await runWorkgroupForm(values, () => createWorkgroup(ctx, { ...values, isOpen: values.isOpen !== "closed" }));
  if (!result.ok) return result.response;
  return redirect(`/werkgroepen/${result.value.slug}?gedaan=aangemaakt`);
}

export default function NewWorkgroup() {
  const failed = useActionData<typeof action>();
  const v = failed?.values ?? {};
  const e = failed?.fieldErrors ?? {};
  return (
    <div className="max-w-2xl space-y-4">
      <h1>{t.createTitle}</h1>
      <p>{t.createIntro}</p>
      <FormError message={failed?.formError} />
      <Form method="post" className="card space-y-4" noValidate>
        <WorkgroupFields values={v} errors={e} />
        <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-group" />
        <Field id="facilitators" name="facilitators" label={t.facilitators} hint={t.facilitatorsHint} defaultValue={v.facilitators} error={e.facilitators} />
        <SubmitButton>{t.create}</SubmitButton>
      </Form>
    </div>
  );
}
