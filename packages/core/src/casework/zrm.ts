// ZRM 2017 (Zelfredzaamheidsmatrix): dated measurements of only the domains
// that matter for the question — none is required, but a measurement holds
// at least one score; the parenting supplement only when the household has a
// child. The trend compares, per domain, the first score with the latest.
// Domain names and score labels only (messages.ts): the GGD's indicator texts stay out.
import { and, asc, eq, householdPersons, inArray, zrmMeasurements, zrmScores } from "@wijkwerk/db";
import { as } from "@wijkwerk/authz";
import { z } from "zod";
import { DomainError, amsterdamDay, calendarDate, invalidInput, type TeamContext } from "../common";
import { withCaseRead, withCaseWrite } from "./access";
import { currentCase, openCase } from "./current-case";
import { caseAudit } from "./plan";
import { ALL_ZRM_DOMAINS, ZRM_PARENTING, type ZrmDomain } from "./vocabulary";

export const zrmInput = z.object({
  measuredOn: calendarDate(),
  scores: z.record(z.string(), z.number().int().min(1).max(5)).default({}),
});
export type ZrmInput = z.input<typeof zrmInput>;

export type ZrmChange = "improved" | "equal" | "declined";

/** Pure: first vs latest → the change (a higher ZRM score is more self-reliant); null with fewer than two scores. */
export function zrmChange(scores: readonly (number | null)[]): { first: number | null; latest: number | null; change: ZrmChange | null } {
  const given = scores.filter((s): s is number => s != null);
  const first = given[0] ?? null;
  const latest = given.at(-1) ?? null;
  if (given.length < 2 || first == null || latest == null) return { first, latest, change: null };
  return { first, latest, change: latest > first ? "improved" : latest < first ? "declined" : "equal" };
}

async function hasChild(tx: Parameters<Parameters<typeof withCaseRead>[3]>[0], householdId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: householdPersons.id })
    .from(householdPersons)
    .where(and(eq(householdPersons.householdId, householdId), eq(householdPersons.role, "child")))
    .limit(1);
  return !!row;
}

/** Records one dated measurement on the open case. */
export async function recordZrm(ctx: TeamContext, householdId: string, raw: ZrmInput, now = new Date()): Promise<{ id: string }> {
  const parsed = zrmInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { measuredOn, scores } = parsed.data;
  const unknown = Object.keys(scores).filter((d) => !(ALL_ZRM_DOMAINS as readonly string[]).includes(d));
  if (unknown.length) throw new DomainError("invalid_input", 400, { scores: ["invalid_input"] });
  const entries = Object.entries(scores) as [ZrmDomain, number][];
  if (entries.length === 0) throw new DomainError("zrm_empty", 400, { scores: ["zrm_empty"] });
  if (measuredOn > amsterdamDay(now)) throw new DomainError("invalid_input", 400, { measuredOn: ["date_invalid"] });
  return withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCase(tx, head.id);
    if (scores[ZRM_PARENTING] != null && !(await hasChild(tx, head.id)))
      throw new DomainError("zrm_parenting_without_child", 400, { [ZRM_PARENTING]: ["zrm_parenting_without_child"] });
    const [m] = await tx
      .insert(zrmMeasurements)
      .values({ municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, caseId: c.id, householdId: head.id, measuredOn, createdBy: ctx.actor.userId })
      .returning({ id: zrmMeasurements.id });
    await tx.insert(zrmScores).values(
      entries.map(([domain, score]) => ({
        municipalityId: ctx.team.municipalityId,
        teamId: ctx.team.id,
        householdId: head.id,
        measurementId: m.id,
        domain,
        score,
      })),
    );
    await caseAudit(tx, ctx, head, "casework.zrm_recorded", "zrm_measurement", m.id, { caseId: c.id, domains: entries.length });
    return m;
  });
}

export interface ZrmTrendRow {
  domain: ZrmDomain;
  /** One per measurement (same order as `measurements`), null where the domain was not scored. */
  scores: (number | null)[];
  first: number | null;
  latest: number | null;
  change: ZrmChange | null;
}

export interface ZrmOverview {
  caseStatus: "open" | "closed" | null;
  measurements: { id: string; measuredOn: string }[];
  /** Only domains scored at least once, in the ZRM's order. */
  trend: ZrmTrendRow[];
  /** Whether the parenting supplement applies (the household has a child). */
  parentingApplies: boolean;
  canEdit: boolean;
}

/** The open (or latest) case's measurements and, per domain, each score, first vs latest and the change. */
export async function zrmTrend(ctx: TeamContext, householdId: string): Promise<ZrmOverview> {
  return withCaseRead(ctx, householdId, "zrm", async (tx, head) => {
    const c = await currentCase(tx, head.id);
    const parentingApplies = await hasChild(tx, head.id);
    const canEdit =
      !!c &&
      c.status === "open" &&
      ctx.ability.can("update", as("Case", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId, access: head.access }));
    if (!c) return { caseStatus: null, measurements: [], trend: [], parentingApplies, canEdit };
    const measurements = await tx
      .select({ id: zrmMeasurements.id, measuredOn: zrmMeasurements.measuredOn })
      .from(zrmMeasurements)
      .where(eq(zrmMeasurements.caseId, c.id))
      .orderBy(asc(zrmMeasurements.measuredOn), asc(zrmMeasurements.createdAt));
    const scores = measurements.length
      ? await tx
          .select({ measurementId: zrmScores.measurementId, domain: zrmScores.domain, score: zrmScores.score })
          .from(zrmScores)
          .where(
            inArray(
              zrmScores.measurementId,
              measurements.map((m) => m.id),
            ),
          )
      : [];
    const trend: ZrmTrendRow[] = [];
    for (const domain of ALL_ZRM_DOMAINS) {
      const row = measurements.map((m) => scores.find((s) => s.measurementId === m.id && s.domain === domain)?.score ?? null);
      if (row.every((s) => s == null)) continue;
      trend.push({ domain, scores: row, ...zrmChange(row) });
    }
    return { caseStatus: c.status, measurements, trend, parentingApplies, canEdit };
  });
}
