// The one checkpoint behind pages (app/context.server.ts) and the JSON API
// (app/api.server.ts): a session cookie or an API token becomes the person —
// user, grants, CASL ability, MFA state — and chooseScope picks the row-level
// security scope for what the page or API call needs. The two front ends only
// turn a refusal into their own answer (a redirect to the login page, or JSON
// 401/403). The rule for a person with several roles is written once, here,
// and described in docs/architecture.md ("One checkpoint").
import { abilityFromRules, as, defineAbilityFor, scopeRoleRules, type Action, type AppAbility, type Grants, type SubjectName } from "@wijkwerk/authz";
import { and, eq, gte, isNull, or, sql, teams, users, type Scope } from "@wijkwerk/db";
import { readSession, type AppSession, type SessionUser } from "~/auth/session.server";
import { authenticateApiToken, loadGrants, loadSecuritySettings, mfaRequiredFor, type UserTeam } from "@wijkwerk/core/accounts";
import type { RequestMeta, UseCaseContext } from "@wijkwerk/core/common";
import { noteRequestIds } from "~/lib/logger.server";
import { getDb } from "~/db.server";

export type LoadContext = { ip?: string | null; requestId?: string | null } | undefined;

export function clientIp(request: Request, context?: { ip?: string | null }): string | null {
  return context?.ip ?? null;
}

/** Where a request comes from, for audit events: the client's IP, its user agent and the request id (the 500 page's reference). */
export function requestMeta(request: Request, context?: unknown): RequestMeta {
  const c = context as LoadContext;
  return { ip: clientIp(request, c ?? undefined), userAgent: request.headers.get("user-agent"), requestId: c?.requestId ?? null };
}

export interface MfaState {
  /** One of the person's roles must use two-step verification (Beheer → Instellingen). */
  required: boolean;
  /** TOTP is set up. */
  enabled: boolean;
  /** Required but not set up: the person may reach nothing but the setup (pages) or nothing at all (API). */
  setupPending: boolean;
}

/** Who is asking, and what they hold: everything a use case needs except the scope. */
export interface Person extends Omit<UseCaseContext, "scope"> {
  user: SessionUser;
  teams: UserTeam[];
  mfa: MfaState;
  /** The session (cookie) the person came with; null for an API token. */
  session: AppSession | null;
  /** A renewed session cookie to send back, if lucia renewed it. */
  refreshedCookie: string | null;
}

export type Identification =
  | { ok: true; person: Person }
  /**
   * none: no cookie or no bearer token; invalid: unknown, ended or revoked,
   * or the user is inactive; expired: the session timed out (idle or 12 h);
   * second_factor: the password was right, the TOTP step is still to come.
   */
  | { ok: false; reason: "none" | "invalid" | "expired" | "second_factor" };

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer[ ]+(\S+)\s*$/i);
  return match ? match[1] : null;
}

/**
 * The checkpoint's one way from credentials to a person, for pages (the
 * session cookie) and the API (`Authorization: Bearer wk_…`): same grants,
 * same ability, same MFA obligation. Runs on the owner connection (these are
 * the lookups that decide the scope later queries run in).
 */
export function identify(request: Request, loadContext: LoadContext, via: "session" | "token"): Promise<Identification> {
  return oncePerRequest(request, loadContext, `identify:${via}`, () => identifyNow(request, loadContext, via));
}

const perRequest = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * One answer per document request: the root's loader and the page's run side by side with the same load context
 * (one object per request, app/lib/request-gate.server.ts), and both identify the person — five reads each. Only
 * for GET and HEAD: an action may change what the loaders after it must see (Remix calls those with a GET of their
 * own, so they identify afresh, once). Without a load context nothing is shared.
 */
export function oncePerRequest<T>(request: Request, loadContext: LoadContext, key: string, load: () => Promise<T>): Promise<T> {
  if (!loadContext || (request.method !== "GET" && request.method !== "HEAD")) return load();
  let answers = perRequest.get(loadContext);
  if (!answers) perRequest.set(loadContext, (answers = new Map()));
  let hit = answers.get(key) as Promise<T> | undefined;
  if (!hit) answers.set(key, (hit = load()));
  return hit;
}

async function identifyNow(request: Request, loadContext: LoadContext, via: "session" | "token"): Promise<Identification> {
  const db = await getDb();
  const settingsOf = memo((municipalityId: string) => loadSecuritySettings(db, municipalityId));
  let user: SessionUser;
  let session: AppSession | null = null;
  let refreshedCookie: string | null = null;
  if (via === "session") {
    const result = await readSession(request, async (m) => (await settingsOf(m)).idleTimeoutMinutes);
    if (!result) return { ok: false, reason: "invalid" };
    if (result.expired) return { ok: false, reason: "expired" };
    ({ user, session, refreshedCookie } = result);
    if (!session.mfaVerified && user.totpEnabledAt) return { ok: false, reason: "second_factor" };
  } else {
    const token = bearerToken(request);
    if (!token) return { ok: false, reason: "none" };
    const userId = await authenticateApiToken(db, token);
    if (!userId) return { ok: false, reason: "invalid" };
    const [row] = await db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        municipalityId: users.municipalityId,
        totpEnabledAt: users.totpEnabledAt,
        isActive: users.isActive,
      })
      .from(users)
      .where(eq(users.id, userId));
    if (!row) return { ok: false, reason: "invalid" };
    user = row;
  }
  const loaded = await loadGrants(db, user.id);
  if (!loaded) return { ok: false, reason: "invalid" };
  const required = mfaRequiredFor(loaded.grants, (await settingsOf(user.municipalityId)).mfaRequiredRoles);
  const enabled = user.totpEnabledAt !== null;
  // The request's log line gets the ids (never the name or e-mail address).
  noteRequestIds({ userId: user.id, municipalityId: user.municipalityId });
  return {
    ok: true,
    person: {
      db,
      user,
      session,
      refreshedCookie,
      teams: loaded.teams,
      mfa: { required, enabled, setupPending: required && !enabled },
      actor: { userId: user.id, municipalityId: user.municipalityId, email: user.email, name: user.name },
      grants: loaded.grants,
      ability: defineAbilityFor(loaded.grants),
      meta: requestMeta(request, loadContext),
    },
  };
}

function memo<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = load(key)));
    return hit;
  };
}

// ── The scope ─────────────────────────────────────────────────────────────

export type MunicipalSubject = Exclude<SubjectName, "all">;

/** What a page or API call needs; chooseScope answers with the scope it runs in. */
export type Need =
  /** One team's pages and data: only for a member of that (active) team. */
  | { kind: "team"; team: { id: string; municipalityId: string } }
  /** Something municipality-wide, named by the permission it takes, e.g. approving spends: read Spend. */
  | { kind: "municipality"; action: Action; subject: MunicipalSubject }
  /** A partner organisation's view: only for its partner manager. */
  | { kind: "partner"; partnerId: string }
  /** Workgroups, stories, questions: any signed-in person; RLS decides by membership. */
  | { kind: "workgroup" };

/**
 * The scope for a need, or null when the grants do not allow it (the
 * checkpoints answer 404). A person may hold several roles; the rule for a
 * municipality-wide need: the `admin` scope only when the functional admin
 * role itself grants the permission — administration is what the admin
 * scope's RLS policies are written for — else the `municipality` scope, the
 * one for the controller's work (the spend_requests policies have no admin
 * branch). So an admin who is also controller administers in the admin scope
 * and approves spends in the municipality scope, as a controller alone would.
 */
export function chooseScope(grants: Grants, need: Need, ability: AppAbility = defineAbilityFor(grants)): Scope | null {
  const { municipalityId, userId } = grants;
  switch (need.kind) {
    case "team": {
      const member = grants.teamRoles.some((r) => r.teamId === need.team.id);
      if (!member || !ability.can("read", as("Team", { id: need.team.id }))) return null;
      noteRequestIds({ teamId: need.team.id });
      return { kind: "team", municipalityId: need.team.municipalityId, teamId: need.team.id, userId };
    }
    case "municipality": {
      if (!ability.can(need.action, as(need.subject, { municipalityId }))) return null;
      return { kind: adminRoleGrants(grants, need.action, need.subject) ? "admin" : "municipality", municipalityId, userId };
    }
    case "partner":
      if (!ability.can("read", as("PartnerOverview", { municipalityId, partnerId: need.partnerId }))) return null;
      noteRequestIds({ partnerId: need.partnerId });
      return { kind: "partner", municipalityId, partnerId: need.partnerId, userId };
    case "workgroup":
      return { kind: "workgroup", municipalityId, userId };
  }
}

/** Whether the functional admin role, on its own, grants the permission in the person's municipality. */
function adminRoleGrants(grants: Grants, action: Action, subject: MunicipalSubject): boolean {
  if (!grants.scopeRoles.some((r) => r.role === "admin")) return false;
  const { municipalityId, userId } = grants;
  return abilityFromRules(scopeRoleRules.admin({ municipalityId, userId })).can(action, as(subject, { municipalityId }));
}

/** The team of a membership if it is still active and the ability may read it; else null. */
export async function readableActiveTeam(ctx: Pick<UseCaseContext, "db" | "ability">, membership: UserTeam | undefined) {
  if (!membership) return null;
  const [team] = await ctx.db
    .select({ id: teams.id, slug: teams.slug, name: teams.name, municipalityId: teams.municipalityId })
    .from(teams)
    .where(and(eq(teams.id, membership.id), or(isNull(teams.activeTo), gte(teams.activeTo, sql`current_date`))));
  return team && ctx.ability.can("read", as("Team", { id: team.id })) ? team : null;
}

/** The team scope for one of the person's memberships (pages and API alike), with the team; null when not theirs or no longer active. */
export async function teamScope(person: Pick<Person, "db" | "ability" | "grants">, membership: UserTeam | undefined) {
  const team = await readableActiveTeam(person, membership);
  const scope = team ? chooseScope(person.grants, { kind: "team", team }, person.ability) : null;
  return team && scope?.kind === "team" ? { team, scope } : null;
}
