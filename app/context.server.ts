// The checkpoints every loader and action goes through: session → user →
// grants → CASL ability → scope for row-level security. Deny by default.
import { redirect } from "@remix-run/node";
import { as, defineAbilityFor, type Action, type SubjectName } from "@wijkwerk/authz";
import { loadGrants, loadSecuritySettings, mfaRequiredFor, type UserTeam } from "@wijkwerk/core/accounts";
import type { TeamContext, UseCaseContext } from "@wijkwerk/core/common";
import { and, eq, teams, isNull, or, gte, sql, partnerOrganisations } from "@wijkwerk/db";
import { readSession, type AppSession, type SessionUser } from "~/auth/session.server";
import { getDb } from "~/db.server";

export interface UserContext extends Omit<UseCaseContext, "scope"> {
  user: SessionUser;
  session: AppSession;
  teams: UserTeam[];
  mfaRequired: boolean;
  refreshedCookie: string | null;
}

export const notFoundResponse = () => new Response("Niet gevonden", { status: 404 });

export function clientIp(request: Request, context?: { ip?: string | null }): string | null {
  return context?.ip ?? null;
}

function loginRedirect(request: Request, reason?: string) {
  const url = new URL(request.url);
  const params = new URLSearchParams({ next: url.pathname + url.search });
  if (reason) params.set("reden", reason);
  return redirect(`/inloggen?${params}`);
}

/** Paths a user with a pending MFA obligation may still visit. */
const MFA_SETUP_PATHS = ["/account/mfa", "/uitloggen"];

/**
 * Resolves the signed-in user or redirects to the login page. A session that
 * still waits for its second factor only reaches the MFA step; a user whose
 * role requires MFA but has none set up only reaches the MFA setup page.
 */
export async function requireUser(request: Request, loadContext?: { ip?: string | null }): Promise<UserContext> {
  const db = await getDb();
  const result = await readSession(request, async (m) => (await loadSecuritySettings(db, m)).idleTimeoutMinutes);
  if (!result) throw loginRedirect(request);
  if (result.expired) throw loginRedirect(request, "verlopen");
  const { session, user } = result;
  if (!session.mfaVerified && user.totpEnabledAt) throw redirect("/inloggen/tweede-stap");
  const loaded = await loadGrants(db, user.id);
  if (!loaded) throw loginRedirect(request);
  const settings = await loadSecuritySettings(db, user.municipalityId);
  const mfaRequired = mfaRequiredFor(loaded.grants, settings.mfaRequiredRoles);
  const path = new URL(request.url).pathname;
  if (mfaRequired && !user.totpEnabledAt && !MFA_SETUP_PATHS.includes(path)) throw redirect("/account/mfa?verplicht=1");
  return {
    db,
    user,
    session,
    teams: loaded.teams,
    mfaRequired,
    refreshedCookie: result.refreshedCookie,
    actor: { userId: user.id, municipalityId: user.municipalityId, email: user.email, name: user.name },
    grants: loaded.grants,
    ability: defineAbilityFor(loaded.grants),
    meta: { ip: clientIp(request, loadContext), userAgent: request.headers.get("user-agent") },
  };
}

/** The signed-in user when there is one (fully signed in), else null; never redirects. */
export async function optionalUser(request: Request): Promise<UserContext | null> {
  try {
    return await requireUser(request);
  } catch (e) {
    if (e instanceof Response) return null;
    throw e;
  }
}

/** The team of a membership if it is still active and the ability may read it; else null. Shared with the API checkpoint. */
export async function readableActiveTeam(ctx: Pick<UseCaseContext, "db" | "ability">, membership: UserTeam | undefined) {
  if (!membership) return null;
  const [team] = await ctx.db
    .select({ id: teams.id, slug: teams.slug, name: teams.name, municipalityId: teams.municipalityId })
    .from(teams)
    .where(and(eq(teams.id, membership.id), or(isNull(teams.activeTo), gte(teams.activeTo, sql`current_date`))));
  return team && ctx.ability.can("read", as("Team", { id: team.id })) ? team : null;
}

/**
 * The team checkpoint. A user who is not a member of the team gets 404 —
 * whether or not the team exists — so other teams' URLs reveal nothing.
 */
export async function requireTeamContext(request: Request, teamSlug: string | undefined, loadContext?: { ip?: string | null }): Promise<TeamContext & UserContext> {
  const ctx = await requireUser(request, loadContext);
  const team = await readableActiveTeam(ctx, ctx.teams.find((t) => t.slug === teamSlug));
  if (!team) throw notFoundResponse();
  return { ...ctx, team, scope: { kind: "team", municipalityId: team.municipalityId, teamId: team.id, userId: ctx.user.id } };
}

/**
 * Municipality-wide checkpoint (functional admin, controller): the user must
 * hold the given permission in their municipality, else 404.
 */
export async function requireMunicipalityContext(request: Request, action: Action, subject: Exclude<SubjectName, "all">, loadContext?: { ip?: string | null }): Promise<UseCaseContext & UserContext> {
  const ctx = await requireUser(request, loadContext);
  const municipalityId = ctx.user.municipalityId;
  if (!ctx.ability.can(action, as(subject, { municipalityId }))) throw notFoundResponse();
  // Administration runs in the admin scope (RLS lets it see the whole municipality); other municipality views read aggregates.
  const isAdministrator = ctx.ability.can("manage", as("Settings", { municipalityId }));
  return { ...ctx, scope: { kind: isAdministrator ? "admin" : "municipality", municipalityId, userId: ctx.user.id } };
}

/**
 * Workgroup checkpoint: any signed-in user; the scope 'workgroup' lets RLS
 * decide by membership which groups and content they see (migration 0011).
 */
export async function requireWorkgroupContext(request: Request, loadContext?: { ip?: string | null }): Promise<UseCaseContext & UserContext> {
  const ctx = await requireUser(request, loadContext);
  return { ...ctx, scope: { kind: "workgroup", municipalityId: ctx.user.municipalityId, userId: ctx.user.id } };
}

/** Partner manager checkpoint: only for the partner the user manages. */
export async function requirePartnerContext(request: Request, partnerSlug: string | undefined, loadContext?: { ip?: string | null }): Promise<UseCaseContext & UserContext & { partner: { id: string; slug: string; name: string } }> {
  const ctx = await requireUser(request, loadContext);
  const municipalityId = ctx.user.municipalityId;
  const [partner] = partnerSlug
    ? await ctx.db
        .select({ id: partnerOrganisations.id, slug: partnerOrganisations.slug, name: partnerOrganisations.name })
        .from(partnerOrganisations)
        .where(and(eq(partnerOrganisations.municipalityId, municipalityId), eq(partnerOrganisations.slug, partnerSlug)))
    : [];
  if (!partner || !ctx.ability.can("read", as("PartnerOverview", { municipalityId, partnerId: partner.id }))) throw notFoundResponse();
  return { ...ctx, partner, scope: { kind: "partner", municipalityId, partnerId: partner.id, userId: ctx.user.id } };
}

/** Where `/` sends a user: their first team, else their municipality or partner view. */
export async function homePathFor(ctx: UserContext): Promise<string> {
  if (ctx.teams.length > 0) return `/t/${ctx.teams[0].slug}`;
  const municipalityId = ctx.user.municipalityId;
  if (ctx.ability.can("manage", as("Settings", { municipalityId }))) return "/beheer";
  if (ctx.ability.can("read", as("MunicipalityOverview", { municipalityId }))) return "/gemeente";
  const partnerRole = ctx.grants.scopeRoles.find((r) => r.partnerId && ctx.ability.can("read", as("PartnerOverview", { municipalityId, partnerId: r.partnerId })));
  if (partnerRole?.partnerId) {
    const [p] = await ctx.db.select({ slug: partnerOrganisations.slug }).from(partnerOrganisations).where(eq(partnerOrganisations.id, partnerRole.partnerId));
    if (p) return `/partner/${p.slug}`;
  }
  return "/account";
}
