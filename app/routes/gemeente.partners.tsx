// The municipality's view of the partner organisations (controller, functional
// admin): agreed vs delivered hours per agreement, and the procurement export.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMunicipalityContext } from "~/context.server";
import { municipalityPartnerHours } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatHours, formatPercent } from "~/lib/format";
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
