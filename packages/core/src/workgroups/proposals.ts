// Proposals (as in Loomio): a member or facilitator puts a proposal to the
// group with a closing date; members respond agree / abstain / disagree /
// block (a reason is required for disagree and block), one current response
// each, changeable until the proposal closes. A facilitator closes it (before
// or after the closing date) with an outcome statement, which is recorded as
// a decision of the group — linked from the meeting and the handbook page
// the proposal names. Created and closed are audit-logged.
import { ForbiddenError } from "@casl/ability";
import { as } from "@wijkwerk/authz";
import {
  and,
  asc,
  eq,
  handbookPages,
  sql,
  users,
  withScope,
  workgroupDecisions,
  workgroupMeetings,
  workgroupProposalResponses,
  workgroupProposals,
  type Tx,
} from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, invalidInput, notFound, renderMarkdown, formatDate } from "../common";
import { workgroupMessages } from "./messages";
import { checkbox, handbookPageIdOf, isoDay, todayInMaastricht } from "./meetings";
import { guardPersonalData, loadReadableWorkgroup, tellGroupMembers, workgroupScope, type WorkgroupRow } from "./workgroups";

export const PROPOSAL_POSITIONS = ["agree", "abstain", "disagree", "block"] as const;
export type ProposalPosition = (typeof PROPOSAL_POSITIONS)[number];

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

export const workgroupProposalInput = z.object({
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(1).max(20_000),
  closesOn: isoDay,
  meetingId: optional(z.string().uuid()),
  handbookPage: optional(z.string().regex(/^[a-z0-9-]{1,80}$/)),
  confirmNoPersonalData: checkbox.default(false),
});

export const responseInput = z.object({
  position: z.enum(PROPOSAL_POSITIONS),
  reason: z.string().trim().max(500).default(""),
  confirmNoPersonalData: checkbox.default(false),
});

export const outcomeInput = z.object({
  outcome: z.string().trim().min(3).max(4000),
  confirmNoPersonalData: checkbox.default(false),
});

type ProposalRow = typeof workgroupProposals.$inferSelect;

const isOpen = (p: Pick<ProposalRow, "closedAt" | "closesOn">, today = todayInMaastricht()) => p.closedAt === null && p.closesOn >= today;

export const proposalSubject = (g: Pick<WorkgroupRow, "municipalityId" | "myRole">, p?: Pick<ProposalRow, "closedAt" | "closesOn">) =>
  as("WorkgroupProposal", { municipalityId: g.municipalityId, workgroupRole: g.myRole, open: p ? isOpen(p) : false, closed: p ? p.closedAt !== null : false });

async function loadProposal(tx: Tx, g: WorkgroupRow, proposalId: string, lock = false) {
  const q = tx
    .select()
    .from(workgroupProposals)
    .where(and(eq(workgroupProposals.id, proposalId), eq(workgroupProposals.workgroupId, g.id)));
  const [p] = lock ? await q.for("update") : await q;
  if (!p) throw notFound();
  return p;
}

async function tallies(tx: Tx, proposalId: string): Promise<Record<ProposalPosition, number>> {
  const rows = await tx
    .select({ position: workgroupProposalResponses.position, n: sql<number>`count(*)::int` })
    .from(workgroupProposalResponses)
    .where(eq(workgroupProposalResponses.proposalId, proposalId))
    .groupBy(workgroupProposalResponses.position);
  const out = { agree: 0, abstain: 0, disagree: 0, block: 0 };
  for (const r of rows) out[r.position] = r.n;
  return out;
}

/** Puts a proposal to the group (members and facilitators); optionally tied to a meeting and a handbook page of the group. */
export async function createProposal(ctx: UseCaseContext, slug: string, raw: unknown) {
  const parsed = workgroupProposalInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  if (input.closesOn < todayInMaastricht()) throw new DomainError("proposal_closes_in_past", 400, { closesOn: ["proposal_closes_in_past"] });
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("create", proposalSubject(g));
    if (input.meetingId) {
      const [m] = await tx
        .select({ id: workgroupMeetings.id })
        .from(workgroupMeetings)
        .where(and(eq(workgroupMeetings.id, input.meetingId), eq(workgroupMeetings.workgroupId, g.id)));
      if (!m) throw new DomainError("invalid_input", 400, { meetingId: ["invalid_input"] });
    }
    const handbookPageId = await handbookPageIdOf(tx, g, input.handbookPage, "handbookPage");
    const id = crypto.randomUUID();
    await guardPersonalData(tx, ctx, {
      text: `${input.title}\n\n${input.body}`,
      field: "body",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "workgroup_proposal",
      objectId: id,
      workgroupId: g.id,
    });
    await tx.insert(workgroupProposals).values({
      id,
      municipalityId: g.municipalityId,
      workgroupId: g.id,
      meetingId: input.meetingId ?? null,
      handbookPageId,
      title: input.title,
      body: input.body,
      closesOn: input.closesOn,
      createdBy: ctx.actor.userId,
    });
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: "workgroup.proposal_created",
      objectType: "workgroup_proposal",
      objectId: id,
      meta: ctx.meta,
      data: { workgroupId: g.id, title: input.title, closesOn: input.closesOn },
    });
    await tellGroupMembers(
      tx,
      ctx,
      g,
      {},
      {
        kind: "workgroup_proposal",
        text: workgroupMessages.proposalOpened(ctx.actor.name, g.name, input.title, formatDate(input.closesOn)),
        link: `/werkgroepen/${g.slug}/voorstellen/${id}`,
        subject: workgroupMessages.proposalMailSubject(g.name),
      },
    );
    return { id };
  });
}

/** A proposal with its responses, tallies, the viewer's own response and — once closed — its decision. */
export async function getProposal(ctx: UseCaseContext, slug: string, proposalId: string) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    const p = await loadProposal(tx, g, proposalId);
    const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, p.createdBy));
    const responses = await tx
      .select({
        userId: workgroupProposalResponses.userId,
        name: users.name,
        position: workgroupProposalResponses.position,
        reason: workgroupProposalResponses.reason,
        updatedAt: workgroupProposalResponses.updatedAt,
      })
      .from(workgroupProposalResponses)
      .innerJoin(users, eq(users.id, workgroupProposalResponses.userId))
      .where(eq(workgroupProposalResponses.proposalId, p.id))
      .orderBy(asc(users.name));
    const [decision] = await tx
      .select({ id: workgroupDecisions.id, text: workgroupDecisions.text, decidedOn: workgroupDecisions.decidedOn })
      .from(workgroupDecisions)
      .where(eq(workgroupDecisions.proposalId, p.id));
    const [page] = p.handbookPageId
      ? await tx.select({ slug: handbookPages.slug, title: handbookPages.title }).from(handbookPages).where(eq(handbookPages.id, p.handbookPageId))
      : [];
    const [meeting] = p.meetingId
      ? await tx
          .select({ id: workgroupMeetings.id, heldOn: workgroupMeetings.heldOn, startsAt: workgroupMeetings.startsAt })
          .from(workgroupMeetings)
          .where(eq(workgroupMeetings.id, p.meetingId))
      : [];
    const subject = proposalSubject(g, p);
    const closedByName = p.closedBy ? ((await tx.select({ name: users.name }).from(users).where(eq(users.id, p.closedBy)))[0]?.name ?? null) : null;
    return {
      group: g,
      proposal: {
        id: p.id,
        title: p.title,
        html: renderMarkdown(p.body),
        authorName: author?.name ?? "",
        createdAt: p.createdAt,
        closesOn: p.closesOn,
        closedAt: p.closedAt,
        closedByName,
        outcome: p.outcome,
        open: isOpen(p),
        /** Past the closing date but not yet closed with an outcome. */
        awaitingOutcome: p.closedAt === null && !isOpen(p),
      },
      tallies: await tallies(tx, p.id),
      responses,
      mine: responses.find((r) => r.userId === ctx.actor.userId) ?? null,
      decision: decision ?? null,
      handbookPage: page ?? null,
      meeting: meeting ?? null,
      can: { respond: ctx.ability.can("respond", subject), close: ctx.ability.can("close", subject) },
    };
  });
}

/** The viewer's response (one per member; a new one replaces the old) while the proposal is open. */
export async function respondToProposal(ctx: UseCaseContext, slug: string, proposalId: string, raw: unknown) {
  const parsed = responseInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  if ((input.position === "disagree" || input.position === "block") && input.reason.length < 3)
    throw new DomainError("proposal_reason_required", 400, { reason: ["proposal_reason_required"] });
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    const p = await loadProposal(tx, g, proposalId);
    ForbiddenError.from(ctx.ability).throwUnlessCan("create", proposalSubject(g));
    if (!isOpen(p)) throw new DomainError("proposal_closed", 409);
    ForbiddenError.from(ctx.ability).throwUnlessCan("respond", proposalSubject(g, p));
    if (input.reason)
      await guardPersonalData(tx, ctx, {
        text: input.reason,
        field: "reason",
        confirmNoPersonalData: input.confirmNoPersonalData,
        objectType: "workgroup_proposal",
        objectId: p.id,
        workgroupId: g.id,
      });
    await tx
      .insert(workgroupProposalResponses)
      .values({
        municipalityId: g.municipalityId,
        workgroupId: g.id,
        proposalId: p.id,
        userId: ctx.actor.userId,
        position: input.position,
        reason: input.reason,
      })
      .onConflictDoUpdate({
        target: [workgroupProposalResponses.proposalId, workgroupProposalResponses.userId, workgroupProposalResponses.municipalityId],
        set: { position: input.position, reason: input.reason, updatedAt: new Date() },
      });
    return { position: input.position };
  });
}

/** A facilitator closes the proposal with an outcome statement, recorded as a decision of the group (same transaction, audit-logged). */
export async function closeProposal(ctx: UseCaseContext, slug: string, proposalId: string, raw: unknown) {
  const parsed = outcomeInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    const seen = await loadProposal(tx, g, proposalId);
    if (seen.closedAt) throw new DomainError("proposal_closed", 409);
    ForbiddenError.from(ctx.ability).throwUnlessCan("close", proposalSubject(g, seen));
    // Lock it (RLS lets only facilitators lock an open proposal): two facilitators closing at once record one decision.
    const p = await loadProposal(tx, g, proposalId, true);
    if (p.closedAt) throw new DomainError("proposal_closed", 409);
    await guardPersonalData(tx, ctx, {
      text: input.outcome,
      field: "outcome",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "workgroup_proposal",
      objectId: p.id,
      workgroupId: g.id,
    });
    const counts = await tallies(tx, p.id);
    await tx
      .update(workgroupProposals)
      .set({ closedAt: new Date(), closedBy: ctx.actor.userId, outcome: input.outcome })
      .where(eq(workgroupProposals.id, p.id));
    const decisionId = crypto.randomUUID();
    await tx.insert(workgroupDecisions).values({
      id: decisionId,
      municipalityId: g.municipalityId,
      workgroupId: g.id,
      meetingId: p.meetingId,
      proposalId: p.id,
      handbookPageId: p.handbookPageId,
      text: input.outcome,
      decidedOn: todayInMaastricht(),
      recordedBy: ctx.actor.userId,
    });
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: "workgroup.proposal_closed",
      objectType: "workgroup_proposal",
      objectId: p.id,
      meta: ctx.meta,
      data: { workgroupId: g.id, decisionId, tallies: counts, beforeClosingDate: p.closesOn >= todayInMaastricht() },
    });
    // Everyone asked to respond hears what was decided (a decision notice: in the digest for who chose one).
    await tellGroupMembers(
      tx,
      ctx,
      g,
      {},
      {
        kind: "workgroup_decision",
        text: workgroupMessages.proposalClosed(ctx.actor.name, g.name, p.title, input.outcome),
        link: `/werkgroepen/${g.slug}/voorstellen/${p.id}`,
        subject: workgroupMessages.decisionMailSubject(g.name),
      },
    );
    return { decisionId };
  });
}
