// Budgets per year and the return norms, maintained by the budget controller.
// Funding a budget is a money move like any other: postings funding → available.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, asc, budgetBalances, budgets, eq, returnNorms, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, invalidInput, isUniqueIndexViolation } from "../common";
import { postingsFor } from "./spend-lifecycle";
import { createBudgetPots, postMoneyMove } from "./ledger-post";

export const budgetInput = z.object({
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().min(2).max(120),
  amountCents: z.number().int().positive().max(100_000_000_00),
  approvalThresholdCents: z.number().int().min(0).max(100_000_000).default(100_000),
  evaluationAfterMonths: z.number().int().min(1).max(36).default(3),
});

/** Posts funding into a budget (initial amount or a top-up), spread over its pots. */
export async function fundBudget(tx: Tx, ctx: Pick<UseCaseContext, "actor">, budgetId: string, amountCents: number) {
  const [b] = await tx.select({ municipalityId: budgets.municipalityId }).from(budgets).where(eq(budgets.id, budgetId));
  await postMoneyMove(tx, {
    municipalityId: b.municipalityId,
    budgetId,
    kind: "allocate",
    postings: postingsFor("allocate", amountCents),
    createdBy: ctx.actor.userId,
  });
}

export async function createBudget(ctx: UseCaseContext, raw: z.input<typeof budgetInput>): Promise<{ id: string }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("Budget", { municipalityId }));
  const parsed = budgetInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  const yearTaken = () => new DomainError("budget_year_taken", 409, { year: ["budget_year_taken"] });
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [taken] = await tx
      .select({ id: budgets.id })
      .from(budgets)
      .where(and(eq(budgets.municipalityId, municipalityId), eq(budgets.year, v.year)));
    if (taken) throw yearTaken();
    const [b] = await tx
      .insert(budgets)
      .values({ municipalityId, year: v.year, name: v.name, approvalThresholdCents: v.approvalThresholdCents, evaluationAfterMonths: v.evaluationAfterMonths })
      .returning({ id: budgets.id });
    await createBudgetPots(tx, { id: b.id, municipalityId });
    await fundBudget(tx, ctx, b.id, v.amountCents);
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "budget.created",
      objectType: "budget",
      objectId: b.id,
      meta: ctx.meta,
      data: { year: v.year, amountCents: v.amountCents },
    });
    return b;
  }).catch((e) => {
    // Two controllers creating the same year at once: the second meets the unique index, and hears what the check above would have said.
    throw isUniqueIndexViolation(e, "budgets_municipality_year") ? yearTaken() : e;
  });
}

export async function listBudgets(ctx: UseCaseContext) {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Budget", { municipalityId: ctx.actor.municipalityId }));
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx.select().from(budgetBalances).where(eq(budgetBalances.municipalityId, ctx.actor.municipalityId)).orderBy(asc(budgetBalances.year)),
  );
}

export const normInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{2,40}$/),
  label: z.string().trim().min(2).max(200),
  amountCents: z.number().int().min(0).max(1_000_000_000),
  unit: z.string().trim().min(1).max(60),
  source: z.string().trim().min(2).max(400),
  isLocalEstimate: z.boolean().default(false),
  active: z.boolean().default(true),
});

export async function listNorms(ctx: UseCaseContext) {
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx.select().from(returnNorms).where(eq(returnNorms.municipalityId, ctx.actor.municipalityId)).orderBy(asc(returnNorms.label)),
  );
}

export async function saveNorm(ctx: UseCaseContext, normId: string | null, raw: z.input<typeof normInput>): Promise<{ id: string }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("ReturnNorm", { municipalityId }));
  const parsed = normInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  const codeTaken = () => new DomainError("slug_taken", 409, { code: ["slug_taken"] });
  return withScope(ctx.db, ctx.scope, async (tx) => {
    if (!normId) {
      const [dup] = await tx
        .select({ id: returnNorms.id })
        .from(returnNorms)
        .where(and(eq(returnNorms.municipalityId, municipalityId), eq(returnNorms.code, v.code)));
      if (dup) throw codeTaken();
      const [n] = await tx
        .insert(returnNorms)
        .values({ ...v, municipalityId })
        .returning({ id: returnNorms.id });
      await appendAudit(tx, { municipalityId, actor: ctx.actor, action: "norm.created", objectType: "return_norm", objectId: n.id, meta: ctx.meta, data: v });
      return n;
    }
    const [before] = await tx
      .select()
      .from(returnNorms)
      .where(and(eq(returnNorms.id, normId), eq(returnNorms.municipalityId, municipalityId)))
      .for("update");
    if (!before) throw new DomainError("not_found", 404);
    const { code: _code, ...changes } = v;
    await tx.update(returnNorms).set(changes).where(eq(returnNorms.id, normId));
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "norm.updated",
      objectType: "return_norm",
      objectId: normId,
      meta: ctx.meta,
      data: { before: { amountCents: before.amountCents, source: before.source, active: before.active }, after: changes },
    });
    return { id: normId };
  }).catch((e) => {
    throw isUniqueIndexViolation(e, "return_norms_municipality_code") ? codeTaken() : e;
  });
}
