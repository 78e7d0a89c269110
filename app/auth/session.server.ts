// The only module that knows about lucia (deprecated by its author): keep it
// replaceable. Sessions live in PostgreSQL (table sessions).
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { eq, sessions, users, type Database } from "@wijkwerk/db";
import { getDb } from "~/db.server";

/** Absolute lifetime; the idle timeout (per municipality) is checked on every request. */
const SESSION_LIFETIME = new TimeSpan(12, "h");
/** Don't write last_active_at on every request. */
const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

function createLucia(db: Database) {
  return new Lucia(new DrizzlePostgreSQLAdapter(db as never, sessions, users), {
    sessionExpiresIn: SESSION_LIFETIME,
    sessionCookie: {
      name: "wijkwerk_session",
      // The cookie lives as long as the session (12 h), not lucia's 400 days for `expires: false`.
      expires: true,
      attributes: { sameSite: "lax", secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true" },
    },
    getSessionAttributes: (a) => ({ mfaVerified: a.mfaVerified, lastActiveAt: a.lastActiveAt, ip: a.ip, userAgent: a.userAgent, createdAt: a.createdAt }),
    getUserAttributes: (a) => ({ email: a.email, name: a.name, municipalityId: a.municipalityId, totpEnabledAt: a.totpEnabledAt, isActive: a.isActive }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    UserId: string;
    DatabaseSessionAttributes: { mfaVerified: boolean; lastActiveAt: Date; ip: string | null; userAgent: string | null; createdAt: Date };
    DatabaseUserAttributes: { email: string; name: string; municipalityId: string; totpEnabledAt: Date | null; isActive: boolean };
  }
}

let lucia: ReturnType<typeof createLucia> | undefined;
async function getLucia() {
  return (lucia ??= createLucia(await getDb()));
}

export type SessionUser = { id: string; email: string; name: string; municipalityId: string; totpEnabledAt: Date | null; isActive: boolean };
export type AppSession = { id: string; userId: string; mfaVerified: boolean; lastActiveAt: Date; createdAt: Date; expiresAt: Date };

export async function createSession(userId: string, opts: { mfaVerified: boolean; ip: string | null; userAgent: string | null }): Promise<string> {
  const l = await getLucia();
  const now = new Date();
  const session = await l.createSession(userId, {
    mfaVerified: opts.mfaVerified,
    ip: opts.ip,
    userAgent: opts.userAgent?.slice(0, 300) ?? null,
    lastActiveAt: now,
    createdAt: now,
  });
  return l.createSessionCookie(session.id).serialize();
}

export async function blankSessionCookie(): Promise<string> {
  return (await getLucia()).createBlankSessionCookie().serialize();
}

export async function sessionIdFrom(request: Request): Promise<string | null> {
  return (await getLucia()).readSessionCookie(request.headers.get("Cookie") ?? "");
}

/**
 * The session and user for this request, or null. Ends sessions idle longer
 * than idleTimeoutMinutes; records activity at most once a minute.
 */
export async function readSession(request: Request, idleTimeoutMinutes: (municipalityId: string) => Promise<number>) {
  const id = await sessionIdFrom(request);
  if (!id) return null;
  const l = await getLucia();
  const { session, user } = await l.validateSession(id);
  if (!session || !user || !user.isActive) return null;
  const now = Date.now();
  const idleMs = now - new Date(session.lastActiveAt).getTime();
  // lucia slides expiresAt forward; the session (like its cookie) still ends 12 h after login.
  const ageMs = now - new Date(session.createdAt).getTime();
  if (ageMs > SESSION_LIFETIME.milliseconds() || idleMs > (await idleTimeoutMinutes(user.municipalityId)) * 60_000) {
    await l.invalidateSession(session.id);
    return { expired: true as const };
  }
  if (idleMs > ACTIVITY_WRITE_INTERVAL_MS) {
    await (
      await getDb()
    )
      .update(sessions)
      .set({ lastActiveAt: new Date(now) })
      .where(eq(sessions.id, session.id));
  }
  const refreshedCookie = session.fresh ? l.createSessionCookie(session.id).serialize() : null;
  return {
    expired: false as const,
    session: {
      id: session.id,
      userId: user.id,
      mfaVerified: session.mfaVerified,
      lastActiveAt: new Date(session.lastActiveAt),
      createdAt: new Date(session.createdAt),
      expiresAt: session.expiresAt,
    } satisfies AppSession,
    user: user as SessionUser,
    refreshedCookie,
  };
}

export async function markSessionMfaVerified(sessionId: string): Promise<void> {
  await (await getDb()).update(sessions).set({ mfaVerified: true }).where(eq(sessions.id, sessionId));
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await (await getLucia()).invalidateSession(sessionId);
}

export async function invalidateUserSessions(userId: string): Promise<void> {
  await (await getLucia()).invalidateUserSessions(userId);
}
