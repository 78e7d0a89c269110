// Meetings of a workgroup: date (and time), agenda and notes (markdown,
// rendered safely), decisions recorded at the meeting and action items (owner
// = an active member, due date, done / not done). Members plan and record
// meetings; readers of the group read them; an action item is ticked off by
// its owner or a facilitator. Open action items assigned to me show on my home
// page — only from groups I may still read (RLS decides). The privacy guard
// runs on every text before it is saved.
import { calendarDate, type UseCaseContext, DomainError, invalidInput, notFound, renderMarkdown, amsterdamDay, formatDate } from "../common";
import { ForbiddenError } from "@casl/ability";
import { as } from "@wijkwerk/authz";
import {
  and,
  asc,
  desc,
  eq,
  handbookPages,
  isNull,
  sql,
  users,
  withScope,
  workgroupActionItems,
  workgroupDecisions,
  workgroupMeetings,
  workgroupMembers,
  workgroupProposals,
  workgroups,
  type Tx,
} from "@wijkwerk/db";
import { z } from "zod";
import { workgroupMessages } from "./messages";
import { guardPersonalData, loadReadableWorkgroup, tellGroupMembers, workgroupScope, type WorkgroupRow } from "./workgroups";

export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** A calendar day as yyyy-mm-dd (what <input type="date"> sends), and a real one. */
export const isoDay = calendarDate();

/** Today in Maastricht (yyyy-mm-dd). */
export const todayInMaastricht = () => amsterdamDay(new Date());

export const meetingSubject = (g: Pick<WorkgroupRow, "municipalityId" | "myRole">) =>
  as("WorkgroupMeeting", { municipalityId: g.municipalityId, workgroupRole: g.myRole });
export const actionItemSubject = (g: Pick<WorkgroupRow, "municipalityId" | "myRole">, ownerId: string) =>
  as("WorkgroupActionItem", { municipalityId: g.municipalityId, workgroupRole: g.myRole, ownerId });

export const meetingInput = z.object({
  heldOn: isoDay,
  startsAt: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
  ),
  agenda: z.string().trim().max(20_000).default(""),
  notes: z.string().trim().max(50_000).default(""),
  confirmNoPersonalData: checkbox.default(false),
});

export const decisionInput = z.object({
  text: z.string().trim().min(3).max(4000),
  /** Slug of the group's handbook page the decision changes (optional). */
  handbookPage: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/)
      .optional(),
  ),
  confirmNoPersonalData: checkbox.default(false),
});

export const actionItemInput = z.object({
  /** What is to be done (stored as the item's description). */
  task: z.string().trim().min(3).max(500),
  ownerId: z.string().uuid(),
  dueOn: isoDay,
  confirmNoPersonalData: checkbox.default(false),
});

async function loadMeeting(tx: Tx, g: WorkgroupRow, meetingId: string, lock = false) {
  const q = tx
    .select()
    .from(workgroupMeetings)
    .where(and(eq(workgroupMeetings.id, meetingId), eq(workgroupMeetings.workgroupId, g.id)));
  const [m] = lock ? await q.for("update") : await q;
  if (!m) throw notFound();
  return m;
}

type MeetingRow = typeof workgroupMeetings.$inferSelect;

/**
 * The frame of every change at an existing meeting: the input checked, one
 * transaction in the workgroup scope, the group readable, the actor allowed
 * to update its meetings, and the meeting of that group (locked when the
 * change rewrites the meeting itself).
 */
async function changeMeeting<S extends z.ZodTypeAny, T>(
  ctx: UseCaseContext,
  slug: string,
  meetingId: string,
  schema: S,
  raw: unknown,
  opts: { lock?: boolean },
  change: (tx: Tx, g: WorkgroupRow, m: MeetingRow, input: z.output<S>) => Promise<T>,
): Promise<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", meetingSubject(g));
    const m = await loadMeeting(tx, g, meetingId, opts.lock);
    return change(tx, g, m, parsed.data);
  });
}

/** The id of a handbook page of this group by slug, or a field error. */
export async function handbookPageIdOf(tx: Tx, g: WorkgroupRow, slug: string | undefined, field: string): Promise<string | null> {
  if (!slug) return null;
  const [p] = await tx
    .select({ id: handbookPages.id })
    .from(handbookPages)
    .where(and(eq(handbookPages.workgroupId, g.id), eq(handbookPages.slug, slug)));
  if (!p) throw new DomainError("invalid_input", 400, { [field]: ["invalid_input"] });
  return p.id;
}

/** Active members of the group (owners for action items), by name. */
async function activeMembers(tx: Tx, g: WorkgroupRow) {
  return tx
    .select({ userId: workgroupMembers.userId, name: users.name })
    .from(workgroupMembers)
    .innerJoin(users, eq(users.id, workgroupMembers.userId))
    .where(and(eq(workgroupMembers.workgroupId, g.id), eq(workgroupMembers.status, "active")))
    .orderBy(asc(users.name));
}

// ── The group's record: meetings, proposals, decisions ─────────────────────

/** Meetings (newest first), proposals (open first) and decisions (newest first) of a group, for its page. */
export async function getWorkgroupRecord(ctx: UseCaseContext, slug: string) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    const today = todayInMaastricht();
    const meetings = await tx
      .select({
        id: workgroupMeetings.id,
        heldOn: workgroupMeetings.heldOn,
        startsAt: workgroupMeetings.startsAt,
        openActions: sql<number>`(select count(*)::int from workgroup_action_items a where a.meeting_id = workgroup_meetings.id and a.done_at is null)`,
      })
      .from(workgroupMeetings)
      .where(eq(workgroupMeetings.workgroupId, g.id))
      .orderBy(desc(workgroupMeetings.heldOn), desc(workgroupMeetings.startsAt))
      .limit(50);
    const proposals = await tx
      .select({ id: workgroupProposals.id, title: workgroupProposals.title, closesOn: workgroupProposals.closesOn, closedAt: workgroupProposals.closedAt })
      .from(workgroupProposals)
      .where(eq(workgroupProposals.workgroupId, g.id))
      .orderBy(sql`${workgroupProposals.closedAt} is not null`, desc(workgroupProposals.createdAt))
      .limit(50);
    const decisions = await listDecisionsIn(tx, sql`${workgroupDecisions.workgroupId} = ${g.id}`);
    const subject = meetingSubject(g);
    return {
      group: g,
      meetings,
      proposals: proposals.map((p) => ({ ...p, open: p.closedAt === null && p.closesOn >= today })),
      decisions,
      can: {
        createMeeting: ctx.ability.can("create", subject),
        createProposal: ctx.ability.can("create", as("WorkgroupProposal", { municipalityId: g.municipalityId, workgroupRole: g.myRole })),
      },
    };
  });
}

export interface DecisionView {
  id: string;
  text: string;
  decidedOn: string;
  recordedByName: string;
  meetingId: string | null;
  proposalId: string | null;
  proposalTitle: string | null;
  handbookPageSlug: string | null;
  handbookPageTitle: string | null;
}

export async function listDecisionsIn(tx: Tx, where: ReturnType<typeof sql>): Promise<DecisionView[]> {
  return tx
    .select({
      id: workgroupDecisions.id,
      text: workgroupDecisions.text,
      decidedOn: workgroupDecisions.decidedOn,
      recordedByName: users.name,
      meetingId: workgroupDecisions.meetingId,
      proposalId: workgroupDecisions.proposalId,
      proposalTitle: sql<string | null>`(select p.title from workgroup_proposals p where p.id = ${workgroupDecisions.proposalId})`,
      handbookPageSlug: sql<string | null>`(select h.slug from handbook_pages h where h.id = ${workgroupDecisions.handbookPageId})`,
      handbookPageTitle: sql<string | null>`(select h.title from handbook_pages h where h.id = ${workgroupDecisions.handbookPageId})`,
    })
    .from(workgroupDecisions)
    .innerJoin(users, eq(users.id, workgroupDecisions.recordedBy))
    .where(where)
    .orderBy(desc(workgroupDecisions.decidedOn), desc(workgroupDecisions.createdAt))
    .limit(100);
}

// ── Meetings ───────────────────────────────────────────────────────────────

export async function createMeeting(ctx: UseCaseContext, slug: string, raw: unknown) {
  const parsed = meetingInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("create", meetingSubject(g));
    const id = crypto.randomUUID();
    await guardMeetingTexts(tx, ctx, g, id, input);
    await tx.insert(workgroupMeetings).values({
      id,
      municipalityId: g.municipalityId,
      workgroupId: g.id,
      heldOn: input.heldOn,
      startsAt: input.startsAt ?? null,
      agenda: input.agenda,
      notes: input.notes,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
    });
    return { id };
  });
}

async function guardMeetingTexts(
  tx: Tx,
  ctx: UseCaseContext,
  g: WorkgroupRow,
  id: string,
  input: { agenda: string; notes: string; confirmNoPersonalData: boolean },
) {
  for (const field of ["agenda", "notes"] as const) {
    if (input[field])
      await guardPersonalData(tx, ctx, {
        text: input[field],
        field,
        confirmNoPersonalData: input.confirmNoPersonalData,
        objectType: "workgroup_meeting",
        objectId: id,
        workgroupId: g.id,
      });
  }
}

export async function updateMeeting(ctx: UseCaseContext, slug: string, meetingId: string, raw: unknown) {
  return changeMeeting(ctx, slug, meetingId, meetingInput, raw, { lock: true }, async (tx, g, m, input) => {
    await guardMeetingTexts(tx, ctx, g, m.id, input);
    await tx
      .update(workgroupMeetings)
      .set({
        heldOn: input.heldOn,
        startsAt: input.startsAt ?? null,
        agenda: input.agenda,
        notes: input.notes,
        updatedBy: ctx.actor.userId,
        updatedAt: new Date(),
      })
      .where(eq(workgroupMeetings.id, m.id));
    return { id: m.id };
  });
}

export async function getMeeting(ctx: UseCaseContext, slug: string, meetingId: string) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    const m = await loadMeeting(tx, g, meetingId);
    const today = todayInMaastricht();
    const items = await tx
      .select({
        id: workgroupActionItems.id,
        description: workgroupActionItems.description,
        ownerId: workgroupActionItems.ownerId,
        ownerName: users.name,
        dueOn: workgroupActionItems.dueOn,
        doneAt: workgroupActionItems.doneAt,
      })
      .from(workgroupActionItems)
      .innerJoin(users, eq(users.id, workgroupActionItems.ownerId))
      .where(eq(workgroupActionItems.meetingId, m.id))
      .orderBy(asc(workgroupActionItems.dueOn), asc(workgroupActionItems.createdAt));
    const proposals = await tx
      .select({ id: workgroupProposals.id, title: workgroupProposals.title, closesOn: workgroupProposals.closesOn, closedAt: workgroupProposals.closedAt })
      .from(workgroupProposals)
      .where(eq(workgroupProposals.meetingId, m.id))
      .orderBy(asc(workgroupProposals.createdAt));
    // Decisions recorded at this meeting, and the outcomes of proposals linked to it.
    const decisions = await listDecisionsIn(
      tx,
      sql`(${workgroupDecisions.meetingId} = ${m.id} or ${workgroupDecisions.proposalId} in (select p.id from workgroup_proposals p where p.meeting_id = ${m.id}))`,
    );
    const pages = await tx
      .select({ slug: handbookPages.slug, title: handbookPages.title })
      .from(handbookPages)
      .where(eq(handbookPages.workgroupId, g.id))
      .orderBy(asc(handbookPages.title));
    const canUpdate = ctx.ability.can("update", meetingSubject(g));
    return {
      group: g,
      meeting: {
        id: m.id,
        heldOn: m.heldOn,
        startsAt: m.startsAt,
        agenda: m.agenda,
        notes: m.notes,
        agendaHtml: renderMarkdown(m.agenda),
        notesHtml: renderMarkdown(m.notes),
        updatedAt: m.updatedAt,
      },
      actionItems: items.map((i) => ({
        ...i,
        done: i.doneAt !== null,
        overdue: i.doneAt === null && i.dueOn < today,
        canToggle: ctx.ability.can("update", actionItemSubject(g, i.ownerId)),
      })),
      proposals: proposals.map((p) => ({ ...p, open: p.closedAt === null && p.closesOn >= today })),
      decisions,
      members: canUpdate ? await activeMembers(tx, g) : [],
      pages,
      can: { update: canUpdate },
    };
  });
}

// ── Decisions and action items at a meeting ────────────────────────────────

export async function addMeetingDecision(ctx: UseCaseContext, slug: string, meetingId: string, raw: unknown) {
  return changeMeeting(ctx, slug, meetingId, decisionInput, raw, {}, async (tx, g, m, input) => {
    const handbookPageId = await handbookPageIdOf(tx, g, input.handbookPage, "handbookPage");
    const id = crypto.randomUUID();
    await guardPersonalData(tx, ctx, {
      text: input.text,
      field: "text",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "workgroup_decision",
      objectId: id,
      workgroupId: g.id,
    });
    await tx.insert(workgroupDecisions).values({
      id,
      municipalityId: g.municipalityId,
      workgroupId: g.id,
      meetingId: m.id,
      handbookPageId,
      text: input.text,
      decidedOn: m.heldOn,
      recordedBy: ctx.actor.userId,
    });
    return { id };
  });
}

export async function addActionItem(ctx: UseCaseContext, slug: string, meetingId: string, raw: unknown) {
  return changeMeeting(ctx, slug, meetingId, actionItemInput, raw, {}, async (tx, g, m, input) => {
    const members = await activeMembers(tx, g);
    if (!members.some((x) => x.userId === input.ownerId)) throw new DomainError("action_owner_not_member", 400, { ownerId: ["action_owner_not_member"] });
    const id = crypto.randomUUID();
    await guardPersonalData(tx, ctx, {
      text: input.task,
      field: "task",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "workgroup_action_item",
      objectId: id,
      workgroupId: g.id,
    });
    await tx.insert(workgroupActionItems).values({
      id,
      municipalityId: g.municipalityId,
      workgroupId: g.id,
      meetingId: m.id,
      description: input.task,
      ownerId: input.ownerId,
      dueOn: input.dueOn,
      createdBy: ctx.actor.userId,
    });
    await tellGroupMembers(
      tx,
      ctx,
      g,
      { only: input.ownerId },
      {
        kind: "workgroup_action",
        text: workgroupMessages.actionItemAssigned(ctx.actor.name, g.name, input.task, formatDate(input.dueOn)),
        link: `/werkgroepen/${g.slug}/overleg/${m.id}`,
        subject: workgroupMessages.actionItemMailSubject(g.name),
      },
    );
    return { id };
  });
}

/** Done or not done again: the owner (still a member) or a facilitator. */
export async function setActionItemDone(ctx: UseCaseContext, slug: string, itemId: string, done: boolean) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    const [item] = await tx
      .select({ id: workgroupActionItems.id, ownerId: workgroupActionItems.ownerId, meetingId: workgroupActionItems.meetingId })
      .from(workgroupActionItems)
      .where(and(eq(workgroupActionItems.id, itemId), eq(workgroupActionItems.workgroupId, g.id)));
    if (!item) throw notFound();
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", actionItemSubject(g, item.ownerId));
    await tx
      .update(workgroupActionItems)
      .set(done ? { doneAt: new Date(), doneBy: ctx.actor.userId } : { doneAt: null, doneBy: null })
      .where(eq(workgroupActionItems.id, item.id));
    return { meetingId: item.meetingId };
  });
}

/** My open action items in groups I may still read (RLS filters the rest), earliest due first. */
export async function listMyActionItems(ctx: UseCaseContext) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const today = todayInMaastricht();
    const rows = await tx
      .select({
        id: workgroupActionItems.id,
        description: workgroupActionItems.description,
        dueOn: workgroupActionItems.dueOn,
        meetingId: workgroupActionItems.meetingId,
        groupName: workgroups.name,
        groupSlug: workgroups.slug,
      })
      .from(workgroupActionItems)
      .innerJoin(workgroups, eq(workgroups.id, workgroupActionItems.workgroupId))
      .where(and(eq(workgroupActionItems.ownerId, ctx.actor.userId), isNull(workgroupActionItems.doneAt)))
      .orderBy(asc(workgroupActionItems.dueOn), asc(workgroupActionItems.createdAt))
      .limit(50);
    return rows.map((r) => ({ ...r, overdue: r.dueOn < today, link: `/werkgroepen/${r.groupSlug}/overleg/${r.meetingId}#actiepunt-${r.id}` }));
  });
}
