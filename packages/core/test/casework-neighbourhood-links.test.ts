// Issue 19: an arrangement of the plan points to a Buurtservice match of the
// case's own team (own strength / social network layers only) and to any
// buurtinitiatief of the municipality. The links are checked on the server
// (same team, existing, right layer), audited with the change, survive the
// match or initiative ending, and nothing of the household reaches the
// Buurtservice or the initiatives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, caseArrangements, eq, queryRows, sql, withScope } from "@wijkwerk/db";
import {
  addArrangement,
  createProvider,
  getPlan,
  getProvider,
  neighbourhoodChoicesForPlan,
  searchSocialMap,
  updateArrangement,
  updateProvider,
} from "../src/casework";
import {
  endInitiative,
  getBuurtserviceEntry,
  getInitiative,
  listBuurtserviceMatches,
  proposeMatch,
  registerBuurtserviceEntry,
  registerInitiative,
  stepMatch,
} from "../src/neighbourhood";
import { createBuurtFor } from "./casework-fixture";
import { caseworkWorld, rightOutcome, type CaseworkWorld } from "./casework-plan-world";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext } from "./fixtures";

describe("an arrangement's links to the neighbourhood", () => {
  let t: TestDatabase;
  let w: CaseworkWorld;
  let h: string;
  let matchA: string, matchB: string, requestA: string;
  let initiativeB: string;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await caseworkWorld(t);
    h = w.household.household.id;
    const a = await w.as.regisseur();
    const entry = (kind: "offer" | "request", pseudonym: string, buurtId: string) => ({
      kind,
      pseudonym,
      buurtId,
      categories: ["odd_jobs"],
      availability: ["weekend"],
      description: "",
    });
    requestA = (await registerBuurtserviceEntry(a, entry("request", "Bewoner Vraag", w.buurtA.id))).id;
    const offerA = await registerBuurtserviceEntry(a, entry("offer", "Bewoner Klus", w.buurtA.id));
    matchA = (await proposeMatch(a, { requestId: requestA, offerId: offerA.id })).id;
    const b = await w.as.memberB();
    const buurtB = await createBuurtFor(t.db, w.m.id, w.teamB.id, "Buurt van B");
    const requestB = await registerBuurtserviceEntry(b, entry("request", "Bewoner B1", buurtB.id));
    const offerB = await registerBuurtserviceEntry(b, entry("offer", "Bewoner B2", buurtB.id));
    matchB = (await proposeMatch(b, { requestId: requestB.id, offerId: offerB.id })).id;
    initiativeB = (await registerInitiative(b, { buurtId: buurtB.id, name: "Repair Café", startedOn: "2017-01-10", contactOrganisation: "Trajekt" })).id;
  });
  afterAll(() => t.drop());

  it("the choices: the team's own matches (pseudonyms only) and every initiative of the municipality", async () => {
    const choices = await neighbourhoodChoicesForPlan(await w.as.regisseur());
    expect(choices.matches.map((m) => [m.id, m.label, m.status])).toEqual([[matchA, "Bewoner Vraag – Bewoner Klus", "proposed"]]);
    expect(choices.initiatives.map((i) => i.id)).toEqual([initiativeB]);
    // A volunteer does not work in the Buurtservice: no matches to choose from.
    expect((await neighbourhoodChoicesForPlan(await w.as.volunteer())).matches).toEqual([]);
  });

  it("links a social-network arrangement to the team's match and an initiative; audited; shown with status on the plan", async () => {
    const ctx = await w.as.regisseur();
    const { id } = await addArrangement(ctx, h, {
      layer: "social_network",
      providerName: "Buurtservice",
      buurtserviceMatchId: matchA,
      initiativeId: initiativeB,
    });
    const plan = await getPlan(ctx, h);
    const a = plan.arrangements.find((x) => x.id === id)!;
    expect(a.match).toEqual({
      id: matchA,
      visible: true,
      status: "proposed",
      requestId: requestA,
      requestPseudonym: "Bewoner Vraag",
      offerPseudonym: "Bewoner Klus",
      buurtName: w.buurtA.name,
      reciprocal: false,
    });
    expect(a.initiative).toMatchObject({ id: initiativeB, name: "Repair Café", buurtName: "Buurt van B", endedOn: null });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, id));
    expect(event.action).toBe("casework.arrangement_added");
    expect(event.data).toMatchObject({ householdId: h, buurtserviceMatchId: matchA, initiativeId: initiativeB });
  });

  it("refuses another team's match, an unknown match or initiative, and a match in the general or individual layer", async () => {
    const ctx = await w.as.regisseur();
    const code = (p: Promise<unknown>) => rightOutcome(p);
    expect(await code(addArrangement(ctx, h, { layer: "social_network", buurtserviceMatchId: matchB }))).toBe("arrangement_match_unknown");
    expect(await code(addArrangement(ctx, h, { layer: "own_strength", buurtserviceMatchId: crypto.randomUUID() }))).toBe("arrangement_match_unknown");
    expect(await code(addArrangement(ctx, h, { layer: "general", initiativeId: crypto.randomUUID() }))).toBe("arrangement_initiative_unknown");
    const refused = await addArrangement(ctx, h, { layer: "general", buurtserviceMatchId: matchA }).catch((e: { code: string; fieldErrors: unknown }) => e);
    expect(refused).toMatchObject({ code: "invalid_input", fieldErrors: { buurtserviceMatchId: ["arrangement_match_layer"] } });
    // The database refuses it too.
    const [row] = await t.db.select().from(caseArrangements).where(eq(caseArrangements.buurtserviceMatchId, matchA));
    const dbRefusal = await t.db
      .update(caseArrangements)
      .set({ layer: "individual" })
      .where(eq(caseArrangements.id, row.id))
      .then(
        () => "written",
        (e: { cause?: { constraint_name?: string } }) => e.cause?.constraint_name,
      );
    expect(dbRefusal).toBe("case_arrangements_match_layer");
    // Any layer can point to an initiative; a break-the-glass reader cannot write.
    expect(await code(addArrangement(ctx, h, { layer: "individual", providerName: "Wmo", initiativeId: initiativeB }))).toBe("ok");
    expect(await code(addArrangement(await w.as.glass(), h, { layer: "social_network", buurtserviceMatchId: matchA }))).toBe("forbidden");
    // Nothing of a refused arrangement was written.
    const linked = await t.db.select().from(caseArrangements).where(eq(caseArrangements.householdId, h));
    expect(linked.filter((x) => x.buurtserviceMatchId === matchB)).toEqual([]);
  });

  it("the links survive the match and the initiative ending; the plan shows their status", async () => {
    const ctx = await w.as.regisseur();
    await stepMatch(ctx, matchA, { status: "running" });
    await stepMatch(ctx, matchA, { status: "done", outcome: "Lamp hangt" });
    await endInitiative(await w.as.memberB(), initiativeB, "2026-01-31");
    const a = (await getPlan(ctx, h)).arrangements.find((x) => x.match?.id === matchA)!;
    expect(a.match).toMatchObject({ visible: true, status: "done" });
    expect(a.initiative).toMatchObject({ endedOn: "2026-01-31" });
    // Saving the arrangement again keeps both links (an ended match or initiative stays linked).
    await updateArrangement(ctx, h, a.id, {
      layer: "social_network",
      providerName: "Buurtservice",
      status: "ended",
      buurtserviceMatchId: matchA,
      initiativeId: initiativeB,
    });
    const again = (await getPlan(ctx, h)).arrangements.find((x) => x.id === a.id)!;
    expect([again.status, again.match?.id, again.initiative?.id]).toEqual(["ended", matchA, initiativeB]);
    // Removing the link is an update too, audited.
    await updateArrangement(ctx, h, a.id, { layer: "social_network", providerName: "Buurtservice", status: "ended", initiativeId: initiativeB });
    expect((await getPlan(ctx, h)).arrangements.find((x) => x.id === a.id)?.match).toBeNull();
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, a.id));
    expect(events.map((e) => (e.data as { buurtserviceMatchId: string | null }).buurtserviceMatchId)).toEqual([matchA, matchA, null]);
  });

  it("a link to a match the team cannot read (after a transfer) shows only that there is one, and can be kept", async () => {
    const ctx = await w.as.regisseur();
    // As after a transfer: the arrangement points to a match of team B (written as the owner; the use case refuses it).
    const { id } = await addArrangement(ctx, h, { layer: "own_strength", providerName: "Eigen netwerk" });
    await t.db.update(caseArrangements).set({ buurtserviceMatchId: matchB }).where(eq(caseArrangements.id, id));
    const a = (await getPlan(ctx, h)).arrangements.find((x) => x.id === id)!;
    expect(a.match).toEqual({ id: matchB, visible: false });
    expect(JSON.stringify(a)).not.toContain("Bewoner B");
    await updateArrangement(ctx, h, id, { layer: "own_strength", providerName: "Eigen netwerk", status: "running", buurtserviceMatchId: matchB });
    const [row] = await t.db.select().from(caseArrangements).where(eq(caseArrangements.id, id));
    expect(row.buurtserviceMatchId).toBe(matchB);
  });

  it("nothing of the household reaches the Buurtservice or the initiatives", async () => {
    const ctx = await w.as.regisseur();
    const entry = await getBuurtserviceEntry(ctx, requestA);
    const matches = await listBuurtserviceMatches(ctx);
    const reference = w.household.household.reference;
    for (const shown of [entry, matches]) {
      expect(JSON.stringify(shown)).not.toContain(h);
      expect(JSON.stringify(shown)).not.toContain(reference);
    }
    // Team B, whose initiative is linked, cannot see the arrangement that points to it (RLS).
    const [{ n }] = await withScope(t.db, { kind: "team", municipalityId: w.m.id, teamId: w.teamB.id, userId: w.users.memberB.id }, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from case_arrangements where initiative_id = ${initiativeB}`),
    );
    expect(n).toBe(0);
  });

  it("the sociale kaart: an entry can be a buurtinitiatief; the kaart shows it and the initiative's page shows where it is linked", async () => {
    const keeper = await municipalityContext(t.db, w.users.coordinator.id, "municipality");
    const base = { name: "Repair Café Buurt van B", kind: "Buurtinitiatief", layer: "social_network", description: "Samen spullen repareren" };
    expect(await rightOutcome(createProvider(keeper, { ...base, initiativeId: crypto.randomUUID() }))).toBe("invalid_input");
    const { id } = await createProvider(keeper, { ...base, initiativeId: initiativeB });
    const reader = await municipalityContext(t.db, w.users.otherMember.id, "municipality");
    expect((await getProvider(reader, id)).initiative).toMatchObject({ id: initiativeB, name: "Repair Café", buurtName: "Buurt van B" });
    const found = await searchSocialMap(reader, { q: "repareren" });
    expect(found.items.map((p) => [p.name, p.initiative?.id])).toEqual([["Repair Café Buurt van B", initiativeB]]);
    const detail = await getInitiative(reader, initiativeB);
    expect(detail.socialMap).toEqual([{ id, name: "Repair Café Buurt van B", archived: false }]);
    // The initiative has ended (above): the link is kept when the entry is saved again, and can be removed.
    await updateProvider(keeper, id, { ...base, description: "Elke eerste zaterdag", initiativeId: initiativeB });
    expect((await getProvider(reader, id)).initiative?.endedOn).toBe("2026-01-31");
    await updateProvider(keeper, id, { ...base, initiativeId: "" });
    expect((await getInitiative(reader, initiativeB)).socialMap).toEqual([]);
    // Another municipality's professional does not find the initiative.
    const m2 = await createMunicipality(t.db);
    const team2 = await createTeam(t.db, m2.id);
    const elsewhere = await municipalityContext(
      t.db,
      (await createUser(t.db, m2.id, { teamRoles: [{ teamId: team2.id, role: "member" }] })).id,
      "municipality",
    );
    expect(await rightOutcome(getInitiative(elsewhere, initiativeB))).toBe("not_found");
  });
});
