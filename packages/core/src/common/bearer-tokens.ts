// Bearer tokens: personal API tokens (`wk_…`, api_tokens) and partner export
// tokens (`wkp_…`, partner_export_tokens). Each is its prefix and 32 random
// bytes, shown once; only its sha256 is stored. Authenticating one is the
// owner connection's lookup (there is no user or scope yet): the one check
// both kinds share lives here, what a token opens stays with its domain.
import type { PgColumn } from "drizzle-orm/pg-core";
import { and, apiTokens, eq, isNull, partnerExportTokens, sql, users, type Database } from "@wijkwerk/db";
import { hashToken } from "./tokens";

/** last_used_at is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION = "1 minute";

/** A token as both kinds' lists return it: never the token itself, only its last four characters. */
export interface BearerTokenRow {
  id: string;
  name: string;
  lastFour: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface BearerTokenKind<F extends Record<string, PgColumn>> {
  /** "wk_", "wkp_": a token of another kind is refused before any lookup. */
  prefix: string;
  table: typeof apiTokens | typeof partnerExportTokens;
  /** The user the token rests on: it works only while that user is active in the token's municipality. */
  maker: PgColumn;
  /** What the caller needs of the token's row. */
  fields: F;
}

type Selected<F extends Record<string, PgColumn>> = {
  [K in keyof F]: F[K]["_"]["notNull"] extends true ? F[K]["_"]["data"] : F[K]["_"]["data"] | null;
};

/** The prefix and 43 base64url characters (32 bytes). */
const patternOf = (prefix: string) => new RegExp(`^${prefix}[A-Za-z0-9_-]{43}$`);

/**
 * The token's id and `fields`, or null when the bearer is malformed (or of another
 * kind), unknown, revoked, expired, or its maker is inactive or has moved
 * municipality. Records the use at most once a minute.
 */
export async function authenticateBearerToken<F extends Record<string, PgColumn>>(
  db: Database,
  bearer: string | null | undefined,
  kind: BearerTokenKind<F>,
): Promise<({ tokenId: string } & Selected<F>) | null> {
  const token = bearer?.trim() ?? "";
  if (!patternOf(kind.prefix).test(token)) return null;
  const t = kind.table;
  const [row] = (await db
    .select({ ...kind.fields, tokenId: t.id })
    .from(t)
    .innerJoin(users, eq(users.id, kind.maker))
    .where(
      and(
        eq(t.tokenHash, hashToken(token)),
        isNull(t.revokedAt),
        sql`(${t.expiresAt} is null or ${t.expiresAt} > now())`,
        eq(users.isActive, true),
        eq(users.municipalityId, t.municipalityId),
      ),
    )) as ({ tokenId: string } & Selected<F>)[];
  if (!row) return null;
  // Both tables name the column last_used_at (a qualified name is not allowed after set).
  await db.execute(
    sql`update ${t} set last_used_at = now() where ${t.id} = ${row.tokenId} and (${t.lastUsedAt} is null or ${t.lastUsedAt} < now() - ${LAST_USED_RESOLUTION}::interval)`,
  );
  return row;
}
