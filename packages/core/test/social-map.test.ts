// The sociale kaart on real PostgreSQL: who reads and who keeps it (CASL and
// RLS), validation with Dutch field codes, the Dutch full-text search with
// its filters and pages, archiving, the picker for the plan, and the audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, buurten, eq, socialMapProviders, sql, withScope } from "@wijkwerk/db";
import {
  addOffer,
  createProvider,
  getProvider,
  listProvidersForPicker,
  searchSocialMap,
  setOfferArchived,
  setProviderArchived,
  updateOffer,
  updateProvider,
  type ProviderInput,
} from "../src/casework";
import type { UseCaseContext } from "../src/common";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

let t: TestDatabase;
let m: { id: string };
let team: { id: string; slug: string; name: string; municipalityId: string };
let coordinator: UseCaseContext, member: UseCaseContext, admin: UseCaseContext, controller: UseCaseContext, volunteer: UseCaseContext;
let partnerManager: UseCaseContext, otherCityCoordinator: UseCaseContext;
let buurtA: string, buurtB: string;

const other = { description: "Een andere aanbieder.", lifeDomains: [], email: "", website: "" };
const base: ProviderInput = {
  name: "Schuldhulp Maastricht",
  kind: "Schuldhulpverlening",
  description: "Helpt inwoners met schulden en een budgetplan.",
  layer: "general",
  lifeDomains: ["finances"],
  buurtIds: [],
  address: "Mosae Forum 10, 6211 DW Maastricht",
  phone: "043-350 50 50",
  email: "info@schuldhulp.example.nl",
  website: "https://www.schuldhulp.example.nl",
  hours: "ma–vr 9.00–17.00",
};

beforeAll(async () => {
  t = await createTestDatabase("postgres");
  m = await createMunicipality(t.db);
  team = await createTeam(t.db, m.id);
  const partner = await createPartner(t.db, m.id);
  buurtA = (await t.db.insert(buurten).values({ municipalityId: m.id, name: "Mariaberg" }).returning())[0].id;
  buurtB = (await t.db.insert(buurten).values({ municipalityId: m.id, name: "Wyck" }).returning())[0].id;
  const as = async (opts: Parameters<typeof createUser>[2], kind: "admin" | "municipality" = "municipality") =>
    municipalityContext(t.db, (await createUser(t.db, m.id, opts)).id, kind);
  coordinator = await as({ teamRoles: [{ teamId: team.id, role: "coordinator" }] });
  member = await as({ teamRoles: [{ teamId: team.id, role: "member" }] });
  volunteer = await as({ teamRoles: [{ teamId: team.id, role: "volunteer" }] });
  admin = await as({ scopeRoles: [{ role: "admin" }] }, "admin");
  controller = await as({ scopeRoles: [{ role: "controller" }] });
  partnerManager = await as({ scopeRoles: [{ role: "partner_manager", partnerId: partner.id }] });
  const m2 = await createMunicipality(t.db);
  const team2 = await createTeam(t.db, m2.id);
  otherCityCoordinator = await municipalityContext(
    t.db,
    (await createUser(t.db, m2.id, { teamRoles: [{ teamId: team2.id, role: "coordinator" }] })).id,
    "municipality",
  );
});
afterAll(() => t?.drop());

describe("keeping the kaart", () => {
  it("a coordinator (in the municipality scope) and the admin create and edit; members, the controller, volunteers and partner managers may not", async () => {
    const { id } = await createProvider(coordinator, base);
    expect(await outcomeOf(createProvider(admin, { ...base, ...other, name: "Voedselbank Maastricht", kind: "Voedselbank", layer: "general" }))).toBe("ok");
    for (const ctx of [member, controller, volunteer, partnerManager]) {
      expect(await outcomeOf(createProvider(ctx, { ...base, name: `Niet ${Math.random()}` }))).toMatch(/^ForbiddenError/);
      expect(await outcomeOf(updateProvider(ctx, id, base))).toMatch(/^ForbiddenError/);
      expect(await outcomeOf(setProviderArchived(ctx, id, true))).toMatch(/^ForbiddenError/);
      expect(await outcomeOf(addOffer(ctx, id, { name: "Iets", layer: "general" }))).toMatch(/^ForbiddenError/);
    }
    expect(await outcomeOf(updateProvider(admin, id, { ...base, hours: "ma–do 9.00–12.00" }))).toBe("ok");
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.objectId, id))
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(audit.action).toBe("casework.social_map_provider_updated");
    expect((audit.data as { changed: string[] }).changed).toEqual(["hours"]);
  });

  it("RLS refuses a member's write even when the code forgets to check, and lets a member read", async () => {
    const scope = { kind: "team" as const, municipalityId: m.id, teamId: team.id, userId: member.actor.userId };
    const write = withScope(t.db, scope, (tx) =>
      tx.insert(socialMapProviders).values({ municipalityId: m.id, name: "Sluiproute", kind: "x", layer: "general", createdBy: member.actor.userId }),
    );
    await expect(write).rejects.toThrow();
    const seen = await withScope(t.db, scope, (tx) => tx.select().from(socialMapProviders));
    expect(seen.length).toBeGreaterThan(0);
  });

  it("validates with Dutch field codes: required, formats, lengths, NUL bytes, unknown buurten, duplicate names", async () => {
    const fieldsOf = async (input: ProviderInput) =>
      createProvider(coordinator, input).then(
        () => ({}),
        (e: { fieldErrors?: Record<string, string[]> }) => e.fieldErrors ?? {},
      );
    expect(await fieldsOf({ ...base, name: "", kind: "", layer: "" })).toMatchObject({ name: ["required"], kind: ["required"], layer: ["required"] });
    expect(await fieldsOf({ ...base, name: "Foo", email: "geen-adres", phone: "bel me", website: "javascript:alert(1)" })).toEqual({
      email: ["social_map_email_invalid"],
      phone: ["social_map_phone_invalid"],
      website: ["social_map_website_invalid"],
    });
    expect(await fieldsOf({ ...base, name: "x".repeat(121), description: "y".repeat(2001) })).toEqual({
      name: ["social_map_too_long"],
      description: ["social_map_too_long"],
    });
    expect(await fieldsOf({ ...base, name: "Nul\u0000byte" })).toEqual({ name: ["invalid_character"] });
    expect(await fieldsOf({ ...base, name: "Buurtloos", buurtIds: [crypto.randomUUID()] })).toEqual({ buurtIds: ["social_map_buurt_unknown"] });
    expect(await fieldsOf({ ...base, name: "SCHULDHULP maastricht" })).toEqual({ name: ["name_taken"] });
    expect(await outcomeOf(createProvider(coordinator, { ...base, ...other, name: "Geen contact", phone: "", address: "", hours: "" }))).toBe("ok");
  });
});

describe("searching the kaart", () => {
  let mee: string, buurtcentrum: string;
  beforeAll(async () => {
    mee = (
      await createProvider(admin, {
        ...base,
        name: "MEE Zuid-Limburg",
        kind: "Cliëntondersteuning",
        description: "Onafhankelijke cliëntondersteuning bij de Wmo en de Jeugdwet.",
        layer: "individual",
        lifeDomains: ["basic_adl", "instrumental_adl"],
        buurtIds: [buurtA],
        email: "",
        website: "",
      })
    ).id;
    buurtcentrum = (
      await createProvider(coordinator, {
        ...base,
        name: "Buurtcentrum Wyck",
        kind: "Buurtcentrum",
        description: "Ontmoeting en activiteiten.",
        layer: "social_network",
        lifeDomains: ["social_network"],
        buurtIds: [buurtB],
        email: "",
        website: "",
      })
    ).id;
    await addOffer(coordinator, buurtcentrum, {
      name: "Taalcafé",
      description: "Wekelijks Nederlands oefenen met vrijwilligers.",
      layer: "social_network",
      lifeDomains: ["community_participation"],
    });
  });

  it("every professional, the admin and the controller read; volunteers, partner managers and another municipality do not see this one", async () => {
    for (const ctx of [coordinator, member, admin, controller]) expect((await searchSocialMap(ctx, {})).total).toBeGreaterThanOrEqual(4);
    for (const ctx of [volunteer, partnerManager]) expect(await outcomeOf(searchSocialMap(ctx, {}))).toMatch(/^ForbiddenError/);
    expect((await searchSocialMap(otherCityCoordinator, {})).total).toBe(0);
    expect(await outcomeOf(getProvider(otherCityCoordinator, mee))).toBe("not_found");
  });

  it("finds in Dutch by stem, in offers too, and filters by layer, life domain and buurt", async () => {
    const names = async (f: Parameters<typeof searchSocialMap>[1]) => (await searchSocialMap(member, f)).items.map((i) => i.name);
    expect(await names({ q: "schulden" })).toEqual(["Schuldhulp Maastricht"]);
    expect(await names({ q: "cliëntondersteuning jeugdwet" })).toEqual(["MEE Zuid-Limburg"]);
    expect(await names({ q: "vrijwilliger" })).toEqual(["Buurtcentrum Wyck"]);
    expect(await names({ q: '"onbekend woord"' })).toEqual([]);
    expect(await names({ layer: "individual" })).toEqual(["MEE Zuid-Limburg"]);
    // A life domain of an offer counts for its provider.
    expect(await names({ lifeDomain: "community_participation" })).toEqual(["Buurtcentrum Wyck"]);
    // A provider for the whole city serves every buurt; one for Wyck not Mariaberg.
    const inMariaberg = await names({ buurtId: buurtA });
    expect(inMariaberg).toContain("MEE Zuid-Limburg");
    expect(inMariaberg).toContain("Schuldhulp Maastricht");
    expect(inMariaberg).not.toContain("Buurtcentrum Wyck");
    // Unknown filter values are ignored rather than failing.
    expect((await searchSocialMap(member, { layer: "nonsense", buurtId: "x", page: -3 })).page).toBe(1);
  });

  it("pages by 20, and an archived provider leaves search and picker but keeps its page", async () => {
    for (let i = 0; i < 21; i++) await createProvider(admin, { ...base, ...other, name: `Aanbieder ${String(i).padStart(2, "0")}` });
    const p1 = await searchSocialMap(member, {});
    const p2 = await searchSocialMap(member, { page: 2 });
    expect(p1.items).toHaveLength(20);
    expect(p1.pages).toBe(2);
    expect(p2.items.length).toBe(p1.total - 20);
    expect(new Set([...p1.items, ...p2.items].map((i) => i.id)).size).toBe(p1.total);

    await setProviderArchived(coordinator, mee, true);
    expect((await searchSocialMap(member, { q: "cliëntondersteuning" })).total).toBe(0);
    expect((await listProvidersForPicker(member)).map((p) => p.id)).not.toContain(mee);
    expect((await getProvider(member, mee)).archived).toBe(true);
    await setProviderArchived(admin, mee, false);
    expect((await searchSocialMap(member, { q: "cliëntondersteuning" })).total).toBe(1);
  });

  it("the picker lists providers with their offers, by layer (in a team context too)", async () => {
    const ctx = await teamContext(t.db, member.actor.userId, team);
    const network = await listProvidersForPicker(ctx, { layer: "social_network" });
    expect(network.map((p) => p.name)).toEqual(["Buurtcentrum Wyck"]);
    expect(network[0].offers.map((o) => o.name)).toEqual(["Taalcafé"]);
    const offerId = network[0].offers[0].id;
    await updateOffer(coordinator, offerId, { name: "Taalcafé Wyck", layer: "social_network", lifeDomains: ["community_participation"] });
    await setOfferArchived(coordinator, offerId, true);
    expect((await listProvidersForPicker(ctx, { layer: "social_network" }))[0].offers).toEqual([]);
    const detail = await getProvider(member, buurtcentrum);
    expect(detail.offers).toMatchObject([{ name: "Taalcafé Wyck", archived: true }]);
    expect(detail.canKeep).toBe(false);
    expect((await getProvider(coordinator, buurtcentrum)).canKeep).toBe(true);
    const actions = (await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, offerId))).map((a) => a.action);
    expect(actions).toEqual(["casework.social_map_offer_created", "casework.social_map_offer_updated", "casework.social_map_offer_archived"]);
  });
});
