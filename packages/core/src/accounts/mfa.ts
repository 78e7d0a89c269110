// TOTP second factor (RFC 6238, 30 s, 6 digits) with one-time recovery codes.
// Runs on the owner connection: users and recovery_codes are authentication
// data, not tenant data. Failed codes count toward the password lockout.
import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { and, eq, isNull, recoveryCodes, users, type Database } from "@wijkwerk/db";
import { appendAudit } from "../audit";
import { type RequestMeta, DomainError, hashToken, safeEqual } from "../common";
import { loadGrants, loadSecuritySettings, mfaRequiredFor } from "./grants";
import { recordFailedAttempt } from "./login";
import { verifyPassword } from "./passwords";
import { seal, unseal } from "./secrets";

const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;

const totpFor = (secretBase32: string, email: string) =>
  new TOTP({ issuer: "Wijkwerk", label: email, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });

/** A new secret for setup; nothing is stored until a code confirms it. */
export function beginTotpSetup(email: string): { secret: string; uri: string; sealed: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpFor(secret, email).toString(), sealed: seal(secret) };
}

/** The time step of a valid code (±1 step), or null. */
function matchingStep(secretBase32: string, email: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, email).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomBytes(5).toString("hex"); // 10 hex characters
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

const normaliseRecoveryCode = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-f]/g, "");

async function loadUser(db: Database, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError("not_found", 404);
  return user;
}

/** Confirms setup with a code from the app; returns the recovery codes (shown once). */
export async function confirmTotpSetup(
  db: Database,
  userId: string,
  input: { sealedSecret: string; code: string },
  meta: RequestMeta,
  now = Date.now(),
): Promise<string[]> {
  const user = await loadUser(db, userId);
  if (user.totpEnabledAt) throw new DomainError("mfa_already_enabled", 409);
  let secret: string;
  try {
    secret = unseal(input.sealedSecret);
  } catch {
    throw new DomainError("mfa_invalid_code", 400, { code: ["mfa_invalid_code"] });
  }
  const step = matchingStep(secret, user.email, input.code.trim(), now);
  if (step === null) throw new DomainError("mfa_invalid_code", 400, { code: ["mfa_invalid_code"] });
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecretSealed: seal(secret), totpEnabledAt: new Date(now), totpLastStep: step })
      .where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashToken(normaliseRecoveryCode(c)) })));
    await appendAudit(tx, {
      municipalityId: user.municipalityId,
      actor: { userId, email: user.email, name: user.name },
      action: "auth.mfa_enabled",
      objectType: "user",
      objectId: userId,
      meta,
    });
  });
  return codes;
}

/**
 * The second login step: a TOTP code (never the same time step twice) or an
 * unused recovery code. Wrong codes count toward the account lockout.
 */
export async function verifySecondFactor(
  db: Database,
  userId: string,
  input: { code: string },
  meta: RequestMeta,
  now = Date.now(),
): Promise<{ usedRecoveryCode: boolean }> {
  const user = await loadUser(db, userId);
  if (!user.totpEnabledAt || !user.totpSecretSealed) throw new DomainError("mfa_not_set_up", 400);
  if (user.lockedUntil && user.lockedUntil.getTime() > now) throw new DomainError("account_locked", 423);
  const actor = { userId, email: user.email, name: user.name };
  const code = input.code.trim();
  const outcome = await db.transaction(async (tx) => {
    // Lock the user row: two requests with the same code cannot both pass.
    const [locked] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    const step = matchingStep(unseal(locked.totpSecretSealed!), locked.email, code.replace(/\s/g, ""), now);
    if (step !== null && (locked.totpLastStep === null || step > locked.totpLastStep)) {
      await tx.update(users).set({ totpLastStep: step, failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, userId));
      await appendAudit(tx, {
        municipalityId: user.municipalityId,
        actor,
        action: "auth.login",
        objectType: "user",
        objectId: userId,
        meta,
        data: { step: "totp" },
      });
      return { ok: true as const, usedRecoveryCode: false };
    }
    if (step === null) {
      const hash = hashToken(normaliseRecoveryCode(code));
      const unused = await tx
        .select()
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
        .for("update");
      const match = unused.find((r) => safeEqual(r.codeHash, hash));
      if (match) {
        await tx
          .update(recoveryCodes)
          .set({ usedAt: new Date(now) })
          .where(eq(recoveryCodes.id, match.id));
        await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, userId));
        await appendAudit(tx, {
          municipalityId: user.municipalityId,
          actor,
          action: "auth.recovery_code_used",
          objectType: "user",
          objectId: userId,
          meta,
          data: { remaining: unused.length - 1 },
        });
        return { ok: true as const, usedRecoveryCode: true };
      }
    }
    return { ok: false as const, replay: step !== null };
  });
  if (outcome.ok) return { usedRecoveryCode: outcome.usedRecoveryCode };
  await db.transaction(async (tx) => {
    await appendAudit(tx, {
      municipalityId: user.municipalityId,
      actor,
      action: "auth.mfa_failed",
      objectType: "user",
      objectId: userId,
      result: "failure",
      meta,
      data: { replay: outcome.replay },
    });
    await recordFailedAttempt(tx, user, meta, new Date(now));
  });
  throw new DomainError("mfa_invalid_code", 401, { code: ["mfa_invalid_code"] });
}

/** Turns MFA off: needs the password and a current code; refused when the role requires MFA. */
export async function disableMfa(db: Database, userId: string, input: { password: string; code: string }, meta: RequestMeta, now = Date.now()): Promise<void> {
  const user = await loadUser(db, userId);
  if (!user.totpEnabledAt || !user.totpSecretSealed) throw new DomainError("mfa_not_set_up", 400);
  const loaded = await loadGrants(db, userId);
  const settings = await loadSecuritySettings(db, user.municipalityId);
  if (loaded && mfaRequiredFor(loaded.grants, settings.mfaRequiredRoles)) throw new DomainError("mfa_required_by_role", 403);
  if (!(await verifyPassword(user.passwordHash, input.password))) throw new DomainError("invalid_credentials", 400, { password: ["invalid_credentials"] });
  if (matchingStep(unseal(user.totpSecretSealed), user.email, input.code.trim(), now) === null)
    throw new DomainError("mfa_invalid_code", 400, { code: ["mfa_invalid_code"] });
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await appendAudit(tx, {
      municipalityId: user.municipalityId,
      actor: { userId, email: user.email, name: user.name },
      action: "auth.mfa_disabled",
      objectType: "user",
      objectId: userId,
      meta,
    });
  });
}

export async function mfaStatus(db: Database, userId: string) {
  const user = await loadUser(db, userId);
  const unused = user.totpEnabledAt
    ? await db
        .select({ id: recoveryCodes.id })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    : [];
  return { enabled: !!user.totpEnabledAt, enabledAt: user.totpEnabledAt, recoveryCodesLeft: unused.length };
}
