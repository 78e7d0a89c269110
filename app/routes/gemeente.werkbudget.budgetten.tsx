// The budgets per year with their balances, and creating a new year's
// budget (amount, threshold for a second approval, evaluation months). The
// amount is booked as funding through the ledger (createBudget).
import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton } from "~/components/form";
import { requireMunicipalityContext } from "~/context.server";
import { createBudget, listBudgets } from "~/core.server";
import { nl } from "~/i18n/nl";
import { formatMoney } from "~/lib/format";
import { runForForm } from "~/lib/http.server";
import { parseEuroToCents } from "~/lib/money";

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
  year: z.coerce.number({ required_error: t.yearInvalid, invalid_type_error: t.yearInvalid }).int(t.yearInvalid).min(2000, t.yearInvalid).max(2100, t.yearInvalid),
  name: z.string({ required_error: t.nameRequired }).trim().min(2, t.nameRequired).max(120, d.tooLong),
  amount: euro(false),
  threshold: euro(true),
  evaluationMonths: z.coerce.number({ required_error: t.evaluationMonthsInvalid, invalid_type_error: t.evaluationMonthsInvalid }).int(t.evaluationMonthsInvalid).min(1, t.evaluationMonthsInvalid).max(36, t.evaluationMonthsInvalid),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Budget", context as { ip?: string });
  const budgets = await listBudgets(ctx);
  const nextYear = budgets.length ? Math.max(...budgets.map((b) => b.year)) + 1 : Number(new Date().getUTCFullYear());
  return { budgets: [...budgets].sort((a, b) => b.year - a.year), nextYear };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Budget", context as { ip?: string });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data<{ result: SubmissionResult<string[]> }>({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const outcome = await runForForm(submission.reply, () =>
    createBudget(ctx, { year: v.year, name: v.name, amountCents: parseEuroToCents(v.amount)!, approvalThresholdCents: parseEuroToCents(v.threshold)!, evaluationAfterMonths: v.evaluationMonths }),
  );
  if (!outcome.ok) return data({ result: outcome.result }, { status: outcome.status });
  return redirect("/gemeente/werkbudget/budgetten?gedaan=aangemaakt");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

function Text({ field, label, hint, inputMode }: { field: AnyField; label: string; hint?: string; inputMode?: "decimal" | "numeric" }) {
  const props = getInputProps(field, { type: "text", ariaAttributes: false });
  const described = [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={`${field.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} className="input" inputMode={inputMode} aria-invalid={field.errors?.length ? true : undefined} aria-describedby={described} />
      {field.errors?.length ? (
        <p id={field.errorId} className="field-error">
          {field.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export default function Budgets() {
  const { budgets, nextYear } = useLoaderData<typeof loader>();
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
      <p>
        <Link to="/gemeente/werkbudget">← {nl.workbudget.title}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {done && t.done[done] ? (
        <p role="status" className="alert alert-success">
          {t.done[done]}
        </p>
      ) : null}
      {budgets.length === 0 ? (
        <p className="card">{t.empty}</p>
      ) : (
        <div className="card overflow-x-auto p-0" role="region" aria-labelledby="budgets-caption" tabIndex={0}>
          <table className="table">
            <caption id="budgets-caption" className="sr-only">
              {t.caption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.colYear}</th>
                <th scope="col">{t.colName}</th>
                <th scope="col" className="text-right">{t.colFunded}</th>
                <th scope="col" className="text-right">{t.colReserved}</th>
                <th scope="col" className="text-right">{t.colPaid}</th>
                <th scope="col" className="text-right">{t.colAvailable}</th>
                <th scope="col" className="text-right">{t.colThreshold}</th>
                <th scope="col">{t.colEvaluation}</th>
              </tr>
            </thead>
            <tbody>
              {budgets.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <Link to={`/gemeente/werkbudget?jaar=${b.year}`}>{b.year}</Link>
                  </th>
                  <td>{b.name}</td>
                  <td className="whitespace-nowrap text-right">{formatMoney(b.fundedCents)}</td>
                  <td className="whitespace-nowrap text-right">{formatMoney(b.reservedCents)}</td>
                  <td className="whitespace-nowrap text-right">{formatMoney(b.paidCents)}</td>
                  <td className="whitespace-nowrap text-right">{formatMoney(b.availableCents)}</td>
                  <td className="whitespace-nowrap text-right">{formatMoney(b.approvalThresholdCents)}</td>
                  <td>{t.months(b.evaluationAfterMonths)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="budget-form-title" className="card max-w-2xl">
        <h2 id="budget-form-title">{t.createTitle}</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id={form.errorId} />
          <Text field={fields.year} label={t.year} inputMode="numeric" />
          <Text field={fields.name} label={t.name} />
          <Text field={fields.amount} label={t.amount} inputMode="decimal" />
          <Text field={fields.threshold} label={t.threshold} hint={t.thresholdHint} inputMode="decimal" />
          <Text field={fields.evaluationMonths} label={t.evaluationMonths} hint={t.evaluationMonthsHint} inputMode="numeric" />
          <SubmitButton>{t.create}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
