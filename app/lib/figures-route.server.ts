// What the figures routes share (team, city, print, CSV): the period from the
// URL, the one use case, and the streamed CSV download. Routes stay thin.
import type { CaseworkReport, FiguresScope } from "@wijkwerk/core/figures";
import type { UseCaseContext } from "@wijkwerk/core/common";
import { as } from "@wijkwerk/authz";
import { caseworkFigures, caseworkFiguresCsv, municipalitiesFigures } from "~/core/figures.server";
import { notFoundResponse, type UserContext } from "~/context.server";
import { nl } from "~/i18n/nl";
import { parsePeriod, periodPresets, periodSearch, type Period, type PeriodParse } from "~/lib/figures-period";
import { formatMonthYear } from "~/lib/format";
import { csvStreamResponse, toHttpError } from "~/lib/http.server";

export interface FiguresPageData {
  report: CaseworkReport | null;
  values: { van: string; tot: string };
  errors: Extract<PeriodParse, { ok: false }>["errors"] | null;
  presets: ReturnType<typeof periodPresets>;
  /** "?van=…&tot=…" of the period shown (for the print and CSV links); empty when the period is invalid. */
  search: string;
  periodLabel: string;
}

const label = (p: Period) => nl.figuresPages.period.shown(formatMonthYear(p.from), formatMonthYear(p.to));

/**
 * Whoever may not read these figures is refused before the period is even
 * looked at: 403 on the team page (a volunteer of the team, docs/architecture.md
 * "403 or 404"), 404 on the city page (already behind requireMunicipalityContext).
 * The use case checks again.
 */
function requireFigures(ctx: UseCaseContext, scope: FiguresScope): void {
  const municipalityId = ctx.scope.municipalityId;
  const subject = scope.kind === "team" ? as("CaseworkFigures", { municipalityId, teamId: scope.teamId }) : as("CaseworkFigures", { municipalityId });
  if (!ctx.ability.can("read", subject))
    throw scope.kind === "team" ? new Response("Geen toegang", { status: 403 }) : new Response("Niet gevonden", { status: 404 });
}

/** The report for the URL's period; an invalid period gives the form's errors and no report (status 400). */
export async function loadFiguresPage(ctx: UseCaseContext, scope: FiguresScope, request: Request): Promise<{ data: FiguresPageData; status: number }> {
  requireFigures(ctx, scope);
  const parsed = parsePeriod(new URL(request.url).searchParams);
  const presets = periodPresets();
  if (!parsed.ok) return { data: { report: null, values: parsed.values, errors: parsed.errors, presets, search: "", periodLabel: "" }, status: 400 };
  const report = await caseworkFigures(ctx, { scope, ...parsed.period }).catch(toHttpError);
  return {
    data: { report, values: parsed.values, errors: null, presets, search: `?${periodSearch(parsed.period)}`, periodLabel: label(parsed.period) },
    status: 200,
  };
}

/** The report's CSV, streamed chunk by chunk from the engine; the file name carries the scope and the period (ASCII only). */
export async function figuresCsvResponse(ctx: UseCaseContext, scope: FiguresScope, request: Request, stem: string): Promise<Response> {
  requireFigures(ctx, scope);
  const parsed = parsePeriod(new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(nl.figuresPages.csvInvalid, { status: 400 });
  const report = await caseworkFigures(ctx, { scope, ...parsed.period }).catch(toHttpError);
  return csvStreamResponse(caseworkFiguresCsv(report), `cijfers-${stem}-${parsed.period.from}-tot-${parsed.period.to}.csv`);
}

/**
 * The functional admin of several municipalities (/gemeenten/cijfers): side by side, or one municipality by its
 * slug. 404 for anyone else (no `read MunicipalitiesFigures`) and for a municipality they do not administer;
 * the scope 'figures' lets row-level security decide again.
 */
export async function loadMunicipalitiesFiguresPage(ctx: UserContext, request: Request, slug: string | null) {
  if (!ctx.ability.can("read", "MunicipalitiesFigures")) throw notFoundResponse();
  const scoped: UseCaseContext = { ...ctx, scope: { kind: "figures", municipalityId: ctx.user.municipalityId, userId: ctx.user.id } };
  const parsed = parsePeriod(new URL(request.url).searchParams);
  const presets = periodPresets();
  // One read: the municipalities to offer and the report (the chosen one by its slug, 404 when not administered).
  // An invalid period still offers the municipalities: the use case over this year (the summaries), no report shown.
  const period = parsed.ok ? parsed.period : presets.thisYear;
  const read = await municipalitiesFigures(scoped, { ...period, ...(slug === null ? {} : { municipalitySlug: slug }) }).catch(toHttpError);
  const base = { municipalities: read.municipalities, chosen: read.chosen, values: parsed.values, presets };
  if (!parsed.ok) return { data: { ...base, report: null, errors: parsed.errors, search: "", periodLabel: "" }, status: 400 };
  return { data: { ...base, report: read.report, errors: null, search: `?${periodSearch(parsed.period)}`, periodLabel: label(parsed.period) }, status: 200 };
}

/** The print page and CSV of /gemeenten/cijfers: the same page data, the municipality (if one) from `?gemeente=<slug>`. */
export async function loadMunicipalitiesFiguresExport(ctx: UserContext, request: Request) {
  const slug = new URL(request.url).searchParams.get("gemeente");
  const { data } = await loadMunicipalitiesFiguresPage(ctx, request, slug === null || slug === "" ? null : slug);
  if (!data.report) throw new Response(nl.figuresPages.csvInvalid, { status: 400 });
  return { ...data, report: data.report };
}
