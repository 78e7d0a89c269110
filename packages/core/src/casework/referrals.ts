// Referrals to the second line (specialised care, Veiligheidshuis, Wmo or
// youth provisions) with their outcome and its date.
import { as } from "@wijkwerk/authz";
import { and, asc, caseReferrals, eq } from "@wijkwerk/db";
import { z } from "zod";
import { DomainError, calendarDate, invalidInput, notFound, type TeamContext } from "../common";
import { withCaseRead, withCaseWrite } from "./access";
import { currentCase, openCase } from "./current-case";
import { caseAudit } from "./plan";
import { REFERRAL_DESTINATIONS, REFERRAL_OUTCOMES } from "./vocabulary";

export const referralInput = z.object({
  destination: z.enum(REFERRAL_DESTINATIONS),
  description: z.string().trim().max(2000).default(""),
  referredOn: calendarDate(),
});
export type ReferralInput = z.input<typeof referralInput>;

export const referralOutcomeInput = z
  .object({ outcome: z.enum(REFERRAL_OUTCOMES), outcomeOn: calendarDate().nullish() })
  .refine((v) => v.outcome === "pending" || !!v.outcomeOn, { path: ["outcomeOn"], params: { code: "required" } });
export type ReferralOutcomeInput = z.input<typeof referralOutcomeInput>;

export async function addReferral(ctx: TeamContext, householdId: string, raw: ReferralInput): Promise<{ id: string }> {
  const parsed = referralInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCase(tx, head.id);
    const [row] = await tx
      .insert(caseReferrals)
      .values({ municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, caseId: c.id, householdId: head.id, ...parsed.data })
      .returning({ id: caseReferrals.id });
    await caseAudit(tx, ctx, head, "casework.referral_added", "case_referral", row.id, { caseId: c.id });
    return row;
  });
}

export async function recordReferralOutcome(ctx: TeamContext, householdId: string, referralId: string, raw: ReferralOutcomeInput): Promise<void> {
  const parsed = referralOutcomeInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  if (!z.string().uuid().safeParse(referralId).success) throw notFound();
  const { outcome } = parsed.data;
  const outcomeOn = outcome === "pending" ? null : (parsed.data.outcomeOn ?? null);
  await withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCase(tx, head.id);
    const [r] = await tx
      .select({ referredOn: caseReferrals.referredOn })
      .from(caseReferrals)
      .where(and(eq(caseReferrals.id, referralId), eq(caseReferrals.caseId, c.id)));
    if (!r) throw notFound();
    if (outcomeOn && outcomeOn < r.referredOn) throw new DomainError("date_range_invalid", 400, { outcomeOn: ["date_range_invalid"] });
    await tx.update(caseReferrals).set({ outcome, outcomeOn, updatedAt: new Date() }).where(eq(caseReferrals.id, referralId));
    await caseAudit(tx, ctx, head, "casework.referral_updated", "case_referral", referralId, { caseId: c.id, outcome });
  });
}

export interface Referral {
  id: string;
  destination: string;
  description: string;
  referredOn: string;
  outcome: string;
  outcomeOn: string | null;
}

/** The open (or latest) case's referrals, oldest first. */
export async function listReferrals(ctx: TeamContext, householdId: string): Promise<{ referrals: Referral[]; canEdit: boolean }> {
  return withCaseRead(ctx, householdId, "referrals", async (tx, head) => {
    const c = await currentCase(tx, head.id);
    if (!c) return { referrals: [], canEdit: false };
    const referrals = await tx
      .select({
        id: caseReferrals.id,
        destination: caseReferrals.destination,
        description: caseReferrals.description,
        referredOn: caseReferrals.referredOn,
        outcome: caseReferrals.outcome,
        outcomeOn: caseReferrals.outcomeOn,
      })
      .from(caseReferrals)
      .where(eq(caseReferrals.caseId, c.id))
      .orderBy(asc(caseReferrals.referredOn), asc(caseReferrals.createdAt));
    const canEdit =
      c.status === "open" && ctx.ability.can("update", as("Case", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId, access: head.access }));
    return { referrals, canEdit };
  });
}
