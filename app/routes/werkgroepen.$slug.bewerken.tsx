// A facilitator (or the creator, or the functional admin) edits the group's
// theme (name), description and open/closed. The privacy guard runs on name
// and description as at creation; the address (slug) stays.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, PrivacyOverride, SubmitButton, useFormKit } from "~/components/form";
import { BackToGroup, WorkgroupFields, workgroupSchema } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { getWorkgroup, updateWorkgroup } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { toHttpError } from "~/lib/http.server";
import { parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";

const t = nl.workgroups;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? t.editTitle(data.group.name) : t.edit} – ${nl.common.appName}` }];

async function checkpoint(request: Request, context: unknown, slug: string) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const view = await getWorkgroup(ctx, slug).catch(toHttpError);
  if (!view.can.manageMembers || !view.can.read) throw notFoundResponse();
  return { ctx, view };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view } = await checkpoint(request, context, params.slug ?? "");
  const g = view.group;
  return { group: { slug: g.slug, name: g.name, description: g.description, isOpen: g.isOpen } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { ctx, view } = await checkpoint(request, context, params.slug ?? "");
  const form = await readFormData(request);
  const values = textValues(form, ["name", "description", "isOpen", "confirmNoPersonalData"]);
  const result = await runForm(parseSubmission(form, { schema: workgroupSchema }), () =>
    updateWorkgroup(ctx, view.group.slug, { ...values, isOpen: values.isOpen !== "closed" }),
  );
  if (!result.ok) return result.response;
  return redirect(`/werkgroepen/${view.group.slug}?gedaan=bewerkt`);
}

export default function EditWorkgroup() {
  const { group } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [form, fields] = useFormKit({
    schema: workgroupSchema,
    lastResult: failed?.result,
    defaultValue: { name: group.name, description: group.description, isOpen: group.isOpen ? "open" : "closed" },
  });
  return (
    <div className="max-w-2xl space-y-4">
      <BackToGroup group={group} />
      <h1>{t.editTitle(group.name)}</h1>
      <p className="hint">{t.privacyNote}</p>
      <FormErrors form={form} />
      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <WorkgroupFields fields={fields} />
        <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-edit" />
        <SubmitButton>{t.save}</SubmitButton>
      </Form>
    </div>
  );
}
