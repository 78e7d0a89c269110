// The team costs per team × year (?team=<id>&jaar=2026): the controller
// records them (a save replaces the sheet's lines, one transaction with its
// audit event), the research office reads them. Without script: a line is
// removed by choosing no kind; three empty lines are offered to add more. An
// empty sheet starts with the staff hours per partner from the year's
// registration or agreements, editable.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { withSummary } from "~/lib/form-reply";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DataTable } from "~/components/data-table";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { requireMunicipalityContext } from "~/context.server";
import { getTeamCostSheet, saveTeamCosts } from "~/core/business-case.server";
import { nl } from "~/i18n/nl";
import { formatHours, formatMoney, thisYearInAmsterdam } from "~/lib/format";
import { parseSubmission, readFormData, runForm, type FormReply } from "~/lib/form.server";
import { toHttpError } from "~/lib/http.server";
import { centsToEuroInput, parseEuroToCents } from "~/lib/money";

const t = nl.businessCase.costs;
const k = nl.businessCase.kinds;
const EMPTY_LINES = 3;
// The kinds in the order of the core's COST_KINDS, from the Dutch labels: a `.server` module's values
// (COST_KINDS) do not reach the browser, where the form renders and validates too (saveTeamCosts checks again).
const COST_KINDS = Object.keys(k) as (keyof typeof k)[];

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

const euro = (v: string | undefined) => (v ? parseEuroToCents(v) : null);
const hoursOf = (v: string | undefined) => (v && /^\d{1,7}([.,]\d)?$/.test(v.trim()) ? Number(v.trim().replace(",", ".")) : null);

const line = z
  .object({
    kind: z.string().optional(),
    partnerId: z.string().optional(),
    hours: z.string().trim().optional(),
    rate: z.string().trim().optional(),
    amount: z.string().trim().optional(),
    description: z.string().trim().max(200, t.fieldErrors.invalid).optional(),
    source: z.string().trim().max(400, t.fieldErrors.invalid).optional(),
  })
  .superRefine((v, c) => {
    const err = (path: string, message: string) => c.addIssue({ code: "custom", path: [path], message });
    if (!v.kind) return;
    if (!(COST_KINDS as readonly string[]).includes(v.kind)) return err("kind", t.fieldErrors.invalid);
    if (v.kind === "staff") {
      if (!v.partnerId) err("partnerId", t.fieldErrors.required);
      if (hoursOf(v.hours) === null) err("hours", t.fieldErrors.hours);
      if (euro(v.rate) === null) err("rate", t.fieldErrors.amount);
    } else if (euro(v.amount) === null) err("amount", t.fieldErrors.amount);
    if (v.kind === "other" && !v.description) err("description", t.fieldErrors.required);
  });

const schema = z.object({
  teamId: z.string().uuid(),
  year: z.string().regex(/^\d{4}$/),
  lines: z.array(line).max(100).default([]),
});

async function sheetFor(request: Request, context: unknown) {
  const ctx = await requireMunicipalityContext(request, "read", "TeamCost", context as { ip?: string });
  const url = new URL(request.url);
  const sheet = await getTeamCostSheet(ctx, url.searchParams.get("team") || null, url.searchParams.get("jaar") || String(thisYearInAmsterdam())).catch(
    toHttpError,
  );
  return { sheet };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { sheet } = await sheetFor(request, context);
  return { sheet, thisYear: thisYearInAmsterdam() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "TeamCost", context as { ip?: string });
  const r = await runForm(parseSubmission(await readFormData(request), { schema }), (v) =>
    saveTeamCosts(ctx, {
      teamId: v.teamId,
      year: Number(v.year),
      lines: v.lines
        .filter((l: z.output<typeof line>) => l.kind)
        .map((l: z.output<typeof line>) => ({
          kind: l.kind as (typeof COST_KINDS)[number],
          partnerId: l.kind === "staff" ? l.partnerId : null,
          hours: l.kind === "staff" ? hoursOf(l.hours) : null,
          hourlyRateCents: l.kind === "staff" ? euro(l.rate) : null,
          amountCents: l.kind === "staff" ? null : euro(l.amount),
          description: l.description ?? "",
          source: l.source ?? "",
        })),
    }).then(() => v),
  );
  if (!r.ok) return r.response;
  return redirect(`/gemeente/business-case/kosten?team=${r.value.teamId}&jaar=${r.value.year}&gedaan=1`);
}

export default function TeamCosts() {
  const { sheet, thisYear } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const [params] = useSearchParams();
  const staffLines = sheet.lines.some((l) => l.kind === "staff")
    ? []
    : sheet.suggestions.map((s) => ({
        kind: "staff",
        partnerId: s.partnerId,
        hours: String(s.hours).replace(".", ","),
        rate: centsToEuroInput(s.hourlyRateCents),
        source: t.basis[s.basis],
      }));
  const initial = [
    ...staffLines,
    ...sheet.lines.map((l) => ({
      kind: l.kind,
      partnerId: l.partnerId ?? "",
      hours: l.hours === null ? "" : String(l.hours).replace(".", ","),
      rate: centsToEuroInput(l.hourlyRateCents),
      amount: l.kind === "staff" ? "" : centsToEuroInput(l.amountCents),
      description: l.description,
      source: l.source,
    })),
    ...Array.from({ length: EMPTY_LINES }, () => ({ kind: "" })),
  ];
  const [form, fields] = useForm<z.input<typeof schema>>({
    id: `costs-${sheet.team.id}-${sheet.year}`,
    lastResult: reply?.result as SubmissionResult<string[]> | undefined,
    defaultValue: { teamId: sheet.team.id, year: String(sheet.year), lines: initial },
    onValidate: ({ formData }) => withSummary(parseWithZod(formData, { schema })),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const kinds = COST_KINDS.map((value) => ({ value, label: k[value] }));
  const partners = sheet.partners.map((p) => ({ value: p.id, label: p.name }));
  const years = Array.from({ length: thisYear + 1 - 2013 + 1 }, (_, i) => thisYear + 1 - i);
  return (
    <div className="space-y-6">
      <p className="print:hidden">
        <Link to={`/gemeente/business-case?jaar=${sheet.year}`}>← {t.back}</Link>
      </p>
      <h1>
        {t.title}: {sheet.team.name}, {sheet.year}
      </h1>
      <p className="max-w-3xl">{t.intro}</p>
      {params.get("gedaan") ? <SuccessNotice>{t.saved}</SuccessNotice> : null}
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div className="field">
          <label htmlFor="costs-team">{t.team}</label>
          <select id="costs-team" name="team" defaultValue={sheet.team.id}>
            {sheet.teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="costs-year">{t.year}</label>
          <select id="costs-year" name="jaar" defaultValue={String(sheet.year)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t.show}
        </button>
      </Form>

      {sheet.canEdit ? (
        <>
          {sheet.suggestions.length ? (
            <DataTable
              caption={t.suggestionsTitle}
              rows={sheet.suggestions}
              rowKey={(s) => s.partnerId}
              empty=""
              columns={[
                { header: t.partner, cell: (s) => s.partnerName },
                { header: t.hours, numeric: true, cell: (s) => `${formatHours(s.hours)} (${t.basis[s.basis]})` },
                { header: t.rate, numeric: true, cell: (s) => (s.hourlyRateCents === null ? "" : formatMoney(s.hourlyRateCents)) },
              ]}
            />
          ) : null}
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors form={form} />
            <input type="hidden" name="teamId" value={sheet.team.id} />
            <input type="hidden" name="year" value={String(sheet.year)} />
            {fields.lines.getFieldList().map((lineField, i) => {
              const f = lineField.getFieldset();
              return (
                <fieldset key={lineField.key} className="card grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
                  <legend className="font-semibold">{t.line(i + 1)}</legend>
                  <SelectField field={f.kind} label={t.kind} options={kinds} placeholder={t.remove} />
                  <SelectField field={f.partnerId} label={t.partner} options={partners} placeholder={t.choose} />
                  <TextField field={f.hours} label={t.hours} inputMode="decimal" />
                  <TextField field={f.rate} label={t.rate} inputMode="decimal" />
                  <TextField field={f.amount} label={t.amount} inputMode="decimal" />
                  <TextField field={f.description} label={t.description} />
                  <TextField field={f.source} label={t.source} className="lg:col-span-2" />
                </fieldset>
              );
            })}
            <p>{t.total(formatMoney(sheet.totalCents))}</p>
            <SubmitButton>{t.save}</SubmitButton>
          </Form>
        </>
      ) : (
        <>
          <p className="hint">{t.readOnly}</p>
          <DataTable
            caption={t.title}
            rows={sheet.lines}
            rowKey={(l) => l.id}
            empty={t.empty}
            totalLabel={t.amount}
            columns={[
              { header: t.kind, cell: (l) => k[l.kind] },
              { header: t.partner, cell: (l) => l.partnerName ?? "" },
              { header: t.hours, numeric: true, cell: (l) => (l.hours === null ? "" : formatHours(l.hours)) },
              { header: t.rate, numeric: true, cell: (l) => (l.hourlyRateCents === null ? "" : formatMoney(l.hourlyRateCents)) },
              { header: t.description, cell: (l) => l.description },
              { header: t.source, cell: (l) => l.source },
              { header: t.amount, numeric: true, cell: (l) => formatMoney(l.amountCents), total: formatMoney(sheet.totalCents) },
            ]}
          />
        </>
      )}
    </div>
  );
}
