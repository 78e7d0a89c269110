// The business case (docs/business-case.md): per team and city-wide, for one
// calendar year, what the teams cost (team_cost_lines) against (a) the
// workbudget's realised financial returns (workbudgetMonthFigures, the
// workbudget's own definition) and (b) the avoided costs recorded on closing
// cases (business_case_avoided_costs(), per-team sums only), every norm with
// its source. Everything runs in the caller's scope: the controller and the
// research office see every team, a team's coordinator their own.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, asc, eq, queryRows, returnNorms, sql, teams, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { centsToEuros, csvText, notFound, writeCsv, type TeamContext, type UseCaseContext } from "../common";
import { workbudgetMonthFigures } from "../workbudget";
import { businessCaseCsvColumns, businessCaseCsvNormColumns, businessCaseTotalLabel, yesNo } from "./messages";
import { COST_KINDS, FIRST_YEAR, LAST_YEAR, costLinesOf, type CostKind } from "./team-costs";

export interface AvoidedByNorm {
  normId: string;
  prevented: number;
  amountCents: number;
  /** Cases closed with this norm: only inside the team (null city-wide: a count outside the team). */
  cases: number | null;
}

export interface BusinessCaseFigures {
  costsByKind: Record<CostKind, number>;
  /** Staff cost per partner organisation. */
  staff: { partnerId: string; partnerName: string; hours: number; amountCents: number }[];
  costsCents: number;
  realisedReturnCents: number;
  avoided: AvoidedByNorm[];
  avoidedCents: number;
  /** Realised returns + avoided costs. */
  returnsCents: number;
  /** Returns − costs. */
  balanceCents: number;
  /** Returns per euro of cost; null without recorded costs. */
  ratio: number | null;
  /** Whether any cost line was recorded for the year (a balance without costs means nothing). */
  hasCosts: boolean;
}

export interface BusinessCaseNorm {
  id: string;
  code: string;
  label: string;
  amountCents: number;
  unit: string;
  source: string;
  isLocalEstimate: boolean;
  active: boolean;
}

export interface BusinessCase {
  year: number;
  /** "team": one team's own page (coordinator); "city": every team with the city's total. */
  view: "team" | "city";
  teams: ({ id: string; name: string; slug: string } & BusinessCaseFigures)[];
  total: BusinessCaseFigures;
  /** Every norm used by an avoided cost in the year, with its source. */
  norms: BusinessCaseNorm[];
  /** Case counts are shown only inside the team (no suppression rule outside it yet: docs/business-case.md). */
  showCaseCounts: boolean;
  years: { first: number; last: number };
}

const year = z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR);

const emptyByKind = (): Record<CostKind, number> => Object.fromEntries(COST_KINDS.map((k) => [k, 0])) as Record<CostKind, number>;

/** The figures of a set of teams, from their cost lines, realised returns and avoided costs. */
function figuresOf(
  lines: Awaited<ReturnType<typeof costLinesOf>>,
  realisedReturnCents: number,
  avoided: (AvoidedByNorm & { teamId: string })[],
  countCases: boolean,
): BusinessCaseFigures {
  const costsByKind = emptyByKind();
  const staff = new Map<string, { partnerId: string; partnerName: string; hours: number; amountCents: number }>();
  for (const l of lines) {
    costsByKind[l.kind] += l.amountCents;
    if (l.kind === "staff" && l.partnerId) {
      const s = staff.get(l.partnerId) ?? { partnerId: l.partnerId, partnerName: l.partnerName ?? "", hours: 0, amountCents: 0 };
      s.hours = Math.round((s.hours + (l.hours ?? 0)) * 10) / 10;
      s.amountCents += l.amountCents;
      staff.set(l.partnerId, s);
    }
  }
  const byNorm = new Map<string, AvoidedByNorm>();
  for (const a of avoided) {
    const n = byNorm.get(a.normId) ?? { normId: a.normId, prevented: 0, amountCents: 0, cases: countCases ? 0 : null };
    n.prevented += a.prevented;
    n.amountCents += a.amountCents;
    if (n.cases !== null) n.cases += a.cases ?? 0;
    byNorm.set(a.normId, n);
  }
  const costsCents = COST_KINDS.reduce((s, k) => s + costsByKind[k], 0);
  const avoidedCents = [...byNorm.values()].reduce((s, n) => s + n.amountCents, 0);
  const returnsCents = realisedReturnCents + avoidedCents;
  return {
    costsByKind,
    staff: [...staff.values()].sort((a, b) => a.partnerName.localeCompare(b.partnerName, "nl")),
    costsCents,
    realisedReturnCents,
    avoided: [...byNorm.values()].sort((a, b) => b.amountCents - a.amountCents),
    avoidedCents,
    returnsCents,
    balanceCents: returnsCents - costsCents,
    ratio: costsCents > 0 ? Math.round((returnsCents / costsCents) * 100) / 100 : null,
    hasCosts: lines.length > 0,
  };
}

/** The avoided costs per team × norm of the cases closed in the year, as the database's aggregate gives them to this scope. */
async function avoidedCostsOf(tx: Tx, y: number, teamId: string | null): Promise<(AvoidedByNorm & { teamId: string })[]> {
  const rows = await queryRows<{ team_id: string; norm_id: string; prevented: string; amount_cents: string; cases: string | null }>(
    tx,
    sql`select team_id, norm_id, prevented, amount_cents, cases from business_case_avoided_costs(${`${y}-01-01`}::date, ${`${y}-12-31`}::date)
        ${teamId ? sql`where team_id = ${teamId}` : sql``}`,
  );
  return rows.map((r) => ({
    teamId: r.team_id,
    normId: r.norm_id,
    prevented: Number(r.prevented),
    amountCents: Number(r.amount_cents),
    cases: r.cases === null ? null : Number(r.cases),
  }));
}

async function build(
  tx: Tx,
  municipalityId: string,
  y: number,
  teamList: { id: string; name: string; slug: string }[],
  view: "team" | "city",
): Promise<BusinessCase> {
  const onlyTeam = view === "team" ? teamList[0].id : null;
  const lines = await costLinesOf(tx, { teamId: onlyTeam ?? undefined, year: y });
  const wb = await workbudgetMonthFigures(tx, { municipalityId, teamId: onlyTeam ?? undefined, fromMonth: `${y}-01`, toMonth: `${y}-12` });
  const avoided = await avoidedCostsOf(tx, y, onlyTeam);
  const countCases = view === "team";
  const realisedOf = (teamId: string | null) => wb.filter((r) => teamId === null || r.teamId === teamId).reduce((s, r) => s + r.realisedReturnCents, 0);
  const teamFigures = teamList.map((t) => ({
    ...t,
    ...figuresOf(
      lines.filter((l) => l.teamId === t.id),
      realisedOf(t.id),
      avoided.filter((a) => a.teamId === t.id),
      countCases,
    ),
  }));
  const teamIds = new Set(teamList.map((t) => t.id));
  const total = figuresOf(
    lines.filter((l) => teamIds.has(l.teamId)),
    wb.filter((r) => teamIds.has(r.teamId)).reduce((s, r) => s + r.realisedReturnCents, 0),
    avoided.filter((a) => teamIds.has(a.teamId)),
    countCases,
  );
  const normIds = [...new Set(avoided.map((a) => a.normId))];
  const norms = normIds.length
    ? (
        await tx
          .select({
            id: returnNorms.id,
            code: returnNorms.code,
            label: returnNorms.label,
            amountCents: returnNorms.amountCents,
            unit: returnNorms.unit,
            source: returnNorms.source,
            isLocalEstimate: returnNorms.isLocalEstimate,
            active: returnNorms.active,
          })
          .from(returnNorms)
          .where(eq(returnNorms.municipalityId, municipalityId))
          .orderBy(asc(returnNorms.label))
      ).filter((n) => normIds.includes(n.id))
    : [];
  return { year: y, view, teams: teamFigures, total, norms, showCaseCounts: countCases, years: { first: FIRST_YEAR, last: LAST_YEAR } };
}

/** The city-wide business case (controller, research office): every team of the municipality that existed in the year. */
export async function cityBusinessCase(ctx: UseCaseContext, rawYear: unknown): Promise<BusinessCase> {
  const municipalityId = ctx.actor.municipalityId;
  const y = year.safeParse(rawYear);
  if (!y.success) throw notFound();
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("BusinessCase", { municipalityId }));
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const teamList = await queryRows<{ id: string; name: string; slug: string }>(
      tx,
      sql`select id, name, slug from teams where municipality_id = ${municipalityId}
            and (active_from is null or active_from <= ${`${y.data}-12-31`}::date) and (active_to is null or active_to >= ${`${y.data}-01-01`}::date)
          order by name`,
    );
    return build(tx, municipalityId, y.data, teamList, "city");
  });
}

/** One team's business case, on the team's pages (its coordinator). */
export async function teamBusinessCase(ctx: TeamContext, rawYear: unknown): Promise<BusinessCase> {
  const municipalityId = ctx.team.municipalityId;
  const y = year.safeParse(rawYear);
  if (!y.success) throw notFound();
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("BusinessCase", { municipalityId, teamId: ctx.team.id }));
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [team] = await tx
      .select({ id: teams.id, name: teams.name, slug: teams.slug })
      .from(teams)
      .where(and(eq(teams.id, ctx.team.id), eq(teams.municipalityId, municipalityId)));
    if (!team) throw notFound();
    return build(tx, municipalityId, y.data, [team], "team");
  });
}

const euros = (cents: number) => centsToEuros(cents, true);
const ratioText = (r: number | null) => (r === null ? "" : r.toFixed(2).replace(".", ","));

/** The business case as CSV: one row per team (and the city's total), then one row per team × norm of the avoided costs. */
export function businessCaseCsv(bc: BusinessCase): string {
  const row = (name: string, f: BusinessCaseFigures) => [
    String(bc.year),
    csvText(name),
    ...COST_KINDS.map((k) => euros(f.costsByKind[k])),
    euros(f.costsCents),
    euros(f.realisedReturnCents),
    euros(f.avoidedCents),
    euros(f.returnsCents),
    euros(f.balanceCents),
    ratioText(f.ratio),
  ];
  const rows = bc.teams.map((t) => row(t.name, t));
  if (bc.view === "city") rows.push(row(businessCaseTotalLabel, bc.total));
  const normOf = new Map(bc.norms.map((n) => [n.id, n]));
  const normRows = bc.teams.flatMap((t) =>
    t.avoided.map((a) => {
      const n = normOf.get(a.normId);
      return [
        String(bc.year),
        csvText(t.name),
        csvText(n?.label ?? ""),
        csvText(n?.code ?? ""),
        n ? euros(n.amountCents) : "",
        csvText(n?.unit ?? ""),
        csvText(n?.source ?? ""),
        n ? yesNo(n.isLocalEstimate) : "",
        String(a.prevented),
        euros(a.amountCents),
      ];
    }),
  );
  return `${writeCsv(businessCaseCsvColumns, rows, { bom: true })}\r\n${writeCsv(businessCaseCsvNormColumns, normRows)}`;
}
