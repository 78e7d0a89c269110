// Forgotten password: an e-mailed, single-use link valid for 60 minutes. The
// request answers the same whether or not the address exists.
import { and, eq, gt, isNull, passwordResetTokens, sessions, users, type Database } from "@wijkwerk/db";
import { appendAudit } from "../audit";
import { type RequestMeta, DomainError, hashToken, newToken } from "../common";
import { accountMessages } from "./messages";
import { enqueueEmail } from "../notifications";
import { MIN_PASSWORD_LENGTH, hashPassword } from "./passwords";

export const RESET_TOKEN_MINUTES = 60;

export async function requestPasswordReset(db: Database, input: { email: string; baseUrl: string }, meta: RequestMeta, now = new Date()): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.email, input.email.trim().toLowerCase()));
  if (!user || !user.isActive) return;
  const { token, hash } = newToken();
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({ userId: user.id, tokenHash: hash, expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000) });
    await enqueueEmail(tx, {
      municipalityId: user.municipalityId,
      to: user.email,
      subject: accountMessages.passwordResetMailSubject,
      text: accountMessages.passwordResetMail(user.name, `${input.baseUrl}/wachtwoord-herstellen/${token}`, RESET_TOKEN_MINUTES),
    });
    await appendAudit(tx, {
      municipalityId: user.municipalityId,
      actor: { userId: user.id, email: user.email, name: user.name },
      action: "auth.password_reset_requested",
      objectType: "user",
      objectId: user.id,
      meta,
    });
  });
}

/** Checks a reset link without using it (to show the form or a clear error). */
export async function checkResetToken(db: Database, token: string, now = new Date()): Promise<void> {
  const [row] = await db
    .select()
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, hashToken(token)));
  if (!row) throw new DomainError("token_invalid", 404);
  if (row.usedAt) throw new DomainError("token_used", 410);
  if (row.expiresAt <= now) throw new DomainError("token_expired", 410);
}

/** Sets the new password, uses the token, clears the lockout and ends every session of the user. */
export async function resetPassword(db: Database, input: { token: string; password: string }, meta: RequestMeta, now = new Date()): Promise<void> {
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new DomainError("password_too_weak", 400, { password: ["password_too_weak"] });
  await checkResetToken(db, input.token, now);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    // Claim the token atomically: of two concurrent uses only one updates a row.
    const [claimed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.tokenHash, hashToken(input.token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
      .returning();
    if (!claimed) throw new DomainError("token_used", 410);
    const [user] = await tx.update(users).set({ passwordHash, failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, claimed.userId)).returning();
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await appendAudit(tx, {
      municipalityId: user.municipalityId,
      actor: { userId: user.id, email: user.email, name: user.name },
      action: "auth.password_reset",
      objectType: "user",
      objectId: user.id,
      meta,
    });
  });
}
