// chooseScope: the one rule for which row-level-security scope a person with
// one or several roles gets, per need. The table here is the one in
// docs/architecture.md ("One checkpoint").
import { describe, expect, it } from "vitest";
import type { Grants, ScopeRole, TeamRole } from "@wijkwerk/authz";
import { chooseScope, oncePerRequest, type Need } from "./checkpoint.server";

const M = "00000000-0000-4000-8000-000000000001";
const U = "00000000-0000-4000-8000-000000000002";
const TEAM = { id: "00000000-0000-4000-8000-000000000003", municipalityId: M };
const OTHER_TEAM = { id: "00000000-0000-4000-8000-000000000004", municipalityId: M };
const PARTNER = "00000000-0000-4000-8000-000000000005";

function grants(scopeRoles: ScopeRole[], teamRoles: TeamRole[] = []): Grants {
  return {
    userId: U,
    municipalityId: M,
    teamRoles: teamRoles.map((role) => ({ teamId: TEAM.id, role })),
    scopeRoles: scopeRoles.map((role) => ({ role, partnerId: role === "partner_manager" ? PARTNER : null })),
  };
}

const NEEDS = {
  administration: { kind: "municipality", action: "manage", subject: "Settings" },
  overview: { kind: "municipality", action: "read", subject: "MunicipalityOverview" },
  agreements: { kind: "municipality", action: "read", subject: "Agreement" },
  spends: { kind: "municipality", action: "read", subject: "Spend" },
  budgets: { kind: "municipality", action: "manage", subject: "Budget" },
  initiatives: { kind: "municipality", action: "read", subject: "NeighbourhoodInitiative" },
  team: { kind: "team", team: TEAM },
  otherTeam: { kind: "team", team: OTHER_TEAM },
  partner: { kind: "partner", partnerId: PARTNER },
  workgroups: { kind: "workgroup" },
} satisfies Record<string, Need>;

type Row = [label: string, grants: Grants, expected: Partial<Record<keyof typeof NEEDS, string | null>>];

// null: no access (the checkpoint answers 404). Needs not named in a row: null, except workgroups (always 'workgroup').
const TABLE: Row[] = [
  ["admin", grants(["admin"]), { administration: "admin", overview: "admin", agreements: "admin", initiatives: "admin" }],
  [
    "controller",
    grants(["controller"]),
    { overview: "municipality", agreements: "municipality", spends: "municipality", budgets: "municipality", initiatives: "municipality" },
  ],
  [
    "admin + controller",
    grants(["admin", "controller"]),
    { administration: "admin", overview: "admin", agreements: "admin", spends: "municipality", budgets: "municipality", initiatives: "admin" },
  ],
  ["partner manager", grants(["partner_manager"]), { partner: "partner" }],
  ["coordinator", grants([], ["coordinator"]), { team: "team", initiatives: "municipality" }],
  ["member", grants([], ["member"]), { team: "team", initiatives: "municipality" }],
  ["volunteer", grants([], ["volunteer"]), { team: "team" }],
  [
    "admin + coordinator",
    grants(["admin"], ["coordinator"]),
    { administration: "admin", overview: "admin", agreements: "admin", initiatives: "admin", team: "team" },
  ],
  [
    "controller + member",
    grants(["controller"], ["member"]),
    { overview: "municipality", agreements: "municipality", spends: "municipality", budgets: "municipality", initiatives: "municipality", team: "team" },
  ],
  ["nothing", grants([]), {}],
];

describe("chooseScope", () => {
  for (const [label, g, expected] of TABLE) {
    it(`${label}`, () => {
      const actual = Object.fromEntries(Object.entries(NEEDS).map(([name, need]) => [name, chooseScope(g, need)?.kind ?? null]));
      const want = Object.fromEntries(
        Object.keys(NEEDS).map((name) => [name, expected[name as keyof typeof NEEDS] ?? (name === "workgroups" ? "workgroup" : null)]),
      );
      expect(actual).toEqual(want);
    });
  }

  it("fills the scope's ids from the grants and the need", () => {
    expect(chooseScope(grants([], ["member"]), NEEDS.team)).toEqual({ kind: "team", municipalityId: M, teamId: TEAM.id, userId: U });
    expect(chooseScope(grants(["partner_manager"]), NEEDS.partner)).toEqual({ kind: "partner", municipalityId: M, partnerId: PARTNER, userId: U });
    expect(chooseScope(grants(["admin", "controller"]), NEEDS.spends)).toEqual({ kind: "municipality", municipalityId: M, userId: U });
  });

  it("never gives a partner manager another partner's scope", () => {
    expect(chooseScope(grants(["partner_manager"]), { kind: "partner", partnerId: OTHER_TEAM.id })).toBeNull();
  });
});

describe("oncePerRequest", () => {
  const get = () => new Request("http://x/gemeente/werkbudget");
  const counted = () => {
    let calls = 0;
    return { load: async () => ++calls, calls: () => calls };
  };

  it("answers the loaders of one GET request once, per key", async () => {
    const context = { ip: null };
    const c = counted();
    const answers = await Promise.all([oncePerRequest(get(), context, "a", c.load), oncePerRequest(get(), context, "a", c.load)]);
    expect(answers).toEqual([1, 1]);
    expect(c.calls()).toBe(1);
    expect(await oncePerRequest(get(), context, "b", c.load)).toBe(2);
  });

  it("never shares between requests, without a load context, or for an action", async () => {
    const c = counted();
    await oncePerRequest(get(), { ip: null }, "a", c.load);
    await oncePerRequest(get(), { ip: null }, "a", c.load);
    expect(c.calls()).toBe(2);
    await oncePerRequest(get(), undefined, "a", c.load);
    await oncePerRequest(get(), undefined, "a", c.load);
    expect(c.calls()).toBe(4);
    const context = { ip: null };
    const post = () => new Request("http://x/gemeente/werkbudget", { method: "POST", body: "" });
    await oncePerRequest(post(), context, "a", c.load);
    await oncePerRequest(post(), context, "a", c.load);
    expect(c.calls()).toBe(6);
  });
});
