// The handbook of agreed ways of working: pages per workgroup and one
// city-wide handbook (workgroup NULL). Every save is a new version (who, what,
// when); two versions can be compared (word diff); restoring an old version
// saves it again as the newest, so history is never rewritten. The privacy
// guard runs on every save.
import { ForbiddenError } from "@casl/ability";
import { as } from "@wijkwerk/authz";
import { and, asc, desc, eq, handbookPages, handbookVersions, isNull, sql, users, withScope, workgroupDecisions, type Tx } from "@wijkwerk/db";
import { diffWordsWithSpace } from "diff";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, invalidInput, notFound, renderMarkdown } from "../common";
import { listDecisionsIn } from "./meetings";
import { guardPersonalData, loadReadableWorkgroup, slugify, workgroupScope, type WorkgroupRow } from "./workgroups";

/** Which handbook: a workgroup's (by slug) or the city-wide one (null). */
export type HandbookOwner = string | null;

interface OpenedHandbook {
  group: WorkgroupRow | null;
  canEdit: boolean;
}

async function openHandbook(tx: Tx, ctx: UseCaseContext, owner: HandbookOwner): Promise<OpenedHandbook> {
  const municipalityId = ctx.actor.municipalityId;
  if (owner === null) {
    if (!ctx.ability.can("read", as("Handbook", { municipalityId, workgroupId: null }))) throw notFound();
    return { group: null, canEdit: ctx.ability.can("update", as("Handbook", { municipalityId, workgroupId: null })) };
  }
  const group = await loadReadableWorkgroup(tx, ctx, owner);
  return { group, canEdit: ctx.ability.can("update", as("Handbook", { municipalityId, workgroupId: group.id, workgroupRole: group.myRole })) };
}

const ownerFilter = (group: WorkgroupRow | null) => (group ? eq(handbookPages.workgroupId, group.id) : isNull(handbookPages.workgroupId));

export async function listHandbookPages(ctx: UseCaseContext, owner: HandbookOwner) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const { group, canEdit } = await openHandbook(tx, ctx, owner);
    const pages = await tx
      .select({
        slug: handbookPages.slug,
        title: handbookPages.title,
        version: handbookPages.version,
        updatedAt: handbookPages.updatedAt,
        updatedByName: users.name,
      })
      .from(handbookPages)
      .innerJoin(users, eq(users.id, handbookPages.updatedBy))
      .where(ownerFilter(group))
      .orderBy(asc(handbookPages.title));
    return { group, canEdit, pages };
  });
}

async function loadPage(tx: Tx, group: WorkgroupRow | null, pageSlug: string, lock = false) {
  const q = tx
    .select()
    .from(handbookPages)
    .where(and(ownerFilter(group), eq(handbookPages.slug, pageSlug)));
  const [page] = lock ? await q.for("update") : await q;
  if (!page) throw notFound();
  return page;
}

export async function getHandbookPage(ctx: UseCaseContext, owner: HandbookOwner, pageSlug: string) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const { group, canEdit } = await openHandbook(tx, ctx, owner);
    const page = await loadPage(tx, group, pageSlug);
    const versions = await tx
      .select({
        version: handbookVersions.version,
        title: handbookVersions.title,
        authorName: users.name,
        createdAt: handbookVersions.createdAt,
        restoredFrom: handbookVersions.restoredFrom,
      })
      .from(handbookVersions)
      .innerJoin(users, eq(users.id, handbookVersions.authorId))
      .where(eq(handbookVersions.pageId, page.id))
      .orderBy(desc(handbookVersions.version));
    // Decisions of the group that change this page (recorded at a meeting or a proposal's outcome).
    const decisions = group ? await listDecisionsIn(tx, sql`${workgroupDecisions.handbookPageId} = ${page.id}`) : [];
    return {
      group,
      canEdit,
      decisions,
      page: {
        id: page.id,
        slug: page.slug,
        title: page.title,
        body: page.body,
        version: page.version,
        updatedAt: page.updatedAt,
        html: renderMarkdown(page.body),
      },
      versions,
    };
  });
}

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
export const handbookInput = z.object({
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(1).max(50_000),
  confirmNoPersonalData: checkbox.default(false),
  /** The version the editor started from (absent for a new page): a concurrent edit is not overwritten. */
  baseVersion: z.coerce.number().int().min(1).optional(),
});

async function writeVersion(
  tx: Tx,
  ctx: UseCaseContext,
  group: WorkgroupRow | null,
  page: { id: string; version: number },
  content: { title: string; body: string },
  restoredFrom: number | null,
) {
  const version = page.version + 1;
  await tx
    .update(handbookPages)
    .set({ title: content.title, body: content.body, version, updatedBy: ctx.actor.userId, updatedAt: new Date() })
    .where(eq(handbookPages.id, page.id));
  await tx.insert(handbookVersions).values({
    municipalityId: ctx.actor.municipalityId,
    pageId: page.id,
    workgroupId: group?.id ?? null,
    version,
    title: content.title,
    body: content.body,
    authorId: ctx.actor.userId,
    restoredFrom,
  });
  return version;
}

/** Creates a page (no pageSlug) or saves a new version of one. */
export async function saveHandbookPage(ctx: UseCaseContext, owner: HandbookOwner, pageSlug: string | null, raw: unknown) {
  const parsed = handbookInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const { group, canEdit } = await openHandbook(tx, ctx, owner);
    if (!canEdit) throw new ForbiddenError(ctx.ability);
    if (pageSlug === null) {
      const id = crypto.randomUUID();
      await guardPersonalData(tx, ctx, {
        text: `${input.title}\n\n${input.body}`,
        field: "body",
        confirmNoPersonalData: input.confirmNoPersonalData,
        objectType: "handbook_page",
        objectId: id,
        workgroupId: group?.id ?? null,
      });
      const base = slugify(input.title);
      const taken = new Set(
        (
          await tx
            .select({ slug: handbookPages.slug })
            .from(handbookPages)
            .where(and(ownerFilter(group), sql`${handbookPages.slug} like ${`${base}%`}`))
        ).map((r) => r.slug),
      );
      let slug = base;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
      await tx.insert(handbookPages).values({
        id,
        municipalityId: ctx.actor.municipalityId,
        workgroupId: group?.id ?? null,
        slug,
        title: input.title,
        body: input.body,
        version: 1,
        updatedBy: ctx.actor.userId,
      } as typeof handbookPages.$inferInsert);
      await tx.insert(handbookVersions).values({
        municipalityId: ctx.actor.municipalityId,
        pageId: id,
        workgroupId: group?.id ?? null,
        version: 1,
        title: input.title,
        body: input.body,
        authorId: ctx.actor.userId,
      });
      return { slug, version: 1 };
    }
    // Lock the page: two editors saving at once get versions n+1 and a conflict, never a lost edit.
    const page = await loadPage(tx, group, pageSlug, true);
    if (input.baseVersion !== undefined && input.baseVersion !== page.version) throw new DomainError("handbook_conflict", 409, { body: ["handbook_conflict"] });
    if (page.title === input.title && page.body === input.body) throw new DomainError("handbook_unchanged", 400, { body: ["handbook_unchanged"] });
    await guardPersonalData(tx, ctx, {
      text: `${input.title}\n\n${input.body}`,
      field: "body",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "handbook_page",
      objectId: page.id,
      workgroupId: group?.id ?? null,
    });
    return { slug: page.slug, version: await writeVersion(tx, ctx, group, page, input, null) };
  });
}

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/** Word diff between two versions of a page (title and text), as plain parts: the UI renders them as text, never as HTML. */
export async function diffHandbookVersions(ctx: UseCaseContext, owner: HandbookOwner, pageSlug: string, from: number, to: number) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const { group } = await openHandbook(tx, ctx, owner);
    const page = await loadPage(tx, group, pageSlug);
    const rows = await tx
      .select({
        version: handbookVersions.version,
        title: handbookVersions.title,
        body: handbookVersions.body,
        authorName: users.name,
        createdAt: handbookVersions.createdAt,
      })
      .from(handbookVersions)
      .innerJoin(users, eq(users.id, handbookVersions.authorId))
      .where(and(eq(handbookVersions.pageId, page.id), sql`${handbookVersions.version} in (${from}, ${to})`));
    const a = rows.find((r) => r.version === from);
    const b = rows.find((r) => r.version === to);
    if (!a || !b) throw notFound();
    const parts: DiffPart[] = diffWordsWithSpace(`${a.title}\n\n${a.body}`, `${b.title}\n\n${b.body}`).map((p) => ({
      kind: p.added ? "added" : p.removed ? "removed" : "same",
      text: p.value,
    }));
    return { group, page: { slug: page.slug, title: page.title }, from: a, to: b, parts };
  });
}

/** Saves an old version again as the newest (its content was checked when first saved); audit-logged. */
export async function restoreHandbookVersion(ctx: UseCaseContext, owner: HandbookOwner, pageSlug: string, version: number) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const { group, canEdit } = await openHandbook(tx, ctx, owner);
    if (!canEdit) throw new ForbiddenError(ctx.ability);
    const page = await loadPage(tx, group, pageSlug, true);
    const [old] = await tx
      .select()
      .from(handbookVersions)
      .where(and(eq(handbookVersions.pageId, page.id), eq(handbookVersions.version, version)));
    if (!old) throw notFound();
    if (old.version === page.version) throw new DomainError("handbook_unchanged", 400);
    const newVersion = await writeVersion(tx, ctx, group, page, { title: old.title, body: old.body }, old.version);
    await appendAudit(tx, {
      municipalityId: ctx.actor.municipalityId,
      actor: ctx.actor,
      action: "handbook.restored",
      objectType: "handbook_page",
      objectId: page.id,
      meta: ctx.meta,
      data: { workgroupId: group?.id ?? null, slug: page.slug, restoredFrom: old.version, version: newVersion },
    });
    return { version: newVersion };
  });
}
