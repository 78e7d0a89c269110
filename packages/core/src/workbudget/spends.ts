// Spend requests on the workbudget: drafts and the workflow steps. Every
// step is one transaction in the actor's scope (team or municipality) that
// locks the request row, checks the step against the status and the CASL
// ability, moves money through the ledger (one budget pot locked, so "available"
// is checked and changed under the same lock), records the timeline entry
// and the audit event, and remembers the idempotency key with its result.
import {
  calendarDate,
  type UseCaseContext,
  DomainError,
  invalidInput,
  type ErrorCode,
  findPersonalData,
  personalDataMessage,
  type PersonalDataFinding,
  amsterdamDay,
} from "../common";
import { createHash } from "node:crypto";
import { ForbiddenError, as } from "@wijkwerk/authz";
import {
  and,
  budgets,
  eq,
  households,
  idempotencyKeys,
  issuingAuthorizations,
  ledgerPostings,
  returnNorms,
  spendRequests,
  spendTransitions,
  sql,
  teams,
  withScope,
  type Tx,
} from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit, type AuditAction, type AuditEventInput } from "../audit";
import { notifyNextActors } from "../notifications";
import { approvalOutcome, canTransition, evaluationDueOn, postingsFor, settlementPostings, type SpendAction, type SpendStatus } from "./spend-lifecycle";
import { postMoneyMove } from "./ledger-post";
import { effectiveResidentRefPrefix, isResidentRefOfTeam, normaliseResidentRef, residentRefExample, residentRefFormatMessage } from "./resident-ref";
import { privacyIgnoreNames } from "../workgroups";

export const LIFE_DOMAINS = [
  "financien",
  "werk_opleiding",
  "tijdsbesteding",
  "huisvesting",
  "huiselijke_relaties",
  "geestelijke_gezondheid",
  "lichamelijke_gezondheid",
  "middelengebruik",
  "basale_adl",
  "instrumentele_adl",
  "sociaal_netwerk",
  "maatschappelijke_participatie",
  "justitie",
] as const;

type SpendRow = typeof spendRequests.$inferSelect;
/** The request as a CASL subject; the status is there for rules that hold in one status only (the coordinator's decline). */
export const spendSubject = (s: Pick<SpendRow, "municipalityId" | "teamId" | "authorId"> & { status?: SpendStatus }) =>
  as("Spend", { municipalityId: s.municipalityId, teamId: s.teamId, authorId: s.authorId, status: s.status });

// ── Drafts ────────────────────────────────────────────────────────────────

const cents = z.number().int().positive().max(100_000_000);
export const spendDraftInput = z
  .object({
    amountCents: cents,
    neededOn: calendarDate().nullish(),
    purpose: z.string().trim().max(500).default(""),
    supplier: z.string().trim().max(200).default(""),
    rationale: z.string().trim().max(4000).default(""),
    problemPrevented: z.string().trim().max(4000).default(""),
    lifeDomains: z.array(z.enum(LIFE_DOMAINS)).max(LIFE_DOMAINS.length).default([]),
    /** The team's pseudonym (MB-014), checked against the team's format in the use case. */
    residentRef: z.string().max(40).default("").transform(normaliseResidentRef),
    /** A household of the author's own team (casework); the request's residentRef then becomes its reference. Null unlinks; absent keeps. */
    householdId: z.string().uuid().nullish(),
    normId: z.string().uuid().nullish(),
    expectedReturnCents: z.number().int().min(0).max(1_000_000_000).nullish(),
    customReturnJustification: z.string().trim().max(2000).nullish(),
    expectedSocialDomains: z.array(z.enum(LIFE_DOMAINS)).max(LIFE_DOMAINS.length).default([]),
    expectedSocialReturn: z.string().trim().max(4000).default(""),
    /** The author confirms the texts hold no personal data of residents although the privacy guard found some (audit-logged). */
    confirmNoPersonalData: z.boolean().default(false),
  })
  .refine((v) => !(v.expectedReturnCents != null && !v.normId && !v.customReturnJustification), { path: ["customReturnJustification"] });
export type SpendDraftInput = z.input<typeof spendDraftInput>;

/** The texts of a request that the controller reads, by field (the privacy guard checks each). */
const DRAFT_TEXT_FIELDS = ["purpose", "supplier", "rationale", "problemPrevented", "customReturnJustification", "expectedSocialReturn"] as const;

/**
 * The privacy guard on a spend request's texts (what the controller, outside
 * the team, reads): findings block the save with the guard's Dutch message on
 * each field, unless the author confirmed that these are not personal data —
 * that override is audit-logged with the kinds and fields (never the values),
 * as for workgroup posts.
 */
export async function guardSpendTexts(
  tx: Tx,
  ctx: UseCaseContext,
  spend: { municipalityId: string; teamId: string; id: string | null },
  texts: Record<string, string | null | undefined>,
  confirmNoPersonalData: boolean,
): Promise<void> {
  const ignoreNames = await privacyIgnoreNames(tx, spend.municipalityId);
  const found: Record<string, PersonalDataFinding[]> = {};
  for (const [field, text] of Object.entries(texts)) {
    const findings = text ? findPersonalData(text, { ignoreNames }) : [];
    if (findings.length) found[field] = findings;
  }
  const all = Object.values(found).flat();
  if (all.length === 0) return;
  if (!confirmNoPersonalData)
    throw new DomainError(
      "personal_data",
      422,
      Object.fromEntries(Object.keys(found).map((f) => [f, ["personal_data" as ErrorCode]])),
      personalDataMessage(all) ?? undefined,
    );
  await appendAudit(tx, {
    municipalityId: spend.municipalityId,
    teamId: spend.teamId,
    actor: ctx.actor,
    action: "spend.privacy_override",
    objectType: "spend",
    objectId: spend.id,
    meta: ctx.meta,
    data: { kinds: [...new Set(all.map((f) => f.kind))], count: all.length, fields: Object.keys(found) },
  });
}

/** The team's pseudonym format: a reference in another form is a field error that shows the expected form. */
async function checkResidentRef(tx: Tx, teamId: string, residentRef: string): Promise<void> {
  if (residentRef === "") return;
  const [team] = await tx.select({ slug: teams.slug, residentRefPrefix: teams.residentRefPrefix }).from(teams).where(eq(teams.id, teamId));
  const prefix = effectiveResidentRefPrefix(team ?? { slug: "", residentRefPrefix: null });
  if (!isResidentRefOfTeam(residentRef, prefix))
    throw new DomainError("resident_ref_format", 400, { residentRef: ["resident_ref_format"] }, residentRefFormatMessage(prefix));
}

/**
 * The household a request points to, when it does: one of the team's own
 * (RLS shows an author only their team's households; another team's id is
 * unknown here, and the database's trigger refuses it as well). Its
 * pseudonymous reference becomes the request's residentRef, so the
 * controller still sees only the pseudonym — never initials or a name.
 */
async function linkedHouseholdRef(tx: Tx, teamId: string, householdId: string | null | undefined): Promise<string | null> {
  if (!householdId) return null;
  const [h] = await tx
    .select({ reference: households.reference })
    .from(households)
    .where(and(eq(households.id, householdId), eq(households.teamId, teamId)));
  if (!h) throw new DomainError("household_unknown", 400, { householdId: ["household_unknown"] });
  return h.reference;
}

/** The pseudonym format of the actor's team, for the form's hint ("MB-" and digits, e.g. MB-014). */
export async function residentRefFormat(ctx: UseCaseContext): Promise<{ prefix: string; example: string }> {
  if (ctx.scope.kind !== "team") throw new DomainError("forbidden", 403);
  const teamId = ctx.scope.teamId;
  const [team] = await withScope(ctx.db, ctx.scope, (tx) =>
    tx.select({ slug: teams.slug, residentRefPrefix: teams.residentRefPrefix }).from(teams).where(eq(teams.id, teamId)),
  );
  const prefix = effectiveResidentRefPrefix(team ?? { slug: "", residentRefPrefix: null });
  return { prefix, example: residentRefExample(prefix) };
}

/** What must be filled in before a request can be submitted (drafts may be incomplete). */
function missingForSubmit(s: SpendRow): string[] {
  const missing: string[] = [];
  if (!s.purpose) missing.push("purpose");
  if (!s.rationale) missing.push("rationale");
  if (!s.problemPrevented) missing.push("problemPrevented");
  if (s.lifeDomains.length === 0) missing.push("lifeDomains");
  if (!s.normId && s.expectedReturnCents == null) missing.push("expectedReturnCents");
  if (!s.expectedSocialReturn && s.expectedSocialDomains.length === 0) missing.push("expectedSocialReturn");
  return missing;
}

async function budgetForYear(tx: Tx, municipalityId: string, year: number) {
  const [b] = await tx
    .select()
    .from(budgets)
    .where(and(eq(budgets.municipalityId, municipalityId), eq(budgets.year, year)));
  if (!b) throw new DomainError("no_budget", 409);
  return b;
}

async function normAmount(tx: Tx, municipalityId: string, normId: string | null | undefined) {
  if (!normId) return null;
  const [n] = await tx
    .select()
    .from(returnNorms)
    .where(and(eq(returnNorms.id, normId), eq(returnNorms.municipalityId, municipalityId), eq(returnNorms.active, true)));
  if (!n) throw new DomainError("invalid_input", 400, { normId: ["invalid_input"] });
  return n.amountCents;
}

const pickTexts = (v: Partial<Record<(typeof DRAFT_TEXT_FIELDS)[number], string | null>>) => Object.fromEntries(DRAFT_TEXT_FIELDS.map((f) => [f, v[f]]));

/** A new draft in the actor's team, on the budget of the year it is needed (default: this year). */
export async function createSpendDraft(ctx: UseCaseContext, raw: SpendDraftInput, now = new Date()): Promise<{ id: string; number: number }> {
  if (ctx.scope.kind !== "team") throw new DomainError("forbidden", 403);
  const teamId = ctx.scope.teamId;
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("Spend", { municipalityId, teamId, authorId: ctx.actor.userId }));
  const parsed = spendDraftInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { confirmNoPersonalData, ...v } = parsed.data;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const householdRef = await linkedHouseholdRef(tx, teamId, v.householdId);
    if (householdRef) v.residentRef = householdRef;
    else await checkResidentRef(tx, teamId, v.residentRef);
    await guardSpendTexts(tx, ctx, { municipalityId, teamId, id: null }, pickTexts(v), confirmNoPersonalData);
    // The year of the date needed, else of today in Amsterdam (not UTC: New Year starts an hour earlier here).
    const year = Number((v.neededOn ?? amsterdamDay(now)).slice(0, 4));
    const budget = await budgetForYear(tx, municipalityId, year);
    const fromNorm = await normAmount(tx, municipalityId, v.normId);
    const [row] = await tx
      .insert(spendRequests)
      .values({
        ...v,
        municipalityId,
        teamId,
        budgetId: budget.id,
        authorId: ctx.actor.userId,
        normId: v.normId ?? null,
        expectedReturnCents: fromNorm ?? v.expectedReturnCents ?? null,
        neededOn: v.neededOn ?? null,
      })
      .returning({ id: spendRequests.id, number: spendRequests.number });
    await recordTransition(tx, ctx, { municipalityId, teamId, id: row.id }, "create", null, "draft", null);
    return row;
  });
}

/** Edits a draft (or a request sent back for more information). */
export async function updateSpendDraft(ctx: UseCaseContext, spendId: string, raw: SpendDraftInput): Promise<void> {
  const parsed = spendDraftInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { confirmNoPersonalData, ...v } = parsed.data;
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const spend = await lockSpend(tx, ctx, spendId);
    if (!ctx.ability.can("update", spendSubject(spend))) throw new DomainError("forbidden", 403);
    if (spend.status !== "draft" && spend.status !== "info_requested") throw new DomainError("spend_invalid_transition", 409);
    const householdRef = await linkedHouseholdRef(tx, spend.teamId, v.householdId === undefined ? spend.householdId : v.householdId);
    if (householdRef) v.residentRef = householdRef;
    else await checkResidentRef(tx, spend.teamId, v.residentRef);
    await guardSpendTexts(tx, ctx, spend, pickTexts(v), confirmNoPersonalData);
    const fromNorm = await normAmount(tx, spend.municipalityId, v.normId);
    await tx
      .update(spendRequests)
      .set({
        ...v,
        normId: v.normId ?? null,
        expectedReturnCents: fromNorm ?? v.expectedReturnCents ?? null,
        neededOn: v.neededOn ?? null,
        updatedAt: new Date(),
      })
      .where(eq(spendRequests.id, spend.id));
  });
}

// ── Workflow steps ────────────────────────────────────────────────────────

/** The request, locked, with its budget's rules (one query: the step needs both). */
async function lockSpend(tx: Tx, ctx: UseCaseContext, spendId: string): Promise<SpendRow & { budgetRules: BudgetRules }> {
  if (!z.string().uuid().safeParse(spendId).success) throw new DomainError("not_found", 404);
  // RLS: another team's request is simply not there.
  const [row] = await tx
    .select({
      spend: spendRequests,
      budgetRules: { approvalThresholdCents: budgets.approvalThresholdCents, evaluationAfterMonths: budgets.evaluationAfterMonths },
    })
    .from(spendRequests)
    .innerJoin(budgets, eq(budgets.id, spendRequests.budgetId))
    .where(eq(spendRequests.id, spendId))
    .for("update", { of: spendRequests });
  if (!row || !ctx.ability.can("read", spendSubject(row.spend))) throw new DomainError("not_found", 404);
  return { ...row.spend, budgetRules: row.budgetRules };
}

interface BudgetRules {
  approvalThresholdCents: number;
  evaluationAfterMonths: number;
}

async function recordTransition(
  tx: Tx,
  ctx: UseCaseContext,
  spend: { municipalityId: string; teamId: string; id: string },
  action: string,
  from: SpendStatus | null,
  to: SpendStatus,
  comment: string | null,
) {
  await tx.insert(spendTransitions).values({
    municipalityId: spend.municipalityId,
    teamId: spend.teamId,
    spendId: spend.id,
    action,
    fromStatus: from,
    toStatus: to,
    actorUserId: ctx.actor.userId,
    actor: { id: ctx.actor.userId, name: ctx.actor.name, email: ctx.actor.email },
    comment,
  });
}

/** Moves money for a spend: both legs and the cached balances in one statement, on the budget pot that holds the request's money. */
async function moveMoney(
  tx: Tx,
  ctx: UseCaseContext,
  spend: SpendRow,
  kind: "reserve" | "release" | "pay" | "refund",
  amountCents: number,
  audit?: AuditEventInput,
): Promise<void> {
  const pot = await postMoneyMove(
    tx,
    {
      municipalityId: spend.municipalityId,
      budgetId: spend.budgetId,
      kind,
      postings: postingsFor(kind, amountCents),
      spendId: spend.id,
      pot: spend.budgetPot,
      teamId: spend.teamId,
      createdBy: ctx.actor.userId,
    },
    audit,
  );
  if (pot === null) throw new DomainError("insufficient_budget", 409);
  spend.budgetPot = pot;
}

/** What a spend still has reserved (approved, not yet paid or released). */
async function reservedFor(tx: Tx, spendId: string): Promise<number> {
  const [r] = await tx
    .select({ total: sql<string>`coalesce(sum(${ledgerPostings.amountCents}), 0)` })
    .from(ledgerPostings)
    .where(and(eq(ledgerPostings.spendId, spendId), eq(ledgerPostings.account, "reserved")));
  return Number(r.total);
}

const AUDITED: Partial<Record<SpendAction, AuditAction>> = {
  approve: "spend.approved",
  reject: "spend.rejected",
  request_info: "spend.info_requested",
  pay: "spend.paid",
  settle: "spend.settled",
  cancel: "spend.cancelled",
};

export interface StepOptions {
  comment?: string | null;
  /** The comment holds no personal data although the privacy guard found some (audit-logged). */
  confirmNoPersonalData?: boolean;
  /** Money-moving steps: the same key with the same input returns the first result. */
  idempotencyKey?: string | null;
}

export interface StepResult {
  spendId: string;
  status: SpendStatus;
  action: SpendAction | "first_approval";
}

/**
 * Runs one workflow step. With an idempotency key the step's result is
 * stored in the same transaction; a retry — also one that raced the first
 * attempt and lost — returns that result instead of failing.
 */
async function step(
  ctx: UseCaseContext,
  spendId: string,
  action: SpendAction,
  input: Record<string, unknown>,
  opts: StepOptions,
  body: (tx: Tx, spend: SpendRow & { budgetRules: BudgetRules }, money: MoneyMoves) => Promise<Omit<StepResult, "spendId"> & { evaluationDueOn?: string }>,
): Promise<StepResult> {
  const key = opts.idempotencyKey?.trim() || null;
  if (key !== null && (key.length < 8 || key.length > 200)) throw new DomainError("invalid_input", 400, { idempotencyKey: ["invalid_input"] });
  const requestHash = createHash("sha256")
    .update(JSON.stringify({ action, spendId, input, comment: opts.comment ?? null }))
    .digest("hex");
  try {
    return await withScope(ctx.db, ctx.scope, async (tx) => {
      // Independent statements go out together (postgres.js pipelines them on the transaction's connection): fewer round trips per command.
      const [earlier, spend] = await Promise.all([key ? storedResult(tx, ctx, key, requestHash) : null, lockSpend(tx, ctx, spendId)]);
      if (earlier) return earlier;
      if (!canTransition(action, spend.status)) throw new DomainError("spend_invalid_transition", 409);
      if (["approve", "reject", "request_info", "endorse"].includes(action) && spend.authorId === ctx.actor.userId) throw new DomainError("own_request", 403);
      if (!ctx.ability.can(action, spendSubject(spend))) throw new DomainError("forbidden", 403);
      // The comment (a reason, a question, the answer to one) is read outside the team: the privacy guard first.
      await guardSpendTexts(tx, ctx, spend, { comment: opts.comment }, opts.confirmNoPersonalData === true);
      const money: MoneyMoves = [];
      const outcome = await body(tx, spend, money);
      const result: StepResult = { spendId: spend.id, status: outcome.status, action: outcome.action };
      await Promise.all([
        recordTransition(tx, ctx, spend, outcome.action, spend.status, outcome.status, opts.comment?.trim() || null),
        // The first approver is the actor of that step, so never asked to approve twice.
        notifyNextActors(tx, ctx, { spend, status: outcome.status, comment: opts.comment?.trim() || null, evaluationDueOn: outcome.evaluationDueOn ?? null }),
        key
          ? tx.insert(idempotencyKeys).values({ municipalityId: spend.municipalityId, key, userId: ctx.actor.userId, command: action, requestHash, result })
          : null,
      ]);
      const audited = outcome.action === "first_approval" ? "spend.first_approval" : AUDITED[action];
      const audit: AuditEventInput | undefined = audited
        ? {
            municipalityId: spend.municipalityId,
            teamId: spend.teamId,
            actor: ctx.actor,
            action: audited,
            objectType: "spend",
            objectId: spend.id,
            meta: ctx.meta,
            data: { number: spend.number, amountCents: spend.amountCents, ...input, comment: opts.comment ?? null },
          }
        : undefined;
      // Money last, with the audit event in the same statement: the budget
      // row's lock and the audit chain's lock (which serialise every move on
      // the budget) are then held for one statement and the commit only.
      const last = money.length - 1;
      for (const [i, move] of money.entries()) await moveMoney(tx, ctx, spend, move.kind, move.amountCents, i === last ? audit : undefined);
      if (audit && money.length === 0) await appendAudit(tx, audit);
      return result;
    });
  } catch (e) {
    // Lost a race against the same key (waited on the request's lock, then found it moved on): the winner's result is the answer.
    if (key) {
      const winner = await withScope(ctx.db, ctx.scope, (tx) => storedResult(tx, ctx, key, requestHash)).catch(() => null);
      if (winner) return winner;
    }
    throw e;
  }
}

type MoneyMoves = { kind: "reserve" | "release" | "pay" | "refund"; amountCents: number }[];

async function storedResult(tx: Tx, ctx: UseCaseContext, key: string, requestHash: string): Promise<StepResult | null> {
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.municipalityId, ctx.actor.municipalityId), eq(idempotencyKeys.key, key)));
  if (!row) return null;
  if (row.requestHash !== requestHash) throw new DomainError("idempotency_conflict", 409);
  return row.result as StepResult;
}

async function setStatus(tx: Tx, spend: SpendRow, status: SpendStatus, extra: Partial<typeof spendRequests.$inferInsert> = {}) {
  await tx
    .update(spendRequests)
    .set({ status, updatedAt: new Date(), ...extra })
    .where(eq(spendRequests.id, spend.id));
}

export async function submitSpend(ctx: UseCaseContext, spendId: string, opts: StepOptions = {}) {
  return step(ctx, spendId, "submit", {}, opts, async (tx, spend) => {
    const missing = missingForSubmit(spend);
    if (missing.length) throw new DomainError("spend_incomplete", 400, Object.fromEntries(missing.map((f) => [f, ["required" as ErrorCode]])));
    await setStatus(tx, spend, "submitted");
    return { status: "submitted", action: "submit" };
  });
}

export async function endorseSpend(ctx: UseCaseContext, spendId: string, opts: StepOptions = {}) {
  return step(ctx, spendId, "endorse", {}, opts, async (tx, spend) => {
    await setStatus(tx, spend, "endorsed", { endorsedBy: ctx.actor.userId });
    return { status: "endorsed", action: "endorse" };
  });
}

export async function requestSpendInfo(ctx: UseCaseContext, spendId: string, opts: StepOptions & { comment: string }) {
  if (!opts.comment?.trim()) throw new DomainError("comment_required", 400, { comment: ["comment_required"] });
  return step(ctx, spendId, "request_info", {}, opts, async (tx, spend) => {
    await setStatus(tx, spend, "info_requested", { firstApprovedBy: null });
    return { status: "info_requested", action: "request_info" };
  });
}

/** Approves (and reserves), or records the first of two approvals above the threshold. */
export async function approveSpend(ctx: UseCaseContext, spendId: string, opts: StepOptions = {}) {
  return step(ctx, spendId, "approve", {}, opts, async (tx, spend, money) => {
    const outcome = approvalOutcome({
      amountCents: spend.amountCents,
      thresholdCents: spend.budgetRules.approvalThresholdCents,
      status: spend.status,
      firstApprovedBy: spend.firstApprovedBy,
      approverId: ctx.actor.userId,
    });
    if (outcome === "same_approver") throw new DomainError("second_approver_required", 409);
    if (outcome === "first_approval") {
      await setStatus(tx, spend, "awaiting_second_approval", { firstApprovedBy: ctx.actor.userId });
      return { status: "awaiting_second_approval", action: "first_approval" };
    }
    money.push({ kind: "reserve", amountCents: spend.amountCents });
    await setStatus(tx, spend, "approved", { approvedBy: ctx.actor.userId, approvedAt: new Date() });
    return { status: "approved", action: "approve" };
  });
}

export async function rejectSpend(ctx: UseCaseContext, spendId: string, opts: StepOptions & { comment: string }) {
  if (!opts.comment?.trim()) throw new DomainError("comment_required", 400, { comment: ["comment_required"] });
  return step(ctx, spendId, "reject", {}, opts, async (tx, spend) => {
    await setStatus(tx, spend, "rejected", { rejectionReason: opts.comment.trim() });
    return { status: "rejected", action: "reject" };
  });
}

/** Withdraws a request; an approved one gives its reservation back to the budget. */
export async function cancelSpend(ctx: UseCaseContext, spendId: string, opts: StepOptions = {}) {
  return step(ctx, spendId, "cancel", {}, opts, async (tx, spend, money) => {
    await refuseWhileCardPaymentPending(tx, spend.id);
    if (spend.status === "approved") {
      const reserved = await reservedFor(tx, spend.id);
      if (reserved > 0) money.push({ kind: "release", amountCents: reserved });
    }
    await setStatus(tx, spend, "cancelled");
    return { status: "cancelled", action: "cancel" };
  });
}

export const paymentInput = z.object({
  amountCents: cents,
  paymentDate: calendarDate(),
  method: z.enum(["bank_transfer", "cash", "card", "invoice"]),
  reference: z.string().trim().max(200).default(""),
});

/**
 * A card payment is under way on the request: Stripe approved an
 * authorisation linked to it that is not yet captured, reversed or expired.
 * Cancelling (which releases the reservation) or recording a manual payment
 * now would let the card's capture meet a request that is no longer
 * approved, or pay it twice. The request's row is locked by step(), and the
 * webhook locks it too before it books, so the check cannot race a capture.
 */
export async function hasPendingCardPayment(tx: Tx, spendId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: issuingAuthorizations.id })
    .from(issuingAuthorizations)
    .where(and(eq(issuingAuthorizations.spendId, spendId), eq(issuingAuthorizations.approved, true), eq(issuingAuthorizations.status, "pending")))
    .limit(1);
  return !!row;
}

async function refuseWhileCardPaymentPending(tx: Tx, spendId: string): Promise<void> {
  if (await hasPendingCardPayment(tx, spendId)) throw new DomainError("card_payment_pending", 409);
}

/** Records the (one) payment of an approved request: reserved → paid. */
export async function recordPayment(ctx: UseCaseContext, spendId: string, raw: z.input<typeof paymentInput>, opts: StepOptions = {}) {
  const parsed = paymentInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const p = parsed.data;
  return step(ctx, spendId, "pay", p, opts, async (tx, spend, money) => {
    if (p.amountCents > spend.amountCents) throw new DomainError("payment_exceeds_approved", 400, { amountCents: ["payment_exceeds_approved"] });
    await refuseWhileCardPaymentPending(tx, spend.id);
    money.push({ kind: "pay", amountCents: p.amountCents });
    await setStatus(tx, spend, "paid", { paidCents: p.amountCents, paymentDate: p.paymentDate, paymentMethod: p.method, paymentReference: p.reference });
    return { status: "paid", action: "pay" };
  });
}

/** Settles with the actual cost: what was not paid is released, what was paid but not used comes back. */
export async function settleSpend(ctx: UseCaseContext, spendId: string, raw: { actualCents: number }, opts: StepOptions = {}, now = new Date()) {
  const parsed = z.object({ actualCents: z.number().int().min(0).max(100_000_000) }).safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { actualCents } = parsed.data;
  return step(ctx, spendId, "settle", { actualCents }, opts, async (tx, spend, money) => {
    if (actualCents > spend.paidCents) throw new DomainError("settlement_exceeds_paid", 400, { actualCents: ["settlement_exceeds_paid"] });
    const reserved = await reservedFor(tx, spend.id);
    money.push(...settlementPostings({ reservedCents: reserved, paidCents: spend.paidCents, actualCents }));
    // The settlement day in Amsterdam (00:30 on 1 March is still 28 February in UTC).
    const dueOn = evaluationDueOn(amsterdamDay(now), spend.budgetRules.evaluationAfterMonths);
    await setStatus(tx, spend, "settled", { settledCents: actualCents, settledAt: now, evaluationDueOn: dueOn });
    return { status: "settled", action: "settle", evaluationDueOn: dueOn };
  });
}

export const evaluationInput = z
  .object({
    prevented: z.enum(["yes", "partly", "no", "unknown"]),
    realisedReturnCents: z.number().int().min(0).max(1_000_000_000).nullish(),
    realisedSocialReturn: z.string().trim().max(4000).default(""),
    otherRegulationApplied: z.boolean(),
    otherRegulation: z.string().trim().max(200).nullish(),
    otherRegulationAmountCents: z.number().int().min(0).max(100_000_000).nullish(),
    otherRegulationLeadDays: z.number().int().min(0).max(3650).nullish(),
  })
  .superRefine((v, issue) => {
    if (!v.otherRegulationApplied) return;
    if (!v.otherRegulation) issue.addIssue({ code: "custom", path: ["otherRegulation"] });
    if (v.otherRegulationAmountCents == null) issue.addIssue({ code: "custom", path: ["otherRegulationAmountCents"] });
    if (v.otherRegulationLeadDays == null) issue.addIssue({ code: "custom", path: ["otherRegulationLeadDays"] });
  });

/** The follow-up: was the problem prevented, the realised returns, and whether another regulation applied after all. */
export async function evaluateSpend(ctx: UseCaseContext, spendId: string, raw: z.input<typeof evaluationInput>, opts: StepOptions = {}, now = new Date()) {
  const parsed = evaluationInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const evaluation = parsed.data;
  return step(ctx, spendId, "evaluate", evaluation, opts, async (tx, spend) => {
    await guardSpendTexts(
      tx,
      ctx,
      spend,
      { realisedSocialReturn: evaluation.realisedSocialReturn, otherRegulation: evaluation.otherRegulation },
      opts.confirmNoPersonalData === true,
    );
    await setStatus(tx, spend, "evaluated", { evaluation, evaluatedAt: now });
    return { status: "evaluated", action: "evaluate" };
  });
}

// ── Card payments (Stripe Issuing) ────────────────────────────────────────

/** The actor of steps taken on Stripe's word (a captured card payment): no user, so the nil id and a name for the timeline. */
export const CARD_SYSTEM_ACTOR = { userId: "00000000-0000-0000-0000-000000000000", name: "Stripe (teamkaart)", email: "" } as const;

/**
 * Books one card movement on a spend whose row the caller has locked (the
 * webhook's transaction): a capture is a payment (reserved → paid; the first
 * one moves the request to "paid"), a refund gives money back (paid →
 * available), a release returns the unused reservation when Stripe closed the
 * authorisation, and a reserve covers a capture above what was still reserved.
 * The same postMoneyMove as every other step: one statement on the pot that
 * holds the request's money. False (nothing written) when a balance would go below zero.
 */
export async function bookCardMove(
  tx: Tx,
  spend: SpendRow,
  move: { kind: "pay" | "refund" | "release" | "reserve"; amountCents: number; groupId?: string; reference: string },
): Promise<boolean> {
  const audited: AuditAction | null = move.kind === "pay" ? "spend.paid" : null;
  const audit: AuditEventInput | undefined = audited
    ? {
        municipalityId: spend.municipalityId,
        teamId: spend.teamId,
        actor: null,
        action: audited,
        objectType: "spend",
        objectId: spend.id,
        meta: { ip: null, userAgent: "stripe-webhook" },
        data: { number: spend.number, amountCents: move.amountCents, method: "card", reference: move.reference },
      }
    : undefined;
  const pot = await postMoneyMove(
    tx,
    {
      municipalityId: spend.municipalityId,
      budgetId: spend.budgetId,
      kind: move.kind,
      postings: postingsFor(move.kind, move.amountCents),
      spendId: spend.id,
      pot: spend.budgetPot,
      teamId: spend.teamId,
      createdBy: null,
      groupId: move.groupId,
    },
    audit,
  );
  if (pot === null) return false;
  spend.budgetPot = pot;
  const system = {
    actor: { userId: CARD_SYSTEM_ACTOR.userId, municipalityId: spend.municipalityId, name: CARD_SYSTEM_ACTOR.name, email: CARD_SYSTEM_ACTOR.email },
  } as UseCaseContext;
  if (move.kind === "pay") {
    const first = spend.status === "approved";
    await setStatus(tx, spend, first ? "paid" : spend.status, {
      paidCents: spend.paidCents + move.amountCents,
      paymentMethod: "card",
      paymentReference: move.reference,
      ...(first ? { paymentDate: amsterdamDay(new Date()) } : {}),
    });
    if (first) await recordTransition(tx, system, spend, "pay", spend.status, "paid", `Kaartbetaling ${move.reference}`);
  } else if (move.kind === "refund") {
    await setStatus(tx, spend, spend.status, { paidCents: spend.paidCents - move.amountCents });
  }
  return true;
}
