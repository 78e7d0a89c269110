// Reading spend requests: a team's list (members see their own, the
// coordinator the whole team's — the CASL rules become the WHERE clause), the
// controller's list across teams, and one request with its timeline. Plus
// comments between team and controller, which go on the same timeline.
import { calendarDate, type UseCaseContext, DomainError, invalidInput, amsterdamDay } from "../common";
import { ForbiddenError, accessibleWhere, as } from "@wijkwerk/authz";
import {
  and,
  asc,
  budgetBalances,
  budgets,
  desc,
  eq,
  inArray,
  issuingAuthorizations,
  queryRows,
  returnNorms,
  spendRequests,
  spendTransitions,
  sql,
  teams,
  users,
  withScope,
  type Tx,
} from "@wijkwerk/db";
import { z } from "zod";
import { attachmentsOf } from "./spend-attachments";
import { ALLOWED_FROM, SPEND_STATUSES, type SpendAction, type SpendStatus } from "./spend-lifecycle";
import { guardSpendTexts, spendSubject } from "./spends";
import { type NextStep, nextStep } from "./next-step";
import { workbudgetMonthFigures } from "./month-figures";
import { UNCOUNTED_STATUSES, committedSql, createdInPeriodSql, heldMoneySql, paidSql, reservedSql, spendBalancesLateralSql } from "./figures";

/** A request's money in the ledger (docs/workbudget.md, "What the figures mean"): what the dashboard and the CSV count for it. */
export interface SpendLedgerBalances {
  reservedCents: number;
  /** Paid out minus what came back; after settlement the actual cost. */
  paidCents: number;
  /** reserved + paid: its cost to the workbudget. */
  committedCents: number;
  /** It holds or held money (has postings). */
  held: boolean;
}

export const SPENDS_PAGE_SIZE = 25;

export const spendFilters = z.object({
  status: z.array(z.enum(SPEND_STATUSES)).default([]),
  teamId: z.string().uuid().nullish(),
  year: z.number().int().min(2000).max(2100).nullish(),
  from: calendarDate().nullish(),
  to: calendarDate().nullish(),
  /** Oldest first: the controller's approval queue. */
  oldestFirst: z.boolean().default(false),
  /** Only settled requests whose evaluation date has passed (Amsterdam day): the evaluation is late. */
  evaluationOverdue: z.boolean().default(false),
});
export type SpendFilters = z.input<typeof spendFilters>;

export interface SpendListRow {
  id: string;
  number: number;
  reference: string;
  teamName: string;
  authorName: string;
  status: SpendStatus;
  amountCents: number;
  purpose: string;
  neededOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Settled requests: the day the team is asked to evaluate. */
  evaluationDueOn: string | null;
  /** Settled and that day has passed without an evaluation. */
  evaluationOverdue: boolean;
}

/** Settled, and the evaluation date lies before `today` (an Amsterdam day): the evaluation is late. */
export const evaluationOverdueSql = (today: string) =>
  sql<boolean>`(${spendRequests.status} = 'settled' and ${spendRequests.evaluationDueOn} < ${today}::date)`;

/** WB-2026-0042: the budget year and the request's number. */
export const spendReference = (year: number, num: number) => `WB-${year}-${String(num).padStart(4, "0")}`;

function parseSpendFilters(rawFilters: SpendFilters) {
  const parsed = spendFilters.safeParse(rawFilters);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/** The rows the actor may read that pass the filters: one WHERE for the list, its count and its totals. */
function spendListWhere(ctx: UseCaseContext, f: z.output<typeof spendFilters>, now: Date) {
  const municipalityId = ctx.actor.municipalityId;
  // Some read rule on Spend at all; which rows is the WHERE below (own vs team vs municipality).
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", "Spend");
  return and(
    eq(spendRequests.municipalityId, municipalityId),
    accessibleWhere(ctx.ability, "read", "Spend", {
      municipalityId: spendRequests.municipalityId,
      teamId: spendRequests.teamId,
      authorId: spendRequests.authorId,
    }),
    f.status.length ? inArray(spendRequests.status, f.status) : undefined,
    f.teamId ? eq(spendRequests.teamId, f.teamId) : undefined,
    f.year ? eq(budgets.year, f.year) : undefined,
    // The same Amsterdam days as the dashboard's period filter.
    ...createdInPeriodSql(sql`${spendRequests.createdAt}`, f.from, f.to),
    f.evaluationOverdue ? evaluationOverdueSql(amsterdamDay(now)) : undefined,
  );
}

/**
 * Requests the actor may read, in their scope: in a team scope the CASL rules
 * decide own-vs-team; in the municipality scope (controller) all teams'.
 */
export async function listSpends(
  ctx: UseCaseContext,
  rawFilters: SpendFilters = {},
  page = 1,
  now = new Date(),
): Promise<{ rows: SpendListRow[]; total: number; pages: number }> {
  const f = parseSpendFilters(rawFilters);
  const overdue = evaluationOverdueSql(amsterdamDay(now));
  const where = spendListWhere(ctx, f, now);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [{ total }] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(spendRequests)
      .innerJoin(budgets, eq(budgets.id, spendRequests.budgetId))
      .where(where);
    const rows = await tx
      .select({
        id: spendRequests.id,
        number: spendRequests.number,
        year: budgets.year,
        teamName: teams.name,
        authorName: users.name,
        status: spendRequests.status,
        amountCents: spendRequests.amountCents,
        purpose: spendRequests.purpose,
        neededOn: spendRequests.neededOn,
        createdAt: spendRequests.createdAt,
        updatedAt: spendRequests.updatedAt,
        evaluationDueOn: spendRequests.evaluationDueOn,
        evaluationOverdue: overdue,
      })
      .from(spendRequests)
      .innerJoin(budgets, eq(budgets.id, spendRequests.budgetId))
      .innerJoin(teams, eq(teams.id, spendRequests.teamId))
      .innerJoin(users, eq(users.id, spendRequests.authorId))
      .where(where)
      .orderBy(f.oldestFirst ? asc(spendRequests.updatedAt) : desc(spendRequests.createdAt), asc(spendRequests.number))
      .limit(SPENDS_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * SPENDS_PAGE_SIZE);
    return {
      // postgres.js and PGlite both give booleans; Boolean() keeps the type honest.
      rows: rows.map(({ year, ...r }) => ({ ...r, evaluationOverdue: Boolean(r.evaluationOverdue), reference: spendReference(year, r.number) })),
      total,
      pages: Math.max(1, Math.ceil(total / SPENDS_PAGE_SIZE)),
    };
  });
}

export interface SpendStatusTotal {
  status: SpendStatus;
  count: number;
  /** The amounts requested. */
  amountCents: number;
}

/**
 * Count and amount requested per status of the requests listSpends would
 * list with these filters (all pages), and their total over the statuses that
 * count as requests — not drafts, not cancelled (UNCOUNTED_STATUSES), as
 * everywhere else.
 *
 * Whoever reads the whole team's requests (the coordinator; the team's view of
 * "Totalen per status") gets them from workbudget_status_summary, kept by the
 * workbudget summary's triggers in the same statement as every change (ADR
 * 0017, migration 0052): a read of the team's few hundred summary rows, not of
 * its years of requests; the counted total is then the same number as the
 * controller's per-team figure (workbudget_summary, workbudgetMonthFigures),
 * tested in workbudget-status-summary.test.ts. A filter the summary does not
 * hold (late evaluations, days) and whoever reads only their own requests (a
 * member: a handful of rows) count the rows.
 */
export async function spendStatusTotals(
  ctx: UseCaseContext,
  rawFilters: SpendFilters = {},
  now = new Date(),
): Promise<{ perStatus: SpendStatusTotal[]; requests: { count: number; amountCents: number } }> {
  const f = parseSpendFilters(rawFilters);
  const where = spendListWhere(ctx, f, now);
  const team = ctx.scope.kind === "team" ? { municipalityId: ctx.scope.municipalityId, teamId: ctx.scope.teamId } : null;
  const fromSummary =
    team !== null &&
    !f.evaluationOverdue &&
    !f.from &&
    !f.to &&
    (!f.teamId || f.teamId === team.teamId) &&
    ctx.ability.can("read", as("Spend", { ...team, authorId: "00000000-0000-0000-0000-000000000000" }));
  const rows = fromSummary
    ? await withScope(ctx.db, ctx.scope, (tx) =>
        queryRows<{ status: SpendStatus; count: string; amount: string }>(
          tx,
          sql`select s.status, sum(s.requests)::text as count, sum(s.amount_cents)::text as amount
              from workbudget_status_summary s ${f.year ? sql`join budgets b on b.id = s.budget_id and b.year = ${f.year}` : sql``}
              where s.municipality_id = ${team.municipalityId} and s.team_id = ${team.teamId}
                ${f.status.length ? sql`and s.status::text = any(${`{${f.status.join(",")}}`}::text[])` : sql``}
              group by s.status having sum(s.requests) <> 0`,
        ),
      ).then((r) => r.map((x) => ({ status: x.status, count: Number(x.count), amountCents: x.amount })))
    : await withScope(ctx.db, ctx.scope, (tx) =>
        tx
          .select({
            status: spendRequests.status,
            count: sql<number>`count(*)::int`,
            amountCents: sql<string>`coalesce(sum(${spendRequests.amountCents}), 0)::text`,
          })
          .from(spendRequests)
          .innerJoin(budgets, eq(budgets.id, spendRequests.budgetId))
          .where(where)
          .groupBy(spendRequests.status),
      );
  const byStatus = new Map(rows.map((r) => [r.status, { status: r.status, count: Number(r.count), amountCents: Number(r.amountCents) }]));
  const perStatus = SPEND_STATUSES.filter((s) => byStatus.has(s)).map((s) => byStatus.get(s)!);
  const counted = perStatus.filter((r) => !(UNCOUNTED_STATUSES as readonly string[]).includes(r.status));
  return { perStatus, requests: { count: counted.reduce((a, r) => a + r.count, 0), amountCents: counted.reduce((a, r) => a + r.amountCents, 0) } };
}

const WORKFLOW_ACTIONS: SpendAction[] = ["submit", "endorse", "request_info", "approve", "reject", "pay", "settle", "evaluate", "cancel"];

/** One request with its timeline, the norm, its files (metadata), and which steps this actor may take now (for the buttons; the server checks again). */
export async function getSpend(ctx: UseCaseContext, spendId: string) {
  if (!z.string().uuid().safeParse(spendId).success) throw new DomainError("not_found", 404);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [row] = await tx
      .select({
        spend: spendRequests,
        teamName: teams.name,
        teamSlug: teams.slug,
        authorName: users.name,
        year: budgets.year,
        thresholdCents: budgets.approvalThresholdCents,
      })
      .from(spendRequests)
      .innerJoin(teams, eq(teams.id, spendRequests.teamId))
      .innerJoin(users, eq(users.id, spendRequests.authorId))
      .innerJoin(budgets, eq(budgets.id, spendRequests.budgetId))
      .where(eq(spendRequests.id, spendId));
    const subject = row && spendSubject(row.spend);
    if (!row || !ctx.ability.can("read", subject)) throw new DomainError("not_found", 404);
    const [norm] = row.spend.normId ? await tx.select().from(returnNorms).where(eq(returnNorms.id, row.spend.normId)) : [];
    const timeline = await tx.select().from(spendTransitions).where(eq(spendTransitions.spendId, spendId)).orderBy(asc(spendTransitions.id));
    const own = row.spend.authorId === ctx.actor.userId;
    // A card payment under way (approved by us, not yet captured or ended by Stripe) blocks cancelling and a manual payment.
    const [pendingCard] =
      row.spend.status === "approved"
        ? await tx
            .select({ id: issuingAuthorizations.id })
            .from(issuingAuthorizations)
            .where(and(eq(issuingAuthorizations.spendId, spendId), eq(issuingAuthorizations.approved, true), eq(issuingAuthorizations.status, "pending")))
            .limit(1)
        : [];
    const cardPaymentPending = !!pendingCard;
    const possible = WORKFLOW_ACTIONS.filter(
      (a) =>
        ALLOWED_FROM[a].includes(row.spend.status) && ctx.ability.can(a, subject) && !(own && ["approve", "reject", "request_info", "endorse"].includes(a)),
    );
    const allowedActions = cardPaymentPending ? possible.filter((a) => a !== "cancel" && a !== "pay") : possible;
    /** Cancel or pay would be allowed but for the pending card payment: the page says why the button is missing. */
    const blockedByCardPayment = cardPaymentPending && possible.some((a) => a === "cancel" || a === "pay");
    const canEdit = ["draft", "info_requested"].includes(row.spend.status) && ctx.ability.can("update", subject);
    const attachments = await attachmentsOf(tx, ctx, row.spend);
    const [money] = await queryRows<{ reserved: string; paid: string; committed: string; held: boolean | string }>(
      tx,
      sql`select ${reservedSql()} as reserved, ${paidSql()} as paid, ${committedSql()} as committed, ${heldMoneySql()} as held from (select ${spendId}::uuid as id) s ${spendBalancesLateralSql()}`,
    );
    const ledger: SpendLedgerBalances = {
      reservedCents: Number(money.reserved),
      paidCents: Number(money.paid),
      committedCents: Number(money.committed),
      held: money.held === true || money.held === "t",
    };
    const timelineRows = timeline.map((t) => ({
      id: t.id,
      action: t.action,
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      actorName: (t.actor as { name: string }).name,
      comment: t.comment,
      occurredAt: t.occurredAt,
    }));
    const next = await nextStepOf(tx, row.spend, {
      viewerIsAuthor: own,
      authorName: row.authorName,
      thresholdCents: row.thresholdCents,
      timeline: timelineRows,
    });
    return {
      spend: row.spend,
      nextStep: next,
      reference: spendReference(row.year, row.spend.number),
      teamName: row.teamName,
      teamSlug: row.teamSlug,
      authorName: row.authorName,
      thresholdCents: row.thresholdCents,
      norm: norm ?? null,
      timeline: timelineRows,
      allowedActions,
      cardPaymentPending,
      blockedByCardPayment,
      canEdit,
      canComment: ctx.ability.can("read", subject),
      attachments,
      ledger,
    };
  });
}

/** Controllers are named on "what happens next" only when there are this few (else "de budgetcontroller"). */
const NAMED_CONTROLLERS_MAX = 3;

/**
 * The facts of "what happens next" (next-step.ts) for one request: the
 * team's coordinators and the municipality's controllers by name
 * (step_recipients(), the same people who are told), who asked or approved
 * last, and the median time a request stayed in this status over the last
 * year — measured on what the viewer may see (RLS: a team its own requests,
 * the controller the municipality's). A step that withdrew the request does
 * not count as the step.
 */
async function nextStepOf(
  tx: Tx,
  spend: typeof spendRequests.$inferSelect,
  v: { viewerIsAuthor: boolean; authorName: string; thresholdCents: number; timeline: { toStatus: string; fromStatus: string | null; actorName: string }[] },
): Promise<NextStep> {
  const status = spend.status;
  const [people, [measured]] = await Promise.all([
    queryRows<{ audience: string; name: string }>(
      tx,
      sql`select r.audience, r.name from step_recipients(${spend.teamId}::uuid, null, array['coordinators', 'controllers']::text[]) r order by r.name`,
    ),
    queryRows<{ days: string | null; count: number }>(
      tx,
      sql`select percentile_cont(0.5) within group (order by extract(epoch from occurred_at - entered)) / 86400 as days, count(*)::int as count
          from (select from_status, to_status, occurred_at, lag(occurred_at) over (partition by spend_id order by id) as entered
                from spend_transitions
                where from_status is distinct from to_status and municipality_id = ${spend.municipalityId}::uuid
                  and spend_id in (select spend_id from spend_transitions where from_status = ${status} and occurred_at >= now() - interval '1 year')) steps
          where entered is not null and from_status = ${status} and to_status <> 'cancelled'`,
    ),
  ]);
  const controllers = people.filter((p) => p.audience === "controllers").map((p) => p.name);
  const last = [...v.timeline].reverse().find((e) => e.toStatus === status && e.fromStatus !== status);
  return nextStep({
    status,
    viewerIsAuthor: v.viewerIsAuthor,
    authorName: v.authorName,
    coordinatorNames: people.filter((p) => p.audience === "coordinators").map((p) => p.name),
    controllerNames: controllers.length <= NAMED_CONTROLLERS_MAX ? controllers : [],
    lastActorName: last?.actorName ?? null,
    thresholdCents: v.thresholdCents,
    neededOn: spend.neededOn,
    evaluationDueOn: spend.evaluationDueOn,
    measured: measured?.days != null ? { [status]: { days: Number(measured.days), count: measured.count } } : {},
  });
}

/** What the controller weighs a request against: the budget now, and what the team spent so far this year. */
export interface SpendBudgetContext {
  budgetName: string;
  /** The calendar year of the team's figures (this year, in Amsterdam). */
  year: number;
  /** Still free in the budget now (the ledger's "available"). */
  availableCents: number;
  fundedCents: number;
  /** The team's figures from January to this month, from workbudgetMonthFigures (the one definition of the figures). */
  team: { requests: number; approved: number; committedCents: number; paidCents: number };
}

/**
 * The budget context of one request, for the controller's page: its
 * budget's balances now and the team's calendar year so far — summed from
 * workbudgetMonthFigures, so the same numbers as the dashboard's per-team
 * table and the figures pages (docs/workbudget.md, "What the figures mean").
 */
export async function spendBudgetContext(ctx: UseCaseContext, spendId: string, now = new Date()): Promise<SpendBudgetContext> {
  if (!z.string().uuid().safeParse(spendId).success) throw new DomainError("not_found", 404);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [row] = await tx
      .select({
        spend: spendRequests,
        budget: {
          name: budgetBalances.name,
          year: budgetBalances.year,
          availableCents: budgetBalances.availableCents,
          fundedCents: budgetBalances.fundedCents,
        },
      })
      .from(spendRequests)
      .innerJoin(budgetBalances, eq(budgetBalances.id, spendRequests.budgetId))
      .where(eq(spendRequests.id, spendId));
    if (!row || !ctx.ability.can("read", spendSubject(row.spend))) throw new DomainError("not_found", 404);
    // "So far this year": January up to this month, in Amsterdam (the month a request was created, as the figures count).
    const thisMonth = amsterdamDay(now).slice(0, 7);
    const year = Number(thisMonth.slice(0, 4));
    const months = await workbudgetMonthFigures(tx, {
      municipalityId: row.spend.municipalityId,
      teamId: row.spend.teamId,
      fromMonth: `${year}-01`,
      toMonth: thisMonth,
    });
    const team = months.reduce(
      (sum, m) => ({
        requests: sum.requests + m.requests,
        approved: sum.approved + m.approved,
        committedCents: sum.committedCents + m.committedCents,
        paidCents: sum.paidCents + m.paidCents,
      }),
      { requests: 0, approved: 0, committedCents: 0, paidCents: 0 },
    );
    return {
      budgetName: row.budget.name,
      year,
      availableCents: Number(row.budget.availableCents),
      fundedCents: Number(row.budget.fundedCents),
      team,
    };
  });
}

/** A comment on the timeline, between team and controller; the status does not change. */
export async function commentOnSpend(ctx: UseCaseContext, spendId: string, body: string, opts: { confirmNoPersonalData?: boolean } = {}): Promise<void> {
  const text = body.trim();
  if (text.length < 1 || text.length > 4000) throw new DomainError("comment_required", 400, { comment: ["comment_required"] });
  if (!z.string().uuid().safeParse(spendId).success) throw new DomainError("not_found", 404);
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const [spend] = await tx.select().from(spendRequests).where(eq(spendRequests.id, spendId));
    if (!spend || !ctx.ability.can("read", as("Spend", { municipalityId: spend.municipalityId, teamId: spend.teamId, authorId: spend.authorId })))
      throw new DomainError("not_found", 404);
    await guardSpendTexts(tx, ctx, spend, { comment: text }, opts.confirmNoPersonalData === true);
    await tx.insert(spendTransitions).values({
      municipalityId: spend.municipalityId,
      teamId: spend.teamId,
      spendId: spend.id,
      action: "comment",
      fromStatus: spend.status,
      toStatus: spend.status,
      actorUserId: ctx.actor.userId,
      actor: { id: ctx.actor.userId, name: ctx.actor.name, email: ctx.actor.email },
      comment: text,
    });
  });
}
