// Loads what a user holds. Runs as the schema owner: this is the checkpoint's
// own lookup that decides which scope later queries run in.
import { eq, municipalitySettings, queryRows, sql, type Database, type Queryable } from "@wijkwerk/db";
import type { Grants, RoleName, ScopeRole } from "@wijkwerk/authz";

export interface UserTeam {
  id: string;
  slug: string;
  name: string;
  role: "coordinator" | "member" | "volunteer";
}

export async function loadGrants(db: Queryable, userId: string): Promise<{ grants: Grants; teams: UserTeam[] } | null> {
  // One round trip (every request of every page runs this): the user, their active teams, their scope roles and — for
  // an admin — the municipalities they administer, each a subquery.
  const [user] = await queryRows<{
    municipality_id: string;
    is_active: boolean;
    memberships: UserTeam[];
    roles: { role: ScopeRole; partnerId: string | null }[];
    administered: string[];
  }>(
    db,
    sql`select u.municipality_id, u.is_active,
          (select coalesce(json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'role', m.role) order by t.name), '[]')
           from active_team_memberships m join teams t on t.id = m.team_id
           where m.user_id = u.id and (t.active_to is null or t.active_to >= current_date)) as memberships,
          (select coalesce(json_agg(json_build_object('role', r.role, 'partnerId', r.partner_organisation_id)), '[]')
           from scope_roles r where r.user_id = u.id) as roles,
          (select coalesce(json_agg(a.municipality_id), '[]') from admin_municipalities a where a.user_id = u.id) as administered
        from users u where u.id = ${userId}`,
  );
  if (!user || !user.is_active) return null;
  const administered = user.roles.some((r) => r.role === "admin") ? user.administered : [];
  return {
    grants: {
      userId,
      municipalityId: user.municipality_id,
      teamRoles: user.memberships.map((m) => ({ teamId: m.id, role: m.role })),
      scopeRoles: user.roles,
      ...(administered.length ? { adminMunicipalities: administered } : {}),
    },
    teams: user.memberships,
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
