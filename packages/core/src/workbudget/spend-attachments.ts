// Files on a spend request: a quote before approval, a receipt after
// payment. PDF, PNG or JPEG, at most 5 MB; the type comes from the file's
// first bytes, never from the browser's claim or the name. The bytes are
// stored in PostgreSQL (spend_attachments), behind the same row-level
// security as the request itself: a team sees its own, the budget controller
// its municipality's. Who may do what is in the CASL matrix (SpendAttachment):
// whoever reads the request reads its files; the author and the coordinator
// add them while the request is open; the uploader removes their own.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, asc, eq, isNull, spendAttachments, spendRequests, spendTransitions, users, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import {
  type UseCaseContext,
  DomainError,
  invalidInput,
  attachmentFileOf,
  refineAttachmentFile,
  storedFileValues,
  uploadedFileFields,
  type AttachmentContentType,
  type AttachmentFile,
} from "../common";
import type { SpendStatus } from "./spend-lifecycle";

// The file checks (type from magic bytes, 5 MB, safe names) are shared with
// workgroup attachments: packages/core/src/common/attachment-files.ts.
export { ATTACHMENT_CONTENT_TYPES, MAX_ATTACHMENT_BYTES, detectAttachmentType, sanitiseFileName, type AttachmentContentType } from "../common";
export const ATTACHMENT_KINDS = ["quote", "receipt", "other"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Files no longer change once a request is finished: withdrawn, rejected or evaluated. */
export const ATTACHMENTS_CLOSED_STATUSES: readonly SpendStatus[] = ["cancelled", "rejected", "evaluated"];

export const attachmentInput = z
  .object({ kind: z.enum(ATTACHMENT_KINDS), ...uploadedFileFields })
  .superRefine((v, issue) => refineAttachmentFile(v.bytes, issue));
export type AttachmentInput = z.input<typeof attachmentInput>;

export interface AttachmentListItem {
  id: string;
  kind: AttachmentKind;
  fileName: string;
  contentType: AttachmentContentType;
  sizeBytes: number;
  uploadedByName: string;
  createdAt: Date;
  canRemove: boolean;
}

export interface AttachmentList {
  items: AttachmentListItem[];
  /** Whether this actor may add a file now (permission and the request's status). */
  canAdd: boolean;
}

type SpendRow = typeof spendRequests.$inferSelect;
type AttachmentRow = typeof spendAttachments.$inferSelect;

const attachmentSubject = (spend: Pick<SpendRow, "municipalityId" | "teamId" | "authorId">, uploadedBy?: string) =>
  as("SpendAttachment", { municipalityId: spend.municipalityId, teamId: spend.teamId, spendAuthorId: spend.authorId, ...(uploadedBy ? { uploadedBy } : {}) });

const isUuid = (v: string) => z.string().uuid().safeParse(v).success;
const isOpen = (spend: Pick<SpendRow, "status">) => !ATTACHMENTS_CLOSED_STATUSES.includes(spend.status);

/**
 * The request as this actor sees it, or 404: RLS hides another team's, CASL
 * a colleague's for a member. `lock` takes a share lock, so the status
 * cannot change (cancel, evaluate) until this transaction ends.
 */
async function readableSpend(tx: Tx, ctx: UseCaseContext, spendId: string, lock = false): Promise<SpendRow> {
  if (!isUuid(spendId)) throw new DomainError("not_found", 404);
  const query = tx.select().from(spendRequests).where(eq(spendRequests.id, spendId));
  const [spend] = lock ? await query.for("share") : await query;
  if (!spend || !ctx.ability.can("read", attachmentSubject(spend))) throw new DomainError("not_found", 404);
  return spend;
}

async function recordOnTimeline(tx: Tx, ctx: UseCaseContext, spend: SpendRow, action: "attachment_added" | "attachment_removed", fileName: string) {
  await tx.insert(spendTransitions).values({
    municipalityId: spend.municipalityId,
    teamId: spend.teamId,
    spendId: spend.id,
    action,
    fromStatus: spend.status,
    toStatus: spend.status,
    actorUserId: ctx.actor.userId,
    actor: { id: ctx.actor.userId, name: ctx.actor.name, email: ctx.actor.email },
    comment: fileName,
  });
}

/** The live files of a request (metadata only) and what this actor may do with them; for use inside a scope's transaction. */
export async function attachmentsOf(tx: Tx, ctx: UseCaseContext, spend: SpendRow): Promise<AttachmentList> {
  if (!ctx.ability.can("read", attachmentSubject(spend))) return { items: [], canAdd: false };
  const rows = await tx
    .select({
      id: spendAttachments.id,
      kind: spendAttachments.kind,
      fileName: spendAttachments.fileName,
      contentType: spendAttachments.contentType,
      sizeBytes: spendAttachments.sizeBytes,
      uploadedBy: spendAttachments.uploadedBy,
      uploadedByName: users.name,
      createdAt: spendAttachments.createdAt,
    })
    .from(spendAttachments)
    .innerJoin(users, eq(users.id, spendAttachments.uploadedBy))
    .where(and(eq(spendAttachments.spendId, spend.id), isNull(spendAttachments.deletedAt)))
    .orderBy(asc(spendAttachments.createdAt), asc(spendAttachments.id));
  const open = isOpen(spend);
  return {
    items: rows.map(({ uploadedBy, ...r }) => ({
      ...r,
      kind: r.kind as AttachmentKind,
      contentType: r.contentType as AttachmentContentType,
      canRemove: open && ctx.ability.can("delete", attachmentSubject(spend, uploadedBy)),
    })),
    canAdd: open && ctx.ability.can("create", attachmentSubject(spend)),
  };
}

/** The files of one request, without their bytes. */
export async function listAttachments(ctx: UseCaseContext, spendId: string): Promise<AttachmentList> {
  return withScope(ctx.db, ctx.scope, async (tx) => attachmentsOf(tx, ctx, await readableSpend(tx, ctx, spendId)));
}

/** Adds a file to an open request; on the timeline and in the audit log, in the same transaction. */
export async function addAttachment(
  ctx: UseCaseContext,
  spendId: string,
  raw: AttachmentInput,
): Promise<{ id: string; fileName: string; contentType: AttachmentContentType; sizeBytes: number }> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", "SpendAttachment");
  const parsed = attachmentInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { kind } = parsed.data;
  const { bytes, contentType, fileName, sha256 } = storedFileValues(parsed.data);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const spend = await readableSpend(tx, ctx, spendId, true);
    if (!ctx.ability.can("create", attachmentSubject(spend))) throw new DomainError("forbidden", 403);
    if (!isOpen(spend)) throw new DomainError("attachment_spend_closed", 409);
    const [row] = await tx
      .insert(spendAttachments)
      .values({
        municipalityId: spend.municipalityId,
        teamId: spend.teamId,
        spendId: spend.id,
        kind,
        fileName,
        contentType,
        sizeBytes: bytes.byteLength,
        sha256,
        content: bytes,
        uploadedBy: ctx.actor.userId,
      })
      .returning({ id: spendAttachments.id });
    await recordOnTimeline(tx, ctx, spend, "attachment_added", fileName);
    await appendAudit(tx, {
      municipalityId: spend.municipalityId,
      teamId: spend.teamId,
      actor: ctx.actor,
      action: "spend.attachment_added",
      objectType: "spend_attachment",
      objectId: row.id,
      meta: ctx.meta,
      data: { spendId: spend.id, number: spend.number, kind, fileName, contentType, sizeBytes: bytes.byteLength, sha256 },
    });
    return { id: row.id, fileName, contentType, sizeBytes: bytes.byteLength };
  });
}

async function findAttachment(tx: Tx, spend: SpendRow, attachmentId: string, lock = false): Promise<AttachmentRow> {
  if (!isUuid(attachmentId)) throw new DomainError("not_found", 404);
  const query = tx
    .select()
    .from(spendAttachments)
    .where(and(eq(spendAttachments.id, attachmentId), eq(spendAttachments.spendId, spend.id), isNull(spendAttachments.deletedAt)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new DomainError("not_found", 404);
  return row;
}

/** One file with its bytes, for a download. A file of a request the actor cannot read is not found. */
export async function readAttachment(ctx: UseCaseContext, spendId: string, attachmentId: string): Promise<AttachmentFile> {
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const spend = await readableSpend(tx, ctx, spendId);
    return attachmentFileOf(await findAttachment(tx, spend, attachmentId));
  });
}

/** Removes (softly: the row stays, marked) a file its uploader added, while the request is open. */
export async function removeAttachment(ctx: UseCaseContext, spendId: string, attachmentId: string): Promise<void> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("delete", "SpendAttachment");
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const spend = await readableSpend(tx, ctx, spendId, true);
    const row = await findAttachment(tx, spend, attachmentId, true);
    if (!ctx.ability.can("delete", attachmentSubject(spend, row.uploadedBy))) throw new DomainError("forbidden", 403);
    if (!isOpen(spend)) throw new DomainError("attachment_spend_closed", 409);
    await tx.update(spendAttachments).set({ deletedAt: new Date(), deletedBy: ctx.actor.userId }).where(eq(spendAttachments.id, row.id));
    await recordOnTimeline(tx, ctx, spend, "attachment_removed", row.fileName);
    await appendAudit(tx, {
      municipalityId: spend.municipalityId,
      teamId: spend.teamId,
      actor: ctx.actor,
      action: "spend.attachment_removed",
      objectType: "spend_attachment",
      objectId: row.id,
      meta: ctx.meta,
      data: { spendId: spend.id, number: spend.number, kind: row.kind, fileName: row.fileName, sha256: row.sha256 },
    });
  });
}
