// The first functional admin of a municipality on a fresh production
// database, where no one can send an invitation yet. Run from the command
// line by the operator; the admin chooses a password through a reset link,
// so no password ever appears in a shell history.
import { randomBytes } from "node:crypto";
import { and, eq, municipalities, municipalitySettings, passwordResetTokens, scopeRoles, users, type Database } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { DomainError, invalidInput, newToken } from "../common";
import { hashPassword } from "./passwords";

export const BOOTSTRAP_LINK_HOURS = 24;

const input = z.object({
  municipalitySlug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  municipalityName: z.string().trim().min(2),
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(2),
});

/** Creates the municipality if needed, the user (or uses the existing one) with the admin role, and a 24-hour link to set a password. */
export async function bootstrapAdmin(db: Database, raw: z.input<typeof input>, now = new Date()): Promise<{ token: string; createdUser: boolean }> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  // An unusable random password until the link is used.
  const placeholderHash = await hashPassword(randomBytes(32).toString("base64url"));
  const { token, hash } = newToken();
  return db.transaction(async (tx) => {
    let [m] = await tx.select().from(municipalities).where(eq(municipalities.slug, v.municipalitySlug));
    if (!m) {
      [m] = await tx.insert(municipalities).values({ slug: v.municipalitySlug, name: v.municipalityName }).returning();
      await tx.insert(municipalitySettings).values({ municipalityId: m.id });
    }
    let [user] = await tx.select().from(users).where(eq(users.email, v.email));
    const createdUser = !user;
    if (user && user.municipalityId !== m.id) throw new DomainError("email_taken", 409);
    if (!user) [user] = await tx.insert(users).values({ municipalityId: m.id, email: v.email, name: v.name, passwordHash: placeholderHash }).returning();
    const [existingRole] = await tx
      .select()
      .from(scopeRoles)
      .where(and(eq(scopeRoles.userId, user.id), eq(scopeRoles.role, "admin")));
    if (!existingRole) await tx.insert(scopeRoles).values({ municipalityId: m.id, userId: user.id, role: "admin" });
    await tx.insert(passwordResetTokens).values({ userId: user.id, tokenHash: hash, expiresAt: new Date(now.getTime() + BOOTSTRAP_LINK_HOURS * 3600_000) });
    const meta = { ip: null, userAgent: "pnpm admin:create" };
    if (createdUser)
      await appendAudit(tx, {
        municipalityId: m.id,
        actor: null,
        action: "user.created",
        objectType: "user",
        objectId: user.id,
        meta,
        data: { email: v.email, via: "admin:create" },
      });
    if (!existingRole)
      await appendAudit(tx, {
        municipalityId: m.id,
        actor: null,
        action: "scope_role.granted",
        objectType: "user",
        objectId: user.id,
        meta,
        data: { email: v.email, role: "admin", via: "admin:create" },
      });
    return { token, createdUser };
  });
}
