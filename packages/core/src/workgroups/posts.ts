// Threads in a workgroup: a post starts a thread, replies follow it. The
// privacy guard runs before every save; @mentions notify (in-app and e-mail)
// everyone mentioned who may read the group. Facilitators hide a post with a
// reason (audit-logged); the text stays in the database for the record.
import { ForbiddenError } from "@casl/ability";
import { and, asc, desc, eq, isNull, queryRows, sql, users, withScope, workgroupPosts, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, invalidInput, notFound, findMentions, handlesOf, renderMarkdown } from "../common";
import { workgroupMessages } from "./messages";
import { insertNotices, type Recipient } from "../notifications";
import { attachmentsOfPosts, insertPostAttachments, parseWorkgroupFiles, type WorkgroupAttachmentView, type WorkgroupFileInput } from "./attachments";
import { guardPersonalData, loadReadableWorkgroup, tellGroupMembers, workgroupScope, workgroupSubject, type WorkgroupRow } from "./workgroups";

export const THREADS_PAGE_SIZE = 20;

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const postInput = z.object({
  title: z.string().trim().min(3).max(200).optional(),
  body: z.string().trim().min(1).max(20_000),
  confirmNoPersonalData: checkbox.default(false),
});

export interface PostView {
  id: string;
  authorName: string;
  createdAt: Date;
  title: string | null;
  /** Safe HTML (renderMarkdown), or null when hidden. */
  html: string | null;
  hidden: { reason: string; at: Date } | null;
  /** Its files the viewer may download (none of a hidden post, except for facilitators). */
  attachments: WorkgroupAttachmentView[];
}

const postColumns = {
  id: workgroupPosts.id,
  authorName: users.name,
  createdAt: workgroupPosts.createdAt,
  title: workgroupPosts.title,
  body: workgroupPosts.body,
  hiddenAt: workgroupPosts.hiddenAt,
  hiddenReason: workgroupPosts.hiddenReason,
};
type PostRow = { id: string; authorName: string; createdAt: Date; title: string | null; body: string; hiddenAt: Date | null; hiddenReason: string | null };

// A hidden post shows its reason, never its text.
const toView = (p: PostRow, files: Map<string, WorkgroupAttachmentView[]>): PostView => ({
  id: p.id,
  authorName: p.authorName,
  createdAt: p.createdAt,
  title: p.title,
  html: p.hiddenAt ? null : renderMarkdown(p.body),
  hidden: p.hiddenAt ? { reason: p.hiddenReason ?? "", at: p.hiddenAt } : null,
  attachments: files.get(p.id) ?? [],
});

/** The group's threads, newest activity first, with their number of replies. */
export async function listThreads(ctx: UseCaseContext, slug: string, opts: { page?: number } = {}) {
  const page = Math.max(1, opts.page ?? 1);
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    const where = and(eq(workgroupPosts.workgroupId, g.id), isNull(workgroupPosts.parentId));
    const [{ total }] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(workgroupPosts)
      .where(where);
    const lastActivity = sql<Date>`coalesce((select max(r.created_at) from workgroup_posts r where r.parent_id = workgroup_posts.id), workgroup_posts.created_at)`;
    const rows = await tx
      .select({
        id: workgroupPosts.id,
        title: workgroupPosts.title,
        authorName: users.name,
        createdAt: workgroupPosts.createdAt,
        hidden: sql<boolean>`${workgroupPosts.hiddenAt} is not null`,
        replies: sql<number>`(select count(*)::int from workgroup_posts r where r.parent_id = workgroup_posts.id)`,
        lastActivity,
      })
      .from(workgroupPosts)
      .innerJoin(users, eq(users.id, workgroupPosts.authorId))
      .where(where)
      .orderBy(desc(lastActivity), desc(workgroupPosts.id))
      .limit(THREADS_PAGE_SIZE)
      .offset((page - 1) * THREADS_PAGE_SIZE);
    return {
      items: rows.map((r) => ({ ...r, lastActivity: new Date(r.lastActivity) })),
      page,
      pages: Math.max(1, Math.ceil(total / THREADS_PAGE_SIZE)),
      total,
    };
  });
}

/** A thread with its replies (oldest first). */
export async function getThread(ctx: UseCaseContext, slug: string, threadId: string) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    const [thread] = await tx
      .select(postColumns)
      .from(workgroupPosts)
      .innerJoin(users, eq(users.id, workgroupPosts.authorId))
      .where(and(eq(workgroupPosts.id, threadId), eq(workgroupPosts.workgroupId, g.id), isNull(workgroupPosts.parentId)));
    if (!thread) throw notFound();
    const replies = await tx
      .select(postColumns)
      .from(workgroupPosts)
      .innerJoin(users, eq(users.id, workgroupPosts.authorId))
      .where(eq(workgroupPosts.parentId, thread.id))
      .orderBy(asc(workgroupPosts.createdAt), asc(workgroupPosts.id));
    const subject = workgroupSubject(g);
    const files = await attachmentsOfPosts(tx, ctx, g, [thread.id, ...replies.map((r) => r.id)]);
    return {
      group: g,
      thread: toView(thread, files),
      replies: replies.map((r) => toView(r, files)),
      can: { post: ctx.ability.can("post", subject), moderate: ctx.ability.can("moderate", subject) },
    };
  });
}

/** Tells everyone mentioned who may read the group (not the author). */
async function notifyMentions(tx: Tx, ctx: UseCaseContext, g: WorkgroupRow, text: string, link: string, title: string): Promise<string[]> {
  const handles = findMentions(text);
  if (!handles.length) return [];
  const readers = await queryRows<Recipient>(tx, sql`select id, email, name from workgroup_readers(${g.id}::uuid)`);
  const wanted = new Set(handles);
  const mentioned = readers.filter((r) => r.id !== ctx.actor.userId && handlesOf(r).some((h) => wanted.has(h)));
  const message = workgroupMessages.mentioned(ctx.actor.name, g.name, title);
  await insertNotices(
    tx,
    g.municipalityId,
    mentioned.map((recipient) => ({
      recipient,
      spendId: null,
      kind: "workgroup_mention",
      text: message,
      link,
      subject: workgroupMessages.mentionedMailSubject(ctx.actor.name, g.name),
    })),
  );
  return mentioned.map((m) => m.id);
}

/**
 * A new thread tells the group's active members in the app (and in their
 * digest; no e-mail of its own: see mailPolicy). Replies tell nobody but the
 * people @mentioned, so a busy thread does not flood anyone.
 */
async function notifyNewThread(tx: Tx, ctx: UseCaseContext, g: WorkgroupRow, threadId: string, title: string, skip: string[]) {
  await tellGroupMembers(
    tx,
    ctx,
    g,
    { except: skip },
    {
      kind: "workgroup_thread",
      text: workgroupMessages.newThread(ctx.actor.name, g.name, title),
      link: `/werkgroepen/${g.slug}/draad/${threadId}`,
      subject: workgroupMessages.newThreadMailSubject(g.name),
    },
  );
}

/**
 * A new thread (with title) or a reply (parentId), optionally with files
 * (at most 3: PDF/JPG/PNG up to 5 MB each). Members only; the privacy guard
 * runs on title and text, and the files are checked, before anything is written.
 */
export async function createPost(ctx: UseCaseContext, slug: string, raw: unknown, opts: { parentId?: string; files?: WorkgroupFileInput[] } = {}) {
  const parsed = postInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const files = parseWorkgroupFiles(opts.files ?? []);
  if (!opts.parentId && !parsed.data.title)
    throw invalidInput(new z.ZodError([{ code: "too_small", minimum: 3, type: "string", inclusive: true, path: ["title"], message: "required" }]));
  const input = parsed.data;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("post", workgroupSubject(g));
    let threadTitle = input.title ?? "";
    if (opts.parentId) {
      const [parent] = await tx
        .select({ id: workgroupPosts.id, title: workgroupPosts.title, hiddenAt: workgroupPosts.hiddenAt })
        .from(workgroupPosts)
        .where(and(eq(workgroupPosts.id, opts.parentId), eq(workgroupPosts.workgroupId, g.id), isNull(workgroupPosts.parentId)));
      if (!parent) throw notFound();
      threadTitle = parent.title ?? "";
    }
    const id = crypto.randomUUID();
    const text = opts.parentId ? input.body : `${input.title}\n\n${input.body}`;
    await guardPersonalData(tx, ctx, {
      text,
      field: "body",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "workgroup_post",
      objectId: id,
      workgroupId: g.id,
    });
    await tx.insert(workgroupPosts).values({
      id,
      municipalityId: g.municipalityId,
      workgroupId: g.id,
      parentId: opts.parentId ?? null,
      authorId: ctx.actor.userId,
      title: opts.parentId ? null : input.title!,
      body: input.body,
    } as typeof workgroupPosts.$inferInsert);
    const attachmentIds = await insertPostAttachments(tx, ctx, g, id, files);
    const threadId = opts.parentId ?? id;
    const mentioned = await notifyMentions(tx, ctx, g, text, `/werkgroepen/${g.slug}/draad/${threadId}#bericht-${id}`, threadTitle);
    if (!opts.parentId) await notifyNewThread(tx, ctx, g, id, threadTitle, mentioned);
    return { id, threadId, mentioned, attachmentIds };
  });
}

export const hidePostInput = z.object({ reason: z.string().trim().min(3).max(500) });

/** A facilitator hides a post (thread or reply) with a reason; audit-logged. */
export async function hidePost(ctx: UseCaseContext, slug: string, postId: string, raw: unknown) {
  const parsed = hidePostInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("moderate", workgroupSubject(g));
    const [hidden] = await tx
      .update(workgroupPosts)
      .set({ hiddenAt: new Date(), hiddenBy: ctx.actor.userId, hiddenReason: parsed.data.reason })
      .where(and(eq(workgroupPosts.id, postId), eq(workgroupPosts.workgroupId, g.id), isNull(workgroupPosts.hiddenAt)))
      .returning({ id: workgroupPosts.id, parentId: workgroupPosts.parentId, authorId: workgroupPosts.authorId });
    if (!hidden) throw notFound();
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: "workgroup.post_hidden",
      objectType: "workgroup_post",
      objectId: hidden.id,
      meta: ctx.meta,
      data: { workgroupId: g.id, reason: parsed.data.reason, authorId: hidden.authorId },
    });
    return { threadId: hidden.parentId ?? hidden.id };
  });
}
