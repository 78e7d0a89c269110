// The budgets per year with their balances, and creating a new year's
// budget (amount, threshold for a second approval, evaluation months). The
// amount is booked as funding through the ledger (createBudget).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DataTable, moneyColumn } from "~/components/data-table";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { requireMunicipalityContext } from "~/context.server";
import { createBudget, listBudgets } from "~/core/workbudget.server";
import { WorkbudgetSubpageIntro } from "~/components/workbudget-report";
import { nl } from "~/i18n/nl";
import { runForForm } from "~/lib/http.server";
import { parseEuroToCents } from "~/lib/money";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.workbudget.budgets;
const d = nl.workbudget.detail;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

const euro = (allowZero: boolean) =>
  z
    .string({ required_error: d.amountRequired })
    .trim()
    .refine((v) => parseEuroToCents(v) !== null, d.amountInvalid)
    .refine((v) => allowZero || (parseEuroToCents(v) ?? 0) > 0, d.amountPositive);

const schema = z.object({
  year: z.coerce
    .number({ required_error: t.yearInvalid, invalid_type_error: t.yearInvalid })
    .int(t.yearInvalid)
    .min(2000, t.yearInvalid)
    .max(2100, t.yearInvalid),
  name: z.string({ required_error: t.nameRequired }).trim().min(2, t.nameRequired).max(120, d.tooLong),
  amount: euro(false),
  threshold: euro(true),
  evaluationMonths: z.coerce
    .number({ required_error: t.evaluationMonthsInvalid, invalid_type_error: t.evaluationMonthsInvalid })
    .int(t.evaluationMonthsInvalid)
    .min(1, t.evaluationMonthsInvalid)
    .max(36, t.evaluationMonthsInvalid),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Budget", context as { ip?: string });
  const budgets = await listBudgets(ctx);
  const nextYear = budgets.length ? Math.max(...budgets.map((b) => b.year)) + 1 : Number(new Date().getUTCFullYear());
  return { budgets: [...budgets].sort((a, b) => b.year - a.year), nextYear };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Budget", context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data<{ result: SubmissionResult<string[]> }>({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const outcome = await runForForm(submission.reply, () =>
    createBudget(ctx, {
      year: v.year,
      name: v.name,
      amountCents: parseEuroToCents(v.amount)!,
      approvalThresholdCents: parseEuroToCents(v.threshold)!,
      evaluationAfterMonths: v.evaluationMonths,
    }),
  );
  if (!outcome.ok) return data({ result: outcome.result }, { status: outcome.status });
  return redirect("/gemeente/werkbudget/budgetten?gedaan=aangemaakt");
}

export default function Budgets() {
  const { budgets, nextYear } = useLoaderData<typeof loader>();
  const money = moneyColumn<(typeof budgets)[number]>;
  const actionData = useActionData<typeof action>() as { result?: SubmissionResult<string[]> } | undefined;
  const [params] = useSearchParams();
  const done = params.get("gedaan");
  const [form, fields] = useForm({
    id: "budget-new",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: { year: String(nextYear), name: t.nameDefault(nextYear), amount: "", threshold: "1000,00", evaluationMonths: "3" },
  });
  return (
    <div className="space-y-6">
      <WorkbudgetSubpageIntro title={t.title} intro={t.intro} />
      {done && t.done[done] ? <SuccessNotice>{t.done[done]}</SuccessNotice> : null}
      <DataTable
        id="budgets"
        caption={t.caption}
        rows={budgets}
        rowKey={(b) => b.id}
        empty={t.empty}
        columns={[
          { header: t.colYear, cell: (b) => <Link to={`/gemeente/werkbudget?jaar=${b.year}`}>{b.year}</Link> },
          { header: t.colName, cell: (b) => b.name },
          money(t.colFunded, (b) => b.fundedCents),
          money(t.colReserved, (b) => b.reservedCents),
          money(t.colPaid, (b) => b.paidCents),
          money(t.colAvailable, (b) => b.availableCents),
          money(t.colThreshold, (b) => b.approvalThresholdCents),
          { header: t.colEvaluation, cell: (b) => t.months(b.evaluationAfterMonths) },
        ]}
      />

      <section aria-labelledby="budget-form-title" className="card max-w-2xl">
        <h2 id="budget-form-title">{t.createTitle}</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <TextField field={fields.year} label={t.year} inputMode="numeric" />
          <TextField field={fields.name} label={t.name} />
          <TextField field={fields.amount} label={t.amount} inputMode="decimal" />
          <TextField field={fields.threshold} label={t.threshold} hint={t.thresholdHint} inputMode="decimal" />
          <TextField field={fields.evaluationMonths} label={t.evaluationMonths} hint={t.evaluationMonthsHint} inputMode="numeric" />
          <SubmitButton>{t.create}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
