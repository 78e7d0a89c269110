// A user's own sessions: list and revoke. Sessions are authentication data
// (owner connection); every query is bound to the acting user's id.
import { and, desc, eq, ne, sessions, type Database, type Queryable } from "@wijkwerk/db";
import { appendAudit } from "../audit";
import { type Actor, type RequestMeta, DomainError } from "../common";

export interface SessionRow {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  ip: string | null;
  device: string;
  current: boolean;
}

/** "Chrome op Windows" style label from a user agent, enough to recognise a device. */
export function deviceLabel(userAgent: string | null): string {
  if (!userAgent) return "Onbekend apparaat";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : "onbekend systeem";
  return `${browser} op ${os}`;
}

export async function listOwnSessions(db: Database, userId: string, currentSessionId: string): Promise<SessionRow[]> {
  const rows = await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.lastActiveAt));
  return rows
    .filter((r) => r.expiresAt.getTime() > Date.now())
    .map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      lastActiveAt: r.lastActiveAt,
      ip: r.ip,
      device: deviceLabel(r.userAgent),
      current: r.id === currentSessionId,
    }));
}

/** The audit event of sessions the user signed out themselves (how many, never which). */
async function auditSessionsRevoked(tx: Queryable, actor: Actor, meta: RequestMeta, count: number): Promise<void> {
  await appendAudit(tx, {
    municipalityId: actor.municipalityId,
    actor,
    action: "session.revoked",
    objectType: "session",
    objectId: null,
    meta,
    data: { count },
  });
}

/** Revokes one of the actor's sessions; another user's session id is "not found". */
export async function revokeOwnSession(db: Database, actor: Actor, sessionId: string, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId)))
      .returning({ id: sessions.id });
    if (deleted.length === 0) throw new DomainError("not_found", 404);
    await auditSessionsRevoked(tx, actor, meta, 1);
  });
}

export async function revokeOtherSessions(db: Database, actor: Actor, currentSessionId: string, meta: RequestMeta): Promise<number> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, actor.userId), ne(sessions.id, currentSessionId)))
      .returning({ id: sessions.id });
    if (deleted.length) await auditSessionsRevoked(tx, actor, meta, deleted.length);
    return deleted.length;
  });
}
