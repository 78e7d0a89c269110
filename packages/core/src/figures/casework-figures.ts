// The casework figures of issue 16 (docs/figures.md): the evaluation's
// tables for a period, for one team or the whole city, read from the
// summary casework_month_figures (kept by triggers, migration
// casework_figures_triggers) — never from the households. The team's own
// view shows every number; every other view goes through suppression.ts.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, withScope, type Scope, type Tx } from "@wijkwerk/db";
import {
  ALL_ZRM_DOMAINS,
  ASSESSMENT_QUESTIONS,
  ENTRY_ROUTES,
  GENDERS,
  GOAL_TYPES,
  HOUSEHOLD_TYPES,
  KANTELING_LAYERS,
  QUESTION_TYPES,
  REFERRAL_DESTINATIONS,
  REFERRAL_OUTCOMES,
  ZRM_SCORES,
  assessmentQuestionLabels,
  entryRouteLabels,
  genderLabels,
  goalTypeLabels,
  householdTypeLabels,
  kantelingLayerLabels,
  questionTypeLabels,
  referralDestinationLabels,
  referralOutcomeLabels,
  zrmDomainLabels,
  zrmScoreLabels,
} from "../casework";
import { DomainError, formatMoney, formatMonthYear, type UseCaseContext } from "../common";
import {
  foldingWorkbudgetDeltas,
  workbudgetMonthFigures,
  workbudgetMonthRows,
  workbudgetMonthSelect,
  type WorkbudgetMonthRaw,
  type WorkbudgetMonthRow,
} from "../workbudget";
import { SUPPRESSED_DISPLAY, figureColumnLabels, figureRowLabels, figureTableDescriptions, figureTableTitles, workbudgetRowLabels } from "./messages";
import { cachedCaseworkTables } from "./cache";
import { noSuppression, suppressGrid, type CountGrid, type SuppressionMask } from "./suppression";
import type { CaseworkReport, ChartHint, FigureCell, FigureColumn, FigureRow, FigureTable, FigureTableId, FiguresQuery, FiguresScope } from "./types";

/** At most twenty years of months in one report: the pilot's history from 2013 fits in "alles". */
export const MAX_FIGURE_MONTHS = 240;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const AGE_GROUPS = ["0-19", "20-39", "40-59", "60-79", "80+", "unknown"] as const;

/** The months from..to inclusive ('YYYY-MM'), or a DomainError. */
export function monthsBetween(from: string, to: string): string[] {
  if (!MONTH.test(from) || !MONTH.test(to)) throw new DomainError("date_invalid", 400);
  if (from > to) throw new DomainError("date_range_invalid", 400);
  const months: string[] = [];
  let [y, m] = from.split("-").map(Number);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > to) break;
    months.push(month);
    if (months.length > MAX_FIGURE_MONTHS) throw new DomainError("date_range_invalid", 400);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

/** One summary row as read (summed per team × month × metric × key). */
export interface MonthFigure {
  teamId: string;
  /** Only the per-month tables need the month (metrics without a key: opened, contacts…); null: summed over the period. */
  month: string | null;
  metric: string;
  key: string;
  n: number;
  total: number;
}

/** A team of the view with the version of its figures (0: none yet), read under row-level security. */
interface TeamVersion {
  id: string;
  name: string;
  version: string;
}

/**
 * The teams of a view and the version of each one's figures — the cache key — and, in the same statement (one round
 * trip), the view's workbudget per team × month, which is never cached (its summary changes with every approval:
 * ADR 0017; the statement folds its deltas first: foldingWorkbudgetDeltas). Read in the request's transaction
 * BEFORE the figures: each statement of a READ COMMITTED transaction sees every commit made before it began, so the
 * figures read after the key include at least what the key names (at worst a newer commit, whose bump makes later
 * readers ask for another key). Read after the figures, a commit in between would file the old figures under the
 * new key, for ever.
 */
async function readKeyAndWorkbudget(
  tx: Tx,
  v: { municipalityId: string; teamId?: string; from: string; to: string },
): Promise<{ versions: TeamVersion[]; workbudget: WorkbudgetMonthRow[] }> {
  const [row] = await queryRows<{ versions: [string, string, string][]; workbudget: WorkbudgetMonthRaw[] }>(
    tx,
    sql`${foldingWorkbudgetDeltas}
        select (select coalesce(json_agg(json_build_array(t.id, t.name, coalesce(v.version, 0)::text) order by t.name, t.id), '[]')
                from teams t left join casework_figures_versions v on v.team_id = t.id and v.municipality_id = t.municipality_id
                where t.municipality_id = ${v.municipalityId} ${v.teamId ? sql`and t.id = ${v.teamId}` : sql``}) as versions,
               (select coalesce(json_agg(w), '[]')
                from (${workbudgetMonthSelect({ municipalityId: v.municipalityId, teamId: v.teamId, fromMonth: v.from, toMonth: v.to })}) w) as workbudget
        from merged`,
  );
  return {
    versions: row.versions.map(([id, name, version]) => ({ id, name, version })),
    workbudget: workbudgetMonthRows(row.workbudget),
  };
}

/**
 * A plan made for a city's read with its own values, not the prepared statement's generic plan: after five runs
 * PostgreSQL may keep a generic plan, which for a big city's years was serial with a sort on disk (4,1 s against 2,0 s for the
 * parallel plan its values get; docs/benchmarks.md, session 13). For the rest of the transaction only.
 */
async function planForTheseValues(tx: Tx) {
  await tx.execute(sql`select set_config('plan_cache_mode', 'force_custom_plan', true)`);
}

async function readMonthFigures(tx: Tx, municipalityId: string, from: string, to: string, teamId?: string): Promise<MonthFigure[]> {
  // A team's read is small whatever its plan: the round trip is saved.
  if (!teamId) await planForTheseValues(tx);
  // Summed over the period in SQL, per team × metric × key; per month only where a table shows months (key ''):
  // a city over years sends ≈ a tenth of the rows to Node (docs/benchmarks.md, bench:analytics).
  const rows = await queryRows<{ team_id: string; month: string | null; metric: string; key: string; n: string; total: string }>(
    tx,
    sql`select team_id, case when key = '' then to_char(month, 'YYYY-MM') end as month, metric, key, sum(n)::text as n, sum(total)::text as total
        from casework_month_figures
        where municipality_id = ${municipalityId} and month between ${`${from}-01`}::date and ${`${to}-01`}::date
          ${teamId ? sql`and team_id = ${teamId}` : sql``}
        group by team_id, 2, metric, key`,
  );
  return rows.map((r) => ({ teamId: r.team_id, month: r.month, metric: r.metric, key: r.key, n: Number(r.n), total: Number(r.total) }));
}

/**
 * The casework tables of one municipality's view (a team, or the city), from the cache when the key — the view
 * and its teams' versions — was built before, else from the summary; and its workbudget, read fresh with the key.
 * A team that is not there (or not readable): 404.
 */
async function teamsAndTables(
  ctx: UseCaseContext,
  tx: Tx,
  v: { scope: FiguresScope; municipalityId: string; from: string; to: string; months: string[]; suppressed: boolean },
) {
  const teamId = v.scope.kind === "team" ? v.scope.teamId : undefined;
  const { versions, workbudget } = await readKeyAndWorkbudget(tx, { municipalityId: v.municipalityId, teamId, from: v.from, to: v.to });
  if (teamId && versions.length === 0) throw new DomainError("not_found", 404);
  const teams = versions.map(({ id, name }) => ({ id, name }));
  const key = JSON.stringify([teamId ? `team:${teamId}` : "city", ctx.scope.kind, v.municipalityId, v.from, v.to, v.suppressed, versions]);
  const tables = await cachedCaseworkTables(ctx.db, key, async () =>
    buildCaseworkTables({ ...v, teams, figures: await readMonthFigures(tx, v.municipalityId, v.from, v.to, teamId) }),
  );
  return { teams, tables, workbudget };
}

/**
 * The report. Team view by a member of the team: team scope, nothing
 * suppressed. Every other view (the city; a team seen by the controller or
 * the researcher): municipality scope, suppressed. Authorised by
 * `read CaseworkFigures`; row-level security is the second wall.
 */
export async function caseworkFigures(ctx: UseCaseContext, query: FiguresQuery): Promise<CaseworkReport> {
  const months = monthsBetween(query.from, query.to);
  const municipalityId = ctx.scope.municipalityId;
  const teamId = query.scope.kind === "team" ? query.scope.teamId : undefined;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("CaseworkFigures", teamId ? { teamId, municipalityId } : { municipalityId }));
  const inside = teamId !== undefined && ctx.scope.kind === "team" && ctx.scope.teamId === teamId;
  if (!inside && ctx.scope.kind !== "municipality") throw new DomainError("forbidden", 403);
  const dbScope: Scope = ctx.scope;
  const view = { scope: query.scope, municipalityId, from: query.from, to: query.to, months, suppressed: !inside };
  return withScope(ctx.db, dbScope, async (tx) => {
    // The workbudget fresh on every request, read with the key: its summary changes with every approval (ADR 0017).
    const { teams, tables, workbudget } = await teamsAndTables(ctx, tx, view);
    return assembleReport({ ...view, teams, workbudget }, tables);
  });
}

// ── Several municipalities (their functional admin) ─────────────────────────

export interface MunicipalitiesFiguresQuery {
  from: string;
  to: string;
  /** One municipality (its teams and its total); absent: the municipalities side by side (a column each). */
  municipalityId?: string;
  /** The same by its slug (the page's URL); a slug not administered is not found, as an id. */
  municipalitySlug?: string;
}

export interface MunicipalitiesFigures {
  /** What the admin may choose from: the municipalities they administer, by name. */
  municipalities: { id: string; slug: string; name: string }[];
  /** The one shown, or null when side by side. */
  chosen: { id: string; slug: string; name: string } | null;
  report: CaseworkReport;
}

/**
 * The casework figures for the functional admin of several municipalities (issue 16): one municipality
 * as its city view (per team and its total), or every administered municipality side by side (a column
 * per municipality and their total). Always suppressed (the admin is outside every team). CASL
 * (`read MunicipalitiesFigures` per municipality, from admin_municipalities) decides which
 * municipalities; the scope 'figures' lets row-level security decide again (app_admin_municipalities(),
 * migration 0053). Same summaries, same tables, same suppression as the city view.
 */
export async function municipalitiesFigures(ctx: UseCaseContext, query: MunicipalitiesFiguresQuery): Promise<MunicipalitiesFigures> {
  const months = monthsBetween(query.from, query.to);
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", "MunicipalitiesFigures");
  if (ctx.scope.kind !== "figures") throw new DomainError("forbidden", 403);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const listed = await queryRows<{ id: string; slug: string; name: string }>(
      tx,
      sql`select id, slug, name from municipalities where id = any((select app_admin_municipalities())::uuid[]) order by name, id`,
    );
    const municipalities = listed.filter((m) => ctx.ability.can("read", as("MunicipalitiesFigures", { municipalityId: m.id })));
    const city: FiguresScope = { kind: "city" };
    const view = { scope: city, from: query.from, to: query.to, months, suppressed: true };
    if (query.municipalityId !== undefined || query.municipalitySlug !== undefined) {
      const chosen = municipalities.find((m) => (query.municipalityId !== undefined ? m.id === query.municipalityId : m.slug === query.municipalitySlug));
      if (!chosen) throw new DomainError("not_found", 404);
      const { teams, tables, workbudget } = await teamsAndTables(ctx, tx, { ...view, municipalityId: chosen.id });
      return { municipalities, chosen, report: assembleReport({ ...view, teams, workbudget }, tables) };
    }
    // Side by side: every figure summed per municipality, which then stands where a team stands in the city view.
    // The key: the municipalities shown and every version of their teams (a team without one has no figures),
    // read before the figures for the reason readKeyAndWorkbudget gives.
    const ids = `{${municipalities.map((m) => m.id).join(",")}}`;
    const versions = await queryRows<{ municipality_id: string; team_id: string; version: string }>(
      tx,
      sql`select municipality_id, team_id, version::text from casework_figures_versions
          where municipality_id = any(${ids}::uuid[]) order by municipality_id, team_id`,
    );
    const teams = municipalities.map((m) => ({ id: m.id, name: m.name }));
    const key = JSON.stringify(["municipalities", ctx.scope.kind, query.from, query.to, true, teams, versions]);
    const tables = await cachedCaseworkTables(ctx.db, key, async () => {
      await planForTheseValues(tx);
      const rows = await queryRows<{ municipality_id: string; month: string | null; metric: string; key: string; n: string; total: string }>(
        tx,
        sql`select municipality_id, case when key = '' then to_char(month, 'YYYY-MM') end as month, metric, key, sum(n)::text as n, sum(total)::text as total
            from casework_month_figures
            where municipality_id = any(${ids}::uuid[]) and month between ${`${query.from}-01`}::date and ${`${query.to}-01`}::date
            group by municipality_id, 2, metric, key`,
      );
      const figures: MonthFigure[] = rows.map((r) => ({
        teamId: r.municipality_id,
        month: r.month,
        metric: r.metric,
        key: r.key,
        n: Number(r.n),
        total: Number(r.total),
      }));
      return buildCaseworkTables({ scope: city, months, teams, figures, suppressed: true, totalLabel: figureColumnLabels.allMunicipalities });
    });
    const workbudget: WorkbudgetMonthRow[] = [];
    for (const m of municipalities)
      for (const w of await workbudgetMonthFigures(tx, { municipalityId: m.id, fromMonth: query.from, toMonth: query.to }))
        workbudget.push({ ...w, teamId: m.id });
    return { municipalities, chosen: null, report: assembleReport({ ...view, teams, workbudget, totalLabel: figureColumnLabels.allMunicipalities }, tables) };
  });
}

// ── Building the tables (pure, from the summary rows) ───────────────────────

const nl = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });
const nl1 = new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const HIDDEN: FigureCell = { value: null, display: SUPPRESSED_DISPLAY, suppressed: true };
/** A count as shown: below 1.000 the digits themselves (what nl-NL gives, without Intl's cost per cell of a big city's tables). */
const countDisplay = (n: number) => (Number.isInteger(n) && n >= 0 && n < 1000 ? String(n) : nl.format(n));
const countCell = (n: number, hidden: boolean): FigureCell => (hidden ? HIDDEN : { value: n, display: countDisplay(n), suppressed: false });
/** A percentage (0–100, one decimal); "–" over nothing. */
const percentCell = (part: number, whole: number, hidden: boolean): FigureCell => {
  if (hidden) return HIDDEN;
  if (whole === 0) return { value: null, display: "–", suppressed: false };
  const v = Math.round((1000 * part) / whole) / 10;
  return { value: v, display: `${nl1.format(v)}%`, suppressed: false };
};
const averageCell = (sum: number, n: number, hidden: boolean, signed = false): FigureCell => {
  if (hidden) return HIDDEN;
  if (n === 0) return { value: null, display: "–", suppressed: false };
  const v = Math.round((100 * sum) / n) / 100;
  const shown = Math.round(v * 10) / 10;
  return { value: v, display: `${signed && shown > 0 ? "+" : ""}${nl1.format(shown)}`, suppressed: false };
};

/** What the casework tables are built from: the summary rows of the view's teams. */
interface CaseworkTablesInput {
  scope: FiguresQuery["scope"];
  months: string[];
  teams: { id: string; name: string }[];
  figures: MonthFigure[];
  suppressed: boolean;
  /** The total column's heading in the city view ("Gemeente"; "Alle gemeenten" when the columns are municipalities). */
  totalLabel?: string;
}

/** What the workbudget table is built from, fresh on every request. */
interface WorkbudgetTableInput {
  scope: FiguresQuery["scope"];
  teams: { id: string; name: string }[];
  /** The workbudget per team × month (workbudgetMonthFigures); none: an empty table. */
  workbudget?: WorkbudgetMonthRow[];
  suppressed: boolean;
  totalLabel?: string;
}

interface ReportInput extends CaseworkTablesInput, WorkbudgetTableInput {
  from: string;
  to: string;
}

type Category = { key: string; label: string };
/** The suppression of a total shown in several tables, per team and for the city. */
type Marginal = { teams: boolean[]; city: boolean };

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const maskFor =
  (suppressed: boolean) =>
  (grid: CountGrid): SuppressionMask =>
    suppressed ? suppressGrid(grid) : noSuppression(grid);
/** The city view's count columns: a column per team (or municipality) and the total. */
const cityColumns = (teams: { id: string; name: string }[], totalLabel?: string): FigureColumn[] => [
  ...teams.map((t) => ({ key: t.id, label: t.name, kind: "count" as const, teamId: t.id })),
  { key: "city", label: totalLabel ?? figureColumnLabels.city, kind: "count" as const },
];

/** The whole report from summary rows: the casework tables, then the workbudget table. Exported for tests of the table shapes. */
export function buildReport(input: ReportInput): CaseworkReport {
  return assembleReport(input, buildCaseworkTables(input));
}

/** The report of the casework tables (built now or cached) and the workbudget table, built now. */
function assembleReport(input: Omit<ReportInput, "figures">, casework: readonly FigureTable[]): CaseworkReport {
  const { scope, from, to, months, teams, suppressed } = input;
  return { scope, from, to, months, teams, suppressed, tables: [...casework, buildWorkbudgetTable(input)] };
}

/**
 * The casework tables (every table but the workbudget's), with their suppression: a function of the summary
 * rows of the view's teams alone, so one build serves every request until a team's figures change (cache.ts).
 */
export function buildCaseworkTables(input: CaseworkTablesInput): FigureTable[] {
  const { months, teams, suppressed } = input;
  const city = input.scope.kind === "city";
  // Sums per metric × key over the period, by the team's position in `teams`, with the scope's sum (every team of
  // the view); per metric × month for the tables that show months. Positions, not ids, in the loops below: the city
  // of a big municipality builds these tables for hundreds of teams (docs/benchmarks.md, bench:analytics).
  const position = new Map(teams.map((t, j) => [t.id, j]));
  const zeros = () => new Array<number>(teams.length).fill(0);
  const period = new Map<string, { n: number[]; total: number[]; scopeN: number; scopeTotal: number }>();
  const perMonth = new Map<string, number[]>();
  for (const f of input.figures) {
    const j = position.get(f.teamId);
    if (j === undefined) continue; // not a team of the view
    const k = `${f.metric}|${f.key}`;
    let p = period.get(k);
    if (!p) period.set(k, (p = { n: zeros(), total: zeros(), scopeN: 0, scopeTotal: 0 }));
    p.n[j] += f.n;
    p.total[j] += f.total;
    p.scopeN += f.n;
    p.scopeTotal += f.total;
    if (f.key === "") {
      const mk = `${f.metric}|${f.month}`;
      let m = perMonth.get(mk);
      if (!m) perMonth.set(mk, (m = zeros()));
      m[j] += f.n;
    }
  }
  const teamN = (j: number, metric: string, key: string) => period.get(`${metric}|${key}`)?.n[j] ?? 0;
  const scopeN = (metric: string, key: string) => period.get(`${metric}|${key}`)?.scopeN ?? 0;
  const scopeTotal = (metric: string, key: string) => period.get(`${metric}|${key}`)?.scopeTotal ?? 0;
  const mask = maskFor(suppressed);

  /** The suppression of a marginal shown in several tables (per team and the city), decided once. */
  const marginal = (perTeam: number[]): Marginal => {
    if (!city) return { teams: perTeam.map((n) => suppressed && n < 5), city: false };
    const m = mask({ cells: [perTeam], rowTotals: [sum(perTeam)] });
    return { teams: m.cells[0], city: m.rowTotals[0] };
  };
  const openedPerTeam = teams.map((_, j) => teamN(j, "opened", ""));
  const openedMarginal = marginal(openedPerTeam);
  // Referrals per team: in all, per destination and per outcome (summed over the other).
  const referralsPerTeam = zeros();
  const referralsTo = new Map<string, number[]>(REFERRAL_DESTINATIONS.map((d) => [d, zeros()]));
  const referralsEnding = new Map<string, number[]>(REFERRAL_OUTCOMES.map((o) => [o, zeros()]));
  for (const d of REFERRAL_DESTINATIONS)
    for (const o of REFERRAL_OUTCOMES) {
      const p = period.get(`referral|${d}:${o}`);
      if (p)
        p.n.forEach((n, j) => {
          referralsPerTeam[j] += n;
          referralsTo.get(d)![j] += n;
          referralsEnding.get(o)![j] += n;
        });
    }
  const referralMarginal = marginal(referralsPerTeam);

  const unitColumns = (percent: boolean): FigureColumn[] => [
    ...(city ? cityColumns(teams, input.totalLabel) : [{ key: "count", label: figureColumnLabels.count, kind: "count" as const }]),
    ...(percent ? [{ key: "percent", label: figureColumnLabels.percent, kind: "percent" as const }] : []),
  ];

  /**
   * A table of categories × units (the team; or every team and the city):
   * counts, the totals row, optionally the share of the last unit and the
   * average per month. `fixed`: the marginal the column totals share with other tables.
   */
  const unitTable = (
    id: FigureTableId,
    categories: Category[],
    countOf: (team: number, key: string) => number,
    opts: { percent?: boolean; average?: boolean; fixed?: Marginal; noTotals?: boolean; chart: ChartHint },
  ): FigureTable => {
    const cells = categories.map((c) => (city ? teams : teams.slice(0, 1)).map((_, j) => countOf(j, c.key)));
    const colTotals = (city ? teams : teams.slice(0, 1)).map((_, j) => sum(cells.map((r) => r[j])));
    const withTotals = !opts.noTotals;
    const grid: CountGrid = city
      ? {
          cells,
          rowTotals: cells.map(sum),
          ...(withTotals ? { colTotals, grandTotal: sum(colTotals) } : {}),
          fixed: opts.fixed && withTotals ? { colTotals: opts.fixed.teams, grandTotal: opts.fixed.city } : undefined,
        }
      : withTotals
        ? { cells, colTotals, fixed: opts.fixed ? { colTotals: opts.fixed.teams.slice(0, 1) } : undefined }
        : { cells };
    const m = mask(grid);
    const last = (r: number) => (city ? { n: grid.rowTotals![r], hidden: m.rowTotals[r] } : { n: cells[r][0], hidden: m.cells[r][0] });
    const whole = city ? { n: sum(colTotals), hidden: m.grandTotal } : { n: colTotals[0] ?? 0, hidden: m.colTotals[0] ?? false };
    const rows: FigureRow[] = categories.map((c, r) => ({
      key: c.key,
      label: c.label,
      cells: [
        ...cells[r].map((n, j) => countCell(n, m.cells[r][j])),
        ...(city ? [countCell(grid.rowTotals![r], m.rowTotals[r])] : []),
        ...(opts.percent ? [percentCell(last(r).n, whole.n, last(r).hidden || whole.hidden)] : []),
      ],
    }));
    const totalCells = [...colTotals.map((n, j) => countCell(n, m.colTotals[j])), ...(city ? [countCell(whole.n, whole.hidden)] : [])];
    const totals: FigureRow = {
      key: "total",
      label: opts.average ? figureRowLabels.periodTotal : figureRowLabels.total,
      cells: [...totalCells, ...(opts.percent ? [percentCell(whole.n, whole.n, whole.hidden)] : [])],
    };
    const average: FigureRow | undefined = opts.average
      ? {
          key: "average",
          label: figureRowLabels.averagePerMonth,
          cells: [
            ...colTotals.map((n, j) => averageCell(n, months.length, m.colTotals[j])),
            ...(city ? [averageCell(whole.n, months.length, whole.hidden)] : []),
          ],
        }
      : undefined;
    return {
      id,
      title: figureTableTitles[id],
      description: figureTableDescriptions[id],
      columns: unitColumns(opts.percent ?? false),
      rows,
      ...(withTotals ? { totals } : {}),
      ...(average ? { average } : {}),
      chart: opts.chart,
    };
  };

  const monthCategories: Category[] = months.map((mo) => ({ key: mo, label: formatMonthYear(mo) }));
  const monthTable = (id: FigureTableId, metric: string, fixed?: Marginal) =>
    unitTable(id, monthCategories, (j, mo) => perMonth.get(`${metric}|${mo}`)?.[j] ?? 0, {
      average: true,
      fixed,
      chart: { kind: "line", column: city ? "city" : "count" },
    });
  const vocabulary = (keys: readonly string[], labels: Record<string, string>): Category[] => keys.map((k) => ({ key: k, label: labels[k] ?? k }));
  const distribution = (id: FigureTableId, metric: string, categories: Category[], fixed: Marginal | null = openedMarginal) =>
    unitTable(id, categories, (j, k) => teamN(j, metric, k), {
      percent: true,
      fixed: fixed ?? undefined,
      chart: { kind: "bars", column: city ? "city" : "count" },
    });

  /**
   * A table over the whole scope (the team, or the city summed): categories
   * × sub-categories with the row total; `fixedRows`: row totals shown in
   * another table too, suppressed there the same way.
   */
  const scopeMatrix = (
    categories: Category[],
    columns: Category[],
    countOf: (row: string, col: string) => number,
    opts: { colTotals?: boolean; fixedRows?: boolean[] },
  ) => {
    const cells = categories.map((r) => columns.map((c) => countOf(r.key, c.key)));
    const rowTotals = cells.map(sum);
    const colTotals = opts.colTotals ? columns.map((_, j) => sum(cells.map((r) => r[j]))) : undefined;
    const grid: CountGrid = {
      cells,
      rowTotals,
      ...(colTotals ? { colTotals, grandTotal: sum(colTotals) } : {}),
      ...(opts.fixedRows ? { fixed: { rowTotals: opts.fixedRows } } : {}),
    };
    return { cells, rowTotals, colTotals, grandTotal: grid.grandTotal ?? 0, mask: mask(grid) };
  };
  const countColumns = (cats: Category[]): FigureColumn[] => cats.map((c) => ({ key: c.key, label: c.label, kind: "count" as const }));
  const totalColumn: FigureColumn = { key: "total", label: figureColumnLabels.total, kind: "count" };
  const domains = vocabulary(ALL_ZRM_DOMAINS, zrmDomainLabels);

  // ZRM at intake and at the latest: the row totals (cases that scored the domain) are the same in both tables.
  const zrmCases = domains.map((d) => sum(ZRM_SCORES.map((s) => scopeN("zrm_intake", `${d.key}:${s}`))));
  const zrmCasesHidden = zrmCases.map((n) => suppressed && n < 5);
  const scores: Category[] = ZRM_SCORES.map((s) => ({ key: String(s), label: `${s} ${zrmScoreLabels[s]}` }));
  const zrmTable = (id: FigureTableId, metric: string): FigureTable => {
    const g = scopeMatrix(domains, scores, (d, s) => scopeN(metric, `${d}:${s}`), { fixedRows: zrmCasesHidden });
    return {
      id,
      title: figureTableTitles[id],
      description: figureTableDescriptions[id],
      columns: [...countColumns(scores), totalColumn],
      rows: domains.map((d, r) => ({
        key: d.key,
        label: d.label,
        cells: [...g.cells[r].map((n, j) => countCell(n, g.mask.cells[r][j])), countCell(g.rowTotals[r], g.mask.rowTotals[r])],
      })),
      chart: { kind: "stacked", series: scores.map((s) => s.key) },
    };
  };

  const movementKinds: Category[] = (["improved", "equal", "declined"] as const).map((k) => ({ key: k, label: figureColumnLabels[k] }));
  const movement = (() => {
    const g = scopeMatrix(domains, movementKinds, (d, k) => scopeN("zrm_movement", `${d}:${k}`), {});
    const change = domains.map((d) => sum(movementKinds.map((k) => scopeTotal("zrm_movement", `${d.key}:${k.key}`))));
    const table: FigureTable = {
      id: "zrm-movement",
      title: figureTableTitles["zrm-movement"],
      description: figureTableDescriptions["zrm-movement"],
      columns: [...countColumns(movementKinds), totalColumn, { key: "averageChange", label: figureColumnLabels.averageChange, kind: "average" }],
      rows: domains.map((d, r) => ({
        key: d.key,
        label: d.label,
        cells: [
          ...g.cells[r].map((n, j) => countCell(n, g.mask.cells[r][j])),
          countCell(g.rowTotals[r], g.mask.rowTotals[r]),
          averageCell(change[r], g.rowTotals[r], g.mask.rowTotals[r], true),
        ],
      })),
      chart: { kind: "stacked", series: movementKinds.map((k) => k.key) },
    };
    return table;
  })();

  const arrangementKinds: Category[] = [
    { key: "existing", label: figureColumnLabels.existing },
    { key: "new", label: figureColumnLabels.new },
  ];
  const arrangements = (() => {
    const layers = vocabulary(KANTELING_LAYERS, kantelingLayerLabels);
    const g = scopeMatrix(layers, arrangementKinds, (l, k) => scopeN("arrangement", `${l}:${k}`), { colTotals: true });
    const share = (n: number, hidden: boolean) => percentCell(n, g.grandTotal, hidden || g.mask.grandTotal);
    const table: FigureTable = {
      id: "arrangements",
      title: figureTableTitles.arrangements,
      description: figureTableDescriptions.arrangements,
      columns: [
        ...countColumns(arrangementKinds),
        totalColumn,
        { key: "existingPercent", label: figureColumnLabels.existingPercent, kind: "percent" },
        { key: "newPercent", label: figureColumnLabels.newPercent, kind: "percent" },
      ],
      rows: layers.map((l, r) => ({
        key: l.key,
        label: l.label,
        cells: [
          ...g.cells[r].map((n, j) => countCell(n, g.mask.cells[r][j])),
          countCell(g.rowTotals[r], g.mask.rowTotals[r]),
          share(g.cells[r][0], g.mask.cells[r][0]),
          share(g.cells[r][1], g.mask.cells[r][1]),
        ],
      })),
      totals: {
        key: "total",
        label: figureRowLabels.total,
        cells: [
          ...g.colTotals!.map((n, j) => countCell(n, g.mask.colTotals[j])),
          countCell(g.grandTotal, g.mask.grandTotal),
          share(g.colTotals![0], g.mask.colTotals[0]),
          share(g.colTotals![1], g.mask.colTotals[1]),
        ],
      },
      chart: { kind: "stacked", series: arrangementKinds.map((k) => k.key) },
    };
    return table;
  })();

  // The assessment: closed and assessed per unit; per question yes/no/unknown over the scope.
  const closedPerTeam = teams.map((_, j) => teamN(j, "closed", ""));
  const assessmentCount = unitTable(
    "assessment-count",
    [
      { key: "closed", label: figureRowLabels.closed },
      { key: "assessed", label: figureRowLabels.assessed },
    ],
    (j, k) => teamN(j, k, ""),
    // Closed and assessed overlap: no column sum.
    { noTotals: true, chart: { kind: "bars", column: city ? "city" : "count" } },
  );
  const closedMarginal = marginal(closedPerTeam);
  const scopeClosed = sum(closedPerTeam);
  const scopeClosedHidden = city ? closedMarginal.city : (closedMarginal.teams[0] ?? false);
  const assessedRow = assessmentCount.rows[1].cells.at(city ? -1 : 0)!;
  const answers: Category[] = (["yes", "no", "unknown"] as const).map((a) => ({ key: a, label: figureColumnLabels[a] }));
  const assessment = (() => {
    const questions = vocabulary(ASSESSMENT_QUESTIONS, assessmentQuestionLabels);
    const g = scopeMatrix(questions, answers, (q, a) => scopeN("assessment", `${q}:${a}`), {
      fixedRows: questions.map(() => scopeClosedHidden),
    });
    const assessed = scopeN("assessed", "");
    const table: FigureTable = {
      id: "assessment",
      title: figureTableTitles.assessment,
      description: figureTableDescriptions.assessment,
      columns: [...countColumns(answers), totalColumn, { key: "yesPercent", label: figureColumnLabels.yesPercent, kind: "percent" }],
      rows: questions.map((q, r) => ({
        key: q.key,
        label: q.label,
        cells: [
          ...g.cells[r].map((n, j) => countCell(n, g.mask.cells[r][j])),
          countCell(scopeClosed, g.mask.rowTotals[r]),
          percentCell(g.cells[r][0], assessed, g.mask.cells[r][0] || assessedRow.suppressed),
        ],
      })),
      chart: { kind: "bars", column: "yesPercent" },
    };
    return table;
  })();

  const withUnknown = (keys: readonly string[], labels: Record<string, string>) => [
    ...vocabulary(keys, labels),
    { key: "unknown", label: figureRowLabels.unknown },
  ];

  const tables: FigureTable[] = [
    monthTable("cases-per-month", "opened", openedMarginal),
    monthTable("contacts-per-month", "contact"),
    monthTable("objections-per-month", "objection"),
    distribution("gender", "gender", vocabulary(GENDERS, genderLabels)),
    distribution("age-groups", "age_group", vocabulary(AGE_GROUPS, figureRowLabels.ageGroups)),
    distribution("household-types", "household_type", withUnknown(HOUSEHOLD_TYPES, householdTypeLabels)),
    distribution("entry-routes", "entry_route", vocabulary(ENTRY_ROUTES, entryRouteLabels)),
    distribution("question-types", "question_type", vocabulary(QUESTION_TYPES, questionTypeLabels)),
    unitTable("referral-destinations", vocabulary(REFERRAL_DESTINATIONS, referralDestinationLabels), (j, d) => referralsTo.get(d)![j], {
      percent: true,
      fixed: referralMarginal,
      chart: { kind: "bars", column: city ? "city" : "count" },
    }),
    unitTable("referral-outcomes", vocabulary(REFERRAL_OUTCOMES, referralOutcomeLabels), (j, o) => referralsEnding.get(o)![j], {
      percent: true,
      fixed: referralMarginal,
      chart: { kind: "bars", column: city ? "city" : "count" },
    }),
    zrmTable("zrm-intake", "zrm_intake"),
    zrmTable("zrm-latest", "zrm_latest"),
    movement,
    arrangements,
    distribution("goal-types", "goal_type", vocabulary(GOAL_TYPES, goalTypeLabels), null),
    assessmentCount,
    assessment,
  ];
  return tables;
}

/**
 * The workbudget beside the casework: measures × units. A count under 5 is
 * hidden like any other; an amount is hidden where the count it is summed
 * over is, and its city total where that would reveal it (the same line rule).
 * Built fresh on every request: never cached with the casework tables.
 */
export function buildWorkbudgetTable(input: WorkbudgetTableInput): FigureTable {
  type Measure = keyof typeof workbudgetRowLabels;
  const { teams } = input;
  const city = input.scope.kind === "city";
  const mask = maskFor(input.suppressed);
  const units = city ? teams : teams.slice(0, 1);
  // The rows per unit, grouped once (a city has a row per team × month).
  const position = new Map(units.map((t, j) => [t.id, j]));
  const rowsOf = units.map((): WorkbudgetMonthRow[] => []);
  for (const w of input.workbudget ?? []) {
    const j = position.get(w.teamId);
    if (j !== undefined) rowsOf[j].push(w);
  }
  const per = (measure: Measure) => rowsOf.map((rows) => sum(rows.map((w) => w[measure])));
  /** Each measure with the count it is over. */
  const measures: [Measure, Measure][] = [
    ["requests", "requests"],
    ["requestedCents", "requests"],
    ["approved", "approved"],
    ["committedCents", "requests"],
    ["paidCents", "requests"],
    ["expectedReturnCents", "approved"],
    ["realisedReturnCents", "problemsPrevented"],
    ["problemsPrevented", "problemsPrevented"],
  ];
  const rows: FigureRow[] = measures.map(([measure, base]) => {
    const values = per(measure);
    const m = mask(city ? { cells: [per(base)], rowTotals: [sum(per(base))] } : { cells: [per(base)] });
    const money = measure.endsWith("Cents");
    const cell = (v: number, hidden: boolean): FigureCell =>
      hidden ? HIDDEN : { value: v, display: money ? formatMoney(v) : nl.format(v), suppressed: false };
    return {
      key: measure,
      label: workbudgetRowLabels[measure],
      ...(money ? { unit: "cents" as const } : {}),
      cells: [...values.map((v, j) => cell(v, m.cells[0][j])), ...(city ? [cell(sum(values), m.rowTotals[0])] : [])],
    };
  });
  return {
    id: "workbudget",
    title: figureTableTitles.workbudget,
    description: figureTableDescriptions.workbudget,
    columns: city ? cityColumns(teams, input.totalLabel) : [{ key: "value", label: figureColumnLabels.amount, kind: "count" as const }],
    rows,
    chart: { kind: "bars", column: city ? "city" : "value" },
  };
}
