// A team's public contact details (shown on /buurt without login): kept by
// the team's coordinator (and the functional admin). One transaction, audited.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { eq, sql, teamContacts, withScope } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type TeamContext, invalidInput } from "../common";
import { EMPTY_CONTACT, type PublicContact } from "./directory";

const list = (max: number, itemMax: number, split: RegExp) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : String(v ?? "").split(split)).map((s) => String(s).trim()).filter(Boolean),
    z.array(z.string().max(itemMax)).max(max),
  );

export const teamContactInput = z.object({
  address: z.string().trim().max(200).default(""),
  phone: z
    .string()
    .trim()
    .max(30)
    .refine((v) => v === "" || /^\+?[0-9 ()-]{6,}$/.test(v))
    .default(""),
  email: z.union([z.literal(""), z.string().trim().toLowerCase().email().max(200)]).default(""),
  walkInHours: z.string().trim().max(500).default(""),
  /** Comma-separated in the form. */
  languages: list(12, 40, /[,;\n]/),
  /** One per line in the form. */
  helpsWith: list(12, 160, /\n/),
});
export type TeamContactInput = z.input<typeof teamContactInput>;

export function canEditTeamContact(ctx: TeamContext): boolean {
  return ctx.ability.can("update", as("TeamContact", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
}

/** The team's contact details as they appear on /buurt (every team member may read them: they are public). */
export async function getTeamContact(ctx: TeamContext): Promise<PublicContact & { updatedAt: string | null }> {
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [row] = await tx.select().from(teamContacts).where(eq(teamContacts.teamId, ctx.team.id));
    if (!row) return { ...EMPTY_CONTACT, updatedAt: null };
    return {
      address: row.address,
      phone: row.phone,
      email: row.email,
      walkInHours: row.walkInHours,
      languages: row.languages,
      helpsWith: row.helpsWith,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

export async function updateTeamContact(ctx: TeamContext, raw: TeamContactInput): Promise<void> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", as("TeamContact", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
  const parsed = teamContactInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const values = {
      address: v.address,
      phone: v.phone,
      email: v.email,
      walkInHours: v.walkInHours,
      languages: v.languages,
      helpsWith: v.helpsWith,
      updatedBy: ctx.actor.userId,
      updatedAt: sql`now()`,
    };
    await tx
      .insert(teamContacts)
      .values({ teamId: ctx.team.id, municipalityId: ctx.team.municipalityId, ...values })
      .onConflictDoUpdate({ target: [teamContacts.teamId, teamContacts.municipalityId], set: values });
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "team.contact_updated",
      objectType: "team",
      objectId: ctx.team.id,
      meta: ctx.meta,
      data: { address: v.address, phone: v.phone, email: v.email, walkInHours: v.walkInHours, languages: v.languages, helpsWith: v.helpsWith },
    });
  });
}
