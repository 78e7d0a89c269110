// One request, for the budget controller: read first, then decide. What
// happens next, the facts, the budget context (available now, the team's
// year so far from the one definition of the figures, a warning when no
// quote is attached), the files and the timeline — and below them a form for
// each step this controller may take now (getSpend's allowedActions; the use
// case checks again). Money-moving forms carry an
// idempotency key made by the loader, so a double submit or a retry of the
// same page is harmless: the second one returns the first one's result.
import { calendarDate } from "@wijkwerk/core/dates";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ConfirmSubmit } from "~/components/confirm";
import { FormErrors, PrivacyOverride, SelectField, SubmitButton, TextAreaField, TextField, useFormKit } from "~/components/form";
import { SpendAttachments } from "~/components/spend-attachments";
import { NextStepPanel, SpendFacts, SpendTimeline, StatusBadge } from "~/components/spend-detail";
import { requireMunicipalityContext } from "~/context.server";
import {
  approveSpend,
  commentOnSpend,
  getSpend,
  recordPayment,
  rejectSpend,
  requestSpendInfo,
  settleSpend,
  spendBudgetContext,
} from "~/core/workbudget.server";
import { nl } from "~/i18n/nl";
import { formatMoney, todayInAmsterdam } from "~/lib/format";
import { runForForm, toHttpError } from "~/lib/http.server";
import { centsToEuroInput, parseEuroToCents } from "~/lib/money";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData, refusedReply } from "~/lib/form.server";

const t = nl.workbudget.detail;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t.title(data.reference) : nl.workbudget.queue.title} – ${nl.common.appName}` },
];

const euro = (opts: { allowZero: boolean }) =>
  z
    .string({ required_error: t.amountRequired })
    .trim()
    .refine((v) => parseEuroToCents(v) !== null, t.amountInvalid)
    .refine((v) => opts.allowZero || (parseEuroToCents(v) ?? 0) > 0, t.amountPositive);
const key = z.string().min(8).max(200);
const isoDate = calendarDate(t.dateRequired);

const schemas = {
  approve: z.object({ key, comment: z.string().trim().max(4000, t.tooLong).optional() }),
  reject: z.object({ key, comment: z.string({ required_error: t.rejectReasonRequired }).trim().min(1, t.rejectReasonRequired).max(4000, t.tooLong) }),
  request_info: z.object({ key, comment: z.string({ required_error: t.infoQuestionRequired }).trim().min(1, t.infoQuestionRequired).max(4000, t.tooLong) }),
  pay: z.object({
    key,
    amount: euro({ allowZero: false }),
    paymentDate: isoDate,
    method: z.enum(["bank_transfer", "cash", "card", "invoice"], { errorMap: () => ({ message: t.payMethodRequired }) }),
    reference: z.string().trim().max(200, t.tooLong).optional(),
  }),
  settle: z.object({ key, actualAmount: euro({ allowZero: true }) }),
  comment: z.object({ body: z.string({ required_error: t.commentRequired }).trim().min(1, t.commentRequired).max(4000, t.tooLong) }),
};
type Intent = keyof typeof schemas;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "Spend", context as { ip?: string });
  const spend = await getSpend(ctx, params.spendId ?? "").catch(toHttpError);
  const budgetContext = await spendBudgetContext(ctx, spend.spend.id).catch(toHttpError);
  // One key per money-moving form, new on every page load.
  const uuid = () => globalThis.crypto.randomUUID();
  const keys = { approve: uuid(), reject: uuid(), request_info: uuid(), pay: uuid(), settle: uuid() };
  return { ...spend, budgetContext, keys, today: todayInAmsterdam() };
}

type ActionData = { intent: string; result?: SubmissionResult<string[]>; personalData?: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "Spend", context as { ip?: string });
  const spendId = params.spendId ?? "";
  const formData = await readFormData(request);
  const intent = String(formData.get("intent"));
  if (!(intent in schemas)) throw new Response("Onbekende actie", { status: 400 });
  const submission = parseSubmission(formData, { schema: schemas[intent as Intent] });
  if (submission.status !== "success") return data<ActionData>({ intent, result: refusedReply(submission) }, { status: 400 });
  const v = submission.value as Record<string, string | undefined>;
  const idempotencyKey = v.key;
  // The privacy guard's audit-logged override (the checkbox shown after it found personal data).
  const confirmNoPersonalData = formData.get("confirmNoPersonalData") === "on";
  const run: Record<Intent, () => Promise<string>> = {
    approve: async () =>
      (await approveSpend(ctx, spendId, { comment: v.comment || null, idempotencyKey, confirmNoPersonalData })).action === "first_approval"
        ? "eerste-goedkeuring"
        : "goedgekeurd",
    reject: async () => (await rejectSpend(ctx, spendId, { comment: v.comment!, idempotencyKey, confirmNoPersonalData }), "afgewezen"),
    request_info: async () => (await requestSpendInfo(ctx, spendId, { comment: v.comment!, idempotencyKey, confirmNoPersonalData }), "informatie-gevraagd"),
    pay: async () => (
      await recordPayment(
        ctx,
        spendId,
        { amountCents: parseEuroToCents(v.amount!)!, paymentDate: v.paymentDate!, method: v.method as "bank_transfer", reference: v.reference ?? "" },
        { idempotencyKey },
      ),
      "betaald"
    ),
    settle: async () => (await settleSpend(ctx, spendId, { actualCents: parseEuroToCents(v.actualAmount!)! }, { idempotencyKey }), "afgerekend"),
    comment: async () => (await commentOnSpend(ctx, spendId, v.body!, { confirmNoPersonalData }), "reactie"),
  };
  // The comment form's field is "body"; the use case names it "comment".
  const reply: typeof submission.reply =
    intent === "comment"
      ? (o) =>
          submission.reply(o && "fieldErrors" in o && o.fieldErrors?.comment ? { ...o, fieldErrors: { ...o.fieldErrors, body: o.fieldErrors.comment } } : o)
      : submission.reply;
  const outcome = await runForForm(reply, run[intent as Intent]);
  // 422: the privacy guard found personal data in the text; the form then offers the override.
  if (!outcome.ok) return data<ActionData>({ intent, result: outcome.result, personalData: outcome.status === 422 }, { status: outcome.status });
  return redirect(`/gemeente/werkbudget/aanvragen/${spendId}?gedaan=${outcome.value}`);
}

export default function ControllerSpend() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const done = params.get("gedaan");
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  const personalDataFor = (intent: Intent) => actionData?.intent === intent && actionData.personalData === true;
  const can = (a: string) => d.allowedActions.includes(a as (typeof d.allowedActions)[number]);
  const [approveForm, approveFields] = useFormKit({ id: "approve", lastResult: resultFor("approve") });
  const [rejectForm, rejectFields] = useFormKit({ id: "reject", lastResult: resultFor("reject") });
  const [infoForm, infoFields] = useFormKit({ id: "request_info", lastResult: resultFor("request_info") });
  const [payForm, payFields] = useFormKit({
    id: "pay",
    lastResult: resultFor("pay"),
    defaultValue: { amount: centsToEuroInput(d.spend.amountCents), paymentDate: d.today, method: "bank_transfer", reference: "" },
  });
  const [settleForm, settleFields] = useFormKit({
    id: "settle",
    lastResult: resultFor("settle"),
    defaultValue: { actualAmount: centsToEuroInput(d.spend.paidCents) },
  });
  const [commentForm, commentFields] = useFormKit({ id: "comment", lastResult: resultFor("comment") });
  const decisions = ["approve", "reject", "request_info", "pay", "settle"].filter(can);
  // Approval is still to be decided (the quote warning and "after approval" matter only then).
  const deciding = can("approve") || can("reject") || can("request_info");

  return (
    <div className="space-y-6">
      <p>
        <Link to="/gemeente/werkbudget/aanvragen">← {t.back}</Link>
      </p>
      <h1>{t.title(d.reference)}</h1>
      <p className="flex flex-wrap items-center gap-3">
        <StatusBadge status={d.spend.status} /> <span>{d.teamName}</span> <span>{formatMoney(d.spend.amountCents)}</span>
      </p>
      {done && t.done[done] ? <SuccessNotice>{t.done[done]}</SuccessNotice> : null}
      <NextStepPanel next={d.nextStep} />
      {decisions.length ? (
        <p>
          <a href="#decide-title">{t.decideBelow}</a>
        </p>
      ) : null}

      <SpendFacts reference={d.reference} teamName={d.teamName} authorName={d.authorName} spend={d.spend} norm={d.norm} ledger={d.ledger} />
      <BudgetContext
        context={d.budgetContext}
        teamName={d.teamName}
        amountCents={d.spend.amountCents}
        deciding={deciding}
        noQuote={deciding && !d.attachments.items.some((a) => a.kind === "quote")}
      />
      {/* Read only: quotes and receipts come from the team (ask for one with "Meer informatie vragen"). */}
      <SpendAttachments
        items={d.attachments.items}
        canAdd={false}
        closed={false}
        manage={false}
        downloadHref={(id) => `/gemeente/werkbudget/aanvragen/${d.spend.id}/bijlagen/${id}`}
      />
      <SpendTimeline entries={d.timeline} />

      <section aria-labelledby="decide-title" className="space-y-4">
        <h2 id="decide-title">{t.actionsTitle}</h2>
        {d.spend.amountCents > d.thresholdCents && (can("approve") || d.spend.status === "awaiting_second_approval") ? (
          <p className="alert alert-info">{t.threshold(formatMoney(d.thresholdCents))}</p>
        ) : null}
        {d.cardPaymentPending ? (
          <p className="alert alert-info" data-testid="card-payment-pending">
            {nl.cards.paymentPendingBlocks}
          </p>
        ) : null}
        {decisions.length === 0 && !d.cardPaymentPending ? <p className="card">{t.noActions}</p> : null}
        <div className="grid gap-4 lg:grid-cols-2">
          {can("approve") ? (
            <div className="card">
              <h3 id="approve-title">{t.approveTitle}</h3>
              <p className="hint mb-2">{t.approveHint}</p>
              <Form method="post" {...getFormProps(approveForm)} aria-labelledby="approve-title">
                <input type="hidden" name="intent" value="approve" />
                <input type="hidden" name="key" value={d.keys.approve} />
                <FormErrors form={approveForm} labels={{ comment: t.approveComment }} />
                <TextAreaField field={approveFields.comment} label={t.approveComment} rows={3} />
                <PrivacyOverride show={personalDataFor("approve")} id="approve-confirm-no-personal-data" />
                <SubmitButton>{t.approve}</SubmitButton>
              </Form>
            </div>
          ) : null}
          {can("reject") ? (
            <div className="card">
              <h3 id="reject-title">{t.rejectTitle}</h3>
              <Form method="post" {...getFormProps(rejectForm)} aria-labelledby="reject-title">
                <input type="hidden" name="key" value={d.keys.reject} />
                <FormErrors form={rejectForm} labels={{ comment: t.rejectReason }} />
                <TextAreaField field={rejectFields.comment} label={t.rejectReason} hint={t.rejectReasonHint} rows={3} required />
                <PrivacyOverride show={personalDataFor("reject")} id="reject-confirm-no-personal-data" />
                <ConfirmSubmit label={t.reject} question={t.rejectQuestion} confirmLabel={t.rejectConfirm} name="intent" value="reject" danger />
              </Form>
            </div>
          ) : null}
          {can("request_info") ? (
            <div className="card">
              <h3 id="info-title">{t.infoTitle}</h3>
              <Form method="post" {...getFormProps(infoForm)} aria-labelledby="info-title">
                <input type="hidden" name="intent" value="request_info" />
                <input type="hidden" name="key" value={d.keys.request_info} />
                <FormErrors form={infoForm} labels={{ comment: t.infoQuestion }} />
                <TextAreaField field={infoFields.comment} label={t.infoQuestion} hint={t.infoQuestionHint} rows={3} required />
                <PrivacyOverride show={personalDataFor("request_info")} id="info-confirm-no-personal-data" />
                <SubmitButton className="btn btn-secondary">{t.info}</SubmitButton>
              </Form>
            </div>
          ) : null}
          {can("pay") ? (
            <div className="card">
              <h3 id="pay-title">{t.payTitle}</h3>
              <p className="hint mb-2">{t.payHint}</p>
              <Form method="post" {...getFormProps(payForm)} aria-labelledby="pay-title">
                <input type="hidden" name="intent" value="pay" />
                <input type="hidden" name="key" value={d.keys.pay} />
                <FormErrors form={payForm} labels={{ amount: t.payAmount, paymentDate: t.payDate, method: t.payMethod, reference: t.payReference }} />
                <TextField field={payFields.amount} label={t.payAmount} hint={t.payAmountHint(formatMoney(d.spend.amountCents))} inputMode="decimal" />
                <TextField field={payFields.paymentDate} label={t.payDate} type="date" />
                <SelectField
                  field={payFields.method}
                  label={t.payMethod}
                  options={Object.entries(nl.spends.paymentMethods).map(([value, label]) => ({ value, label }))}
                />
                <TextField field={payFields.reference} label={t.payReference} />
                <SubmitButton>{t.pay}</SubmitButton>
              </Form>
            </div>
          ) : null}
          {can("settle") ? (
            <div className="card">
              <h3 id="settle-title">{t.settleTitle}</h3>
              <p className="hint mb-2">{t.settleHint}</p>
              <Form method="post" {...getFormProps(settleForm)} aria-labelledby="settle-title">
                <input type="hidden" name="intent" value="settle" />
                <input type="hidden" name="key" value={d.keys.settle} />
                <FormErrors form={settleForm} labels={{ actualAmount: t.settleAmount }} />
                <TextField
                  field={settleFields.actualAmount}
                  label={t.settleAmount}
                  hint={t.settleAmountHint(formatMoney(d.spend.paidCents))}
                  inputMode="decimal"
                />
                <SubmitButton>{t.settle}</SubmitButton>
              </Form>
            </div>
          ) : null}
        </div>
      </section>

      {d.canComment ? (
        <section aria-labelledby="comment-title" className="card max-w-2xl">
          <h2 id="comment-title">{t.commentTitle}</h2>
          <Form method="post" {...getFormProps(commentForm)}>
            <input type="hidden" name="intent" value="comment" />
            <FormErrors form={commentForm} labels={{ body: t.comment }} />
            <TextAreaField field={commentFields.body} label={t.comment} hint={t.commentHint} rows={3} />
            <PrivacyOverride show={personalDataFor("comment")} id="comment-confirm-no-personal-data" />
            <SubmitButton>{t.commentSubmit}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

/** What the controller weighs the request against: the budget now and the team's year so far (spendBudgetContext). */
function BudgetContext(props: {
  context: {
    budgetName: string;
    year: number;
    availableCents: number;
    fundedCents: number;
    team: { requests: number; approved: number; committedCents: number; paidCents: number };
  };
  teamName: string;
  amountCents: number;
  deciding: boolean;
  noQuote: boolean;
}) {
  const { context: c, teamName, amountCents, deciding, noQuote } = props;
  return (
    <section aria-labelledby="budget-context-title" className="card space-y-3" data-testid="budget-context">
      <h2 id="budget-context-title">{t.contextTitle}</h2>
      <p className="hint">{t.contextIntro}</p>
      {noQuote ? (
        <p className="alert border-amber-700 bg-amber-50 text-amber-950" data-testid="no-quote-warning">
          {t.noQuote}
        </p>
      ) : null}
      <dl className="grid gap-3 sm:grid-cols-3">
        <div>
          <dt className="font-semibold">{t.availableNow(c.budgetName)}</dt>
          <dd>
            {formatMoney(c.availableCents)} <span className="hint">{t.ofFunded(formatMoney(c.fundedCents))}</span>
          </dd>
        </div>
        <div>
          <dt className="font-semibold">{t.thisRequest}</dt>
          <dd>{formatMoney(amountCents)}</dd>
        </div>
        <div>
          <dt className="font-semibold">{t.teamSoFar(teamName, c.year)}</dt>
          <dd>
            {t.teamRequests(c.team.requests)}, {t.teamApproved(c.team.approved)}
            <br />
            {t.teamCommitted}: {formatMoney(c.team.committedCents)}
            <br />
            {t.teamPaid}: {formatMoney(c.team.paidCents)}
          </dd>
        </div>
      </dl>
      {deciding ? (
        amountCents > c.availableCents ? (
          <p className="alert alert-error">{t.overAvailable}</p>
        ) : (
          <p>{t.afterApproval(formatMoney(c.availableCents - amountCents))}</p>
        )
      ) : null}
    </section>
  );
}
