// Loads what a user holds. Runs as the schema owner: this is the checkpoint's
// own lookup that decides which scope later queries run in.
import {
  adminMunicipalities,
  and,
  eq,
  activeTeamMemberships as teamMemberships,
  scopeRoles,
  teams,
  users,
  municipalitySettings,
  isNull,
  or,
  gte,
  sql,
  type Database,
  type Queryable,
} from "@wijkwerk/db";
import type { Grants, RoleName } from "@wijkwerk/authz";

export interface UserTeam {
  id: string;
  slug: string;
  name: string;
  role: "coordinator" | "member" | "volunteer";
}

export async function loadGrants(db: Queryable, userId: string): Promise<{ grants: Grants; teams: UserTeam[] } | null> {
  const [user] = await db.select({ id: users.id, municipalityId: users.municipalityId, isActive: users.isActive }).from(users).where(eq(users.id, userId));
  if (!user || !user.isActive) return null;
  const memberships = await db
    .select({ id: teams.id, slug: teams.slug, name: teams.name, role: teamMemberships.role })
    .from(teamMemberships)
    .innerJoin(teams, eq(teams.id, teamMemberships.teamId))
    .where(and(eq(teamMemberships.userId, userId), or(isNull(teams.activeTo), gte(teams.activeTo, sql`current_date`))))
    .orderBy(teams.name);
  const roles = await db.select({ role: scopeRoles.role, partnerId: scopeRoles.partnerOrganisationId }).from(scopeRoles).where(eq(scopeRoles.userId, userId));
  const administered = roles.some((r) => r.role === "admin")
    ? await db.select({ id: adminMunicipalities.municipalityId }).from(adminMunicipalities).where(eq(adminMunicipalities.userId, userId))
    : [];
  return {
    grants: {
      userId,
      municipalityId: user.municipalityId,
      teamRoles: memberships.map((m) => ({ teamId: m.id, role: m.role })),
      scopeRoles: roles,
      ...(administered.length ? { adminMunicipalities: administered.map((a) => a.id) } : {}),
    },
    teams: memberships,
  };
}

export function roleNames(grants: Grants): RoleName[] {
  return [...new Set<RoleName>([...grants.teamRoles.map((r) => r.role), ...grants.scopeRoles.map((r) => r.role)])];
}

export async function loadSecuritySettings(db: Database, municipalityId: string) {
  const [row] = await db.select().from(municipalitySettings).where(eq(municipalitySettings.municipalityId, municipalityId));
  return { mfaRequiredRoles: row?.mfaRequiredRoles ?? ["admin", "controller"], idleTimeoutMinutes: row?.idleTimeoutMinutes ?? 60 };
}

export function mfaRequiredFor(grants: Grants, mfaRequiredRoles: readonly string[]): boolean {
  return roleNames(grants).some((r) => mfaRequiredRoles.includes(r));
}
