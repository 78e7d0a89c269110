// The casework figures pages' one component set (issue 16, docs/figures.md
// "Pages"): every table of the engine's report model is drawn the same way —
// a heading, what it counts, a hand-written SVG chart (bars, stacked bars or
// columns per month, from the table's chart hint) and the table beside it,
// which is the accessible source. The team page, the city page and the
// printable page only choose the scope and the period.
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { CaseworkReport, FigureColumn, FigureRow, FigureTable } from "@wijkwerk/core/figures";
import { nl } from "~/i18n/nl";
import type { Period, PresetKey } from "~/lib/figures-period";

const t = nl.figuresPages;

// ── The period chooser ──────────────────────────────────────────────────────

/** A GET form (the period lives in the URL) with two months, their Dutch errors, and the quick choices as links. */
export function PeriodChooser({
  path,
  values,
  errors,
  presets,
}: {
  path: string;
  values: { van: string; tot: string };
  errors?: { van?: string[]; tot?: string[] };
  presets: Record<PresetKey, Period>;
}) {
  const p = t.period;
  const field = (name: "van" | "tot", label: string) => {
    const id = `periode-${name}`;
    const error = errors?.[name]?.join(" ");
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="hint">
          {p.monthHint}
        </p>
        <input
          id={id}
          name={name}
          type="month"
          min="2000-01"
          max="2100-12"
          className="input max-w-xs"
          defaultValue={values[name]}
          key={`${name}-${values[name]}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        />
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  const active = (key: PresetKey) => presets[key].from === values.van && presets[key].to === values.tot;
  return (
    <section className="card space-y-3 print:hidden" aria-labelledby="periode-title">
      <h2 id="periode-title">{p.title}</h2>
      <Form method="get" action={path} noValidate className="flex flex-wrap items-end gap-x-4">
        {field("van", p.from)}
        {field("tot", p.to)}
        <div className="field">
          <button type="submit" className="btn">
            {p.show}
          </button>
        </div>
      </Form>
      <nav aria-label={p.quick}>
        <p className="mb-1 font-semibold" aria-hidden="true">
          {p.quick}
        </p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {(["thisYear", "lastYear", "all"] as const).map((key) => (
            <li key={key}>
              <Link
                to={`${path}?van=${presets[key].from}&tot=${presets[key].to}`}
                aria-current={active(key) ? "page" : undefined}
                className="aria-[current=page]:font-semibold"
              >
                {p[key]}
              </Link>
            </li>
          ))}
        </ul>
        <p className="hint mt-1">{p.allHint}</p>
      </nav>
    </section>
  );
}

/** The links to the printable page and the CSV of the same period. */
export function FiguresActions({ printHref, csvHref }: { printHref: string; csvHref: string }) {
  return (
    <ul className="flex flex-wrap items-center gap-x-6 gap-y-2 print:hidden">
      <li>
        <Link to={printHref}>{t.actions.print}</Link>
      </li>
      <li>
        <a href={csvHref} download aria-describedby="figures-csv-hint">
          {t.actions.csv}
        </a>
        <span id="figures-csv-hint" className="hint ml-2">
          {t.actions.csvHint}
        </span>
      </li>
    </ul>
  );
}

/** In print: A4, no skip link, site header, navigation or footer — only the figures. Raw CSS (React would escape the quotes). */
const PRINT_CSS =
  "@page { size: A4; margin: 15mm; } @media print { body > header, body > footer, body > a[href='#inhoud'] { display: none !important; } body { background: white; font-size: 10pt; } main { max-width: none; padding: 0; } section { break-inside: avoid; } }";

/** The printable page's top: the back link and print button (screen only), title, scope, period and the date printed. */
/** The body of a figures page (team or city): the period, then the report with print and CSV, or why there is none. */
export function FiguresPageBody({
  path,
  values,
  errors,
  presets,
  search,
  periodLabel,
  report,
}: {
  path: string;
  values: { van: string; tot: string };
  errors: { van?: string[]; tot?: string[] } | null;
  presets: Record<PresetKey, Period>;
  search: string;
  periodLabel: string;
  report: CaseworkReport | null;
}) {
  return (
    <>
      <PeriodChooser path={path} values={values} errors={errors ?? undefined} presets={presets} />
      {report ? (
        <>
          <p className="font-semibold">{periodLabel}</p>
          <FiguresActions printHref={`${path}/afdrukken${search}`} csvHref={`${path}.csv${search}`} />
          <FiguresReport report={report} />
        </>
      ) : (
        <p role="alert" className="alert alert-error">
          {t.period.invalid}
        </p>
      )}
    </>
  );
}

export function FiguresPrintHeader({
  title,
  scope,
  period,
  printedOn,
  backHref,
}: {
  title: string;
  scope: string;
  period: string;
  printedOn: string;
  backHref: string;
}) {
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <nav aria-label={t.actions.back} className="flex flex-wrap items-center gap-4 print:hidden">
        <Link to={backHref}>← {t.actions.back}</Link>
        <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
          {t.actions.printNow}
        </button>
      </nav>
      <header className="space-y-1">
        <h1>{title}</h1>
        <p className="text-lg">{t.print.scope(scope)}</p>
        <p>{period}</p>
        <p className="hint print:text-black">{t.print.printedOn(printedOn)}</p>
      </header>
    </>
  );
}

// ── The report ──────────────────────────────────────────────────────────────

/** Whether a table has nothing to show: no count above zero and nothing suppressed. */
export function isEmptyTable(table: FigureTable): boolean {
  const countIdx = table.columns.map((c, i) => (c.kind === "count" ? i : -1)).filter((i) => i >= 0);
  return table.rows.every((r) => countIdx.every((i) => !r.cells[i]?.suppressed && !r.cells[i]?.value));
}

/** All tables of a report, with a list of contents (on screen) and, outside the team, the suppression note. */
export function FiguresReport({ report, print = false }: { report: CaseworkReport; print?: boolean }) {
  const wide = report.scope.kind === "city";
  return (
    <div className="space-y-8 print:space-y-4">
      {report.suppressed ? <p className="hint print:text-black">{t.suppressedNote}</p> : null}
      {print ? null : (
        <nav aria-labelledby="figures-contents" className="card print:hidden">
          <h2 id="figures-contents" className="mb-2">
            {t.contents}
          </h2>
          <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
            {report.tables.map((table) => (
              <li key={table.id}>
                <a href={`#fig-${table.id}`}>{table.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {report.tables.map((table) => (
        <FigureSection key={table.id} table={table} wide={wide || print} />
      ))}
    </div>
  );
}

/** One table: heading, description, the chart beside the table (below it on a narrow screen, in print and for wide tables); or the empty state. */
export function FigureSection({ table, wide }: { table: FigureTable; wide: boolean }) {
  const titleId = `fig-${table.id}-title`;
  return (
    <section id={`fig-${table.id}`} aria-labelledby={titleId} className="scroll-mt-4 space-y-2 break-inside-avoid">
      <h2 id={titleId}>{table.title}</h2>
      <p className="hint print:text-black">{table.description}</p>
      {isEmptyTable(table) ? (
        <p className="card">{t.empty}</p>
      ) : (
        <div className={`grid min-w-0 gap-4 ${wide ? "" : "lg:grid-cols-2"} print:block`}>
          <div className="min-w-0">
            <FigureChart table={table} />
          </div>
          <div className="min-w-0">
            <FigureTableView table={table} />
          </div>
        </div>
      )}
    </section>
  );
}

const numeric = "text-right tabular-nums whitespace-nowrap";

/** The table itself: columns and rows from the model, totals and the average per month in the footer. Scrolls sideways in its own box when wide. */
export function FigureTableView({ table }: { table: FigureTable }) {
  const captionId = `fig-${table.id}-caption`;
  const footer = [table.totals, table.average].filter((r): r is FigureRow => r !== undefined);
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="max-w-full overflow-x-auto print:overflow-visible">
      <table className="table w-full print:text-black">
        <caption id={captionId} className="sr-only">
          {t.tableLabel(table.title)}
        </caption>
        <thead>
          <tr>
            <td />
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={numeric}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="font-normal">
                {row.label}
              </th>
              {row.cells.map((cell, i) => (
                <td key={table.columns[i]?.key ?? i} className={numeric}>
                  {cell.display}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer.length > 0 ? (
          <tfoot>
            {footer.map((row) => (
              <tr key={row.key} className="font-semibold">
                <th scope="row">{row.label}</th>
                {table.columns.map((c, i) => (
                  <td key={c.key} className={numeric}>
                    {row.cells[i]?.display ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

// ── The charts (inline SVG, no library, no script) ──────────────────────────

// Each series: a colour with at least 3:1 contrast on white, and a pattern, so a series is not told apart by colour alone.
const SERIES: { color: string; pattern: "solid" | "stripes" | "dots" | "cross" }[] = [
  { color: "#1d4ed8", pattern: "solid" },
  { color: "#b45309", pattern: "stripes" },
  { color: "#047857", pattern: "dots" },
  { color: "#7e22ce", pattern: "cross" },
  { color: "#be123c", pattern: "solid" },
  { color: "#374151", pattern: "stripes" },
];
const TEXT = "#1f2937";
const GRID = "#d1d5db";
const W = 640;

const fillOf = (id: string, i: number) => (SERIES[i % SERIES.length].pattern === "solid" ? SERIES[i % SERIES.length].color : `url(#${id}-p${i})`);

function Patterns({ id, count }: { id: string; count: number }) {
  return (
    <defs>
      {Array.from({ length: count }, (_, i) => {
        const s = SERIES[i % SERIES.length];
        if (s.pattern === "solid") return null;
        return (
          <pattern
            key={i}
            id={`${id}-p${i}`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform={s.pattern === "dots" ? undefined : "rotate(45)"}
          >
            <rect width="6" height="6" fill={s.color} />
            {s.pattern === "stripes" ? <line x1="0" y1="0" x2="0" y2="6" stroke="white" strokeWidth="2" /> : null}
            {s.pattern === "cross" ? <path d="M0,3 H6 M3,0 V6" stroke="white" strokeWidth="1.5" /> : null}
            {s.pattern === "dots" ? <circle cx="3" cy="3" r="1.3" fill="white" /> : null}
          </pattern>
        );
      })}
    </defs>
  );
}

function Swatch({ id, i }: { id: string; i: number }) {
  return (
    <svg width="16" height="16" aria-hidden="true" focusable="false" className="mr-1 inline-block align-middle">
      <Patterns id={`${id}-l${i}`} count={i + 1} />
      <rect x="0.5" y="0.5" width="15" height="15" fill={fillOf(`${id}-l${i}`, i)} stroke={TEXT} strokeWidth="1" />
    </svg>
  );
}

const columnIndex = (columns: FigureColumn[], key: string) => columns.findIndex((c) => c.key === key);

/** The text alternative: the chart's kind, its values as in the table (at most 12), the undrawn small values, and where the numbers are. */
function describe(kind: string, items: string[], hidden: number): string {
  const shown = items.slice(0, 12).join("; ");
  const more = items.length > 12 ? `; ${t.chart.more(items.length - 12)}` : "";
  return `${kind}. ${shown}${more}.${hidden > 0 ? ` ${t.chart.hidden(hidden)}.` : ""} ${t.chart.seeTable}`;
}

/** The chart the table's hint asks for. */
export function FigureChart({ table }: { table: FigureTable }) {
  const hint = table.chart;
  if (hint.kind === "none") return null;
  if (hint.kind === "stacked") return <StackedBars table={table} series={hint.series} />;
  const col = columnIndex(table.columns, hint.column);
  if (col < 0) return null;
  if (hint.kind === "line") return <MonthColumns table={table} col={col} />;
  return <Bars table={table} col={col} />;
}

function ChartFrame({
  id,
  title,
  description,
  height,
  hidden,
  children,
  legend,
}: {
  id: string;
  title: string;
  description: string;
  height: number;
  hidden: number;
  children: ReactNode;
  legend?: ReactNode;
}) {
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="h-auto w-full max-w-3xl bg-white">
        <title id={`${id}-t`}>{t.chart.of(title)}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {children}
      </svg>
      {legend || hidden > 0 ? (
        <figcaption className="space-y-1 text-sm">
          {legend}
          {hidden > 0 ? <p className="hint print:text-black">{t.chart.hidden(hidden)}.</p> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** Horizontal bars, one per row, for one column (a count or a percentage); the label above each bar, the value after it. */
function Bars({ table, col }: { table: FigureTable; col: number }) {
  const id = `chart-${table.id}`;
  const percent = table.columns[col].kind === "percent";
  const cells = table.rows.map((r) => r.cells[col]);
  // Amounts (the workbudget's rows in cents) have their own scale and pattern: a bar of euros is never measured against a bar of counts.
  const isAmount = (r: FigureRow) => r.unit === "cents";
  const maxOf = (amounts: boolean) => Math.max(1, ...table.rows.filter((r) => isAmount(r) === amounts).map((r) => r.cells[col]?.value ?? 0));
  const max = { count: percent ? 100 : maxOf(false), amount: maxOf(true) };
  const rowH = 38;
  const height = table.rows.length * rowH + 8;
  const barMax = W - 90;
  const hidden = cells.filter((c) => c.suppressed).length;
  return (
    <ChartFrame
      id={id}
      title={table.title}
      height={height}
      hidden={hidden}
      legend={table.rows.some(isAmount) ? <p className="hint print:text-black">{t.chart.amountsApart}</p> : undefined}
      description={describe(
        t.chart.bars,
        table.rows.map((r, i) => t.chart.item(r.label, cells[i].display)),
        hidden,
      )}
    >
      {table.rows.some(isAmount) ? <Patterns id={id} count={2} /> : null}
      {table.rows.map((row, i) => {
        const y = 4 + i * rowH;
        const c = cells[i];
        const amount = isAmount(row);
        const w = c.value ? Math.max(2, (c.value / (amount ? max.amount : max.count)) * barMax) : 0;
        return (
          <g key={row.key}>
            <text x="0" y={y + 12} fontSize="13" fill={TEXT}>
              {row.label}
            </text>
            <rect x="0" y={y + 17} width={barMax} height="14" fill="#f3f4f6" />
            {w > 0 ? <rect x="0" y={y + 17} width={w} height="14" fill={amount ? fillOf(id, 1) : SERIES[0].color} /> : null}
            <text x={w + 6} y={y + 28} fontSize="12" fill={TEXT}>
              {c.display}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

/** One horizontal stacked bar per row over the series' count columns; suppressed parts are left out (and said). */
function StackedBars({ table, series }: { table: FigureTable; series: string[] }) {
  const id = `chart-${table.id}`;
  const cols = series.map((key) => columnIndex(table.columns, key)).filter((i) => i >= 0);
  const shown = (r: FigureRow) => cols.map((i) => r.cells[i]?.value ?? 0);
  const max = Math.max(1, ...table.rows.map((r) => shown(r).reduce((a, b) => a + b, 0)));
  const rowH = 38;
  const height = table.rows.length * rowH + 8;
  const barMax = W - 60;
  const hidden = table.rows.reduce((n, r) => n + cols.filter((i) => r.cells[i]?.suppressed).length, 0);
  const items = table.rows.map((r) => `${r.label}: ${cols.map((i) => `${table.columns[i].label} ${r.cells[i].display}`).join(", ")}`);
  return (
    <ChartFrame
      id={id}
      title={table.title}
      height={height}
      hidden={hidden}
      description={describe(t.chart.stacked, items, hidden)}
      legend={
        <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label={t.chart.legend}>
          {cols.map((ci, s) => (
            <li key={table.columns[ci].key}>
              <Swatch id={id} i={s} />
              {table.columns[ci].label}
            </li>
          ))}
        </ul>
      }
    >
      <Patterns id={id} count={cols.length} />
      {table.rows.map((row, i) => {
        const y = 4 + i * rowH;
        let x = 0;
        const suppressedHere = cols.some((ci) => row.cells[ci]?.suppressed);
        return (
          <g key={row.key}>
            <text x="0" y={y + 12} fontSize="13" fill={TEXT}>
              {row.label}
            </text>
            <rect x="0" y={y + 17} width={barMax} height="14" fill="#f3f4f6" />
            {cols.map((ci, s) => {
              const v = row.cells[ci]?.value ?? 0;
              if (v <= 0) return null;
              const w = (v / max) * barMax;
              const seg = <rect key={ci} x={x} y={y + 17} width={w} height="14" fill={fillOf(id, s)} stroke="white" strokeWidth="1" />;
              x += w;
              return seg;
            })}
            {suppressedHere ? (
              <text x={x + 6} y={y + 28} fontSize="12" fill={TEXT}>
                {"+ < 5"}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartFrame>
  );
}

function niceStep(max: number): number {
  const rough = Math.max(1, max / 4);
  const pow = 10 ** Math.floor(Math.log10(rough));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * pow >= rough) return Math.max(1, f * pow);
  return 10 * pow;
}

/** Columns per month (the rows of a table of months), with a value axis; long periods label only January. */
function MonthColumns({ table, col }: { table: FigureTable; col: number }) {
  const id = `chart-${table.id}`;
  const H = 220;
  const pad = { top: 10, right: 8, bottom: 36, left: 40 };
  const cells = table.rows.map((r) => r.cells[col]);
  const max = Math.max(1, ...cells.map((c) => c.value ?? 0));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const plotW = W - pad.left - pad.right;
  const plotH = H - pad.top - pad.bottom;
  const slot = plotW / Math.max(1, table.rows.length);
  const bar = Math.max(1, slot * 0.7);
  const y = (v: number) => pad.top + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const few = table.rows.length <= 24;
  const hidden = cells.filter((c) => c.suppressed).length;
  const number = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });
  return (
    <ChartFrame
      id={id}
      title={table.title}
      height={H}
      hidden={hidden}
      description={describe(
        t.chart.columns,
        table.rows.map((r, i) => t.chart.item(r.label, cells[i].display)),
        hidden,
      )}
    >
      {ticks.map((v) => (
        <g key={v}>
          <line x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} stroke={GRID} />
          <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill={TEXT}>
            {number.format(v)}
          </text>
        </g>
      ))}
      {table.rows.map((row, i) => {
        const [year, month] = row.key.split("-").map(Number);
        const cx = pad.left + i * slot + slot / 2;
        const c = cells[i];
        const labelled = few || month === 1;
        return (
          <g key={row.key}>
            {c.value ? <rect x={cx - bar / 2} y={y(c.value)} width={bar} height={y(0) - y(c.value)} fill={SERIES[0].color} /> : null}
            {c.suppressed ? <line x1={cx - bar / 2} x2={cx + bar / 2} y1={y(0) - 2} y2={y(0) - 2} stroke={TEXT} strokeDasharray="2 2" /> : null}
            {labelled ? (
              <text x={cx} y={H - 20} textAnchor="middle" fontSize="11" fill={TEXT}>
                {few ? (t.chart.monthsShort[month - 1] ?? "") : String(year)}
              </text>
            ) : null}
            {few && (month === 1 || i === 0) ? (
              <text x={cx} y={H - 6} textAnchor="middle" fontSize="11" fill={TEXT}>
                {year}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartFrame>
  );
}

/**
 * The functional admin of several municipalities (/gemeenten/cijfers): a choice of the municipalities side by
 * side or one of them (links: the period goes along), the period, and the report. No print or CSV here (the
 * city pages of each municipality have them for its controller and research office).
 */
export function MunicipalitiesFiguresBody({
  municipalities,
  chosen,
  values,
  errors,
  presets,
  search,
  periodLabel,
  report,
}: {
  municipalities: { id: string; slug: string; name: string }[];
  chosen: { id: string; slug: string; name: string } | null;
  values: { van: string; tot: string };
  errors: { van?: string[]; tot?: string[] } | null;
  presets: Record<PresetKey, Period>;
  search: string;
  periodLabel: string;
  report: CaseworkReport | null;
}) {
  const path = chosen ? `/gemeenten/cijfers/${chosen.slug}` : "/gemeenten/cijfers";
  // The export routes take the municipality as ?gemeente= (a slug cannot share a path segment with ".csv").
  const exportSearch = chosen ? `${search}&gemeente=${encodeURIComponent(chosen.slug)}` : search;
  return (
    <>
      <nav aria-labelledby="gemeente-kiezen">
        <h2 id="gemeente-kiezen">{t.municipalitiesChoose}</h2>
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
          <li>
            <Link to={`/gemeenten/cijfers${search}`} aria-current={chosen === null ? "page" : undefined}>
              {t.municipalitiesSideBySide}
            </Link>
          </li>
          {municipalities.map((m) => (
            <li key={m.id}>
              <Link to={`/gemeenten/cijfers/${m.slug}${search}`} aria-current={chosen?.id === m.id ? "page" : undefined}>
                {m.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <PeriodChooser path={path} values={values} errors={errors ?? undefined} presets={presets} />
      {report ? (
        <>
          <p className="font-semibold">
            {chosen ? `${t.municipalityShown(chosen.name)} · ` : ""}
            {periodLabel}
          </p>
          <FiguresActions printHref={`/gemeenten/afdrukken${exportSearch}`} csvHref={`/gemeenten/cijfers.csv${exportSearch}`} />
          <FiguresReport report={report} />
        </>
      ) : (
        <p role="alert" className="alert alert-error">
          {t.period.invalid}
        </p>
      )}
    </>
  );
}
