// A meeting of a workgroup: agenda and notes (markdown, rendered safely), the
// decisions recorded at it (and the outcomes of proposals linked to it),
// action items with owner, due date and done / not done. Members edit;
// readers of the group read; the owner or a facilitator ticks an item off.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { DecisionList } from "~/components/workgroup-meetings";
import { Field, FormError, Markdown, PrivacyOverride, SelectField } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { addActionItem, addMeetingDecision, getMeeting, setActionItemDone, updateMeeting } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { formValues, runWorkgroupForm } from "~/lib/workgroups.server";
import { SuccessNotice } from "~/components/notice";
import { readFormData } from "~/lib/form.server";

const t = nl.meetings;
const UUID = /^[0-9a-f-]{36}$/;
const when = (m: { heldOn: string; startsAt: string | null }) => `${formatDate(m.heldOn)}${m.startsAt ? ` ${m.startsAt}` : ""}`;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? t.title(when(data.meeting)) : t.section} – ${data?.group.name ?? ""} – ${nl.common.appName}` }];

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
    const r = await runWorkgroupForm({ intent }, () => setActionItemDone(ctx, slug, UUID.test(itemId) ? itemId : "00000000-0000-0000-0000-000000000000", form.get("done") === "true"));
    if (!r.ok) return r.response;
    return redirect(`${base}?gedaan=actie-bijgewerkt#actiepunt-${itemId}`);
  }
  if (intent === "decision") {
    const values = { ...formValues(form, ["text", "handbookPage", "confirmNoPersonalData"]), intent };
    const r = await runWorkgroupForm(values, () => addMeetingDecision(ctx, slug, meetingId, values));
    if (!r.ok) return r.response;
    return redirect(`${base}?gedaan=besluit#besluit-${r.value.id}`);
  }
  if (intent === "action") {
    const values = { ...formValues(form, ["task", "ownerId", "dueOn", "confirmNoPersonalData"]), intent };
    const r = await runWorkgroupForm(values, () => addActionItem(ctx, slug, meetingId, values));
    if (!r.ok) return r.response;
    return redirect(`${base}?gedaan=actie#actiepunt-${r.value.id}`);
  }
  const values = { ...formValues(form, ["heldOn", "startsAt", "agenda", "notes", "confirmNoPersonalData"]), intent: "save" };
  const r = await runWorkgroupForm(values, () => updateMeeting(ctx, slug, meetingId, values));
  if (!r.ok) return r.response;
  return redirect(`${base}?gedaan=opgeslagen`);
}

const DONE: Record<string, string> = { aangemaakt: t.created, opgeslagen: t.saved, besluit: t.decisionAdded, actie: t.actionAdded, "actie-bijgewerkt": t.actionToggled };

export default function Meeting() {
  const { group, meeting, actionItems, proposals, decisions, members, pages, can, editing } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE[params.get("gedaan") ?? ""];
  const failedIntent = failed?.values?.intent ?? (failed ? "save" : null);
  const of = (intent: string) => (failedIntent === intent ? { v: failed?.values ?? {}, e: failed?.fieldErrors ?? {}, formError: failed?.formError, personalData: Boolean(failed?.personalData) } : { v: {} as Record<string, string>, e: {} as Record<string, string>, formError: null, personalData: false });
  const save = of("save");
  const dec = of("decision");
  const act = of("action");
  const editOpen = editing || failedIntent === "save";
  // The add forms are keyed by their list's length: after an addition they start empty and closed again.
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link to={`/werkgroepen/${group.slug}`}>{nl.workgroups.backToGroup(group.name)}</Link>
      </p>
      <h1>{t.title(when(meeting))}</h1>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      {failedIntent === "toggle" ? <FormError message={failed?.formError} /> : null}

      {editOpen ? (
        <section aria-labelledby="bewerken" className="space-y-3">
          <h2 id="bewerken">{t.edit}</h2>
          <p className="hint">{nl.workgroups.privacyNote}</p>
          <FormError message={save.formError} />
          <Form method="post" className="card space-y-3" noValidate>
            <Field id="heldOn" name="heldOn" type="date" label={t.date} defaultValue={save.v.heldOn ?? meeting.heldOn} error={save.e.heldOn} required />
            <Field id="startsAt" name="startsAt" type="time" label={t.time} hint={t.timeHint} defaultValue={save.v.startsAt ?? meeting.startsAt ?? ""} error={save.e.startsAt} />
            <Field id="agenda" name="agenda" label={t.agenda} hint={t.markdownHint} defaultValue={save.v.agenda ?? meeting.agenda} error={save.e.agenda} multiline rows={6} />
            <Field id="notes" name="notes" label={t.notes} hint={t.markdownHint} defaultValue={save.v.notes ?? meeting.notes} error={save.e.notes} multiline rows={10} />
            <PrivacyOverride show={save.personalData} id="confirm-meeting" />
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
            <FormError message={dec.formError} />
            <Form method="post" className="mt-3 space-y-3" noValidate>
              <Field id="decision-text" name="text" label={t.decisionText} defaultValue={dec.v.text} error={dec.e.text} multiline rows={3} />
              {pages.length ? (
                <SelectField
                  id="decision-page"
                  name="handbookPage"
                  label={t.decisionPage}
                  defaultValue={dec.v.handbookPage ?? ""}
                  error={dec.e.handbookPage}
                  options={[{ value: "", label: t.noPage }, ...pages.map((p) => ({ value: p.slug, label: p.title }))]}
                />
              ) : null}
              <PrivacyOverride show={dec.personalData} id="confirm-decision" />
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
          <div className="overflow-x-auto">
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
                          <button type="submit" name="intent" value="toggle" className="btn btn-secondary" aria-label={i.done ? t.markOpen(i.description) : t.markDone(i.description)}>
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
            <FormError message={act.formError} />
            <Form method="post" className="mt-3 space-y-3" noValidate>
              <Field id="action-task" name="task" label={t.task} defaultValue={act.v.task} error={act.e.task} />
              <SelectField
                id="action-owner"
                name="ownerId"
                label={t.owner}
                defaultValue={act.v.ownerId ?? ""}
                error={act.e.ownerId}
                options={[{ value: "", label: t.chooseOwner }, ...members.map((m) => ({ value: m.userId, label: m.name }))]}
              />
              <Field id="action-due" name="dueOn" type="date" label={t.dueOn} defaultValue={act.v.dueOn} error={act.e.dueOn} />
              <PrivacyOverride show={act.personalData} id="confirm-action" />
              <SubmitButton name="intent" value="action">
                {t.addActionItem}
              </SubmitButton>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="voorstellen" className="space-y-2">
        <h2 id="voorstellen">{t.linkedProposals}</h2>
        {proposals.length === 0 ? (
          <p>{nl.proposals.none}</p>
        ) : (
          <ul className="list-disc pl-6">
            {proposals.map((p) => (
              <li key={p.id}>
                <Link to={`/werkgroepen/${group.slug}/voorstellen/${p.id}`}>{p.title}</Link>{" "}
                <span className="hint">({p.open ? nl.proposals.list.open : p.closedAt ? nl.proposals.list.closed : nl.proposals.list.awaiting})</span>
              </li>
            ))}
          </ul>
        )}
        {can.update ? (
          <p>
            <Link to={`/werkgroepen/${group.slug}/voorstellen/nieuw?overleg=${meeting.id}`}>{nl.proposals.newProposal}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
