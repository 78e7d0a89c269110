// The printable annual report of the workbudget for the college and the
// council: key figures, the burn-down, the breakdowns, returns, prevented
// problems and the differences with other regulations. In print the site's
// navigation, header and footer are left out (print: utilities + a print rule).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breakdowns, BurnDown } from "~/components/workbudget-report";
import { requireMunicipalityContext } from "~/context.server";
import { workbudgetDashboard } from "~/core/workbudget.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatMoney, thisYearInAmsterdam } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.workbudget;
const r = t.report;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${r.title(data?.dashboard.year ?? new Date().getFullYear())} – ${nl.common.appName}` },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "Spend", context as { ip?: string });
  const raw = Number(new URL(request.url).searchParams.get("jaar"));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : thisYearInAmsterdam();
  const dashboard = await workbudgetDashboard(ctx, { year }).catch(toHttpError);
  return { dashboard, generatedAt: new Date().toISOString() };
}

/** In print: no skip link, site header, navigation or footer — only the report. */
const PRINT_CSS =
  "@media print { body > header, body > footer, body > a[href='#inhoud'] { display: none !important; } body { background: white; } main { max-width: none; padding: 0; } }";

export default function AnnualReport() {
  const { dashboard: d, generatedAt } = useLoaderData<typeof loader>();
  // The ledger's committed money, and the counts of the same query as the per-team table (the report has no filters: its totals are the ledger's).
  const committed = d.totals.reservedCents + d.totals.paidCents;
  return (
    <article className="space-y-6 print:space-y-4 print:text-black" aria-labelledby="report-title">
      {/* Raw CSS (as text React would escape the quotes and the browser would not match the server). */}
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <nav aria-label={t.nav.label} className="flex flex-wrap items-center gap-4 print:hidden">
        <Link to={`/gemeente/werkbudget?jaar=${d.year}`}>← {r.back}</Link>
        <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
          {r.print}
        </button>
      </nav>
      <header className="space-y-1">
        <h1 id="report-title">{r.title(d.year)}</h1>
        <p className="text-lg">{r.subtitle}</p>
        <p className="hint print:text-black">{r.generated(formatDate(generatedAt))}</p>
      </header>
      <p>{r.purpose}</p>

      {!d.budget ? (
        <p className="card">{t.noBudget(d.year)}</p>
      ) : (
        <>
          <section aria-labelledby="summary-title" className="space-y-2 break-inside-avoid">
            <h2 id="summary-title">{r.summaryTitle}</h2>
            <p>
              {r.summary(
                formatMoney(d.totals.fundedCents),
                formatMoney(committed),
                formatMoney(d.totals.availableCents),
                d.requests.approvedCount,
                d.requests.requestCount,
              )}
            </p>
            <table className="table max-w-xl">
              <caption className="sr-only">{t.keyFigures}</caption>
              <tbody>
                <tr>
                  <th scope="row">{t.funded}</th>
                  <td className="text-right">{formatMoney(d.totals.fundedCents)}</td>
                </tr>
                <tr>
                  <th scope="row">{t.reserved}</th>
                  <td className="text-right">{formatMoney(d.totals.reservedCents)}</td>
                </tr>
                <tr>
                  <th scope="row">{t.paid}</th>
                  <td className="text-right">{formatMoney(d.totals.paidCents)}</td>
                </tr>
                <tr>
                  <th scope="row">{t.committedTotal}</th>
                  <td className="text-right">{formatMoney(committed)}</td>
                </tr>
                <tr>
                  <th scope="row">{t.available}</th>
                  <td className="text-right">{formatMoney(d.totals.availableCents)}</td>
                </tr>
                <tr>
                  <th scope="row">{r.requestsRow}</th>
                  <td className="text-right">{d.requests.requestCount}</td>
                </tr>
                <tr>
                  <th scope="row">{r.approvedRow}</th>
                  <td className="text-right">{d.requests.approvedCount}</td>
                </tr>
              </tbody>
            </table>
          </section>

          <section aria-labelledby="report-burndown-title" className="space-y-2 break-inside-avoid">
            <h2 id="report-burndown-title">{t.burnDownTitle}</h2>
            <p className="hint print:text-black">{t.burnDownIntro}</p>
            <BurnDown year={d.year} points={d.burnDown} fundedCents={d.totals.fundedCents} tableOpen />
          </section>

          <Breakdowns d={d} linkSpends={false} />
        </>
      )}
    </article>
  );
}
