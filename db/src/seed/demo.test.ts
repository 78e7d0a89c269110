import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../packages/core/test/db";
import { and, buurtAssignments, buurten, eq, isNull, streets, teamContacts, teamMembershipPeriods, teams, users } from "../index";
import { DOMAIN_TEAMS_2017 } from "./demo.expected";
import { seedDemo } from "./demo";

describe("demo seed", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    expect(await seedDemo(t.db)).toEqual({ created: true });
  });
  afterAll(() => t.drop());

  it("has the eight 2017 teams and every buurt currently with the right team", async () => {
    const current = await t.db
      .select({ team: teams.slug, buurt: buurten.name })
      .from(buurtAssignments)
      .innerJoin(teams, eq(teams.id, buurtAssignments.teamId))
      .innerJoin(buurten, eq(buurten.id, buurtAssignments.buurtId))
      .where(isNull(buurtAssignments.validTo));
    const active = await t.db.select({ slug: teams.slug }).from(teams).where(isNull(teams.activeTo));
    expect(active.map((r) => r.slug).sort()).toEqual(Object.keys(DOMAIN_TEAMS_2017).sort());
    for (const [slug, names] of Object.entries(DOMAIN_TEAMS_2017)) {
      expect(
        current
          .filter((c) => c.team === slug)
          .map((c) => c.buurt)
          .sort(),
      ).toEqual([...names].sort());
    }
    const buurtNames = current.map((c) => c.buurt);
    expect(new Set(buurtNames).size).toBe(buurtNames.length);
  });

  it("keeps the 2016 six-team situation ending 31-12-2016, and the pilot's history before it", async () => {
    const rows = await t.db
      .select({ team: teams.slug, buurt: buurten.name, validFrom: buurtAssignments.validFrom })
      .from(buurtAssignments)
      .innerJoin(teams, eq(teams.id, buurtAssignments.teamId))
      .innerJoin(buurten, eq(buurten.id, buurtAssignments.buurtId))
      .where(eq(buurtAssignments.validTo, "2016-12-31"));
    expect(new Set(rows.map((r) => r.team)).size).toBe(6);
    // Seed 003: the pilot from 2013, its five buurten from 1 March 2014; the other teams from 2016.
    const from = (team: string, buurt: string) => rows.find((r) => r.team === team && r.buurt === buurt)?.validFrom;
    expect(from("caberg-malpertuis", "Caberg")).toBe("2013-01-01");
    expect(from("caberg-malpertuis", "Malberg")).toBe("2014-03-01");
    expect(rows.filter((r) => r.team !== "caberg-malpertuis").every((r) => r.validFrom === "2016-01-01")).toBe(true);
  });

  it("creates the demo accounts of the README and is idempotent", async () => {
    const emails = [
      "admin@wijkwerk.demo",
      "controller@wijkwerk.demo",
      "volunteer.mariaberg@wijkwerk.demo",
      "manager.trajekt@wijkwerk.demo",
      "manager.mee@wijkwerk.demo",
      "manager.mondriaan@wijkwerk.demo",
      ...Object.keys(DOMAIN_TEAMS_2017).flatMap((s) => [`coordinator.${s}@wijkwerk.demo`, `member.${s}@wijkwerk.demo`]),
    ];
    for (const email of emails)
      expect(
        (
          await t.db
            .select()
            .from(users)
            .where(and(eq(users.email, email)))
        ).length,
        email,
      ).toBe(1);
    const before = (await t.db.select().from(users)).length;
    expect(await seedDemo(t.db)).toEqual({ created: false });
    expect((await t.db.select().from(users)).length).toBe(before);
  });

  it("gives every buurt streets and every 2017 team its public contact details (the team finder /buurt)", async () => {
    const all = await t.db.select({ id: buurten.id, name: buurten.name }).from(buurten);
    const withStreets = new Set((await t.db.select({ buurtId: streets.buurtId }).from(streets)).map((s) => s.buurtId));
    expect(all.filter((b) => !withStreets.has(b.id)).map((b) => b.name)).toEqual([]);
    const contacts = await t.db.select({ slug: teams.slug, phone: teamContacts.phone }).from(teamContacts).innerJoin(teams, eq(teams.id, teamContacts.teamId));
    expect(contacts.map((c) => c.slug).sort()).toEqual(Object.keys(DOMAIN_TEAMS_2017).sort());
    expect(contacts.every((c) => c.phone !== "")).toBe(true);
  });

  it("gives the pilot team (ended 31-12-2016) its coordinator, who imports the pilot's history in the demo history", async () => {
    const rows = await t.db
      .select({
        email: users.email,
        role: teamMembershipPeriods.role,
        from: teamMembershipPeriods.validFrom,
        to: teamMembershipPeriods.validTo,
        secondedTo: teamMembershipPeriods.secondedTo,
      })
      .from(teamMembershipPeriods)
      .innerJoin(teams, eq(teams.id, teamMembershipPeriods.teamId))
      .innerJoin(users, eq(users.id, teamMembershipPeriods.userId))
      .where(eq(teams.slug, "caberg-malpertuis"))
      .orderBy(teamMembershipPeriods.validFrom);
    // Seconded to Sociale Zaken from 2015 until 1-1-2017 (seeds 000, 001).
    expect(rows).toEqual([
      { email: "coordinator.caberg-bosscherveld@wijkwerk.demo", role: "coordinator", from: "2013-01-01", to: "2015-01-01", secondedTo: null },
      {
        email: "coordinator.caberg-bosscherveld@wijkwerk.demo",
        role: "coordinator",
        from: "2015-01-01",
        to: "2017-01-01",
        secondedTo: "Gemeente Maastricht, Sociale Zaken",
      },
      { email: "coordinator.caberg-bosscherveld@wijkwerk.demo", role: "coordinator", from: "2017-01-01", to: null, secondedTo: null },
    ]);
  });
});
