// The business case of one year (docs/business-case.md), for the city-wide
// page and a team's own page: the summary table per team with a hand-written
// SVG bar chart beside it (the table is the accessible source), costs by kind
// and per partner, avoided costs per norm with its source, and the
// assumptions. Printable: the page's controls are hidden in print.
import type { BusinessCase, BusinessCaseFigures } from "@wijkwerk/core/business-case";
import { DataTable, moneyColumn } from "~/components/data-table";
import { nl } from "~/i18n/nl";
import { formatHours, formatMoney, formatNumber } from "~/lib/format";

const t = nl.businessCase;
const W = 640;
const ROW = 44;
const PAD = { top: 8, right: 16, bottom: 8, left: 150 };
// Both colours have ≥ 4.5:1 contrast on white.
const COSTS = "#6b7280";
const RETURNS = "#1d4ed8";

const ratioText = (f: BusinessCaseFigures) => (f.ratio === null ? t.noCosts : f.ratio.toLocaleString("nl-NL", { minimumFractionDigits: 2 }));

function BusinessCaseChart({ bc, rows }: { bc: BusinessCase; rows: { key: string; name: string; f: BusinessCaseFigures }[] }) {
  const max = Math.max(1, ...rows.flatMap((r) => [r.f.costsCents, r.f.returnsCents]));
  const H = PAD.top + PAD.bottom + rows.length * ROW;
  const x = (cents: number) => (cents / max) * (W - PAD.left - PAD.right);
  return (
    <figure className="card space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="bc-chart-title bc-chart-desc" className="h-auto w-full max-w-2xl">
        <title id="bc-chart-title">{t.chartTitle}</title>
        <desc id="bc-chart-desc">{t.chartLabel(bc.year)}</desc>
        {rows.map((r, i) => {
          const y = PAD.top + i * ROW;
          return (
            <g key={r.key}>
              <text x={PAD.left - 8} y={y + ROW / 2 + 4} textAnchor="end" fontSize="12" fill="#111827">
                {r.name.length > 22 ? `${r.name.slice(0, 21)}…` : r.name}
              </text>
              <rect x={PAD.left} y={y + 6} width={x(r.f.costsCents)} height={14} fill={COSTS} />
              <rect x={PAD.left} y={y + 22} width={x(r.f.returnsCents)} height={14} fill={RETURNS} />
            </g>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-sm">
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3" style={{ background: COSTS }} /> {t.legendCosts}
        </span>
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3" style={{ background: RETURNS }} /> {t.legendReturns}
        </span>
      </figcaption>
    </figure>
  );
}

export function BusinessCaseReport({ bc }: { bc: BusinessCase }) {
  type Row = { key: string; name: string; f: BusinessCaseFigures };
  const rows: Row[] = bc.teams.map((x) => ({ key: x.id, name: x.name, f: x }));
  const money = moneyColumn<Row>;
  const whole = bc.view === "city" ? bc.total : bc.teams[0];
  const normOf = new Map(bc.norms.map((n) => [n.id, n]));
  const totalMoney = (cents: number) => (bc.view === "city" ? formatMoney(cents) : undefined);
  return (
    <div className="space-y-6">
      <div className="grid gap-6 xl:grid-cols-2 print:grid-cols-1">
        <DataTable
          id="bc-summary"
          caption={bc.view === "city" ? t.summaryCaption(bc.year) : t.teamSummaryCaption(bc.year)}
          rows={rows}
          rowKey={(r) => r.key}
          empty={t.empty}
          totalLabel={bc.view === "city" ? t.total : undefined}
          columns={[
            { header: t.colTeam, cell: (r) => r.name },
            {
              ...money(t.colCosts, (r) => r.f.costsCents),
              cell: (r) => (r.f.hasCosts ? formatMoney(r.f.costsCents) : t.noCosts),
              total: totalMoney(bc.total.costsCents),
            },
            { ...money(t.colRealised, (r) => r.f.realisedReturnCents), total: totalMoney(bc.total.realisedReturnCents) },
            { ...money(t.colAvoided, (r) => r.f.avoidedCents), total: totalMoney(bc.total.avoidedCents) },
            { ...money(t.colReturns, (r) => r.f.returnsCents), total: totalMoney(bc.total.returnsCents) },
            {
              ...money(t.colBalance, (r) => r.f.balanceCents),
              cell: (r) => (r.f.hasCosts ? formatMoney(r.f.balanceCents) : t.noCosts),
              total: totalMoney(bc.total.balanceCents),
            },
            { header: t.colRatio, numeric: true, cell: (r) => ratioText(r.f), total: bc.view === "city" ? ratioText(bc.total) : undefined },
          ]}
        />
        {rows.length ? <BusinessCaseChart bc={bc} rows={rows} /> : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-2 print:grid-cols-1">
        <DataTable
          caption={t.costsCaption}
          rows={(Object.keys(whole.costsByKind) as (keyof typeof whole.costsByKind)[]).map((k) => ({ k, cents: whole.costsByKind[k] }))}
          rowKey={(r) => r.k}
          empty={t.empty}
          totalLabel={t.colCosts}
          columns={[
            { header: t.colKind, cell: (r) => t.kinds[r.k] },
            { header: t.colAmount, numeric: true, cell: (r) => formatMoney(r.cents), total: formatMoney(whole.costsCents) },
          ]}
        />
        <DataTable
          caption={t.staffCaption}
          rows={whole.staff}
          rowKey={(r) => r.partnerId}
          empty={t.staffEmpty}
          columns={[
            { header: t.colPartner, cell: (r) => r.partnerName },
            { header: t.colHours, numeric: true, cell: (r) => formatHours(r.hours) },
            { header: t.colAmount, numeric: true, cell: (r) => formatMoney(r.amountCents) },
          ]}
        />
      </div>

      <DataTable
        id="bc-avoided"
        caption={t.avoidedCaption}
        rows={whole.avoided}
        rowKey={(r) => r.normId}
        empty={t.avoidedEmpty}
        columns={[
          { header: t.colNorm, cell: (r) => normOf.get(r.normId)?.label ?? "" },
          {
            header: t.colUnitAmount,
            numeric: true,
            cell: (r) => {
              const n = normOf.get(r.normId);
              return n ? `${formatMoney(n.amountCents)} ${n.unit}` : "";
            },
          },
          { header: t.colSource, cell: (r) => normOf.get(r.normId)?.source ?? "" },
          { header: t.colLocal, cell: (r) => (normOf.get(r.normId)?.isLocalEstimate ? t.yes : t.no) },
          { header: t.colPrevented, numeric: true, cell: (r) => formatNumber(r.prevented) },
          ...(bc.showCaseCounts ? [{ header: t.colCases, numeric: true, cell: (r: (typeof whole.avoided)[number]) => formatNumber(r.cases ?? 0) }] : []),
          { header: t.colAmount, numeric: true, cell: (r) => formatMoney(r.amountCents) },
        ]}
      />

      <section aria-labelledby="bc-assumptions" className="card space-y-2">
        <h2 id="bc-assumptions">{t.assumptionsTitle}</h2>
        <ul className="list-disc space-y-1 pl-6">
          {t.assumptions(bc.year).map((a) => (
            <li key={a}>{a}</li>
          ))}
          {bc.showCaseCounts ? null : <li>{t.caseCountsNote}</li>}
        </ul>
      </section>
    </div>
  );
}
