// Files on workgroup posts: PDF, PNG or JPEG, at most 5 MB, checked exactly
// like spend attachments (packages/core/src/common/attachment-files.ts: type from the magic bytes,
// safe names). The bytes are stored in PostgreSQL (workgroup_attachments)
// behind the group's row-level security (migration 0018): readers of the
// group read them; the files of a hidden post only the group's facilitators.
// Added with the post by its author (posts.ts, same transaction);
// removed (softly) by the uploader or a facilitator; both audit-logged.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, asc, eq, inArray, isNull, sql, users, withScope, workgroupAttachments, workgroupPosts, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import {
  attachmentFileOf,
  refineAttachmentFile,
  storedFileValues,
  uploadedFileFields,
  type AttachmentContentType,
  type AttachmentFile,
  type UseCaseContext,
  DomainError,
  invalidInput,
  notFound,
} from "../common";
import { appendAudit } from "../audit";
import { loadReadableWorkgroup, workgroupScope, workgroupSubject, type WorkgroupRow } from "./workgroups";

/** At most this many files per post. */
export const MAX_FILES_PER_POST = 3;

export const workgroupFileInput = z.object(uploadedFileFields).superRefine((v, issue) => refineAttachmentFile(v.bytes, issue));
export type WorkgroupFileInput = z.input<typeof workgroupFileInput>;

export interface WorkgroupAttachmentView {
  id: string;
  fileName: string;
  contentType: AttachmentContentType;
  sizeBytes: number;
  uploadedByName: string;
  canRemove: boolean;
}

const attachmentSubject = (g: WorkgroupRow, uploadedBy: string) =>
  as("WorkgroupAttachment", { municipalityId: g.municipalityId, uploadedBy, myRole: g.myRole });
const isUuid = (v: string) => z.string().uuid().safeParse(v).success;

/** Validates uploads before any transaction starts: Dutch field errors on "file" (empty, too large, wrong type, too many). */
export function parseWorkgroupFiles(files: WorkgroupFileInput[]) {
  if (files.length > MAX_FILES_PER_POST) throw new DomainError("invalid_input", 400, { file: ["attachment_too_many"] });
  return files.map((f) => {
    const parsed = workgroupFileInput.safeParse(f);
    if (!parsed.success) throw invalidInput(parsed.error);
    return storedFileValues(parsed.data);
  });
}

/** Stores checked files on the caller's own new post (inside its transaction) and audit-logs each. */
export async function insertPostAttachments(
  tx: Tx,
  ctx: UseCaseContext,
  g: WorkgroupRow,
  postId: string,
  files: ReturnType<typeof parseWorkgroupFiles>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files) {
    const [row] = await tx
      .insert(workgroupAttachments)
      .values({
        municipalityId: g.municipalityId,
        workgroupId: g.id,
        postId,
        fileName: f.fileName,
        contentType: f.contentType,
        sizeBytes: f.bytes.byteLength,
        sha256: f.sha256,
        content: f.bytes,
        uploadedBy: ctx.actor.userId,
        createdAt: sql`clock_timestamp()`,
      })
      .returning({ id: workgroupAttachments.id });
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: "workgroup.attachment_added",
      objectType: "workgroup_attachment",
      objectId: row.id,
      meta: ctx.meta,
      data: { workgroupId: g.id, postId, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.bytes.byteLength, sha256: f.sha256 },
    });
    ids.push(row.id);
  }
  return ids;
}

/** The live files of these posts as the viewer may see them (RLS leaves out a hidden post's files for non-facilitators), by post. */
export async function attachmentsOfPosts(tx: Tx, ctx: UseCaseContext, g: WorkgroupRow, postIds: string[]): Promise<Map<string, WorkgroupAttachmentView[]>> {
  const byPost = new Map<string, WorkgroupAttachmentView[]>();
  if (!postIds.length) return byPost;
  const rows = await tx
    .select({
      id: workgroupAttachments.id,
      postId: workgroupAttachments.postId,
      fileName: workgroupAttachments.fileName,
      contentType: workgroupAttachments.contentType,
      sizeBytes: workgroupAttachments.sizeBytes,
      uploadedBy: workgroupAttachments.uploadedBy,
      uploadedByName: users.name,
    })
    .from(workgroupAttachments)
    .innerJoin(users, eq(users.id, workgroupAttachments.uploadedBy))
    .where(and(eq(workgroupAttachments.workgroupId, g.id), inArray(workgroupAttachments.postId, postIds), isNull(workgroupAttachments.deletedAt)))
    .orderBy(asc(workgroupAttachments.createdAt), asc(workgroupAttachments.id));
  for (const { postId, uploadedBy, ...r } of rows) {
    const list = byPost.get(postId) ?? [];
    list.push({ ...r, contentType: r.contentType as AttachmentContentType, canRemove: ctx.ability.can("delete", attachmentSubject(g, uploadedBy)) });
    byPost.set(postId, list);
  }
  return byPost;
}

/** The live file in this group, with its post's state; 404 when missing, removed, in another group, or not readable (RLS). */
async function findFile(tx: Tx, ctx: UseCaseContext, g: WorkgroupRow, attachmentId: string, lock = false) {
  if (!isUuid(attachmentId)) throw notFound();
  const query = tx
    .select({ file: workgroupAttachments, postHidden: workgroupPosts.hiddenAt })
    .from(workgroupAttachments)
    .innerJoin(workgroupPosts, eq(workgroupPosts.id, workgroupAttachments.postId))
    .where(and(eq(workgroupAttachments.id, attachmentId), eq(workgroupAttachments.workgroupId, g.id), isNull(workgroupAttachments.deletedAt)));
  const [row] = lock ? await query.for("update", { of: workgroupAttachments }) : await query;
  // RLS already hides a hidden post's files from non-facilitators; CASL says the same.
  if (!row || (row.postHidden && !ctx.ability.can("moderate", workgroupSubject(g)))) throw notFound();
  return row.file;
}

/** One file with its bytes, for a download. */
export async function readWorkgroupAttachment(ctx: UseCaseContext, slug: string, attachmentId: string): Promise<AttachmentFile> {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    return attachmentFileOf(await findFile(tx, ctx, g, attachmentId));
  });
}

/** The uploader or a facilitator removes a file (softly: the row stays, marked); audit-logged. Returns the post's thread. */
export async function removeWorkgroupAttachment(ctx: UseCaseContext, slug: string, attachmentId: string): Promise<{ threadId: string }> {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    const f = await findFile(tx, ctx, g, attachmentId, true);
    ForbiddenError.from(ctx.ability).throwUnlessCan("delete", attachmentSubject(g, f.uploadedBy));
    await tx.update(workgroupAttachments).set({ deletedAt: new Date(), deletedBy: ctx.actor.userId }).where(eq(workgroupAttachments.id, f.id));
    const [post] = await tx.select({ id: workgroupPosts.id, parentId: workgroupPosts.parentId }).from(workgroupPosts).where(eq(workgroupPosts.id, f.postId));
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: "workgroup.attachment_removed",
      objectType: "workgroup_attachment",
      objectId: f.id,
      meta: ctx.meta,
      data: { workgroupId: g.id, postId: f.postId, fileName: f.fileName, sha256: f.sha256, uploadedBy: f.uploadedBy },
    });
    return { threadId: post?.parentId ?? post?.id ?? f.postId };
  });
}
