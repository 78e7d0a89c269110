// Membership after a group was created: a member leaves (a requester
// withdraws); facilitators (and the creator, the functional admin) add
// people by e-mail, remove them, make someone facilitator or member again,
// and edit the group's name (its theme), description and open/closed. A
// group always keeps at least one active facilitator: every change that
// could take the last one away runs under a per-group advisory lock, so two
// facilitators leaving at once cannot both succeed. Each change is
// audit-logged in its own transaction; the people concerned are told.
import { ForbiddenError } from "@casl/ability";
import { and, eq, inArray, sql, users, withScope, workgroupMembers, workgroups, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, invalidInput, notFound } from "../common";
import { workgroupMessages } from "./messages";
import { insertNotices, type Notice, type Recipient } from "../notifications";
import {
  emailList,
  guardPersonalData,
  loadReadableWorkgroup,
  loadWorkgroup,
  workgroupScope,
  workgroupSubject,
  type WorkgroupRole,
  type WorkgroupRow,
} from "./workgroups";

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const uuid = z.string().uuid();

/** Serialises membership changes of one group (transaction-scoped). */
async function lockGroup(tx: Tx, groupId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`workgroup:${groupId}`}, 0))`);
}

async function activeFacilitators(tx: Tx, groupId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: workgroupMembers.userId })
    .from(workgroupMembers)
    .where(and(eq(workgroupMembers.workgroupId, groupId), eq(workgroupMembers.role, "facilitator"), eq(workgroupMembers.status, "active")));
  return rows.map((r) => r.userId);
}

/** Refuses when taking `userId` away as facilitator would leave the group without one. */
async function keepAFacilitator(tx: Tx, groupId: string, userId: string) {
  const facilitators = await activeFacilitators(tx, groupId);
  if (facilitators.includes(userId) && facilitators.length === 1) throw new DomainError("workgroup_last_facilitator", 409);
}

async function tell(tx: Tx, g: WorkgroupRow, userIds: string[], kind: string, text: string) {
  if (!userIds.length) return;
  const people: Recipient[] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, userIds));
  await insertNotices(
    tx,
    g.municipalityId,
    people.map((recipient): Notice => ({
      recipient,
      spendId: null,
      kind,
      text,
      link: `/werkgroepen/${g.slug}`,
      subject: workgroupMessages.noticeMailSubject(text),
    })),
  );
}

// ── Leave ──────────────────────────────────────────────────────────────────

/** The caller leaves the group (or withdraws a pending request). The last facilitator must hand over first. */
export async function leaveWorkgroup(ctx: UseCaseContext, slug: string): Promise<{ withdrawn: boolean }> {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("leave", workgroupSubject(g));
    await lockGroup(tx, g.id);
    await keepAFacilitator(tx, g.id, ctx.actor.userId);
    const [left] = await tx
      .delete(workgroupMembers)
      .where(and(eq(workgroupMembers.workgroupId, g.id), eq(workgroupMembers.userId, ctx.actor.userId)))
      .returning({ role: workgroupMembers.role, status: workgroupMembers.status });
    if (!left) throw notFound();
    const withdrawn = left.status === "requested";
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: "workgroup.left",
      objectType: "workgroup",
      objectId: g.id,
      meta: ctx.meta,
      data: { slug: g.slug, role: left.role, withdrawn },
    });
    return { withdrawn };
  });
}

// ── Add, remove, change role ───────────────────────────────────────────────

const memberEmails = emailList.refine((v) => v.length > 0 && v.length <= 50 && v.every((e) => z.string().email().safeParse(e).success));

export const addMembersInput = z.object({
  /** E-mail addresses, separated by commas, semicolons, spaces or new lines. */
  emails: memberEmails,
  role: z.enum(["member", "facilitator"]).default("member"),
});

/**
 * Adds people by e-mail address: any active user of the municipality — a
 * professional of any team, partner staff, and, because they are named
 * explicitly, a partner manager or the controller. A pending request
 * becomes active; people already in are left as they are.
 */
export async function addWorkgroupMembers(ctx: UseCaseContext, slug: string, raw: unknown): Promise<{ added: string[]; alreadyMembers: string[] }> {
  const parsed = addMembersInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { emails, role } = parsed.data;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", workgroupSubject(g));
    const found = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.municipalityId, g.municipalityId), eq(users.isActive, true), inArray(sql`lower(${users.email})`, emails)));
    if (found.length !== emails.length) throw new DomainError("invalid_input", 400, { emails: ["workgroup_unknown_user"] });
    await lockGroup(tx, g.id);
    const existing = await tx
      .select({ userId: workgroupMembers.userId, status: workgroupMembers.status })
      .from(workgroupMembers)
      .where(
        and(
          eq(workgroupMembers.workgroupId, g.id),
          inArray(
            workgroupMembers.userId,
            found.map((f) => f.id),
          ),
        ),
      );
    const status = new Map(existing.map((e) => [e.userId, e.status]));
    const fresh = found.filter((f) => !status.has(f.id)).map((f) => f.id);
    const requested = found.filter((f) => status.get(f.id) === "requested").map((f) => f.id);
    const alreadyMembers = found.filter((f) => status.get(f.id) === "active").map((f) => f.email);
    if (!fresh.length && !requested.length) throw new DomainError("invalid_input", 409, { emails: ["workgroup_nothing_to_add"] });
    if (fresh.length)
      await tx.insert(workgroupMembers).values(
        fresh.map((userId) => ({
          municipalityId: g.municipalityId,
          workgroupId: g.id,
          userId,
          role,
          status: "active" as const,
          approvedBy: ctx.actor.userId,
        })),
      );
    if (requested.length)
      await tx
        .update(workgroupMembers)
        .set({ status: "active", role, approvedBy: ctx.actor.userId })
        .where(and(eq(workgroupMembers.workgroupId, g.id), inArray(workgroupMembers.userId, requested)));
    const added = [...fresh, ...requested];
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: "workgroup.member_added",
      objectType: "workgroup",
      objectId: g.id,
      meta: ctx.meta,
      data: { userIds: added, role },
    });
    await tell(
      tx,
      g,
      added.filter((id) => id !== ctx.actor.userId),
      "workgroup_member_added",
      workgroupMessages.memberAdded(ctx.actor.name, g.name),
    );
    return { added, alreadyMembers };
  });
}

/** A facilitator removes someone from the group (not the last facilitator). */
export async function removeWorkgroupMember(ctx: UseCaseContext, slug: string, userId: string): Promise<void> {
  if (!uuid.safeParse(userId).success) throw notFound();
  await withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", workgroupSubject(g));
    await lockGroup(tx, g.id);
    await keepAFacilitator(tx, g.id, userId);
    const [removed] = await tx
      .delete(workgroupMembers)
      .where(and(eq(workgroupMembers.workgroupId, g.id), eq(workgroupMembers.userId, userId), eq(workgroupMembers.status, "active")))
      .returning({ role: workgroupMembers.role });
    if (!removed) throw new DomainError("workgroup_not_member", 404);
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: "workgroup.member_removed",
      objectType: "workgroup",
      objectId: g.id,
      meta: ctx.meta,
      data: { userId, role: removed.role },
    });
    if (userId !== ctx.actor.userId) await tell(tx, g, [userId], "workgroup_member_removed", workgroupMessages.memberRemoved(ctx.actor.name, g.name));
  });
}

export const memberRoleInput = z.object({ userId: uuid, role: z.enum(["member", "facilitator"]) });

/** A facilitator makes a member facilitator, or a facilitator member again (never the last one). */
export async function setWorkgroupMemberRole(ctx: UseCaseContext, slug: string, raw: unknown): Promise<void> {
  const parsed = memberRoleInput.safeParse(raw);
  if (!parsed.success) throw notFound();
  const { userId, role } = parsed.data as { userId: string; role: WorkgroupRole };
  await withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", workgroupSubject(g));
    await lockGroup(tx, g.id);
    if (role === "member") await keepAFacilitator(tx, g.id, userId);
    const [changed] = await tx
      .update(workgroupMembers)
      .set({ role })
      .where(
        and(
          eq(workgroupMembers.workgroupId, g.id),
          eq(workgroupMembers.userId, userId),
          eq(workgroupMembers.status, "active"),
          sql`${workgroupMembers.role} <> ${role}`,
        ),
      )
      .returning({ id: workgroupMembers.id });
    if (!changed) throw new DomainError("workgroup_not_member", 404);
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: "workgroup.role_changed",
      objectType: "workgroup",
      objectId: g.id,
      meta: ctx.meta,
      data: { userId, role },
    });
    if (userId !== ctx.actor.userId) {
      const text = role === "facilitator" ? workgroupMessages.madeFacilitator(g.name) : workgroupMessages.noLongerFacilitator(g.name);
      await tell(tx, g, [userId], "workgroup_role_changed", text);
    }
  });
}

// ── Edit the group ─────────────────────────────────────────────────────────

export const updateWorkgroupInput = z.object({
  name: z.string().trim().min(3).max(120),
  description: z.string().trim().max(4000).default(""),
  isOpen: z.boolean(),
  confirmNoPersonalData: checkbox.default(false),
});

/**
 * Facilitators (and the creator, the admin) edit the theme (name),
 * description and open/closed. The privacy guard runs on name and
 * description as at creation. The slug stays, so links keep working.
 */
export async function updateWorkgroup(ctx: UseCaseContext, slug: string, raw: unknown): Promise<{ slug: string }> {
  const parsed = updateWorkgroupInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const g = await loadReadableWorkgroup(tx, ctx, slug);
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", workgroupSubject(g));
    const changed = (["name", "description", "isOpen"] as const).filter((k) => input[k] !== g[k]);
    if (!changed.length) return { slug: g.slug };
    await guardPersonalData(tx, ctx, {
      text: `${input.name}\n\n${input.description}`,
      field: "description",
      confirmNoPersonalData: input.confirmNoPersonalData,
      objectType: "workgroup",
      objectId: g.id,
      workgroupId: g.id,
    });
    const [row] = await tx
      .update(workgroups)
      .set({ name: input.name, description: input.description, isOpen: input.isOpen })
      .where(eq(workgroups.id, g.id))
      .returning({ id: workgroups.id });
    if (!row) throw new ForbiddenError(ctx.ability);
    await appendAudit(tx, {
      municipalityId: g.municipalityId,
      actor: ctx.actor,
      action: "workgroup.updated",
      objectType: "workgroup",
      objectId: g.id,
      meta: ctx.meta,
      // The name and open/closed as they were and are; the description only as "changed" (it may be long).
      data: {
        changed,
        ...(changed.includes("name") ? { name: { from: g.name, to: input.name } } : {}),
        ...(changed.includes("isOpen") ? { isOpen: input.isOpen } : {}),
      },
    });
    return { slug: g.slug };
  });
}
