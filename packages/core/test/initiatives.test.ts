// Buurtinitiatieven (issue 19, slice 3) on PostgreSQL: a team registers and
// ends its own, every professional reads all of them, counted per team and
// year (new / active); RLS keeps writes to the team and the public scope out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, buurtAssignments, buurten, eq, neighbourhoodInitiatives, withScope } from "@wijkwerk/db";
import { endInitiative, initiativeCounts, listInitiatives, registerInitiative } from "../src/neighbourhood";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

describe("neighbourhood initiatives", () => {
  let t: TestDatabase;
  let teamA: Awaited<ReturnType<typeof createTeam>>;
  let teamB: Awaited<ReturnType<typeof createTeam>>;
  let north: string, elsewhere: string;
  let memberA: string, memberB: string, controller: string, volunteerA: string;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    const m = await createMunicipality(t.db);
    teamA = await createTeam(t.db, m.id);
    teamB = await createTeam(t.db, m.id);
    north = (await t.db.insert(buurten).values({ municipalityId: m.id, name: "Noord" }).returning())[0].id;
    elsewhere = (await t.db.insert(buurten).values({ municipalityId: m.id, name: "Elders" }).returning())[0].id;
    await t.db.insert(buurtAssignments).values([
      { municipalityId: m.id, buurtId: north, teamId: teamA.id, validFrom: "2017-01-01" },
      { municipalityId: m.id, buurtId: elsewhere, teamId: teamB.id, validFrom: "2017-01-01" },
    ]);
    memberA = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "member" }] })).id;
    volunteerA = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "volunteer" }] })).id;
    memberB = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "member" }] })).id;
    controller = (await createUser(t.db, m.id, { scopeRoles: [{ role: "controller" }] })).id;
  });
  afterAll(() => t.drop());

  it("registers in the team's own buurt, checks the text, audits; ends not before the start", async () => {
    const a = await teamContext(t.db, memberA, teamA);
    const input = {
      buurtId: north,
      name: "Repair Café Noord",
      description: "Elke maand samen spullen repareren.",
      startedOn: "2016-05-01",
      contactOrganisation: "Trajekt",
      teamHelpedStart: true,
    };
    expect(await outcomeOf(registerInitiative(a, { ...input, buurtId: elsewhere }))).toBe("buurtservice_buurt_not_served");
    expect(await outcomeOf(registerInitiative(a, { ...input, description: "Bel 06-12345678" }))).toBe("personal_data");
    expect(await outcomeOf(registerInitiative(await teamContext(t.db, volunteerA, teamA), input))).toMatch(/Forbidden|Cannot execute/i);
    const repair = await registerInitiative(a, input);
    const garden = await registerInitiative(a, { ...input, name: "Buurttuin", startedOn: "2017-03-01", teamHelpedStart: false });
    await registerInitiative(a, { ...input, name: "Koffieochtend", startedOn: "2017-09-01" });
    expect(await outcomeOf(endInitiative(a, repair.id, "2016-01-01"))).toBe("initiative_end_before_start");
    await endInitiative(a, repair.id, "2016-12-31");
    expect(await outcomeOf(endInitiative(a, repair.id, "2017-01-01"))).toBe("initiative_already_ended");
    // Another team cannot end it (404, RLS and the team filter).
    expect(await outcomeOf(endInitiative(await teamContext(t.db, memberB, teamB), garden.id, "2018-01-01"))).toBe("not_found");
    expect((await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, repair.id))).map((e) => e.action).sort()).toEqual([
      "initiative.ended",
      "initiative.registered",
    ]);
  });

  it("every professional reads all initiatives and the counts per team and year", async () => {
    for (const ctx of [await teamContext(t.db, memberB, teamB), await municipalityContext(t.db, controller, "municipality")]) {
      expect((await listInitiatives(ctx)).map((i) => [i.name, i.endedOn])).toEqual([
        ["Koffieochtend", null],
        ["Buurttuin", null],
        ["Repair Café Noord", "2016-12-31"],
      ]);
      expect(await initiativeCounts(ctx, 2016)).toEqual([{ teamId: teamA.id, teamName: teamA.name, new: 1, active: 1, newWithTeamHelp: 1 }]);
      expect(await initiativeCounts(ctx, 2017)).toEqual([{ teamId: teamA.id, teamName: teamA.name, new: 2, active: 2, newWithTeamHelp: 1 }]);
    }
  });

  it("RLS: another team cannot write them, the public scope cannot read them", async () => {
    const scopeB = { kind: "team" as const, municipalityId: teamA.municipalityId, teamId: teamB.id, userId: memberB };
    await expect(
      withScope(t.db, scopeB, (tx) =>
        tx
          .insert(neighbourhoodInitiatives)
          .values({ municipalityId: teamA.municipalityId, teamId: teamA.id, buurtId: north, name: "x", startedOn: "2020-01-01", createdBy: memberB }),
      ),
    ).rejects.toThrow();
    expect(await withScope(t.db, scopeB, (tx) => tx.update(neighbourhoodInitiatives).set({ endedOn: "2030-01-01" }).returning())).toEqual([]);
    const rows = await t.db.transaction(async (tx) => {
      const { sql } = await import("@wijkwerk/db");
      await tx.execute(
        sql`select set_config('app.scope', 'public', true), set_config('app.municipality_id', ${teamA.municipalityId}, true), set_config('role', 'app_user', true)`,
      );
      return tx.select().from(neighbourhoodInitiatives);
    });
    expect(rows).toEqual([]);
  });
});
