// A member plans a meeting of the workgroup: date, optional time, agenda
// (markdown; the privacy guard runs before saving).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, PrivacyOverride, SubmitButton, TextAreaField, TextField, anyText, optionalText, useFormKit } from "~/components/form";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { createMeeting, getWorkgroupRecord } from "~/core/workgroups.server";
import { BackToGroup } from "~/components/workgroups";
import { nl } from "~/i18n/nl";
import { toHttpError } from "~/lib/http.server";
import { parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";

const t = nl.meetings;
const fe = nl.workgroups.fieldErrors;
// The date's own rules (a day that exists) and the time's format are the use case's; the browser checks that they are there.
const schema = z.object({
  heldOn: z.string({ required_error: fe.heldOn }),
  startsAt: anyText,
  agenda: optionalText(fe.agenda, 20_000),
  confirmNoPersonalData: anyText,
});
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
  const form = await readFormData(request);
  const values = textValues(form, ["heldOn", "startsAt", "agenda", "confirmNoPersonalData"]);
  const r = await runForm(parseSubmission(form, { schema }), () => createMeeting(ctx, slug, values));
  if (!r.ok) return r.response;
  return redirect(`/werkgroepen/${slug}/overleg/${r.value.id}?gedaan=aangemaakt`);
}

export default function NewMeeting() {
  const { group } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [form, fields] = useFormKit({ schema, lastResult: failed?.result });
  return (
    <div className="max-w-2xl space-y-4">
      <BackToGroup group={group} />
      <h1>{t.newTitle}</h1>
      <p className="hint">{nl.workgroups.privacyNote}</p>
      <FormErrors form={form} />
      <Form method="post" className="card space-y-3" {...getFormProps(form)}>
        <TextField field={fields.heldOn} type="date" label={t.date} inputClassName="input max-w-xs" required />
        <TextField field={fields.startsAt} type="time" label={t.time} hint={t.timeHint} inputClassName="input max-w-xs" />
        <TextAreaField field={fields.agenda} label={t.agenda} hint={t.markdownHint} rows={6} />
        <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-meeting" />
        <SubmitButton>{t.save}</SubmitButton>
      </Form>
    </div>
  );
}
