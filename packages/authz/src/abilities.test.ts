// The permission matrix, role by role, with the negatives that matter most:
// other teams, other municipalities, roles a grantor may not hand out, and
// fields a role may not read.
import { describe, expect, it } from "vitest";
import {
  as,
  defineAbilityFor,
  rulesFor,
  SCOPE_ROLES,
  TEAM_ROLES,
  type Action,
  type Grants,
  type ScopeRole,
  type TaggedSubject,
  type TeamRole,
} from "./abilities";

const M1 = "00000000-0000-4000-8000-000000000001";
const M2 = "00000000-0000-4000-8000-000000000002";
const TEAM_A = "aaaaaaaa-0000-4000-8000-000000000001";
const TEAM_B = "bbbbbbbb-0000-4000-8000-000000000002";
const PARTNER_P = "cccccccc-0000-4000-8000-000000000001";
const PARTNER_Q = "cccccccc-0000-4000-8000-000000000002";
const USER = "dddddddd-0000-4000-8000-000000000001";
const OTHER_USER = "dddddddd-0000-4000-8000-000000000002";

function grants(
  opts: { teamRoles?: { teamId: string; role: TeamRole }[]; scopeRoles?: { role: ScopeRole; partnerId?: string | null }[]; municipalityId?: string } = {},
): Grants {
  return { userId: USER, municipalityId: opts.municipalityId ?? M1, teamRoles: opts.teamRoles ?? [], scopeRoles: opts.scopeRoles ?? [] };
}
const teamUser = (role: TeamRole, teamId = TEAM_A) => defineAbilityFor(grants({ teamRoles: [{ teamId, role }] }));
const scopeUser = (role: ScopeRole, partnerId?: string) => defineAbilityFor(grants({ scopeRoles: [{ role, partnerId: partnerId ?? null }] }));

// Subjects as the code builds them (team objects carry teamId and municipalityId).
const team = (id: string, municipalityId = M1) => as("Team", { id, municipalityId });
const membership = (teamId: string, role: TeamRole = "member", municipalityId = M1) => as("Membership", { teamId, role, municipalityId });
const assignment = (teamId: string, municipalityId = M1) => as("BuurtAssignment", { teamId, municipalityId });
const invitation = (teamId: string, municipalityId = M1) => as("Invitation", { teamId, municipalityId });
const inMunicipality = (type: TaggedSubject["__type"], municipalityId = M1) => as(type, { municipalityId });

describe("coordinator of team A", () => {
  const ability = teamUser("coordinator");

  it("confirms or declines partner proposals for its own team only", () => {
    for (const action of ["confirm", "decline"] as const) {
      expect(ability.can(action, as("Invitation", { municipalityId: M1, teamId: TEAM_A }))).toBe(true);
      expect(ability.can(action, as("Invitation", { municipalityId: M1, teamId: TEAM_B }))).toBe(false);
    }
    expect(teamUser("member").can("confirm", as("Invitation", { municipalityId: M1, teamId: TEAM_A }))).toBe(false);
  });

  it("reads its own team, members, buurten and invitations", () => {
    expect(ability.can("read", team(TEAM_A))).toBe(true);
    expect(ability.can("read", membership(TEAM_A))).toBe(true);
    expect(ability.can("read", membership(TEAM_A), "contractedHoursPerWeek")).toBe(true);
    expect(ability.can("read", assignment(TEAM_A))).toBe(true);
    expect(ability.can("read", invitation(TEAM_A))).toBe(true);
    expect(ability.can("delete", invitation(TEAM_A))).toBe(true);
  });

  it("invites members and volunteers into team A", () => {
    expect(ability.can("invite", membership(TEAM_A, "member"))).toBe(true);
    expect(ability.can("invite", membership(TEAM_A, "volunteer"))).toBe(true);
    expect(ability.can("update", membership(TEAM_A, "volunteer"))).toBe(true);
  });

  it("cannot invite a coordinator, nor make someone coordinator", () => {
    expect(ability.can("invite", membership(TEAM_A, "coordinator"))).toBe(false);
    expect(ability.can("update", membership(TEAM_A, "coordinator"))).toBe(false);
  });

  it("cannot invite into team B, nor read anything of team B", () => {
    expect(ability.can("invite", membership(TEAM_B, "member"))).toBe(false);
    expect(ability.can("invite", membership(TEAM_B, "volunteer"))).toBe(false);
    expect(ability.can("read", team(TEAM_B))).toBe(false);
    expect(ability.can("read", membership(TEAM_B))).toBe(false);
    expect(ability.can("read", assignment(TEAM_B))).toBe(false);
    expect(ability.can("read", invitation(TEAM_B))).toBe(false);
    expect(ability.can("delete", invitation(TEAM_B))).toBe(false);
  });

  it("has no administration rights", () => {
    for (const s of ["Settings", "AuditEvent", "User", "ScopeRole", "Partner", "Buurt", "Mailbox", "MunicipalityOverview", "PartnerOverview"] as const) {
      expect(ability.can("read", inMunicipality(s)), s).toBe(false);
      expect(ability.can("manage", inMunicipality(s)), s).toBe(false);
    }
    expect(ability.can("update", team(TEAM_A))).toBe(false);
    expect(ability.can("delete", membership(TEAM_A))).toBe(false);
  });
});

describe("member of team A", () => {
  const ability = teamUser("member");

  it("reads its own team, members (incl. contracts) and buurten", () => {
    expect(ability.can("read", team(TEAM_A))).toBe(true);
    expect(ability.can("read", membership(TEAM_A))).toBe(true);
    expect(ability.can("read", membership(TEAM_A), "contractedHoursPerWeek")).toBe(true);
    expect(ability.can("read", assignment(TEAM_A))).toBe(true);
  });

  it("cannot invite anyone, nor see or revoke invitations", () => {
    for (const role of TEAM_ROLES) expect(ability.can("invite", membership(TEAM_A, role)), role).toBe(false);
    expect(ability.can("read", invitation(TEAM_A))).toBe(false);
    expect(ability.can("delete", invitation(TEAM_A))).toBe(false);
    expect(ability.can("update", membership(TEAM_A, "member"))).toBe(false);
  });

  it("sees nothing of team B", () => {
    expect(ability.can("read", team(TEAM_B))).toBe(false);
    expect(ability.can("read", membership(TEAM_B))).toBe(false);
    expect(ability.can("read", assignment(TEAM_B))).toBe(false);
  });
});

describe("volunteer of team A", () => {
  const ability = teamUser("volunteer");

  it("sees who is in the team, but not their contracts", () => {
    expect(ability.can("read", membership(TEAM_A))).toBe(true);
    expect(ability.can("read", membership(TEAM_A), "name")).toBe(true);
    expect(ability.can("read", membership(TEAM_A), "role")).toBe(true);
    expect(ability.can("read", membership(TEAM_A), "contractedHoursPerWeek")).toBe(false);
    expect(ability.can("read", membership(TEAM_A), "email")).toBe(false);
  });

  it("reads the team and its buurten, nothing more", () => {
    expect(ability.can("read", team(TEAM_A))).toBe(true);
    expect(ability.can("read", assignment(TEAM_A))).toBe(true);
    expect(ability.can("invite", membership(TEAM_A, "volunteer"))).toBe(false);
    expect(ability.can("read", invitation(TEAM_A))).toBe(false);
    expect(ability.can("read", membership(TEAM_B))).toBe(false);
  });
});

describe("functional admin of municipality M1", () => {
  const ability = scopeUser("admin");
  const managed = ["Team", "Buurt", "BuurtAssignment", "Partner", "User", "ScopeRole", "Membership", "Invitation", "Settings"] as const;

  it("manages the structure, users and settings of M1", () => {
    for (const s of managed) {
      for (const action of ["read", "create", "update", "delete", "manage"] as Action[])
        expect(ability.can(action, inMunicipality(s, M1)), `${action} ${s}`).toBe(true);
    }
    expect(ability.can("invite", membership(TEAM_A, "coordinator"))).toBe(true);
    expect(ability.can("read", inMunicipality("AuditEvent"))).toBe(true);
    expect(ability.can("read", inMunicipality("Mailbox"))).toBe(true);
    expect(ability.can("read", inMunicipality("MunicipalityOverview"))).toBe(true);
  });

  it("can do nothing at all in municipality M2", () => {
    const subjects = [...managed, "AuditEvent", "Mailbox", "MunicipalityOverview", "PartnerOverview"] as const;
    for (const s of subjects) {
      for (const action of ["read", "create", "update", "delete", "invite", "unlock", "manage"] as Action[]) {
        expect(ability.can(action, inMunicipality(s, M2)), `${action} ${s} in M2`).toBe(false);
      }
    }
    expect(ability.can("invite", membership(TEAM_B, "member", M2))).toBe(false);
  });

  it("may not rewrite the audit log", () => {
    expect(ability.can("update", inMunicipality("AuditEvent"))).toBe(false);
    expect(ability.can("delete", inMunicipality("AuditEvent"))).toBe(false);
  });

  it("has no partner-manager view", () => {
    expect(ability.can("read", inMunicipality("PartnerOverview"))).toBe(false);
  });
});

describe("budget controller", () => {
  const ability = scopeUser("controller");

  it("reads the municipality overview and the buurt assignments", () => {
    expect(ability.can("read", inMunicipality("MunicipalityOverview"))).toBe(true);
    expect(ability.can("read", assignment(TEAM_A))).toBe(true);
  });

  it("cannot manage settings nor administer anything", () => {
    expect(ability.can("manage", inMunicipality("Settings"))).toBe(false);
    expect(ability.can("update", inMunicipality("Settings"))).toBe(false);
    expect(ability.can("read", inMunicipality("Settings"))).toBe(false);
    for (const s of ["Team", "User", "ScopeRole", "Invitation", "Partner", "Buurt"] as const) expect(ability.can("manage", inMunicipality(s)), s).toBe(false);
    expect(ability.can("read", inMunicipality("AuditEvent"))).toBe(false);
    expect(ability.can("read", inMunicipality("Mailbox"))).toBe(false);
  });

  it("reads no team members (personal data stays in the team)", () => {
    expect(ability.can("read", membership(TEAM_A))).toBe(false);
    expect(ability.can("read", team(TEAM_A))).toBe(false);
  });

  it("sees nothing of another municipality", () => {
    expect(ability.can("read", inMunicipality("MunicipalityOverview", M2))).toBe(false);
    expect(ability.can("read", assignment(TEAM_B, M2))).toBe(false);
  });
});

describe("partner manager of partner P", () => {
  const ability = scopeUser("partner_manager", PARTNER_P);

  it("reads its own partner's overview", () => {
    expect(ability.can("read", as("PartnerOverview", { municipalityId: M1, partnerId: PARTNER_P }))).toBe(true);
    expect(ability.can("read", as("Partner", { id: PARTNER_P, municipalityId: M1 }))).toBe(true);
  });

  it("sees nothing of another partner", () => {
    expect(ability.can("read", as("PartnerOverview", { municipalityId: M1, partnerId: PARTNER_Q }))).toBe(false);
    expect(ability.can("read", as("Partner", { id: PARTNER_Q, municipalityId: M1 }))).toBe(false);
    expect(ability.can("read", as("PartnerOverview", { municipalityId: M2, partnerId: PARTNER_P }))).toBe(false);
  });

  it("cannot change its partner, nor read teams or the municipality overview", () => {
    expect(ability.can("update", as("Partner", { id: PARTNER_P, municipalityId: M1 }))).toBe(false);
    expect(ability.can("read", membership(TEAM_A))).toBe(false);
    expect(ability.can("read", inMunicipality("MunicipalityOverview"))).toBe(false);
    expect(ability.can("manage", inMunicipality("Settings"))).toBe(false);
  });

  it("proposes only its own staff, as member, for any team; never confirms or invites directly", () => {
    const proposal = (over: Record<string, unknown> = {}) =>
      as("Invitation", { municipalityId: M1, partnerId: PARTNER_P, teamId: TEAM_A, role: "member", confirmation: "awaiting", ...over });
    expect(ability.can("create", proposal())).toBe(true);
    expect(ability.can("create", proposal({ teamId: TEAM_B }))).toBe(true);
    expect(ability.can("create", proposal({ role: "coordinator" }))).toBe(false);
    expect(ability.can("create", proposal({ role: "volunteer" }))).toBe(false);
    expect(ability.can("create", proposal({ partnerId: PARTNER_Q }))).toBe(false);
    expect(ability.can("create", proposal({ municipalityId: M2 }))).toBe(false);
    expect(ability.can("create", proposal({ confirmation: null }))).toBe(false);
    expect(ability.can("read", proposal())).toBe(true);
    expect(ability.can("read", proposal({ partnerId: PARTNER_Q }))).toBe(false);
    expect(ability.can("confirm", proposal())).toBe(false);
    expect(ability.can("decline", proposal())).toBe(false);
    expect(ability.can("invite", as("Membership", { municipalityId: M1, teamId: TEAM_A, role: "member" }))).toBe(false);
  });

  it("a partner_manager role without a partner grants nothing", () => {
    const none = defineAbilityFor(grants({ scopeRoles: [{ role: "partner_manager", partnerId: null }] }));
    expect(none.can("read", as("PartnerOverview", { municipalityId: M1, partnerId: PARTNER_P }))).toBe(false);
    expect(none.can("read", "PartnerOverview")).toBe(false);
  });
});

describe("figures from casework (issue 16)", () => {
  const teamFigures = (teamId: string, municipalityId = M1) => as("CaseworkFigures", { teamId, municipalityId });
  it("team members and the coordinator read their own team's figures, not another team's; the volunteer none", () => {
    for (const role of ["coordinator", "member"] as const) {
      expect(teamUser(role).can("read", teamFigures(TEAM_A)), role).toBe(true);
      expect(teamUser(role).can("read", teamFigures(TEAM_B)), role).toBe(false);
      expect(teamUser(role).can("read", inMunicipality("CaseworkFigures")), role).toBe(false);
    }
    expect(teamUser("volunteer").can("read", teamFigures(TEAM_A))).toBe(false);
    expect(teamUser("coordinator").can("create", as("CaseworkImport", { teamId: TEAM_A }))).toBe(true);
    expect(teamUser("member").can("create", as("CaseworkImport", { teamId: TEAM_A }))).toBe(false);
  });

  it("the research office reads every team's figures of its municipality and nothing of a household, request or person", () => {
    const ability = scopeUser("researcher");
    expect(ability.can("read", inMunicipality("CaseworkFigures"))).toBe(true);
    expect(ability.can("read", teamFigures(TEAM_B))).toBe(true);
    expect(ability.can("read", inMunicipality("CaseworkFigures", M2))).toBe(false);
    expect(ability.can("read", inMunicipality("BusinessCase"))).toBe(true);
    expect(ability.can("update", inMunicipality("TeamCost"))).toBe(false);
    for (const subject of ["Household", "Case", "CaseworkContact", "Spend", "Membership", "User", "MunicipalityOverview", "Budget"] as const)
      expect(ability.can("read", as(subject, { municipalityId: M1, teamId: TEAM_A })), subject).toBe(false);
  });

  it("the controller reads every team's figures and records what a team costs; partner managers and the admin see no casework figures", () => {
    expect(scopeUser("controller").can("read", inMunicipality("CaseworkFigures"))).toBe(true);
    expect(scopeUser("controller").can("update", inMunicipality("TeamCost"))).toBe(true);
    expect(scopeUser("partner_manager", PARTNER_P).can("read", inMunicipality("CaseworkFigures"))).toBe(false);
    expect(scopeUser("admin").can("read", inMunicipality("CaseworkFigures"))).toBe(false);
  });
});

describe("a user in several teams", () => {
  // Member in A, coordinator in B: rights follow the role per team.
  const ability = defineAbilityFor(
    grants({
      teamRoles: [
        { teamId: TEAM_A, role: "member" },
        { teamId: TEAM_B, role: "coordinator" },
      ],
    }),
  );

  it("reads both teams", () => {
    expect(ability.can("read", team(TEAM_A))).toBe(true);
    expect(ability.can("read", team(TEAM_B))).toBe(true);
    expect(ability.can("read", membership(TEAM_A))).toBe(true);
    expect(ability.can("read", membership(TEAM_B))).toBe(true);
  });

  it("invites only where coordinator", () => {
    expect(ability.can("invite", membership(TEAM_B, "member"))).toBe(true);
    expect(ability.can("invite", membership(TEAM_A, "member"))).toBe(false);
    expect(ability.can("read", invitation(TEAM_B))).toBe(true);
    expect(ability.can("read", invitation(TEAM_A))).toBe(false);
  });

  it("a third team stays invisible", () => {
    const teamC = "eeeeeeee-0000-4000-8000-000000000003";
    expect(ability.can("read", team(teamC))).toBe(false);
    expect(ability.can("read", membership(teamC))).toBe(false);
  });

  it("volunteer in A and member in B: the field restriction applies only in A", () => {
    const mixed = defineAbilityFor(
      grants({
        teamRoles: [
          { teamId: TEAM_A, role: "volunteer" },
          { teamId: TEAM_B, role: "member" },
        ],
      }),
    );
    expect(mixed.can("read", membership(TEAM_A), "contractedHoursPerWeek")).toBe(false);
    expect(mixed.can("read", membership(TEAM_B), "contractedHoursPerWeek")).toBe(true);
  });
});

describe("every role", () => {
  const all: { name: string; grants: Grants }[] = [
    ...TEAM_ROLES.map((role) => ({ name: role, grants: grants({ teamRoles: [{ teamId: TEAM_A, role }] }) })),
    ...SCOPE_ROLES.map((role) => ({ name: role, grants: grants({ scopeRoles: [{ role, partnerId: role === "partner_manager" ? PARTNER_P : null }] }) })),
    { name: "no role", grants: grants() },
  ];

  it.each(all)("$name manages its own account and no one else's", ({ grants: g }) => {
    const ability = defineAbilityFor(g);
    expect(ability.can("update", as("User", { id: USER, municipalityId: M1 }))).toBe(true);
    expect(ability.can("read", as("User", { id: USER, municipalityId: M1 }))).toBe(true);
    // Only the admin may touch other users (in its own municipality).
    const isAdmin = g.scopeRoles.some((r) => r.role === "admin");
    expect(ability.can("update", as("User", { id: OTHER_USER, municipalityId: M1 }))).toBe(isAdmin);
    expect(ability.can("update", as("User", { id: OTHER_USER, municipalityId: M2 }))).toBe(false);
  });

  it.each(all)("$name never gets rules on the catch-all subject", ({ grants: g }) => {
    expect(rulesFor(g).some((r) => r.subject === "all")).toBe(false);
    expect(rulesFor(g).some((r) => !r.inverted && !r.conditions)).toBe(false);
  });

  it("a user with no role sees no team", () => {
    const ability = defineAbilityFor(grants());
    expect(ability.can("read", team(TEAM_A))).toBe(false);
    expect(ability.can("read", membership(TEAM_A))).toBe(false);
  });
});

describe("partner agreements and time registration", () => {
  const hours = (teamId: string, userId: string, municipalityId = M1) => as("TimeRegistration", { teamId, userId, municipalityId });
  const teamHours = (teamId: string) => as("TimeRegistration", { teamId, municipalityId: M1 });
  const partnerHours = (partnerId: string, municipalityId = M1) => as("TimeRegistration", { partnerId, municipalityId });
  const agreement = (partnerId: string, municipalityId = M1) => as("Agreement", { partnerId, municipalityId });

  it("members register only their own hours in their own team, and do not see the team's", () => {
    const ability = teamUser("member");
    expect(ability.can("create", hours(TEAM_A, USER))).toBe(true);
    expect(ability.can("create", hours(TEAM_A, OTHER_USER))).toBe(false);
    expect(ability.can("create", hours(TEAM_B, USER))).toBe(false);
    expect(ability.can("read", teamHours(TEAM_A))).toBe(false);
  });

  it("coordinators also read their team's hours and agreed contributions, not another team's", () => {
    const ability = teamUser("coordinator");
    expect(ability.can("read", teamHours(TEAM_A))).toBe(true);
    expect(ability.can("read", teamHours(TEAM_B))).toBe(false);
    expect(ability.can("read", as("Agreement", { teamId: TEAM_A }))).toBe(true);
  });

  it("volunteers register no hours", () => {
    expect(teamUser("volunteer").can("create", hours(TEAM_A, USER))).toBe(false);
  });

  it("a partner manager reads its own partner's agreements and hours only, and writes nothing", () => {
    const ability = scopeUser("partner_manager", PARTNER_P);
    expect(ability.can("read", agreement(PARTNER_P))).toBe(true);
    expect(ability.can("read", partnerHours(PARTNER_P))).toBe(true);
    expect(ability.can("read", agreement(PARTNER_Q))).toBe(false);
    expect(ability.can("read", partnerHours(PARTNER_Q))).toBe(false);
    expect(ability.can("update", agreement(PARTNER_P))).toBe(false);
    expect(ability.can("read", inMunicipality("Spend"))).toBe(false);
  });

  it("the admin manages agreements; the controller reads them; both only in their municipality", () => {
    expect(scopeUser("admin").can("update", agreement(PARTNER_P))).toBe(true);
    expect(scopeUser("admin").can("update", agreement(PARTNER_P, M2))).toBe(false);
    expect(scopeUser("controller").can("read", agreement(PARTNER_P))).toBe(true);
    expect(scopeUser("controller").can("update", agreement(PARTNER_P))).toBe(false);
    expect(scopeUser("controller").can("read", inMunicipality("TimeRegistration", M2))).toBe(false);
  });
});
describe("workgroups (subjects carry the viewer's relation to the group)", () => {
  const group = (o: { isOpen?: boolean; myRole?: "facilitator" | "member" | null; requested?: boolean; createdBy?: string; municipalityId?: string } = {}) =>
    as("Workgroup", {
      municipalityId: o.municipalityId ?? M1,
      isOpen: o.isOpen ?? true,
      myRole: o.myRole ?? null,
      requested: o.requested ?? false,
      createdBy: o.createdBy ?? OTHER_USER,
    });

  it("professionals read and join open groups, ask to join closed ones once, and post only as members", () => {
    for (const role of ["coordinator", "member"] as const) {
      const ability = teamUser(role);
      expect(ability.can("read", group()), role).toBe(true);
      expect(ability.can("join", group()), role).toBe(true);
      expect(ability.can("post", group()), role).toBe(false);
      expect(ability.can("read", group({ isOpen: false })), role).toBe(false);
      expect(ability.can("join", group({ isOpen: false })), role).toBe(false);
      expect(ability.can("request_join", group({ isOpen: false })), role).toBe(true);
      expect(ability.can("request_join", group({ isOpen: false, requested: true })), role).toBe(false);
      expect(ability.can("post", group({ isOpen: false, myRole: "member" })), role).toBe(true);
      expect(ability.can("moderate", group({ myRole: "member" })), role).toBe(false);
      expect(ability.can("read", group({ municipalityId: M2 })), role).toBe(false);
    }
    expect(teamUser("coordinator").can("create", inMunicipality("Workgroup"))).toBe(true);
    expect(teamUser("member").can("create", inMunicipality("Workgroup"))).toBe(false);
  });

  it("volunteers, partner managers and the controller see only groups they are members of; facilitators moderate", () => {
    for (const ability of [teamUser("volunteer"), scopeUser("partner_manager", PARTNER_P), scopeUser("controller")]) {
      expect(ability.can("read", group())).toBe(false);
      expect(ability.can("join", group())).toBe(false);
      expect(ability.can("request_join", group({ isOpen: false }))).toBe(false);
      expect(ability.can("create", inMunicipality("Workgroup"))).toBe(false);
      expect(ability.can("read", group({ isOpen: false, myRole: "facilitator" }))).toBe(true);
      expect(ability.can("moderate", group({ isOpen: false, myRole: "facilitator" }))).toBe(true);
      expect(ability.can("moderate", group({ isOpen: false, myRole: "member" }))).toBe(false);
    }
  });

  it("the admin creates and manages every group of the municipality; the creator keeps managing members", () => {
    const admin = scopeUser("admin");
    expect(admin.can("create", inMunicipality("Workgroup"))).toBe(true);
    expect(admin.can("update", group({ isOpen: false }))).toBe(true);
    expect(admin.can("read", group({ isOpen: false }))).toBe(true);
    expect(admin.can("moderate", group({ isOpen: false }))).toBe(false);
    expect(admin.can("read", group({ municipalityId: M2 }))).toBe(false);
    expect(teamUser("coordinator").can("update", group({ createdBy: USER }))).toBe(true);
    expect(teamUser("coordinator").can("update", group())).toBe(false);
  });

  it("the city-wide handbook: everyone reads, coordinators and the admin edit; a group's handbook is edited by its members", () => {
    const city = (municipalityId = M1) => as("Handbook", { municipalityId, workgroupId: null });
    expect(scopeUser("partner_manager", PARTNER_P).can("read", city())).toBe(true);
    expect(teamUser("member").can("update", city())).toBe(false);
    expect(teamUser("coordinator").can("update", city())).toBe(true);
    expect(scopeUser("admin").can("update", city())).toBe(true);
    expect(teamUser("coordinator").can("update", city(M2))).toBe(false);
    const groupPage = (workgroupRole: string | null) => as("Handbook", { municipalityId: M1, workgroupId: TEAM_B, workgroupRole });
    expect(teamUser("member").can("update", groupPage("member"))).toBe(true);
    expect(teamUser("member").can("update", groupPage(null))).toBe(false);
  });
  it("meetings, action items and proposals: members write, owners and facilitators tick off, facilitators close; readers and others do not", () => {
    const sub = (type: "WorkgroupMeeting" | "WorkgroupActionItem" | "WorkgroupProposal", o: Record<string, unknown>) => as(type, { municipalityId: M1, ...o });
    for (const ability of [teamUser("member"), teamUser("volunteer"), scopeUser("partner_manager", PARTNER_P), scopeUser("controller")]) {
      expect(ability.can("create", sub("WorkgroupMeeting", { workgroupRole: "member" }))).toBe(true);
      expect(ability.can("create", sub("WorkgroupMeeting", { workgroupRole: null }))).toBe(false);
      expect(ability.can("create", sub("WorkgroupMeeting", { workgroupRole: "member", municipalityId: M2 }))).toBe(false);
      expect(ability.can("create", sub("WorkgroupProposal", { workgroupRole: "member" }))).toBe(true);
      expect(ability.can("respond", sub("WorkgroupProposal", { workgroupRole: "member", open: true }))).toBe(true);
      expect(ability.can("respond", sub("WorkgroupProposal", { workgroupRole: "member", open: false }))).toBe(false);
      expect(ability.can("respond", sub("WorkgroupProposal", { workgroupRole: null, open: true }))).toBe(false);
      expect(ability.can("close", sub("WorkgroupProposal", { workgroupRole: "member", closed: false }))).toBe(false);
      expect(ability.can("close", sub("WorkgroupProposal", { workgroupRole: "facilitator", closed: false }))).toBe(true);
      expect(ability.can("close", sub("WorkgroupProposal", { workgroupRole: "facilitator", closed: true }))).toBe(false);
      expect(ability.can("update", sub("WorkgroupActionItem", { workgroupRole: "member", ownerId: USER }))).toBe(true);
      expect(ability.can("update", sub("WorkgroupActionItem", { workgroupRole: null, ownerId: USER }))).toBe(false);
      expect(ability.can("update", sub("WorkgroupActionItem", { workgroupRole: "member", ownerId: OTHER_USER }))).toBe(false);
      expect(ability.can("update", sub("WorkgroupActionItem", { workgroupRole: "facilitator", ownerId: OTHER_USER }))).toBe(true);
    }
    // The admin reads every group (steward) but does not write in one it is not a member of.
    expect(scopeUser("admin").can("create", sub("WorkgroupMeeting", { workgroupRole: null }))).toBe(false);
    expect(scopeUser("admin").can("close", sub("WorkgroupProposal", { workgroupRole: null, closed: false }))).toBe(false);
  });

  it("members leave (a requester withdraws); only facilitators (and the creator, the admin) manage members and the group's text", () => {
    const member = teamUser("member");
    expect(member.can("leave", group({ myRole: "member" }))).toBe(true);
    expect(member.can("leave", group({ myRole: "facilitator" }))).toBe(true);
    expect(member.can("leave", group({ isOpen: false, requested: true }))).toBe(true);
    expect(member.can("leave", group())).toBe(false);
    expect(member.can("leave", group({ myRole: "member", municipalityId: M2 }))).toBe(false);
    expect(member.can("update", group({ myRole: "member" }))).toBe(false);
    expect(member.can("update", group({ myRole: "facilitator" }))).toBe(true);
    expect(scopeUser("partner_manager", PARTNER_P).can("update", group({ myRole: "facilitator" }))).toBe(true);
  });

  it("a thread's file is removed by its uploader or a facilitator of the group", () => {
    const file = (o: { uploadedBy?: string; myRole?: "facilitator" | "member" | null; municipalityId?: string }) =>
      as("WorkgroupAttachment", { municipalityId: o.municipalityId ?? M1, uploadedBy: o.uploadedBy ?? OTHER_USER, myRole: o.myRole ?? null });
    const member = teamUser("member");
    expect(member.can("delete", file({ uploadedBy: USER, myRole: "member" }))).toBe(true);
    expect(member.can("delete", file({ myRole: "member" }))).toBe(false);
    expect(member.can("delete", file({ myRole: "facilitator" }))).toBe(true);
    expect(member.can("delete", file({ myRole: "facilitator", municipalityId: M2 }))).toBe(false);
    expect(scopeUser("admin").can("delete", file({}))).toBe(false);
  });
});

describe("success stories and knowledge questions", () => {
  const story = (o: { municipalityId?: string; teamId?: string; authorId?: string } = {}) =>
    as("SuccessStory", { municipalityId: M1, teamId: TEAM_A, authorId: OTHER_USER, ...o });
  const question = (o: { municipalityId?: string; authorId?: string } = {}) => as("KnowledgeQuestion", { municipalityId: M1, authorId: OTHER_USER, ...o });

  it("professionals read and react, write a story only for their own team, edit only their own", () => {
    for (const role of ["coordinator", "member"] as const) {
      const a = teamUser(role);
      expect(a.can("read", story())).toBe(true);
      expect(a.can("react", story())).toBe(true);
      expect(a.can("create", story({ teamId: TEAM_A }))).toBe(true);
      expect(a.can("create", story({ teamId: TEAM_B }))).toBe(false);
      expect(a.can("update", story())).toBe(false);
      expect(a.can("delete", story())).toBe(false);
      expect(a.can("update", story({ authorId: USER }))).toBe(true);
      expect(a.can("delete", story({ authorId: USER }))).toBe(true);
      expect(a.can("read", story({ municipalityId: M2 }))).toBe(false);
    }
  });

  it("professionals ask and answer; only the asker marks the most helpful answer", () => {
    const a = teamUser("member");
    expect(a.can("create", inMunicipality("KnowledgeQuestion"))).toBe(true);
    expect(a.can("create", inMunicipality("KnowledgeAnswer"))).toBe(true);
    expect(a.can("update", question({ authorId: USER }))).toBe(true);
    expect(a.can("update", question())).toBe(false);
    expect(a.can("read", question({ municipalityId: M2 }))).toBe(false);
  });

  it("the admin reads and moderates every story but writes none; the controller reads and reacts only", () => {
    const admin = scopeUser("admin");
    expect(admin.can("update", story())).toBe(true);
    expect(admin.can("delete", story())).toBe(true);
    expect(admin.can("create", story())).toBe(false);
    expect(admin.can("update", story({ municipalityId: M2 }))).toBe(false);
    expect(admin.can("create", inMunicipality("KnowledgeAnswer"))).toBe(true);
    const controller = scopeUser("controller");
    expect(controller.can("read", story())).toBe(true);
    expect(controller.can("react", story())).toBe(true);
    expect(controller.can("update", story())).toBe(false);
    expect(controller.can("read", question())).toBe(true);
    expect(controller.can("create", inMunicipality("KnowledgeQuestion"))).toBe(false);
    expect(controller.can("create", inMunicipality("KnowledgeAnswer"))).toBe(false);
  });

  it("volunteers and partner managers do not see the wall or the questions", () => {
    for (const a of [teamUser("volunteer"), scopeUser("partner_manager", PARTNER_P)]) {
      expect(a.can("read", story())).toBe(false);
      expect(a.can("read", question())).toBe(false);
      expect(a.can("create", inMunicipality("KnowledgeAnswer"))).toBe(false);
    }
  });
});
