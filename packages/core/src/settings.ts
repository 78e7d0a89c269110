// Security settings of the municipality, managed by the functional admin:
// which roles must use two-step verification, and after how many idle
// minutes a session ends. Any subset of roles is allowed (the page warns
// when the admin role is left out).
import { ForbiddenError, SCOPE_ROLES, TEAM_ROLES, as, type RoleName } from "@wijkwerk/authz";
import { eq, municipalitySettings, withScope } from "@wijkwerk/db";
import { z } from "zod";
import { fieldDiff } from "./admin-teams";
import { appendAudit } from "./audit";
import type { UseCaseContext } from "./context";
import { DomainError, invalidInput } from "./errors";

/** Every role, in a fixed order (team roles, then municipality and partner roles). */
export const SETTINGS_ROLES = [...TEAM_ROLES, ...SCOPE_ROLES] as const satisfies readonly RoleName[];
export const IDLE_TIMEOUT_MIN = 5;
export const IDLE_TIMEOUT_MAX = 480;
const DEFAULTS = { mfaRequiredRoles: ["admin", "controller"] as RoleName[], idleTimeoutMinutes: 60 };

export const settingsInput = z.object({
  mfaRequiredRoles: z.array(z.enum(SETTINGS_ROLES)).transform((roles) => SETTINGS_ROLES.filter((r) => roles.includes(r))),
  idleTimeoutMinutes: z.number().int().min(IDLE_TIMEOUT_MIN).max(IDLE_TIMEOUT_MAX),
});
export type SettingsInput = z.input<typeof settingsInput>;

export interface MunicipalitySecuritySettings {
  mfaRequiredRoles: RoleName[];
  idleTimeoutMinutes: number;
  updatedAt: Date | null;
}

const known = (roles: readonly string[]): RoleName[] => SETTINGS_ROLES.filter((r) => roles.includes(r));

export async function getSettings(ctx: UseCaseContext): Promise<MunicipalitySecuritySettings> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("Settings", { municipalityId }));
  const [row] = await withScope(ctx.db, ctx.scope, (tx) => tx.select().from(municipalitySettings).where(eq(municipalitySettings.municipalityId, municipalityId)));
  if (!row) return { ...DEFAULTS, updatedAt: null };
  return { mfaRequiredRoles: known(row.mfaRequiredRoles), idleTimeoutMinutes: row.idleTimeoutMinutes, updatedAt: row.updatedAt };
}

/** Saves the settings (row locked: concurrent saves apply in turn), with a diff in the audit log. */
export async function updateSettings(ctx: UseCaseContext, raw: SettingsInput, now = new Date()): Promise<{ changed: string[] }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", as("Settings", { municipalityId }));
  const parsed = settingsInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [row] = await tx.select().from(municipalitySettings).where(eq(municipalitySettings.municipalityId, municipalityId)).for("update");
    const before = row ? { mfaRequiredRoles: known(row.mfaRequiredRoles), idleTimeoutMinutes: row.idleTimeoutMinutes } : DEFAULTS;
    const diff = fieldDiff(before, input);
    if (row && Object.keys(diff).length === 0) return { changed: [] };
    if (row) {
      await tx.update(municipalitySettings).set({ ...input, updatedAt: now }).where(eq(municipalitySettings.municipalityId, municipalityId));
    } else {
      await tx.insert(municipalitySettings).values({ municipalityId, ...input, updatedAt: now });
    }
    await appendAudit(tx, { municipalityId, actor: ctx.actor, action: "settings.updated", objectType: "settings", objectId: municipalityId, meta: ctx.meta, data: diff });
    return { changed: Object.keys(diff) };
  });
}
