// Password login with lockout: after MAX_FAILED_ATTEMPTS the account is locked
// for LOCK_MINUTES (or until an admin unlocks). Every attempt is audited.
import { eq, queryRows, sql, users, type Database, type Queryable } from "@wijkwerk/db";
import { appendAudit } from "../audit";
import { type RequestMeta, DomainError } from "../common";
import { dummyPasswordHash, verifyPassword } from "./passwords";

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export interface LoginResult {
  userId: string;
  municipalityId: string;
  mfaEnabled: boolean;
}

/**
 * Every refusal is the same error (login_failed, 401) after the same work —
 * one argon2 verification, against a dummy hash when the address is unknown —
 * so neither the answer nor its timing tells whether an address has an
 * account, or whether that account is locked or inactive. Why it was refused
 * goes to the audit log only (where the admin also sees and lifts a lockout).
 */
export async function checkPasswordLogin(db: Database, input: { email: string; password: string }, meta: RequestMeta, now = new Date()): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user) throw loginFailed();
  const actor = { userId: user.id, email: user.email, name: user.name };
  if (user.lockedUntil && user.lockedUntil > now) {
    await auditRefusedLogin(db, user, meta, { reason: "locked" });
    throw loginFailed();
  }
  if (!passwordOk) {
    await db.transaction((tx) => recordFailedAttempt(tx, user, meta, now));
    throw loginFailed();
  }
  if (!user.isActive) {
    await auditRefusedLogin(db, user, meta, { reason: "inactive" });
    throw loginFailed();
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await appendAudit(tx, {
      municipalityId: user.municipalityId,
      actor,
      action: "auth.login",
      objectType: "user",
      objectId: user.id,
      meta,
      data: { step: user.totpEnabledAt ? "password" : "complete" },
    });
  });
  return { userId: user.id, municipalityId: user.municipalityId, mfaEnabled: !!user.totpEnabledAt };
}

const loginFailed = () => new DomainError("login_failed", 401);

/** The audit event of a refused login (auth.login_failed, result failure) with why it was refused. */
async function auditRefusedLogin(
  db: Queryable,
  user: { id: string; municipalityId: string; email: string; name: string },
  meta: RequestMeta,
  data: { reason: "locked" | "inactive" } | { attempt: number },
): Promise<void> {
  await appendAudit(db, {
    municipalityId: user.municipalityId,
    actor: { userId: user.id, email: user.email, name: user.name },
    action: "auth.login_failed",
    objectType: "user",
    objectId: user.id,
    result: "failure",
    meta,
    data,
  });
}

/**
 * Counts a failed password or second-factor attempt under a row lock, so
 * concurrent wrong guesses cannot slip past the limit; locks the account at
 * the limit. Call inside a transaction.
 */
export async function recordFailedAttempt(
  tx: Queryable,
  user: { id: string; municipalityId: string; email: string; name: string },
  meta: RequestMeta,
  now: Date,
): Promise<void> {
  const actor = { userId: user.id, email: user.email, name: user.name };
  const [row] = await queryRows<{ failed_login_count: number }>(
    tx,
    sql`
    update users set failed_login_count = failed_login_count + 1,
      locked_until = case when failed_login_count + 1 >= ${MAX_FAILED_ATTEMPTS}
        then ${new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString()}::timestamptz else locked_until end
    where id = ${user.id} returning failed_login_count`,
  );
  await auditRefusedLogin(tx, user, meta, { attempt: row.failed_login_count });
  if (row.failed_login_count === MAX_FAILED_ATTEMPTS) {
    await appendAudit(tx, {
      municipalityId: user.municipalityId,
      actor,
      action: "auth.locked",
      objectType: "user",
      objectId: user.id,
      meta,
      data: { minutes: LOCK_MINUTES },
    });
  }
}
