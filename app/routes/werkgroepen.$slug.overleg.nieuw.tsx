// A member plans a meeting of the workgroup: date, optional time, agenda
// (markdown; the privacy guard runs before saving).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { Field, FormError, PrivacyOverride } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { createMeeting, getWorkgroupRecord } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { toHttpError } from "~/lib/http.server";
import { formValues, runWorkgroupForm } from "~/lib/workgroups.server";
import { readFormData } from "~/lib/form.server";

const t = nl.meetings;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${t.newTitle} – ${data?.group.name ?? ""} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const record = await getWorkgroupRecord(ctx, params.slug ?? "").catch(toHttpError);
  if (!record.can.createMeeting) throw notFoundResponse();
  return { group: { name: record.group.name, slug: record.group.slug } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const slug = params.slug ?? "";
  const values = formValues(await readFormData(request), ["heldOn", "startsAt", "agenda", "confirmNoPersonalData"]);
  const r = await runWorkgroupForm(values, () => createMeeting(ctx, slug, values));
  if (!r.ok) return r.response;
  return redirect(`/werkgroepen/${slug}/overleg/${r.value.id}?gedaan=aangemaakt`);
}

export default function NewMeeting() {
  const { group } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const v = failed?.values ?? {};
  const e = failed?.fieldErrors ?? {};
  return (
    <div className="max-w-2xl space-y-4">
      <p>
        <Link to={`/werkgroepen/${group.slug}`}>{nl.workgroups.backToGroup(group.name)}</Link>
      </p>
      <h1>{t.newTitle}</h1>
      <p className="hint">{nl.workgroups.privacyNote}</p>
      <FormError message={failed?.formError} />
      <Form method="post" className="card space-y-3" noValidate>
        <Field id="heldOn" name="heldOn" type="date" label={t.date} defaultValue={v.heldOn} error={e.heldOn} required />
        <Field id="startsAt" name="startsAt" type="time" label={t.time} hint={t.timeHint} defaultValue={v.startsAt} error={e.startsAt} />
        <Field id="agenda" name="agenda" label={t.agenda} hint={t.markdownHint} defaultValue={v.agenda} error={e.agenda} multiline rows={6} />
        <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-meeting" />
        <SubmitButton>{t.save}</SubmitButton>
      </Form>
    </div>
  );
}
