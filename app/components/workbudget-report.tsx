// The workbudget report parts shared by the controller's dashboard and the
// printable annual report: the burn-down chart (inline SVG, summary as its
// accessible name, the data as a table) and the breakdown tables.
import { Link } from "@remix-run/react";
import type { BurnDownPoint, WorkbudgetDashboard } from "@wijkwerk/core/workbudget";
import { DataTable, type Column } from "~/components/data-table";
import { lifeDomainLabel, regulationLabel } from "~/components/spend-detail";
import { nl } from "~/i18n/nl";
import { formatMoney, formatWholeEuros } from "~/lib/format";

const t = nl.workbudget;

/** The dashboard as it arrives in the browser (dates may be strings). */
type Dashboard = WorkbudgetDashboard;

// Whole euros for the axis (compact notation differs between ICU versions: server and browser would disagree).

/** The burn-down as an accessible inline SVG: a summary as its label, the data as a table below. */
export function BurnDown({
  year,
  points,
  fundedCents,
  tableOpen = false,
}: {
  year: number;
  points: BurnDownPoint[];
  fundedCents: number;
  tableOpen?: boolean;
}) {
  const W = 720;
  const H = 280;
  const pad = { left: 84, right: 16, top: 16, bottom: 36 };
  const max = Math.max(fundedCents, ...points.map((p) => Math.max(p.committedCents ?? 0, p.availableCents ?? 0)), 1);
  const x = (i: number) => pad.left + (i * (W - pad.left - pad.right)) / 11;
  const y = (cents: number) => pad.top + (1 - cents / max) * (H - pad.top - pad.bottom);
  const known = points.map((p, i) => ({ ...p, i })).filter((p) => p.committedCents !== null && p.availableCents !== null) as (BurnDownPoint & {
    i: number;
    committedCents: number;
    availableCents: number;
  })[];
  const path = (key: "committedCents" | "availableCents") =>
    known.map((p, n) => `${n === 0 ? "M" : "L"}${x(p.i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
  const last = known[known.length - 1];
  const label = last
    ? t.burnDownLabel(year, t.months[last.i], formatMoney(last.committedCents), formatMoney(last.availableCents), formatMoney(fundedCents))
    : t.burnDownEmpty(year);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const table = (
    <table className="table mt-2 max-w-xl">
      <caption className="sr-only">{t.burnDownTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{t.month}</th>
          <th scope="col" className="text-right">
            {t.committed}
          </th>
          <th scope="col" className="text-right">
            {t.available}
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((p, i) => (
          <tr key={p.month}>
            <th scope="row" className="font-normal">
              {t.months[i]}
            </th>
            <td className="text-right">{p.committedCents === null ? t.notYet : formatMoney(p.committedCents)}</td>
            <td className="text-right">{p.availableCents === null ? t.notYet : formatMoney(p.availableCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap gap-4 text-sm" aria-hidden="true">
        <li className="flex items-center gap-2">
          <svg width="28" height="8" role="presentation">
            <line x1="0" y1="4" x2="28" y2="4" stroke="#174a7c" strokeWidth="3" />
          </svg>
          {t.legendCommitted}
        </li>
        <li className="flex items-center gap-2">
          <svg width="28" height="8" role="presentation">
            <line x1="0" y1="4" x2="28" y2="4" stroke="#9a4b00" strokeWidth="3" strokeDasharray="6 4" />
          </svg>
          {t.legendAvailable}
        </li>
      </ul>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="h-auto w-full max-w-3xl bg-white">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} stroke="#d1d5db" strokeWidth="1" />
            <text x={pad.left - 8} y={y(v) + 4} textAnchor="end" fontSize="12" fill="#374151">
              {formatWholeEuros(v)}
            </text>
          </g>
        ))}
        {t.monthsShort.map((m, i) => (
          <text key={m} x={x(i)} y={H - 12} textAnchor="middle" fontSize="12" fill="#374151">
            {m}
          </text>
        ))}
        {known.length > 0 ? (
          <>
            <path d={path("committedCents")} fill="none" stroke="#174a7c" strokeWidth="3" />
            <path d={path("availableCents")} fill="none" stroke="#9a4b00" strokeWidth="3" strokeDasharray="6 4" />
            {known.map((p) => (
              <g key={p.month}>
                <circle cx={x(p.i)} cy={y(p.committedCents)} r="3.5" fill="#174a7c" />
                <circle cx={x(p.i)} cy={y(p.availableCents)} r="3.5" fill="#9a4b00" />
              </g>
            ))}
          </>
        ) : null}
      </svg>
      {tableOpen ? (
        table
      ) : (
        <details>
          <summary className="cursor-pointer">{t.burnDownTable}</summary>
          {table}
        </details>
      )}
    </div>
  );
}

/** The tables shared by the dashboard and the annual report. */
export function Breakdowns({ d, headingLevel = 2, linkSpends = true }: { d: Dashboard; headingLevel?: 2 | 3; linkSpends?: boolean }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const reference: Column<{ spendId: string; reference: string }> = {
    header: t.colReference,
    className: "whitespace-nowrap",
    cell: (r) => (linkSpends ? <Link to={`/gemeente/werkbudget/aanvragen/${r.spendId}`}>{r.reference}</Link> : r.reference),
  };
  const teamName: Column<{ teamName: string }> = { header: t.colTeam, cell: (r) => r.teamName };
  const alternatives = d.alternatives;
  return (
    <>
      <section aria-labelledby="per-team-title" className="space-y-2 break-inside-avoid">
        <H id="per-team-title">{t.perTeamTitle}</H>
        <p className="hint">{t.perTeamHint}</p>
        {/* The total row is the dashboard's `requests` (the same SQL as the rows, all teams together). */}
        <DataTable
          caption={t.perTeamCaption}
          rows={d.perTeam}
          rowKey={(r) => r.teamId}
          empty={t.perTeamEmpty}
          totalLabel={t.total}
          columns={[
            teamName,
            { header: t.colRequests, numeric: true, cell: (r) => r.requestCount, total: d.requests.requestCount },
            { header: t.colApprovedCount, numeric: true, cell: (r) => r.approvedCount, total: d.requests.approvedCount },
            { header: t.colReserved, numeric: true, cell: (r) => formatMoney(r.reservedCents), total: formatMoney(d.requests.reservedCents) },
            { header: t.colPaid, numeric: true, cell: (r) => formatMoney(r.paidCents), total: formatMoney(d.requests.paidCents) },
            { header: t.colCommitted, numeric: true, cell: (r) => formatMoney(r.committedCents), total: formatMoney(d.requests.committedCents) },
          ]}
        />
      </section>

      <div className="grid gap-6 lg:grid-cols-2 print:grid-cols-1">
        <section aria-labelledby="per-domain-title" className="space-y-2 break-inside-avoid">
          <H id="per-domain-title">{t.perDomainTitle}</H>
          <p className="hint">{t.perDomainHint}</p>
          <DataTable
            caption={t.perDomainCaption}
            rows={d.perLifeDomain}
            rowKey={(r) => r.domain}
            empty={t.perDomainEmpty}
            columns={[
              { header: t.colDomain, cell: (r) => lifeDomainLabel(r.domain) },
              { header: t.colApprovedCount, numeric: true, cell: (r) => r.count },
              { header: t.colCommitted, numeric: true, cell: (r) => formatMoney(r.costCents) },
            ]}
          />
        </section>
        <section aria-labelledby="per-norm-title" className="space-y-2 break-inside-avoid">
          <H id="per-norm-title">{t.perNormTitle}</H>
          <DataTable
            caption={t.perNormCaption}
            rows={d.perNorm}
            rowKey={(r) => r.normId ?? "custom"}
            empty={t.perDomainEmpty}
            totalLabel={t.total}
            columns={[
              { header: t.colNorm, cell: (r) => r.label ?? t.customEstimate },
              { header: t.colApprovedCount, numeric: true, cell: (r) => r.count, total: d.requests.approvedCount },
              { header: t.colCommitted, numeric: true, cell: (r) => formatMoney(r.costCents), total: formatMoney(d.requests.committedCents) },
              {
                header: t.colExpectedReturn,
                numeric: true,
                cell: (r) => formatMoney(r.expectedReturnCents),
                total: formatMoney(d.returns.expectedReturnCents),
              },
            ]}
          />
        </section>
      </div>

      <section aria-labelledby="returns-title" className="space-y-2 break-inside-avoid">
        <H id="returns-title">{t.returnsTitle}</H>
        <dl className="card grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">{t.expectedReturn}</dt>
          <dd>{formatMoney(d.returns.expectedReturnCents)}</dd>
          <dt className="font-semibold">{t.committedCost}</dt>
          <dd>{formatMoney(d.returns.committedCostCents)}</dd>
          <dt className="font-semibold">{t.expectedRatio}</dt>
          <dd>{t.ratio(d.returns.expectedRatio)}</dd>
          <dt className="font-semibold">{t.realisedReturn}</dt>
          <dd>
            {formatMoney(d.returns.realisedReturnCents)} <span className="hint">({t.evaluatedCount(d.returns.evaluatedCount)})</span>
          </dd>
          <dt className="font-semibold">{t.evaluatedCost}</dt>
          <dd>{formatMoney(d.returns.evaluatedCostCents)}</dd>
          <dt className="font-semibold">{t.realisedRatio}</dt>
          <dd>{t.ratio(d.returns.realisedRatio)}</dd>
        </dl>
      </section>

      <section aria-labelledby="prevented-title" className="space-y-2">
        <H id="prevented-title">{t.preventedTitle}</H>
        {d.preventedTotal > d.prevented.length ? <p className="hint">{t.mostRecentOf(d.prevented.length, d.preventedTotal)}</p> : null}
        <DataTable
          caption={t.preventedCaption}
          rows={d.prevented}
          rowKey={(r) => r.spendId}
          empty={t.preventedEmpty}
          columns={[
            reference,
            teamName,
            { header: t.colProblem, cell: (r) => r.problemPrevented },
            { header: t.colPrevented, cell: (r) => (r.prevented ? (nl.spends.prevented[r.prevented] ?? r.prevented) : t.notEvaluatedYet) },
            { header: t.colCommitted, numeric: true, cell: (r) => formatMoney(r.costCents) },
          ]}
        />
      </section>

      <section aria-labelledby="alternatives-title" className="space-y-2">
        <H id="alternatives-title">{t.alternativesTitle}</H>
        <p>{t.alternativesIntro}</p>
        {alternatives.totals.count > alternatives.rows.length ? (
          <p className="hint">{t.mostRecentOf(alternatives.rows.length, alternatives.totals.count)}</p>
        ) : null}
        <DataTable
          caption={t.alternativesCaption}
          rows={alternatives.rows}
          rowKey={(r) => r.spendId}
          empty={t.alternativesEmpty}
          totalLabel={t.total}
          columns={[
            reference,
            teamName,
            { header: t.colRegulation, cell: (r) => regulationLabel(r.regulation) },
            {
              header: t.colWorkbudgetCost,
              numeric: true,
              cell: (r) => formatMoney(r.workbudgetCostCents),
              total: formatMoney(alternatives.totals.workbudgetCostCents),
            },
            {
              header: t.colRegulationAmount,
              numeric: true,
              cell: (r) => formatMoney(r.regulationAmountCents),
              total: formatMoney(alternatives.totals.regulationAmountCents),
            },
            { header: t.colDifference, numeric: true, cell: (r) => formatMoney(r.differenceCents), total: formatMoney(alternatives.totals.differenceCents) },
            { header: t.colLeadDays, numeric: true, cell: (r) => t.days(r.regulationLeadDays), total: null },
            { header: t.colDaysGained, numeric: true, cell: (r) => t.days(r.daysGained), total: t.days(alternatives.totals.daysGained) },
          ]}
        />
      </section>
    </>
  );
}

/** The top of the controller's workbudget pages below the dashboard: the way back to it, the page's title and its intro. */
export function WorkbudgetSubpageIntro({ title, intro }: { title: string; intro: string }) {
  return (
    <>
      <p>
        <Link to="/gemeente/werkbudget">← {nl.workbudget.title}</Link>
      </p>
      <h1>{title}</h1>
      <p>{intro}</p>
    </>
  );
}
