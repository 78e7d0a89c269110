// A member or facilitator puts a proposal to the workgroup: title, text,
// closing date; optionally the meeting it belongs to and the handbook page it
// changes. The privacy guard runs before saving.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, PrivacyOverride, SelectField, SubmitButton, TextAreaField, TextField, anyText, requiredText, useFormKit } from "~/components/form";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { createProposal, getWorkgroupRecord, listHandbookPages } from "~/core/workgroups.server";
import { BackToGroup } from "~/components/workgroups";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";

const t = nl.proposals;
const fe = nl.workgroups.fieldErrors;
const schema = z.object({
  title: requiredText(fe.title, 3, 200),
  body: requiredText(fe.body, 1, 20_000),
  // A day that exists, and not in the past: the use case's rules.
  closesOn: z.string({ required_error: fe.closesOn }),
  meetingId: anyText,
  handbookPage: anyText,
  confirmNoPersonalData: anyText,
});
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${t.newTitle} – ${data?.group.name ?? ""} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const slug = params.slug ?? "";
  const record = await getWorkgroupRecord(ctx, slug).catch(toHttpError);
  if (!record.can.createProposal) throw notFoundResponse();
  const { pages } = await listHandbookPages(ctx, slug).catch(toHttpError);
  const url = new URL(request.url);
  return {
    group: { name: record.group.name, slug: record.group.slug },
    meetings: record.meetings.map((m) => ({ id: m.id, label: `${formatDate(m.heldOn)}${m.startsAt ? ` ${m.startsAt}` : ""}` })),
    pages: pages.map((p) => ({ slug: p.slug, title: p.title })),
    preset: { meetingId: url.searchParams.get("overleg") ?? "", handbookPage: url.searchParams.get("pagina") ?? "" },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const slug = params.slug ?? "";
  const form = await readFormData(request);
  const values = textValues(form, ["title", "body", "closesOn", "meetingId", "handbookPage", "confirmNoPersonalData"]);
  const r = await runForm(parseSubmission(form, { schema }), () => createProposal(ctx, slug, values));
  if (!r.ok) return r.response;
  return redirect(`/werkgroepen/${slug}/voorstellen/${r.value.id}?gedaan=ingediend`);
}

export default function NewProposal() {
  const { group, meetings, pages, preset } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [form, fields] = useFormKit({ schema, lastResult: failed?.result, defaultValue: preset });
  return (
    <div className="max-w-2xl space-y-4">
      <BackToGroup group={group} />
      <h1>{t.newTitle}</h1>
      <p>{t.intro}</p>
      <p className="hint">{nl.workgroups.privacyNote}</p>
      <FormErrors form={form} />
      <Form method="post" className="card space-y-3" {...getFormProps(form)}>
        <TextField field={fields.title} label={t.title} required />
        <TextAreaField field={fields.body} label={t.body} hint={nl.meetings.markdownHint} rows={8} />
        <TextField field={fields.closesOn} type="date" label={t.closesOn} hint={t.closesOnHint} inputClassName="input max-w-xs" required />
        {meetings.length ? (
          <SelectField
            field={fields.meetingId}
            label={t.meeting}
            selectClassName="input max-w-md"
            options={[{ value: "", label: t.none_ }, ...meetings.map((m) => ({ value: m.id, label: m.label }))]}
          />
        ) : null}
        {pages.length ? (
          <SelectField
            field={fields.handbookPage}
            label={t.page}
            selectClassName="input max-w-md"
            options={[{ value: "", label: t.none_ }, ...pages.map((p) => ({ value: p.slug, label: p.title }))]}
          />
        ) : null}
        <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-proposal" />
        <SubmitButton>{t.submit}</SubmitButton>
      </Form>
    </div>
  );
}
