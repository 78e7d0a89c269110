// Success stories ("successen vieren", docs/domain.md#workgroups-and-knowledge): short anonymised
// stories from the teams on a city-wide wall, with team, theme, an optional
// workgroup and labelled reactions (one of each kind per user, toggled).
// Every query runs in the 'workgroup' RLS scope; migration 0017 lets every
// professional, the functional admin and the controller read the wall (see
// docs/decisions/0007). The privacy guard runs before every save.
import { ForbiddenError } from "@casl/ability";
import { as } from "@wijkwerk/authz";
import {
  and,
  asc,
  desc,
  eq,
  isNull,
  gte,
  or,
  sql,
  storyReactions,
  STORY_REACTIONS,
  KNOWLEDGE_THEMES,
  successStories,
  teams,
  users,
  withScope,
  workgroups,
  type Tx,
} from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, invalidInput, notFound, renderMarkdown } from "../common";
import { guardPersonalData, workgroupScope } from "./workgroups";

export { KNOWLEDGE_THEMES, STORY_REACTIONS };
export type KnowledgeTheme = (typeof KNOWLEDGE_THEMES)[number];
export type StoryReactionKind = (typeof STORY_REACTIONS)[number];
export const STORIES_PAGE_SIZE = 10;

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const optionalUuid = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().uuid().optional());

export const storyInput = z.object({
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(1).max(10_000),
  teamId: z.string().uuid(),
  theme: z.enum(KNOWLEDGE_THEMES),
  workgroupId: optionalUuid,
  confirmNoPersonalData: checkbox.default(false),
});

/** The CASL subject of a story. */
export const storySubject = (s: { municipalityId: string; teamId: string; authorId: string }) =>
  as("SuccessStory", { municipalityId: s.municipalityId, teamId: s.teamId, authorId: s.authorId });

export interface StoryView {
  id: string;
  title: string;
  /** Safe HTML (renderMarkdown). */
  html: string;
  body: string;
  theme: KnowledgeTheme;
  teamId: string;
  teamName: string;
  authorId: string;
  authorName: string;
  workgroupId: string | null;
  /** The group it came from; null when none, or when the viewer may not see the group's name. */
  workgroup: { slug: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  reactions: Record<StoryReactionKind, number>;
  myReactions: StoryReactionKind[];
  can: { update: boolean; delete: boolean; react: boolean };
}

const storyColumns = (userId: string) => ({
  id: successStories.id,
  municipalityId: successStories.municipalityId,
  title: successStories.title,
  body: successStories.body,
  theme: successStories.theme,
  teamId: successStories.teamId,
  teamName: teams.name,
  authorId: successStories.authorId,
  authorName: users.name,
  workgroupId: successStories.workgroupId,
  workgroupSlug: workgroups.slug,
  workgroupName: workgroups.name,
  createdAt: successStories.createdAt,
  updatedAt: successStories.updatedAt,
  counts: sql<Record<
    string,
    number
  > | null>`(select jsonb_object_agg(k.kind, k.n) from (select r.kind, count(*)::int as n from story_reactions r where r.story_id = success_stories.id group by r.kind) k)`,
  mine: sql<
    string[] | null
  >`(select array_agg(r.kind order by r.kind) from story_reactions r where r.story_id = success_stories.id and r.user_id = ${userId}::uuid)`,
});
interface StoryRow {
  id: string;
  municipalityId: string;
  title: string;
  body: string;
  theme: string;
  teamId: string;
  teamName: string;
  authorId: string;
  authorName: string;
  workgroupId: string | null;
  workgroupSlug: string | null;
  workgroupName: string | null;
  createdAt: Date;
  updatedAt: Date;
  counts: Record<string, number> | null;
  mine: string[] | null;
}

function toView(ctx: UseCaseContext, r: StoryRow): StoryView {
  const subject = storySubject(r);
  const counts = (r.counts ?? {}) as Record<string, number>;
  return {
    id: r.id,
    title: r.title,
    html: renderMarkdown(r.body),
    body: r.body,
    theme: r.theme as KnowledgeTheme,
    teamId: r.teamId,
    teamName: r.teamName,
    authorId: r.authorId,
    authorName: r.authorName,
    workgroupId: r.workgroupId,
    workgroup: r.workgroupSlug && r.workgroupName ? { slug: r.workgroupSlug, name: r.workgroupName } : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    reactions: Object.fromEntries(STORY_REACTIONS.map((k) => [k, counts[k] ?? 0])) as Record<StoryReactionKind, number>,
    myReactions: (r.mine ?? []).filter((k): k is StoryReactionKind => (STORY_REACTIONS as readonly string[]).includes(k)),
    can: { update: ctx.ability.can("update", subject), delete: ctx.ability.can("delete", subject), react: ctx.ability.can("react", subject) },
  };
}

function storyQuery(tx: Tx, ctx: UseCaseContext) {
  return (
    tx
      .select(storyColumns(ctx.actor.userId))
      .from(successStories)
      .innerJoin(teams, eq(teams.id, successStories.teamId))
      .innerJoin(users, eq(users.id, successStories.authorId))
      // RLS shows a group's name only to those who may list it; the story stays readable either way.
      .leftJoin(workgroups, eq(workgroups.id, successStories.workgroupId))
  );
}

/** 404 unless the viewer may read the wall at all (volunteers, partner managers: no). */
function requireWallReader(ctx: UseCaseContext) {
  if (!ctx.ability.can("read", as("SuccessStory", { municipalityId: ctx.actor.municipalityId }))) throw notFound();
}

/** The teams of the municipality that are active now (filter and form choices). */
async function activeTeams(tx: Tx, municipalityId: string) {
  return tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.municipalityId, municipalityId), or(isNull(teams.activeTo), gte(teams.activeTo, sql`current_date`))))
    .orderBy(asc(teams.name));
}

export const storyFilter = z.object({
  team: z.string().uuid().optional().catch(undefined),
  theme: z.enum(KNOWLEDGE_THEMES).optional().catch(undefined),
});

/** The wall: newest first, filtered by team and theme, paginated. */
export async function listStories(ctx: UseCaseContext, opts: { page?: number; team?: string; theme?: string } = {}) {
  requireWallReader(ctx);
  const page = Math.max(1, opts.page ?? 1);
  const filter = storyFilter.parse({ team: opts.team || undefined, theme: opts.theme || undefined });
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const where = and(filter.team ? eq(successStories.teamId, filter.team) : undefined, filter.theme ? eq(successStories.theme, filter.theme) : undefined);
    const [{ total }] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(successStories)
      .where(where);
    const rows = await storyQuery(tx, ctx)
      .where(where)
      .orderBy(desc(successStories.createdAt), desc(successStories.id))
      .limit(STORIES_PAGE_SIZE)
      .offset((page - 1) * STORIES_PAGE_SIZE);
    return {
      items: rows.map((r) => toView(ctx, r)),
      filter,
      teams: await activeTeams(tx, ctx.actor.municipalityId),
      page,
      pages: Math.max(1, Math.ceil(total / STORIES_PAGE_SIZE)),
      total,
      canCreate: writableTeamIds(ctx).length > 0,
    };
  });
}

export async function getStory(ctx: UseCaseContext, storyId: string): Promise<StoryView> {
  requireWallReader(ctx);
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const [row] = await storyQuery(tx, ctx).where(eq(successStories.id, storyId));
    if (!row) throw notFound();
    return toView(ctx, row);
  });
}

/** Teams the viewer writes stories for: where they are a coordinator or member. */
function writableTeamIds(ctx: UseCaseContext): string[] {
  return [...new Set(ctx.grants.teamRoles.map((r) => r.teamId))].filter((teamId) =>
    ctx.ability.can("create", as("SuccessStory", { municipalityId: ctx.actor.municipalityId, teamId, authorId: ctx.actor.userId })),
  );
}

/** Choices for the story form: the author's teams, the groups they are in, the themes. */
export async function storyFormOptions(ctx: UseCaseContext) {
  requireWallReader(ctx);
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const ids = writableTeamIds(ctx);
    const myTeams = ids.length ? (await activeTeams(tx, ctx.actor.municipalityId)).filter((t) => ids.includes(t.id)) : [];
    const groups = await tx
      .select({ id: workgroups.id, name: workgroups.name })
      .from(workgroups)
      .where(sql`workgroup_role(${workgroups.id}) is not null`)
      .orderBy(asc(workgroups.name));
    return { teams: myTeams, workgroups: groups, themes: KNOWLEDGE_THEMES };
  });
}

/** A group chosen for a story must be one the author is in; else the field is refused. */
async function checkWorkgroup(tx: Tx, workgroupId: string | undefined) {
  if (!workgroupId) return null;
  const [g] = await tx
    .select({ id: workgroups.id })
    .from(workgroups)
    .where(and(eq(workgroups.id, workgroupId), sql`workgroup_role(${workgroups.id}) is not null`));
  if (!g) throw invalidInput(new z.ZodError([{ code: "custom", path: ["workgroupId"], message: "unknown" }]));
  return g.id;
}

export async function createStory(ctx: UseCaseContext, raw: unknown) {
  requireWallReader(ctx);
  const parsed = storyInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  if (!writableTeamIds(ctx).includes(input.teamId)) {
    if (writableTeamIds(ctx).length === 0) throw new ForbiddenError(ctx.ability);
    throw invalidInput(new z.ZodError([{ code: "custom", path: ["teamId"], message: "not your team" }]));
  }
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const workgroupId = await checkWorkgroup(tx, input.workgroupId);
    const id = crypto.randomUUID();
    await guardPersonalData(tx, ctx, {
      text: `${input.title}\n\n${input.body}`,
      field: "body",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "success_story",
      objectId: id,
      workgroupId,
    });
    await tx.insert(successStories).values({
      id,
      municipalityId: ctx.actor.municipalityId,
      teamId: input.teamId,
      authorId: ctx.actor.userId,
      workgroupId,
      theme: input.theme,
      title: input.title,
      body: input.body,
    } as typeof successStories.$inferInsert);
    return { id };
  });
}

/** Loads a story for a change and checks the permission; 404 when the viewer cannot see it. */
async function loadForChange(tx: Tx, ctx: UseCaseContext, storyId: string, action: "update" | "delete") {
  const [s] = await tx
    .select({
      id: successStories.id,
      municipalityId: successStories.municipalityId,
      teamId: successStories.teamId,
      authorId: successStories.authorId,
      title: successStories.title,
      workgroupId: successStories.workgroupId,
    })
    .from(successStories)
    .where(eq(successStories.id, storyId));
  if (!s) throw notFound();
  ForbiddenError.from(ctx.ability).throwUnlessCan(action, storySubject(s));
  return s;
}

export const updateStoryInput = storyInput.omit({ teamId: true });

/** The author (or the functional admin) edits a story; the privacy guard runs again. The team stays. */
export async function updateStory(ctx: UseCaseContext, storyId: string, raw: unknown) {
  requireWallReader(ctx);
  const parsed = updateStoryInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const s = await loadForChange(tx, ctx, storyId, "update");
    // Keeping the story's group needs no membership (the admin edits stories of groups they are not in).
    const workgroupId = input.workgroupId && input.workgroupId === s.workgroupId ? s.workgroupId : await checkWorkgroup(tx, input.workgroupId);
    await guardPersonalData(tx, ctx, {
      text: `${input.title}\n\n${input.body}`,
      field: "body",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "success_story",
      objectId: s.id,
      workgroupId,
    });
    await tx
      .update(successStories)
      .set({ title: input.title, body: input.body, theme: input.theme, workgroupId, updatedAt: new Date() })
      .where(eq(successStories.id, s.id));
    if (s.authorId !== ctx.actor.userId) {
      await appendAudit(tx, {
        municipalityId: s.municipalityId,
        actor: ctx.actor,
        action: "story.updated",
        objectType: "success_story",
        objectId: s.id,
        meta: ctx.meta,
        data: { authorId: s.authorId },
      });
    }
    return { id: s.id };
  });
}

/** The author (or the functional admin) removes a story with its reactions; audit-logged. */
export async function deleteStory(ctx: UseCaseContext, storyId: string) {
  requireWallReader(ctx);
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const s = await loadForChange(tx, ctx, storyId, "delete");
    await tx.delete(successStories).where(eq(successStories.id, s.id));
    await appendAudit(tx, {
      municipalityId: s.municipalityId,
      actor: ctx.actor,
      action: "story.removed",
      objectType: "success_story",
      objectId: s.id,
      meta: ctx.meta,
      data: { title: s.title, authorId: s.authorId, teamId: s.teamId },
    });
  });
}

/** Toggles the viewer's reaction of this kind: on when absent, off when present. */
export async function toggleReaction(ctx: UseCaseContext, storyId: string, kind: string): Promise<{ active: boolean }> {
  requireWallReader(ctx);
  const parsed = z.enum(STORY_REACTIONS).safeParse(kind);
  if (!parsed.success) throw invalidInput(parsed.error);
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const [s] = await tx
      .select({ id: successStories.id, municipalityId: successStories.municipalityId, teamId: successStories.teamId, authorId: successStories.authorId })
      .from(successStories)
      .where(eq(successStories.id, storyId));
    if (!s) throw notFound();
    ForbiddenError.from(ctx.ability).throwUnlessCan("react", storySubject(s));
    const removed = await tx
      .delete(storyReactions)
      .where(and(eq(storyReactions.storyId, s.id), eq(storyReactions.userId, ctx.actor.userId), eq(storyReactions.kind, parsed.data)))
      .returning({ id: storyReactions.id });
    if (removed.length) return { active: false };
    await tx
      .insert(storyReactions)
      .values({ municipalityId: s.municipalityId, storyId: s.id, userId: ctx.actor.userId, kind: parsed.data })
      .onConflictDoNothing();
    return { active: true };
  });
}
