// Create (/beheer/partners/<id>/afspraken/nieuw) or edit one agreement of a
// partner organisation, with its agreed hours per team and discipline.
// Validation on the server; Dutch errors next to the fields, values kept.
import { calendarDate } from "@wijkwerk/core/dates";
import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConfirmSubmit } from "~/components/confirm";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { requireMunicipalityContext } from "~/context.server";
import { DISCIPLINES, FUNDING_TYPES, deleteAgreement, getPartner, listAgreements, saveAgreement } from "~/core/partners.server";
import { listTeamOptions } from "~/core/tenancy.server";
import { nl } from "~/i18n/nl";
import { runForForm, toHttpError } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { centsToEuroInput, parseEuroToCents } from "~/lib/money";

const t = nl.agreements;
const NEW = "nieuw";
const EMPTY_ROWS = 3;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.agreement ? t.editTitle(data.agreement.reference) : t.newTitle(data?.partner.name ?? "")} – ${nl.common.appName}` },
];

const isBlankProduct = (r: unknown) => {
  const row = (r ?? {}) as Record<string, unknown>;
  return ["name", "unit", "agreedQuantity", "price"].every((k) => row[k] === undefined || row[k] === "");
};
const EMPTY_PRODUCT_ROWS = 2;

const isBlankRow = (r: unknown) => {
  const row = (r ?? {}) as Record<string, unknown>;
  return !row.teamId && !row.discipline && (row.hoursPerWeek === undefined || row.hoursPerWeek === "");
};

function formSchema() {
  const date = calendarDate(t.dateRequired);
  return z.object({
    kind: z.enum(FUNDING_TYPES, { errorMap: () => ({ message: t.kindRequired }) }),
    reference: z.string({ required_error: t.referenceRequired }).trim().min(2, t.referenceRequired).max(100, t.referenceTooLong),
    validFrom: date,
    validTo: date.optional(),
    budget: z
      .string()
      .optional()
      .transform((v, c) => {
        if (v === undefined || v.trim() === "") return null;
        const cents = parseEuroToCents(v);
        if (cents === null) c.addIssue({ code: "custom", message: t.budgetInvalid });
        return cents;
      }),
    products: z.preprocess(
      (rows) => (Array.isArray(rows) ? rows.filter((r) => !isBlankProduct(r)) : []),
      z.array(
        z.object({
          name: z.string({ required_error: t.productNameRequired }).trim().min(2, t.productNameRequired).max(100, t.productNameRequired),
          unit: z.string({ required_error: t.productUnitRequired }).trim().min(1, t.productUnitRequired).max(40, t.productUnitRequired),
          agreedQuantity: z
            .string({ required_error: t.productQuantityInvalid })
            .trim()
            .regex(/^\d{1,8}$/, t.productQuantityInvalid)
            .transform(Number),
          price: z.string({ required_error: t.productPriceInvalid }).transform((v, c) => {
            const cents = parseEuroToCents(v);
            if (cents === null) c.addIssue({ code: "custom", message: t.productPriceInvalid });
            return cents ?? 0;
          }),
        }),
      ),
    ),
    contributions: z.preprocess(
      (rows) => (Array.isArray(rows) ? rows.filter((r) => !isBlankRow(r)) : []),
      z.array(
        z.object({
          teamId: z.string({ required_error: t.teamRequired }).uuid(t.teamRequired),
          discipline: z.enum(DISCIPLINES, { errorMap: () => ({ message: t.disciplineRequired }) }),
          hoursPerWeek: z
            .string({ required_error: t.hoursInvalid })
            .transform((v) => Number(v.replace(",", ".")))
            .pipe(
              z
                .number({ invalid_type_error: t.hoursInvalid })
                .gt(0, t.hoursInvalid)
                .max(999, t.hoursInvalid)
                .refine((h) => Number.isInteger(Math.round(h * 1000) / 100), t.hoursInvalid),
            ),
        }),
      ),
    ),
  });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Agreement", context as { ip?: string });
  const partner = await getPartner(ctx, params.partnerId ?? "").catch(toHttpError);
  const list = await listAgreements(ctx, partner.id).catch(toHttpError);
  const agreement = params.agreementId === NEW ? null : list.find((a) => a.id === params.agreementId);
  if (agreement === undefined) throw new Response("Niet gevonden", { status: 404 });
  const teams = await listTeamOptions(ctx);
  // An agreement may name a team that has ended since: keep it selectable.
  for (const c of agreement?.contributions ?? []) if (!teams.some((tm) => tm.id === c.teamId)) teams.push({ id: c.teamId, name: c.teamName });
  return {
    partner: { id: partner.id, name: partner.name },
    agreement,
    teams: teams.map((tm) => ({ value: tm.id, label: tm.name })),
    kinds: FUNDING_TYPES.map((value) => ({ value, label: nl.common.fundingTypes[value] })),
    disciplines: DISCIPLINES.map((d) => ({ value: d, label: d })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Agreement", context as { ip?: string });
  const partnerId = params.partnerId ?? "";
  const agreementId = params.agreementId === NEW ? null : (params.agreementId ?? null);
  const formData = await readFormData(request);
  if (formData.get("intent") === "delete" && agreementId) {
    await deleteAgreement(ctx, partnerId, agreementId).catch(toHttpError);
    return redirect(`/beheer/partners/${partnerId}?afspraak=verwijderd`);
  }
  const submission = parseSubmission(formData, { schema: formSchema() });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const outcome = await runForForm(submission.reply, () =>
    saveAgreement(ctx, partnerId, agreementId, {
      kind: submission.value.kind,
      reference: submission.value.reference,
      validFrom: submission.value.validFrom,
      validTo: submission.value.validTo ?? null,
      contributions: submission.value.contributions,
      budgetCents: submission.value.budget,
      products: submission.value.products.map((p) => ({ name: p.name, unit: p.unit, agreedQuantity: p.agreedQuantity, priceCents: p.price })),
    }),
  );
  if (!outcome.ok) return data({ result: outcome.result, saved: false }, { status: outcome.status });
  return redirect(`/beheer/partners/${partnerId}?afspraak=opgeslagen`);
}

/** A select in a contribution row; the row's errors are shown once below the row, so each field points to them. */
function ContributionSelect(props: {
  field: FieldMetadata<string | undefined, Record<string, unknown>, string[]>;
  label: string;
  placeholder: string;
  options: { value: string; label: string }[];
  errorId: string | undefined;
}) {
  const { field } = props;
  return (
    <div className="field">
      <label htmlFor={field.id}>{props.label}</label>
      <select
        {...getSelectProps(field, { ariaAttributes: false })}
        key={field.key}
        className="input"
        aria-invalid={props.errorId ? true : undefined}
        aria-describedby={props.errorId}
      >
        <option value="">{props.placeholder}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function AgreementPage() {
  const { partner, agreement, teams, kinds, disciplines } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; saved: boolean } | undefined;
  const existing = (agreement?.contributions ?? []).map((c) => ({
    teamId: c.teamId,
    discipline: c.discipline,
    hoursPerWeek: String(c.hoursPerWeek).replace(".", ","),
  }));
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: {
      kind: agreement?.kind ?? "",
      reference: agreement?.reference ?? "",
      validFrom: agreement?.validFrom ?? "",
      validTo: agreement?.validTo ?? "",
      contributions: [...existing, ...Array.from({ length: EMPTY_ROWS }, () => ({ teamId: "", discipline: "", hoursPerWeek: "" }))],
      budget: centsToEuroInput(agreement?.budgetCents ?? null),
      products: [
        ...(agreement?.products ?? []).map((p) => ({
          name: p.name,
          unit: p.unit,
          agreedQuantity: String(p.agreedQuantity),
          price: centsToEuroInput(p.priceCents),
        })),
        ...Array.from({ length: EMPTY_PRODUCT_ROWS }, () => ({ name: "", unit: "", agreedQuantity: "", price: "" })),
      ],
    },
  });
  const rows = fields.contributions.getFieldList();
  const productRows = fields.products.getFieldList();
  return (
    <div className="max-w-4xl space-y-4">
      <p>
        <Link to={`/beheer/partners/${partner.id}`}>{t.backToPartner(partner.name)}</Link>
      </p>
      <h1>{agreement ? t.editTitle(agreement.reference) : t.newTitle(partner.name)}</h1>
      <Form method="post" className="card" {...getFormProps(form)}>
        <FormErrors form={form} />
        <SelectField field={fields.kind} label={t.kind} options={kinds} placeholder={t.chooseKind} />
        <TextField field={fields.reference} label={t.reference} hint={t.referenceHint} autoComplete="off" />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={fields.validFrom} label={t.validFrom} type="date" />
          <TextField field={fields.validTo} label={t.validTo} type="date" />
        </div>
        <fieldset className="space-y-2">
          <legend className="text-lg font-semibold">{t.contributions}</legend>
          <p className="hint" id="contributions-hint">
            {t.contributionsHint}
          </p>
          {fields.contributions.errors?.length ? (
            <p className="field-error" role="alert">
              {fields.contributions.errors.join(" ")}
            </p>
          ) : null}
          {rows.map((row, i) => {
            const f = row.getFieldset();
            const errors = [...(f.teamId.errors ?? []), ...(f.discipline.errors ?? []), ...(f.hoursPerWeek.errors ?? []), ...(row.errors ?? [])];
            const errorId = `${row.id}-errors`;
            return (
              <div key={row.key} role="group" aria-label={t.rowLabel(i + 1)} className="grid items-end gap-2 sm:grid-cols-[2fr_2fr_1fr]">
                <ContributionSelect field={f.teamId} label={t.team} placeholder={t.chooseTeam} options={teams} errorId={errors.length ? errorId : undefined} />
                <ContributionSelect
                  field={f.discipline}
                  label={t.discipline}
                  placeholder={t.chooseDiscipline}
                  options={disciplines}
                  errorId={errors.length ? errorId : undefined}
                />
                <div className="field">
                  <label htmlFor={f.hoursPerWeek.id}>{t.hoursPerWeek}</label>
                  <input
                    {...getInputProps(f.hoursPerWeek, { type: "text", ariaAttributes: false })}
                    key={f.hoursPerWeek.key}
                    inputMode="decimal"
                    className="input"
                    aria-invalid={errors.length ? true : undefined}
                    aria-describedby={errors.length ? errorId : undefined}
                  />
                </div>
                {errors.length ? (
                  <p id={errorId} className="field-error sm:col-span-3">
                    {[...new Set(errors)].join(" ")}
                  </p>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        <TextField field={fields.budget} label={t.budget} hint={t.budgetHint} inputMode="decimal" autoComplete="off" />
        <fieldset className="space-y-2">
          <legend className="text-lg font-semibold">{t.products}</legend>
          <p className="hint">{t.productsHint}</p>
          {productRows.map((row, i) => {
            const f = row.getFieldset();
            return (
              <div key={row.key} role="group" aria-label={t.productRowLabel(i + 1)} className="grid items-start gap-2 sm:grid-cols-[2fr_1fr_1fr_1fr]">
                <TextField field={f.name} label={t.productName} autoComplete="off" />
                <TextField field={f.unit} label={t.productUnit} autoComplete="off" />
                <TextField field={f.agreedQuantity} label={t.productQuantity} inputMode="numeric" autoComplete="off" />
                <TextField field={f.price} label={t.productPrice} inputMode="decimal" autoComplete="off" />
              </div>
            );
          })}
        </fieldset>
        <SubmitButton>{agreement ? t.save : t.create}</SubmitButton>
      </Form>
      {agreement ? (
        <Form method="post">
          <ConfirmSubmit label={t.delete} question={t.deleteQuestion(agreement.reference)} confirmLabel={t.delete} name="intent" value="delete" danger />
        </Form>
      ) : null}
    </div>
  );
}
