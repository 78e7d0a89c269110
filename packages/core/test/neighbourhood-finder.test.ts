// The public team finder (issue 19, slice 1): which team serves a buurt
// today, the search, the teams' contact details (coordinator only, audited,
// RLS), the street list import (admin only, per-line Dutch errors), and the
// directory copy that keeps answering while the database is busy.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, buurtAssignments, buurten, eq, streets, teamContacts, withScope } from "@wijkwerk/db";
import {
  buurtSlug,
  checkStreetCsv,
  createDirectoryCache,
  DirectoryUnavailableError,
  importStreets,
  loadPublicDirectory,
  normaliseName,
  parseCsv,
  previewStreetImport,
  searchDirectory,
  updateTeamContact,
} from "../src/neighbourhood";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

describe("pure rules", () => {
  it("normalises names for search and slugs", () => {
    expect(normaliseName("  Belvédère ")).toBe("belvedere");
    expect(normaliseName("Oud-Caberg")).toBe("oud caberg");
    expect(buurtSlug("Sint Maartenspoort")).toBe("sint-maartenspoort");
    expect(buurtSlug("Céramique")).toBe("ceramique");
  });

  it("parses CSV with quotes, either separator and a BOM", () => {
    expect(parseCsv('\uFEFFstraat;buurt\r\n"Markt; noord";Binnenstad\n').records.map((r) => r.cells)).toEqual([
      ["straat", "buurt"],
      ["Markt; noord", "Binnenstad"],
    ]);
    expect(parseCsv("straat,buurt\nMarkt,Binnenstad").records[1].cells).toEqual(["Markt", "Binnenstad"]);
    expect(parseCsv('straat;buurt\n"Markt;Binnenstad').errors).toEqual([{ line: 2, message: "Regel 2: een aanhalingsteken wordt niet afgesloten." }]);
  });

  it("checks a street CSV line by line, in Dutch", () => {
    const csv = [
      "straat;buurt",
      "Markt;Binnenstad",
      ";Binnenstad",
      "Kleine Staat;",
      "Grote Staat;Atlantis",
      "markt;binnenstad",
      "Avenue Céramique;Ceramique",
      "",
    ].join("\n");
    const { rows, errors } = checkStreetCsv(csv, ["Binnenstad", "Céramique"]);
    expect(rows).toEqual([
      { line: 2, street: "Markt", buurt: "Binnenstad" },
      { line: 7, street: "Avenue Céramique", buurt: "Céramique" },
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      "Regel 3: de straatnaam ontbreekt.",
      "Regel 4: de buurt ontbreekt.",
      'Regel 5: de buurt "Atlantis" bestaat niet. Kijk bij Beheer → Buurten hoe de buurt heet, of maak haar eerst aan.',
      'Regel 6: "markt" in Binnenstad staat al op regel 2.',
    ]);
    expect(checkStreetCsv("naam;wijk\nMarkt;Binnenstad", ["Binnenstad"]).errors[0].message).toMatch(/kolomnamen "straat" en "buurt"/);
    expect(checkStreetCsv("", ["Binnenstad"]).errors[0].message).toBe("Het bestand is leeg.");
  });
});

describe("on PostgreSQL", () => {
  let t: TestDatabase;
  let m: Awaited<ReturnType<typeof createMunicipality>>;
  let teamA: Awaited<ReturnType<typeof createTeam>>;
  let teamB: Awaited<ReturnType<typeof createTeam>>;
  let ended: Awaited<ReturnType<typeof createTeam>>;
  const ids: Record<string, string> = {};
  let adminId: string, coordinatorA: string, memberA: string, coordinatorB: string;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    m = await createMunicipality(t.db);
    await createMunicipality(t.db); // another municipality: never in this one's directory
    teamA = await createTeam(t.db, m.id);
    teamB = await createTeam(t.db, m.id);
    ended = await createTeam(t.db, m.id);
    const { teams } = await import("@wijkwerk/db");
    await t.db.update(teams).set({ activeFrom: "2013-01-01", activeTo: "2016-12-31" }).where(eq(teams.id, ended.id));
    for (const name of ["Noordbuurt", "Zuidbuurt", "Belvédère", "Weesbuurt"]) {
      const [b] = await t.db.insert(buurten).values({ municipalityId: m.id, name }).returning();
      ids[name] = b.id;
    }
    await t.db.insert(buurtAssignments).values([
      // Noordbuurt: the ended team until 2016, A since 2017, B from 2099 on.
      { municipalityId: m.id, buurtId: ids.Noordbuurt, teamId: ended.id, validFrom: "2013-01-01", validTo: "2016-12-31" },
      { municipalityId: m.id, buurtId: ids.Noordbuurt, teamId: teamA.id, validFrom: "2017-01-01", validTo: "2098-12-31" },
      { municipalityId: m.id, buurtId: ids.Noordbuurt, teamId: teamB.id, validFrom: "2099-01-01" },
      { municipalityId: m.id, buurtId: ids.Zuidbuurt, teamId: teamB.id, validFrom: "2017-01-01" },
      { municipalityId: m.id, buurtId: ids["Belvédère"], teamId: teamB.id, validFrom: "2017-01-01" },
      // Weesbuurt: only the ended team, so no team today.
      { municipalityId: m.id, buurtId: ids.Weesbuurt, teamId: ended.id, validFrom: "2013-01-01", validTo: "2016-12-31" },
    ]);
    adminId = (await createUser(t.db, m.id, { scopeRoles: [{ role: "admin" }] })).id;
    coordinatorA = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "coordinator" }] })).id;
    memberA = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "member" }] })).id;
    coordinatorB = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "coordinator" }] })).id;
  });
  afterAll(() => t.drop());

  it("shows the team that serves each buurt today, from the effective-dated assignments", async () => {
    const dir = await loadPublicDirectory(t.db, m.slug);
    const teamOf = (name: string) => dir.buurten.find((b) => b.name === name)?.teamSlug;
    expect(teamOf("Noordbuurt")).toBe(teamA.slug);
    expect(teamOf("Zuidbuurt")).toBe(teamB.slug);
    expect(teamOf("Weesbuurt")).toBeNull();
    expect(dir.teams.map((x) => x.slug).sort()).toEqual([teamA.slug, teamB.slug].sort()); // not the ended team
    expect(dir.teams.find((x) => x.slug === teamB.slug)!.buurten.map((b) => b.name)).toEqual(["Belvédère", "Zuidbuurt"]);
    expect(searchDirectory(dir, "belvedere")).toEqual([
      { kind: "buurt", name: "Belvédère", buurt: { slug: "belvedere", name: "Belvédère" }, team: { slug: teamB.slug, name: teamB.name } },
    ]);
  });

  it("lets only the team's coordinator change its contact details, audited in the same transaction", async () => {
    const input = {
      address: "Plein 1\n6200 AA Maastricht",
      phone: "043 555 00 00",
      email: "Team@Example.org",
      walkInHours: "ma 9-12",
      languages: "Nederlands, Engels",
      helpsWith: "Geldzorgen\nEenzaamheid\n",
    };
    expect(await outcomeOf(updateTeamContact(await teamContext(t.db, memberA, teamA), input))).toMatch(/Forbidden|Cannot execute/i);
    expect(await outcomeOf(updateTeamContact(await teamContext(t.db, coordinatorB, teamA), input))).toMatch(/Forbidden|Cannot execute/i);
    expect(await outcomeOf(updateTeamContact(await teamContext(t.db, coordinatorA, teamA), { ...input, phone: "bel mij" }))).toBe("invalid_input");
    await updateTeamContact(await teamContext(t.db, coordinatorA, teamA), input);
    const [row] = await t.db.select().from(teamContacts).where(eq(teamContacts.teamId, teamA.id));
    expect(row).toMatchObject({ email: "team@example.org", languages: ["Nederlands", "Engels"], helpsWith: ["Geldzorgen", "Eenzaamheid"] });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "team.contact_updated"), eq(auditEvents.teamId, teamA.id)));
    expect(events).toHaveLength(1);
    const dir = await loadPublicDirectory(t.db, m.slug);
    expect(dir.teams.find((x) => x.slug === teamA.slug)!.contact).toMatchObject({ phone: "043 555 00 00", helpsWith: ["Geldzorgen", "Eenzaamheid"] });
  });

  it("RLS: another team's scope cannot write a team's contact details, nor the street list", async () => {
    const scopeB = { kind: "team" as const, municipalityId: m.id, teamId: teamB.id, userId: coordinatorB };
    await expect(
      withScope(t.db, scopeB, (tx) => tx.update(teamContacts).set({ phone: "0" }).where(eq(teamContacts.teamId, teamA.id)).returning()),
    ).resolves.toEqual([]);
    await expect(withScope(t.db, scopeB, (tx) => tx.insert(teamContacts).values({ teamId: ended.id, municipalityId: m.id }))).rejects.toThrow();
    await expect(
      withScope(t.db, scopeB, (tx) => tx.insert(streets).values({ municipalityId: m.id, buurtId: ids.Zuidbuurt, name: "Sluipweg" })),
    ).rejects.toThrow();
  });

  it("imports the street list only after a clean preview, as the admin, replacing the list", async () => {
    const csv = "straat;buurt\nLange Straat;Noordbuurt\nLange Straat;Zuidbuurt\nKorte Weg;Belvedere\n";
    expect(await outcomeOf(previewStreetImport(await teamContext(t.db, coordinatorA, teamA), csv))).toMatch(/Forbidden|Cannot execute/i);
    const admin = await municipalityContext(t.db, adminId);
    expect(await previewStreetImport(admin, csv)).toMatchObject({ added: 3, removed: 0, unchanged: 0, errors: [] });
    expect(await t.db.select().from(streets)).toEqual([]); // the preview wrote nothing
    const refused = await importStreets(admin, csv + "Nergens;Atlantis\n");
    expect(refused).toMatchObject({ imported: false, errors: [{ line: 5 }] });
    expect(await t.db.select().from(streets)).toEqual([]);
    expect(await importStreets(admin, csv)).toMatchObject({ imported: true, added: 3 });
    expect(await importStreets(admin, "straat;buurt\nLange Straat;Noordbuurt\nNieuwe Laan;Zuidbuurt\n")).toMatchObject({
      imported: true,
      added: 1,
      removed: 2,
      unchanged: 1,
    });
    expect((await t.db.select({ name: streets.name }).from(streets)).map((s) => s.name).sort()).toEqual(["Lange Straat", "Nieuwe Laan"]);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "streets.imported"))).toHaveLength(2);
    const hits = searchDirectory(await loadPublicDirectory(t.db, m.slug), "lange");
    expect(hits.map((h) => [h.kind, h.name, h.buurt.name, h.team?.slug])).toEqual([["street", "Lange Straat", "Noordbuurt", teamA.slug]]);
  });

  it("keeps answering with the last copy while another connection locks the tables; 503 when it has none", async () => {
    const cache = createDirectoryCache({ ttlMs: 0, staleWaitMs: 300, firstWaitMs: 300, statementTimeoutMs: 5000 });
    const first = await cache.get(t.db, m.slug);
    // A migration-like lock: every read of teams waits until it ends.
    const other = postgres(t.url!, { max: 1, onnotice: () => {} });
    const reserved = await other.reserve();
    await reserved.unsafe("begin; lock table teams in access exclusive mode");
    try {
      const started = Date.now();
      const served = await cache.get(t.db, m.slug);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(served).toEqual(first);
      const empty = createDirectoryCache({ ttlMs: 60_000, staleWaitMs: 300, firstWaitMs: 300, statementTimeoutMs: 5000 });
      await expect(empty.get(t.db, m.slug)).rejects.toBeInstanceOf(DirectoryUnavailableError);
    } finally {
      await reserved.unsafe("rollback");
      reserved.release();
      await other.end();
    }
    // The lock gone, a fresh copy comes again.
    expect((await cache.get(t.db, m.slug)).teams.length).toBe(2);
  });
});
