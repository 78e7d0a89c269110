// The CASL → drizzle WHERE converter: the SQL text and parameters it builds,
// and one run against real PostgreSQL proving the WHERE returns the right rows.
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, activeTeamMemberships, users } from "@wijkwerk/db";
import { createTestDatabase, type TestDatabase } from "../../core/test/db";
import { createMunicipality, createTeam, createUser } from "../../core/test/fixtures";
import { abilityFromRules, defineAbilityFor, type AppRule } from "./abilities";
import { accessibleWhere, UnmappedFieldError } from "./to-sql";

const dialect = new PgDialect();
const columns = {
  teamId: activeTeamMemberships.teamId,
  role: activeTeamMemberships.role,
  municipalityId: activeTeamMemberships.municipalityId,
  userId: activeTeamMemberships.userId,
};
const A = "aaaaaaaa-0000-4000-8000-000000000001";
const B = "bbbbbbbb-0000-4000-8000-000000000002";

function where(rules: AppRule[], cols: Record<string, (typeof columns)[keyof typeof columns]> = columns) {
  return dialect.sqlToQuery(accessibleWhere(abilityFromRules(rules), "read", "Membership", cols));
}

describe("accessibleWhere: generated SQL", () => {
  it("eq → column = $1", () => {
    const q = where([{ action: "read", subject: "Membership", conditions: { teamId: A } }]);
    expect(q.sql).toBe('"active_team_memberships"."team_id" = $1');
    expect(q.params).toEqual([A]);
  });

  it("$in → column in ($n, …), AND-ed with the other conditions of the rule", () => {
    const q = where([{ action: "read", subject: "Membership", conditions: { teamId: A, role: { $in: ["member", "volunteer"] } } }]);
    expect(q.sql).toBe('("active_team_memberships"."team_id" = $1 and "active_team_memberships"."role" in ($2, $3))');
    expect(q.params).toEqual([A, "member", "volunteer"]);
  });

  it("$ne → column <> $1", () => {
    const q = where([{ action: "read", subject: "Membership", conditions: { role: { $ne: "coordinator" } } }]);
    expect(q.sql).toBe('"active_team_memberships"."role" <> $1');
    expect(q.params).toEqual(["coordinator"]);
  });

  it("$nin → column not in (…)", () => {
    const q = where([{ action: "read", subject: "Membership", conditions: { role: { $nin: ["coordinator"] } } }]);
    expect(q.sql).toBe('"active_team_memberships"."role" not in ($1)');
    expect(q.params).toEqual(["coordinator"]);
  });

  it("several rules are OR-ed", () => {
    const q = where([
      { action: "read", subject: "Membership", conditions: { teamId: A } },
      { action: "read", subject: "Membership", conditions: { teamId: B } },
    ]);
    expect(q.sql).toBe('("active_team_memberships"."team_id" = $1 or "active_team_memberships"."team_id" = $2)');
    expect([...q.params].sort()).toEqual([A, B].sort());
  });

  it("a cannot rule becomes AND NOT", () => {
    const q = where([
      { action: "read", subject: "Membership", conditions: { teamId: A } },
      { action: "read", subject: "Membership", conditions: { role: "coordinator" }, inverted: true },
    ]);
    expect(q.sql).toBe('("active_team_memberships"."team_id" = $1 and not "active_team_memberships"."role" = $2)');
    expect(q.params).toEqual([A, "coordinator"]);
  });

  it("null in a condition becomes IS NULL", () => {
    const q = where([{ action: "read", subject: "Membership", conditions: { teamId: A, userId: null } }]);
    expect(q.sql).toBe('("active_team_memberships"."team_id" = $1 and "active_team_memberships"."user_id" is null)');
    expect(q.params).toEqual([A]);
  });

  it("nothing permitted → false", () => {
    expect(where([]).sql).toBe("false");
    expect(where([{ action: "read", subject: "Team", conditions: { id: A } }]).sql).toBe("false");
    expect(where([{ action: "update", subject: "Membership", conditions: { teamId: A } }]).sql).toBe("false");
    // A cannot rule without conditions overrides everything.
    expect(
      where([
        { action: "read", subject: "Membership", conditions: { teamId: A } },
        { action: "read", subject: "Membership", inverted: true },
      ]).sql,
    ).toBe("false");
  });

  it("a rule without conditions permits every row → true", () => {
    const q = where([{ action: "read", subject: "Membership" }]);
    expect(q.sql).toBe("true");
    expect(q.params).toEqual([]);
  });

  it("an unmapped field throws instead of being ignored", () => {
    expect(() => where([{ action: "read", subject: "Membership", conditions: { teamId: A, secret: 1 } }])).toThrow(UnmappedFieldError);
    expect(() => where([{ action: "read", subject: "Membership", conditions: { teamId: A } }], { role: activeTeamMemberships.role })).toThrow(/teamId/);
  });

  it("the real matrix: a coordinator's invite rule for team A", () => {
    const ability = defineAbilityFor({ userId: "u", municipalityId: "m", teamRoles: [{ teamId: A, role: "coordinator" }], scopeRoles: [] });
    const q = dialect.sqlToQuery(accessibleWhere(ability, "invite", "Membership", columns));
    expect(q.sql).toBe('("active_team_memberships"."team_id" = $1 and "active_team_memberships"."role" in ($2, $3))');
    expect(q.params).toEqual([A, "member", "volunteer"]);
  });
});

describe("accessibleWhere on real PostgreSQL", () => {
  let t: TestDatabase;
  let teamA: { id: string };
  let teamB: { id: string };
  let teamC: { id: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    const m = await createMunicipality(t.db);
    teamA = await createTeam(t.db, m.id);
    teamB = await createTeam(t.db, m.id);
    teamC = await createTeam(t.db, m.id);
    const people: [string, string, "coordinator" | "member" | "volunteer"][] = [
      ["a-coordinator", teamA.id, "coordinator"],
      ["a-member", teamA.id, "member"],
      ["a-volunteer", teamA.id, "volunteer"],
      ["b-coordinator", teamB.id, "coordinator"],
      ["b-member", teamB.id, "member"],
      ["c-member", teamC.id, "member"],
    ];
    for (const [name, teamId, role] of people) ids[name] = (await createUser(t.db, m.id, { name, teamRoles: [{ teamId, role }] })).id;
  });
  afterAll(() => t?.drop());

  async function visible(rules: AppRule[], action: "read" | "invite" = "read"): Promise<string[]> {
    const rows = await t.db
      .select({ name: users.name })
      .from(activeTeamMemberships)
      .innerJoin(users, eq(users.id, activeTeamMemberships.userId))
      .where(accessibleWhere(abilityFromRules(rules), action, "Membership", columns));
    return rows.map((r) => r.name).sort();
  }

  it("OR of two teams, minus a cannot rule, returns exactly those rows", async () => {
    expect(
      await visible([
        { action: "read", subject: "Membership", conditions: { teamId: teamA.id } },
        { action: "read", subject: "Membership", conditions: { teamId: teamB.id } },
        { action: "read", subject: "Membership", conditions: { role: "coordinator" }, inverted: true },
      ]),
    ).toEqual(["a-member", "a-volunteer", "b-member"]);
  });

  it("the coordinator's invite rule matches only grantable roles in its own team", async () => {
    const ability = defineAbilityFor({
      userId: ids["a-coordinator"],
      municipalityId: "m",
      teamRoles: [{ teamId: teamA.id, role: "coordinator" }],
      scopeRoles: [],
    });
    const rows = await t.db
      .select({ name: users.name })
      .from(activeTeamMemberships)
      .innerJoin(users, eq(users.id, activeTeamMemberships.userId))
      .where(accessibleWhere(ability, "invite", "Membership", columns));
    expect(rows.map((r) => r.name).sort()).toEqual(["a-member", "a-volunteer"]);
  });

  it("$ne and $in on the server agree with CASL", async () => {
    expect(await visible([{ action: "read", subject: "Membership", conditions: { role: { $ne: "member" }, teamId: { $in: [teamA.id, teamC.id] } } }])).toEqual([
      "a-coordinator",
      "a-volunteer",
    ]);
  });

  it("nothing permitted returns no rows", async () => {
    expect(await visible([])).toEqual([]);
    expect(await visible([{ action: "read", subject: "Membership", conditions: { teamId: teamA.id } }], "invite")).toEqual([]);
  });
});
