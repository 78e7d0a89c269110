// The return norms table, maintained by the budget controller: the list and
// one form to add a norm or (with ?bewerk=<id>) change one. The code of a
// norm never changes; every change is in the audit log (saveNorm).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DataTable, moneyColumn } from "~/components/data-table";
import { CheckboxField, FormErrors, SubmitButton, TextField } from "~/components/form";
import { requireMunicipalityContext } from "~/context.server";
import { listNorms, saveNorm } from "~/core/workbudget.server";
import { WorkbudgetSubpageIntro } from "~/components/workbudget-report";
import { nl } from "~/i18n/nl";
import { runForForm } from "~/lib/http.server";
import { centsToEuroInput, parseEuroToCents } from "~/lib/money";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.workbudget.norms;
const d = nl.workbudget.detail;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

const schema = z.object({
  id: z.string().uuid().optional(),
  code: z
    .string({ required_error: t.codeInvalid })
    .trim()
    .regex(/^[a-z0-9_]{2,40}$/, t.codeInvalid),
  label: z.string({ required_error: t.labelRequired }).trim().min(2, t.labelRequired).max(200, d.tooLong),
  amount: z
    .string({ required_error: d.amountRequired })
    .trim()
    .refine((v) => parseEuroToCents(v) !== null, d.amountInvalid)
    .refine((v) => (parseEuroToCents(v) ?? 0) <= 1_000_000_000, d.amountInvalid),
  unit: z.string({ required_error: t.unitRequired }).trim().min(1, t.unitRequired).max(60, d.tooLong),
  source: z.string({ required_error: t.sourceRequired }).trim().min(2, t.sourceRequired).max(400, d.tooLong),
  isLocalEstimate: z.literal("on").optional(),
  active: z.literal("on").optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "ReturnNorm", context as { ip?: string });
  return { norms: await listNorms(ctx) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "ReturnNorm", context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data<{ result: SubmissionResult<string[]> }>({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const outcome = await runForForm(submission.reply, () =>
    saveNorm(ctx, v.id ?? null, {
      code: v.code,
      label: v.label,
      amountCents: parseEuroToCents(v.amount)!,
      unit: v.unit,
      source: v.source,
      isLocalEstimate: v.isLocalEstimate === "on",
      active: v.active === "on",
    }),
  );
  if (!outcome.ok) return data({ result: outcome.result }, { status: outcome.status });
  return redirect("/gemeente/werkbudget/normen?gedaan=opgeslagen");
}

export default function Norms() {
  const { norms } = useLoaderData<typeof loader>();
  const money = moneyColumn<(typeof norms)[number]>;
  const actionData = useActionData<typeof action>() as { result?: SubmissionResult<string[]> } | undefined;
  const [params] = useSearchParams();
  const editing = norms.find((n) => n.id === params.get("bewerk")) ?? null;
  const done = params.get("gedaan");
  const [form, fields] = useForm({
    id: editing ? `norm-${editing.id}` : "norm-new",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: editing
      ? {
          id: editing.id,
          code: editing.code,
          label: editing.label,
          amount: centsToEuroInput(editing.amountCents),
          unit: editing.unit,
          source: editing.source,
          isLocalEstimate: editing.isLocalEstimate ? "on" : undefined,
          active: editing.active ? "on" : undefined,
        }
      : { active: "on" },
  });
  return (
    <div className="space-y-6">
      <WorkbudgetSubpageIntro title={t.title} intro={t.intro} />
      {done && t.done[done] ? <SuccessNotice>{t.done[done]}</SuccessNotice> : null}
      <DataTable
        id="norms"
        caption={t.caption}
        rows={norms}
        rowKey={(n) => n.id}
        empty={t.empty}
        columns={[
          { header: t.colLabel, cell: (n) => n.label },
          { header: t.colCode, cell: (n) => <code>{n.code}</code> },
          money(t.colAmount, (n) => n.amountCents),
          { header: t.colUnit, cell: (n) => n.unit },
          { header: t.colSource, cell: (n) => n.source },
          { header: t.colLocal, cell: (n) => (n.isLocalEstimate ? t.yes : t.no) },
          { header: t.colActive, cell: (n) => (n.active ? t.yes : t.no) },
          {
            header: <span className="sr-only">{nl.common.actions}</span>,
            cell: (n) => (
              <Link to={`?bewerk=${n.id}`} aria-label={t.editLabel(n.label)}>
                {t.edit}
              </Link>
            ),
          },
        ]}
      />

      <section aria-labelledby="norm-form-title" className="card max-w-2xl">
        <h2 id="norm-form-title">{editing ? t.editTitle(editing.label) : t.addTitle}</h2>
        <Form method="post" {...getFormProps(form)} key={form.id}>
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <FormErrors form={form} />
          <TextField field={fields.code} label={t.code} hint={t.codeHint} readOnly={!!editing} />
          <TextField field={fields.label} label={t.label} />
          <TextField field={fields.amount} label={t.amount} inputMode="decimal" />
          <TextField field={fields.unit} label={t.unit} hint={t.unitHint} />
          <TextField field={fields.source} label={t.source} hint={t.sourceHint} />
          <CheckboxField field={fields.isLocalEstimate} label={t.isLocalEstimate} />
          <CheckboxField field={fields.active} label={t.active} />
          <div className="flex flex-wrap items-center gap-4">
            <SubmitButton>{t.save}</SubmitButton>
            {editing ? <Link to="/gemeente/werkbudget/normen">{t.cancelEdit}</Link> : null}
          </div>
        </Form>
      </section>
    </div>
  );
}
