// Success stories and knowledge questions on real PostgreSQL: who reads the
// wall (professionals, the admin, the controller; not volunteers, partner
// managers or another municipality — checked in the use cases and in RLS
// with unfiltered selects), the author-only edit, reactions, the asker-only
// "most helpful" mark, the privacy guard and search.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, eq, knowledgeQuestions, notifications, queryRows, sql, storyReactions, withScope } from "@wijkwerk/db";
import {
  createStory,
  deleteStory,
  getStory,
  listStories,
  storyFormOptions,
  toggleReaction,
  updateStory,
  answerQuestion,
  askQuestion,
  getQuestion,
  listQuestions,
  markBestAnswer,
  searchWorkgroups,
  createWorkgroup,
} from "../src/workgroups";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf } from "./fixtures";

async function world(t: TestDatabase) {
  const db = t.db;
  const m = await createMunicipality(db);
  const teamA = await createTeam(db, m.id, "daalhof");
  const teamB = await createTeam(db, m.id, "centrum");
  const partner = await createPartner(db, m.id);
  const coordA = await createUser(db, m.id, { name: "Chantal Coördinator", teamRoles: [{ teamId: teamA.id, role: "coordinator" }] });
  const memberA = await createUser(db, m.id, { name: "Anouk Jansen", teamRoles: [{ teamId: teamA.id, role: "member" }] });
  const memberB = await createUser(db, m.id, { name: "Bram Peeters", teamRoles: [{ teamId: teamB.id, role: "member" }] });
  const volunteerA = await createUser(db, m.id, { name: "Vera Vrijwilliger", teamRoles: [{ teamId: teamA.id, role: "volunteer" }] });
  const manager = await createUser(db, m.id, {
    name: "Miriam Manager",
    partnerId: partner.id,
    scopeRoles: [{ role: "partner_manager", partnerId: partner.id }],
  });
  const controller = await createUser(db, m.id, { name: "Rob Controller", scopeRoles: [{ role: "controller" }] });
  const admin = await createUser(db, m.id, { name: "Femke Beheer", scopeRoles: [{ role: "admin" }] });
  const m2 = await createMunicipality(db);
  const team2 = await createTeam(db, m2.id);
  const other = await createUser(db, m2.id, { name: "Xander Elders", teamRoles: [{ teamId: team2.id, role: "coordinator" }] });
  const users = { coordA, memberA, memberB, volunteerA, manager, controller, admin, other };
  const as = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, () => municipalityContext(db, u.id, "municipality")])) as Record<
    keyof typeof users,
    () => ReturnType<typeof municipalityContext>
  >;
  return { m, m2, teamA, teamB, users, as };
}

const STORY = {
  title: "Scootmobiel lenen in plaats van kopen",
  body: "Een mevrouw van in de zestig kon na een ziekenhuisopname haar huis niet meer uit. Samen met familie en vrienden bleek dat ze geen eigen scootmobiel nodig had: ze **leent** er een bij de uitleen. Ze gaat weer zelfstandig op stap.",
  theme: "eenzaamheid",
};

describe("success stories and knowledge questions on PostgreSQL", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof world>>;
  let storyId: string;
  let questionId: string;
  let answerB: string;
  let answerCoord: string;
  const count = (userId: string, municipalityId: string, table: string) =>
    withScope(t.db, { kind: "workgroup", municipalityId, userId }, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.raw(table)}`),
    ).then((r) => r[0].n);

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await world(t);
  });
  afterAll(() => t.drop());

  it("the privacy guard blocks a BSN that passes the elfproef, not one that fails it; the override is audited", async () => {
    const ctx = await w.as.memberA();
    const blocked = await createStory(ctx, { ...STORY, teamId: w.teamA.id, body: `${STORY.body} BSN 111222333.` }).catch((e) => e);
    expect(blocked).toMatchObject({ code: "personal_data", status: 422, fieldErrors: { body: ["personal_data"] } });
    expect(blocked.detail).toContain("111******");
    const ok = await createStory(ctx, { ...STORY, title: "Nummer 123456789 klopt niet", teamId: w.teamA.id });
    await deleteStory(ctx, ok.id);
    const overridden = await createStory(ctx, { ...STORY, title: "Factuur 111222333 betaald", teamId: w.teamA.id, confirmNoPersonalData: "on" });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "workgroup.privacy_override"), eq(auditEvents.objectId, overridden.id)));
    expect(audit.objectType).toBe("success_story");
    expect(audit.data).toMatchObject({ kinds: ["bsn"], count: 1 });
    expect(JSON.stringify(audit.data)).not.toContain("111222333");
    await deleteStory(ctx, overridden.id);
  });

  it("a professional posts a story for their own team only; volunteers, partner managers and the controller cannot post", async () => {
    const options = await storyFormOptions(await w.as.memberA());
    expect(options.teams.map((x) => x.id)).toEqual([w.teamA.id]);
    storyId = (await createStory(await w.as.memberA(), { ...STORY, teamId: w.teamA.id })).id;
    expect(await outcomeOf(createStory(await w.as.memberA(), { ...STORY, teamId: w.teamB.id }))).toBe("invalid_input");
    expect(await outcomeOf(createStory(await w.as.memberA(), { ...STORY, teamId: w.teamA.id, theme: "onbekend" }))).toBe("invalid_input");
    expect(await outcomeOf(createStory(await w.as.volunteerA(), { ...STORY, teamId: w.teamA.id }))).toBe("not_found");
    expect(await outcomeOf(createStory(await w.as.manager(), { ...STORY, teamId: w.teamA.id }))).toBe("not_found");
    expect(await outcomeOf(createStory(await w.as.controller(), { ...STORY, teamId: w.teamA.id }))).toMatch(/ForbiddenError/);
    // RLS refuses a story for someone else's team even when the use case is bypassed.
    expect(
      await outcomeOf(
        withScope(t.db, { kind: "workgroup", municipalityId: w.m.id, userId: w.users.memberB.id }, (tx) =>
          tx.execute(
            sql`insert into success_stories (municipality_id, team_id, author_id, theme, title, body) values (${w.m.id}::uuid, ${w.teamA.id}::uuid, ${w.users.memberB.id}::uuid, 'overig', 'x', 'y')`,
          ),
        ),
      ),
    ).not.toBe("ok");
  });

  it("a story can name a group the author is in, not another one", async () => {
    const g = await createWorkgroup(await w.as.coordA(), { name: "Preventie en vroegsignalering", isOpen: true });
    const [{ id: groupId }] = await queryRows<{ id: string }>(t.db, sql`select id from workgroups where slug = ${g.slug}`);
    expect(await outcomeOf(createStory(await w.as.memberA(), { ...STORY, teamId: w.teamA.id, workgroupId: groupId }))).toBe("invalid_input");
    const s = await createStory(await w.as.coordA(), {
      ...STORY,
      title: "Huisarts belt ons eerder",
      theme: "preventie",
      teamId: w.teamA.id,
      workgroupId: groupId,
    });
    expect((await getStory(await w.as.memberB(), s.id)).workgroup).toEqual({ slug: g.slug, name: "Preventie en vroegsignalering" });
    // The controller does not list groups: the story stays readable, without the group's name.
    expect((await getStory(await w.as.controller(), s.id)).workgroup).toBeNull();
    await deleteStory(await w.as.admin(), s.id);
  });

  it("the wall is read by professionals of every team, the admin and the controller; not by volunteers, partner managers or another municipality", async () => {
    for (const who of ["memberB", "coordA", "admin", "controller"] as const) {
      const wall = await listStories(await w.as[who]());
      expect(wall.items.map((s) => s.title)).toEqual([STORY.title]);
    }
    const wall = await listStories(await w.as.memberB());
    expect(wall.items[0]).toMatchObject({
      teamName: "Team daalhof",
      authorName: "Anouk Jansen",
      theme: "eenzaamheid",
      can: { update: false, delete: false, react: true },
    });
    expect(wall.items[0].html).toContain("<strong>leent</strong>");
    expect(wall.canCreate).toBe(true);
    expect((await listStories(await w.as.controller())).canCreate).toBe(false);
    for (const who of ["volunteerA", "manager"] as const) {
      expect(await outcomeOf(listStories(await w.as[who]()))).toBe("not_found");
      expect(await outcomeOf(getStory(await w.as[who](), storyId))).toBe("not_found");
    }
    expect(await outcomeOf(getStory(await w.as.other(), storyId))).toBe("not_found");
    expect((await listStories(await w.as.other())).items).toEqual([]);
    // The database agrees: unfiltered selects return nothing to them.
    expect(await count(w.users.other.id, w.m2.id, "success_stories")).toBe(0);
    expect(await count(w.users.other.id, w.m.id, "success_stories")).toBe(0);
    expect(await count(w.users.manager.id, w.m.id, "success_stories")).toBe(0);
    expect(await count(w.users.volunteerA.id, w.m.id, "success_stories")).toBe(0);
    expect(await count(w.users.controller.id, w.m.id, "success_stories")).toBe(1);
  });

  it("filters by team and theme, newest first, paginated", async () => {
    const second = await createStory(await w.as.memberB(), {
      title: "Inloopspreekuur in de bibliotheek",
      body: "Bewoners vinden ons nu zonder afspraak.",
      theme: "zichtbaarheid",
      teamId: w.teamB.id,
    });
    const ctx = await w.as.coordA();
    expect((await listStories(ctx)).items.map((s) => s.id)).toEqual([second.id, storyId]);
    expect((await listStories(ctx, { team: w.teamB.id })).items.map((s) => s.id)).toEqual([second.id]);
    expect((await listStories(ctx, { theme: "eenzaamheid" })).items.map((s) => s.id)).toEqual([storyId]);
    expect((await listStories(ctx, { theme: "onzin", team: "geen-uuid" })).items).toHaveLength(2);
    expect((await listStories(ctx, { page: 2 })).items).toEqual([]);
    await deleteStory(await w.as.memberB(), second.id);
  });

  it("reactions: one of each kind per user, toggled, with counts", async () => {
    expect(await toggleReaction(await w.as.memberB(), storyId, "mooi")).toEqual({ active: true });
    expect(await toggleReaction(await w.as.memberB(), storyId, "leerzaam")).toEqual({ active: true });
    expect(await toggleReaction(await w.as.controller(), storyId, "mooi")).toEqual({ active: true });
    let s = await getStory(await w.as.memberB(), storyId);
    expect(s.reactions).toEqual({ mooi: 2, herkenbaar: 0, leerzaam: 1 });
    expect(s.myReactions).toEqual(["leerzaam", "mooi"]);
    expect(await toggleReaction(await w.as.memberB(), storyId, "mooi")).toEqual({ active: false });
    s = await getStory(await w.as.memberB(), storyId);
    expect(s.reactions.mooi).toBe(1);
    expect(s.myReactions).toEqual(["leerzaam"]);
    expect(await outcomeOf(toggleReaction(await w.as.memberB(), storyId, "boos"))).toBe("invalid_input");
    expect(await outcomeOf(toggleReaction(await w.as.manager(), storyId, "mooi"))).toBe("not_found");
    // Nobody removes someone else's reaction, even around the use case.
    const deleted = await withScope(t.db, { kind: "workgroup", municipalityId: w.m.id, userId: w.users.memberB.id }, (tx) =>
      tx.delete(storyReactions).where(eq(storyReactions.userId, w.users.controller.id)).returning({ id: storyReactions.id }),
    );
    expect(deleted).toEqual([]);
  });

  it("only the author or the admin edits or removes a story", async () => {
    const edit = { title: `${STORY.title}!`, body: STORY.body, theme: "netwerk" };
    expect(await outcomeOf(updateStory(await w.as.memberB(), storyId, edit))).toMatch(/ForbiddenError/);
    expect(await outcomeOf(updateStory(await w.as.coordA(), storyId, edit))).toMatch(/ForbiddenError/);
    expect(await outcomeOf(deleteStory(await w.as.memberB(), storyId))).toMatch(/ForbiddenError/);
    const changed = await withScope(t.db, { kind: "workgroup", municipalityId: w.m.id, userId: w.users.memberB.id }, (tx) =>
      tx.execute(sql`update success_stories set title = 'gekaapt' returning id`),
    );
    expect(changed).toHaveLength(0);
    expect(await outcomeOf(updateStory(await w.as.memberA(), storyId, { ...edit, body: "Bel 06-12345678" }))).toBe("personal_data");
    await updateStory(await w.as.memberA(), storyId, edit);
    expect((await getStory(await w.as.memberA(), storyId)).theme).toBe("netwerk");
    await updateStory(await w.as.admin(), storyId, { ...edit, title: STORY.title });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "story.updated"), eq(auditEvents.objectId, storyId)));
    expect(audit.data).toMatchObject({ authorId: w.users.memberA.id });
    expect((await getStory(await w.as.memberA(), storyId)).can).toEqual({ update: true, delete: true, react: true });
  });

  it("questions: professionals ask and answer, the controller only reads; the privacy guard checks both", async () => {
    expect(await outcomeOf(askQuestion(await w.as.memberA(), { title: "Wie heeft ervaring met schuldhulp?", body: "Mail j.smeets@gmail.com" }))).toBe(
      "personal_data",
    );
    questionId = (
      await askQuestion(await w.as.memberA(), {
        title: "Wie heeft ervaring met schulden bij jonge gezinnen?",
        body: "Wie heeft goede afspraken met de **Kredietbank** over snelle intake?",
        theme: "armoede_schulden",
      })
    ).id;
    expect(await outcomeOf(askQuestion(await w.as.controller(), { title: "Een vraag", body: "tekst" }))).toMatch(/ForbiddenError/);
    expect(await outcomeOf(askQuestion(await w.as.manager(), { title: "Een vraag", body: "tekst" }))).toBe("not_found");
    expect(await outcomeOf(answerQuestion(await w.as.memberB(), questionId, { body: "Bel ons op 043-1234567" }))).toBe("personal_data");
    answerB = (await answerQuestion(await w.as.memberB(), questionId, { body: "In Centrum hebben we een vaste contactpersoon bij de Kredietbank." })).id;
    answerCoord = (await answerQuestion(await w.as.coordA(), questionId, { body: "Wij plannen de intake samen met de budgetcoach." })).id;
    expect(await outcomeOf(answerQuestion(await w.as.controller(), questionId, { body: "Goed idee" }))).toMatch(/ForbiddenError/);
    const notices = await t.db.select().from(notifications).where(eq(notifications.userId, w.users.memberA.id));
    expect(notices.map((n) => n.kind)).toEqual(["knowledge_answer", "knowledge_answer"]);
    const view = await getQuestion(await w.as.controller(), questionId);
    expect(view.answers.map((a) => a.id)).toEqual([answerB, answerCoord]);
    expect(view.can).toEqual({ answer: false, markBest: false });
    expect(await count(w.users.other.id, w.m2.id, "knowledge_questions")).toBe(0);
    expect(await count(w.users.manager.id, w.m.id, "knowledge_answers")).toBe(0);
    expect(await outcomeOf(getQuestion(await w.as.other(), questionId))).toBe("not_found");
  });

  it("only the asker marks the most helpful answer (shown first), and may change it", async () => {
    expect(await outcomeOf(markBestAnswer(await w.as.memberB(), questionId, answerB))).toMatch(/ForbiddenError/);
    expect(await outcomeOf(markBestAnswer(await w.as.admin(), questionId, answerB))).toMatch(/ForbiddenError/);
    // RLS: an update by someone else changes nothing.
    const changed = await withScope(t.db, { kind: "workgroup", municipalityId: w.m.id, userId: w.users.memberB.id }, (tx) =>
      tx.update(knowledgeQuestions).set({ bestAnswerId: answerB }).where(eq(knowledgeQuestions.id, questionId)).returning({ id: knowledgeQuestions.id }),
    );
    expect(changed).toEqual([]);
    await markBestAnswer(await w.as.memberA(), questionId, answerCoord);
    let view = await getQuestion(await w.as.memberA(), questionId);
    expect(view.answers.map((a) => [a.id, a.best])).toEqual([
      [answerCoord, true],
      [answerB, false],
    ]);
    expect(view.can.markBest).toBe(true);
    await markBestAnswer(await w.as.memberA(), questionId, answerB);
    view = await getQuestion(await w.as.memberB(), questionId);
    expect(view.answers[0]).toMatchObject({ id: answerB, best: true });
    expect(view.question.answered).toBe(true);
    // An answer of another question cannot be marked.
    const other = await askQuestion(await w.as.memberA(), { title: "Wie kent een taalcafé in Malberg?", body: "Voor nieuwkomers." });
    expect(await outcomeOf(markBestAnswer(await w.as.memberA(), other.id, answerB))).toBe("not_found");
    const open = await listQuestions(await w.as.memberB(), { status: "open" });
    expect(open.items.map((q) => q.id)).toEqual([other.id]);
    const answered = await listQuestions(await w.as.memberB(), { status: "answered" });
    expect(answered.items).toMatchObject([{ id: questionId, answers: 2, answered: true, theme: "armoede_schulden" }]);
    expect((await listQuestions(await w.as.memberB())).total).toBe(2);
  });

  it("search finds stories, questions and answers (Dutch stemming) for readers only", async () => {
    const hits = await searchWorkgroups(await w.as.memberB(), "scootmobielen");
    expect(hits.items.map((h) => [h.kind, h.title, h.groupName])).toEqual([["story", STORY.title, "Team daalhof"]]);
    expect(hits.items[0].link).toBe(`/successen/${storyId}`);
    const q = await searchWorkgroups(await w.as.controller(), "kredietbank");
    expect(q.items.map((h) => h.kind).sort()).toEqual(["answer", "question"]);
    expect(q.items.find((h) => h.kind === "answer")?.link).toBe(`/vragen/${questionId}#antwoord-${answerB}`);
    expect((await searchWorkgroups(await w.as.manager(), "scootmobiel")).total).toBe(0);
    expect((await searchWorkgroups(await w.as.volunteerA(), "kredietbank")).total).toBe(0);
    expect((await searchWorkgroups(await w.as.other(), "kredietbank")).total).toBe(0);
  });

  it("removing a story removes its reactions and is audit-logged", async () => {
    await deleteStory(await w.as.memberA(), storyId);
    expect(await outcomeOf(getStory(await w.as.memberA(), storyId))).toBe("not_found");
    expect(await t.db.select().from(storyReactions).where(eq(storyReactions.storyId, storyId))).toEqual([]);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "story.removed"), eq(auditEvents.objectId, storyId)));
    expect(audit.data).toMatchObject({ title: STORY.title, teamId: w.teamA.id });
  });
});
