// Products in an agreement (name, unit, agreed number over the agreement's
// period, price per unit in cents) and the numbers delivered per month. The
// functional admin keeps the products with the agreement (saveAgreement); the
// partner manager records its own organisation's deliveries, the
// municipality's admin or controller anyone's. One transaction per command
// with its audit event; RLS (migration 0052) keeps a partner to its own rows.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type UseCaseContext, DomainError, invalidInput } from "../common";
import { notFoundUnlessUuid } from "../tenancy";
import type { FundingType } from "./admin-partners";

export const MAX_PRODUCT_QUANTITY = 10_000_000;
export const MAX_PRICE_CENTS = 10_000_000_000;
export const MAX_BUDGET_CENTS = 100_000_000_000;

export const productInput = z.object({
  name: z.string().trim().min(2).max(100),
  unit: z.string().trim().min(1).max(40),
  agreedQuantity: z.coerce.number().int().min(0).max(MAX_PRODUCT_QUANTITY),
  priceCents: z.coerce.number().int().min(0).max(MAX_PRICE_CENTS),
});
export type ProductInput = z.input<typeof productInput>;

export interface ProductRow {
  id: string;
  agreementId: string;
  partnerId: string;
  reference: string;
  kind: FundingType;
  validFrom: string;
  validTo: string | null;
  name: string;
  unit: string;
  agreedQuantity: number;
  priceCents: number;
  /** Delivered per month of the year asked for (index 0 = January). */
  months: number[];
  /** The months (1–12) with a recorded number, also a recorded 0. */
  recordedMonths: number[];
  deliveredInYear: number;
  /** Everything recorded for the product, all months. */
  deliveredTotal: number;
  agreedCents: number;
  deliveredInYearCents: number;
  deliveredTotalCents: number;
}

/**
 * Replaces an agreement's products inside saveAgreement's transaction, kept
 * by name: a product that stays keeps its id and its recorded deliveries; one
 * that is left out goes, with its deliveries. Returns the products before.
 */
export async function replaceProducts(
  tx: Tx,
  p: { municipalityId: string; partnerId: string; agreementId: string; products: z.output<typeof productInput>[] },
): Promise<{ name: string; unit: string; agreedQuantity: number; priceCents: number }[]> {
  const before = await queryRows<{ id: string; name: string; unit: string; agreed_quantity: number; price_cents: string }>(
    tx,
    sql`select id, name, unit, agreed_quantity, price_cents::text from agreement_products where agreement_id = ${p.agreementId} order by name for update`,
  );
  const keep = new Set(p.products.map((x) => x.name));
  const gone = before.filter((b) => !keep.has(b.name)).map((b) => b.id);
  if (gone.length) await tx.execute(sql`delete from agreement_products where id = any(${`{${gone.join(",")}}`}::uuid[])`);
  for (const x of p.products) {
    await tx.execute(sql`insert into agreement_products (municipality_id, agreement_id, partner_organisation_id, name, unit, agreed_quantity, price_cents)
        values (${p.municipalityId}, ${p.agreementId}, ${p.partnerId}, ${x.name}, ${x.unit}, ${x.agreedQuantity}, ${x.priceCents})
        on conflict (agreement_id, name, municipality_id) do update set unit = excluded.unit, agreed_quantity = excluded.agreed_quantity, price_cents = excluded.price_cents`);
  }
  return before.map((b) => ({ name: b.name, unit: b.unit, agreedQuantity: b.agreed_quantity, priceCents: Number(b.price_cents) }));
}

/**
 * The products of the agreements valid in `year`, with their deliveries per
 * month: every partner's in the municipality scope, only the own in the
 * partner scope (RLS decides; partnerId narrows further).
 */
export async function listAgreementProducts(ctx: UseCaseContext, opts: { year: number; partnerId?: string | null }): Promise<ProductRow[]> {
  const municipalityId = ctx.actor.municipalityId;
  const partnerId = opts.partnerId ?? (ctx.scope.kind === "partner" ? ctx.scope.partnerId : null);
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Agreement", partnerId ? { municipalityId, partnerId } : { municipalityId }));
  return withScope(ctx.db, ctx.scope, (tx) => productsOfYear(tx, { municipalityId, partnerId, year: opts.year }));
}

export async function productsOfYear(tx: Tx, p: { municipalityId: string; partnerId: string | null; year: number }): Promise<ProductRow[]> {
  const rows = await queryRows<{
    id: string;
    agreement_id: string;
    partner_id: string;
    reference: string;
    kind: FundingType;
    valid_from: string;
    valid_to: string | null;
    name: string;
    unit: string;
    agreed_quantity: number;
    price_cents: string;
    months: [number, number][] | null;
    total: string;
  }>(
    tx,
    sql`select pr.id, pr.agreement_id, pr.partner_organisation_id as partner_id, a.reference, a.kind, a.valid_from::text as valid_from, a.valid_to::text as valid_to,
               pr.name, pr.unit, pr.agreed_quantity, pr.price_cents::text,
               (select json_agg(json_build_array(extract(month from d.month)::int, d.quantity)) from agreement_product_deliveries d
                 where d.product_id = pr.id and extract(year from d.month) = ${p.year}) as months,
               coalesce((select sum(d.quantity) from agreement_product_deliveries d where d.product_id = pr.id), 0)::text as total
        from agreement_products pr join partner_agreements a on a.id = pr.agreement_id
        where pr.municipality_id = ${p.municipalityId} ${p.partnerId ? sql`and pr.partner_organisation_id = ${p.partnerId}` : sql``}
          and a.valid_from <= make_date(${p.year}, 12, 31) and (a.valid_to is null or a.valid_to >= make_date(${p.year}, 1, 1))
        order by a.reference, pr.name`,
  );
  return rows.map((r) => {
    const months = Array.from({ length: 12 }, () => 0);
    for (const [m, q] of r.months ?? []) months[m - 1] = q;
    const recordedMonths = (r.months ?? []).map(([m]) => m).sort((a, b) => a - b);
    const price = Number(r.price_cents);
    const deliveredInYear = months.reduce((a, q) => a + q, 0);
    const deliveredTotal = Number(r.total);
    return {
      id: r.id,
      agreementId: r.agreement_id,
      partnerId: r.partner_id,
      reference: r.reference,
      kind: r.kind,
      validFrom: String(r.valid_from).slice(0, 10),
      validTo: r.valid_to === null ? null : String(r.valid_to).slice(0, 10),
      name: r.name,
      unit: r.unit,
      agreedQuantity: r.agreed_quantity,
      priceCents: price,
      months,
      recordedMonths,
      deliveredInYear,
      deliveredTotal,
      agreedCents: r.agreed_quantity * price,
      deliveredInYearCents: deliveredInYear * price,
      deliveredTotalCents: deliveredTotal * price,
    };
  });
}

export const deliveryInput = z.object({
  productId: z.string().uuid(),
  /** yyyy-mm */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  quantity: z.coerce.number().int().min(0).max(MAX_PRODUCT_QUANTITY),
});
export type DeliveryInput = z.input<typeof deliveryInput>;

/**
 * Records (or corrects) the delivered number of one product in one month.
 * The month must overlap the agreement's period. Audited
 * `product_delivery.recorded` with the number before and after.
 */
export async function recordProductDelivery(ctx: UseCaseContext, raw: DeliveryInput): Promise<void> {
  const parsed = deliveryInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  notFoundUnlessUuid(input.productId);
  const municipalityId = ctx.actor.municipalityId;
  const month = `${input.month}-01`;
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const [product] = await queryRows<{ id: string; partner_id: string; name: string; agreement_id: string; inside: boolean; before: number | null }>(
      tx,
      sql`select pr.id, pr.partner_organisation_id as partner_id, pr.name, pr.agreement_id,
                 (a.valid_from <= (${month}::date + interval '1 month' - interval '1 day')::date and (a.valid_to is null or a.valid_to >= ${month}::date)) as inside,
                 (select d.quantity from agreement_product_deliveries d where d.product_id = pr.id and d.month = ${month}::date) as before
          from agreement_products pr join partner_agreements a on a.id = pr.agreement_id
          where pr.id = ${input.productId} and pr.municipality_id = ${municipalityId}`,
    );
    if (!product) throw new DomainError("not_found", 404);
    ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("ProductDelivery", { municipalityId, partnerId: product.partner_id }));
    if (!product.inside) throw new DomainError("month_outside_agreement", 400, { month: ["month_outside_agreement"] });
    await tx.execute(sql`insert into agreement_product_deliveries (municipality_id, product_id, partner_organisation_id, month, quantity, recorded_by)
        values (${municipalityId}, ${product.id}, ${product.partner_id}, ${month}::date, ${input.quantity}, ${ctx.actor.userId})
        on conflict (product_id, month, municipality_id) do update set quantity = excluded.quantity, recorded_by = excluded.recorded_by, recorded_at = now()`);
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "product_delivery.recorded",
      objectType: "agreement_product",
      objectId: product.id,
      meta: ctx.meta,
      data: {
        partnerId: product.partner_id,
        agreementId: product.agreement_id,
        product: product.name,
        month: input.month,
        before: product.before,
        after: input.quantity,
      },
    });
  });
}
