// Closing a case: the reason, the legal basis (which sets how long the file
// is kept: RETENTION), and the "other way of working" assessment — six
// questions, each yes / no / unknown. Arrangements still planned or running
// are ended with it when the user says so; otherwise the user is told which.
// Closing is final for that case: a new intake opens the next one.
// Optionally the team records the problems the case prevented, each against a
// return norm (the workbudget's norms, so every amount has its source) with a
// count: the avoided costs the business case adds up (docs/business-case.md).
import { as } from "@wijkwerk/authz";
import { and, caseArrangements, caseAvoidedCosts, cases, eq, households, inArray, queryRows, returnNorms, sql } from "@wijkwerk/db";
import { z } from "zod";
import { DomainError, amsterdamDay, calendarDate, invalidInput, type TeamContext } from "../common";
import { withCaseRead, withCaseWrite } from "./access";
import { currentCase, openCase } from "./current-case";
import { caseAudit } from "./plan";
import { ASSESSMENT_ANSWERS, ASSESSMENT_QUESTIONS, LEGAL_BASES, RETENTION, type AssessmentQuestion, type LegalBasis } from "./vocabulary";

type Answer = (typeof ASSESSMENT_ANSWERS)[number];

export const closeCaseInput = z.object({
  closedOn: calendarDate(),
  reason: z.string().trim().min(1).max(2000),
  legalBasis: z.enum(LEGAL_BASES),
  assessment: z
    .object(
      Object.fromEntries(ASSESSMENT_QUESTIONS.map((q) => [q, z.enum(ASSESSMENT_ANSWERS).default("unknown")])) as Record<
        AssessmentQuestion,
        z.ZodDefault<z.ZodEnum<["yes", "no", "unknown"]>>
      >,
    )
    .default({}),
  /** End the arrangements still planned or running (else closing is refused and they are named). */
  endOpenArrangements: z.boolean().default(false),
  /** Problems prevented, each against an active return norm of the municipality, once per norm. */
  avoidedCosts: z
    .array(z.object({ normId: z.string().uuid(), count: z.coerce.number().int().min(1).max(1000).default(1) }))
    .max(30)
    .default([])
    .superRefine((list, c) => {
      const seen = new Set<string>();
      list.forEach((a, i) => {
        if (seen.has(a.normId)) c.addIssue({ code: "custom", path: [i, "normId"], params: { code: "invalid_input" } });
        seen.add(a.normId);
      });
    }),
});
export type CloseCaseInput = z.input<typeof closeCaseInput>;

/** Support of this case that is still planned or running (existing support from before the intake is the household's own and stays). */
const OPEN_STATUSES = ["planned", "running"];

export async function closeCase(
  ctx: TeamContext,
  householdId: string,
  raw: CloseCaseInput,
  now = new Date(),
): Promise<{ retainUntil: string; endedArrangements: number }> {
  const parsed = closeCaseInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  if (v.closedOn > amsterdamDay(now)) throw new DomainError("invalid_input", 400, { closedOn: ["date_invalid"] });
  return withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCase(tx, head.id);
    if (v.closedOn < c.intakeOn) throw new DomainError("date_range_invalid", 400, { closedOn: ["date_range_invalid"] });
    const open = await tx
      .select({ id: caseArrangements.id, status: caseArrangements.status })
      .from(caseArrangements)
      .where(and(eq(caseArrangements.caseId, c.id), eq(caseArrangements.existing, false), inArray(caseArrangements.status, OPEN_STATUSES)));
    if (open.length && !v.endOpenArrangements) throw new DomainError("case_open_arrangements", 409, { endOpenArrangements: ["case_open_arrangements"] });
    if (open.length) {
      const ids = open.map((a) => a.id);
      // Running support ends on the closing day (unless it already ended earlier); planned support never started: stopped.
      await tx
        .update(caseArrangements)
        .set({
          status: sql`case when ${caseArrangements.status} = 'running' then 'ended' else 'stopped' end`,
          endsOn: sql`case when ${caseArrangements.status} = 'running' and (${caseArrangements.startsOn} is null or ${caseArrangements.startsOn} <= ${v.closedOn}::date)
                      and (${caseArrangements.endsOn} is null or ${caseArrangements.endsOn} > ${v.closedOn}::date) then ${v.closedOn}::date else ${caseArrangements.endsOn} end`,
          updatedAt: new Date(),
        })
        .where(inArray(caseArrangements.id, ids));
    }
    const norms = v.avoidedCosts.length
      ? await tx
          .select({ id: returnNorms.id, amountCents: returnNorms.amountCents })
          .from(returnNorms)
          .where(
            and(
              eq(returnNorms.municipalityId, ctx.team.municipalityId),
              eq(returnNorms.active, true),
              inArray(
                returnNorms.id,
                v.avoidedCosts.map((a) => a.normId),
              ),
            ),
          )
      : [];
    const amountOf = new Map(norms.map((n) => [n.id, n.amountCents]));
    const unknown = v.avoidedCosts.findIndex((a) => !amountOf.has(a.normId));
    if (unknown >= 0) throw new DomainError("invalid_input", 400, { [`avoidedCosts[${unknown}].normId`]: ["not_found"] });
    const keep = RETENTION[v.legalBasis];
    const [row] = await queryRows<{ retain_until: string }>(
      tx,
      sql`select (${v.closedOn}::date + make_interval(years => ${keep.years ?? 0}, days => ${(keep.weeks ?? 0) * 7}))::date::text as retain_until`,
    );
    const a = v.assessment as Record<AssessmentQuestion, Answer>;
    await tx
      .update(cases)
      .set({
        status: "closed",
        closedOn: v.closedOn,
        closeReason: v.reason,
        legalBasis: v.legalBasis,
        retainUntil: row.retain_until,
        actedDifferently: a.actedDifferently,
        differentArrangement: a.differentArrangement,
        timeGained: a.timeGained,
        neighbourhoodStrengthUsed: a.neighbourhoodStrengthUsed,
        sufficientSupport: a.sufficientSupport,
        residentSatisfied: a.residentSatisfied,
        updatedAt: new Date(),
      })
      .where(eq(cases.id, c.id));
    await tx.update(households).set({ status: "closed", updatedAt: new Date() }).where(eq(households.id, head.id));
    if (v.avoidedCosts.length)
      await tx.insert(caseAvoidedCosts).values(
        v.avoidedCosts.map((a) => ({
          municipalityId: ctx.team.municipalityId,
          teamId: ctx.team.id,
          householdId: head.id,
          caseId: c.id,
          normId: a.normId,
          count: a.count,
          unitAmountCents: amountOf.get(a.normId)!,
          closedOn: v.closedOn,
          createdBy: ctx.actor.userId,
        })),
      );
    const avoidedCostsCents = v.avoidedCosts.reduce((s, a) => s + a.count * amountOf.get(a.normId)!, 0);
    await caseAudit(tx, ctx, head, "casework.case_closed", "case", c.id, {
      legalBasis: v.legalBasis,
      retainUntil: row.retain_until,
      endedArrangements: open.length,
      avoidedCosts: v.avoidedCosts.length,
      avoidedCostsCents,
    });
    return { retainUntil: row.retain_until, endedArrangements: open.length };
  });
}

export interface ClosingView {
  caseId: string | null;
  status: "open" | "closed" | null;
  intakeOn: string | null;
  closedOn: string | null;
  reason: string | null;
  legalBasis: LegalBasis | null;
  retainUntil: string | null;
  assessment: Record<AssessmentQuestion, Answer | null>;
  /** Arrangements of the case still planned or running (ended by closing when the user agrees). */
  openArrangements: { id: string; layer: string; provider: string; status: string }[];
  canClose: boolean;
  /** The active return norms to choose prevented problems from (while the case is open and may be closed). */
  norms: ClosingNorm[];
  /** The avoided costs recorded at closing (amount per unit as it was then). */
  avoidedCosts: (ClosingNorm & { count: number })[];
}

export interface ClosingNorm {
  id: string;
  label: string;
  amountCents: number;
  unit: string;
  source: string;
  isLocalEstimate: boolean;
}

export async function getClosing(ctx: TeamContext, householdId: string): Promise<ClosingView> {
  return withCaseRead(ctx, householdId, "closing", async (tx, head) => {
    const c = await currentCase(tx, head.id);
    const empty = Object.fromEntries(ASSESSMENT_QUESTIONS.map((q) => [q, null])) as Record<AssessmentQuestion, Answer | null>;
    if (!c)
      return {
        caseId: null,
        status: null,
        intakeOn: null,
        closedOn: null,
        reason: null,
        legalBasis: null,
        retainUntil: null,
        assessment: empty,
        openArrangements: [],
        canClose: false,
        norms: [],
        avoidedCosts: [],
      };
    const [row] = await tx.select().from(cases).where(eq(cases.id, c.id));
    const openArrangements = await queryRows<{ id: string; layer: string; provider: string; status: string }>(
      tx,
      sql`select a.id, a.layer, coalesce(p.name, a.provider_name) as provider, a.status from case_arrangements a
          left join social_map_providers p on p.id = a.provider_id
          where a.case_id = ${c.id} and not a.existing and a.status in ('planned', 'running') order by a.created_at`,
    );
    const canClose =
      c.status === "open" && ctx.ability.can("update", as("Case", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId, access: head.access }));
    const norms = canClose
      ? await tx
          .select({
            id: returnNorms.id,
            label: returnNorms.label,
            amountCents: returnNorms.amountCents,
            unit: returnNorms.unit,
            source: returnNorms.source,
            isLocalEstimate: returnNorms.isLocalEstimate,
          })
          .from(returnNorms)
          .where(and(eq(returnNorms.municipalityId, ctx.team.municipalityId), eq(returnNorms.active, true)))
          .orderBy(returnNorms.label)
      : [];
    const avoidedCosts = await queryRows<{
      id: string;
      label: string;
      amount_cents: string;
      unit: string;
      source: string;
      is_local_estimate: boolean;
      count: number;
    }>(
      tx,
      sql`select n.id, n.label, a.unit_amount_cents as amount_cents, n.unit, n.source, n.is_local_estimate, a.count
          from case_avoided_costs a join return_norms n on n.id = a.norm_id where a.case_id = ${c.id} order by n.label`,
    );
    return {
      caseId: c.id,
      status: c.status,
      intakeOn: row.intakeOn,
      closedOn: row.closedOn,
      reason: row.closeReason,
      legalBasis: row.legalBasis as LegalBasis,
      retainUntil: row.retainUntil,
      assessment: Object.fromEntries(ASSESSMENT_QUESTIONS.map((q) => [q, (row[q] as Answer | null) ?? null])) as Record<AssessmentQuestion, Answer | null>,
      openArrangements,
      canClose,
      norms,
      avoidedCosts: avoidedCosts.map((a) => ({
        id: a.id,
        label: a.label,
        amountCents: Number(a.amount_cents),
        unit: a.unit,
        source: a.source,
        isLocalEstimate: a.is_local_estimate,
        count: a.count,
      })),
    };
  });
}
