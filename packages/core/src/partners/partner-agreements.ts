// A partner organisation's agreements with the municipality, maintained by
// the functional admin: kind (subsidy / service agreement / municipality),
// reference, period, and the agreed contribution per team — hours per week
// per discipline. Saving an agreement replaces its contributions; one
// admin-scope transaction with its audit event (what changed).
import { calendarDate, type UseCaseContext, DomainError, invalidInput, isUniqueIndexViolation } from "../common";
import { ForbiddenError, as } from "@wijkwerk/authz";
import { agreementContributions, and, asc, eq, partnerAgreements, partnerOrganisations, queryRows, sql, teams, withScope } from "@wijkwerk/db";
import { z } from "zod";
import { notFoundUnlessUuid } from "../tenancy";
import { FUNDING_TYPES, type FundingType } from "./admin-partners";
import { appendAudit } from "../audit";
import { MAX_BUDGET_CENTS, productInput, replaceProducts } from "./agreement-products";

/**
 * The disciplines of the teams (docs/domain.md#partners-and-their-staff). Stored as these Dutch names,
 * the same text as users.discipline, so agreed and registered hours meet.
 */
export const DISCIPLINES = [
  "Maatschappelijk werk",
  "Wijkverpleging",
  "Gezinsondersteuning",
  "Jeugd",
  "Opbouwwerk",
  "Wmo-consulent",
  "Participatie",
  "GGZ",
  "Cliëntondersteuning",
] as const;
export type Discipline = (typeof DISCIPLINES)[number];

const isoDate = calendarDate();

export const contributionInput = z.object({
  teamId: z.string().uuid(),
  discipline: z.enum(DISCIPLINES),
  hoursPerWeek: z.coerce
    .number()
    .gt(0)
    .max(999)
    .refine((h) => Number.isInteger(h * 10), { params: { code: "invalid_input" } }),
});

export const agreementInput = z
  .object({
    kind: z.enum(FUNDING_TYPES),
    reference: z.string().trim().min(2).max(100),
    validFrom: isoDate,
    validTo: isoDate.nullish().transform((v) => v ?? null),
    contributions: z.array(contributionInput).max(200).default([]),
    /** A budget in euro cents besides the hours; null = none. */
    budgetCents: z.coerce.number().int().min(0).max(MAX_BUDGET_CENTS).nullish(),
    /** The agreement's products; left out = unchanged (kept by name, see replaceProducts). */
    products: z.array(productInput).max(100).optional(),
  })
  .superRefine((v, c) => {
    if (v.validTo && v.validTo < v.validFrom) c.addIssue({ code: "custom", path: ["validTo"], params: { code: "date_range_invalid" } });
    const seen = new Set<string>();
    v.contributions.forEach((row, i) => {
      const key = `${row.teamId}|${row.discipline}`;
      if (seen.has(key)) c.addIssue({ code: "custom", path: ["contributions", i], params: { code: "contribution_duplicate" } });
      seen.add(key);
    });
    const names = new Set<string>();
    v.products?.forEach((p, i) => {
      if (names.has(p.name)) c.addIssue({ code: "custom", path: ["products", i, "name"], params: { code: "product_duplicate" } });
      names.add(p.name);
    });
  });
export type AgreementInput = z.input<typeof agreementInput>;

export interface ContributionRow {
  teamId: string;
  teamSlug: string;
  teamName: string;
  discipline: string;
  hoursPerWeek: number;
}

export interface AgreementRow {
  id: string;
  partnerId: string;
  kind: FundingType;
  reference: string;
  validFrom: string;
  validTo: string | null;
  budgetCents: number | null;
  contributions: ContributionRow[];
  products: { id: string; name: string; unit: string; agreedQuantity: number; priceCents: number }[];
  /** Sum of the contributions, hours per week. */
  hoursPerWeek: number;
}

const tenthsSum = (xs: number[]) => xs.reduce((a, h) => a + Math.round(h * 10), 0) / 10;

/** The agreements of one partner, with their contributions, newest period first. */
export async function listAgreements(ctx: UseCaseContext, partnerId: string): Promise<AgreementRow[]> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Agreement", { municipalityId, partnerId }));
  notFoundUnlessUuid(partnerId);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await queryRows<{
      id: string;
      kind: FundingType;
      reference: string;
      valid_from: string | Date;
      valid_to: string | Date | null;
      budget_cents: string | null;
      contributions: ContributionRow[] | null;
      products: AgreementRow["products"] | null;
    }>(
      tx,
      sql`select a.id, a.kind, a.reference, a.valid_from::text as valid_from, a.valid_to::text as valid_to, a.budget_cents::text as budget_cents,
            (select jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name, 'unit', p.unit, 'agreedQuantity', p.agreed_quantity, 'priceCents', p.price_cents) order by p.name)
               from agreement_products p where p.agreement_id = a.id) as products,
            (select jsonb_agg(jsonb_build_object('teamId', c.team_id, 'teamSlug', t.slug, 'teamName', t.name, 'discipline', c.discipline, 'hoursPerWeek', c.hours_per_week::float8)
                              order by t.name, c.discipline)
               from agreement_contributions c join teams t on t.id = c.team_id where c.agreement_id = a.id) as contributions
          from partner_agreements a
          where a.municipality_id = ${municipalityId} and a.partner_organisation_id = ${partnerId}
          order by a.valid_from desc, a.reference`,
    );
    return rows.map((r) => {
      const contributions = r.contributions ?? [];
      return {
        id: r.id,
        partnerId,
        kind: r.kind,
        reference: r.reference,
        validFrom: String(r.valid_from).slice(0, 10),
        validTo: r.valid_to === null ? null : String(r.valid_to).slice(0, 10),
        budgetCents: r.budget_cents === null ? null : Number(r.budget_cents),
        contributions,
        products: r.products ?? [],
        hoursPerWeek: tenthsSum(contributions.map((c) => c.hoursPerWeek)),
      };
    });
  });
}

function parse(raw: AgreementInput) {
  const parsed = agreementInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

const referenceTaken = () => new DomainError("reference_taken", 409, { reference: ["reference_taken"] });

/**
 * Creates (agreementId null) or replaces one agreement of a partner with its
 * contributions. The teams must be this municipality's; the audit event
 * records the agreement and its contributions before and after.
 */
export async function saveAgreement(
  ctx: UseCaseContext,
  partnerId: string,
  agreementId: string | null,
  raw: AgreementInput,
): Promise<{ id: string; created: boolean }> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan(agreementId ? "update" : "create", as("Agreement", { municipalityId, partnerId }));
  notFoundUnlessUuid(partnerId);
  if (agreementId) notFoundUnlessUuid(agreementId);
  const input = parse(raw);
  try {
    return await withScope(ctx.db, ctx.scope, async (tx) => {
      const [partner] = await tx
        .select({ id: partnerOrganisations.id })
        .from(partnerOrganisations)
        .where(and(eq(partnerOrganisations.id, partnerId), eq(partnerOrganisations.municipalityId, municipalityId)));
      if (!partner) throw new DomainError("not_found", 404);
      const teamIds = [...new Set(input.contributions.map((c) => c.teamId))];
      if (teamIds.length) {
        const found = await tx
          .select({ id: teams.id })
          .from(teams)
          .where(and(eq(teams.municipalityId, municipalityId), sql`${teams.id} = any(${`{${teamIds.join(",")}}`}::uuid[])`));
        if (found.length !== teamIds.length) throw new DomainError("invalid_input", 400, { contributions: ["invalid_input"] });
      }
      const values = {
        kind: input.kind,
        reference: input.reference,
        validFrom: input.validFrom,
        validTo: input.validTo,
        budgetCents: input.budgetCents ?? null,
      };
      let id: string;
      let before: unknown = null;
      if (agreementId) {
        const [current] = await tx
          .select()
          .from(partnerAgreements)
          .where(
            and(
              eq(partnerAgreements.id, agreementId),
              eq(partnerAgreements.partnerOrganisationId, partnerId),
              eq(partnerAgreements.municipalityId, municipalityId),
            ),
          )
          .for("update");
        if (!current) throw new DomainError("not_found", 404);
        const oldContributions = await tx
          .select({ teamId: agreementContributions.teamId, discipline: agreementContributions.discipline, hoursPerWeek: agreementContributions.hoursPerWeek })
          .from(agreementContributions)
          .where(eq(agreementContributions.agreementId, agreementId))
          .orderBy(asc(agreementContributions.teamId), asc(agreementContributions.discipline));
        before = {
          kind: current.kind,
          reference: current.reference,
          validFrom: current.validFrom,
          validTo: current.validTo,
          budgetCents: current.budgetCents,
          contributions: oldContributions.map((c) => ({ ...c, hoursPerWeek: Number(c.hoursPerWeek) })),
        };
        await tx
          .update(partnerAgreements)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(partnerAgreements.id, agreementId));
        await tx.delete(agreementContributions).where(eq(agreementContributions.agreementId, agreementId));
        id = agreementId;
      } else {
        const [row] = await tx
          .insert(partnerAgreements)
          .values({ municipalityId, partnerOrganisationId: partnerId, ...values })
          .returning({ id: partnerAgreements.id });
        id = row.id;
      }
      if (input.contributions.length) {
        await tx.insert(agreementContributions).values(
          input.contributions.map((c) => ({
            municipalityId,
            agreementId: id,
            partnerOrganisationId: partnerId,
            teamId: c.teamId,
            discipline: c.discipline,
            hoursPerWeek: c.hoursPerWeek.toFixed(1),
          })),
        );
      }
      let productsBefore: Awaited<ReturnType<typeof replaceProducts>> | undefined;
      if (input.products) productsBefore = await replaceProducts(tx, { municipalityId, partnerId, agreementId: id, products: input.products });
      if (before && productsBefore) (before as Record<string, unknown>).products = productsBefore;
      const after = { ...values, contributions: input.contributions, ...(input.products ? { products: input.products } : {}) };
      await appendAudit(tx, {
        municipalityId,
        actor: ctx.actor,
        action: agreementId ? "agreement.updated" : "agreement.created",
        objectType: "partner_agreement",
        objectId: id,
        meta: ctx.meta,
        data: { partnerId, before, after },
      });
      return { id, created: !agreementId };
    });
  } catch (e) {
    if (isUniqueIndexViolation(e, "partner_agreements_reference")) throw referenceTaken();
    throw e;
  }
}

/** Removes an agreement and its contributions (audited with what was removed). */
export async function deleteAgreement(ctx: UseCaseContext, partnerId: string, agreementId: string): Promise<void> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("delete", as("Agreement", { municipalityId, partnerId }));
  notFoundUnlessUuid(partnerId);
  notFoundUnlessUuid(agreementId);
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const [gone] = await tx
      .delete(partnerAgreements)
      .where(
        and(
          eq(partnerAgreements.id, agreementId),
          eq(partnerAgreements.partnerOrganisationId, partnerId),
          eq(partnerAgreements.municipalityId, municipalityId),
        ),
      )
      .returning();
    if (!gone) throw new DomainError("not_found", 404);
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "agreement.deleted",
      objectType: "partner_agreement",
      objectId: agreementId,
      meta: ctx.meta,
      data: { partnerId, reference: gone.reference, kind: gone.kind, validFrom: gone.validFrom, validTo: gone.validTo },
    });
  });
}
