// A member or facilitator puts a proposal to the workgroup: title, text,
// closing date; optionally the meeting it belongs to and the handbook page it
// changes. The privacy guard runs before saving.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { Field, FormError, PrivacyOverride, SelectField } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { createProposal, getWorkgroupRecord, listHandbookPages } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { formValues, runWorkgroupForm } from "~/lib/workgroups.server";
import { readFormData } from "~/lib/form.server";

const t = nl.proposals;
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
  const values = formValues(await readFormData(request), ["title", "body", "closesOn", "meetingId", "handbookPage", "confirmNoPersonalData"]);
  const r = await runWorkgroupForm(values, () => createProposal(ctx, slug, values));
  if (!r.ok) return r.response;
  return redirect(`/werkgroepen/${slug}/voorstellen/${r.value.id}?gedaan=ingediend`);
}

export default function NewProposal() {
  const { group, meetings, pages, preset } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const v = failed?.values ?? {};
  const e = failed?.fieldErrors ?? {};
  return (
    <div className="max-w-2xl space-y-4">
      <p>
        <Link to={`/werkgroepen/${group.slug}`}>{nl.workgroups.backToGroup(group.name)}</Link>
      </p>
      <h1>{t.newTitle}</h1>
      <p>{t.intro}</p>
      <p className="hint">{nl.workgroups.privacyNote}</p>
      <FormError message={failed?.formError} />
      <Form method="post" className="card space-y-3" noValidate>
        <Field id="title" name="title" label={t.title} defaultValue={v.title} error={e.title} required />
        <Field id="body" name="body" label={t.body} hint={nl.meetings.markdownHint} defaultValue={v.body} error={e.body} multiline rows={8} />
        <Field id="closesOn" name="closesOn" type="date" label={t.closesOn} hint={t.closesOnHint} defaultValue={v.closesOn} error={e.closesOn} required />
        {meetings.length ? (
          <SelectField
            id="meetingId"
            name="meetingId"
            label={t.meeting}
            defaultValue={v.meetingId ?? preset.meetingId}
            error={e.meetingId}
            options={[{ value: "", label: t.none_ }, ...meetings.map((m) => ({ value: m.id, label: m.label }))]}
          />
        ) : null}
        {pages.length ? (
          <SelectField
            id="handbookPage"
            name="handbookPage"
            label={t.page}
            defaultValue={v.handbookPage ?? preset.handbookPage}
            error={e.handbookPage}
            options={[{ value: "", label: t.none_ }, ...pages.map((p) => ({ value: p.slug, label: p.title }))]}
          />
        ) : null}
        <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-proposal" />
        <SubmitButton>{t.submit}</SubmitButton>
      </Form>
    </div>
  );
}
