// Security settings of the municipality, managed by the functional admin:
// which roles must use two-step verification, and after how many idle
// minutes a session ends. Any subset of roles is allowed (the page warns
// when the admin role is left out).
import { ForbiddenError, SCOPE_ROLES, TEAM_ROLES, as, type RoleName } from "@wijkwerk/authz";
import { eq, municipalitySettings, withScope } from "@wijkwerk/db";
import { z } from "zod";
import { fieldDiff } from "./admin-teams";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, invalidInput } from "../common";
import { DISBURSEMENT_MODES, stripeSettingsFromEnv, type DisbursementMode } from "../cards";

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
  const [row] = await withScope(ctx.db, ctx.scope, (tx) =>
    tx.select().from(municipalitySettings).where(eq(municipalitySettings.municipalityId, municipalityId)),
  );
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
      await tx
        .update(municipalitySettings)
        .set({ ...input, updatedAt: now })
        .where(eq(municipalitySettings.municipalityId, municipalityId));
    } else {
      await tx.insert(municipalitySettings).values({ municipalityId, ...input, updatedAt: now });
    }
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "settings.updated",
      objectType: "settings",
      objectId: municipalityId,
      meta: ctx.meta,
      data: diff,
    });
    return { changed: Object.keys(diff) };
  });
}

/**
 * How approved spends are paid: "manual" (recorded by the controller) or
 * "stripe_issuing" (team cards). Choosing Stripe is allowed only when the
 * keys are configured; without them the mode stays effectively manual.
 */
export async function updateDisbursementMode(ctx: UseCaseContext, mode: DisbursementMode, settings = stripeSettingsFromEnv()): Promise<{ changed: boolean }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", as("Settings", { municipalityId }));
  if (!DISBURSEMENT_MODES.includes(mode)) throw new DomainError("invalid_input", 400, { disbursementMode: ["invalid_input"] });
  if (mode === "stripe_issuing" && !settings) throw new DomainError("stripe_not_configured", 409);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [row] = await tx.select().from(municipalitySettings).where(eq(municipalitySettings.municipalityId, municipalityId)).for("update");
    const before = row?.disbursementMode ?? "manual";
    if (before === mode) return { changed: false };
    if (row)
      await tx
        .update(municipalitySettings)
        .set({ disbursementMode: mode, updatedAt: new Date() })
        .where(eq(municipalitySettings.municipalityId, municipalityId));
    else await tx.insert(municipalitySettings).values({ municipalityId, disbursementMode: mode });
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "settings.updated",
      objectType: "settings",
      objectId: municipalityId,
      meta: ctx.meta,
      data: { disbursementMode: { from: before, to: mode } },
    });
    return { changed: true };
  });
}

/** The stored choice and whether Stripe is configured at all (for the settings page). */
export async function getDisbursementSettings(
  ctx: UseCaseContext,
  settings = stripeSettingsFromEnv(),
): Promise<{ mode: DisbursementMode; stripeConfigured: boolean }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("Settings", { municipalityId }));
  const [row] = await withScope(ctx.db, ctx.scope, (tx) =>
    tx.select({ mode: municipalitySettings.disbursementMode }).from(municipalitySettings).where(eq(municipalitySettings.municipalityId, municipalityId)),
  );
  return { mode: row?.mode === "stripe_issuing" ? "stripe_issuing" : "manual", stripeConfigured: !!settings };
}
