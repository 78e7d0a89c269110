// A proposal: its text, the tallies and everyone's response with reason;
// members respond (eens / onthouding / oneens / blokkeren; a reason for the
// last two) and may change their response until it closes; a facilitator
// closes it with an outcome, which becomes a decision of the group.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { Field, FormError, Markdown, PrivacyOverride } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { closeProposal, getProposal, respondToProposal } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatDateTime } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { formValues, runWorkgroupForm } from "~/lib/workgroups.server";
import { SuccessNotice } from "~/components/notice";
import { readFormData } from "~/lib/form.server";

const t = nl.proposals;
const UUID = /^[0-9a-f-]{36}$/;
// The same order as the core's PROPOSAL_POSITIONS (app/core/*.server.ts never reaches the browser).
const PROPOSAL_POSITIONS = ["agree", "abstain", "disagree", "block"] as const;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.proposal.title ?? t.section} – ${data?.group.name ?? ""} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  if (!UUID.test(params.proposalId ?? "")) throw notFoundResponse();
  return getProposal(ctx, params.slug ?? "", params.proposalId!).catch(toHttpError);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const slug = params.slug ?? "";
  const proposalId = params.proposalId ?? "";
  if (!UUID.test(proposalId)) throw notFoundResponse();
  const form = await readFormData(request);
  const base = `/werkgroepen/${slug}/voorstellen/${proposalId}`;
  if (form.get("intent") === "close") {
    const values = { ...formValues(form, ["outcome", "confirmNoPersonalData"]), intent: "close" };
    const r = await runWorkgroupForm(values, () => closeProposal(ctx, slug, proposalId, values));
    if (!r.ok) return r.response;
    return redirect(`${base}?gedaan=gesloten`);
  }
  const values = { ...formValues(form, ["position", "reason", "confirmNoPersonalData"]), intent: "respond" };
  const r = await runWorkgroupForm(values, () => respondToProposal(ctx, slug, proposalId, values));
  if (!r.ok) return r.response;
  return redirect(`${base}?gedaan=gereageerd`);
}

const DONE: Record<string, string> = { ingediend: t.created, gereageerd: t.responded, gesloten: t.closedDone };

export default function Proposal() {
  const { group, proposal, tallies, responses, mine, decision, handbookPage, meeting, can } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE[params.get("gedaan") ?? ""];
  const isClose = failed?.values?.intent === "close";
  const r = !isClose && failed ? { v: failed.values, e: failed.fieldErrors } : { v: {} as Record<string, string>, e: {} as Record<string, string> };
  const c = isClose && failed ? { v: failed.values, e: failed.fieldErrors } : { v: {} as Record<string, string>, e: {} as Record<string, string> };
  const chosen = r.v.position ?? mine?.position ?? "";
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link to={`/werkgroepen/${group.slug}`}>{nl.workgroups.backToGroup(group.name)}</Link>
      </p>
      <h1>{proposal.title}</h1>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <p>
        <span className="badge">{proposal.open ? t.openUntil(formatDate(proposal.closesOn)) : proposal.closedAt ? t.closed : t.list.awaiting}</span>
      </p>
      <p className="hint">{t.by(proposal.authorName, formatDateTime(proposal.createdAt))}</p>
      <Markdown html={proposal.html} />
      {meeting || handbookPage ? (
        <ul className="list-disc pl-6">
          {meeting ? (
            <li>
              <Link to={`/werkgroepen/${group.slug}/overleg/${meeting.id}`}>{t.meetingLink(`${formatDate(meeting.heldOn)}${meeting.startsAt ? ` ${meeting.startsAt}` : ""}`)}</Link>
            </li>
          ) : null}
          {handbookPage ? (
            <li>
              <Link to={`/werkgroepen/${group.slug}/handboek/${handbookPage.slug}`}>{t.pageLink(handbookPage.title)}</Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      {proposal.awaitingOutcome ? <p className="alert alert-info">{t.awaitingOutcome}</p> : null}

      {decision ? (
        <section aria-labelledby="uitkomst" className="card space-y-2">
          <h2 id="uitkomst">{t.outcomeTitle}</h2>
          <p className="whitespace-pre-line">{decision.text}</p>
          {proposal.closedAt ? <p className="hint">{t.closedBy(proposal.closedByName ?? "", formatDateTime(proposal.closedAt))}</p> : null}
        </section>
      ) : null}

      <section aria-labelledby="stand" className="space-y-2">
        <h2 id="stand">{t.tallies}</h2>
        <ul className="flex flex-wrap gap-4" aria-label={t.tallies}>
          {PROPOSAL_POSITIONS.map((p) => (
            <li key={p} className="card py-2">
              <span className="font-semibold">{t.positions[p]}</span>: {tallies[p]}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="reacties" className="space-y-2">
        <h2 id="reacties">{t.responses}</h2>
        {responses.length === 0 ? (
          <p>{t.noResponses}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t.who}</th>
                  <th scope="col">{t.position}</th>
                  <th scope="col">{t.reason}</th>
                </tr>
              </thead>
              <tbody>
                {responses.map((x) => (
                  <tr key={x.userId}>
                    <td>{x.name}</td>
                    <td>{t.positions[x.position]}</td>
                    <td className="whitespace-pre-line">{x.reason || "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {can.respond ? (
        <section aria-labelledby="jouw-reactie" className="card space-y-3">
          <h2 id="jouw-reactie">{t.yourResponse}</h2>
          {mine ? <p className="hint">{t.yourCurrent(t.positions[mine.position])}</p> : null}
          {!isClose ? <FormError message={failed?.formError} /> : null}
          <Form method="post" className="space-y-3" noValidate>
            <fieldset className="field" aria-describedby={r.e.position ? "position-error" : undefined}>
              <legend className="font-semibold">{t.position}</legend>
              {PROPOSAL_POSITIONS.map((p) => (
                <div key={p} className="flex items-start gap-2">
                  <input type="radio" id={`position-${p}`} name="position" value={p} defaultChecked={chosen === p} className="mt-1" aria-describedby={`position-${p}-hint`} />
                  <label htmlFor={`position-${p}`}>
                    {t.positions[p]} <span id={`position-${p}-hint`} className="hint font-normal">– {t.positionHints[p]}</span>
                  </label>
                </div>
              ))}
              {r.e.position ? (
                <p id="position-error" className="field-error">
                  {r.e.position}
                </p>
              ) : null}
            </fieldset>
            <Field id="reason" name="reason" label={t.reasonLabel} defaultValue={r.v.reason ?? mine?.reason ?? ""} error={r.e.reason} multiline rows={3} />
            <PrivacyOverride show={!isClose && Boolean(failed?.personalData)} id="confirm-response" />
            <SubmitButton name="intent" value="respond">
              {t.respond}
            </SubmitButton>
          </Form>
        </section>
      ) : proposal.open ? (
        <p className="hint">{t.joinToRespond}</p>
      ) : null}

      {can.close ? (
        <section aria-labelledby="sluiten" className="card space-y-3">
          <h2 id="sluiten">{t.close}</h2>
          <p>{t.closeIntro}</p>
          {isClose ? <FormError message={failed?.formError} /> : null}
          <Form method="post" className="space-y-3" noValidate>
            <Field id="outcome" name="outcome" label={t.outcome} defaultValue={c.v.outcome} error={c.e.outcome} multiline rows={4} />
            <PrivacyOverride show={isClose && Boolean(failed?.personalData)} id="confirm-outcome" />
            <SubmitButton name="intent" value="close">
              {t.close}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
