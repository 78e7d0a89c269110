// Personal API tokens for the JSON API (/api/v1/…). A token acts with exactly
// its user's permissions at the moment of the request (grants are loaded per
// request, like a session). The token is shown once: `wk_` + 32 random bytes;
// only its sha256 is stored, plus the last four characters to recognise it.
// A user lists, creates and revokes only their own tokens: these run as
// app_user, where the api_tokens policies (migration 0008) look at
// app_user_id() and app_municipality(). Authenticating a bearer token is the
// checkpoint's own lookup on the owner connection (there is no user yet).
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, apiTokens, desc, eq, isNull, withScope, type Database, type Scope } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type Actor, type BearerTokenRow, type UseCaseContext, DomainError, authenticateBearerToken, invalidInput, hashToken, newToken } from "../common";

export const API_TOKEN_PREFIX = "wk_";

/** What managing one's own tokens needs: the signed-in user, no team or municipality scope. */
export type AccountContext = Pick<UseCaseContext, "db" | "actor" | "ability" | "meta">;

export const apiTokenInput = z.object({
  name: z.string().trim().min(1).max(80),
  /** Empty = never expires. */
  expiresInDays: z.number().int().min(1).max(365).nullish(),
});
export type ApiTokenInput = z.input<typeof apiTokenInput>;

export type ApiTokenRow = BearerTokenRow;

/**
 * Own tokens run as app_user in a scope that reaches no team's rows (no tenant
 * set): the api_tokens policies need only the user and the municipality.
 */
const ownScope = (actor: Actor): Scope => ({ kind: "team", municipalityId: actor.municipalityId, teamId: "", userId: actor.userId });

function requireSelf(ctx: AccountContext) {
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", as("User", { id: ctx.actor.userId }));
}

/** Creates a token; the returned `token` is the only time it is ever visible. */
export async function createApiToken(
  ctx: AccountContext,
  raw: ApiTokenInput,
  now = new Date(),
): Promise<{ id: string; token: string; name: string; lastFour: string; expiresAt: Date | null }> {
  requireSelf(ctx);
  const parsed = apiTokenInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { name, expiresInDays } = parsed.data;
  const token = `${API_TOKEN_PREFIX}${newToken().token}`;
  const lastFour = token.slice(-4);
  const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 24 * 60 * 60 * 1000) : null;
  return withScope(ctx.db, ownScope(ctx.actor), async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ municipalityId: ctx.actor.municipalityId, userId: ctx.actor.userId, name, tokenHash: hashToken(token), lastFour, expiresAt })
      .returning({ id: apiTokens.id });
    await appendAudit(tx, {
      municipalityId: ctx.actor.municipalityId,
      actor: ctx.actor,
      action: "api_token.created",
      objectType: "api_token",
      objectId: row.id,
      meta: ctx.meta,
      data: { name, lastFour, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { id: row.id, token, name, lastFour, expiresAt };
  });
}

/** The user's own tokens, newest first (revoked ones too, greyed out in the UI). */
export async function listApiTokens(ctx: AccountContext): Promise<ApiTokenRow[]> {
  requireSelf(ctx);
  return withScope(ctx.db, ownScope(ctx.actor), (tx) =>
    tx
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        lastFour: apiTokens.lastFour,
        createdAt: apiTokens.createdAt,
        lastUsedAt: apiTokens.lastUsedAt,
        expiresAt: apiTokens.expiresAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, ctx.actor.userId), eq(apiTokens.municipalityId, ctx.actor.municipalityId)))
      .orderBy(desc(apiTokens.createdAt)),
  );
}

/** Revokes one of the user's tokens; another user's token (or an unknown id) is "not found". */
export async function revokeApiToken(ctx: AccountContext, tokenId: string, now = new Date()): Promise<void> {
  requireSelf(ctx);
  if (!z.string().uuid().safeParse(tokenId).success) throw new DomainError("not_found", 404);
  await withScope(ctx.db, ownScope(ctx.actor), async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, ctx.actor.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name, lastFour: apiTokens.lastFour });
    if (!row) {
      // Already revoked is fine (a double click); anything else is not there for this user.
      const [existing] = await tx
        .select({ id: apiTokens.id })
        .from(apiTokens)
        .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, ctx.actor.userId)));
      if (!existing) throw new DomainError("not_found", 404);
      return;
    }
    await appendAudit(tx, {
      municipalityId: ctx.actor.municipalityId,
      actor: ctx.actor,
      action: "api_token.revoked",
      objectType: "api_token",
      objectId: row.id,
      meta: ctx.meta,
      data: { name: row.name, lastFour: row.lastFour },
    });
  });
}

/**
 * The user id behind a bearer token, or null when the token is malformed,
 * unknown, revoked, expired, or its user is inactive (or moved municipality).
 * Records the use at most once a minute.
 */
export async function authenticateApiToken(db: Database, bearer: string | null | undefined): Promise<string | null> {
  const row = await authenticateBearerToken(db, bearer, {
    prefix: API_TOKEN_PREFIX,
    table: apiTokens,
    maker: apiTokens.userId,
    fields: { userId: apiTokens.userId },
  });
  return row?.userId ?? null;
}
