// The permission matrix, declared once and shared by server and UI.
// Code checks permissions (ability.can('invite', …)), never role names.
import { createMongoAbility, detectSubjectType as caslDetectSubjectType, type MongoAbility, type RawRuleOf } from "@casl/ability";

export const TEAM_ROLES = ["coordinator", "member", "volunteer"] as const;
export const SCOPE_ROLES = ["admin", "controller", "partner_manager", "researcher"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export type ScopeRole = (typeof SCOPE_ROLES)[number];
export type RoleName = TeamRole | ScopeRole;

export type Action =
  | "manage"
  | "read"
  | "create"
  | "update"
  | "delete"
  | "invite"
  | "unlock"
  // A partner manager's proposal for a team (packages/core/src/partners/partner-invitations.ts).
  | "confirm"
  | "decline"
  // The spend request's workflow (packages/core/src/workbudget/spend-lifecycle.ts).
  | "submit"
  | "endorse"
  | "approve"
  | "reject"
  | "request_info"
  | "pay"
  | "settle"
  | "evaluate"
  | "cancel"
  // Workgroups (packages/core/src/workgroups/workgroups.ts).
  | "join"
  | "request_join"
  | "post"
  | "moderate"
  | "leave"
  // Success stories (packages/core/src/workgroups/success-stories.ts).
  | "react"
  // Proposals in a workgroup (packages/core/src/workgroups/proposals.ts).
  | "respond"
  | "close"
  // Casework (packages/core/src/casework): the AVG export of a household's file and a transfer to another team.
  | "export"
  | "transfer";
export type SubjectName =
  | "Team"
  | "Membership"
  | "Buurt"
  | "BuurtAssignment"
  | "Partner"
  | "User"
  | "ScopeRole"
  | "Invitation"
  | "AuditEvent"
  | "Settings"
  | "Mailbox"
  | "MunicipalityOverview"
  | "PartnerOverview"
  | "Budget"
  | "Spend"
  | "SpendAttachment"
  | "ReturnNorm"
  | "Workgroup"
  | "WorkgroupAttachment"
  | "Handbook"
  // City-wide success stories and knowledge questions (docs/decisions/0007).
  | "SuccessStory"
  | "KnowledgeQuestion"
  | "KnowledgeAnswer"
  // A workgroup's meetings (with decisions and action items), an action item's done/not done, proposals.
  | "WorkgroupMeeting"
  | "WorkgroupActionItem"
  | "WorkgroupProposal"
  | "Agreement"
  | "TimeRegistration"
  // Delivered numbers of an agreement's products per month; a partner's own hours export and its export tokens.
  | "ProductDelivery"
  | "PartnerExport"
  | "PartnerExportToken"
  // Stripe Issuing: the team's card (controls by the controller) and the coordinator's "Nu betalen".
  | "TeamCard"
  | "CardPayment"
  // The card's full number, CVC and expiry, shown by Stripe's secure display (Issuing Elements): the team's coordinator only.
  | "CardDetails"
  // The team's public contact details (/buurt) and the street → buurt list.
  | "TeamContact"
  | "Street"
  // Buurtservice: the team's offers, requests and matches; counts for everyone professional.
  | "BuurtserviceEntry"
  | "BuurtserviceMatch"
  | "BuurtserviceCounts"
  // Buurtinitiatieven: read by every professional, registered by a team.
  | "NeighbourhoodInitiative"
  // Casework: the household list (reference, initials), a household's case content (subjects carry
  // access: the viewer's right from case_access(), migration 0030), contacts without a case,
  // break-the-glass grants, the read log, and the city-wide sociale kaart.
  | "Household"
  | "Case"
  | "CaseworkContact"
  | "CaseAccessGrant"
  | "CaseReadLog"
  | "SocialMap"
  // Figures from casework (issue 16): the team's tables, the city's (suppressed < 5), the history import,
  // what a team costs per year (recorded by the municipality) and the business case set against it.
  | "CaseworkFigures"
  // The casework figures of several municipalities (one of them, or side by side) for their functional admin.
  | "MunicipalitiesFigures"
  | "CaseworkImport"
  | "TeamCost"
  | "BusinessCase"
  | "all";

/** A plain object tagged with its subject type, e.g. { __type: 'Membership', teamId, role }. */
export type TaggedSubject = { __type: Exclude<SubjectName, "all"> } & Record<string, unknown>;
export type AppAbility = MongoAbility<[Action, SubjectName | TaggedSubject]>;
export type AppRule = RawRuleOf<AppAbility>;

/** What a user holds: team roles per team, and roles outside teams. */
export interface Grants {
  userId: string;
  municipalityId: string;
  teamRoles: { teamId: string; role: TeamRole }[];
  scopeRoles: { role: ScopeRole; partnerId?: string | null }[];
  /** Further municipalities a functional admin administers (admin_municipalities); only with the admin role. */
  adminMunicipalities?: string[];
}

type TeamRuleContext = { teamId: string; municipalityId: string; userId: string };
type ScopeRuleContext = { municipalityId: string; userId: string; partnerId?: string | null };

/** Team roles a grantor with this role may hand out inside the team. */
const GRANTABLE_BY_COORDINATOR: TeamRole[] = ["member", "volunteer"];

/**
 * A professional's own spend requests: write, submit, cancel, evaluate; and
 * their files (quote, receipt): read and add on their own requests, remove
 * what they added themselves. SpendAttachment subjects carry the request's
 * author as spendAuthorId and the uploader as uploadedBy.
 */
const ownSpendRules = (teamId: string, userId: string): AppRule[] => [
  { action: "create", subject: "Spend", conditions: { teamId } },
  { action: ["read", "update", "submit", "cancel", "evaluate"], subject: "Spend", conditions: { teamId, authorId: userId } },
  { action: ["read", "create"], subject: "SpendAttachment", conditions: { teamId, spendAuthorId: userId } },
  { action: "delete", subject: "SpendAttachment", conditions: { teamId, uploadedBy: userId } },
];

/**
 * Workgroup subjects carry the viewer's relation to the group: myRole
 * ('facilitator' | 'member' | null, active memberships only), requested
 * (a pending request to join), isOpen and createdBy. Professionals of any
 * team read open groups and join them; closed groups by request.
 */
const professionalWorkgroupRules = (municipalityId: string): AppRule[] => [
  { action: "read", subject: "Workgroup", conditions: { municipalityId, isOpen: true } },
  { action: "join", subject: "Workgroup", conditions: { municipalityId, isOpen: true, myRole: null } },
  { action: "request_join", subject: "Workgroup", conditions: { municipalityId, isOpen: false, myRole: null, requested: false } },
];

/**
 * The wall of success stories and the knowledge questions, for professionals
 * (coordinators, members) of any team: read and react; write a story for a
 * team they work in; edit or remove their own story; ask and answer
 * questions; mark the most helpful answer to their own question.
 */
const professionalKnowledgeRules = (teamId: string, municipalityId: string, userId: string): AppRule[] => [
  { action: ["read", "react"], subject: "SuccessStory", conditions: { municipalityId } },
  { action: "create", subject: "SuccessStory", conditions: { municipalityId, teamId } },
  { action: ["update", "delete"], subject: "SuccessStory", conditions: { municipalityId, authorId: userId } },
  { action: ["read", "create"], subject: "KnowledgeQuestion", conditions: { municipalityId } },
  { action: "update", subject: "KnowledgeQuestion", conditions: { municipalityId, authorId: userId } },
  { action: "create", subject: "KnowledgeAnswer", conditions: { municipalityId } },
];

/**
 * Everyone, by their place in a group: members read and post, facilitators
 * moderate and manage the group (its members, name, description, open or
 * closed). A member leaves (the last facilitator only after handing over: a
 * rule of the use case); a pending request is withdrawn the same way.
 * WorkgroupAttachment subjects carry the group's myRole and the uploader:
 * the uploader or a facilitator removes a file.
 */
const workgroupMemberRules = (municipalityId: string, userId: string): AppRule[] => [
  { action: ["read", "post", "leave"], subject: "Workgroup", conditions: { municipalityId, myRole: { $in: ["facilitator", "member"] } } },
  { action: "leave", subject: "Workgroup", conditions: { municipalityId, requested: true } },
  { action: ["moderate", "update"], subject: "Workgroup", conditions: { municipalityId, myRole: "facilitator" } },
  { action: "delete", subject: "WorkgroupAttachment", conditions: { municipalityId, uploadedBy: userId } },
  { action: "delete", subject: "WorkgroupAttachment", conditions: { municipalityId, myRole: "facilitator" } },
  // The creator keeps managing members (e.g. a coordinator who started it for others).
  { action: "update", subject: "Workgroup", conditions: { municipalityId, createdBy: userId } },
  // A group's handbook is edited by its members; the city-wide one is read by everyone of the municipality.
  { action: "update", subject: "Handbook", conditions: { municipalityId, workgroupRole: { $in: ["facilitator", "member"] } } },
  { action: "read", subject: "Handbook", conditions: { municipalityId, workgroupId: null } },
  // Meetings (agenda, notes, decisions, action items): its members plan and record them; readers read them with the group.
  { action: ["create", "update"], subject: "WorkgroupMeeting", conditions: { municipalityId, workgroupRole: { $in: ["facilitator", "member"] } } },
  // An action item is ticked off by its owner (while still a member) or by a facilitator.
  { action: "update", subject: "WorkgroupActionItem", conditions: { municipalityId, ownerId: userId, workgroupRole: { $in: ["facilitator", "member"] } } },
  { action: "update", subject: "WorkgroupActionItem", conditions: { municipalityId, workgroupRole: "facilitator" } },
  // Proposals: members put them and respond while open; facilitators close them with an outcome.
  { action: "create", subject: "WorkgroupProposal", conditions: { municipalityId, workgroupRole: { $in: ["facilitator", "member"] } } },
  { action: "respond", subject: "WorkgroupProposal", conditions: { municipalityId, workgroupRole: { $in: ["facilitator", "member"] }, open: true } },
  { action: "close", subject: "WorkgroupProposal", conditions: { municipalityId, workgroupRole: "facilitator", closed: false } },
];

/** Buurtservice: the team's own offers, requests and matches; every team's counts (numbers only). */
const buurtserviceRules = (teamId: string, municipalityId: string): AppRule[] => [
  { action: ["create", "read", "update"], subject: "BuurtserviceEntry", conditions: { teamId } },
  { action: ["create", "read", "update"], subject: "BuurtserviceMatch", conditions: { teamId } },
  { action: "read", subject: "BuurtserviceCounts", conditions: { municipalityId } },
  { action: "read", subject: "NeighbourhoodInitiative", conditions: { municipalityId } },
  { action: ["create", "update"], subject: "NeighbourhoodInitiative", conditions: { teamId } },
];

/**
 * Casework for a team's professionals: the household list and registering
 * contacts and intakes; a case's content only with a right to it (Case
 * subjects carry `access`, the database's case_access()): the case team
 * reads and writes, a break-the-glass grant reads. Everyone professional
 * reads the sociale kaart.
 */
const caseworkRules = (teamId: string, municipalityId: string): AppRule[] => [
  { action: ["create", "read"], subject: "Household", conditions: { teamId } },
  { action: ["create", "read"], subject: "CaseworkContact", conditions: { teamId } },
  { action: "create", subject: "Case", conditions: { teamId } },
  { action: "read", subject: "Case", conditions: { teamId, access: { $in: ["case_team", "break_glass"] } } },
  { action: "update", subject: "Case", conditions: { teamId, access: "case_team" } },
  { action: "read", subject: "SocialMap", conditions: { municipalityId } },
];

/** A professional's own weekly time registration in a team. */
const ownTimeRules = (teamId: string, userId: string): AppRule[] => [
  { action: ["create", "update", "read"], subject: "TimeRegistration", conditions: { teamId, userId } },
];

/**
 * One entry per role. A new subject or action is one more line in the role
 * that gets it; nothing else in the code names roles.
 */
export const teamRoleRules: Record<TeamRole, (c: TeamRuleContext) => AppRule[]> = {
  coordinator: ({ teamId, userId, municipalityId }) => [
    { action: "read", subject: "Team", conditions: { id: teamId } },
    { action: "read", subject: "Membership", conditions: { teamId } },
    { action: "update", subject: "Membership", conditions: { teamId, role: { $in: GRANTABLE_BY_COORDINATOR } } },
    { action: "read", subject: "BuurtAssignment", conditions: { teamId } },
    { action: "invite", subject: "Membership", conditions: { teamId, role: { $in: GRANTABLE_BY_COORDINATOR } } },
    { action: "read", subject: "Invitation", conditions: { teamId } },
    { action: "delete", subject: "Invitation", conditions: { teamId } },
    // A partner manager's proposal of its own staff for this team: the coordinator decides.
    { action: ["confirm", "decline"], subject: "Invitation", conditions: { teamId } },
    ...ownSpendRules(teamId, userId),
    // The whole team's requests; endorsing and evaluating, never one's own endorsement.
    { action: ["read", "evaluate"], subject: "Spend", conditions: { teamId } },
    { action: "endorse", subject: "Spend", conditions: { teamId, authorId: { $ne: userId } } },
    // Before endorsing, the coordinator may also ask the author for more information or decline with a
    // reason (docs/workbudget.md): only while the request waits for them (submitted), never their own.
    { action: ["request_info", "reject"], subject: "Spend", conditions: { teamId, authorId: { $ne: userId }, status: "submitted" } },
    // Files on every request of the team: read and add (a quote the coordinator has); remove only their own (ownSpendRules).
    { action: ["read", "create"], subject: "SpendAttachment", conditions: { teamId } },
    { action: "read", subject: "Budget", conditions: { municipalityId } },
    ...professionalWorkgroupRules(municipalityId),
    ...professionalKnowledgeRules(teamId, municipalityId, userId),
    // Coordinators start workgroups and keep the city-wide handbook.
    { action: "create", subject: "Workgroup", conditions: { municipalityId } },
    { action: "update", subject: "Handbook", conditions: { municipalityId, workgroupId: null } },
    ...ownTimeRules(teamId, userId),
    // The team's registrations (hours only), missing weeks and the discipline matrix.
    { action: "read", subject: "TimeRegistration", conditions: { teamId } },
    { action: "read", subject: "Agreement", conditions: { teamId } },
    // The team's card (never its number: that is Stripe's secure display) and which approved request it pays now.
    { action: "read", subject: "TeamCard", conditions: { teamId } },
    { action: "create", subject: "CardPayment", conditions: { teamId } },
    // Only the coordinator pays with the card, so only they see its details (the controller's "manage TeamCard" does not include them).
    { action: "read", subject: "CardDetails", conditions: { teamId } },
    // The team's public contact details on /buurt.
    { action: "update", subject: "TeamContact", conditions: { teamId } },
    ...buurtserviceRules(teamId, municipalityId),
    ...caseworkRules(teamId, municipalityId),
    // Every file of the team: read, keep, hand to another team, and answer a resident's AVG request (export, erasure, who looked).
    { action: ["read", "update", "delete", "export"], subject: "Case", conditions: { teamId } },
    { action: "transfer", subject: "Household", conditions: { teamId } },
    { action: "read", subject: ["CaseAccessGrant", "CaseReadLog"], conditions: { teamId } },
    { action: ["create", "update"], subject: "SocialMap", conditions: { municipalityId } },
    // The team's figures (no cell suppressed inside the team), its history import and its business case.
    { action: "read", subject: "CaseworkFigures", conditions: { teamId } },
    { action: "create", subject: "CaseworkImport", conditions: { teamId } },
    { action: "read", subject: "BusinessCase", conditions: { teamId } },
  ],
  member: ({ teamId, userId, municipalityId }) => [
    { action: "read", subject: "Team", conditions: { id: teamId } },
    { action: "read", subject: "Membership", conditions: { teamId } },
    { action: "read", subject: "BuurtAssignment", conditions: { teamId } },
    ...ownSpendRules(teamId, userId),
    { action: "read", subject: "Budget", conditions: { municipalityId } },
    ...professionalWorkgroupRules(municipalityId),
    ...professionalKnowledgeRules(teamId, municipalityId, userId),
    ...ownTimeRules(teamId, userId),
    ...buurtserviceRules(teamId, municipalityId),
    ...caseworkRules(teamId, municipalityId),
    // Break-the-glass: a member outside the case team opens a file with a reason, for a while (audited, coordinator told).
    { action: "create", subject: "CaseAccessGrant", conditions: { teamId } },
    { action: "read", subject: "CaseworkFigures", conditions: { teamId } },
  ],
  volunteer: ({ teamId }) => [
    { action: "read", subject: "Team", conditions: { id: teamId } },
    { action: "read", subject: "BuurtAssignment", conditions: { teamId } },
    // Volunteers see who is in the team, not contracts.
    { action: "read", subject: "Membership", conditions: { teamId }, fields: ["name", "role", "partner", "discipline"] },
  ],
};

export const scopeRoleRules: Record<ScopeRole, (c: ScopeRuleContext) => AppRule[]> = {
  admin: ({ municipalityId, userId }) => [
    { action: "manage", subject: "Team", conditions: { municipalityId } },
    { action: "manage", subject: "Buurt", conditions: { municipalityId } },
    { action: "manage", subject: "BuurtAssignment", conditions: { municipalityId } },
    { action: "manage", subject: "Partner", conditions: { municipalityId } },
    { action: "manage", subject: "User", conditions: { municipalityId } },
    { action: "manage", subject: "ScopeRole", conditions: { municipalityId } },
    { action: "manage", subject: "Membership", conditions: { municipalityId } },
    { action: "manage", subject: "Invitation", conditions: { municipalityId } },
    { action: "read", subject: "AuditEvent", conditions: { municipalityId } },
    { action: "manage", subject: "Settings", conditions: { municipalityId } },
    { action: "read", subject: "Mailbox", conditions: { municipalityId } },
    { action: "read", subject: "MunicipalityOverview", conditions: { municipalityId } },
    // The steward of all workgroups: starts them, reads them, manages their members; keeps the city-wide handbook.
    { action: ["create", "read", "update"], subject: "Workgroup", conditions: { municipalityId } },
    { action: "update", subject: "Handbook", conditions: { municipalityId, workgroupId: null } },
    // The wall and the questions: reads and moderates every story (edit, remove), asks and answers; writes no story (no team).
    { action: ["read", "react", "update", "delete"], subject: "SuccessStory", conditions: { municipalityId } },
    { action: ["read", "create"], subject: "KnowledgeQuestion", conditions: { municipalityId } },
    { action: "update", subject: "KnowledgeQuestion", conditions: { municipalityId, authorId: userId } },
    { action: "create", subject: "KnowledgeAnswer", conditions: { municipalityId } },
    { action: "manage", subject: "Agreement", conditions: { municipalityId } },
    { action: "read", subject: "TimeRegistration", conditions: { municipalityId } },
    { action: ["read", "create"], subject: "ProductDelivery", conditions: { municipalityId } },
    { action: "manage", subject: "Street", conditions: { municipalityId } },
    { action: "read", subject: "BuurtserviceCounts", conditions: { municipalityId } },
    { action: "read", subject: "NeighbourhoodInitiative", conditions: { municipalityId } },
    { action: "update", subject: "TeamContact", conditions: { municipalityId } },
    // Keeps the city-wide sociale kaart (no resident data); never a household.
    { action: ["read", "create", "update"], subject: "SocialMap", conditions: { municipalityId } },
  ],
  controller: ({ municipalityId, userId }) => [
    { action: "read", subject: "MunicipalityOverview", conditions: { municipalityId } },
    { action: "read", subject: "BuurtAssignment", conditions: { municipalityId } },
    { action: "manage", subject: "Budget", conditions: { municipalityId } },
    { action: "manage", subject: "ReturnNorm", conditions: { municipalityId } },
    // Procurement: agreed vs delivered hours per agreement (aggregates, no residents).
    { action: "read", subject: "Agreement", conditions: { municipalityId } },
    { action: "read", subject: "TimeRegistration", conditions: { municipalityId } },
    // Records the products a partner delivered per month (as the partner manager can for its own organisation).
    { action: ["read", "create"], subject: "ProductDelivery", conditions: { municipalityId } },
    // Team cards: issue them, set their spending controls, reconcile Stripe with the ledger.
    { action: "manage", subject: "TeamCard", conditions: { municipalityId } },
    { action: ["read", "pay", "settle"], subject: "Spend", conditions: { municipalityId } },
    // Reads the team's evidence; adds none: quotes and receipts come from the team (ask for one with "request_info").
    { action: "read", subject: "SpendAttachment", conditions: { municipalityId } },
    // Never one's own request (a controller can also be in a team).
    { action: ["approve", "reject", "request_info"], subject: "Spend", conditions: { municipalityId, authorId: { $ne: userId } } },
    // Municipality staff: reads the (anonymised, privacy-guarded) wall and questions and reacts; writes nothing there.
    { action: ["read", "react"], subject: "SuccessStory", conditions: { municipalityId } },
    { action: "read", subject: "KnowledgeQuestion", conditions: { municipalityId } },
    { action: "read", subject: "BuurtserviceCounts", conditions: { municipalityId } },
    { action: "read", subject: "NeighbourhoodInitiative", conditions: { municipalityId } },
    { action: "read", subject: "SocialMap", conditions: { municipalityId } },
    // Every team's figures, aggregates only (cells under 5 suppressed); records what each team costs per year.
    { action: "read", subject: ["CaseworkFigures", "BusinessCase"], conditions: { municipalityId } },
    { action: "manage", subject: "TeamCost", conditions: { municipalityId } },
  ],
  partner_manager: ({ municipalityId, partnerId }) =>
    partnerId
      ? [
          { action: "read", subject: "PartnerOverview", conditions: { municipalityId, partnerId } },
          { action: "read", subject: "Partner", conditions: { id: partnerId } },
          // Its own agreements and its own staff's hours (counts and hours only).
          { action: "read", subject: "Agreement", conditions: { municipalityId, partnerId } },
          { action: "read", subject: "TimeRegistration", conditions: { municipalityId, partnerId } },
          // Records its own organisation's delivered products per month; downloads its staff's hours (no double
          // registration) and mints/revokes the export tokens its own systems use for that one endpoint.
          { action: ["read", "create"], subject: "ProductDelivery", conditions: { municipalityId, partnerId } },
          { action: "read", subject: "PartnerExport", conditions: { municipalityId, partnerId } },
          { action: ["read", "create", "delete"], subject: "PartnerExportToken", conditions: { municipalityId, partnerId } },
          // Proposes its own staff for any team of the municipality, as member only and employed by its own
          // organisation; nothing goes out until the team's coordinator confirms. Reads its own proposals.
          { action: "create", subject: "Invitation", conditions: { municipalityId, partnerId, role: "member", confirmation: "awaiting" } },
          { action: "read", subject: "Invitation", conditions: { municipalityId, partnerId } },
        ]
      : [],
  // The municipality's research office (Onderzoek & Statistiek): every team's figures and the business case,
  // aggregates only (cells under 5 suppressed); never a household, a request or a person.
  researcher: ({ municipalityId }) => [{ action: "read", subject: ["CaseworkFigures", "BusinessCase", "TeamCost"], conditions: { municipalityId } }],
};

/**
 * The functional admin of several municipalities (issue 16): the casework figures of each municipality they
 * administer, their own included — aggregates, suppressed; never a team's own view, a household or a request.
 * An admin of one municipality gets nothing here (the controller and the research office read its figures).
 */
function adminOfSeveralRules(grants: Grants): AppRule[] {
  const others = (grants.adminMunicipalities ?? []).filter((m) => m !== grants.municipalityId);
  if (!grants.scopeRoles.some((r) => r.role === "admin") || others.length === 0) return [];
  return [{ action: "read", subject: "MunicipalitiesFigures", conditions: { municipalityId: { $in: [grants.municipalityId, ...others] } } }];
}

export function rulesFor(grants: Grants): AppRule[] {
  const { municipalityId, userId } = grants;
  return [
    ...grants.teamRoles.flatMap(({ teamId, role }) => teamRoleRules[role]({ teamId, municipalityId, userId })),
    ...grants.scopeRoles.flatMap(({ role, partnerId }) => scopeRoleRules[role]({ municipalityId, userId, partnerId })),
    ...workgroupMemberRules(municipalityId, userId),
    ...adminOfSeveralRules(grants),
    // Everyone manages their own account (password, MFA, sessions).
    { action: "update", subject: "User", conditions: { id: userId } },
    { action: "read", subject: "User", conditions: { id: userId } },
  ];
}

export function detectSubjectType(subject: unknown): TaggedSubject["__type"] {
  if (subject && typeof subject === "object" && "__type" in subject) return (subject as TaggedSubject).__type;
  return caslDetectSubjectType(subject as never) as TaggedSubject["__type"];
}

export function abilityFromRules(rules: AppRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules, { detectSubjectType });
}

export function defineAbilityFor(grants: Grants): AppAbility {
  return abilityFromRules(rulesFor(grants));
}

/** Tags a plain object with its subject type for ability checks. */
export function as<T extends Record<string, unknown>>(type: TaggedSubject["__type"], object: T): T & TaggedSubject {
  return { ...object, __type: type };
}
