// The partner manager's products: what its agreements promise (name, unit,
// number, price) and what it delivered per month; recording a month's
// delivered number (audited; a second time replaces it). Own organisation only
// (CASL ProductDelivery {partnerId}, RLS agreement_product_deliveries_partner_*).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { z } from "zod";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { scrollRegion } from "~/components/data-table";
import { requirePartnerContext } from "~/context.server";
import { listAgreementProducts, recordProductDelivery } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { formatMoney, formatNumber, thisYearInAmsterdam } from "~/lib/format";
import { runForForm, toHttpError } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.partnerProducts;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.partner.name ?? nl.common.partner}: ${t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requirePartnerContext(request, params.partner, context as { ip?: string });
  const jaar = new URL(request.url).searchParams.get("jaar");
  const year = jaar && /^\d{4}$/.test(jaar) ? Number(jaar) : thisYearInAmsterdam();
  const products = await listAgreementProducts(ctx, { year }).catch(toHttpError);
  const mayRecord = ctx.ability.can("create", as("ProductDelivery", { municipalityId: ctx.user.municipalityId, partnerId: ctx.partner.id }));
  return { partner: ctx.partner, year, products, mayRecord };
}

const schema = z.object({
  productId: z.string({ required_error: t.productRequired }).uuid(t.productRequired),
  month: z
    .string({ required_error: t.monthInvalid })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, t.monthInvalid),
  quantity: z
    .string({ required_error: t.quantityInvalid })
    .trim()
    .regex(/^\d{1,8}$/, t.quantityInvalid)
    .transform(Number),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requirePartnerContext(request, params.partner, context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), recorded: null }, { status: 400 });
  const outcome = await runForForm(submission.reply, () => recordProductDelivery(ctx, submission.value));
  if (!outcome.ok) return data({ result: outcome.result, recorded: null }, { status: outcome.status });
  return { result: submission.reply({ resetForm: true }), recorded: submission.value };
}

export default function PartnerProductsPage() {
  const { partner, year, products, mayRecord } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    { result: SubmissionResult<string[]>; recorded: { productId: string; month: string; quantity: number } | null } | undefined;
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const recorded = actionData?.recorded;
  const recordedName = recorded ? products.find((p) => p.id === recorded.productId)?.name : null;
  const months = nl.partnerDashboard.months;
  return (
    <div className="space-y-4">
      <p>
        <Link to={`/partner/${partner.slug}`}>{t.back(partner.name)}</Link>
      </p>
      <h1>{t.title}</h1>
      <nav aria-label={t.yearNav} className="flex gap-4">
        <Link to={`?jaar=${year - 1}`}>{t.toYear(year - 1)}</Link>
        <Link to={`?jaar=${year + 1}`}>{t.toYear(year + 1)}</Link>
      </nav>
      <p>{t.intro}</p>
      {products.length === 0 ? (
        <p className="card">{t.empty}</p>
      ) : (
        <>
          <div className="card overflow-x-auto" {...scrollRegion(t.caption(year))}>
            <table className="table">
              <caption className="pb-2 text-left text-lg font-semibold">{t.caption(year)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.product}</th>
                  <th scope="col">{t.reference}</th>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.unit}</th>
                  {[t.price, t.agreed, t.agreedAmount, t.deliveredYear, t.deliveredAmount, t.deliveredTotal].map((h) => (
                    <th key={h} scope="col" className="text-right">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {products.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" className="font-normal">
                      {p.name}
                    </th>
                    <td>{p.reference}</td>
                    <td>{nl.common.fundingTypes[p.kind]}</td>
                    <td>{p.unit}</td>
                    <td className="text-right whitespace-nowrap">{formatMoney(p.priceCents)}</td>
                    <td className="text-right">{formatNumber(p.agreedQuantity)}</td>
                    <td className="text-right whitespace-nowrap">{formatMoney(p.agreedCents)}</td>
                    <td className="text-right">{formatNumber(p.deliveredInYear)}</td>
                    <td className="text-right whitespace-nowrap">{formatMoney(p.deliveredInYearCents)}</td>
                    <td className="text-right">{formatNumber(p.deliveredTotal)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card overflow-x-auto" {...scrollRegion(t.monthsCaption(year))}>
            <table className="table">
              <caption className="pb-2 text-left text-lg font-semibold">{t.monthsCaption(year)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.product}</th>
                  {months.map((m) => (
                    <th key={m} scope="col" className="text-right">
                      {m}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {products.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" className="font-normal">
                      {p.name}
                    </th>
                    {p.months.map((q, i) => (
                      <td key={i} className="text-right">
                        {p.recordedMonths.includes(i + 1) ? formatNumber(q) : "–"}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {mayRecord ? (
            <section aria-labelledby="record-title" className="card max-w-xl">
              <h2 id="record-title">{t.recordTitle}</h2>
              {recorded && recordedName ? <SuccessNotice>{t.recorded(recorded.quantity, recordedName, recorded.month)}</SuccessNotice> : null}
              <Form method="post" {...getFormProps(form)}>
                <FormErrors errors={form.errors} id={form.errorId} />
                <SelectField
                  field={fields.productId}
                  label={t.product}
                  placeholder={t.chooseProduct}
                  options={products.map((p) => ({ value: p.id, label: `${p.name} (${p.reference})` }))}
                />
                <TextField field={fields.month} label={t.month} hint={t.monthHint} autoComplete="off" />
                <TextField field={fields.quantity} label={t.quantity} inputMode="numeric" autoComplete="off" />
                <SubmitButton>{t.record}</SubmitButton>
              </Form>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
