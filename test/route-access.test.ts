// Every combination of roles in the demo reaches exactly the pages its CASL
// rules allow (issue 14). ACCESS declares per route what it requires; the
// test fails when the build's route manifest has a route ACCESS does not
// name. For each viewer (one demo account per role combination, plus an
// admin who is also controller, added here) and each GET route, filled with
// real ids from the demo, the expected answer is derived from
// defineAbilityFor (packages/authz) and the viewer's memberships — 200 when
// allowed, 403/404 when not, the login page without a session — and compared
// with what `node server.js` answers. One server, one session per viewer.
import { randomBytes, randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, defineAbilityFor, type Action, type AppAbility, type Grants, type SubjectName } from "@wijkwerk/authz";
import { addAttachment } from "@wijkwerk/core/workbudget";
import { loadGrants } from "@wijkwerk/core/accounts";
import {
  and,
  buurten,
  eq,
  handbookPages,
  isNull,
  knowledgeQuestions,
  municipalities,
  partnerAgreements,
  partnerOrganisations,
  scopeRoles,
  sessions,
  spendAttachments,
  spendRequests,
  successStories,
  activeTeamMemberships,
  teams,
  users,
  not,
  ilike,
  workgroupAttachments,
  workgroupMeetings,
  workgroupMembers,
  workgroupPosts,
  workgroupProposals,
  workgroups,
  buurtserviceEntries,
  households,
  neighbourhoodInitiatives,
  socialMapProviders,
  queryRows,
  sql,
  withScope,
  type Database,
} from "@wijkwerk/db";
import { seedDemoWithoutMfa, startAppServer, type AppServer } from "./support/app-server";

type Subject = Exclude<SubjectName, "all">;

/** One viewer: a demo account (or the fixture's admin + controller) with what they hold. */
interface Viewer {
  label: string;
  email: string;
  cookie: string;
  userId: string;
  grants: Grants;
  ability: AppAbility;
  /** The team whose /t/:team pages this viewer is sent to (their own where they have one). */
  team: { id: string; slug: string };
  /** The partner whose /partner/:partner pages this viewer is sent to. */
  partner: { id: string; slug: string };
}

/** Real objects for a route's dynamic segments, looked up for one viewer (null: the demo has none). */
interface Objects {
  team: { id: string; slug: string };
  spend: { id: string; teamId: string; authorId: string } | null;
  spendAttachment: string | null;
  buurtserviceEntry: string | null;
  /** A household of the viewer's team, with the viewer's right to its content (the database's case_access()). */
  household: { id: string; access: string | null } | null;
  /** A provider on the sociale kaart. */
  provider: string | null;
  /** A buurtinitiatief. */
  initiative: string | null;
  group: { id: string; slug: string; isOpen: boolean; createdBy: string; myRole: "facilitator" | "member" | null; requested: boolean };
  thread: string | null;
  meeting: string | null;
  proposal: string | null;
  groupAttachment: string | null;
  groupHandbookPage: string | null;
  cityHandbookPage: string | null;
  story: { id: string; authorId: string };
  question: string;
  partner: { id: string; slug: string };
  adminTeam: string;
  buurt: string;
  user: string;
  agreement: { id: string; partnerId: string };
  buurtSlug: string;
}

type Check = (v: Viewer, o: Objects) => boolean;

/** What a route requires. */
type Access =
  /** Anyone, without a session. */
  | { public: true }
  /** Any signed-in person (their own account, notifications, lists RLS filters per person). */
  | { signedIn: true; status?: number }
  /** A member of :team (else 404), and the check in that team; the status when allowed may depend on the viewer. */
  | { team: Check; status?: number | ((v: Viewer, o: Objects) => number | undefined) }
  /** The permission in the viewer's municipality (requireMunicipalityContext). */
  | { municipality: [Action, Subject]; also?: Check }
  /** The partner manager of :partner. */
  | { partner: true }
  /** Signed in; the use case decides by the check (workgroups, stories, questions, handbook). */
  | { workgroup: Check; status?: number }
  /** Not a page for this test, with the reason. */
  | { skip: string };

const M = (v: Viewer) => v.grants.municipalityId;
const can =
  (action: Action, subject: Subject, fields: (v: Viewer, o: Objects) => Record<string, unknown> | null): Check =>
  (v, o) => {
    const f = fields(v, o);
    return f !== null && v.ability.can(action, as(subject, { municipalityId: M(v), ...f }));
  };
const isMember = (v: Viewer, teamId: string) => v.grants.teamRoles.some((r) => r.teamId === teamId);
const teamCan = (action: Action, subject: Subject, fields: (v: Viewer, o: Objects) => Record<string, unknown> = () => ({})): Check =>
  can(action, subject, (v, o) => ({ teamId: o.team.id, ...fields(v, o) }));
const groupFields = (o: Objects) => ({ isOpen: o.group.isOpen, createdBy: o.group.createdBy, myRole: o.group.myRole, requested: o.group.requested });
const readGroup = can("read", "Workgroup", (_, o) => groupFields(o));
/** A child object of the group (thread, meeting, …): readable with the group, if the demo has one there. */
const inGroup =
  (pick: (o: Objects) => string | null): Check =>
  (v, o) =>
    pick(o) !== null && readGroup(v, o);
const always: Check = () => true;

/** A part of a household's file: the frame's check, then CASL's read of the Case with the viewer's right (the database's case_access()). */
const caseRead: Access = {
  team: (v, o) =>
    o.household !== null &&
    teamCan("read", "Household")(v, o) &&
    (o.household.access === null || teamCan("read", "Case", (_, o) => ({ access: o.household?.access ?? null }))(v, o)),
  status: (_, o) => (o.household?.access ? undefined : 302),
};

const ACCESS: Record<string, Access> = {
  // Public pages: the team finder and the sign-in flow's own pages.
  "buurt._index": { public: true },
  "buurt.$buurt": { public: true },
  "buurt.team.$team": { public: true },
  healthz: { public: true },
  "wachtwoord-vergeten": { public: true },
  "inloggen._index": { skip: "the login page (redirects a signed-in person; test/login-route.test.ts)" },
  "inloggen.tweede-stap": { skip: "the second login step, only between password and TOTP (test/login-route.test.ts)" },
  uitloggen: { skip: "logging out ends the session the other routes need" },
  "uitnodiging.$token": { skip: "an e-mailed link with a one-time token" },
  "wachtwoord-herstellen.$token": { skip: "an e-mailed link with a one-time token" },
  "webhooks.stripe": { skip: "Stripe's webhook, signed, no session (test/stripe-issuing.test.ts)" },
  "api.v1.budgets": { skip: "JSON API: bearer tokens, not sessions (test/api.test.ts)" },
  "api.v1.export.$file": { skip: "JSON API (test/api.test.ts)" },
  "api.v1.openapi[.]json": { skip: "JSON API (test/api.test.ts)" },
  "api.v1.spends": { skip: "JSON API (test/api.test.ts)" },
  "api.v1.spends.$spendId": { skip: "JSON API (test/api.test.ts)" },
  "api.v1.spends.$spendId.transitions": { skip: "JSON API (test/api.test.ts)" },
  "api.v1.teams.$team.spends": { skip: "JSON API (test/api.test.ts)" },
  "api.v1.teams.$team.spends.$spendId": { skip: "JSON API (test/api.test.ts)" },
  "api.v1.partner.hours[.]csv": { skip: "partner export token, not sessions (test/partner-export-api.test.ts)" },
  "api.v1.partner.hours[.]json": { skip: "partner export token, not sessions (test/partner-export-api.test.ts)" },

  // Own account: everyone signed in.
  _index: { signedIn: true, status: 302 },
  "account._index": { signedIn: true },
  "account.api-tokens": { signedIn: true },
  "account.mfa": { signedIn: true },
  "account.sessies": { signedIn: true },
  meldingen: { signedIn: true },
  // "Mijn taken": every signed-in person; the lists follow their own permissions (docs/my-tasks.md).
  taken: { signedIn: true },

  // A team's pages.
  "t.$team": { team: teamCan("read", "Team", (_, o) => ({ id: o.team.id })) },
  "t.$team._index": { team: teamCan("read", "Team", (_, o) => ({ id: o.team.id })) },
  "t.$team.buurten": { team: teamCan("read", "BuurtAssignment") },
  "t.$team.buurtservice._index": { team: teamCan("read", "BuurtserviceEntry") },
  "t.$team.buurtservice.$entryId": { team: (v, o) => o.buurtserviceEntry !== null && teamCan("read", "BuurtserviceEntry")(v, o) },
  "t.$team.buurtservice.cijfers[.]csv": { team: teamCan("read", "BuurtserviceEntry") },
  "t.$team.buurtservice.nieuw": { team: teamCan("create", "BuurtserviceEntry") },
  // A household's file: its frame for the team's professionals; without a right to the content, to break-the-glass.
  "t.$team.huishoudens.$householdId": {
    team: (v, o) => o.household !== null && teamCan("read", "Household")(v, o),
    status: (_, o) => (o.household?.access ? undefined : 302),
  },
  // Households slice: the list and the intake for the team's professionals; the overview only with a right to the content.
  "t.$team.huishoudens._index": { team: teamCan("read", "Household") },
  "t.$team.huishoudens.nieuw": { team: teamCan("create", "Household") },
  // The history import: the coordinator (create CaseworkImport); its upload endpoint answers POST only (test/casework-import-route.test.ts).
  "t.$team.huishoudens.importeren": { team: teamCan("create", "CaseworkImport") },
  "t.$team.huishoudens.importeren_.bestand": { skip: "POST only: the import page's upload as JSON (test/casework-import-route.test.ts)" },
  "t.$team.huishoudens.$householdId._index": {
    team: (v, o) => o.household !== null && teamCan("read", "Household")(v, o),
    status: (_, o) => (o.household?.access ? undefined : 302),
  },
  "t.$team.contacten": { team: teamCan("create", "CaseworkContact") },
  // Its parts after the intake: the case team, the coordinator and a break-the-glass reader read them (the frame sends anyone else to break-the-glass).
  "t.$team.huishoudens.$householdId.plan": caseRead,
  "t.$team.huishoudens.$householdId.zrm": caseRead,
  "t.$team.huishoudens.$householdId.verwijzingen": caseRead,
  "t.$team.huishoudens.$householdId.afsluiten": caseRead,
  // Break-the-glass: a member without a right gets the form; whoever reads the file already is sent back to it.
  "t.$team.huishoudens.$householdId.noodtoegang": {
    team: (v, o) => o.household !== null && teamCan("read", "Household")(v, o) && (o.household.access !== null || teamCan("create", "CaseAccessGrant")(v, o)),
    status: (_, o) => (o.household?.access ? 302 : undefined),
  },
  // The coordinator's AVG pages of a household: the frame sends a member without a right to break-the-glass (302); the case team and a
  // break-the-glass viewer may not (403).
  "t.$team.huishoudens.$householdId.inzage": {
    team: (v, o) => o.household !== null && teamCan("read", "Household")(v, o),
    status: (v, o) => (!o.household?.access ? 302 : teamCan("export", "Case", () => ({ access: o.household!.access }))(v, o) ? undefined : 403),
  },
  "t.$team.huishoudens.$householdId.inzage_.afdrukken": {
    team: (v, o) => o.household !== null && teamCan("read", "Household")(v, o),
    status: (v, o) => (!o.household?.access ? 302 : teamCan("export", "Case", () => ({ access: o.household!.access }))(v, o) ? undefined : 403),
  },
  // The JSON download is a resource route (no frame): the use case answers 404 without a right, 403 without the coordinator's.
  "t.$team.huishoudens.$householdId.inzage[.]json": {
    team: (v, o) => o.household !== null && teamCan("read", "Household")(v, o) && !!o.household?.access,
    status: (v, o) => (teamCan("export", "Case", () => ({ access: o.household!.access }))(v, o) ? undefined : 403),
  },
  "t.$team.vernietigingslog": { team: teamCan("read", "CaseReadLog") },
  // The team's casework figures, their printable page (outside the team layout) and CSV: members and the coordinator.
  "t.$team.cijfers": { team: teamCan("read", "CaseworkFigures") },
  "t.$team_.cijfers.afdrukken": { team: teamCan("read", "CaseworkFigures") },
  "t.$team.cijfers[.]csv": { team: teamCan("read", "CaseworkFigures") },
  // The team's public contact details: read by the whole team, edited by whoever may update them.
  // Handing a household to another team: its coordinator (the frame above sends a member without a right to break-the-glass first).
  "t.$team.huishoudens.$householdId.overdragen": {
    team: (v, o) => o.household !== null && (teamCan("transfer", "Household")(v, o) || (!o.household.access && teamCan("read", "Household")(v, o))),
    status: (_, o) => (o.household?.access ? undefined : 302),
  },
  "t.$team.overdrachten": { team: teamCan("transfer", "Household") },
  "t.$team.contact": { team: teamCan("read", "Team", (_, o) => ({ id: o.team.id })) },
  "t.$team.disciplines": { team: teamCan("read", "Agreement") },
  "t.$team.initiatieven": { team: teamCan("read", "NeighbourhoodInitiative") },
  "t.$team.kaart": { team: teamCan("read", "TeamCard") },
  "t.$team.uitnodigingen": { team: teamCan("read", "Invitation") },
  "t.$team.uren._index": { team: teamCan("create", "TimeRegistration", (v) => ({ userId: v.userId })) },
  "t.$team.uren.overzicht": { team: teamCan("read", "TimeRegistration") },
  // The team's own business case (its coordinator) and its CSV.
  "t.$team.business-case": { team: teamCan("read", "BusinessCase") },
  "t.$team.business-case[.]csv": { team: teamCan("read", "BusinessCase") },
  "t.$team.werkbudget._index": {
    team: (v, o) => teamCan("create", "Spend", () => ({ authorId: v.userId }))(v, o) || teamCan("read", "Spend", () => ({ authorId: v.userId }))(v, o),
  },
  "t.$team.werkbudget.nieuw": { team: teamCan("create", "Spend", (v) => ({ authorId: v.userId })) },
  // The norm table, read only, for whoever may write a request (the form offers the same norms).
  "t.$team.werkbudget.normen": { team: teamCan("create", "Spend", (v) => ({ authorId: v.userId })) },
  "t.$team.werkbudget.$spendId": { team: (v, o) => o.spend !== null && teamCan("read", "Spend", () => ({ authorId: o.spend!.authorId }))(v, o) },
  // The demo's requests are past the draft: the edit page sends whoever may read one back to it (302).
  "t.$team.werkbudget.$spendId_.bewerken": {
    team: (v, o) => o.spend !== null && teamCan("read", "Spend", () => ({ authorId: o.spend!.authorId }))(v, o),
    status: 302,
  },
  "t.$team.werkbudget.$spendId_.bijlagen.$attachmentId": {
    team: (v, o) => o.spendAttachment !== null && teamCan("read", "SpendAttachment", () => ({ spendAuthorId: o.spend!.authorId }))(v, o),
  },

  // Administration. A page under /beheer also passes the layout's loader (beheer.tsx: manage Settings); a resource route (CSV) does not.
  beheer: { municipality: ["manage", "Settings"] },
  "beheer._index": { municipality: ["manage", "Settings"] },
  "beheer.audit": { municipality: ["read", "AuditEvent"], also: can("manage", "Settings", () => ({})) },
  "beheer.audit.csv": { municipality: ["read", "AuditEvent"] },
  "beheer.buurten._index": { municipality: ["manage", "Buurt"], also: can("manage", "Settings", () => ({})) },
  "beheer.buurten.$buurtId": { municipality: ["manage", "BuurtAssignment"], also: can("manage", "Settings", () => ({})) },
  "beheer.gebruikers._index": { municipality: ["manage", "User"], also: can("manage", "Settings", () => ({})) },
  "beheer.gebruikers.$userId": { municipality: ["manage", "User"], also: can("manage", "Settings", () => ({})) },
  "beheer.instellingen": { municipality: ["manage", "Settings"] },
  "beheer.mailbox": { municipality: ["read", "Mailbox"], also: can("manage", "Settings", () => ({})) },
  "beheer.partners._index": { municipality: ["manage", "Partner"], also: can("manage", "Settings", () => ({})) },
  "beheer.partners.$partnerId": { municipality: ["manage", "Partner"], also: can("manage", "Settings", () => ({})) },
  "beheer.partners.$partnerId_.afspraken.$agreementId": { municipality: ["manage", "Agreement"], also: can("manage", "Settings", () => ({})) },
  "beheer.straten": { municipality: ["manage", "Street"], also: can("manage", "Settings", () => ({})) },
  "beheer.teams._index": { municipality: ["manage", "Team"], also: can("manage", "Settings", () => ({})) },
  "beheer.teams.$teamId": { municipality: ["manage", "Team"], also: can("manage", "Settings", () => ({})) },
  "beheer.uitnodigingen": { municipality: ["manage", "Invitation"], also: can("manage", "Settings", () => ({})) },

  // The municipality's views (controller, admin) and city-wide counts.
  "gemeente._index": { municipality: ["read", "MunicipalityOverview"] },
  "gemeente.partners": { municipality: ["read", "Agreement"] },
  "gemeente.partners[.]csv": { municipality: ["read", "Agreement"] },
  "gemeente.werkbudget._index": { municipality: ["read", "Spend"] },
  "gemeente.werkbudget.aanvragen._index": { municipality: ["read", "Spend"] },
  "gemeente.werkbudget.aanvragen.$spendId": { municipality: ["read", "Spend"] },
  "gemeente.werkbudget.aanvragen.$spendId_.bijlagen.$attachmentId": {
    municipality: ["read", "SpendAttachment"],
    also: (_, o) => o.spendAttachment !== null && o.spend !== null,
  },
  "gemeente.werkbudget.afstemming": { municipality: ["read", "TeamCard"] },
  "gemeente.werkbudget.budgetten": { municipality: ["manage", "Budget"] },
  "gemeente.werkbudget.export": { municipality: ["read", "Spend"] },
  "gemeente.werkbudget.kaarten": { municipality: ["manage", "TeamCard"] },
  "gemeente.werkbudget.normen": { municipality: ["manage", "ReturnNorm"] },
  "gemeente.werkbudget.rapport": { municipality: ["read", "Spend"] },
  // The city's casework figures (aggregates only): the controller and the research office.
  "gemeente.cijfers._index": { municipality: ["read", "CaseworkFigures"] },
  "gemeente.cijfers.afdrukken": { municipality: ["read", "CaseworkFigures"] },
  "gemeente.cijfers[.]csv": { municipality: ["read", "CaseworkFigures"] },
  // The casework figures of several municipalities: only their functional admin (docs/figures.md; none in the demo).
  "gemeenten.cijfers._index": { municipality: ["read", "MunicipalitiesFigures"] },
  "gemeenten.cijfers.$gemeente": { municipality: ["read", "MunicipalitiesFigures"] },
  "gemeenten.cijfers[.]csv": { municipality: ["read", "MunicipalitiesFigures"] },
  "gemeenten.afdrukken": { municipality: ["read", "MunicipalitiesFigures"] },
  // The business case city-wide (controller, research office) and the team costs (controller keeps, research office reads).
  "gemeente.business-case._index": { municipality: ["read", "BusinessCase"] },
  "gemeente.business-case[.]csv": { municipality: ["read", "BusinessCase"] },
  "gemeente.business-case.kosten": { municipality: ["read", "TeamCost"] },
  "buurtservice._index": { municipality: ["read", "BuurtserviceCounts"] },
  "buurtservice[.]csv": { municipality: ["read", "BuurtserviceCounts"] },
  initiatieven: { municipality: ["read", "NeighbourhoodInitiative"] },
  "initiatieven_.$initiativeId": { municipality: ["read", "NeighbourhoodInitiative"], also: (_, o) => o.initiative !== null },
  // The sociale kaart: every professional, the admin and the controller read it; coordinators and the admin keep it.
  "sociale-kaart._index": { municipality: ["read", "SocialMap"] },
  "sociale-kaart.$providerId": { municipality: ["read", "SocialMap"], also: (_, o) => o.provider !== null },
  "sociale-kaart.nieuw": { municipality: ["create", "SocialMap"] },

  // A partner organisation's view.
  "partner.$partner": { partner: true },
  "partner.$partner.csv": { partner: true },
  "partner.$partner.uren[.]csv": { partner: true },
  "partner.$partner.uren[.]json": { partner: true },
  "partner.$partner_.export": { partner: true },
  "partner.$partner_.producten": { partner: true },

  // Workgroups, stories, questions, handbook: signed in; the use case decides (and RLS by membership).
  "werkgroepen._index": { workgroup: always },
  "werkgroepen.zoeken": { workgroup: always },
  "werkgroepen.nieuw": { workgroup: can("create", "Workgroup", () => ({})) },
  // A closed group's card (name, description, "ask to join") for whoever may join or ask; its content only with read.
  "werkgroepen.$slug._index": {
    workgroup: (v, o) => (["read", "join", "request_join", "leave"] as const).some((a) => can(a, "Workgroup", () => groupFields(o))(v, o)),
  },
  "werkgroepen.$slug.bewerken": { workgroup: can("update", "Workgroup", (_, o) => groupFields(o)) },
  "werkgroepen.$slug.draad.$threadId": { workgroup: inGroup((o) => o.thread) },
  "werkgroepen.$slug.overleg.$meetingId": { workgroup: inGroup((o) => o.meeting) },
  "werkgroepen.$slug.overleg.nieuw": { workgroup: can("create", "WorkgroupMeeting", (_, o) => ({ workgroupId: o.group.id, workgroupRole: o.group.myRole })) },
  "werkgroepen.$slug.voorstellen.$proposalId": { workgroup: inGroup((o) => o.proposal) },
  "werkgroepen.$slug.voorstellen.nieuw": {
    workgroup: can("create", "WorkgroupProposal", (_, o) => ({ workgroupId: o.group.id, workgroupRole: o.group.myRole })),
  },
  "werkgroepen.$slug.bijlagen.$attachmentId": { workgroup: inGroup((o) => o.groupAttachment) },
  "werkgroepen.$slug.handboek.$page": { workgroup: inGroup((o) => o.groupHandbookPage) },
  "handboek._index": { workgroup: can("read", "Handbook", () => ({ workgroupId: null })) },
  "handboek.$page": { workgroup: (v, o) => o.cityHandbookPage !== null && can("read", "Handbook", () => ({ workgroupId: null }))(v, o) },
  "successen._index": { workgroup: can("read", "SuccessStory", () => ({})) },
  "successen.$storyId": { workgroup: can("read", "SuccessStory", () => ({})) },
  "successen.$storyId_.bewerken": { workgroup: can("update", "SuccessStory", (_, o) => ({ authorId: o.story.authorId })) },
  "successen.nieuw": {
    workgroup: (v) => v.grants.teamRoles.some((r) => v.ability.can("create", as("SuccessStory", { municipalityId: M(v), teamId: r.teamId }))),
  },
  "vragen._index": { workgroup: can("read", "KnowledgeQuestion", () => ({})) },
  "vragen.$questionId": { workgroup: can("read", "KnowledgeQuestion", () => ({})) },
  "vragen.nieuw": { workgroup: can("create", "KnowledgeQuestion", () => ({})) },
};

/** One demo account per combination of roles, and where their team/partner pages are tested. */
const VIEWERS: { label: string; email: string; team?: string; partner?: string }[] = [
  { label: "functional admin", email: "admin@wijkwerk.demo" },
  { label: "budget controller", email: "controller@wijkwerk.demo" },
  // Onderzoek & Statistiek: the city's figures only; every household, request, team and admin route denied.
  { label: "research office", email: "onderzoek@wijkwerk.demo" },
  { label: "admin + controller (fixture)", email: "beheer.en.budget@wijkwerk.demo" },
  { label: "partner manager", email: "manager.trajekt@wijkwerk.demo", partner: "trajekt" },
  { label: "partner manager, facilitator of a closed group", email: "manager.mee@wijkwerk.demo", partner: "mee" },
  { label: "coordinator, facilitator of a closed group", email: "coordinator.mariaberg@wijkwerk.demo", team: "mariaberg" },
  { label: "coordinator", email: "coordinator.malberg-malpertuis@wijkwerk.demo", team: "malberg-malpertuis" },
  { label: "member, author of the team's request", email: "member.malberg-malpertuis@wijkwerk.demo", team: "malberg-malpertuis" },
  { label: "member, not the author", email: "colleague", team: "malberg-malpertuis" },
  { label: "member of two teams (second team)", email: "member.daalhof@wijkwerk.demo", team: "de-heeg" },
  { label: "volunteer", email: "volunteer.mariaberg@wijkwerk.demo", team: "mariaberg" },
];

let app: AppServer;
let db: Database;
let manifest: Record<string, { path?: string; parentId?: string; module: Record<string, unknown> }>;
const viewers: Viewer[] = [];

async function seed(d: Database): Promise<void> {
  await seedDemoWithoutMfa(d);
  const [m] = await d.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.slug, "maastricht"));
  const [u] = await d
    .insert(users)
    .values({ municipalityId: m.id, email: "beheer.en.budget@wijkwerk.demo", name: "Dubbele Rol", passwordHash: "niet-gebruikt" })
    .returning({ id: users.id });
  await d.insert(scopeRoles).values([
    { municipalityId: m.id, userId: u.id, role: "admin" },
    { municipalityId: m.id, userId: u.id, role: "controller" },
  ]);
  // The demo has no files on requests: one quote on Malberg-Malpertuis's request, added by its author, so the download routes meet a real one.
  const [author] = await d.select().from(users).where(eq(users.email, "member.malberg-malpertuis@wijkwerk.demo"));
  const [team] = await d.select({ id: teams.id }).from(teams).where(eq(teams.slug, "malberg-malpertuis"));
  const [spend] = await d.select({ id: spendRequests.id }).from(spendRequests).where(eq(spendRequests.teamId, team.id));
  const { grants } = (await loadGrants(d, author.id))!;
  const ctx = {
    db: d,
    actor: { userId: author.id, municipalityId: m.id, email: author.email, name: author.name },
    grants,
    ability: defineAbilityFor(grants),
    scope: { kind: "team" as const, municipalityId: m.id, teamId: team.id, userId: author.id },
    meta: { ip: null, userAgent: "vitest" },
  };
  await addAttachment(ctx, spend.id, { kind: "quote", fileName: "offerte.pdf", bytes: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n", "latin1") });
  // A household with a case in every team that has none in the demo, its regisseur the team's member.<team> (else its first
  // member), so the household routes meet a real file: the regisseur by the case team's right, the coordinator by theirs,
  // another member (the colleague, the member of two teams) without one.
  await d.execute(sql`insert into households (municipality_id, team_id, reference, initials, buurt_id)
    select t.municipality_id, t.id, 'RA-0001', 'R.A.', (select a.buurt_id from buurt_assignments a where a.team_id = t.id order by a.valid_from limit 1)
    from teams t where not exists (select 1 from households h where h.team_id = t.id) and exists (select 1 from buurt_assignments a where a.team_id = t.id)`);
  await d.execute(sql`insert into cases (municipality_id, team_id, household_id, intake_on, entry_route, question_type, regisseur_id, created_by)
    select h.municipality_id, h.team_id, h.id, '2026-10-01', 'self', 'single', r.id, r.id
    from households h join teams t on t.id = h.team_id
    cross join lateral (select u.id from users u join active_team_memberships m on m.user_id = u.id and m.team_id = t.id and m.role = 'member'
      order by (u.email = 'member.' || t.slug || '@wijkwerk.demo') desc, u.email limit 1) r
    where h.reference = 'RA-0001'`);
}

const one = async <T>(rows: Promise<T[]>): Promise<T | null> => (await rows)[0] ?? null;

beforeAll(async () => {
  // ROUTE_ACCESS_PORT lets several checkouts run this test side by side.
  app = await startAppServer({ seed, port: Number(process.env.ROUTE_ACCESS_PORT ?? 3112) });
  db = app.db.db;
  manifest = (await import(pathToFileURL(path.resolve("build/index.js")).href)).routes;
  const teamBySlug = async (slug: string) => (await one(db.select({ id: teams.id, slug: teams.slug }).from(teams).where(eq(teams.slug, slug))))!;
  const partnerBySlug = async (slug: string) =>
    (await one(
      db.select({ id: partnerOrganisations.id, slug: partnerOrganisations.slug }).from(partnerOrganisations).where(eq(partnerOrganisations.slug, slug)),
    ))!;
  const malberg = await teamBySlug("malberg-malpertuis");
  for (const v of VIEWERS) {
    let email = v.email;
    if (email === "colleague") {
      // One of the team's other members: not the author of its request (member.<team>), not a volunteer.
      const rows = await db
        .select({ email: users.email })
        .from(users)
        .innerJoin(activeTeamMemberships, eq(activeTeamMemberships.userId, users.id))
        .where(and(eq(activeTeamMemberships.teamId, malberg.id), eq(activeTeamMemberships.role, "member"), not(ilike(users.email, "member.%"))))
        .orderBy(users.email);
      email = rows[0].email;
    }
    const user = (await one(db.select({ id: users.id }).from(users).where(eq(users.email, email))))!;
    const loaded = (await loadGrants(db, user.id))!;
    const id = randomBytes(20).toString("hex");
    await db.insert(sessions).values({ id, userId: user.id, expiresAt: new Date(Date.now() + 3600_000), mfaVerified: true });
    viewers.push({
      label: v.label,
      email,
      cookie: `wijkwerk_session=${id}`,
      userId: user.id,
      grants: loaded.grants,
      ability: defineAbilityFor(loaded.grants),
      team: await teamBySlug(v.team ?? "malberg-malpertuis"),
      partner: await partnerBySlug(v.partner ?? "trajekt"),
    });
  }
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

/** Full URL paths of the build's routes, with whether they load anything on GET. */
function appRoutes() {
  const full = (id: string): string => {
    const r = manifest[id];
    const parent = r.parentId && r.parentId !== "root" ? full(r.parentId) : "";
    return [parent, r.path ?? ""].filter(Boolean).join("/");
  };
  return Object.keys(manifest)
    .filter((id) => id !== "root")
    .map((id) => ({ id: id.replace(/^routes\//, ""), path: "/" + full(id) }));
}

/** The demo's objects as one viewer meets them, in one workgroup (open or closed). */
async function objectsFor(v: Viewer, groupSlug: string): Promise<Objects> {
  const spend = await one(
    db
      .select({ id: spendRequests.id, teamId: spendRequests.teamId, authorId: spendRequests.authorId })
      .from(spendRequests)
      .where(eq(spendRequests.teamId, v.team.id))
      .orderBy(spendRequests.createdAt),
  );
  const group = (await one(db.select().from(workgroups).where(eq(workgroups.slug, groupSlug))))!;
  const membership = await one(
    db
      .select({ role: workgroupMembers.role, status: workgroupMembers.status })
      .from(workgroupMembers)
      .where(and(eq(workgroupMembers.workgroupId, group.id), eq(workgroupMembers.userId, v.userId))),
  );
  const story = (await one(db.select({ id: successStories.id, authorId: successStories.authorId }).from(successStories).orderBy(successStories.createdAt)))!;
  const agreement = (await one(db.select({ id: partnerAgreements.id, partnerId: partnerAgreements.partnerOrganisationId }).from(partnerAgreements)))!;
  return {
    team: v.team,
    spend,
    spendAttachment: spend
      ? ((await one(db.select({ id: spendAttachments.id }).from(spendAttachments).where(eq(spendAttachments.spendId, spend.id))))?.id ?? null)
      : null,
    buurtserviceEntry:
      (await one(db.select({ id: buurtserviceEntries.id }).from(buurtserviceEntries).where(eq(buurtserviceEntries.teamId, v.team.id))))?.id ?? null,
    household: await householdFor(v),
    provider: (await one(db.select({ id: socialMapProviders.id }).from(socialMapProviders)))?.id ?? null,
    initiative: (await one(db.select({ id: neighbourhoodInitiatives.id }).from(neighbourhoodInitiatives)))?.id ?? null,
    group: {
      id: group.id,
      slug: group.slug,
      isOpen: group.isOpen,
      createdBy: group.createdBy,
      myRole: membership?.status === "active" ? membership.role : null,
      requested: membership?.status === "requested",
    },
    thread:
      (
        await one(
          db
            .select({ id: workgroupPosts.id })
            .from(workgroupPosts)
            .where(and(eq(workgroupPosts.workgroupId, group.id), isNull(workgroupPosts.parentId))),
        )
      )?.id ?? null,
    meeting: (await one(db.select({ id: workgroupMeetings.id }).from(workgroupMeetings).where(eq(workgroupMeetings.workgroupId, group.id))))?.id ?? null,
    proposal: (await one(db.select({ id: workgroupProposals.id }).from(workgroupProposals).where(eq(workgroupProposals.workgroupId, group.id))))?.id ?? null,
    groupAttachment:
      (await one(db.select({ id: workgroupAttachments.id }).from(workgroupAttachments).where(eq(workgroupAttachments.workgroupId, group.id))))?.id ?? null,
    groupHandbookPage: (await one(db.select({ slug: handbookPages.slug }).from(handbookPages).where(eq(handbookPages.workgroupId, group.id))))?.slug ?? null,
    cityHandbookPage: (await one(db.select({ slug: handbookPages.slug }).from(handbookPages).where(isNull(handbookPages.workgroupId))))?.slug ?? null,
    story,
    question: (await one(db.select({ id: knowledgeQuestions.id }).from(knowledgeQuestions)))!.id,
    partner: v.partner,
    adminTeam: v.team.id,
    buurt: (await one(db.select({ id: buurten.id }).from(buurten)))!.id,
    user: v.userId,
    agreement,
    buurtSlug: "mariaberg",
  };
}

/** The first household of the viewer's team and, for a member, their right to its content. */
async function householdFor(v: Viewer): Promise<Objects["household"]> {
  const h = await one(db.select({ id: households.id }).from(households).where(eq(households.teamId, v.team.id)).orderBy(households.reference));
  if (!h) return null;
  if (!isMember(v, v.team.id)) return { id: h.id, access: null };
  const [row] = await withScope(db, { kind: "team", municipalityId: M(v), teamId: v.team.id, userId: v.userId }, (tx) =>
    queryRows<{ access: string | null }>(tx, sql`select case_access(${h.id}::uuid) as access`),
  );
  return { id: h.id, access: row?.access ?? null };
}

/** The route's path with the viewer's real objects in its segments (a random uuid where the demo has none). */
function fill(id: string, routePath: string, o: Objects): string {
  const values: Record<string, string | null | undefined> = {
    team: o.team.slug,
    spendId: o.spend?.id,
    attachmentId: id.startsWith("werkgroepen.") ? o.groupAttachment : o.spendAttachment,
    entryId: o.buurtserviceEntry,
    householdId: o.household?.id,
    providerId: o.provider,
    initiativeId: o.initiative,
    slug: o.group.slug,
    threadId: o.thread,
    meetingId: o.meeting,
    proposalId: o.proposal,
    page: id.startsWith("werkgroepen.") ? o.groupHandbookPage : o.cityHandbookPage,
    storyId: o.story.id,
    questionId: o.question,
    partner: o.partner.slug,
    teamId: o.adminTeam,
    buurtId: o.buurt,
    userId: o.user,
    partnerId: o.agreement.partnerId,
    agreementId: o.agreement.id,
    buurt: o.buurtSlug,
    // A municipality's slug (the demo's admins administer one: nobody passes the check).
    gemeente: "maastricht",
  };
  return routePath.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`route ${id}: no demo value for :${name}; add one to fill()`);
    return values[name] ?? randomUUID();
  });
}

/**
 * 403 or 404 (docs/architecture.md, "403 or 404"): a page of the viewer's own team that their role
 * may not use is 403; another team's page, another tenant's or a non-existent object, and a page
 * outside the viewer's roles (municipality, partner, workgroup content) are 404 — they reveal nothing.
 */
type Want = "allowed" | "forbidden" | "missing" | number;

/**
 * Team pages that answer 404 even to a member of the team: a page of one object (a request, an
 * entry, a file — out of reach is as good as absent), and the casework pages about residents
 * (docs/casework.md: whoever may not use them hears 404, a household never confirmed).
 */
const notFoundInOwnTeam = (routeId: string) =>
  /\$(spendId|entryId|attachmentId|householdId)/.test(routeId) || /^t\.\$team\.(huishoudens|contacten|overdrachten|vernietigingslog)/.test(routeId);

function expected(access: Exclude<Access, { skip: string }>, v: Viewer, o: Objects, routeId: string): Want {
  if ("public" in access) return "allowed";
  if ("signedIn" in access) return access.status ?? "allowed";
  if ("team" in access) {
    const status = typeof access.status === "function" ? access.status(v, o) : access.status;
    if (!isMember(v, o.team.id)) return "missing";
    return access.team(v, o) ? (status ?? "allowed") : notFoundInOwnTeam(routeId) ? "missing" : "forbidden";
  }
  if ("municipality" in access) {
    const [action, subject] = access.municipality;
    return v.ability.can(action, as(subject, { municipalityId: M(v) })) && (access.also?.(v, o) ?? true) ? "allowed" : "missing";
  }
  if ("partner" in access) return v.ability.can("read", as("PartnerOverview", { municipalityId: M(v), partnerId: o.partner.id })) ? "allowed" : "missing";
  return access.workgroup(v, o) ? (access.status ?? "allowed") : "missing";
}

const matches = (want: Want, status: number) =>
  want === "allowed" ? status === 200 : want === "forbidden" ? status === 403 : want === "missing" ? status === 404 : status === want;

describe("route access per role combination (route manifest of the build)", () => {
  it("ACCESS names every route of the build, and nothing else", () => {
    const ids = appRoutes().map((r) => r.id);
    expect(
      ids.filter((id) => !(id in ACCESS)),
      "routes without a declaration in ACCESS",
    ).toEqual([]);
    expect(
      Object.keys(ACCESS).filter((id) => !ids.includes(id)),
      "declarations of routes that do not exist",
    ).toEqual([]);
  });

  it("every viewer gets exactly what CASL and their memberships allow, on every GET route", async () => {
    const routes = appRoutes().filter((r) => !("skip" in ACCESS[r.id]));
    const failures: string[] = [];
    let checked = 0;
    const groupSlugs = (await db.select({ slug: workgroups.slug }).from(workgroups)).map((g) => g.slug);
    // One open group with a meeting and a proposal, and one closed group.
    const groupsToVisit = [groupSlugs.find((s) => s.startsWith("preventie"))!, groupSlugs.find((s) => s.startsWith("clientondersteuning"))!];
    for (const v of viewers) {
      const perGroup = await Promise.all(groupsToVisit.map((g) => objectsFor(v, g)));
      await Promise.all(
        routes.flatMap((r) =>
          (r.path.includes(":slug") ? perGroup : perGroup.slice(0, 1)).map(async (o) => {
            const url = fill(r.id, r.path, o);
            const want = expected(ACCESS[r.id] as Exclude<Access, { skip: string }>, v, o, r.id);
            const res = await fetch(`${app.url}${url}`, { headers: { Cookie: v.cookie }, redirect: "manual" });
            await res.arrayBuffer();
            checked++;
            if (!matches(want, res.status)) failures.push(`${v.label}: GET ${url} (${r.id}) → ${res.status}, CASL says ${want}`);
          }),
        ),
      );
    }
    console.info(`route-access: ${checked} requests, ${viewers.length} viewers, ${routes.length} routes`);
    // A 500 is explained by the server's own error lines (pino level 50), shown with the failures.
    if (failures.length)
      failures.push(
        ...app
          .output()
          .split("\n")
          .filter((l) => l.includes('"level":50'))
          .slice(-10),
      );
    expect(failures.sort()).toEqual([]);
  }, 150_000);

  it("without a session, every route that is not public sends to the login page", async () => {
    const o = await objectsFor(viewers[0], "preventie-en-vroegsignalering");
    const failures: string[] = [];
    for (const r of appRoutes()) {
      const access = ACCESS[r.id];
      if ("skip" in access) continue;
      const url = fill(r.id, r.path, o);
      const res = await fetch(`${app.url}${url}`, { redirect: "manual" });
      await res.arrayBuffer();
      const ok = "public" in access ? res.status === 200 : res.status === 302 && (res.headers.get("Location") ?? "").startsWith("/inloggen");
      if (!ok) failures.push(`GET ${url} (${r.id}) → ${res.status} ${res.headers.get("Location") ?? ""}`);
    }
    expect(failures).toEqual([]);
  });
});
