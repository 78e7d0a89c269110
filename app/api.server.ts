// The JSON API's checkpoint and plumbing (docs/api.md). A personal API token
// (`Authorization: Bearer wk_…`) stands in for the session: the token's user
// gets exactly the same grants, CASL ability and row-level-security scope as
// the session checkpoints in context.server.ts would build — nothing more:
// both go through app/lib/checkpoint.server.ts (identify, chooseScope).
// Errors are JSON `{ error: { code, message, fields? } }` with Dutch messages.
import { calendarDate } from "@wijkwerk/core/dates";
import { ForbiddenError, abilityFromRules, as, defineAbilityFor } from "@wijkwerk/authz";
import { and, eq, spendRequests, users } from "@wijkwerk/db";
import { authenticatePartnerExportToken } from "@wijkwerk/core/partners";
import { z } from "zod";
import { SPEND_STATUSES, type getSpend } from "@wijkwerk/core/workbudget";
import { asDomainError, forbiddenCharacterPaths, type UseCaseContext } from "@wijkwerk/core/common";
import { loadGrants, loadSecuritySettings, mfaRequiredFor, type UserTeam } from "@wijkwerk/core/accounts";
import { chooseScope, identify, requestMeta, teamScope } from "~/lib/checkpoint.server";
import { getDb } from "~/db.server";
import { noteRequestIds } from "~/lib/logger.server";
import { domainErrorMessage, nl } from "~/i18n/nl";
import { logError } from "~/lib/logger.server";

const t = nl.api.errors;

/** Request bodies above this size are refused (413). */
export const API_BODY_LIMIT_BYTES = 64 * 1024;

const API_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

export interface ApiUserContext extends Omit<UseCaseContext, "scope"> {
  teams: UserTeam[];
}

export type ApiContext = UseCaseContext & { teams: UserTeam[]; team: { id: string; slug: string; name: string } | null };

// ── Responses ─────────────────────────────────────────────────────────────

export function apiJson(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json; charset=utf-8", ...API_HEADERS, ...init.headers },
  });
}

export function apiError(
  status: number,
  code: string,
  message: string,
  extra: { fields?: Record<string, string[]>; headers?: Record<string, string> } = {},
): Response {
  return apiJson(
    { error: { code, message, ...(extra.fields && Object.keys(extra.fields).length ? { fields: extra.fields } : {}) } },
    { status, headers: extra.headers },
  );
}

const unauthorized = (hadToken: boolean) =>
  apiError(401, "unauthorized", t.unauthorized, {
    headers: { "WWW-Authenticate": hadToken ? 'Bearer realm="wijkwerk", error="invalid_token"' : 'Bearer realm="wijkwerk"' },
  });
const notFound = () => apiError(404, "not_found", domainErrorMessage("not_found"));
/** 404 `not_found`, as for everything outside the user's reach. */
export const apiNotFound = notFound;

export const methodNotAllowed = (allow: string) => () => apiError(405, "method_not_allowed", t.methodNotAllowed, { headers: { Allow: allow } });

/** Zod issues as `{ field: [Dutch message] }`, keyed by the dotted path. */
export function zodFields(issues: z.ZodIssue[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  // A custom issue may name its code (core's calendarDate: date_invalid), as in the forms.
  for (const i of issues)
    (fields[i.path.join(".") || "body"] ??= []).push(
      domainErrorMessage(i.code === "custom" && typeof i.params?.code === "string" ? i.params.code : "invalid_input"),
    );
  return fields;
}

export const invalidInput = (issues: z.ZodIssue[]) => apiError(400, "invalid_input", domainErrorMessage("invalid_input"), { fields: zodFields(issues) });

/**
 * Runs an API handler: thrown Responses (the checkpoint's 401/404) are
 * returned, domain errors become JSON with their status and Dutch message,
 * anything else is a JSON 500 without details.
 */
export async function apiHandler(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Response) return e;
    if (e instanceof ForbiddenError) return apiError(403, "forbidden", domainErrorMessage("forbidden"));
    const domain = asDomainError(e);
    if (domain) {
      // The use case's own message (the privacy guard's findings, the team's pseudonym format) where it gave one.
      const message = (code: string) => (code === domain.code && domain.detail ? domain.detail : domainErrorMessage(code));
      const fields = Object.fromEntries(Object.entries(domain.fieldErrors).map(([k, codes]) => [k, codes.map(message)]));
      return apiError(domain.status, domain.code, domainErrorMessage(domain.code), { fields });
    }
    // With the request id, which the answer's X-Request-Id header also carries.
    logError("Fout in de API", e);
    return apiError(500, "server_error", t.serverError);
  }
}

// ── Authentication and scope ──────────────────────────────────────────────

/** The token's user with grants and ability, without a scope yet; 401 when the token does not work. */
export async function authenticateApiRequest(request: Request, loadContext?: { ip?: string | null }): Promise<ApiUserContext> {
  const found = await identify(request, loadContext, "token");
  if (!found.ok) throw unauthorized(found.reason === "none" ? request.headers.has("authorization") : true);
  // The session checkpoint sends such a user to the MFA setup first; a token must not be the way around it.
  if (found.person.mfa.setupPending) throw apiError(403, "mfa_required", t.mfaRequired);
  const { db, teams, actor, grants, ability, meta } = found.person;
  return { db, teams, actor, grants, ability, meta };
}

/** Team scope, as requireTeamContext: only for a member of an active team; else null. */
async function teamScoped(ctx: ApiUserContext, match: (t: UserTeam) => boolean): Promise<ApiContext | null> {
  const scoped = await teamScope(ctx, ctx.teams.find(match));
  if (!scoped) return null;
  const { id, slug, name } = scoped.team;
  return { ...ctx, team: { id, slug, name }, scope: scoped.scope };
}

/** Municipality scope for whoever may read spend requests municipality-wide (the controller, also when admin too); else null. */
function municipalityScoped(ctx: ApiUserContext): ApiContext | null {
  const scope = chooseScope(ctx.grants, { kind: "municipality", action: "read", subject: "Spend" }, ctx.ability);
  return scope ? { ...ctx, team: null, scope } : null;
}

export interface ApiScopeOptions {
  /** A team slug: team scope when the token's user is a member, else 404 (whether or not the team exists). */
  team?: string;
  /**
   * Without a team: users who are not municipality-wide readers act in their
   * first team's scope — for municipality reference data such as budgets,
   * which every scope may read. Without this flag they get 404.
   */
  teamFallback?: boolean;
}

/**
 * The API checkpoint: bearer token → user → grants → CASL ability → scope.
 * With `team`: team scope or 404. Without: municipality scope for the
 * controller (chooseScope: never the admin scope for spends, whose
 * policies are for 'municipality'), else 404 (or the first team's scope with `teamFallback`).
 */
export async function requireApiContext(request: Request, loadContext: unknown, opts: ApiScopeOptions = {}): Promise<ApiContext> {
  const ctx = await authenticateApiRequest(request, loadContext as { ip?: string | null });
  const scoped =
    opts.team !== undefined
      ? await teamScoped(ctx, (t) => t.slug === opts.team)
      : (municipalityScoped(ctx) ?? (opts.teamFallback && ctx.teams.length > 0 ? await teamScoped(ctx, (t) => t.id === ctx.teams[0].id) : null));
  if (!scoped) throw notFound();
  return scoped;
}

/**
 * The checkpoint of the partner's hours export (`/api/v1/partner/hours.*`):
 * a partner export token (`wkp_…`), not a personal one. The token works only
 * while its maker may still read that partner's export (an ended partner
 * manager's tokens stop with the role), and it grants exactly one thing:
 * `read PartnerExport` of its partner, in that partner's scope (RLS). Any
 * other endpoint refuses it (401): only api_tokens are looked up there.
 */
export async function requirePartnerTokenContext(request: Request, loadContext: unknown): Promise<UseCaseContext & { tokenId: string }> {
  const header = request.headers.get("authorization");
  const bearer = header?.match(/^Bearer[ ]+(\S+)\s*$/i)?.[1] ?? null;
  const db = await getDb();
  const token = bearer ? await authenticatePartnerExportToken(db, bearer) : null;
  if (!token) throw unauthorized(header !== null);
  const { partnerId, municipalityId, createdBy } = token;
  const loaded = await loadGrants(db, createdBy);
  const [maker] = await db.select({ email: users.email, name: users.name, totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, createdBy));
  if (!loaded || !maker || !defineAbilityFor(loaded.grants).can("read", as("PartnerExport", { municipalityId, partnerId }))) throw unauthorized(true);
  if (mfaRequiredFor(loaded.grants, (await loadSecuritySettings(db, municipalityId)).mfaRequiredRoles) && !maker.totpEnabledAt)
    throw apiError(403, "mfa_required", t.mfaRequired);
  noteRequestIds({ userId: createdBy, municipalityId, partnerId });
  return {
    db,
    tokenId: token.tokenId,
    actor: { userId: createdBy, municipalityId, email: maker.email, name: maker.name },
    grants: { userId: createdBy, municipalityId, teamRoles: [], scopeRoles: [{ role: "partner_manager", partnerId }] },
    ability: abilityFromRules([{ action: "read", subject: "PartnerExport", conditions: { municipalityId, partnerId } }]),
    scope: { kind: "partner", municipalityId, partnerId, userId: createdBy },
    meta: requestMeta(request, loadContext),
  };
}

/**
 * The checkpoint for one spend request by id: team scope when the user is a
 * member of the request's team, else the municipality scope (controller),
 * else 404. The request's team is looked up on the owner connection, only
 * within the user's municipality — the use case then runs under RLS.
 */
export async function requireApiSpendContext(request: Request, loadContext: unknown, spendId: string | undefined): Promise<ApiContext> {
  const ctx = await authenticateApiRequest(request, loadContext as { ip?: string | null });
  if (!spendId || !z.string().uuid().safeParse(spendId).success) throw notFound();
  const [spend] = await ctx.db
    .select({ teamId: spendRequests.teamId })
    .from(spendRequests)
    .where(and(eq(spendRequests.id, spendId), eq(spendRequests.municipalityId, ctx.actor.municipalityId)));
  const scoped = (spend ? await teamScoped(ctx, (t) => t.id === spend.teamId) : null) ?? municipalityScoped(ctx);
  if (!scoped) throw notFound();
  return scoped;
}

// ── Request bodies ────────────────────────────────────────────────────────

/** The JSON body: 415 unless application/json, 413 above 64 KB, 400 when it does not parse. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(type)) throw apiError(415, "unsupported_media_type", t.unsupportedMediaType);
  const tooLarge = () => apiError(413, "body_too_large", t.bodyTooLarge);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > API_BODY_LIMIT_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > API_BODY_LIMIT_BYTES) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw apiError(400, "invalid_json", t.invalidJson);
  }
  // A NUL (or lone surrogate) in any string: a field error here, not PostgreSQL's refusal as a 500.
  const bad = forbiddenCharacterPaths(body);
  if (bad.length)
    throw apiError(400, "invalid_input", domainErrorMessage("invalid_input"), {
      fields: Object.fromEntries(bad.map((p) => [p, [domainErrorMessage("invalid_character")]])),
    });
  return body;
}

// ── Query parameters ──────────────────────────────────────────────────────

const teamSpendListQuery = z
  .object({
    status: z.array(z.enum(SPEND_STATUSES)).default([]),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    /** true: only settled requests whose evaluation date has passed. */
    evaluationOverdue: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  })
  .strict();
const municipalitySpendListQuery = teamSpendListQuery
  .extend({ teamId: z.string().uuid().optional(), from: calendarDate().optional(), to: calendarDate().optional() })
  .strict();

/**
 * ?status=submitted,endorsed (or repeated) &year=2026 &page=2; the
 * controller's list also takes teamId, from and to. Unknown parameters are
 * an error rather than silently ignored (a typo must not return everything).
 */
export function parseSpendListQuery(request: Request, kind: "team" | "municipality") {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    raw[key] =
      key === "status"
        ? params
            .getAll(key)
            .flatMap((v) => v.split(","))
            .map((v) => v.trim())
            .filter(Boolean)
        : params.get(key);
  }
  return (kind === "team" ? teamSpendListQuery : municipalitySpendListQuery).safeParse(raw);
}

// ── Shapes ────────────────────────────────────────────────────────────────

type SpendDetail = Awaited<ReturnType<typeof getSpend>>;

/** One spend request as the API shows it (OpenAPI schema `Spend`). */
export function spendJson(d: SpendDetail) {
  const s = d.spend;
  return {
    id: s.id,
    reference: d.reference,
    number: s.number,
    team: { id: s.teamId, slug: d.teamSlug, name: d.teamName },
    author: { id: s.authorId, name: d.authorName },
    status: s.status,
    amountCents: s.amountCents,
    neededOn: s.neededOn,
    purpose: s.purpose,
    supplier: s.supplier,
    rationale: s.rationale,
    problemPrevented: s.problemPrevented,
    lifeDomains: s.lifeDomains,
    residentRef: s.residentRef,
    norm: d.norm
      ? {
          id: d.norm.id,
          code: d.norm.code,
          label: d.norm.label,
          amountCents: d.norm.amountCents,
          unit: d.norm.unit,
          source: d.norm.source,
          isLocalEstimate: d.norm.isLocalEstimate,
        }
      : null,
    expectedReturnCents: s.expectedReturnCents,
    customReturnJustification: s.customReturnJustification,
    expectedSocialDomains: s.expectedSocialDomains,
    expectedSocialReturn: s.expectedSocialReturn,
    approvalThresholdCents: d.thresholdCents,
    approvedAt: s.approvedAt,
    paidCents: s.paidCents,
    paymentDate: s.paymentDate,
    paymentMethod: s.paymentMethod,
    paymentReference: s.paymentReference,
    settledCents: s.settledCents,
    settledAt: s.settledAt,
    // The request's money in the ledger: what the dashboard and the finance CSV count for it.
    ledger: { reservedCents: d.ledger.reservedCents, paidCents: d.ledger.paidCents, committedCents: d.ledger.committedCents },
    evaluationDueOn: s.evaluationDueOn,
    evaluation: s.evaluation,
    evaluatedAt: s.evaluatedAt,
    rejectionReason: s.rejectionReason,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    allowedActions: d.allowedActions,
    timeline: d.timeline,
  };
}
