// Casework's second wall (migration 0030), on PostgreSQL and PGlite, below
// the use cases: whoever is not in the case team, not the coordinator and
// holds no live break-the-glass grant reads no row of a household's content,
// whatever query the code sends; the whole team's professionals see the list
// (reference, initials) only; volunteers, other teams, the municipality and
// the functional admin see nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgets, buurten, sql, withScope, type Scope } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser } from "./fixtures";

const CONTENT_TABLES = [
  "household_profiles",
  "household_persons",
  "cases",
  "case_involved",
  "case_goals",
  "case_arrangements",
  "case_arrangement_goals",
  "zrm_measurements",
  "zrm_scores",
  "case_referrals",
];

for (const kind of ["postgres", "pglite"] as const) {
  describe(`casework RLS (${kind})`, () => {
    let t: TestDatabase;
    let m: { id: string };
    let teamA: { id: string }, teamB: { id: string };
    let intaker: string, regisseur: string, otherMember: string, coordinator: string, volunteer: string, memberB: string, admin: string, controller: string;
    let household: string, caseId: string, buurt: string;

    const team = (userId: string, teamId = teamA.id): Scope => ({ kind: "team", municipalityId: m.id, teamId, userId });
    const rows = async (scope: Scope, query: ReturnType<typeof sql>) => {
      const r = (await withScope(t.db, scope, (tx) => tx.execute(query))) as unknown as { rows?: unknown[] } & unknown[];
      return (r.rows ?? r) as Record<string, unknown>[];
    };
    const contentVisible = async (scope: Scope) => {
      const seen: Record<string, number> = {};
      for (const table of CONTENT_TABLES) seen[table] = Number((await rows(scope, sql.raw(`select count(*)::int as n from ${table}`)))[0].n);
      return seen;
    };

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      m = await createMunicipality(t.db);
      teamA = await createTeam(t.db, m.id);
      teamB = await createTeam(t.db, m.id);
      buurt = (await t.db.insert(buurten).values({ municipalityId: m.id, name: "Noord" }).returning())[0].id;
      const role = (r: "coordinator" | "member" | "volunteer", teamId = teamA.id) => ({ teamRoles: [{ teamId, role: r }] });
      intaker = (await createUser(t.db, m.id, role("member"))).id;
      regisseur = (await createUser(t.db, m.id, role("member"))).id;
      otherMember = (await createUser(t.db, m.id, role("member"))).id;
      coordinator = (await createUser(t.db, m.id, role("coordinator"))).id;
      volunteer = (await createUser(t.db, m.id, role("volunteer"))).id;
      memberB = (await createUser(t.db, m.id, role("member", teamB.id))).id;
      admin = (await createUser(t.db, m.id, { scopeRoles: [{ role: "admin" }] })).id;
      controller = (await createUser(t.db, m.id, { scopeRoles: [{ role: "controller" }] })).id;

      // The intake, as the member who does it: household, first case, then the content. The first case is
      // inserted without RETURNING: its SELECT policy cannot see a row of the statement that inserts it.
      household = (
        await rows(
          team(intaker),
          sql`insert into households (municipality_id, team_id, reference, initials, buurt_id) values (${m.id}, ${teamA.id}, 'AA-0001', 'J.J.', ${buurt}) returning id`,
        )
      )[0].id as string;
      caseId = crypto.randomUUID();
      await rows(
        team(intaker),
        sql`insert into cases (id, municipality_id, team_id, household_id, intake_on, entry_route, question_type, regisseur_id, created_by)
            values (${caseId}, ${m.id}, ${teamA.id}, ${household}, '2026-11-02', 'gp', 'multiple', ${regisseur}, ${intaker})`,
      );
      await rows(
        team(intaker),
        sql`insert into household_profiles (household_id, municipality_id, team_id, household_type) values (${household}, ${m.id}, ${teamA.id}, 'single_parent')`,
      );
      await rows(
        team(intaker),
        sql`insert into household_persons (municipality_id, team_id, household_id, name, role) values (${m.id}, ${teamA.id}, ${household}, 'Jan Jansen', 'adult')`,
      );
      const g = await rows(
        team(regisseur),
        sql`insert into case_goals (municipality_id, team_id, case_id, household_id, life_domain, description, goal_type) values (${m.id}, ${teamA.id}, ${caseId}, ${household}, 'finances', 'Schulden op orde', 'improve') returning id`,
      );
      const a = await rows(
        team(regisseur),
        sql`insert into case_arrangements (municipality_id, team_id, case_id, household_id, layer, provider_name) values (${m.id}, ${teamA.id}, ${caseId}, ${household}, 'general', 'Schuldhulp') returning id`,
      );
      await rows(
        team(regisseur),
        sql`insert into case_arrangement_goals (municipality_id, team_id, household_id, arrangement_id, goal_id) values (${m.id}, ${teamA.id}, ${household}, ${a[0].id as string}, ${g[0].id as string})`,
      );
      const z = await rows(
        team(regisseur),
        sql`insert into zrm_measurements (municipality_id, team_id, case_id, household_id, measured_on, created_by) values (${m.id}, ${teamA.id}, ${caseId}, ${household}, '2026-11-02', ${regisseur}) returning id`,
      );
      await rows(
        team(regisseur),
        sql`insert into zrm_scores (municipality_id, team_id, household_id, measurement_id, domain, score) values (${m.id}, ${teamA.id}, ${household}, ${z[0].id as string}, 'finances', 2)`,
      );
      await rows(
        team(regisseur),
        sql`insert into case_referrals (municipality_id, team_id, case_id, household_id, destination, referred_on) values (${m.id}, ${teamA.id}, ${caseId}, ${household}, 'wmo', '2026-11-03')`,
      );
      await rows(
        team(regisseur),
        sql`insert into case_involved (municipality_id, team_id, case_id, household_id, user_id) values (${m.id}, ${teamA.id}, ${caseId}, ${household}, ${regisseur})`,
      );
    });
    afterAll(() => t.drop());

    it("the case team and the coordinator read every part of the file, each by their own right", async () => {
      for (const who of [intaker, regisseur, coordinator]) {
        const seen = await contentVisible(team(who));
        expect(Object.values(seen).every((n) => n === 1)).toBe(true);
      }
      expect((await rows(team(regisseur), sql`select case_access(${household}::uuid) as a`))[0].a).toBe("case_team");
      expect((await rows(team(coordinator), sql`select case_access(${household}::uuid) as a`))[0].a).toBe("coordinator");
    });

    it("another member of the team sees the list line, not the content, and cannot write into it", async () => {
      expect(await rows(team(otherMember), sql`select reference, initials from households`)).toEqual([{ reference: "AA-0001", initials: "J.J." }]);
      expect(Object.values(await contentVisible(team(otherMember))).every((n) => n === 0)).toBe(true);
      await expect(
        rows(
          team(otherMember),
          sql`insert into case_goals (municipality_id, team_id, case_id, household_id, life_domain, description, goal_type) values (${m.id}, ${teamA.id}, ${caseId}, ${household}, 'housing', 'x', 'improve')`,
        ),
      ).rejects.toThrow();
      // Nor open a second case on a household that already has one.
      await expect(
        rows(
          team(otherMember),
          sql`insert into cases (municipality_id, team_id, household_id, intake_on, entry_route, question_type, regisseur_id, created_by) values (${m.id}, ${teamA.id}, ${household}, '2026-11-05', 'self', 'single', ${otherMember}, ${otherMember})`,
        ),
      ).rejects.toThrow();
    });

    it("break-the-glass: a member's own grant opens the file until it expires; at most 8 hours, with a reason", async () => {
      await expect(
        rows(
          team(otherMember),
          sql`insert into case_access_grants (municipality_id, team_id, household_id, user_id, reason, expires_at) values (${m.id}, ${teamA.id}, ${household}, ${otherMember}, 'kort', now() + interval '1 hour')`,
        ),
      ).rejects.toThrow();
      await expect(
        rows(
          team(otherMember),
          sql`insert into case_access_grants (municipality_id, team_id, household_id, user_id, reason, expires_at) values (${m.id}, ${teamA.id}, ${household}, ${otherMember}, 'Inwoner belt met spoedvraag', now() + interval '9 hours')`,
        ),
      ).rejects.toThrow();
      await rows(
        team(otherMember),
        sql`insert into case_access_grants (municipality_id, team_id, household_id, user_id, reason, expires_at) values (${m.id}, ${teamA.id}, ${household}, ${otherMember}, 'Inwoner belt met spoedvraag', now() + interval '1 hour')`,
      );
      expect((await rows(team(otherMember), sql`select case_access(${household}::uuid) as a`))[0].a).toBe("break_glass");
      expect((await contentVisible(team(otherMember))).cases).toBe(1);
      // Expired: closed again (set as the owner, as time would).
      await t.db.execute(
        sql`update case_access_grants set granted_at = now() - interval '3 hours', expires_at = now() - interval '1 second' where user_id = ${otherMember}`,
      );
      expect((await contentVisible(team(otherMember))).cases).toBe(0);
    });

    it("volunteers, other teams, the controller and the functional admin see nothing at all", async () => {
      const outsiders: Scope[] = [
        team(volunteer),
        team(memberB, teamB.id),
        // A member of team B asking in team A's scope (a forged tenant) is not a member there.
        team(memberB),
        { kind: "municipality", municipalityId: m.id, userId: controller },
        { kind: "admin", municipalityId: m.id, userId: admin },
        { kind: "workgroup", municipalityId: m.id, userId: regisseur },
      ];
      for (const scope of outsiders) {
        expect(Number((await rows(scope, sql`select count(*)::int as n from households`))[0].n)).toBe(0);
        expect(Object.values(await contentVisible(scope)).every((n) => n === 0)).toBe(true);
        expect(Number((await rows(scope, sql`select count(*)::int as n from case_read_log`))[0].n)).toBe(0);
      }
    });

    it("a spend request points only to a household of its own team", async () => {
      const hb = await rows(
        team(memberB, teamB.id),
        sql`insert into households (municipality_id, team_id, reference, initials, buurt_id) values (${m.id}, ${teamB.id}, 'BB-0001', 'K.', ${buurt}) returning id`,
      );
      const [budget] = await t.db.insert(budgets).values({ municipalityId: m.id, year: 2026, name: "Werkbudget 2026" }).returning();
      const budgetId = budget.id;
      const insertSpend = (householdId: string) =>
        t.db.execute(sql`insert into spend_requests (municipality_id, team_id, budget_id, author_id, amount_cents, household_id)
          values (${m.id}, ${teamA.id}, ${budgetId}, ${intaker}, 1000, ${householdId})`);
      await expect(insertSpend(hb[0].id as string)).rejects.toThrow();
      await expect(insertSpend(household)).resolves.toBeDefined();
    });
  });
}
