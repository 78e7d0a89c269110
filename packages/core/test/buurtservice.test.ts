// Buurtservice (issue 19, slice 2) on PostgreSQL: offers and requests by
// pseudonym with the privacy guard, matching suggestions, reciprocal
// matches and their steps, stale entries, counts per team × buurt × month;
// the entries are the team's (CASL + RLS), other teams see counts only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, buurtAssignments, buurten, buurtserviceEntries, eq, sql, withScope } from "@wijkwerk/db";
import {
  buurtserviceCounts,
  buurtserviceCountsCsv,
  closeBuurtserviceEntry,
  getBuurtserviceEntry,
  listBuurtserviceMatches,
  listOpenBuurtserviceEntries,
  proposeMatch,
  rankOffers,
  registerBuurtserviceEntry,
  stepMatch,
  totalBuurtserviceCounts,
} from "../src/neighbourhood";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

describe("buurtservice", () => {
  let t: TestDatabase;
  let teamA: Awaited<ReturnType<typeof createTeam>>;
  let teamB: Awaited<ReturnType<typeof createTeam>>;
  let north: string, south: string, elsewhere: string;
  let memberA: string, memberB: string, volunteerA: string, controller: string;
  const a = () => teamContext(t.db, memberA, teamA);
  const b = () => teamContext(t.db, memberB, teamB);

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    const m = await createMunicipality(t.db);
    teamA = await createTeam(t.db, m.id);
    teamB = await createTeam(t.db, m.id);
    const ids: string[] = [];
    for (const name of ["Noord", "Zuid", "Elders"]) ids.push((await t.db.insert(buurten).values({ municipalityId: m.id, name }).returning())[0].id);
    [north, south, elsewhere] = ids;
    await t.db.insert(buurtAssignments).values([
      { municipalityId: m.id, buurtId: north, teamId: teamA.id, validFrom: "2017-01-01" },
      { municipalityId: m.id, buurtId: south, teamId: teamA.id, validFrom: "2017-01-01" },
      { municipalityId: m.id, buurtId: elsewhere, teamId: teamB.id, validFrom: "2017-01-01" },
    ]);
    memberA = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "member" }] })).id;
    volunteerA = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "volunteer" }] })).id;
    memberB = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "member" }] })).id;
    controller = (await createUser(t.db, m.id, { scopeRoles: [{ role: "controller" }] })).id;
  });
  afterAll(() => t.drop());

  it("registers offers and requests by pseudonym, in the team's own buurten, with the privacy guard", async () => {
    const input = {
      kind: "request" as const,
      pseudonym: "Bewoner Z1",
      buurtId: north,
      categories: ["shopping"],
      availability: ["weekday_morning"],
      description: "Zoekt hulp bij boodschappen",
    };
    expect(await outcomeOf(registerBuurtserviceEntry(await a(), { ...input, buurtId: elsewhere }))).toBe("buurtservice_buurt_not_served");
    expect(await outcomeOf(registerBuurtserviceEntry(await a(), { ...input, description: "Bel 06-12345678" }))).toBe("personal_data");
    expect(await outcomeOf(registerBuurtserviceEntry(await a(), { ...input, categories: [] }))).toBe("invalid_input");
    expect(await outcomeOf(registerBuurtserviceEntry(await teamContext(t.db, volunteerA, teamA), input))).toMatch(/Forbidden|Cannot execute/i);
    const { id } = await registerBuurtserviceEntry(await a(), input);
    expect((await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, id))).map((e) => e.action)).toEqual(["buurtservice.entry_registered"]);
  });

  it("suggests offers by category, then buurt, then availability; records a reciprocal match and its steps", async () => {
    const ctx = await a();
    const reg = (kind: "offer" | "request", pseudonym: string, buurtId: string, categories: string[], availability: string[]) =>
      registerBuurtserviceEntry(ctx, { kind, pseudonym, buurtId, categories, availability, description: "" });
    const request = await reg("request", "Bewoner R", north, ["odd_jobs", "company"], ["weekend"]);
    await reg("offer", "Bewoner R", north, ["language"], ["weekend"]); // the requester also offers: reciprocal
    const far = await reg("offer", "Bewoner F", south, ["odd_jobs"], ["weekend"]);
    const near = await reg("offer", "Bewoner N", north, ["odd_jobs"], ["weekday_evening"]);
    const best = await reg("offer", "Bewoner B", north, ["odd_jobs", "company"], ["weekend"]);
    await reg("offer", "Bewoner X", north, ["garden"], ["weekend"]); // no shared category: not suggested
    const { suggestions } = await getBuurtserviceEntry(ctx, request.id);
    expect(suggestions.map((s) => s.id)).toEqual([best.id, near.id, far.id]);

    expect(await outcomeOf(proposeMatch(ctx, { requestId: best.id, offerId: request.id }))).toBe("buurtservice_wrong_kind");
    const match = await proposeMatch(ctx, { requestId: request.id, offerId: best.id });
    expect(match.reciprocal).toBe(true);
    expect(await outcomeOf(proposeMatch(ctx, { requestId: request.id, offerId: best.id }))).toBe("buurtservice_match_exists");
    expect(await outcomeOf(stepMatch(ctx, match.id, { status: "done" }))).toBe("buurtservice_invalid_transition");
    await stepMatch(ctx, match.id, { status: "running" });
    expect(await outcomeOf(stepMatch(ctx, match.id, { status: "done", outcome: "Mail naar jan@example.org" }))).toBe("personal_data");
    await stepMatch(ctx, match.id, { status: "done", outcome: "Kast in elkaar gezet, samen koffie gedronken" });
    const [row] = (await listBuurtserviceMatches(ctx)).filter((m) => m.id === match.id);
    expect(row).toMatchObject({
      status: "done",
      reciprocal: true,
      outcome: "Kast in elkaar gezet, samen koffie gedronken",
      request: { pseudonym: "Bewoner R" },
      offer: { pseudonym: "Bewoner B" },
    });
    // The helped request is no longer open; the offer stays open for others.
    const open = await listOpenBuurtserviceEntries(ctx);
    expect(open.some((e) => e.id === request.id)).toBe(false);
    expect(open.some((e) => e.id === best.id)).toBe(true);
    expect(await outcomeOf(proposeMatch(ctx, { requestId: request.id, offerId: far.id }))).toBe("buurtservice_not_open");
    // A non-reciprocal one.
    const lone = await reg("request", "Bewoner L", south, ["odd_jobs"], ["weekend"]);
    expect((await proposeMatch(ctx, { requestId: lone.id, offerId: far.id })).reciprocal).toBe(false);
  });

  it("flags open entries older than 3 months as stale", async () => {
    const ctx = await a();
    const { id } = await registerBuurtserviceEntry(ctx, {
      kind: "offer",
      pseudonym: "Bewoner Oud",
      buurtId: south,
      categories: ["garden"],
      availability: ["weekend"],
    });
    await t.db
      .update(buurtserviceEntries)
      .set({ createdAt: sql`now() - interval '3 months 1 day'` })
      .where(eq(buurtserviceEntries.id, id));
    const open = await listOpenBuurtserviceEntries(ctx);
    expect(open.find((e) => e.id === id)!.stale).toBe(true);
    expect(open.filter((e) => e.stale).map((e) => e.id)).toEqual([id]);
    await closeBuurtserviceEntry(ctx, id);
    expect((await listOpenBuurtserviceEntries(ctx)).some((e) => e.id === id)).toBe(false);
  });

  it("keeps the entries in the team: another team gets 404 and RLS returns nothing; counts are for everyone", async () => {
    const [anyA] = await listOpenBuurtserviceEntries(await a());
    expect(await outcomeOf(getBuurtserviceEntry(await b(), anyA.id))).toBe("not_found");
    expect(await listOpenBuurtserviceEntries(await b())).toEqual([]);
    const scopeB = { kind: "team" as const, municipalityId: teamB.municipalityId, teamId: teamB.id, userId: memberB };
    expect(await withScope(t.db, scopeB, (tx) => tx.select().from(buurtserviceEntries))).toEqual([]);
    await expect(
      withScope(t.db, scopeB, (tx) =>
        tx.insert(buurtserviceEntries).values({
          municipalityId: teamA.municipalityId,
          teamId: teamA.id,
          buurtId: north,
          kind: "offer",
          pseudonym: "x",
          categories: ["other"],
          availability: ["weekend"],
          createdBy: memberB,
        }),
      ),
    ).rejects.toThrow();
    // A member of team B, and the controller, see team A's numbers (only numbers).
    const year = new Date().getFullYear();
    for (const ctx of [await b(), await municipalityContext(t.db, controller, "municipality")]) {
      const rows = await buurtserviceCounts(ctx, year);
      const month = rows.reduce((max, r) => (r.month > max ? r.month : max), ""); // this month (Europe/Amsterdam)
      const mine = rows.filter((r) => r.teamId === teamA.id && r.month.startsWith(month));
      const totals = totalBuurtserviceCounts(mine, () => "all").get("all")!;
      // Requests: Z1, R, L; offers this month: R, F, N, B, X (Oud dates from 3 months ago, now closed); matches 2, reciprocal 1; open offers: 5.
      expect(totals).toEqual({ requests: 3, offers: 5, matches: 2, reciprocalMatches: 1, openOffers: 5 });
      expect(Object.keys(rows[0]).sort()).toEqual([
        "buurtName",
        "matches",
        "month",
        "offers",
        "openOffers",
        "reciprocalMatches",
        "requests",
        "teamId",
        "teamName",
      ]);
    }
    const csv = buurtserviceCountsCsv(await buurtserviceCounts(await a(), year));
    expect(csv.split("\r\n")[0]).toBe("team;buurt;maand;vragen;aanbod;koppelingen;wederkerige koppelingen;open aanbod");
  });

  it("ranks offers purely: shared categories weigh most, never the requester's own offer", () => {
    const base = { description: "", createdAt: "2026-01-01", closedAt: null, stale: false, buurtName: "" };
    const offers = [
      { ...base, id: "1", kind: "offer" as const, buurtId: "n", pseudonym: "Zelf", categories: ["odd_jobs"], availability: ["weekend"] },
      { ...base, id: "2", kind: "offer" as const, buurtId: "s", pseudonym: "Ander", categories: ["odd_jobs", "company"], availability: [] },
      { ...base, id: "3", kind: "offer" as const, buurtId: "n", pseudonym: "Buur", categories: ["odd_jobs"], availability: ["weekend"] },
    ];
    expect(rankOffers({ buurtId: "n", pseudonym: "zelf", categories: ["odd_jobs", "company"], availability: ["weekend"] }, offers).map((o) => o.id)).toEqual([
      "2",
      "3",
    ]);
  });
});
