// "Mijn taken" (issue 17) on PostgreSQL: each role sees its own work and
// never another team's; the lists follow the requests through their steps;
// and notices whose work is done leave the unread count (migration
// 0051_notifications_resolve_triggers), in the same transaction as the step.
import { defineAbilityFor } from "@wijkwerk/authz";
import { eq, notifications, sql, teamMemberships, users } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGrants } from "../src/accounts";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "../src/notifications";
import { saveTimeRegistration, sendTimeRegistrationReminders } from "../src/partners";
import { myTasks, hasTasks, type TasksPerson } from "../src/tasks";
import { createWorkgroup, decideJoinRequest, joinWorkgroup } from "../src/workgroups";
import { approveSpend, createSpendDraft, endorseSpend, evaluateSpend, recordPayment, requestSpendInfo, settleSpend, submitSpend } from "../src/workbudget";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext } from "./fixtures";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

// Wednesday 22 November 2017: the last four completed weeks are 2017-W43 … W46.
const NOW = new Date("2017-11-22T10:00:00+01:00");

describe("my tasks", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  let coordinatorB: { id: string };
  let partnerManager: { id: string };
  let partnerStaff: { id: string };
  let admin: { id: string };
  let researcher: { id: string };

  /** The person as the checkpoint knows them (grants, ability, teams). */
  async function person(userId: string): Promise<TasksPerson> {
    const loaded = (await loadGrants(t.db, userId))!;
    const [u] = await t.db.select().from(users).where(eq(users.id, userId));
    return {
      db: t.db,
      grants: loaded.grants,
      ability: defineAbilityFor(loaded.grants),
      meta: { ip: null, userAgent: null },
      actor: { userId, municipalityId: u.municipalityId, email: u.email, name: u.name },
      teams: loaded.teams.map((team) => ({ ...team })),
    };
  }
  const tasksOf = async (userId: string) => myTasks(await person(userId), { now: NOW });
  const unreadOf = async (userId: string) => {
    const p = await person(userId);
    const ctx = { ...p, scope: { kind: "municipality" as const, municipalityId: p.actor.municipalityId, userId } };
    // The menu's badge (root loader) and the notifications page count alike.
    const unread = await unreadNotificationCount(ctx);
    expect((await listNotifications(ctx)).unread).toBe(unread);
    return unread;
  };

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t, { budgetCents: 15_000_000, thresholdCents: 100_000 });
    const partner = await createPartner(t.db, w.municipalityId);
    coordinatorB = await createUser(t.db, w.municipalityId, { name: "Coördinator B", teamRoles: [{ teamId: w.teamB.id, role: "coordinator" }] });
    partnerStaff = await createUser(t.db, w.municipalityId, {
      name: "Partner Medewerker",
      partnerId: partner.id,
      teamRoles: [{ teamId: w.teamA.id, role: "member" }],
    });
    partnerManager = await createUser(t.db, w.municipalityId, { name: "Partner Manager", scopeRoles: [{ role: "partner_manager", partnerId: partner.id }] });
    admin = await createUser(t.db, w.municipalityId, { name: "Beheerder", scopeRoles: [{ role: "admin" }] });
    researcher = await createUser(t.db, w.municipalityId, { name: "Onderzoeker", scopeRoles: [{ role: "researcher" }] });
    // Everyone has been in their team since the start of 2017: every looked-back week is expected.
    await t.db.update(teamMemberships).set({ validFrom: "2017-01-02" });
  });
  afterAll(() => t.drop());

  it("shows each role its own work and never another team's", async () => {
    const draft = await createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 12_000, neededOn: "2017-12-01" });
    const submitted = await w.submitted(45_000);
    const otherTeam = await createSpendDraft(await w.as.memberB(), { ...COMPLETE_DRAFT, amountCents: 9_000, neededOn: "2017-12-01" });
    await submitSpend(await w.as.memberB(), otherTeam.id);

    const author = await tasksOf(w.users.authorA.id);
    expect(author.teams).toHaveLength(1);
    const [mine] = author.teams;
    expect(mine.drafts?.items.map((s) => s.id)).toEqual([draft.id]);
    expect(mine.drafts?.items[0]).toMatchObject({ amountCents: 12_000, link: `/t/${w.teamA.slug}/werkbudget/${draft.id}` });
    expect(mine.toEndorse).toBeNull(); // a member endorses nothing
    expect(mine.infoRequested?.total).toBe(0);
    expect(mine.myMissingWeeks?.items.map((x) => x.week)).toEqual(["2017-W43", "2017-W44", "2017-W45", "2017-W46"]);
    expect(author.controller).toBeNull();
    expect(author.admin).toBeNull();

    // A colleague in the same team does not get the author's draft.
    const colleague = await tasksOf(w.users.otherMemberA.id);
    expect(colleague.teams[0].drafts?.total).toBe(0);

    // The coordinator endorses their own team's submitted requests only; team B's coordinator only B's.
    const coordA = await tasksOf(w.users.coordinatorA.id);
    expect(coordA.teams[0].toEndorse?.items.map((s) => s.id)).toEqual([submitted]);
    expect(coordA.teams[0].toEndorse?.items[0].reference).toMatch(/^WB-2017-\d{4}$/);
    // Four people of team A (author, colleague, coordinator, partner staff) × four weeks without hours.
    expect(coordA.teams[0].teamMissingHours?.items.map((p) => p.weeks)).toEqual([4, 4, 4, 4]);
    const coordB = await tasksOf(coordinatorB.id);
    expect(coordB.teams.map((x) => x.team.id)).toEqual([w.teamB.id]);
    expect(coordB.teams[0].toEndorse?.items.map((s) => s.id)).toEqual([otherTeam.id]);
    expect(coordB.teams[0].teamMissingHours?.items.map((p) => p.name).sort()).toEqual(["Coördinator B", "Lid B"]);

    // The controller sees the whole municipality's queue, oldest first, never a draft.
    const controller = await tasksOf(w.users.controller1.id);
    expect(controller.teams).toEqual([]);
    expect(controller.controller?.approvals.items.map((s) => s.id).sort()).toEqual([submitted, otherTeam.id].sort());
    expect(controller.controller?.approvals.items[0]).toMatchObject({ neededOn: expect.any(String), waitingDays: expect.any(Number), status: "submitted" });
    expect(controller.controller?.approvals.items.every((s) => s.link.startsWith("/gemeente/werkbudget/aanvragen/"))).toBe(true);

    // The partner manager: only their own staff's missing person-weeks (one person in team A).
    const pm = await tasksOf(partnerManager.id);
    expect(pm.partners).toHaveLength(1);
    expect(pm.partners[0].missingHours.items).toEqual([{ teamName: w.teamA.name, weeks: 4, link: expect.stringMatching(/^\/partner\//) }]);
    expect(pm.teams).toEqual([]);
    expect(pm.controller).toBeNull();

    // The researcher has no task list: their home stays the figures.
    const r = await person(researcher.id);
    expect(hasTasks(r)).toBe(false);
    expect((await myTasks(r, { now: NOW })).figures).toBe(true);
    expect(hasTasks(await person(partnerStaff.id))).toBe(true);
  });

  it("moves a request from list to list as its steps are taken", async () => {
    const id = await w.submitted(30_000);
    await requestSpendInfo(await w.as.controller1(), id, { comment: "Graag de offerte erbij." });
    expect((await tasksOf(w.users.authorA.id)).teams[0].infoRequested?.items.map((s) => s.id)).toEqual([id]);
    expect((await tasksOf(w.users.controller1.id)).controller?.approvals.items.map((s) => s.id)).not.toContain(id);
    expect((await tasksOf(w.users.coordinatorA.id)).teams[0].toEndorse?.items.map((s) => s.id)).not.toContain(id);

    await submitSpend(await w.as.author(), id);
    await endorseSpend(await w.as.coordinator(), id);
    expect((await tasksOf(w.users.coordinatorA.id)).teams[0].toEndorse?.items.map((s) => s.id)).not.toContain(id);
    const queue = (await tasksOf(w.users.controller1.id)).controller!.approvals.items;
    expect(queue.find((s) => s.id === id)).toMatchObject({ status: "endorsed", waitingDays: 0 });

    await approveSpend(await w.as.controller1(), id);
    await recordPayment(await w.as.controller1(), id, { paymentDate: "2017-11-20", method: "bank_transfer", reference: "NL-1", amountCents: 30_000 });
    await settleSpend(await w.as.controller1(), id, { actualCents: 30_000 }, {}, new Date("2017-08-01T10:00:00Z"));
    const due = (await tasksOf(w.users.authorA.id)).teams[0].evaluationsDue!.items.find((s) => s.id === id)!;
    expect(due).toMatchObject({ dueOn: expect.any(String), overdue: true });
    expect((await tasksOf(w.users.controller1.id)).controller?.overdueEvaluations.items.map((s) => s.id)).toContain(id);
    expect((await tasksOf(coordinatorB.id)).teams[0].evaluationsDue?.total).toBe(0);
  });

  it("a notice whose work is done leaves the unread count, for everyone it asked", async () => {
    await markNotificationsRead({ ...(await w.as.coordinator()) });
    for (const c of [w.users.controller1, w.users.controller2, w.users.authorA])
      await markNotificationsRead({ ...(await municipalityContext(t.db, c.id, "municipality")) });
    const before = { coordinator: await unreadOf(w.users.coordinatorA.id), c2: await unreadOf(w.users.controller2.id) };
    expect(before).toEqual({ coordinator: 0, c2: 0 });

    const id = await w.submitted(20_000);
    // Asked: the coordinator to endorse, both controllers to approve.
    expect(await unreadOf(w.users.coordinatorA.id)).toBe(1);
    expect(await unreadOf(w.users.controller2.id)).toBe(1);

    await endorseSpend(await w.as.coordinator(), id);
    expect(await unreadOf(w.users.coordinatorA.id)).toBe(0); // endorsed: done, without opening the notice
    expect(await unreadOf(w.users.controller2.id)).toBe(2); // still waits: approve (submitted) and approve (endorsed)

    await approveSpend(await w.as.controller1(), id);
    // Controller 1 approved: controller 2's approval notices are handled; what is new is the payment to record.
    const c2 = await listNotifications(await municipalityContext(t.db, w.users.controller2.id, "municipality"));
    expect(c2.unread).toBe(1);
    const ofRequest = c2.rows.filter((n) => n.spendId === id);
    expect(ofRequest.filter((n) => n.kind === "approve").every((n) => n.resolvedAt !== null && n.readAt === null)).toBe(true);
    expect(ofRequest.filter((n) => n.kind === "pay").map((n) => n.resolvedAt)).toEqual([null]);
    // News stays until read: the author's "approved".
    const author = await listNotifications(await w.as.author());
    expect(author.rows.find((n) => n.spendId === id && n.kind === "approved")?.resolvedAt).toBeNull();

    await recordPayment(await w.as.controller1(), id, { paymentDate: "2017-11-20", method: "bank_transfer", reference: "NL-2", amountCents: 20_000 });
    expect(await unreadOf(w.users.controller2.id)).toBe(0);

    // Settled → the author is asked to evaluate; filing the evaluation handles it.
    await settleSpend(await w.as.controller1(), id, { actualCents: 20_000 }, {}, new Date("2017-09-01T10:00:00Z"));
    const asked = await unreadOf(w.users.authorA.id);
    await evaluateSpend(await w.as.author(), id, {
      prevented: "yes",
      realisedReturnCents: 100_000,
      realisedSocialReturn: "Werkt.",
      otherRegulationApplied: false,
    });
    expect(await unreadOf(w.users.authorA.id)).toBe(asked - 1);
  });

  it("the hours reminder is handled when that week's hours are registered", async () => {
    const reminded = await sendTimeRegistrationReminders(t.db, { now: NOW });
    expect(reminded.week).toBe("2017-W46");
    const before = await unreadOf(w.users.otherMemberA.id);
    const [notice] = await t.db
      .select()
      .from(notifications)
      .where(sql`${notifications.userId} = ${w.users.otherMemberA.id} and ${notifications.kind} = 'time_registration_missing'`);
    expect(notice.resolvedAt).toBeNull();
    await saveTimeRegistration(await w.as.otherMember(), { week: "2017-W46", individual: 8, collective: 0, meeting: 0, workgroup: 0, other: 0 }, { now: NOW });
    expect(await unreadOf(w.users.otherMemberA.id)).toBe(before - 1);
    const tasks = await tasksOf(w.users.otherMemberA.id);
    expect(tasks.teams[0].myMissingWeeks?.items.map((x) => x.week)).toEqual(["2017-W43", "2017-W44", "2017-W45"]);
    // Another person's reminder for the same week is still open.
    expect(await unreadOf(w.users.authorA.id)).toBeGreaterThan(0);
  });

  it("the admin sees locked accounts and open invitations of their own municipality only", async () => {
    const elsewhere = await createMunicipality(t.db);
    const team = await createTeam(t.db, elsewhere.id);
    const lockedHere = await createUser(t.db, w.municipalityId, { name: "Op Slot" });
    const lockedThere = await createUser(t.db, elsewhere.id, { name: "Elders Op Slot", teamRoles: [{ teamId: team.id, role: "member" }] });
    const until = new Date(Date.now() + 3_600_000);
    for (const u of [lockedHere, lockedThere]) await t.db.update(users).set({ lockedUntil: until }).where(eq(users.id, u.id));
    const a = await myTasks(await person(admin.id));
    expect(a.admin?.lockedAccounts.items.map((x) => x.id)).toEqual([lockedHere.id]);
    expect(a.admin?.lockedAccounts.items[0].link).toBe(`/beheer/gebruikers/${lockedHere.id}`);
    expect(a.admin?.openInvitations.total).toBe(0);
    expect(a.controller).toBeNull();
    expect(a.teams).toEqual([]);
  });
  it("requests to join a closed workgroup wait for whoever decides them: its facilitators and the functional admin, nobody else", async () => {
    const groupA = await createWorkgroup(await w.as.coordinator(), { name: "Schuldhulp in de wijk", isOpen: false });
    const groupB = await createWorkgroup(await municipalityContext(t.db, coordinatorB.id, "municipality"), { name: "Jongeren en wonen", isOpen: false });
    await joinWorkgroup(await w.as.memberB(), groupA.slug);
    await joinWorkgroup(await w.as.author(), groupA.slug);
    await joinWorkgroup(await w.as.otherMember(), groupB.slug);

    // The facilitator of group A: both requests, oldest first, linking to the group's requests; the count in the total.
    const coordA = await tasksOf(w.users.coordinatorA.id);
    expect(coordA.joinRequests.total).toBe(2);
    expect(coordA.joinRequests.items.map((r) => r.who)).toEqual(["Lid B", w.users.authorA.name]);
    expect(coordA.joinRequests.items[0]).toMatchObject({ groupName: "Schuldhulp in de wijk", link: `/werkgroepen/${groupA.slug}#aanvragen` });

    // Group B's facilitator only group B's; the functional admin decides all of them; a requester nothing.
    expect((await tasksOf(coordinatorB.id)).joinRequests.items.map((r) => r.groupName)).toEqual(["Jongeren en wonen"]);
    expect((await myTasks(await person(admin.id))).joinRequests.total).toBe(3);
    expect((await tasksOf(w.users.memberB.id)).joinRequests.total).toBe(0);
    expect((await tasksOf(w.users.controller1.id)).joinRequests.total).toBe(0);

    // Once decided the request leaves the list; the new member (not a facilitator) decides nothing.
    await decideJoinRequest(await w.as.coordinator(), groupA.slug, { userId: w.users.memberB.id, approve: true });
    await decideJoinRequest(await w.as.coordinator(), groupA.slug, { userId: w.users.authorA.id, approve: false });
    const after = await tasksOf(w.users.coordinatorA.id);
    expect(after.joinRequests.total).toBe(0);
    expect(after.total).toBe(coordA.total - 2); // the page's count included them
    expect((await tasksOf(w.users.memberB.id)).joinRequests.total).toBe(0);
    expect((await myTasks(await person(admin.id))).joinRequests.items.map((r) => r.groupName)).toEqual(["Jongeren en wonen"]);
  });
});
