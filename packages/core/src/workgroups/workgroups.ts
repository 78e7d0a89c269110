// Cross-team workgroups (docs/domain.md#workgroups-and-knowledge): create, list, open, join or ask to
// join, and decide on requests. Every query runs in the 'workgroup' RLS scope
// (migration 0011): the database decides which groups and which content the
// user may see; CASL decides which buttons and commands are allowed.
import { ForbiddenError } from "@casl/ability";
import { as } from "@wijkwerk/authz";
import { and, asc, buurten, eq, inArray, queryRows, sql, teams, users, withScope, workgroupMembers, workgroups, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, invalidInput, notFound, findPersonalData, type PersonalDataFinding, personalDataMessage } from "../common";
import { workgroupMessages } from "./messages";
import { insertNotices, type Notice, type Recipient } from "../notifications";

export const WORKGROUPS_PAGE_SIZE = 20;

/** A use-case context in the workgroup scope (built by requireWorkgroupContext). */
export type WorkgroupContext = UseCaseContext & { scope: { kind: "workgroup"; municipalityId: string; userId: string } };

export function workgroupScope(ctx: Pick<UseCaseContext, "actor">) {
  return { kind: "workgroup" as const, municipalityId: ctx.actor.municipalityId, userId: ctx.actor.userId };
}

export type WorkgroupRole = "facilitator" | "member";

export interface WorkgroupRow {
  id: string;
  municipalityId: string;
  slug: string;
  name: string;
  description: string;
  isOpen: boolean;
  createdBy: string;
  /** The viewer's active role, or null. */
  myRole: WorkgroupRole | null;
  /** The viewer asked to join and waits for a facilitator. */
  requested: boolean;
}

/** The CASL subject of a group as seen by the viewer. */
export const workgroupSubject = (g: Pick<WorkgroupRow, "municipalityId" | "isOpen" | "createdBy" | "myRole" | "requested">) =>
  as("Workgroup", { municipalityId: g.municipalityId, isOpen: g.isOpen, createdBy: g.createdBy, myRole: g.myRole, requested: g.requested });

// Subqueries name the outer table literally: drizzle leaves columns unqualified in a single-table select.
const groupColumns = (userId: string) => ({
  id: workgroups.id,
  municipalityId: workgroups.municipalityId,
  slug: workgroups.slug,
  name: workgroups.name,
  description: workgroups.description,
  isOpen: workgroups.isOpen,
  createdBy: workgroups.createdBy,
  myRole: sql<WorkgroupRole | null>`(select m.role::text from workgroup_members m where m.workgroup_id = workgroups.id and m.user_id = ${userId}::uuid and m.status = 'active')`,
  requested: sql<boolean>`exists (select 1 from workgroup_members m where m.workgroup_id = workgroups.id and m.user_id = ${userId}::uuid and m.status = 'requested')`,
});

/** The group by slug as the viewer may see it (RLS), or 404. */
export async function loadWorkgroup(tx: Tx, ctx: UseCaseContext, slug: string): Promise<WorkgroupRow> {
  const [g] = await tx.select(groupColumns(ctx.actor.userId)).from(workgroups).where(eq(workgroups.slug, slug));
  if (!g) throw notFound();
  return g;
}

/** The group, and 404 unless the viewer may read its content (a closed group's content stays with its members). */
export async function loadReadableWorkgroup(tx: Tx, ctx: UseCaseContext, slug: string): Promise<WorkgroupRow> {
  const g = await loadWorkgroup(tx, ctx, slug);
  if (!ctx.ability.can("read", workgroupSubject(g))) throw notFound();
  return g;
}

/** Team and buurt names of the municipality: "Daalhof 3" is a team, not an address. */
export async function privacyIgnoreNames(tx: Tx, municipalityId: string): Promise<string[]> {
  const rows = await tx
    .select({ name: teams.name })
    .from(teams)
    .where(eq(teams.municipalityId, municipalityId))
    .union(tx.select({ name: buurten.name }).from(buurten).where(eq(buurten.municipalityId, municipalityId)));
  return rows.map((r) => r.name);
}

/**
 * The privacy guard on a text about to be saved in a shared space. Findings
 * block the save (field error with the guard's Dutch message) unless the
 * author confirmed that these are not personal data; that override is
 * audit-logged with the kinds found (never the values). Returns the findings.
 */
export async function guardPersonalData(
  tx: Tx,
  ctx: UseCaseContext,
  input: { text: string; field: string; confirmNoPersonalData: boolean; objectType: string; objectId: string | null; workgroupId: string | null },
): Promise<PersonalDataFinding[]> {
  const findings = findPersonalData(input.text, { ignoreNames: await privacyIgnoreNames(tx, ctx.actor.municipalityId) });
  if (findings.length === 0) return findings;
  if (!input.confirmNoPersonalData)
    throw new DomainError("personal_data", 422, { [input.field]: ["personal_data"] }, personalDataMessage(findings) ?? undefined);
  await appendAudit(tx, {
    municipalityId: ctx.actor.municipalityId,
    actor: ctx.actor,
    action: "workgroup.privacy_override",
    objectType: input.objectType,
    objectId: input.objectId,
    meta: ctx.meta,
    data: { kinds: [...new Set(findings.map((f) => f.kind))], count: findings.length, workgroupId: input.workgroupId },
  });
  return findings;
}

// ── List and detail ────────────────────────────────────────────────────────

export async function listWorkgroups(ctx: UseCaseContext, opts: { page?: number } = {}) {
  const page = Math.max(1, opts.page ?? 1);
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(workgroups);
    const rows = await tx
      .select({
        ...groupColumns(ctx.actor.userId),
        memberCount: sql<number>`(select count(*)::int from workgroup_members m where m.workgroup_id = workgroups.id and m.status = 'active')`,
      })
      .from(workgroups)
      .orderBy(asc(workgroups.name))
      .limit(WORKGROUPS_PAGE_SIZE)
      .offset((page - 1) * WORKGROUPS_PAGE_SIZE);
    return {
      items: rows.map((g) => ({ ...g, canRead: ctx.ability.can("read", workgroupSubject(g)) })),
      page,
      pages: Math.max(1, Math.ceil(total / WORKGROUPS_PAGE_SIZE)),
      total,
      canCreate: ctx.ability.can("create", as("Workgroup", { municipalityId: ctx.actor.municipalityId })),
    };
  });
}

export interface WorkgroupMemberView {
  userId: string;
  name: string;
  email: string;
  role: WorkgroupRole;
  status: "active" | "requested";
}

/** The group with the viewer's permissions; members (and pending requests, for those who manage) when the content is readable. */
export async function getWorkgroup(ctx: UseCaseContext, slug: string) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadWorkgroup(tx, ctx, slug);
    const subject = workgroupSubject(g);
    const can = {
      read: ctx.ability.can("read", subject),
      join: ctx.ability.can("join", subject),
      requestJoin: ctx.ability.can("request_join", subject),
      post: ctx.ability.can("post", subject),
      moderate: ctx.ability.can("moderate", subject),
      manageMembers: ctx.ability.can("update", subject),
      leave: ctx.ability.can("leave", subject),
    };
    // RLS returns members only to readers; pending requests only matter to those who decide on them.
    const members: WorkgroupMemberView[] = can.read
      ? await tx
          .select({ userId: workgroupMembers.userId, name: users.name, email: users.email, role: workgroupMembers.role, status: workgroupMembers.status })
          .from(workgroupMembers)
          .innerJoin(users, eq(users.id, workgroupMembers.userId))
          .where(eq(workgroupMembers.workgroupId, g.id))
          .orderBy(sql`${workgroupMembers.role} = 'member'`, asc(users.name))
      : [];
    return {
      group: g,
      can,
      members: members.filter((m) => m.status === "active"),
      requests: can.manageMembers ? members.filter((m) => m.status === "requested") : [],
    };
  });
}

// ── Create ─────────────────────────────────────────────────────────────────

/** Addresses typed as a list (separated by spaces, commas or semicolons), lower-cased, without repeats. */
export const emailList = z
  .string()
  .max(2000)
  .transform((v) => [
    ...new Set(
      v
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ]);

export const createWorkgroupInput = z.object({
  name: z.string().trim().min(3).max(120),
  description: z.string().trim().max(4000).default(""),
  isOpen: z.boolean(),
  /** E-mail addresses of the facilitators; empty = the creator. */
  facilitators: emailList.default(""),
  confirmNoPersonalData: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(false),
});

/** "Preventie en vroegsignalering" → "preventie-en-vroegsignalering". */
export function slugify(name: string): string {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "werkgroep"
  );
}

export async function createWorkgroup(ctx: UseCaseContext, raw: unknown) {
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("Workgroup", { municipalityId: ctx.actor.municipalityId }));
  const parsed = createWorkgroupInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const emails = input.facilitators;
    const found = emails.length
      ? await tx
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(and(eq(users.municipalityId, ctx.actor.municipalityId), eq(users.isActive, true), inArray(sql`lower(${users.email})`, emails)))
      : [];
    if (found.length !== emails.length) throw new DomainError("invalid_input", 400, { facilitators: ["workgroup_unknown_user"] });
    const groupId = crypto.randomUUID();
    // Name and description are read by every professional: the privacy guard applies here too.
    await guardPersonalData(tx, ctx, {
      text: `${input.name}\n\n${input.description}`,
      field: "description",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "workgroup",
      objectId: groupId,
      workgroupId: groupId,
    });
    const base = slugify(input.name);
    // The slug is unique per municipality; a second "Participatie en werk" becomes participatie-en-werk-2.
    // Creators (coordinators, the functional admin) see every group of the municipality under RLS.
    const taken = new Set(
      (
        await tx
          .select({ slug: workgroups.slug })
          .from(workgroups)
          .where(sql`${workgroups.slug} like ${`${base}%`}`)
      ).map((r) => r.slug),
    );
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    const [g] = await tx
      .insert(workgroups)
      .values({
        id: groupId,
        municipalityId: ctx.actor.municipalityId,
        slug,
        name: input.name,
        description: input.description,
        isOpen: input.isOpen,
        createdBy: ctx.actor.userId,
      })
      .returning({ id: workgroups.id, slug: workgroups.slug });
    const facilitatorIds = found.length ? found.map((f) => f.id) : [ctx.actor.userId];
    await tx.insert(workgroupMembers).values(
      facilitatorIds.map((userId) => ({
        municipalityId: ctx.actor.municipalityId,
        workgroupId: g.id,
        userId,
        role: "facilitator" as const,
        status: "active" as const,
        approvedBy: ctx.actor.userId,
      })),
    );
    await appendAudit(tx, {
      municipalityId: ctx.actor.municipalityId,
      actor: ctx.actor,
      action: "workgroup.created",
      objectType: "workgroup",
      objectId: g.id,
      meta: ctx.meta,
      data: { name: input.name, slug, isOpen: input.isOpen, facilitators: facilitatorIds },
    });
    return g;
  });
}

// ── Membership ─────────────────────────────────────────────────────────────

/** Joins an open group, or asks to join a closed one (the facilitators are told). */
export async function joinWorkgroup(ctx: UseCaseContext, slug: string): Promise<{ status: "active" | "requested" }> {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadWorkgroup(tx, ctx, slug);
    const subject = workgroupSubject(g);
    if (g.myRole || g.requested) throw new DomainError("workgroup_already_member", 409);
    const status = ctx.ability.can("join", subject) ? "active" : ctx.ability.can("request_join", subject) ? "requested" : null;
    if (!status) throw new ForbiddenError(ctx.ability);
    await tx.insert(workgroupMembers).values({ municipalityId: g.municipalityId, workgroupId: g.id, userId: ctx.actor.userId, role: "member", status });
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: status === "active" ? "workgroup.joined" : "workgroup.join_requested",
      objectType: "workgroup",
      objectId: g.id,
      meta: ctx.meta,
      data: { slug: g.slug },
    });
    if (status === "requested") {
      const facilitators = await queryRows<Recipient>(tx, sql`select id, email, name from workgroup_facilitators(${g.id}::uuid)`);
      const text = workgroupMessages.joinRequested(ctx.actor.name, g.name);
      await insertNotices(
        tx,
        g.municipalityId,
        facilitators.map((recipient): Notice => ({
          recipient,
          spendId: null,
          kind: "workgroup_request",
          text,
          link: `/werkgroepen/${g.slug}`,
          subject: workgroupMessages.joinRequestedMailSubject(g.name),
        })),
      );
    }
    return { status };
  });
}

/** A facilitator (or the creator, or the functional admin) lets a requester in, or declines. */
export async function decideJoinRequest(ctx: UseCaseContext, slug: string, input: { userId: string; approve: boolean }) {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", workgroupSubject(g));
    const where = and(eq(workgroupMembers.workgroupId, g.id), eq(workgroupMembers.userId, input.userId), eq(workgroupMembers.status, "requested"));
    const changed = input.approve
      ? await tx.update(workgroupMembers).set({ status: "active", approvedBy: ctx.actor.userId }).where(where).returning({ id: workgroupMembers.id })
      : await tx.delete(workgroupMembers).where(where).returning({ id: workgroupMembers.id });
    if (!changed.length) throw notFound();
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: input.approve ? "workgroup.join_approved" : "workgroup.join_declined",
      objectType: "workgroup",
      objectId: g.id,
      meta: ctx.meta,
      data: { userId: input.userId },
    });
    const [who] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, input.userId));
    if (who) {
      const text = input.approve ? workgroupMessages.joinApproved(g.name) : workgroupMessages.joinDeclined(g.name);
      await insertNotices(tx, g.municipalityId, [
        { recipient: who, spendId: null, kind: "workgroup_decision", text, link: `/werkgroepen/${g.slug}`, subject: workgroupMessages.noticeMailSubject(text) },
      ]);
    }
  });
}

/** A pending request to join a closed group, for whoever decides it ("Mijn taken"). */
export interface JoinRequestToDecide {
  /** The membership row (status requested). */
  id: string;
  who: string;
  groupName: string;
  requestedAt: string;
  /** The group's page, at its requests (where the decision is taken). */
  link: string;
}

/**
 * The pending join requests the caller may decide, oldest first: of the groups
 * they manage (facilitator, creator, the functional admin: workgroup_manages,
 * the rule CASL's "update" and the decision's RLS share) and may read (RLS on
 * workgroup_members; decideJoinRequest loads the group readable too). One
 * query: at most `limit` rows, the full count by a window count.
 */
export async function listJoinRequestsToDecide(ctx: UseCaseContext, opts: { limit?: number } = {}): Promise<{ total: number; items: JoinRequestToDecide[] }> {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const rows = await queryRows<JoinRequestToDecide & { total: number }>(
      tx,
      sql`select m.id, u.name as who, g.name as "groupName", to_json(m.created_at) #>> '{}' as "requestedAt",
            '/werkgroepen/' || g.slug || '#aanvragen' as link, count(*) over ()::int as total
          from workgroup_members m join workgroups g on g.id = m.workgroup_id join users u on u.id = m.user_id
          where m.status = 'requested' and m.user_id <> ${ctx.actor.userId}::uuid and workgroup_manages(g.id)
          order by m.created_at, u.name
          limit ${opts.limit ?? 20}`,
    );
    return { total: rows.length ? Number(rows[0].total) : 0, items: rows.map(({ total: _total, ...r }) => r) };
  });
}

/**
 * Tells the group's active members in the app, and by e-mail as their
 * choice and the kind allow (mailPolicy): all of them, or only one, minus
 * `except`; never the actor.
 */
export async function tellGroupMembers(
  tx: Tx,
  ctx: UseCaseContext,
  g: WorkgroupRow,
  who: { only?: string; except?: string[] },
  notice: Omit<Notice, "recipient" | "spendId">,
) {
  const people = await queryRows<Recipient>(
    tx,
    sql`select u.id, u.email, u.name from workgroup_members m join users u on u.id = m.user_id
        where m.workgroup_id = ${g.id}::uuid and m.status = 'active' and u.is_active and u.id <> ${ctx.actor.userId}::uuid
          ${who.only ? sql`and u.id = ${who.only}::uuid` : sql``}`,
  );
  const except = new Set(who.except ?? []);
  await insertNotices(
    tx,
    g.municipalityId,
    people.filter((p) => !except.has(p.id)).map((recipient) => ({ recipient, spendId: null, ...notice })),
  );
}
