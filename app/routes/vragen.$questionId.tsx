// A knowledge question with its answers (the most helpful first, with a
// badge), an answer form (privacy guard on save) and — for the asker only —
// marking or changing the most helpful answer.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, PrivacyOverride, SubmitButton, TextAreaField, anyText, requiredText, useFormKit } from "~/components/form";
import { Markdown } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { answerQuestion, getQuestion, markBestAnswer } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { NO_FIELDS, parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";

const t = nl.questions;
const UUID = /^[0-9a-f-]{36}$/;
const answerSchema = z.object({ body: requiredText(t.fieldErrors.body, 1, 10_000), confirmNoPersonalData: anyText });
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.question.title ?? t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  if (!UUID.test(params.questionId ?? "")) throw notFoundResponse();
  return getQuestion(ctx, params.questionId!).catch(toHttpError);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const questionId = params.questionId ?? "";
  if (!UUID.test(questionId)) throw notFoundResponse();
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "best" || intent === "unmark") {
    const answerId = String(form.get("answerId") ?? "");
    const r = await runForm(parseSubmission(form, { schema: NO_FIELDS }), () =>
      markBestAnswer(ctx, questionId, intent === "unmark" ? null : UUID.test(answerId) ? answerId : "00000000-0000-0000-0000-000000000000"),
    );
    if (!r.ok) return r.response;
    return redirect(`/vragen/${questionId}?gedaan=gemarkeerd`);
  }
  const values = textValues(form, ["body", "confirmNoPersonalData"]);
  const r = await runForm(parseSubmission(form, { schema: answerSchema }), () => answerQuestion(ctx, questionId, values), {
    fieldMessages: { body: t.fieldErrors.body },
  });
  if (!r.ok) return r.response;
  return redirect(`/vragen/${questionId}?gedaan=beantwoord#antwoord-${r.value.id}`);
}

const DONE: Record<string, string> = { gesteld: t.asked, beantwoord: t.answerPosted, gemarkeerd: t.markedBest };

export default function Question() {
  const { question, answers, can } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE[params.get("gedaan") ?? ""];
  // A refused "most helpful" mark shows its message above the answer form, as the page's one form message.
  const [form, fields] = useFormKit({ schema: answerSchema, lastResult: failed?.result });
  return (
    <div className="max-w-3xl space-y-4">
      <p>
        <Link to="/vragen">{t.back}</Link>
      </p>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <article className="card space-y-2" aria-labelledby="vraag-titel">
        <h1 id="vraag-titel">{question.title}</h1>
        <p className="hint">
          {t.meta(question.authorName, formatDateTime(question.createdAt))}
          {question.theme ? <> · {t.themes[question.theme]}</> : null} <span className="badge">{question.answered ? t.answeredBadge : t.openBadge}</span>
        </p>
        <Markdown html={question.html} />
      </article>
      <section aria-labelledby="antwoorden" className="space-y-3">
        <h2 id="antwoorden">{t.answersTitle(answers.length)}</h2>
        {answers.length === 0 ? <p className="card">{t.noAnswers}</p> : null}
        {answers.map((a) => (
          <article
            key={a.id}
            id={`antwoord-${a.id}`}
            className={a.best ? "card space-y-2 border-2 border-green-700" : "card space-y-2"}
            aria-label={t.meta(a.authorName, formatDateTime(a.createdAt))}
          >
            {a.best ? <p className="badge bg-green-100 text-green-900">{t.bestBadge}</p> : null}
            <p className="hint">{t.meta(a.authorName, formatDateTime(a.createdAt))}</p>
            <Markdown html={a.html} />
            {can.markBest ? (
              <Form method="post">
                <input type="hidden" name="answerId" value={a.id} />
                {a.best ? (
                  <SubmitButton name="intent" value="unmark" className="btn btn-secondary">
                    {t.unmarkBest}
                  </SubmitButton>
                ) : (
                  <button type="submit" name="intent" value="best" className="btn btn-secondary" aria-label={t.markBestLabel(a.authorName)}>
                    {t.markBest}
                  </button>
                )}
              </Form>
            ) : null}
          </article>
        ))}
      </section>
      {can.answer ? (
        <section aria-labelledby="beantwoorden" className="card space-y-3">
          <h2 id="beantwoorden">{t.answerTitle}</h2>
          <FormErrors form={form} />
          <Form method="post" className="space-y-3" {...getFormProps(form)}>
            <TextAreaField field={fields.body} label={t.yourAnswer} hint={nl.stories.bodyHint} rows={5} />
            <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-answer" />
            <SubmitButton name="intent" value="answer">
              {t.sendAnswer}
            </SubmitButton>
          </Form>
        </section>
      ) : (
        <p className="hint">{t.readOnly}</p>
      )}
    </div>
  );
}
