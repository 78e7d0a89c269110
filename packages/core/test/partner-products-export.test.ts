// Issue 20, part 2 on real PostgreSQL: products in agreements with their
// delivered numbers per month (sums, euros, the procurement CSV's new
// columns), and the partner's own hours export (own staff only, through RLS;
// export tokens scoped to one partner; revoked or expired tokens refused).
import { ForbiddenError } from "@wijkwerk/authz";
import { auditEvents, eq, partnerExportTokens, timeRegistrations, type Database } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UseCaseContext } from "../src/common";
import {
  authenticatePartnerExportToken,
  createPartnerExportToken,
  listAgreementProducts,
  listAgreements,
  listPartnerExportTokens,
  municipalityPartnerHours,
  parseExportPeriod,
  partnerExportCsv,
  partnerExportJson,
  partnerHoursExport,
  procurementCsv,
  recordProductDelivery,
  revokePartnerExportToken,
  saveAgreement,
} from "../src/partners";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf } from "./fixtures";

async function partnerContext(db: Database, userId: string, partnerId: string): Promise<UseCaseContext> {
  const base = await municipalityContext(db, userId, "municipality");
  return { ...base, db, scope: { kind: "partner", municipalityId: base.actor.municipalityId, partnerId, userId } };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const NOW = new Date("2017-03-15T12:00:00+01:00");

describe("agreement products and the partner's hours export (PostgreSQL)", () => {
  let t: TestDatabase;
  let m: { id: string };
  let teamA: { id: string; slug: string };
  let partnerA: { id: string; slug: string };
  let partnerB: { id: string; slug: string };
  let admin: UseCaseContext;
  let controller: UseCaseContext;
  let managerA: UseCaseContext;
  let managerB: UseCaseContext;
  let anna: { id: string; email: string };
  let eva: { id: string; email: string };
  let agreementId: string;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    m = await createMunicipality(t.db);
    teamA = await createTeam(t.db, m.id, "a-team");
    partnerA = await createPartner(t.db, m.id, "partner-a");
    partnerB = await createPartner(t.db, m.id, "partner-b");
    anna = await createUser(t.db, m.id, { name: "Anna Aalbers", partnerId: partnerA.id, teamRoles: [{ teamId: teamA.id, role: "member" }] });
    eva = await createUser(t.db, m.id, { name: "Eva Evers", partnerId: partnerB.id, teamRoles: [{ teamId: teamA.id, role: "member" }] });
    admin = await municipalityContext(t.db, (await createUser(t.db, m.id, { scopeRoles: [{ role: "admin" }] })).id, "admin");
    controller = await municipalityContext(t.db, (await createUser(t.db, m.id, { scopeRoles: [{ role: "controller" }] })).id, "municipality");
    const mA = await createUser(t.db, m.id, { name: "Manager A", partnerId: partnerA.id, scopeRoles: [{ role: "partner_manager", partnerId: partnerA.id }] });
    const mB = await createUser(t.db, m.id, { name: "Manager B", partnerId: partnerB.id, scopeRoles: [{ role: "partner_manager", partnerId: partnerB.id }] });
    managerA = await partnerContext(t.db, mA.id, partnerA.id);
    managerB = await partnerContext(t.db, mB.id, partnerB.id);
    agreementId = (
      await saveAgreement(admin, partnerA.id, null, {
        kind: "subsidy",
        reference: "SUB-A",
        validFrom: "2017-01-01",
        validTo: "2017-12-31",
        budgetCents: 5_000_000,
        contributions: [{ teamId: teamA.id, discipline: "Maatschappelijk werk", hoursPerWeek: 8 }],
        products: [
          { name: "Training weerbaarheid", unit: "groep", agreedQuantity: 12, priceCents: 123_456 },
          { name: "Huisbezoek", unit: "bezoek", agreedQuantity: 200, priceCents: 4_550 },
        ],
      })
    ).id;
    await saveAgreement(admin, partnerB.id, null, {
      kind: "service_agreement",
      reference: "DVO-B",
      validFrom: "2017-01-01",
      validTo: null,
      contributions: [{ teamId: teamA.id, discipline: "GGZ", hoursPerWeek: 4 }],
      products: [{ name: "Cursus", unit: "deelnemer", agreedQuantity: 10, priceCents: 10_000 }],
    });
    const reg = (userId: string, partnerId: string, weekStart: string, individual: number) =>
      t.db.insert(timeRegistrations).values({
        municipalityId: m.id,
        teamId: teamA.id,
        userId,
        partnerOrganisationId: partnerId,
        discipline: "Maatschappelijk werk",
        weekStart,
        individualHours: String(individual),
        meetingHours: "1.5",
      });
    await reg(anna.id, partnerA.id, "2017-01-02", 6);
    await reg(anna.id, partnerA.id, "2017-01-09", 7.25);
    await reg(eva.id, partnerB.id, "2017-01-02", 9);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const productId = async (ctx: UseCaseContext, name: string) => (await listAgreementProducts(ctx, { year: 2017 })).find((p) => p.name === name)!.id;

  it("keeps products with the agreement and sums delivered numbers per month and in euros", async () => {
    const training = await productId(admin, "Training weerbaarheid");
    const visit = await productId(admin, "Huisbezoek");
    await recordProductDelivery(managerA, { productId: training, month: "2017-01", quantity: 2 });
    await recordProductDelivery(managerA, { productId: training, month: "2017-02", quantity: 1 });
    await recordProductDelivery(managerA, { productId: visit, month: "2017-02", quantity: 30 });
    // A correction replaces the month's number; the controller may record too.
    await recordProductDelivery(controller, { productId: visit, month: "2017-02", quantity: 31 });
    const products = await listAgreementProducts(managerA, { year: 2017 });
    const byName = Object.fromEntries(products.map((p) => [p.name, p]));
    expect(byName["Training weerbaarheid"]).toMatchObject({
      agreedQuantity: 12,
      deliveredInYear: 3,
      agreedCents: 1_481_472,
      deliveredInYearCents: 370_368,
      months: [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(byName["Huisbezoek"]).toMatchObject({ deliveredInYear: 31, deliveredInYearCents: 141_050 });
    // The partner manager sees only its own organisation's products.
    expect(products.map((p) => p.name).sort()).toEqual(["Huisbezoek", "Training weerbaarheid"]);

    const view = await municipalityPartnerHours(controller, { year: 2017, now: NOW });
    const sub = view.agreements.find((a) => a.reference === "SUB-A")!;
    expect(sub).toMatchObject({ budgetCents: 5_000_000, productsAgreedCents: 1_481_472 + 910_000, productsDeliveredCents: 370_368 + 141_050 });
    const lines = procurementCsv(view).split("\r\n");
    expect(lines[0]).toContain(
      ";ontbrekende_weken;regel;financiering;afspraak;product;eenheid;aantal_afgesproken;aantal_geleverd;prijs_per_eenheid;bedrag_afgesproken;bedrag_geleverd;budget",
    );
    expect(lines).toContain("partner-a;Partner partner-a;;;2017-01;;;;;;;;;;product;subsidy;SUB-A;Training weerbaarheid;groep;12;2;1234,56;14814,72;2469,12;");
    expect(lines).toContain("partner-a;Partner partner-a;;;2017-02;;;;;;;;;;product;subsidy;SUB-A;Huisbezoek;bezoek;200;31;45,50;9100,00;1410,50;");
    expect(lines).toContain("partner-a;Partner partner-a;;;2017;;;;;;;;;;budget;subsidy;SUB-A;;;;;;23914,72;5114,18;50000,00");
    expect(lines.some((l) => l.startsWith("partner-a;Partner partner-a;a-team;Team a-team;2017-01;") && l.includes(";uren;subsidy;SUB-A;"))).toBe(true);
    expect(lines.some((l) => l.startsWith("partner-b;Partner partner-b;a-team;Team a-team;2017-01;") && l.includes(";uren;service_agreement;DVO-B;"))).toBe(
      true,
    );
  });

  it("validates deliveries and keeps them to the own organisation and the agreement's period", async () => {
    const training = await productId(admin, "Training weerbaarheid");
    expect(await outcomeOf(recordProductDelivery(managerA, { productId: training, month: "2018-01", quantity: 1 }))).toBe("month_outside_agreement");
    expect(await outcomeOf(recordProductDelivery(managerA, { productId: training, month: "2017-13", quantity: 1 }))).toBe("invalid_input");
    expect(await outcomeOf(recordProductDelivery(managerA, { productId: training, month: "2017-03", quantity: -1 }))).toBe("invalid_input");
    expect(await outcomeOf(recordProductDelivery(managerA, { productId: training, month: "2017-03", quantity: 1.5 }))).toBe("invalid_input");
    // Partner B's manager cannot even find partner A's product (RLS), let alone record it.
    expect(await outcomeOf(recordProductDelivery(managerB, { productId: training, month: "2017-03", quantity: 1 }))).toBe("not_found");
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "product_delivery.recorded"));
    expect(audit.length).toBe(4);
    expect(audit.at(-1)!.data).toMatchObject({ product: "Huisbezoek", month: "2017-02", before: 30, after: 31 });
  });

  it("keeps recorded deliveries when the admin saves the agreement again, and refuses a duplicate product", async () => {
    const [a] = await listAgreements(admin, partnerA.id);
    expect(a.products.map((p) => p.name)).toEqual(["Huisbezoek", "Training weerbaarheid"]);
    await saveAgreement(admin, partnerA.id, agreementId, {
      kind: "subsidy",
      reference: "SUB-A",
      validFrom: "2017-01-01",
      validTo: "2017-12-31",
      budgetCents: 5_000_000,
      contributions: [{ teamId: teamA.id, discipline: "Maatschappelijk werk", hoursPerWeek: 8 }],
      products: [{ name: "Training weerbaarheid", unit: "groep", agreedQuantity: 14, priceCents: 123_456 }],
    });
    const products = await listAgreementProducts(admin, { year: 2017, partnerId: partnerA.id });
    expect(products.map((p) => [p.name, p.agreedQuantity, p.deliveredInYear])).toEqual([["Training weerbaarheid", 14, 3]]);
    expect(
      await outcomeOf(
        saveAgreement(admin, partnerA.id, agreementId, {
          kind: "subsidy",
          reference: "SUB-A",
          validFrom: "2017-01-01",
          validTo: null,
          products: [
            { name: "X-product", unit: "stuk", agreedQuantity: 1, priceCents: 1 },
            { name: "X-product", unit: "stuk", agreedQuantity: 2, priceCents: 1 },
          ],
        }),
      ),
    ).toBe("invalid_input");
  });

  it("exports only the own organisation's staff, per person, team and ISO week", async () => {
    const period = parseExportPeriod({ from: "2017-W01", to: "2017-W10" });
    const { slices } = await partnerHoursExport(managerA, period, { kind: "download" });
    const rows = (await collect(slices)).flat();
    expect(rows.map((r) => [r.week, r.personName, r.hours.total])).toEqual([
      ["2017-W01", "Anna Aalbers", 7.5],
      ["2017-W02", "Anna Aalbers", 8.75],
    ]);
    expect(rows.every((r) => r.personId === anna.id)).toBe(true);
    // CSV and JSON from the same slices.
    const csv = (await collect(partnerExportCsv(partnerA.slug, (await partnerHoursExport(managerA, period, { kind: "download" })).slices))).join("");
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "versie;partner;week;week_start;medewerker_id;medewerker_naam;medewerker_email;discipline;team;team_naam;uren_individueel;uren_collectief;uren_teamoverleg;uren_werkgroep;uren_overig;uren_totaal",
    );
    expect(lines[1]).toBe(
      `1;partner-a;2017-W01;2017-01-02;${anna.id};Anna Aalbers;${anna.email};Maatschappelijk werk;a-team;Team a-team;6,00;0,00;1,50;0,00;0,00;7,50`,
    );
    expect(csv).not.toContain("Eva");
    const export2 = await partnerHoursExport(managerA, period, { kind: "download" });
    const json = JSON.parse((await collect(partnerExportJson(export2.partner, period, export2.slices))).join(""));
    expect(json).toMatchObject({ version: 1, partner: { slug: "partner-a" }, from: "2017-W01", to: "2017-W10" });
    expect(json.rows[0]).toEqual({
      week: "2017-W01",
      weekStart: "2017-01-02",
      person: { id: anna.id, name: "Anna Aalbers", email: anna.email, discipline: "Maatschappelijk werk" },
      team: { slug: "a-team", name: "Team a-team" },
      hours: { individual: 6, collective: 0, meeting: 1.5, workgroup: 0, other: 0, total: 7.5 },
    });
    // Even a query that forgot the partner filter would get nothing of partner B through RLS in A's scope.
    const { withScope, queryRows, sql } = await import("@wijkwerk/db");
    const seen = await withScope(t.db, managerA.scope, (tx) => queryRows<{ user_id: string }>(tx, sql`select user_id from time_registrations`));
    expect(seen.map((r) => r.user_id)).not.toContain(eva.id);
    // B's manager gets only Eva; a controller (not the partner scope) nothing.
    const b = (await collect((await partnerHoursExport(managerB, period, { kind: "download" })).slices)).flat();
    expect(b.map((r) => r.personName)).toEqual(["Eva Evers"]);
    await expect(partnerHoursExport(controller, period, { kind: "download" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await t.db.select().from(auditEvents).where(eq(auditEvents.action, "partner_export.downloaded"))).length).toBe(4);
  });

  it("validates the period: ISO weeks, order, at most 53 weeks", () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return "ok";
      } catch (e) {
        return `${(e as { code: string }).code}:${Object.keys((e as { fieldErrors: object }).fieldErrors).join(",")}`;
      }
    };
    expect(code(() => parseExportPeriod({ from: "2017-W54", to: "2017-W10" }))).toBe("invalid_input:from");
    expect(code(() => parseExportPeriod({ from: "2017-W10", to: "2017-W01" }))).toBe("export_range_invalid:from");
    expect(code(() => parseExportPeriod({ from: "2016-W01", to: "2017-W10" }))).toBe("export_range_too_long:from");
    expect(parseExportPeriod({ from: "2016-W11", to: "2017-W10" })).toMatchObject({ firstMonday: "2016-03-14", lastMonday: "2017-03-06" });
    expect(parseExportPeriod({}, NOW)).toMatchObject({ from: "2016-W50", to: "2017-W10" });
  });

  it("mints export tokens for one partner, shows them once, and refuses revoked and expired ones", async () => {
    const minted = await createPartnerExportToken(managerA, { name: "Salarissysteem", expiresInDays: 90 });
    expect(minted.token).toMatch(/^wkp_[A-Za-z0-9_-]{43}$/);
    const [stored] = await t.db.select().from(partnerExportTokens).where(eq(partnerExportTokens.id, minted.id));
    expect(stored.tokenHash).not.toContain(minted.token.slice(4, 20));
    expect(await authenticatePartnerExportToken(t.db, minted.token)).toMatchObject({ partnerId: partnerA.id, tokenId: minted.id });
    expect((await listPartnerExportTokens(managerA)).map((r) => [r.name, r.lastUsedAt instanceof Date])).toEqual([["Salarissysteem", true]]);
    // Partner B's manager neither sees nor revokes it.
    expect(await listPartnerExportTokens(managerB)).toEqual([]);
    expect(await outcomeOf(revokePartnerExportToken(managerB, minted.id))).toBe("not_found");
    // A controller may not mint one.
    await expect(createPartnerExportToken(controller, { name: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await revokePartnerExportToken(managerA, minted.id);
    expect(await authenticatePartnerExportToken(t.db, minted.token)).toBeNull();
    const expiring = await createPartnerExportToken(managerA, { name: "Kort" }, new Date());
    await t.db
      .update(partnerExportTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(partnerExportTokens.id, expiring.id));
    expect(await authenticatePartnerExportToken(t.db, expiring.token)).toBeNull();
    expect(await authenticatePartnerExportToken(t.db, "wk_" + minted.token.slice(4))).toBeNull();
    const actions = (await t.db.select({ a: auditEvents.action, d: auditEvents.data }).from(auditEvents)).filter((e) =>
      e.a.startsWith("partner_export_token."),
    );
    expect(actions.map((e) => e.a)).toEqual(["partner_export_token.created", "partner_export_token.revoked", "partner_export_token.created"]);
    expect(JSON.stringify(actions)).not.toContain(minted.token);
    // app_user cannot read the hash column at all.
    const { withScope, sql } = await import("@wijkwerk/db");
    await expect(withScope(t.db, managerA.scope, (tx) => tx.execute(sql`select token_hash from partner_export_tokens`))).rejects.toThrow();
  });
});
