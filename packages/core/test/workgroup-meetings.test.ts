// Workgroup meetings (decisions, action items) and proposals on real
// PostgreSQL: who may read and write them (the access matrix with its
// negative cases, RLS as the second wall), the privacy guard, "my action
// items" on the home page, and the proposal rules (one current response,
// reason for disagree/block, closing by facilitators only, the outcome as a
// decision linked from the meeting and the handbook page).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, eq, notifications, outboxEmails, queryRows, sql, withScope, workgroupProposals } from "@wijkwerk/db";
import {
  createWorkgroup,
  decideJoinRequest,
  joinWorkgroup,
  getHandbookPage,
  saveHandbookPage,
  addActionItem,
  addMeetingDecision,
  createMeeting,
  getMeeting,
  getWorkgroupRecord,
  listMyActionItems,
  setActionItemDone,
  updateMeeting,
  closeProposal,
  createProposal,
  getProposal,
  respondToProposal,
  searchWorkgroups,
} from "../src/workgroups";
import { amsterdamDay } from "../src/common";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf } from "./fixtures";

const day = (offset: number) => amsterdamDay(new Date(Date.now() + offset * 86_400_000));

describe("workgroup meetings and proposals on PostgreSQL", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof world>>;
  let open: { slug: string; id: string };
  let closed: { slug: string; id: string };
  let meetingId: string;
  let itemId: string;
  let proposalId: string;

  async function world() {
    const db = t.db;
    const m = await createMunicipality(db);
    const teamA = await createTeam(db, m.id, "daalhof");
    const teamB = await createTeam(db, m.id, "centrum");
    const partner = await createPartner(db, m.id);
    const coordA = await createUser(db, m.id, {
      name: "Chantal Coördinator",
      email: "chantal.coord@test.demo",
      teamRoles: [{ teamId: teamA.id, role: "coordinator" }],
    });
    const memberA = await createUser(db, m.id, { name: "Anouk Jansen", email: "anouk.a@test.demo", teamRoles: [{ teamId: teamA.id, role: "member" }] });
    const memberB = await createUser(db, m.id, { name: "Bram Peeters", email: "bram.b@test.demo", teamRoles: [{ teamId: teamB.id, role: "member" }] });
    const manager = await createUser(db, m.id, {
      name: "Miriam Manager",
      email: "miriam.manager@test.demo",
      partnerId: partner.id,
      scopeRoles: [{ role: "partner_manager", partnerId: partner.id }],
    });
    const controller = await createUser(db, m.id, { name: "Rob Controller", scopeRoles: [{ role: "controller" }] });
    const m2 = await createMunicipality(db);
    const team2 = await createTeam(db, m2.id);
    const other = await createUser(db, m2.id, { name: "Xander Elders", teamRoles: [{ teamId: team2.id, role: "coordinator" }] });
    const ctx = (userId: string) => municipalityContext(db, userId, "municipality");
    return {
      m,
      m2,
      users: { coordA, memberA, memberB, manager, controller, other },
      as: {
        coordA: () => ctx(coordA.id),
        memberA: () => ctx(memberA.id),
        memberB: () => ctx(memberB.id),
        manager: () => ctx(manager.id),
        controller: () => ctx(controller.id),
        other: () => ctx(other.id),
      },
    };
  }

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await world();
    // An open group (coordA facilitates; memberB joins) and a closed one (coordA facilitates; memberB is let in).
    open = await createWorkgroup(await w.as.coordA(), { name: "Preventie en vroegsignalering", isOpen: true });
    await joinWorkgroup(await w.as.memberB(), open.slug);
    closed = await createWorkgroup(await w.as.coordA(), { name: "Cliëntondersteuning", isOpen: false });
    await joinWorkgroup(await w.as.memberB(), closed.slug);
    await decideJoinRequest(await w.as.coordA(), closed.slug, { userId: w.users.memberB.id, approve: true });
  });
  afterAll(() => t.drop());

  it("members plan a meeting with agenda and notes (markdown, safe); readers who are not members read but do not write", async () => {
    const created = await createMeeting(await w.as.memberB(), open.slug, {
      heldOn: day(7),
      startsAt: "14:00",
      agenda: "1. Signalen\n2. **Afspraken** <script>x</script>",
    });
    meetingId = created.id;
    // memberA reads the open group but is not a member: reads, cannot write.
    const seen = await getMeeting(await w.as.memberA(), open.slug, meetingId);
    expect(seen.meeting).toMatchObject({ heldOn: day(7), startsAt: "14:00" });
    expect(seen.meeting.agendaHtml).toContain("<strong>Afspraken</strong>");
    expect(seen.meeting.agendaHtml).not.toContain("<script>");
    expect(seen.can.update).toBe(false);
    expect(seen.members).toEqual([]);
    expect(await outcomeOf(createMeeting(await w.as.memberA(), open.slug, { heldOn: day(1) }))).toMatch(/ForbiddenError/);
    expect(await outcomeOf(updateMeeting(await w.as.memberA(), open.slug, meetingId, { heldOn: day(7), notes: "x" }))).toMatch(/ForbiddenError/);
    // Field errors: a date that does not exist, a time out of range.
    const bad = await createMeeting(await w.as.memberB(), open.slug, { heldOn: "2026-02-30", startsAt: "25:00" }).catch((e) => e);
    expect(bad.fieldErrors).toEqual({ heldOn: ["date_invalid"], startsAt: ["invalid_input"] });
    await updateMeeting(await w.as.coordA(), open.slug, meetingId, {
      heldOn: day(7),
      startsAt: "14:00",
      agenda: "1. Signalen",
      notes: "We spraken over _huurachterstand_.",
    });
    expect((await getMeeting(await w.as.memberB(), open.slug, meetingId)).meeting.notesHtml).toContain("<em>huurachterstand</em>");
  });

  it("the privacy guard runs on agenda, notes, decisions and action items, with the audited override", async () => {
    const blocked = await updateMeeting(await w.as.memberB(), open.slug, meetingId, { heldOn: day(7), notes: "Mevrouw (06-12345678) belde." }).catch((e) => e);
    expect(blocked).toMatchObject({ code: "personal_data", fieldErrors: { notes: ["personal_data"] } });
    expect(await outcomeOf(addMeetingDecision(await w.as.memberB(), open.slug, meetingId, { text: "Bel mevrouw op 06-12345678 terug." }))).toBe(
      "personal_data",
    );
    expect(
      await outcomeOf(
        addActionItem(await w.as.memberB(), open.slug, meetingId, { task: "Mail naar j.devries@gmail.com", ownerId: w.users.memberB.id, dueOn: day(3) }),
      ),
    ).toBe("personal_data");
    const ok = await addMeetingDecision(await w.as.memberB(), open.slug, meetingId, {
      text: "De Voedselbank is bereikbaar op 043-1234567.",
      confirmNoPersonalData: "on",
    });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "workgroup.privacy_override"), eq(auditEvents.objectId, ok.id)));
    expect(audit).toMatchObject({ objectType: "workgroup_decision" });
    expect(JSON.stringify(audit.data)).not.toContain("1234567");
  });

  it("action items: owner must be a member; owner or facilitator ticks off; they show on the owner's home page", async () => {
    expect(
      await outcomeOf(
        addActionItem(await w.as.memberB(), open.slug, meetingId, { task: "Afspraak met corporatie", ownerId: w.users.memberA.id, dueOn: day(3) }),
      ),
    ).toBe("action_owner_not_member");
    expect(await outcomeOf(addActionItem(await w.as.memberB(), open.slug, meetingId, { task: "x", ownerId: "nope", dueOn: "morgen" }))).toBe("invalid_input");
    itemId = (
      await addActionItem(await w.as.coordA(), open.slug, meetingId, {
        task: "Afspraak met de corporatie voorbereiden",
        ownerId: w.users.memberB.id,
        dueOn: day(3),
      })
    ).id;
    await addActionItem(await w.as.coordA(), open.slug, meetingId, { task: "Verslag rondsturen", ownerId: w.users.memberB.id, dueOn: day(-2) });
    const mine = await listMyActionItems(await w.as.memberB());
    expect(mine.map((i) => [i.description, i.overdue, i.groupName])).toEqual([
      ["Verslag rondsturen", true, "Preventie en vroegsignalering"],
      ["Afspraak met de corporatie voorbereiden", false, "Preventie en vroegsignalering"],
    ]);
    expect(mine[1].link).toBe(`/werkgroepen/${open.slug}/overleg/${meetingId}#actiepunt-${itemId}`);
    expect(await listMyActionItems(await w.as.memberA())).toEqual([]);
    // A reader (memberA) and the controller cannot tick it off; the owner and a facilitator can.
    expect(await outcomeOf(setActionItemDone(await w.as.memberA(), open.slug, itemId, true))).toMatch(/ForbiddenError/);
    expect(await outcomeOf(setActionItemDone(await w.as.controller(), open.slug, itemId, true))).toBe("not_found");
    await setActionItemDone(await w.as.memberB(), open.slug, itemId, true);
    expect((await listMyActionItems(await w.as.memberB())).map((i) => i.description)).toEqual(["Verslag rondsturen"]);
    await setActionItemDone(await w.as.coordA(), open.slug, itemId, false);
    const view = await getMeeting(await w.as.memberB(), open.slug, meetingId);
    expect(view.actionItems.map((i) => [i.description, i.done, i.canToggle])).toEqual([
      ["Verslag rondsturen", false, true],
      ["Afspraak met de corporatie voorbereiden", false, true],
    ]);
    // RLS: a member who is not the owner nor a facilitator cannot update the row even with a direct query.
    const direct = await withScope(t.db, { kind: "workgroup", municipalityId: w.m.id, userId: w.users.memberA.id }, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`update workgroup_action_items set done_at = now(), done_by = ${w.users.memberA.id}::uuid where id = ${itemId}::uuid returning id`,
      ),
    );
    expect(direct).toEqual([]);
  });

  it("a closed group's meetings, actions and proposals are invisible to non-members, partner managers outside it, the controller and another municipality", async () => {
    const m = await createMeeting(await w.as.coordA(), closed.slug, { heldOn: day(2), agenda: "Intake" });
    await addActionItem(await w.as.coordA(), closed.slug, m.id, { task: "Intakeformulier aanpassen", ownerId: w.users.memberB.id, dueOn: day(5) });
    const p = await createProposal(await w.as.coordA(), closed.slug, {
      title: "Intake samen met MEE",
      body: "We doen de intake voortaan samen.",
      closesOn: day(5),
    });
    for (const who of ["memberA", "manager", "controller", "other"] as const) {
      expect(await outcomeOf(getMeeting(await w.as[who](), closed.slug, m.id)), who).toBe("not_found");
      expect(await outcomeOf(getProposal(await w.as[who](), closed.slug, p.id)), who).toBe("not_found");
      expect(await outcomeOf(getWorkgroupRecord(await w.as[who](), closed.slug)), who).toBe("not_found");
    }
    const count = async (userId: string, municipalityId: string, table: string) =>
      (
        await withScope(t.db, { kind: "workgroup", municipalityId, userId }, (tx) =>
          queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.raw(table)} where workgroup_id = ${closed.id}::uuid`),
        )
      )[0].n;
    for (const table of ["workgroup_meetings", "workgroup_action_items", "workgroup_proposals", "workgroup_decisions", "workgroup_proposal_responses"]) {
      expect(await count(w.users.memberA.id, w.m.id, table), table).toBe(0);
      expect(await count(w.users.manager.id, w.m.id, table), table).toBe(0);
      expect(await count(w.users.controller.id, w.m.id, table), table).toBe(0);
      expect(await count(w.users.other.id, w.m2.id, table), table).toBe(0);
    }
    expect(await count(w.users.memberB.id, w.m.id, "workgroup_meetings")).toBe(1);
    // RLS refuses a non-member's insert even past the use case.
    const insert = withScope(t.db, { kind: "workgroup", municipalityId: w.m.id, userId: w.users.memberA.id }, (tx) =>
      tx.execute(
        sql`insert into workgroup_meetings (municipality_id, workgroup_id, held_on, created_by, updated_by) values (${w.m.id}::uuid, ${closed.id}::uuid, current_date, ${w.users.memberA.id}::uuid, ${w.users.memberA.id}::uuid)`,
      ),
    );
    expect(await outcomeOf(insert)).toMatch(/row-level security|Failed query/);
    // memberB is in both groups: sees both action items on the home page; once out of the closed group, only the open group's.
    expect((await listMyActionItems(await w.as.memberB())).map((i) => i.groupName)).toContain("Cliëntondersteuning");
    await t.db.execute(sql`delete from workgroup_members where workgroup_id = ${closed.id}::uuid and user_id = ${w.users.memberB.id}::uuid`);
    expect((await listMyActionItems(await w.as.memberB())).map((i) => i.groupName)).not.toContain("Cliëntondersteuning");
  });

  it("proposals: members respond once (changeable), block needs a reason, a member cannot close, the facilitator's outcome becomes a decision", async () => {
    await saveHandbookPage(await w.as.coordA(), open.slug, null, { title: "Aanpak huurachterstand", body: "Bel binnen vijf werkdagen." });
    expect(await outcomeOf(createProposal(await w.as.memberA(), open.slug, { title: "Twee werkdagen", body: "Sneller bellen.", closesOn: day(3) }))).toMatch(
      /ForbiddenError/,
    );
    expect(await outcomeOf(createProposal(await w.as.memberB(), open.slug, { title: "Twee werkdagen", body: "Sneller bellen.", closesOn: day(-1) }))).toBe(
      "proposal_closes_in_past",
    );
    expect(
      await outcomeOf(
        createProposal(await w.as.memberB(), open.slug, { title: "Twee werkdagen", body: "Sneller bellen.", closesOn: day(3), handbookPage: "bestaat-niet" }),
      ),
    ).toBe("invalid_input");
    proposalId = (
      await createProposal(await w.as.memberB(), open.slug, {
        title: "Binnen twee werkdagen bellen",
        body: "Bij een melding bellen we **binnen twee werkdagen**.",
        closesOn: day(3),
        meetingId,
        handbookPage: "aanpak-huurachterstand",
      })
    ).id;
    const [created] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "workgroup.proposal_created"), eq(auditEvents.objectId, proposalId)));
    expect(created.data).toMatchObject({ workgroupId: open.id, closesOn: day(3) });

    expect(await outcomeOf(respondToProposal(await w.as.memberB(), open.slug, proposalId, { position: "block", reason: "" }))).toBe("proposal_reason_required");
    expect(await outcomeOf(respondToProposal(await w.as.memberB(), open.slug, proposalId, { position: "disagree" }))).toBe("proposal_reason_required");
    expect(await outcomeOf(respondToProposal(await w.as.memberB(), open.slug, proposalId, { position: "maybe" }))).toBe("invalid_input");
    // A reader who is not a member cannot respond.
    expect(await outcomeOf(respondToProposal(await w.as.memberA(), open.slug, proposalId, { position: "agree" }))).toMatch(/ForbiddenError/);
    await respondToProposal(await w.as.memberB(), open.slug, proposalId, { position: "block", reason: "Twee dagen is niet haalbaar in de zomer." });
    await respondToProposal(await w.as.memberB(), open.slug, proposalId, { position: "agree" });
    await respondToProposal(await w.as.coordA(), open.slug, proposalId, { position: "abstain" });
    let view = await getProposal(await w.as.memberA(), open.slug, proposalId);
    expect(view.tallies).toEqual({ agree: 1, abstain: 1, disagree: 0, block: 0 });
    expect(view.responses.map((r) => [r.name, r.position])).toEqual([
      ["Bram Peeters", "agree"],
      ["Chantal Coördinator", "abstain"],
    ]);
    expect(view.can).toEqual({ respond: false, close: false });
    expect(view.proposal.html).toContain("<strong>binnen twee werkdagen</strong>");

    // Only a facilitator closes.
    expect(await outcomeOf(closeProposal(await w.as.memberB(), open.slug, proposalId, { outcome: "Aangenomen." }))).toMatch(/ForbiddenError/);
    expect(await outcomeOf(closeProposal(await w.as.memberA(), open.slug, proposalId, { outcome: "Aangenomen." }))).toMatch(/ForbiddenError/);
    expect(await outcomeOf(closeProposal(await w.as.coordA(), open.slug, proposalId, { outcome: "" }))).toBe("invalid_input");
    // RLS as the second wall: a member's direct update closes nothing.
    const direct = await withScope(t.db, { kind: "workgroup", municipalityId: w.m.id, userId: w.users.memberB.id }, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`update workgroup_proposals set closed_at = now(), closed_by = ${w.users.memberB.id}::uuid, outcome = 'x' where id = ${proposalId}::uuid returning id`,
      ),
    );
    expect(direct).toEqual([]);
    const { decisionId } = await closeProposal(await w.as.coordA(), open.slug, proposalId, { outcome: "Aangenomen: we bellen binnen twee werkdagen." });
    const [closedAudit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "workgroup.proposal_closed"), eq(auditEvents.objectId, proposalId)));
    expect(closedAudit.data).toMatchObject({ decisionId, tallies: { agree: 1, abstain: 1, disagree: 0, block: 0 } });
    expect(await outcomeOf(closeProposal(await w.as.coordA(), open.slug, proposalId, { outcome: "Nog eens." }))).toBe("proposal_closed");
    // Cannot respond after closing.
    expect(await outcomeOf(respondToProposal(await w.as.memberB(), open.slug, proposalId, { position: "disagree", reason: "Toch niet." }))).toBe(
      "proposal_closed",
    );

    view = await getProposal(await w.as.memberB(), open.slug, proposalId);
    expect(view.decision).toMatchObject({ id: decisionId, text: "Aangenomen: we bellen binnen twee werkdagen." });
    expect(view.proposal).toMatchObject({ open: false, closedByName: "Chantal Coördinator" });
    // The decision is linked from the meeting and from the handbook page it changes, and listed on the group.
    const meeting = await getMeeting(await w.as.memberA(), open.slug, meetingId);
    expect(meeting.decisions.map((d) => d.proposalTitle)).toContain("Binnen twee werkdagen bellen");
    expect(meeting.proposals.map((p) => p.title)).toEqual(["Binnen twee werkdagen bellen"]);
    const page = await getHandbookPage(await w.as.memberA(), open.slug, "aanpak-huurachterstand");
    expect(page.decisions.map((d) => [d.text, d.proposalId])).toEqual([["Aangenomen: we bellen binnen twee werkdagen.", proposalId]]);
    const record = await getWorkgroupRecord(await w.as.memberA(), open.slug);
    expect(record.decisions.map((d) => d.id)).toContain(decisionId);
    expect(record.proposals[0]).toMatchObject({ id: proposalId, open: false });
  });

  it("after the closing date nobody responds any more; the facilitator still records the outcome", async () => {
    const p = await createProposal(await w.as.coordA(), open.slug, { title: "Inloopspreekuur op woensdag", body: "Elke woensdag.", closesOn: day(0) });
    await respondToProposal(await w.as.memberB(), open.slug, p.id, { position: "disagree", reason: "Woensdag is de kinderdag." });
    // The closing date passes (moved back as the owner, not through the app).
    await t.db
      .update(workgroupProposals)
      .set({ closesOn: day(-1) })
      .where(eq(workgroupProposals.id, p.id));
    expect(await outcomeOf(respondToProposal(await w.as.memberB(), open.slug, p.id, { position: "agree" }))).toBe("proposal_closed");
    // RLS also refuses a late response.
    const late = await withScope(t.db, { kind: "workgroup", municipalityId: w.m.id, userId: w.users.memberB.id }, (tx) =>
      queryRows<{ id: string }>(tx, sql`update workgroup_proposal_responses set position = 'agree' where proposal_id = ${p.id}::uuid returning id`),
    );
    expect(late).toEqual([]);
    const view = await getProposal(await w.as.coordA(), open.slug, p.id);
    expect(view.proposal.awaitingOutcome).toBe(true);
    expect(view.can).toEqual({ respond: false, close: true });
    await closeProposal(await w.as.coordA(), open.slug, p.id, { outcome: "Niet aangenomen; we kiezen een andere dag." });
    expect((await getProposal(await w.as.memberB(), open.slug, p.id)).decision?.text).toBe("Niet aangenomen; we kiezen een andere dag.");
  });

  it("search finds meetings, proposals and decisions (Dutch stemming), only where the user may read the group", async () => {
    const meeting = await createMeeting(await w.as.coordA(), closed.slug, { heldOn: day(3), notes: "Afspraken over huurachterstanden met de corporatie." });
    await addMeetingDecision(await w.as.coordA(), closed.slug, meeting.id, { text: "Wij bellen bij een huurachterstand binnen twee werkdagen." });
    await createProposal(await w.as.coordA(), closed.slug, {
      title: "Huurachterstand vroeg melden",
      body: "De corporatie meldt na één maand.",
      closesOn: day(5),
    });
    const kinds = async (who: "coordA" | "memberA" | "manager" | "other") =>
      (await searchWorkgroups(await w.as[who](), "huurachterstand")).items
        .filter((h) => h.groupName === "Cliëntondersteuning")
        .map((h) => h.kind)
        .sort();
    expect(await kinds("coordA")).toEqual(["decision", "meeting", "proposal"]);
    const hit = (await searchWorkgroups(await w.as.coordA(), "huurachterstanden")).items.find((h) => h.kind === "meeting")!;
    expect(hit.link).toBe(`/werkgroepen/${closed.slug}/overleg/${meeting.id}`);
    expect(hit.title).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    // Not a member of the closed group, a partner manager outside it, another municipality: nothing.
    for (const who of ["memberA", "manager", "other"] as const) expect(await kinds(who), who).toEqual([]);
  });

  it("the owner of a new action item and the members asked about a new proposal are told (in the app and by e-mail), never the actor", async () => {
    const meeting = await createMeeting(await w.as.coordA(), open.slug, { heldOn: day(1), agenda: "Taken" });
    await addActionItem(await w.as.coordA(), open.slug, meeting.id, { task: "Folder drukken", ownerId: w.users.memberB.id, dueOn: day(9) });
    const told = async (kind: string) =>
      (await t.db.select().from(notifications).where(eq(notifications.kind, kind))).map((n) => ({ userId: n.userId, link: n.link, text: n.text }));
    const action = (await told("workgroup_action")).filter((n) => n.link.endsWith(meeting.id));
    expect(action).toEqual([expect.objectContaining({ userId: w.users.memberB.id, link: `/werkgroepen/${open.slug}/overleg/${meeting.id}` })]);
    expect(action[0].text).toContain("Folder drukken");
    const p = await createProposal(await w.as.memberB(), open.slug, { title: "Folder in drie talen", body: "Nederlands, Engels, Arabisch.", closesOn: day(4) });
    const proposal = (await told("workgroup_proposal")).filter((n) => n.link.endsWith(p.id));
    expect(proposal.map((n) => n.userId)).not.toContain(w.users.memberB.id);
    expect(proposal.map((n) => n.userId)).toContain(w.users.coordA.id);
    expect(proposal.every((n) => n.link === `/werkgroepen/${open.slug}/voorstellen/${p.id}`)).toBe(true);
    const mails = await t.db
      .select()
      .from(outboxEmails)
      .where(sql`${outboxEmails.textBody} like ${`%/voorstellen/${p.id}%`}`);
    expect(mails.length).toBe(proposal.length);
    // Closing it tells the members what was decided, not the facilitator who closed it.
    await closeProposal(await w.as.coordA(), open.slug, p.id, { outcome: "We drukken de folder in drie talen." });
    const decided = (await told("workgroup_decision")).filter((n) => n.link.endsWith(p.id));
    expect(decided.map((n) => n.userId)).toContain(w.users.memberB.id);
    expect(decided.map((n) => n.userId)).not.toContain(w.users.coordA.id);
    expect(decided[0].text).toContain("We drukken de folder in drie talen.");
  });
});
