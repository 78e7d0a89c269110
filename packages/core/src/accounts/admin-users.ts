// The functional admin manages people: profile, active/inactive, lockout,
// team memberships and roles outside teams. Every change is one transaction
// in the admin scope with its audit event. At least one active functional
// admin always remains.
import { ForbiddenError, SCOPE_ROLES, TEAM_ROLES, as, type TeamRole } from "@wijkwerk/authz";
import {
  and,
  asc,
  eq,
  ilike,
  insertMembership,
  membershipTerms,
  or,
  queryRows,
  partnerOrganisations,
  scopeRoles,
  sessions,
  sql,
  teamMemberships,
  teams,
  users,
  withScope,
  type Queryable,
} from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, amsterdamDay, invalidInput } from "../common";

const amsterdamToday = () => amsterdamDay(new Date());

export const USERS_PAGE_SIZE = 25;

const uuid = z.string().uuid();

function requireManageUsers(ctx: UseCaseContext) {
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("User", { municipalityId: ctx.actor.municipalityId }));
}

export interface UserListRow {
  id: string;
  name: string;
  email: string;
  partner: string | null;
  isActive: boolean;
  lockedUntil: Date | null;
  mfa: boolean;
  roles: string;
}

/** People of the municipality, searchable by name or e-mail, paged. */
export async function listUsers(
  ctx: UseCaseContext,
  opts: { search?: string; page?: number } = {},
): Promise<{ rows: UserListRow[]; total: number; pages: number }> {
  requireManageUsers(ctx);
  const page = Math.max(1, opts.page ?? 1);
  const term = (opts.search ?? "").trim();
  const like = `%${term.replace(/[\\%_]/g, "\\$&")}%`;
  const where = and(eq(users.municipalityId, ctx.actor.municipalityId), term ? or(ilike(users.name, like), ilike(users.email, like)) : undefined);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [{ total }] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(users)
      .where(where);
    const rows = await tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        partner: partnerOrganisations.name,
        isActive: users.isActive,
        lockedUntil: users.lockedUntil,
        mfa: sql<boolean>`${users.totpEnabledAt} is not null`,
        // Team roles as "Team: role", then roles outside teams, for a one-line summary.
        roles: sql<string>`concat_ws(', ',
          (select string_agg(t.name || ': ' || m.role, ', ' order by t.name) from active_team_memberships m join teams t on t.id = m.team_id where m.user_id = ${users.id}),
          (select string_agg(r.role::text, ', ' order by r.role) from scope_roles r where r.user_id = ${users.id}))`,
      })
      .from(users)
      .leftJoin(partnerOrganisations, eq(partnerOrganisations.id, users.partnerOrganisationId))
      .where(where)
      .orderBy(asc(users.name), asc(users.email))
      .limit(USERS_PAGE_SIZE)
      .offset((page - 1) * USERS_PAGE_SIZE);
    return { rows, total, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
  });
}

export async function getUser(ctx: UseCaseContext, userId: string) {
  requireManageUsers(ctx);
  if (!uuid.safeParse(userId).success) throw new DomainError("not_found", 404);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const user = await userInMunicipality(tx, ctx.actor.municipalityId, userId);
    // Every membership, ended ones too, with the terms in effect today (or, ended or not begun, its last terms).
    const memberships = await queryRows<{
      id: string;
      teamId: string;
      teamName: string;
      role: TeamRole;
      contractedHoursPerWeek: string | null;
      disciplines: string[];
      seconded: boolean;
      secondedTo: string | null;
      validFrom: string;
      validTo: string | null;
      active: boolean;
    }>(
      tx,
      // The terms in effect today, else (ended, or not begun yet) the latest; also a membership ended on its first day.
      sql`select m.id, t.id as "teamId", t.name as "teamName", p.role, p.contracted_hours_per_week as "contractedHoursPerWeek",
                 p.disciplines, p.seconded, p.seconded_to as "secondedTo", m.valid_from::text as "validFrom", m.valid_to::text as "validTo",
                 period_contains(m.valid_from, m.valid_to, app_today()) as active
          from team_memberships m join teams t on t.id = m.team_id
          join lateral (select x.* from membership_terms x where x.municipality_id = m.municipality_id and x.membership_id = m.id
                        order by (x.valid_from <= app_today()) desc, x.valid_from desc limit 1) p on true
          where m.user_id = ${user.id}`,
    );
    memberships.sort((x, y) => Number(y.active) - Number(x.active) || x.teamName.localeCompare(y.teamName, "nl") || y.validFrom.localeCompare(x.validFrom));
    const roles = await tx
      .select({ id: scopeRoles.id, role: scopeRoles.role, partnerId: scopeRoles.partnerOrganisationId, partnerName: partnerOrganisations.name })
      .from(scopeRoles)
      .leftJoin(partnerOrganisations, eq(partnerOrganisations.id, scopeRoles.partnerOrganisationId))
      .where(eq(scopeRoles.userId, user.id))
      .orderBy(asc(scopeRoles.role));
    return { user, memberships, roles };
  });
}

async function userInMunicipality(q: Queryable, municipalityId: string, userId: string) {
  const [user] = await q
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      discipline: users.discipline,
      partnerId: users.partnerOrganisationId,
      isActive: users.isActive,
      lockedUntil: users.lockedUntil,
      failedLoginCount: users.failedLoginCount,
      totpEnabledAt: users.totpEnabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.municipalityId, municipalityId)));
  if (!user) throw new DomainError("not_found", 404);
  return user;
}

/**
 * Locks the admin role rows of the municipality and fails when the change
 * would leave no active admin. Locking serialises two admins removing each
 * other at the same moment.
 */
async function assertAdminRemains(q: Queryable, municipalityId: string, change: { withoutRoleId?: string; withoutUserId?: string }) {
  const admins = await q
    .select({ id: scopeRoles.id, userId: scopeRoles.userId, isActive: users.isActive })
    .from(scopeRoles)
    .innerJoin(users, eq(users.id, scopeRoles.userId))
    .where(and(eq(scopeRoles.municipalityId, municipalityId), eq(scopeRoles.role, "admin")))
    // One lock order for everyone, or two admins removing each other deadlock.
    .orderBy(asc(scopeRoles.id))
    .for("update", { of: scopeRoles });
  const remaining = admins.filter((a) => a.isActive && a.id !== change.withoutRoleId && a.userId !== change.withoutUserId);
  if (remaining.length === 0) throw new DomainError("last_admin", 409);
}

export const updateUserInput = z.object({
  name: z.string().trim().min(2).max(120),
  discipline: z.string().trim().max(120).nullish(),
  partnerId: uuid.nullish(),
  isActive: z.boolean(),
});

/** Profile and active flag. Deactivating ends the person's sessions in the same transaction. */
export async function updateUser(ctx: UseCaseContext, userId: string, raw: z.input<typeof updateUserInput>): Promise<void> {
  requireManageUsers(ctx);
  const parsed = updateUserInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const municipalityId = ctx.actor.municipalityId;
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const before = await userInMunicipality(tx, municipalityId, userId);
    if (input.partnerId) {
      const [p] = await tx
        .select({ id: partnerOrganisations.id })
        .from(partnerOrganisations)
        .where(and(eq(partnerOrganisations.id, input.partnerId), eq(partnerOrganisations.municipalityId, municipalityId)));
      if (!p) throw new DomainError("invalid_input", 400, { partnerId: ["invalid_input"] });
    }
    if (before.isActive && !input.isActive) await assertAdminRemains(tx, municipalityId, { withoutUserId: before.id });
    const after = { name: input.name, discipline: input.discipline || null, partnerId: input.partnerId ?? null, isActive: input.isActive };
    await tx
      .update(users)
      .set({ name: after.name, discipline: after.discipline, partnerOrganisationId: after.partnerId, isActive: after.isActive })
      .where(eq(users.id, before.id));
    if (before.isActive && !after.isActive) await tx.delete(sessions).where(eq(sessions.userId, before.id));
    const changes = Object.fromEntries(
      (Object.keys(after) as (keyof typeof after)[]).filter((k) => (before[k] ?? null) !== after[k]).map((k) => [k, [before[k] ?? null, after[k]]]),
    );
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "user.updated",
      objectType: "user",
      objectId: before.id,
      meta: ctx.meta,
      data: { email: before.email, changes },
    });
  });
}

/** Lifts a lockout after failed logins before it runs out by itself. */
export async function unlockUser(ctx: UseCaseContext, userId: string): Promise<void> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("unlock", as("User", { municipalityId: ctx.actor.municipalityId }));
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const user = await userInMunicipality(tx, ctx.actor.municipalityId, userId);
    await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await appendAudit(tx, {
      municipalityId: ctx.actor.municipalityId,
      actor: ctx.actor,
      action: "auth.unlocked",
      objectType: "user",
      objectId: user.id,
      meta: ctx.meta,
      data: { email: user.email },
    });
  });
}

/** Contracted hours per week: empty = unknown; a Dutch decimal comma is fine. */
const hours = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v, issue) => {
    if (v === "" || v === null || v === undefined) return null;
    const n = Number(String(v).trim().replace(",", "."));
    if (!Number.isFinite(n) || n < 0 || n > 60) {
      issue.addIssue({ code: "custom" });
      return z.NEVER;
    }
    return n.toFixed(1);
  });

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));
const disciplines = z
  .array(z.string().trim().min(1).max(60))
  .max(9)
  .optional()
  .transform((v) => (v ? [...new Set(v)] : v));

export const membershipInput = z.object({
  teamId: uuid,
  role: z.enum(TEAM_ROLES),
  contractedHoursPerWeek: hours,
  disciplines,
  /** Default today (Europe/Amsterdam). */
  validFrom: day.optional(),
});

export async function addMembership(ctx: UseCaseContext, userId: string, raw: z.input<typeof membershipInput>): Promise<void> {
  const parsed = membershipInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("Membership", { municipalityId, teamId: input.teamId, role: input.role }));
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const user = await userInMunicipality(tx, municipalityId, userId);
    const [team] = await tx
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.id, input.teamId), eq(teams.municipalityId, municipalityId)));
    if (!team) throw new DomainError("invalid_input", 400, { teamId: ["invalid_input"] });
    // One period at a time: refused while a membership in this team is open or ends after the new start.
    const validFrom = input.validFrom ?? amsterdamToday();
    const [existing] = await tx
      .select({ id: teamMemberships.id })
      .from(teamMemberships)
      .where(
        and(
          eq(teamMemberships.userId, user.id),
          eq(teamMemberships.teamId, team.id),
          sql`(${teamMemberships.validTo} is null or ${teamMemberships.validTo} > ${validFrom}::date)`,
        ),
      )
      .for("update");
    if (existing) throw new DomainError("already_member", 409, { teamId: ["already_member"] });
    const m = await insertMembership(tx, {
      municipalityId,
      teamId: team.id,
      userId: user.id,
      role: input.role,
      contractedHoursPerWeek: input.contractedHoursPerWeek,
      disciplines: input.disciplines,
      validFrom,
      createdBy: ctx.actor.userId,
    });
    await appendAudit(tx, {
      municipalityId,
      teamId: team.id,
      actor: ctx.actor,
      action: "membership.created",
      objectType: "membership",
      objectId: m.id,
      meta: ctx.meta,
      data: { email: user.email, team: team.name, role: input.role, hours: input.contractedHoursPerWeek, from: validFrom },
    });
  });
}

/**
 * New terms from a date (default today): role, hours, disciplines and
 * secondment. The date lies within the membership; terms already starting on
 * that date are replaced. Earlier terms stay: that is the history. What is
 * not given (undefined) stays as in the terms in effect on that date, so the
 * admin can change only the disciplines and the secondment.
 */
export const membershipUpdateInput = z
  .object({
    role: z.enum(TEAM_ROLES).optional(),
    /** Undefined: unchanged; empty or null: unknown. */
    contractedHoursPerWeek: hours.optional(),
    disciplines,
    seconded: z.boolean().optional(),
    secondedTo: z.string().trim().max(200).nullish(),
    validFrom: day.optional(),
  })
  .superRefine((v, issue) => {
    if (v.seconded && !v.secondedTo) issue.addIssue({ code: "custom", path: ["secondedTo"], params: { code: "seconded_to_required" } });
  });

async function membershipForAdmin(q: Queryable, municipalityId: string, membershipId: string, onDay: string) {
  if (!uuid.safeParse(membershipId).success) throw new DomainError("not_found", 404);
  const [m] = await queryRows<{
    id: string;
    teamId: string;
    teamName: string;
    email: string;
    validFrom: string;
    validTo: string | null;
    role: TeamRole;
    hours: string | null;
    disciplines: string[];
    seconded: boolean;
    secondedTo: string | null;
  }>(
    q,
    sql`select m.id, m.team_id as "teamId", t.name as "teamName", u.email, m.valid_from::text as "validFrom", m.valid_to::text as "validTo",
               p.role, p.contracted_hours_per_week as hours, p.disciplines, p.seconded, p.seconded_to as "secondedTo"
        from team_memberships m join teams t on t.id = m.team_id join users u on u.id = m.user_id
        join team_membership_periods p on p.id = m.id
        where m.id = ${membershipId} and m.municipality_id = ${municipalityId}
        order by (p.valid_from <= ${onDay}::date) desc, p.valid_from desc limit 1
        for update of m`,
  );
  if (!m) throw new DomainError("not_found", 404);
  return m;
}

export async function updateMembership(ctx: UseCaseContext, membershipId: string, raw: z.input<typeof membershipUpdateInput>): Promise<void> {
  const parsed = membershipUpdateInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const municipalityId = ctx.actor.municipalityId;
  const validFrom = input.validFrom ?? amsterdamToday();
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const m = await membershipForAdmin(tx, municipalityId, membershipId, validFrom);
    // Both the old and the new role must be within what the actor may change.
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", as("Membership", { municipalityId, teamId: m.teamId, role: m.role }));
    const role = input.role ?? m.role;
    ForbiddenError.from(ctx.ability).throwUnlessCan("update", as("Membership", { municipalityId, teamId: m.teamId, role }));
    if (validFrom < m.validFrom) throw new DomainError("invalid_input", 400, { validFrom: ["before_membership_start"] });
    if (m.validTo !== null && validFrom >= m.validTo) throw new DomainError("invalid_input", 400, { validFrom: ["after_membership_end"] });
    const terms = {
      role,
      contractedHoursPerWeek: input.contractedHoursPerWeek === undefined ? m.hours : input.contractedHoursPerWeek,
      disciplines: input.disciplines ?? m.disciplines,
      // Not given: the secondment stays as it was.
      seconded: input.seconded ?? m.seconded,
      secondedTo: (input.seconded ?? m.seconded) ? (input.secondedTo ?? m.secondedTo) : null,
    };
    await tx
      .insert(membershipTerms)
      .values({
        municipalityId,
        membershipId: m.id,
        teamId: m.teamId,
        userId: sql`(select user_id from team_memberships where id = ${m.id})`,
        validFrom,
        ...terms,
        createdBy: ctx.actor.userId,
      })
      .onConflictDoUpdate({
        target: [membershipTerms.municipalityId, membershipTerms.membershipId, membershipTerms.validFrom],
        set: { ...terms, createdBy: ctx.actor.userId, createdAt: sql`now()` },
      });
    await appendAudit(tx, {
      municipalityId,
      teamId: m.teamId,
      actor: ctx.actor,
      action: "membership.updated",
      objectType: "membership",
      objectId: m.id,
      meta: ctx.meta,
      data: {
        email: m.email,
        team: m.teamName,
        from: validFrom,
        role: [m.role, terms.role],
        hours: [m.hours, terms.contractedHoursPerWeek],
        disciplines: [m.disciplines, terms.disciplines],
        seconded: [m.secondedTo, terms.secondedTo],
      },
    });
  });
}

export const membershipEndInput = z.object({ endOn: day.optional() });

/**
 * Ends a membership on a date (default today): from that day on the person
 * is no longer a member (valid_to, exclusive). The date may lie in the past
 * down to the start, or in the future. The row stays: it is the history.
 */
export async function endMembership(ctx: UseCaseContext, membershipId: string, raw: z.input<typeof membershipEndInput> = {}): Promise<void> {
  const parsed = membershipEndInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const endOn = parsed.data.endOn ?? amsterdamToday();
  const municipalityId = ctx.actor.municipalityId;
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const m = await membershipForAdmin(tx, municipalityId, membershipId, endOn);
    ForbiddenError.from(ctx.ability).throwUnlessCan("delete", as("Membership", { municipalityId, teamId: m.teamId, role: m.role }));
    if (m.validTo !== null && m.validTo <= amsterdamToday()) throw new DomainError("membership_ended", 409, { endOn: ["membership_ended"] });
    if (endOn < m.validFrom) throw new DomainError("invalid_input", 400, { endOn: ["before_membership_start"] });
    await tx.update(teamMemberships).set({ validTo: endOn }).where(eq(teamMemberships.id, m.id));
    await appendAudit(tx, {
      municipalityId,
      teamId: m.teamId,
      actor: ctx.actor,
      action: "membership.ended",
      objectType: "membership",
      objectId: m.id,
      meta: ctx.meta,
      data: { email: m.email, team: m.teamName, role: m.role, from: m.validFrom, endOn, previousEnd: m.validTo },
    });
  });
}

/** The admin's "remove": ends the membership today. */
export async function removeMembership(ctx: UseCaseContext, membershipId: string): Promise<void> {
  await endMembership(ctx, membershipId, {});
}

export interface MembershipHistory {
  id: string;
  teamName: string;
  userName: string;
  validFrom: string;
  validTo: string | null;
  periods: {
    validFrom: string;
    validTo: string | null;
    role: TeamRole;
    contractedHoursPerWeek: string | null;
    disciplines: string[];
    seconded: boolean;
    secondedTo: string | null;
  }[];
}

/** One membership with all its terms as periods, oldest first. */
export async function getMembershipHistory(ctx: UseCaseContext, membershipId: string): Promise<MembershipHistory> {
  requireManageUsers(ctx);
  if (!uuid.safeParse(membershipId).success) throw new DomainError("not_found", 404);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await queryRows<MembershipHistory & MembershipHistory["periods"][number] & { pFrom: string; pTo: string | null }>(
      tx,
      sql`select m.id, t.name as "teamName", u.name as "userName", m.valid_from::text as "validFrom", m.valid_to::text as "validTo",
                 p.valid_from::text as "pFrom", p.valid_to::text as "pTo", p.role, p.contracted_hours_per_week as "contractedHoursPerWeek",
                 p.disciplines, p.seconded, p.seconded_to as "secondedTo"
          from team_memberships m join teams t on t.id = m.team_id join users u on u.id = m.user_id
          join team_membership_periods p on p.id = m.id
          where m.id = ${membershipId} and m.municipality_id = ${ctx.actor.municipalityId}
          order by p.valid_from`,
    );
    if (!rows.length) throw new DomainError("not_found", 404);
    const r0 = rows[0];
    return {
      id: r0.id,
      teamName: r0.teamName,
      userName: r0.userName,
      validFrom: r0.validFrom,
      validTo: r0.validTo,
      periods: rows.map((r) => ({
        validFrom: r.pFrom,
        validTo: r.pTo,
        role: r.role,
        contractedHoursPerWeek: r.contractedHoursPerWeek,
        disciplines: r.disciplines,
        seconded: r.seconded,
        secondedTo: r.secondedTo,
      })),
    };
  });
}

export const scopeRoleInput = z.object({ role: z.enum(SCOPE_ROLES), partnerId: uuid.nullish() });

export async function grantScopeRole(ctx: UseCaseContext, userId: string, raw: z.input<typeof scopeRoleInput>): Promise<void> {
  const parsed = scopeRoleInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { role } = parsed.data;
  // Only a partner manager belongs to a partner.
  const partnerId = role === "partner_manager" ? (parsed.data.partnerId ?? null) : null;
  if (role === "partner_manager" && !partnerId) throw new DomainError("invalid_input", 400, { partnerId: ["invalid_input"] });
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("ScopeRole", { municipalityId, role, partnerId }));
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const user = await userInMunicipality(tx, municipalityId, userId);
    let partnerName: string | null = null;
    if (partnerId) {
      const [p] = await tx
        .select({ name: partnerOrganisations.name })
        .from(partnerOrganisations)
        .where(and(eq(partnerOrganisations.id, partnerId), eq(partnerOrganisations.municipalityId, municipalityId)));
      if (!p) throw new DomainError("invalid_input", 400, { partnerId: ["invalid_input"] });
      partnerName = p.name;
    }
    const inserted = await tx
      .insert(scopeRoles)
      .values({ municipalityId, userId: user.id, role, partnerOrganisationId: partnerId })
      .onConflictDoNothing()
      .returning({ id: scopeRoles.id });
    if (inserted.length === 0) throw new DomainError("already_member", 409, { role: ["already_member"] });
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "scope_role.granted",
      objectType: "user",
      objectId: user.id,
      meta: ctx.meta,
      data: { email: user.email, role, partner: partnerName },
    });
  });
}

export async function revokeScopeRole(ctx: UseCaseContext, scopeRoleId: string): Promise<void> {
  if (!uuid.safeParse(scopeRoleId).success) throw new DomainError("not_found", 404);
  const municipalityId = ctx.actor.municipalityId;
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const [r] = await tx
      .select({ id: scopeRoles.id, role: scopeRoles.role, partnerId: scopeRoles.partnerOrganisationId, userId: scopeRoles.userId, email: users.email })
      .from(scopeRoles)
      .innerJoin(users, eq(users.id, scopeRoles.userId))
      .where(and(eq(scopeRoles.id, scopeRoleId), eq(scopeRoles.municipalityId, municipalityId)));
    if (!r) throw new DomainError("not_found", 404);
    ForbiddenError.from(ctx.ability).throwUnlessCan("delete", as("ScopeRole", { municipalityId, role: r.role, partnerId: r.partnerId }));
    if (r.role === "admin") await assertAdminRemains(tx, municipalityId, { withoutRoleId: r.id });
    await tx.delete(scopeRoles).where(eq(scopeRoles.id, r.id));
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "scope_role.revoked",
      objectType: "user",
      objectId: r.userId,
      meta: ctx.meta,
      data: { email: r.email, role: r.role },
    });
  });
}
