// The checkpoints every loader and action goes through: session → user →
// grants → CASL ability → scope for row-level security. Deny by default.
// The work is done by app/lib/checkpoint.server.ts, shared with the API;
// this module turns its refusals into the pages' answers (login, MFA, 404).
import { redirect } from "@remix-run/node";
import { as, type Action } from "@wijkwerk/authz";
import type { TeamContext, UseCaseContext } from "@wijkwerk/core/common";
import type { UserTeam } from "@wijkwerk/core/accounts";
import { and, eq, partnerOrganisations } from "@wijkwerk/db";
import { hasTasks } from "~/core/tasks.server";
import type { AppSession, SessionUser } from "~/auth/session.server";
import { chooseScope, clientIp, identify, readableActiveTeam, requestMeta, teamScope, type MunicipalSubject } from "~/lib/checkpoint.server";

export { clientIp, readableActiveTeam, requestMeta };

export interface UserContext extends Omit<UseCaseContext, "scope"> {
  user: SessionUser;
  session: AppSession;
  teams: UserTeam[];
  mfaRequired: boolean;
  refreshedCookie: string | null;
}

export const notFoundResponse = () => new Response("Niet gevonden", { status: 404 });
/** A page of the user's own team that their role may not use: 403 (docs/architecture.md, "403 or 404"). */
export const forbiddenResponse = () => new Response("Geen toegang", { status: 403 });

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
  const found = await identify(request, loadContext, "session");
  if (!found.ok) {
    if (found.reason === "second_factor") throw redirect("/inloggen/tweede-stap");
    throw loginRedirect(request, found.reason === "expired" ? "verlopen" : undefined);
  }
  const { person } = found;
  if (person.mfa.setupPending && !MFA_SETUP_PATHS.includes(new URL(request.url).pathname)) throw redirect("/account/mfa?verplicht=1");
  const { db, user, teams, refreshedCookie, actor, grants, ability, meta } = person;
  return { db, user, session: person.session!, teams, mfaRequired: person.mfa.required, refreshedCookie, actor, grants, ability, meta };
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

/**
 * The team checkpoint. A user who is not a member of the team gets 404 —
 * whether or not the team exists — so other teams' URLs reveal nothing.
 */
export async function requireTeamContext(
  request: Request,
  teamSlug: string | undefined,
  loadContext?: { ip?: string | null },
): Promise<TeamContext & UserContext> {
  const ctx = await requireUser(request, loadContext);
  const scoped = await teamScope(
    ctx,
    ctx.teams.find((t) => t.slug === teamSlug),
  );
  if (!scoped) throw notFoundResponse();
  return { ...ctx, ...scoped };
}

/**
 * Municipality-wide checkpoint (functional admin, controller): the user must
 * hold the given permission in their municipality, else 404. The scope
 * follows chooseScope: `admin` where the admin role grants the permission
 * (administration), `municipality` otherwise (the controller's workbudget,
 * also for an admin who is controller too).
 */
export async function requireMunicipalityContext(
  request: Request,
  action: Action,
  subject: MunicipalSubject,
  loadContext?: { ip?: string | null },
): Promise<UseCaseContext & UserContext> {
  const ctx = await requireUser(request, loadContext);
  const scope = chooseScope(ctx.grants, { kind: "municipality", action, subject }, ctx.ability);
  if (!scope) throw notFoundResponse();
  return { ...ctx, scope };
}

/**
 * Workgroup checkpoint: any signed-in user; the scope 'workgroup' lets RLS
 * decide by membership which groups and content they see (migration 0011).
 */
export async function requireWorkgroupContext(request: Request, loadContext?: { ip?: string | null }): Promise<UseCaseContext & UserContext> {
  const ctx = await requireUser(request, loadContext);
  return { ...ctx, scope: chooseScope(ctx.grants, { kind: "workgroup" }, ctx.ability)! };
}

/** Partner manager checkpoint: only for the partner the user manages. */
export async function requirePartnerContext(
  request: Request,
  partnerSlug: string | undefined,
  loadContext?: { ip?: string | null },
): Promise<UseCaseContext & UserContext & { partner: { id: string; slug: string; name: string } }> {
  const ctx = await requireUser(request, loadContext);
  const municipalityId = ctx.user.municipalityId;
  const [partner] = partnerSlug
    ? await ctx.db
        .select({ id: partnerOrganisations.id, slug: partnerOrganisations.slug, name: partnerOrganisations.name })
        .from(partnerOrganisations)
        .where(and(eq(partnerOrganisations.municipalityId, municipalityId), eq(partnerOrganisations.slug, partnerSlug)))
    : [];
  const scope = partner ? chooseScope(ctx.grants, { kind: "partner", partnerId: partner.id }, ctx.ability) : null;
  if (!partner || !scope) throw notFoundResponse();
  return { ...ctx, partner, scope };
}

/**
 * Where `/` and the login send a user: "Mijn taken" (app/routes/taken.tsx) for everyone with work that can wait for
 * them — team members, the controller, the functional admin, a partner manager; the research office, whose work is
 * the figures and for whom nothing waits, goes to the city's figures; anyone else to their account.
 */
export async function homePathFor(ctx: UserContext): Promise<string> {
  if (hasTasks(ctx)) return "/taken";
  const municipalityId = ctx.user.municipalityId;
  if (ctx.ability.can("read", as("MunicipalityOverview", { municipalityId }))) return "/gemeente";
  // The research office (Onderzoek & Statistiek) reads the city's figures and nothing else.
  if (ctx.ability.can("read", as("CaseworkFigures", { municipalityId }))) return "/gemeente/cijfers";
  return (await partnerViewPath(ctx)) ?? "/account";
}

/** A partner manager's own view (/partner/<slug>), for the menu; null for everyone else. */
export async function partnerViewPath(ctx: UserContext): Promise<string | null> {
  const municipalityId = ctx.user.municipalityId;
  const partnerRole = ctx.grants.scopeRoles.find(
    (r) => r.partnerId && ctx.ability.can("read", as("PartnerOverview", { municipalityId, partnerId: r.partnerId })),
  );
  if (!partnerRole?.partnerId) return null;
  const [p] = await ctx.db.select({ slug: partnerOrganisations.slug }).from(partnerOrganisations).where(eq(partnerOrganisations.id, partnerRole.partnerId));
  return p ? `/partner/${p.slug}` : null;
}
