// Agreed vs registered hours per month as inline SVG bars: no chart library,
// no script. The SVG is an image with a text summary; the same numbers are in
// the data table next to it (the accessible source of truth).
import type { ActivityKind } from "@wijkwerk/core/partners";
import { nl } from "~/i18n/nl";
import { formatHours, formatPercent } from "~/lib/format";
import { scrollRegion } from "~/components/data-table";

const W = 720;
const H = 240;
const PAD = { top: 12, right: 8, bottom: 28, left: 44 };
// Both colours have ≥ 4.5:1 contrast on white (the legend text sits next to them).
const AGREED = "#6b7280";
const REGISTERED = "#1d4ed8";

export function HoursChart({
  id,
  title,
  summary,
  months,
}: {
  id: string;
  title: string;
  summary: string;
  months: { month: number; agreed: number; registered: number }[];
}) {
  const t = nl.partnerDashboard;
  const max = Math.max(1, ...months.flatMap((m) => [m.agreed, m.registered]));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / months.length;
  const bar = Math.max(2, slot * 0.35);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const number = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full max-w-3xl">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#e5e7eb" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#374151">
              {number.format(v)}
            </text>
          </g>
        ))}
        {months.map((m, i) => {
          const x = PAD.left + i * slot + (slot - 2 * bar) / 2;
          return (
            <g key={m.month}>
              <rect x={x} y={y(m.agreed)} width={bar} height={y(0) - y(m.agreed)} fill={AGREED} />
              <rect x={x + bar} y={y(m.registered)} width={bar} height={y(0) - y(m.registered)} fill={REGISTERED} />
              <text x={PAD.left + i * slot + slot / 2} y={H - 10} textAnchor="middle" fontSize="11" fill="#374151">
                {t.monthShort[m.month - 1]}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="flex gap-4 text-sm">
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-3 w-3 align-middle" style={{ background: AGREED }} />
          {t.legendAgreed}
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-3 w-3 align-middle" style={{ background: REGISTERED }} />
          {t.legendRegistered}
        </span>
      </figcaption>
    </figure>
  );
}

function niceStep(max: number): number {
  const rough = max / 4;
  const pow = 10 ** Math.floor(Math.log10(rough));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * pow >= rough) return f * pow;
  return 10 * pow;
}

/** Hours per kind of work with each kind's share of the total (the team's and the partner's activity mix). */
export function ActivityShareTable({ caption, kinds, hours }: { caption: string; kinds: readonly ActivityKind[]; hours: Record<ActivityKind, number> }) {
  const total = kinds.reduce((a, k) => a + hours[k], 0);
  return (
    <div className="card overflow-x-auto" {...scrollRegion(caption)}>
      <table className="table">
        <caption className="pb-2 text-left text-lg font-semibold">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nl.timeRegistration.activity}</th>
            <th scope="col" className="text-right">
              {nl.timeRegistration.hours}
            </th>
            <th scope="col" className="text-right">
              {nl.timeRegistration.share}
            </th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k}>
              <th scope="row" className="font-normal">
                {nl.timeRegistration.kinds[k]}
              </th>
              <td className="text-right">{formatHours(hours[k])}</td>
              <td className="text-right">{total ? formatPercent(hours[k] / total) : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
