// The municipality's view of the partner organisations (controller, functional
// admin): agreed vs delivered hours per agreement, and the procurement export.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMunicipalityContext } from "~/context.server";
import { municipalityPartnerHours } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatHours, formatMoney, formatNumber, formatPercent } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.municipalityPartners;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "Agreement", context as { ip?: string });
  const jaar = new URL(request.url).searchParams.get("jaar");
  const view = await municipalityPartnerHours(ctx, { year: jaar && /^\d{4}$/.test(jaar) ? Number(jaar) : undefined }).catch(toHttpError);
  return { year: view.year, agreements: view.agreements };
}

export default function MunicipalityPartners() {
  const { year, agreements } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1>{t.title}</h1>
      <nav aria-label={t.yearNav} className="flex gap-4">
        <Link to={`/gemeente/partners?jaar=${year - 1}`}>{t.toYear(year - 1)}</Link>
        <Link to={`/gemeente/partners?jaar=${year + 1}`}>{t.toYear(year + 1)}</Link>
      </nav>
      <p>{t.intro(year)}</p>
      <p className="card">
        <a className="btn btn-secondary" href={`/gemeente/partners.csv?jaar=${year}`} download={`inkoop-partners-${year}.csv`}>
          {t.download(year)}
        </a>
        <span className="hint block">{t.downloadHint}</span>
        <span className="hint block">{t.downloadHintProducts}</span>
      </p>
      {agreements.length === 0 ? (
        <p className="card">{t.empty}</p>
      ) : (
        <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label={t.caption}>
          <table className="table">
            <caption className="pb-2 text-left text-lg font-semibold">{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.partner}</th>
                <th scope="col">{t.reference}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.period}</th>
                <th scope="col" className="text-right">
                  {t.perWeek}
                </th>
                <th scope="col" className="text-right">
                  {t.agreedToDate}
                </th>
                <th scope="col" className="text-right">
                  {t.deliveredToDate}
                </th>
                <th scope="col" className="text-right">
                  {t.ratio}
                </th>
                <th scope="col" className="text-right">
                  {t.budget}
                </th>
                <th scope="col" className="text-right">
                  {t.productsAgreed}
                </th>
                <th scope="col" className="text-right">
                  {t.productsDelivered}
                </th>
              </tr>
            </thead>
            <tbody>
              {agreements.map((a) => (
                <tr key={a.agreementId}>
                  <th scope="row" className="font-normal">
                    {a.partnerName}
                  </th>
                  <td>{a.reference}</td>
                  <td>{nl.common.fundingTypes[a.kind]}</td>
                  <td>
                    {formatDate(a.validFrom)} – {a.validTo ? formatDate(a.validTo) : t.open}
                  </td>
                  <td className="text-right">{formatHours(a.agreedPerWeek)}</td>
                  <td className="text-right">{formatHours(a.agreedToDate)}</td>
                  <td className="text-right">{formatHours(a.deliveredToDate)}</td>
                  <td className="text-right">{a.ratio === null ? "–" : formatPercent(a.ratio)}</td>
                  <td className="text-right whitespace-nowrap">{a.budgetCents === null ? "–" : formatMoney(a.budgetCents)}</td>
                  <td className="text-right whitespace-nowrap">{a.products.length ? formatMoney(a.productsAgreedCents) : "–"}</td>
                  <td className="text-right whitespace-nowrap">{a.products.length ? formatMoney(a.productsDeliveredCents) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ProductsTable year={year} agreements={agreements} />
    </div>
  );
}

function ProductsTable({ year, agreements }: { year: number; agreements: ReturnType<typeof useLoaderData<typeof loader>>["agreements"] }) {
  const products = agreements.flatMap((a) => a.products.map((p) => ({ ...p, partnerName: a.partnerName })));
  if (products.length === 0) return <p className="card">{t.noProducts}</p>;
  return (
    <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label={t.productsCaption(year)}>
      <table className="table">
        <caption className="pb-2 text-left text-lg font-semibold">{t.productsCaption(year)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.partner}</th>
            <th scope="col">{t.reference}</th>
            <th scope="col">{t.kind}</th>
            <th scope="col">{t.product}</th>
            <th scope="col">{t.unit}</th>
            {[t.price, t.agreedQuantity, t.deliveredQuantity, t.deliveredAmount].map((h) => (
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
                {p.partnerName}
              </th>
              <td>{p.reference}</td>
              <td>{nl.common.fundingTypes[p.kind]}</td>
              <td>{p.name}</td>
              <td>{p.unit}</td>
              <td className="text-right whitespace-nowrap">{formatMoney(p.priceCents)}</td>
              <td className="text-right">{formatNumber(p.agreedQuantity)}</td>
              <td className="text-right">{formatNumber(p.deliveredInYear)}</td>
              <td className="text-right whitespace-nowrap">{formatMoney(p.deliveredInYearCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
