// The partner manager's view: only this partner's staff, correct sums, the
// ability check as first wall and row-level security as the second — on real
// PostgreSQL and on PGlite.
import { ForbiddenError } from "@wijkwerk/authz";
import { and, eq, membershipTerms, teamMemberships, teams, users, withScope } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UseCaseContext } from "../src/common";
import { partnerOverview, partnerOverviewCsv } from "../src/partners";
import type { PartnerCsvLabels, PartnerOverview } from "../src/partners/partner-overview";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext } from "./fixtures";

/** The context requirePartnerContext builds for this user and partner. */
async function partnerContext(db: TestDatabase["db"], userId: string, partnerId: string): Promise<UseCaseContext> {
  const base = await municipalityContext(db, userId, "municipality");
  return { ...base, scope: { kind: "partner", municipalityId: base.actor.municipalityId, partnerId, userId } };
}

const LABELS: PartnerCsvLabels = {
  name: "Naam",
  discipline: "Discipline",
  team: "Team",
  role: "Rol",
  hours: "Uren per week",
  roles: { coordinator: "Coördinator", member: "Teamlid", volunteer: "Vrijwilliger" },
};

for (const kind of ["postgres", "pglite"] as const) {
  describe(`partner overview on ${kind}`, () => {
    let t: TestDatabase;
    let municipalityId: string;
    let partnerA: { id: string };
    let partnerB: { id: string };
    let managerA: string;
    let managerB: string;
    let memberId: string;
    const staffOfA = new Set<string>();

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      const m = await createMunicipality(t.db);
      municipalityId = m.id;
      const teamA = await createTeam(t.db, m.id, "a-team");
      const teamB = await createTeam(t.db, m.id, "b-team");
      const ended = await createTeam(t.db, m.id, "c-ended");
      await t.db.update(teams).set({ activeTo: "2016-12-31" }).where(eq(teams.id, ended.id));
      partnerA = await createPartner(t.db, m.id, "partner-a");
      partnerB = await createPartner(t.db, m.id, "partner-b");

      // Partner A: a coordinator in team A, and one person working in both teams.
      const anna = await createUser(t.db, m.id, { name: "Anna Aerts", partnerId: partnerA.id, teamRoles: [{ teamId: teamA.id, role: "coordinator" }] });
      const bart = await createUser(t.db, m.id, {
        name: "Bart Bosch",
        partnerId: partnerA.id,
        teamRoles: [
          { teamId: teamA.id, role: "member" },
          { teamId: teamB.id, role: "member" },
        ],
      });
      await t.db.update(users).set({ discipline: "Maatschappelijk werk" }).where(eq(users.id, bart.id));
      await t.db
        .update(membershipTerms)
        .set({ contractedHoursPerWeek: "8.5", disciplines: ["Maatschappelijk werk"] })
        .where(and(eq(membershipTerms.userId, bart.id), eq(membershipTerms.teamId, teamB.id)));
      // Not counted: a placement in an ended team, and a deactivated account.
      const carla = await createUser(t.db, m.id, { name: "Carla Coenen", partnerId: partnerA.id, teamRoles: [{ teamId: ended.id, role: "member" }] });
      const dirk = await createUser(t.db, m.id, { name: "Dirk Dassen", partnerId: partnerA.id, teamRoles: [{ teamId: teamA.id, role: "member" }] });
      await t.db.update(users).set({ isActive: false }).where(eq(users.id, dirk.id));
      for (const u of [anna, bart, carla, dirk]) staffOfA.add(u.id);

      // Partner B's staff and a volunteer without partner share the same teams.
      memberId = (await createUser(t.db, m.id, { name: "Eva Essers", partnerId: partnerB.id, teamRoles: [{ teamId: teamA.id, role: "member" }] })).id;
      await createUser(t.db, m.id, { name: "Frits Frissen", partnerId: partnerB.id, teamRoles: [{ teamId: teamB.id, role: "coordinator" }] });
      await createUser(t.db, m.id, { name: "Gerda Goossens", teamRoles: [{ teamId: teamA.id, role: "volunteer" }] });

      managerA = (
        await createUser(t.db, m.id, { name: "Manager A", partnerId: partnerA.id, scopeRoles: [{ role: "partner_manager", partnerId: partnerA.id }] })
      ).id;
      managerB = (
        await createUser(t.db, m.id, { name: "Manager B", partnerId: partnerB.id, scopeRoles: [{ role: "partner_manager", partnerId: partnerB.id }] })
      ).id;
    });
    afterAll(() => t.drop());

    it("gives the manager of A only A's staff, per active team, with correct sums", async () => {
      const o = await partnerOverview(await partnerContext(t.db, managerA, partnerA.id));
      expect(o.teams).toEqual([
        { slug: "a-team", name: "Team a-team", coordinators: 1, members: 1, volunteers: 0, contractedHours: 48 },
        { slug: "b-team", name: "Team b-team", coordinators: 0, members: 1, volunteers: 0, contractedHours: 8.5 },
      ]);
      expect(o.staff.map(({ disciplines: _d, secondedTo: _s, ...s }) => s)).toEqual([
        { name: "Anna Aerts", discipline: null, teamSlug: "a-team", teamName: "Team a-team", role: "coordinator", contractedHours: 24 },
        { name: "Bart Bosch", discipline: "Maatschappelijk werk", teamSlug: "a-team", teamName: "Team a-team", role: "member", contractedHours: 24 },
        { name: "Bart Bosch", discipline: "Maatschappelijk werk", teamSlug: "b-team", teamName: "Team b-team", role: "member", contractedHours: 8.5 },
      ]);
      expect(o.totals).toEqual({ people: 2, placements: 3, coordinators: 1, members: 2, volunteers: 0, contractedHours: 56.5 });
    });

    it("gives the manager of B only B's staff", async () => {
      const o = await partnerOverview(await partnerContext(t.db, managerB, partnerB.id));
      expect(o.staff.map((s) => s.name)).toEqual(["Eva Essers", "Frits Frissen"]);
      expect(o.totals).toMatchObject({ people: 2, coordinators: 1, members: 1, contractedHours: 48 });
    });

    it("is forbidden for the manager of A on partner B, for a team member, and outside the partner scope", async () => {
      await expect(partnerOverview(await partnerContext(t.db, managerA, partnerB.id))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(partnerOverview(await partnerContext(t.db, memberId, partnerB.id))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(partnerOverview(await municipalityContext(t.db, managerA, "municipality"))).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("row-level security: an unfiltered select in A's partner scope sees only memberships of A's people", async () => {
      const rows = await withScope(t.db, { kind: "partner", municipalityId, partnerId: partnerA.id, userId: managerA }, (tx) =>
        tx.select().from(teamMemberships),
      );
      expect(rows.length).toBe(5); // Anna, Bart ×2, Carla (ended team), Dirk (inactive): the use case filters those two
      expect(rows.every((r) => staffOfA.has(r.userId))).toBe(true);
      // Without the scope the owner sees all eight memberships: the filter came from RLS.
      expect(await t.db.select().from(teamMemberships)).toHaveLength(8);
    });

    it("exports the staff list as a Dutch CSV", async () => {
      const csv = partnerOverviewCsv(await partnerOverview(await partnerContext(t.db, managerA, partnerA.id)), LABELS);
      expect(csv.split("\r\n")).toEqual([
        "\uFEFFNaam;Discipline;Team;Rol;Uren per week",
        "Anna Aerts;;Team a-team;Coördinator;24,0",
        "Bart Bosch;Maatschappelijk werk;Team a-team;Teamlid;24,0",
        "Bart Bosch;Maatschappelijk werk;Team b-team;Teamlid;8,5",
        "",
      ]);
    });
  });
}

describe("partner overview CSV", () => {
  it("quotes separators, escapes formulas and leaves unknown hours empty", () => {
    const overview: PartnerOverview = {
      teams: [],
      staff: [
        {
          name: "Jansen; J.",
          discipline: '=HYPERLINK("x")',
          teamSlug: "t",
          teamName: 'Team "Noord"',
          role: "volunteer",
          contractedHours: null,
          disciplines: [],
          secondedTo: null,
        },
        { name: "Zoë Peeters", discipline: null, teamSlug: "t", teamName: "Centrum", role: "member", contractedHours: 12.5, disciplines: [], secondedTo: null },
      ],
      totals: { people: 2, placements: 2, coordinators: 0, members: 1, volunteers: 1, contractedHours: 12.5 },
    };
    const lines = partnerOverviewCsv(overview, LABELS).split("\r\n");
    expect(lines[1]).toBe(`"Jansen; J.";"'=HYPERLINK(""x"")";"Team ""Noord""";Vrijwilliger;`);
    expect(lines[2]).toBe("Zoë Peeters;;Centrum;Teamlid;12,5");
  });
});
