// A proposal: its text, the tallies and everyone's response with reason;
// members respond (eens / onthouding / oneens / blokkeren; a reason for the
// last two) and may change their response until it closes; a facilitator
// closes it with an outcome, which becomes a decision of the group.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, PrivacyOverride, SubmitButton, TextAreaField, anyText, optionalText, replyFor, requiredText, useFormKit } from "~/components/form";
import { BackToGroup, Markdown } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { closeProposal, getProposal, respondToProposal } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatDateTime } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.proposals;
const UUID = /^[0-9a-f-]{36}$/;
// The same order as the core's PROPOSAL_POSITIONS (app/core/*.server.ts never reaches the browser).
const PROPOSAL_POSITIONS = ["agree", "abstain", "disagree", "block"] as const;
const fe = nl.workgroups.fieldErrors;
const schemas = {
  // A reason for "oneens" and "blokkeren" is the use case's rule.
  respond: z.object({
    position: z.string({ required_error: fe.position }),
    reason: optionalText(fe.reason, 500),
    confirmNoPersonalData: anyText,
    intent: anyText,
  }),
  close: z.object({ outcome: requiredText(fe.outcome, 3, 4000), confirmNoPersonalData: anyText, intent: anyText }),
};
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.proposal.title ?? t.section} – ${data?.group.name ?? ""} – ${nl.common.appName}` },
];

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
    const values = textValues(form, ["outcome", "confirmNoPersonalData"]);
    const r = await runForm(parseSubmission(form, { schema: schemas.close }), () => closeProposal(ctx, slug, proposalId, values), { form: "close" });
    if (!r.ok) return r.response;
    return redirect(`${base}?gedaan=gesloten`);
  }
  const values = textValues(form, ["position", "reason", "confirmNoPersonalData"]);
  const r = await runForm(parseSubmission(form, { schema: schemas.respond }), () => respondToProposal(ctx, slug, proposalId, values), { form: "respond" });
  if (!r.ok) return r.response;
  return redirect(`${base}?gedaan=gereageerd`);
}

const DONE: Record<string, string> = { ingediend: t.created, gereageerd: t.responded, gesloten: t.closedDone };

export default function Proposal() {
  const { group, proposal, tallies, responses, mine, decision, handbookPage, meeting, can } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE[params.get("gedaan") ?? ""];
  const [respondForm, respondFields] = useFormKit({
    id: "respond",
    schema: schemas.respond,
    lastResult: replyFor(failed, "respond")?.result,
    defaultValue: { position: mine?.position ?? "", reason: mine?.reason ?? "" },
  });
  const [closeForm, closeFields] = useFormKit({ id: "close", schema: schemas.close, lastResult: replyFor(failed, "close")?.result });
  const chosen = String(respondFields.position.initialValue ?? "");
  const positionError = respondFields.position.errors?.join(" ");
  return (
    <div className="max-w-3xl space-y-6">
      <BackToGroup group={group} />
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
              <Link to={`/werkgroepen/${group.slug}/overleg/${meeting.id}`}>
                {t.meetingLink(`${formatDate(meeting.heldOn)}${meeting.startsAt ? ` ${meeting.startsAt}` : ""}`)}
              </Link>
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
          <div className="overflow-x-auto" {...scrollRegion(t.responses)}>
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
          <FormErrors form={respondForm} />
          <Form method="post" className="space-y-3" {...getFormProps(respondForm)}>
            <fieldset id={respondFields.position.id} className="field" aria-describedby={positionError ? "position-error" : undefined}>
              <legend className="font-semibold">{t.position}</legend>
              {PROPOSAL_POSITIONS.map((p) => (
                <div key={p} className="flex items-start gap-2">
                  <input
                    key={respondFields.position.key}
                    type="radio"
                    id={`position-${p}`}
                    name="position"
                    value={p}
                    defaultChecked={chosen === p}
                    className="mt-1"
                    aria-describedby={`position-${p}-hint`}
                  />
                  <label htmlFor={`position-${p}`}>
                    {t.positions[p]}{" "}
                    <span id={`position-${p}-hint`} className="hint font-normal">
                      – {t.positionHints[p]}
                    </span>
                  </label>
                </div>
              ))}
              {positionError ? (
                <p id="position-error" className="field-error">
                  {positionError}
                </p>
              ) : null}
            </fieldset>
            <TextAreaField field={respondFields.reason} label={t.reasonLabel} rows={3} />
            <PrivacyOverride show={Boolean(replyFor(failed, "respond")?.personalData)} id="confirm-response" />
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
          <FormErrors form={closeForm} />
          <Form method="post" className="space-y-3" {...getFormProps(closeForm)}>
            <TextAreaField field={closeFields.outcome} label={t.outcome} rows={4} />
            <PrivacyOverride show={Boolean(replyFor(failed, "close")?.personalData)} id="confirm-outcome" />
            <SubmitButton name="intent" value="close">
              {t.close}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
