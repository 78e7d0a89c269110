// A meeting of a workgroup: agenda and notes (markdown, rendered safely), the
// decisions recorded at it (and the outcomes of proposals linked to it),
// action items with owner, due date and done / not done. Members edit;
// readers of the group read; the owner or a facilitator ticks an item off.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import {
  FormErrors,
  PrivacyOverride,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  anyText,
  optionalText,
  replyFor,
  requiredText,
  useFormKit,
} from "~/components/form";
import { DecisionList, ProposalLinks } from "~/components/workgroup-meetings";
import { BackToGroup, Markdown } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { addActionItem, addMeetingDecision, getMeeting, setActionItemDone, updateMeeting } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { NO_FIELDS, parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.meetings;
const UUID = /^[0-9a-f-]{36}$/;
const fe = nl.workgroups.fieldErrors;
// A day that exists, the time's format and the owner being a member are the use case's rules; the browser checks what is required.
const schemas = {
  save: z.object({
    heldOn: z.string({ required_error: fe.heldOn }),
    startsAt: anyText,
    agenda: optionalText(fe.agenda, 20_000),
    notes: optionalText(fe.notes, 50_000),
    confirmNoPersonalData: anyText,
    intent: anyText,
  }),
  decision: z.object({ text: requiredText(fe.text, 3, 4000), handbookPage: anyText, confirmNoPersonalData: anyText, intent: anyText }),
  action: z.object({
    task: requiredText(fe.task, 3, 500),
    ownerId: z.string({ required_error: fe.ownerId }),
    dueOn: z.string({ required_error: fe.dueOn }),
    confirmNoPersonalData: anyText,
    intent: anyText,
  }),
};
const when = (m: { heldOn: string; startsAt: string | null }) => `${formatDate(m.heldOn)}${m.startsAt ? ` ${m.startsAt}` : ""}`;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t.title(when(data.meeting)) : t.section} – ${data?.group.name ?? ""} – ${nl.common.appName}` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  if (!UUID.test(params.meetingId ?? "")) throw notFoundResponse();
  const view = await getMeeting(ctx, params.slug ?? "", params.meetingId!).catch(toHttpError);
  const editing = new URL(request.url).searchParams.has("bewerken") && view.can.update;
  return { ...view, editing };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const slug = params.slug ?? "";
  const meetingId = params.meetingId ?? "";
  if (!UUID.test(meetingId)) throw notFoundResponse();
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const base = `/werkgroepen/${slug}/overleg/${meetingId}`;
  if (intent === "toggle") {
    const itemId = String(form.get("itemId") ?? "");
    const r = await runForm(
      parseSubmission(form, { schema: NO_FIELDS }),
      () => setActionItemDone(ctx, slug, UUID.test(itemId) ? itemId : "00000000-0000-0000-0000-000000000000", form.get("done") === "true"),
      { form: "toggle" },
    );
    if (!r.ok) return r.response;
    return redirect(`${base}?gedaan=actie-bijgewerkt#actiepunt-${itemId}`);
  }
  if (intent === "decision") {
    const values = textValues(form, ["text", "handbookPage", "confirmNoPersonalData"]);
    const r = await runForm(parseSubmission(form, { schema: schemas.decision }), () => addMeetingDecision(ctx, slug, meetingId, values), { form: "decision" });
    if (!r.ok) return r.response;
    return redirect(`${base}?gedaan=besluit#besluit-${r.value.id}`);
  }
  if (intent === "action") {
    const values = textValues(form, ["task", "ownerId", "dueOn", "confirmNoPersonalData"]);
    const r = await runForm(parseSubmission(form, { schema: schemas.action }), () => addActionItem(ctx, slug, meetingId, values), { form: "action" });
    if (!r.ok) return r.response;
    return redirect(`${base}?gedaan=actie#actiepunt-${r.value.id}`);
  }
  const values = textValues(form, ["heldOn", "startsAt", "agenda", "notes", "confirmNoPersonalData"]);
  const r = await runForm(parseSubmission(form, { schema: schemas.save }), () => updateMeeting(ctx, slug, meetingId, values), { form: "save" });
  if (!r.ok) return r.response;
  return redirect(`${base}?gedaan=opgeslagen`);
}

const DONE: Record<string, string> = {
  aangemaakt: t.created,
  opgeslagen: t.saved,
  besluit: t.decisionAdded,
  actie: t.actionAdded,
  "actie-bijgewerkt": t.actionToggled,
};

export default function Meeting() {
  const { group, meeting, actionItems, proposals, decisions, members, pages, can, editing } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE[params.get("gedaan") ?? ""];
  const failedIntent = failed?.form ?? null;
  // The add forms are keyed (and named) by their list's length: after an addition they start empty and closed again.
  const [saveForm, saveFields] = useFormKit({
    id: "save",
    schema: schemas.save,
    lastResult: replyFor(failed, "save")?.result,
    defaultValue: { heldOn: meeting.heldOn, startsAt: meeting.startsAt ?? "", agenda: meeting.agenda, notes: meeting.notes },
  });
  const [decForm, decFields] = useFormKit({ id: `decision-${decisions.length}`, schema: schemas.decision, lastResult: replyFor(failed, "decision")?.result });
  const [actForm, actFields] = useFormKit({ id: `action-${actionItems.length}`, schema: schemas.action, lastResult: replyFor(failed, "action")?.result });
  const editOpen = editing || failedIntent === "save";
  return (
    <div className="max-w-3xl space-y-6">
      <BackToGroup group={group} />
      <h1>{t.title(when(meeting))}</h1>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <FormErrors errors={replyFor(failed, "toggle")?.result.error?.[""] ?? undefined} />

      {editOpen ? (
        <section aria-labelledby="bewerken" className="space-y-3">
          <h2 id="bewerken">{t.edit}</h2>
          <p className="hint">{nl.workgroups.privacyNote}</p>
          <FormErrors form={saveForm} />
          <Form method="post" className="card space-y-3" {...getFormProps(saveForm)}>
            <TextField field={saveFields.heldOn} type="date" label={t.date} inputClassName="input max-w-xs" required />
            <TextField field={saveFields.startsAt} type="time" label={t.time} hint={t.timeHint} inputClassName="input max-w-xs" />
            <TextAreaField field={saveFields.agenda} label={t.agenda} hint={t.markdownHint} rows={6} />
            <TextAreaField field={saveFields.notes} label={t.notes} hint={t.markdownHint} rows={10} />
            <PrivacyOverride show={Boolean(replyFor(failed, "save")?.personalData)} id="confirm-meeting" />
            <div className="flex gap-2">
              <SubmitButton name="intent" value="save">
                {t.save}
              </SubmitButton>
              <Link to={`/werkgroepen/${group.slug}/overleg/${meeting.id}`} className="btn btn-secondary">
                {t.cancel}
              </Link>
            </div>
          </Form>
        </section>
      ) : (
        <>
          {can.update ? (
            <p>
              <Link to="?bewerken">{t.edit}</Link>
            </p>
          ) : null}
          <section aria-labelledby="agenda" className="space-y-2">
            <h2 id="agenda">{t.agenda}</h2>
            {meeting.agenda ? <Markdown html={meeting.agendaHtml} /> : <p>{t.noAgenda}</p>}
          </section>
          <section aria-labelledby="verslag" className="space-y-2">
            <h2 id="verslag">{t.notes}</h2>
            {meeting.notes ? <Markdown html={meeting.notesHtml} /> : <p>{t.noNotes}</p>}
          </section>
        </>
      )}

      <section aria-labelledby="besluiten" className="space-y-3">
        <h2 id="besluiten">{t.decisions}</h2>
        <DecisionList decisions={decisions} groupSlug={group.slug} showMeeting={false} />
        {can.update ? (
          <details key={decisions.length} open={failedIntent === "decision"} className="card">
            <summary className="cursor-pointer font-semibold">{t.addDecision}</summary>
            <FormErrors form={decForm} />
            <Form method="post" className="mt-3 space-y-3" {...getFormProps(decForm)}>
              <TextAreaField field={decFields.text} label={t.decisionText} rows={3} />
              {pages.length ? (
                <SelectField
                  field={decFields.handbookPage}
                  label={t.decisionPage}
                  selectClassName="input max-w-md"
                  options={[{ value: "", label: t.noPage }, ...pages.map((p) => ({ value: p.slug, label: p.title }))]}
                />
              ) : null}
              <PrivacyOverride show={Boolean(replyFor(failed, "decision")?.personalData)} id="confirm-decision" />
              <SubmitButton name="intent" value="decision">
                {t.addDecision}
              </SubmitButton>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="actiepunten" className="space-y-3">
        <h2 id="actiepunten">{t.actionItems}</h2>
        {actionItems.length === 0 ? (
          <p>{t.noActionItems}</p>
        ) : (
          <div className="overflow-x-auto" {...scrollRegion(t.actionItems)}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t.task}</th>
                  <th scope="col">{t.owner}</th>
                  <th scope="col">{t.dueOn}</th>
                  <th scope="col">{t.status}</th>
                </tr>
              </thead>
              <tbody>
                {actionItems.map((i) => (
                  <tr key={i.id} id={`actiepunt-${i.id}`}>
                    <td>{i.description}</td>
                    <td>{i.ownerName}</td>
                    <td>
                      {formatDate(i.dueOn)}
                      {i.overdue ? <span className="badge badge-danger ml-2">{t.overdue}</span> : null}
                    </td>
                    <td>
                      <span className="mr-2">{i.done ? t.done : t.notDone}</span>
                      {i.canToggle ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="itemId" value={i.id} />
                          <input type="hidden" name="done" value={i.done ? "false" : "true"} />
                          <button
                            type="submit"
                            name="intent"
                            value="toggle"
                            className="btn btn-secondary"
                            aria-label={i.done ? t.markOpen(i.description) : t.markDone(i.description)}
                          >
                            {i.done ? t.markOpenShort : t.markDoneShort}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {can.update ? (
          <details key={actionItems.length} open={failedIntent === "action"} className="card">
            <summary className="cursor-pointer font-semibold">{t.addActionItem}</summary>
            <FormErrors form={actForm} />
            <Form method="post" className="mt-3 space-y-3" {...getFormProps(actForm)}>
              <TextField field={actFields.task} label={t.task} />
              <SelectField
                field={actFields.ownerId}
                label={t.owner}
                selectClassName="input max-w-md"
                options={[{ value: "", label: t.chooseOwner }, ...members.map((m) => ({ value: m.userId, label: m.name }))]}
              />
              <TextField field={actFields.dueOn} type="date" label={t.dueOn} inputClassName="input max-w-xs" />
              <PrivacyOverride show={Boolean(replyFor(failed, "action")?.personalData)} id="confirm-action" />
              <SubmitButton name="intent" value="action">
                {t.addActionItem}
              </SubmitButton>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="voorstellen" className="space-y-2">
        <h2 id="voorstellen">{t.linkedProposals}</h2>
        <ProposalLinks proposals={proposals} groupSlug={group.slug} />
        {can.update ? (
          <p>
            <Link to={`/werkgroepen/${group.slug}/voorstellen/nieuw?overleg=${meeting.id}`}>{nl.proposals.newProposal}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
