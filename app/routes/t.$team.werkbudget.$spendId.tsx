// One spend request on the team side: what happens next, its facts and
// timeline, the steps this person may take now (submit, cancel, evaluate;
// the coordinator endorses, asks for more information or declines — the
// controller's steps live on the controller's pages), comments, and the
// request's files (upload is the one multipart form here).
import { calendarDate } from "@wijkwerk/core/dates";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ConfirmSubmit } from "~/components/confirm";
import { FormErrors, PrivacyOverride, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { ATTACHMENT_KIND_CODES, SpendAttachments } from "~/components/spend-attachments";
import { NextStepPanel, SpendFacts, SpendTermsHelp, SpendTimeline, StatusBadge } from "~/components/spend-detail";
import { ChoiceFieldset, euroField } from "~/components/spend-form";
import { requireTeamContext } from "~/context.server";
import {
  ATTACHMENTS_CLOSED_STATUSES,
  addAttachment,
  cancelSpend,
  commentOnSpend,
  endorseSpend,
  evaluateSpend,
  getSpend,
  rejectSpend,
  removeAttachment,
  requestSpendInfo,
  submitSpend,
  type SpendAction,
} from "~/core/workbudget.server";
import { MAX_ATTACHMENT_BYTES, isDomainError } from "~/core/common.server";
import { cardPaymentState, clearCardPaymentSelection, selectSpendForCardPayment } from "~/core/cards.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { runForForm, runForMessage, toHttpError } from "~/lib/http.server";
import { readForm } from "~/lib/uploads.server";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, refusedReply } from "~/lib/form.server";

const t = nl.spends;
const e = t.evaluation;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? t.detail.title(data.reference) : t.title} – ${nl.common.appName}` }];

/** The steps that belong on the team's pages. */
const TEAM_ACTIONS: SpendAction[] = ["submit", "endorse", "request_info", "reject", "cancel", "evaluate"];
const REGULATIONS = ["bijzondere_bijstand", "wmo_maatwerk", "schuldhulpverlening", "anders"] as const;

const evaluationSchema = z
  .object({
    // Required ones are checked in superRefine, so every missing field is marked in one go.
    prevented: z.enum(["yes", "partly", "no", "unknown"], { errorMap: () => ({ message: e.preventedRequired }) }).optional(),
    realisedReturn: euroField({ invalid: t.form.amountInvalid, max: 1_000_000_000, tooHigh: t.form.amountTooHigh }).optional(),
    realisedSocialReturn: z.string().trim().max(4000, t.form.tooLong).optional(),
    otherRegulationApplied: z.enum(["yes", "no"], { errorMap: () => ({ message: e.appliedRequired }) }).optional(),
    otherRegulation: z.enum(REGULATIONS, { errorMap: () => ({ message: e.regulationRequired }) }).optional(),
    otherRegulationOther: z.string().trim().max(200, t.form.tooLong).optional(),
    otherRegulationAmount: euroField({ invalid: t.form.amountInvalid, max: 100_000_000, tooHigh: t.form.amountTooHigh }).optional(),
    otherRegulationLeadDays: z
      .string()
      .trim()
      .regex(/^\d{1,4}$/, e.leadDaysInvalid)
      .transform(Number)
      .refine((n) => n <= 3650, e.leadDaysInvalid)
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.prevented) ctx.addIssue({ code: "custom", path: ["prevented"], message: e.preventedRequired });
    if (!v.otherRegulationApplied) ctx.addIssue({ code: "custom", path: ["otherRegulationApplied"], message: e.appliedRequired });
    if (v.otherRegulationApplied !== "yes") return;
    if (!v.otherRegulation) ctx.addIssue({ code: "custom", path: ["otherRegulation"], message: e.regulationRequired });
    if (v.otherRegulationAmount === undefined) ctx.addIssue({ code: "custom", path: ["otherRegulationAmount"], message: e.otherRegulationAmountRequired });
    if (v.otherRegulationLeadDays === undefined) ctx.addIssue({ code: "custom", path: ["otherRegulationLeadDays"], message: e.leadDaysRequired });
  });

const a = t.attachments;
const schemas = {
  // The type and the size are the use case's to judge (magic bytes, 5 MB); here only: is there a file at all.
  add_attachment: z.object({
    kind: z.enum(ATTACHMENT_KIND_CODES, { errorMap: () => ({ message: a.kindRequired }) }),
    file: z.instanceof(File, { message: a.fileRequired }),
  }),
  endorse: z.object({ comment: z.string().trim().max(4000, t.detail.commentTooLong).optional() }),
  // The coordinator's question or reason: required, as the use case requires it.
  request_info: z.object({
    comment: z.string({ required_error: t.detail.infoQuestionRequired }).trim().min(1, t.detail.infoQuestionRequired).max(4000, t.detail.commentTooLong),
  }),
  reject: z.object({
    comment: z.string({ required_error: t.detail.declineReasonRequired }).trim().min(1, t.detail.declineReasonRequired).max(4000, t.detail.commentTooLong),
  }),
  comment: z.object({
    comment: z.string({ required_error: t.detail.commentRequired }).trim().min(1, t.detail.commentRequired).max(4000, t.detail.commentTooLong),
  }),
  evaluate: evaluationSchema,
  // "Nu betalen": an optional last day; the use case checks it against the 14-day window.
  pay_now: z.object({ validUntil: calendarDate(nl.cards.dateInvalid).optional() }),
};
type FormIntent = keyof typeof schemas;

/** Labels of the fields submitSpend reports as missing. */
const missingLabels: Record<string, string> = {
  purpose: t.form.purpose,
  rationale: t.form.rationale,
  problemPrevented: t.form.problemPrevented,
  lifeDomains: t.form.lifeDomains,
  expectedReturnCents: t.form.financialSection,
  expectedSocialReturn: t.form.socialSection,
};

async function load({ request, params, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  // Another team's request (RLS hides it), or someone else's for a member: 404.
  const detail = await getSpend(ctx, params.spendId ?? "").catch(toHttpError);
  if (detail.spend.teamId !== ctx.team.id) throw new Response("Niet gevonden", { status: 404 });
  return { ctx, detail };
}

export async function loader(args: LoaderFunctionArgs) {
  const { ctx, detail } = await load(args);
  return {
    team: { slug: ctx.team.slug },
    reference: detail.reference,
    teamName: detail.teamName,
    authorName: detail.authorName,
    spend: detail.spend,
    nextStep: detail.nextStep,
    norm: detail.norm,
    ledger: detail.ledger,
    timeline: detail.timeline,
    actions: detail.allowedActions.filter((a) => TEAM_ACTIONS.includes(a)),
    // Shown to everyone on the team's page: a card payment is under way, so cancelling waits for it.
    blockedByCardPayment: detail.cardPaymentPending,
    canEdit: detail.canEdit,
    canComment: detail.canComment,
    attachments: { ...detail.attachments, closed: ATTACHMENTS_CLOSED_STATUSES.includes(detail.spend.status) },
    // Null unless this municipality pays by team card.
    card: await cardPaymentState(ctx, {
      id: detail.spend.id,
      teamId: detail.spend.teamId,
      status: detail.spend.status,
      approvedAt: detail.spend.approvedAt ? new Date(detail.spend.approvedAt) : null,
    }),
  };
}

type ActionData = { intent: string; result?: SubmissionResult<string[]>; message?: string; missing?: string[]; personalData?: boolean };

export async function action(args: ActionFunctionArgs) {
  const { ctx, detail } = await load(args);
  const spendId = detail.spend.id;
  const { formData, tooLarge } = await readForm(args.request, MAX_ATTACHMENT_BYTES);
  const intent = String(formData.get("intent"));
  // The privacy guard's audit-logged override (the checkbox shown after it found personal data).
  const confirmNoPersonalData = formData.get("confirmNoPersonalData") === "on";
  const done = (what: string) => redirect(`/t/${ctx.team.slug}/werkbudget/${spendId}?gedaan=${what}`);

  // The file was over the limit and left out while parsing: say so, keep the rest of the form.
  if (intent === "add_attachment" && tooLarge.length) {
    const submission = parseSubmission(formData, { schema: schemas.add_attachment });
    return data<ActionData>({ intent, result: submission.reply({ fieldErrors: { file: [nl.domainErrors.attachment_too_large] } }) }, { status: 413 });
  }
  if (intent in schemas) {
    const submission = parseSubmission(formData, { schema: schemas[intent as FormIntent] });
    if (submission.status !== "success") return data<ActionData>({ intent, result: refusedReply(submission) }, { status: 400 });
    const reply = submission.reply;
    if (intent === "add_attachment") {
      const v = submission.value as z.output<typeof schemas.add_attachment>;
      const outcome = await runForForm(reply, async () =>
        addAttachment(ctx, spendId, { kind: v.kind, fileName: v.file.name, bytes: new Uint8Array(await v.file.arrayBuffer()) }),
      );
      if (!outcome.ok) return data<ActionData>({ intent, result: outcome.result }, { status: outcome.status });
      return done("bijlage-toegevoegd");
    }
    if (intent === "endorse") {
      const v = submission.value as z.output<typeof schemas.endorse>;
      const outcome = await runForForm(reply, () => endorseSpend(ctx, spendId, { comment: v.comment ?? null, confirmNoPersonalData }));
      if (!outcome.ok) return data<ActionData>({ intent, result: outcome.result, personalData: outcome.status === 422 }, { status: outcome.status });
      return done("onderschreven");
    }
    if (intent === "request_info" || intent === "reject") {
      const v = submission.value as z.output<typeof schemas.request_info>;
      const run = intent === "reject" ? rejectSpend : requestSpendInfo;
      const outcome = await runForForm(reply, () => run(ctx, spendId, { comment: v.comment, confirmNoPersonalData }));
      if (!outcome.ok) return data<ActionData>({ intent, result: outcome.result, personalData: outcome.status === 422 }, { status: outcome.status });
      return done(intent === "reject" ? "afgewezen" : "informatie-gevraagd");
    }
    if (intent === "pay_now") {
      const v = submission.value as z.output<typeof schemas.pay_now>;
      const outcome = await runForForm(reply, () => selectSpendForCardPayment(ctx, spendId, { validUntil: v.validUntil ?? null }));
      if (!outcome.ok) return data<ActionData>({ intent, result: outcome.result }, { status: outcome.status });
      return done("nu-betalen");
    }
    if (intent === "comment") {
      const v = submission.value as z.output<typeof schemas.comment>;
      const outcome = await runForForm(reply, () => commentOnSpend(ctx, spendId, v.comment, { confirmNoPersonalData }), { hideFields: [] });
      if (!outcome.ok) return data<ActionData>({ intent, result: outcome.result, personalData: outcome.status === 422 }, { status: outcome.status });
      return done("reactie");
    }
    const v = submission.value as z.output<typeof evaluationSchema>;
    const applied = v.otherRegulationApplied === "yes";
    const regulation = v.otherRegulation === "anders" && v.otherRegulationOther ? v.otherRegulationOther : (v.otherRegulation ?? null);
    const outcome = await runForForm(reply, () =>
      evaluateSpend(
        ctx,
        spendId,
        {
          prevented: v.prevented!,
          realisedReturnCents: v.realisedReturn ?? null,
          realisedSocialReturn: v.realisedSocialReturn ?? "",
          otherRegulationApplied: applied,
          otherRegulation: applied ? regulation : null,
          otherRegulationAmountCents: applied ? (v.otherRegulationAmount ?? null) : null,
          otherRegulationLeadDays: applied ? (v.otherRegulationLeadDays ?? null) : null,
        },
        { confirmNoPersonalData },
      ),
    );
    if (!outcome.ok) return data<ActionData>({ intent, result: outcome.result, personalData: outcome.status === 422 }, { status: outcome.status });
    return done("geevalueerd");
  }

  if (intent === "submit") {
    const outcome = await runForMessage(async () => {
      try {
        await submitSpend(ctx, spendId);
        return null;
      } catch (err) {
        if (isDomainError(err) && err.code === "spend_incomplete") return Object.keys(err.fieldErrors).map((f) => missingLabels[f] ?? f);
        throw err;
      }
    });
    if (!outcome.ok) return data<ActionData>({ intent, message: outcome.message }, { status: outcome.status });
    if (outcome.value) return data<ActionData>({ intent, message: t.detail.incomplete, missing: outcome.value }, { status: 400 });
    return done("ingediend");
  }
  if (intent === "remove_attachment") {
    const outcome = await runForMessage(() => removeAttachment(ctx, spendId, String(formData.get("attachmentId") ?? "")));
    if (!outcome.ok) return data<ActionData>({ intent, message: outcome.message }, { status: outcome.status });
    return done("bijlage-verwijderd");
  }
  if (intent === "clear_pay_now") {
    const outcome = await runForMessage(() => clearCardPaymentSelection(ctx, spendId));
    if (!outcome.ok) return data<ActionData>({ intent, message: outcome.message }, { status: outcome.status });
    return done("keuze-opgeheven");
  }
  if (intent === "cancel") {
    const outcome = await runForMessage(() => cancelSpend(ctx, spendId));
    if (!outcome.ok) return data<ActionData>({ intent, message: outcome.message }, { status: outcome.status });
    return done("ingetrokken");
  }
  throw new Response("Onbekende actie", { status: 400 });
}

export default function SpendDetail() {
  const {
    team,
    reference,
    teamName,
    authorName,
    spend,
    nextStep,
    norm,
    ledger,
    timeline,
    actions,
    blockedByCardPayment,
    canEdit,
    canComment,
    attachments,
    card,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const resultFor = (intent: FormIntent) => (actionData?.intent === intent ? actionData.result : undefined);
  const personalDataFor = (intent: FormIntent) => actionData?.intent === intent && actionData.personalData === true;
  const [endorseForm, endorseFields] = useForm({ id: "endorse", lastResult: resultFor("endorse"), shouldValidate: "onSubmit" });
  const [infoForm, infoFields] = useForm({ id: "request_info", lastResult: resultFor("request_info"), shouldValidate: "onSubmit" });
  const [declineForm, declineFields] = useForm({ id: "reject", lastResult: resultFor("reject"), shouldValidate: "onSubmit" });
  const [commentForm, commentFields] = useForm({ id: "comment", lastResult: resultFor("comment"), shouldValidate: "onSubmit" });
  const [evalForm, evalFields] = useForm({ id: "evaluate", lastResult: resultFor("evaluate"), shouldValidate: "onSubmit" });
  const [payForm, payFields] = useForm({ id: "pay_now", lastResult: resultFor("pay_now"), shouldValidate: "onSubmit" });
  const done = params.get("gedaan");
  const base = `/t/${team.slug}/werkbudget/${spend.id}`;
  const can = (a: SpendAction) => actions.includes(a);
  const buttons = can("submit") || can("cancel") || canEdit;
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/t/${team.slug}/werkbudget`}>← {t.back}</Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h2>{t.detail.title(reference)}</h2>
        <StatusBadge status={spend.status} />
      </div>
      {done && t.detail.done[done] ? <SuccessNotice>{t.detail.done[done]}</SuccessNotice> : null}
      <NextStepPanel next={nextStep} headingLevel={3} />
      {actionData?.message ? (
        <div role="alert" className="alert alert-error">
          <p>{actionData.message}</p>
          {actionData.missing?.length ? (
            <ul className="ml-5 list-disc">
              {actionData.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="spend-actions-title" className="card space-y-4">
        <h3 id="spend-actions-title">{t.detail.actionsTitle}</h3>
        {blockedByCardPayment ? (
          <p className="alert alert-info" data-testid="card-payment-pending">
            {nl.cards.paymentPendingBlocks}
          </p>
        ) : null}
        {!buttons && !can("endorse") && !can("request_info") && !can("reject") && !can("evaluate") && !blockedByCardPayment ? (
          <p>{t.detail.noActions}</p>
        ) : null}
        {buttons ? (
          <div className="flex flex-wrap items-start gap-3">
            {canEdit ? (
              <Link to={`${base}/bewerken`} className="btn btn-secondary">
                {t.detail.edit}
              </Link>
            ) : null}
            {can("submit") ? (
              <Form method="post">
                <SubmitButton name="intent" value="submit">
                  {t.detail.submit}
                </SubmitButton>
              </Form>
            ) : null}
            {can("cancel") ? (
              <Form method="post">
                <ConfirmSubmit
                  label={t.detail.cancel}
                  question={t.detail.cancelQuestion}
                  confirmLabel={t.detail.cancelConfirm}
                  name="intent"
                  value="cancel"
                  danger
                />
              </Form>
            ) : null}
          </div>
        ) : null}

        {can("endorse") ? (
          <div className="max-w-xl">
            <h4>{t.detail.endorseTitle}</h4>
            <p className="hint mb-2">{t.detail.endorseHint}</p>
            <Form method="post" {...getFormProps(endorseForm)}>
              <input type="hidden" name="intent" value="endorse" />
              <FormErrors form={endorseForm} />
              <TextAreaField field={endorseFields.comment} label={t.detail.endorseComment} rows={2} />
              <PrivacyOverride show={personalDataFor("endorse")} id="endorse-confirm-no-personal-data" />
              <SubmitButton>{t.detail.endorse}</SubmitButton>
            </Form>
          </div>
        ) : null}

        {can("request_info") ? (
          <div className="max-w-xl">
            <h4 id="team-info-title">{t.detail.infoTitle}</h4>
            <p className="hint mb-2">{t.detail.infoHint}</p>
            <Form method="post" {...getFormProps(infoForm)} aria-labelledby="team-info-title">
              <input type="hidden" name="intent" value="request_info" />
              <FormErrors form={infoForm} labels={{ comment: t.detail.infoQuestion }} />
              <TextAreaField field={infoFields.comment} label={t.detail.infoQuestion} hint={t.detail.infoQuestionHint} rows={3} required />
              <PrivacyOverride show={personalDataFor("request_info")} id="info-confirm-no-personal-data" />
              <SubmitButton className="btn btn-secondary">{t.detail.info}</SubmitButton>
            </Form>
          </div>
        ) : null}

        {can("reject") ? (
          <div className="max-w-xl">
            <h4 id="team-decline-title">{t.detail.declineTitle}</h4>
            <p className="hint mb-2">{t.detail.declineHint}</p>
            <Form method="post" {...getFormProps(declineForm)} aria-labelledby="team-decline-title">
              <FormErrors form={declineForm} labels={{ comment: t.detail.declineReason }} />
              <TextAreaField field={declineFields.comment} label={t.detail.declineReason} hint={t.detail.declineReasonHint} rows={3} required />
              <PrivacyOverride show={personalDataFor("reject")} id="decline-confirm-no-personal-data" />
              <ConfirmSubmit
                label={t.detail.decline}
                question={t.detail.declineQuestion}
                confirmLabel={t.detail.declineConfirm}
                name="intent"
                value="reject"
                danger
              />
            </Form>
          </div>
        ) : null}

        {can("evaluate") ? (
          <div className="max-w-2xl">
            <h4>{e.title}</h4>
            <p className="hint mb-2">
              {e.intro} {spend.evaluationDueOn ? e.due(formatDate(spend.evaluationDueOn)) : null}
            </p>
            <Form method="post" {...getFormProps(evalForm)}>
              <input type="hidden" name="intent" value="evaluate" />
              <FormErrors form={evalForm} />
              <ChoiceFieldset
                field={evalFields.prevented}
                legend={e.prevented}
                type="radio"
                options={(["yes", "partly", "no", "unknown"] as const).map((p) => ({ value: p, label: t.prevented[p] }))}
              />
              <TextField field={evalFields.realisedReturn} label={e.realisedReturn} hint={e.realisedReturnHint} className="max-w-xs" />
              <TextAreaField field={evalFields.realisedSocialReturn} label={e.realisedSocialReturn} rows={3} />
              <PrivacyOverride show={personalDataFor("evaluate")} id="evaluate-confirm-no-personal-data" />
              <ChoiceFieldset
                field={evalFields.otherRegulationApplied}
                legend={e.otherRegulationApplied}
                type="radio"
                options={[
                  { value: "yes", label: nl.common.yes },
                  { value: "no", label: nl.common.no },
                ]}
              />
              <fieldset className="field rounded border border-gray-300 p-3">
                <legend className="px-1 font-semibold">{e.onlyWhenApplied}</legend>
                <SelectField
                  field={evalFields.otherRegulation}
                  label={e.otherRegulation}
                  options={REGULATIONS.map((r) => ({ value: r, label: t.regulations[r] }))}
                  placeholder={e.chooseRegulation}
                />
                <TextField field={evalFields.otherRegulationOther} label={e.otherRegulationOther} />
                <TextField field={evalFields.otherRegulationAmount} label={e.otherRegulationAmount} className="max-w-xs" />
                <TextField field={evalFields.otherRegulationLeadDays} label={e.otherRegulationLeadDays} inputMode="numeric" className="max-w-xs" />
              </fieldset>
              <SubmitButton>{e.submit}</SubmitButton>
            </Form>
          </div>
        ) : null}
      </section>

      {card?.card && (spend.status === "approved" || card.authorizations.length > 0) ? (
        <section aria-labelledby="pay-now-title" className="card space-y-3">
          <h3 id="pay-now-title">{nl.cards.payNowTitle}</h3>
          {spend.status === "approved" ? (
            <>
              <p>{nl.cards.payNowIntro(card.card?.last4 ?? null)}</p>
              {card.windowEnds ? (
                <p>{new Date(card.windowEnds) >= new Date() ? nl.cards.windowEnds(formatDate(card.windowEnds)) : nl.cards.windowPassed}</p>
              ) : null}
              {card.selection ? (
                <div className="flex flex-wrap items-center gap-3">
                  <p role="status">{nl.cards.payNowSelected(formatDate(card.selection.validUntil))}</p>
                  <Form method="post">
                    <SubmitButton name="intent" value="clear_pay_now" className="btn btn-secondary">
                      {nl.cards.clearSelection}
                    </SubmitButton>
                  </Form>
                </div>
              ) : null}
              {card.mayPayNow ? (
                <Form method="post" {...getFormProps(payForm)} className="max-w-md">
                  <input type="hidden" name="intent" value="pay_now" />
                  <FormErrors form={payForm} />
                  <TextField field={payFields.validUntil} label={nl.cards.payNowValidUntil} hint={nl.cards.payNowHint} type="date" />
                  <SubmitButton>{nl.cards.payNow}</SubmitButton>
                </Form>
              ) : null}
            </>
          ) : null}
          {card.authorizations.length ? (
            <>
              <h4>{nl.cards.linkedAuthorizations}</h4>
              <ul className="ml-5 list-disc">
                {card.authorizations.map((a) => (
                  <li key={a.id}>
                    {formatDateTime(a.stripeCreatedAt)} — {a.merchantName ?? ""} — {formatMoney(a.approvedCents)} ({nl.cards.authStatus[a.status] ?? a.status})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <SpendFacts reference={reference} teamName={teamName} authorName={authorName} spend={spend} norm={norm} ledger={ledger} headingLevel={3} />
      <SpendTermsHelp normTableHref={`/t/${team.slug}/werkbudget/normen`} />
      <SpendAttachments
        items={attachments.items}
        canAdd={attachments.canAdd}
        closed={attachments.closed}
        downloadHref={(id) => `${base}/bijlagen/${id}`}
        manage
        headingLevel={3}
        lastResult={resultFor("add_attachment")}
      />
      <SpendTimeline entries={timeline} headingLevel={3} />

      {canComment ? (
        <section aria-labelledby="spend-comment-title" className="card max-w-xl">
          <h3 id="spend-comment-title">{t.detail.commentTitle}</h3>
          <Form method="post" {...getFormProps(commentForm)}>
            <input type="hidden" name="intent" value="comment" />
            <FormErrors form={commentForm} />
            <TextAreaField field={commentFields.comment} label={t.detail.comment} hint={t.detail.commentHint} rows={3} />
            <PrivacyOverride show={personalDataFor("comment")} id="comment-confirm-no-personal-data" />
            <SubmitButton>{t.detail.commentSubmit}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
