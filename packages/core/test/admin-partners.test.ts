import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, eq, partnerOrganisations, users } from "@wijkwerk/db";
import { createPartner as createPartnerUseCase, getPartner, listPartners, updatePartner } from "../src/partners";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

describe("admin: partner organisations", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let adminId: string;
  let trajekt: Awaited<ReturnType<typeof createPartner>>;
  let foreignPartner: Awaited<ReturnType<typeof createPartner>>;
  let coordinatorId: string;
  let controllerId: string;
  let team: Awaited<ReturnType<typeof createTeam>>;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
    adminId = (await createUser(t.db, municipalityId, { scopeRoles: [{ role: "admin" }] })).id;
    trajekt = await createPartner(t.db, municipalityId, "trajekt");
    team = await createTeam(t.db, municipalityId);
    coordinatorId = (await createUser(t.db, municipalityId, { partnerId: trajekt.id, teamRoles: [{ teamId: team.id, role: "coordinator" }] })).id;
    await createUser(t.db, municipalityId, { partnerId: trajekt.id });
    const gone = await createUser(t.db, municipalityId, { partnerId: trajekt.id });
    await t.db.update(users).set({ isActive: false }).where(eq(users.id, gone.id));
    controllerId = (await createUser(t.db, municipalityId, { scopeRoles: [{ role: "controller" }] })).id;
    const other = await createMunicipality(t.db);
    foreignPartner = await createPartner(t.db, other.id, "mee");
    await createUser(t.db, other.id, { partnerId: foreignPartner.id });
  });
  afterAll(() => t.drop());

  const asAdmin = () => municipalityContext(t.db, adminId);
  const auditOf = (objectId: string) =>
    t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.municipalityId, municipalityId), eq(auditEvents.objectId, objectId)))
      .orderBy(auditEvents.seq);

  it("lists the municipality's partners with their number of (active) staff", async () => {
    const rows = await listPartners(await asAdmin());
    expect(rows).toEqual([{ id: trajekt.id, slug: "trajekt", name: trajekt.name, kind: "Test", fundingType: "service_agreement", staffCount: 2 }]);
  });

  it("creates a partner with an audit event", async () => {
    const { id } = await createPartnerUseCase(await asAdmin(), { name: " MEE ", slug: "mee", kind: "Cliëntondersteuning", fundingType: "subsidy" });
    expect(await getPartner(await asAdmin(), id)).toMatchObject({
      name: "MEE",
      slug: "mee",
      kind: "Cliëntondersteuning",
      fundingType: "subsidy",
      staffCount: 0,
    });
    const [event] = await auditOf(id);
    expect(event).toMatchObject({ action: "partner.created", objectType: "partner", actorUserId: adminId });
    expect(event.data).toEqual({ name: "MEE", slug: "mee", kind: "Cliëntondersteuning", fundingType: "subsidy" });
  });

  it("updates kind and funding type; the audit event holds the diff", async () => {
    const ctx = await asAdmin();
    const result = await updatePartner(ctx, trajekt.id, {
      name: trajekt.name,
      slug: "trajekt",
      kind: "Maatschappelijk werk, opbouwwerk, jongerenwerk",
      fundingType: "subsidy",
    });
    expect(result.changed.sort()).toEqual(["fundingType", "kind"]);
    const events = (await auditOf(trajekt.id)).filter((e) => e.action === "partner.updated");
    expect(events.map((e) => e.data)).toEqual([
      { kind: ["Test", "Maatschappelijk werk, opbouwwerk, jongerenwerk"], fundingType: ["service_agreement", "subsidy"] },
    ]);
    const [row] = await t.db.select().from(partnerOrganisations).where(eq(partnerOrganisations.id, trajekt.id));
    expect(row.fundingType).toBe("subsidy");
  });

  it("validates the input", async () => {
    const ctx = await asAdmin();
    const err = await createPartnerUseCase(ctx, { name: "Envida", slug: "Envida thuiszorg", kind: "", fundingType: "gift" as "subsidy" }).catch((e) => e);
    expect(err).toMatchObject({ code: "invalid_input", status: 400 });
    expect(Object.keys(err.fieldErrors).sort()).toEqual(["fundingType", "kind", "slug"]);
  });

  it("name (case-insensitive) and slug must be unique in the municipality", async () => {
    const ctx = await asAdmin();
    const byName = await createPartnerUseCase(ctx, { name: trajekt.name.toUpperCase(), slug: "trajekt-2", kind: "X", fundingType: "subsidy" }).catch((e) => e);
    expect(byName).toMatchObject({ code: "name_taken", status: 409, fieldErrors: { name: ["name_taken"] } });
    const bySlug = await createPartnerUseCase(ctx, { name: "Trajekt Twee", slug: "trajekt", kind: "X", fundingType: "subsidy" }).catch((e) => e);
    expect(bySlug).toMatchObject({ code: "slug_taken", fieldErrors: { slug: ["slug_taken"] } });
    const { id } = await createPartnerUseCase(ctx, { name: "Mondriaan", slug: "mondriaan", kind: "GGZ", fundingType: "subsidy" });
    expect(await outcomeOf(updatePartner(ctx, id, { name: "MEE", slug: "mondriaan", kind: "GGZ", fundingType: "subsidy" }))).toBe("name_taken");
    expect(await outcomeOf(updatePartner(ctx, id, { name: "Mondriaan", slug: "trajekt", kind: "GGZ", fundingType: "subsidy" }))).toBe("slug_taken");
    // Changing only the case of its own name is fine.
    expect(await outcomeOf(updatePartner(ctx, id, { name: "MONDRIAAN", slug: "mondriaan", kind: "GGZ", fundingType: "subsidy" }))).toBe("ok");
  });

  it("concurrent creates of one name: exactly one succeeds", async () => {
    const ctx = await asAdmin();
    const outcomes = await Promise.all(
      ["radar-a", "radar-b"].map((slug) => outcomeOf(createPartnerUseCase(ctx, { name: "Radar", slug, kind: "VG", fundingType: "service_agreement" }))),
    );
    expect(outcomes.sort()).toEqual(["name_taken", "ok"]);
  });

  it("another municipality's partner, or a malformed id, is not found", async () => {
    const ctx = await asAdmin();
    expect(await outcomeOf(updatePartner(ctx, foreignPartner.id, { name: "Overgenomen", slug: "mee-2", kind: "X", fundingType: "subsidy" }))).toBe("not_found");
    expect(await outcomeOf(getPartner(ctx, foreignPartner.id))).toBe("not_found");
    expect(await outcomeOf(getPartner(ctx, "123"))).toBe("not_found");
    const [row] = await t.db.select().from(partnerOrganisations).where(eq(partnerOrganisations.id, foreignPartner.id));
    expect(row.name).toBe(foreignPartner.name);
  });

  it("a coordinator or a controller is refused", async () => {
    const coordinator = await teamContext(t.db, coordinatorId, team);
    const controller = await municipalityContext(t.db, controllerId, "municipality");
    for (const ctx of [coordinator, controller]) {
      expect(await outcomeOf(listPartners(ctx))).not.toBe("ok");
      expect(await outcomeOf(getPartner(ctx, trajekt.id))).not.toBe("ok");
      expect(await outcomeOf(createPartnerUseCase(ctx, { name: "Stiekem", slug: "stiekem", kind: "X", fundingType: "subsidy" }))).not.toBe("ok");
      expect(await outcomeOf(updatePartner(ctx, trajekt.id, { name: "Gekaapt", slug: "trajekt", kind: "X", fundingType: "municipality" }))).not.toBe("ok");
    }
    const [row] = await t.db.select().from(partnerOrganisations).where(eq(partnerOrganisations.id, trajekt.id));
    expect(row.name).toBe(trajekt.name);
  });
});
