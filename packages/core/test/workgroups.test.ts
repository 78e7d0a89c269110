// Workgroups on real PostgreSQL (and the search + RLS core on PGlite): the
// access matrix with its negative cases, the privacy guard's wiring (blocked,
// override audited), @mentions, moderation, handbook versions/diff/restore,
// and Dutch full-text search with stemming.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, buurten, eq, notifications, outboxEmails, queryRows, sql, withScope, workgroupPosts } from "@wijkwerk/db";
import { findMentions, handlesOf, renderMarkdown } from "../src/common";
import {
  createWorkgroup,
  decideJoinRequest,
  getWorkgroup,
  joinWorkgroup,
  listWorkgroups,
  createPost,
  getThread,
  hidePost,
  listThreads,
  diffHandbookVersions,
  getHandbookPage,
  listHandbookPages,
  restoreHandbookVersion,
  saveHandbookPage,
  searchWorkgroups,
  snippetParts,
} from "../src/workgroups";
import { workgroupScope } from "../src/workgroups/workgroups";
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from "../src/workgroups/search";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf } from "./fixtures";

describe("markdown and mentions (pure)", () => {
  it("renders formatting but never raw HTML or dangerous links", () => {
    expect(renderMarkdown("**vet** en _schuin_")).toBe("<p><strong>vet</strong> en <em>schuin</em></p>");
    const html = renderMarkdown(
      'Tekst <script>alert(1)</script> <img src=x onerror="alert(1)">\n\n[klik](javascript:alert(1)) ![x](data:text/html;base64,AAA) [ok](https://www.maastricht.nl)',
    );
    expect(html).not.toMatch(/<script|<img src=x|onerror="|href="javascript:|src="data:/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://www.maastricht.nl">ok</a>');
    expect(html).toContain('<a href="">klik</a>');
  });

  it("finds @handles, not e-mail addresses, and knows a person's handles", () => {
    expect(findMentions("Vraag aan @anouk.jansen en @Bram. Mail info@trajekt.nl")).toEqual(["anouk.jansen", "bram"]);
    expect(handlesOf({ email: "zoe.bours.centrum@mee.demo", name: "Zoë Bours" })).toEqual(["zoe.bours.centrum", "zoe.bours"]);
  });

  it("splits highlighted snippets into text parts; a stray marker stays text", () => {
    expect(snippetParts(`Hulp bij ${HIGHLIGHT_START}schulden${HIGHLIGHT_STOP} <b>x</b>`)).toEqual([
      { text: "Hulp bij ", hit: false },
      { text: "schulden", hit: true },
      { text: " <b>x</b>", hit: false },
    ]);
    expect(snippetParts(`a ${HIGHLIGHT_STOP}b`)).toEqual([{ text: "a b", hit: false }]);
  });
});

async function world(t: TestDatabase) {
  const db = t.db;
  const m = await createMunicipality(db);
  const teamA = await createTeam(db, m.id, "daalhof");
  const teamB = await createTeam(db, m.id, "centrum");
  await db.insert(buurten).values({ municipalityId: m.id, name: "Villapark" });
  const partner = await createPartner(db, m.id);
  const coordA = await createUser(db, m.id, {
    name: "Chantal Coördinator",
    email: "chantal.coord@test.demo",
    teamRoles: [{ teamId: teamA.id, role: "coordinator" }],
  });
  const memberA = await createUser(db, m.id, { name: "Anouk Jansen", email: "anouk.a@test.demo", teamRoles: [{ teamId: teamA.id, role: "member" }] });
  const memberB = await createUser(db, m.id, { name: "Bram Peeters", email: "bram.b@test.demo", teamRoles: [{ teamId: teamB.id, role: "member" }] });
  const volunteerA = await createUser(db, m.id, { name: "Vera Vrijwilliger", teamRoles: [{ teamId: teamA.id, role: "volunteer" }] });
  const manager = await createUser(db, m.id, {
    name: "Miriam Manager",
    email: "miriam.manager@test.demo",
    partnerId: partner.id,
    scopeRoles: [{ role: "partner_manager", partnerId: partner.id }],
  });
  const controller = await createUser(db, m.id, { name: "Rob Controller", email: "rob.controller@test.demo", scopeRoles: [{ role: "controller" }] });
  const admin = await createUser(db, m.id, { name: "Femke Beheer", scopeRoles: [{ role: "admin" }] });
  const m2 = await createMunicipality(db);
  const team2 = await createTeam(db, m2.id);
  const other = await createUser(db, m2.id, { name: "Xander Elders", teamRoles: [{ teamId: team2.id, role: "coordinator" }] });
  const ctx = (userId: string) => municipalityContext(db, userId, "municipality");
  const as = {
    coordA: () => ctx(coordA.id),
    memberA: () => ctx(memberA.id),
    memberB: () => ctx(memberB.id),
    volunteerA: () => ctx(volunteerA.id),
    manager: () => ctx(manager.id),
    controller: () => ctx(controller.id),
    admin: () => ctx(admin.id),
    other: () => ctx(other.id),
  };
  return { m, m2, users: { coordA, memberA, memberB, volunteerA, manager, controller, admin, other }, as };
}

describe("workgroups on PostgreSQL", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof world>>;
  let open: { slug: string; id: string };
  let closed: { slug: string; id: string };
  let openThread: string;
  let closedThread: string;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await world(t);
  });
  afterAll(() => t.drop());

  it("a coordinator and the admin create groups; members, volunteers, controllers and partner managers cannot", async () => {
    open = await createWorkgroup(await w.as.coordA(), {
      name: "Preventie en vroegsignalering",
      description: "Eerder erbij zijn: signalen van schulden en eenzaamheid.",
      isOpen: true,
      facilitators: "",
    });
    expect(open.slug).toBe("preventie-en-vroegsignalering");
    closed = await createWorkgroup(await w.as.admin(), {
      name: "Cliëntondersteuning",
      description: "Afspraken over onafhankelijke cliëntondersteuning.",
      isOpen: false,
      facilitators: "chantal.coord@test.demo, miriam.manager@test.demo",
    });
    expect(closed.slug).toBe("clientondersteuning");
    for (const who of ["memberA", "volunteerA", "controller", "manager"] as const) {
      expect(await outcomeOf(createWorkgroup(await w.as[who](), { name: "Nog een groep", isOpen: true }))).not.toBe("ok");
    }
    expect(await outcomeOf(createWorkgroup(await w.as.coordA(), { name: "Onbekende begeleider", isOpen: true, facilitators: "niemand@test.demo" }))).toBe(
      "invalid_input",
    );
    // The privacy guard covers name and description too (read by every professional).
    const blocked = await createWorkgroup(await w.as.coordA(), { name: "Casus Hoogbrugstraat 12", isOpen: true }).catch((e) => e);
    expect(blocked).toMatchObject({ code: "personal_data", fieldErrors: { description: ["personal_data"] } });
    const second = await createWorkgroup(await w.as.coordA(), { name: "Preventie en vroegsignalering", isOpen: true });
    expect(second.slug).toBe("preventie-en-vroegsignalering-2");
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "workgroup.created"), eq(auditEvents.objectId, closed.id)));
    expect(audit.data).toMatchObject({ isOpen: false });
  });

  it("lists: professionals see every group's name; partner managers only theirs; the controller, volunteers and another municipality none", async () => {
    const names = async (who: keyof typeof w.as) => (await listWorkgroups(await w.as[who]())).items.map((g) => g.name).sort();
    expect(await names("memberB")).toEqual(["Cliëntondersteuning", "Preventie en vroegsignalering", "Preventie en vroegsignalering"]);
    expect(await names("manager")).toEqual(["Cliëntondersteuning"]);
    expect(await names("controller")).toEqual([]);
    expect(await names("volunteerA")).toEqual([]);
    expect(await names("other")).toEqual([]);
    const list = await listWorkgroups(await w.as.memberB());
    expect(list.items.find((g) => g.slug === closed.slug)).toMatchObject({ canRead: false, myRole: null });
    expect(list.items.find((g) => g.slug === open.slug)).toMatchObject({ canRead: true, memberCount: 1 });
    expect(list.canCreate).toBe(false);
  });

  it("an open group: a member of another team reads it, must join before posting, and then posts", async () => {
    const view = await getWorkgroup(await w.as.memberB(), open.slug);
    expect(view.can).toMatchObject({ read: true, join: true, post: false, moderate: false });
    expect(view.members.map((m) => m.name)).toEqual(["Chantal Coördinator"]);
    expect(await outcomeOf(createPost(await w.as.memberB(), open.slug, { title: "Signalen", body: "Hoe zien jullie schuld vroeg?" }))).toBe(
      'ForbiddenError: Cannot execute "post" on "Workgroup"',
    );
    expect(await joinWorkgroup(await w.as.memberB(), open.slug)).toEqual({ status: "active" });
    expect(await outcomeOf(joinWorkgroup(await w.as.memberB(), open.slug))).toBe("workgroup_already_member");
    const post = await createPost(await w.as.memberB(), open.slug, {
      title: "Signalen van schuld",
      body: "Welke **signalen** van schuld zien jullie het eerst? Huisarts, woningcorporatie, school?",
    });
    openThread = post.threadId;
    // memberA (team A) has not joined but reads the open group's thread.
    const thread = await getThread(await w.as.memberA(), open.slug, openThread);
    expect(thread.thread.html).toContain("<strong>signalen</strong>");
    expect(thread.can.post).toBe(false);
  });

  it("a closed group: its content is invisible to non-members; a request waits for a facilitator", async () => {
    closedThread = (
      await createPost(await w.as.coordA(), closed.slug, { title: "Werkwijze MEE", body: "Afspraken over schuldhulp en schulden bij cliëntondersteuning." })
    ).threadId;
    for (const who of ["memberA", "memberB", "controller", "volunteerA", "other"] as const) {
      expect(await outcomeOf(listThreads(await w.as[who](), closed.slug)), who).toBe("not_found");
      expect(await outcomeOf(getThread(await w.as[who](), closed.slug, closedThread)), who).toBe("not_found");
      expect(await outcomeOf(listHandbookPages(await w.as[who](), closed.slug)), who).toBe("not_found");
    }
    const seen = await getWorkgroup(await w.as.memberB(), closed.slug);
    expect(seen.can).toMatchObject({ read: false, requestJoin: true, join: false });
    expect(seen.members).toEqual([]);
    // The partner manager is a facilitator of this group: reads and moderates it.
    expect((await listThreads(await w.as.manager(), closed.slug)).items).toHaveLength(1);
    // RLS as the second wall: unfiltered selects in a non-member's scope return none of the closed group's rows.
    const raw = async (userId: string, municipalityId: string) =>
      withScope(t.db, { kind: "workgroup", municipalityId, userId }, (tx) =>
        queryRows<{ n: number }>(tx, sql`select count(*)::int as n from workgroup_posts where workgroup_id = ${closed.id}::uuid`),
      );
    expect((await raw(w.users.memberB.id, w.m.id))[0].n).toBe(0);
    expect((await raw(w.users.controller.id, w.m.id))[0].n).toBe(0);
    expect((await raw(w.users.other.id, w.m2.id))[0].n).toBe(0);
    expect((await raw(w.users.coordA.id, w.m.id))[0].n).toBe(1);
    // A team scope (not the workgroup scope) sees nothing at all.
    expect(
      (
        await withScope(t.db, { kind: "team", municipalityId: w.m.id, teamId: "00000000-0000-0000-0000-000000000000", userId: w.users.coordA.id }, (tx) =>
          queryRows<{ n: number }>(tx, sql`select count(*)::int as n from workgroups`),
        )
      )[0].n,
    ).toBe(0);

    expect(await joinWorkgroup(await w.as.memberB(), closed.slug)).toEqual({ status: "requested" });
    expect(await outcomeOf(listThreads(await w.as.memberB(), closed.slug))).toBe("not_found");
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, w.users.coordA.id), eq(notifications.kind, "workgroup_request")));
    expect(told).toHaveLength(1);
    // Only a facilitator, the creator or the admin decides.
    expect(await outcomeOf(decideJoinRequest(await w.as.memberA(), closed.slug, { userId: w.users.memberB.id, approve: true }))).toBe("not_found");
    const view = await getWorkgroup(await w.as.coordA(), closed.slug);
    expect(view.requests.map((r) => r.name)).toEqual(["Bram Peeters"]);
    await decideJoinRequest(await w.as.coordA(), closed.slug, { userId: w.users.memberB.id, approve: true });
    expect((await listThreads(await w.as.memberB(), closed.slug)).items.map((i) => i.title)).toEqual(["Werkwijze MEE"]);
    // The controller is not a professional: cannot ask to join.
    expect(await outcomeOf(joinWorkgroup(await w.as.controller(), open.slug))).toBe("not_found");
  });

  it("the privacy guard blocks a post with personal data (input not saved) and records an override", async () => {
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(workgroupPosts);
    const blocked = await createPost(
      await w.as.memberB(),
      open.slug,
      { body: "Mevrouw belde vanaf 06-12345678 over haar huur." },
      { parentId: openThread },
    ).catch((e) => e);
    expect(blocked).toMatchObject({ code: "personal_data", status: 422, fieldErrors: { body: ["personal_data"] } });
    expect(blocked.detail).toContain("een telefoonnummer: “06-1234****”");
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(workgroupPosts)).toEqual(before);
    // Team and buurt names are not addresses: "Villapark 3" passes.
    await createPost(await w.as.memberB(), open.slug, { body: "In Villapark 3 keer een inloopochtend gehouden." }, { parentId: openThread });
    // Override: saved, and the audit log has the kinds found, not the number.
    const ok = await createPost(
      await w.as.memberB(),
      open.slug,
      { body: "Het algemene nummer van de Voedselbank is 043-1234567.", confirmNoPersonalData: "on" },
      { parentId: openThread },
    );
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "workgroup.privacy_override"), eq(auditEvents.objectId, ok.id)));
    expect(audit).toMatchObject({ objectType: "workgroup_post", actorUserId: w.users.memberB.id });
    expect(audit.data).toEqual({ kinds: ["phone"], count: 1, workgroupId: open.id });
    expect(JSON.stringify(audit)).not.toContain("1234567");
  });

  it("@mentions notify readers of the group in-app and by e-mail, never someone who cannot read it", async () => {
    const post = await createPost(
      await w.as.memberB(),
      open.slug,
      { body: "@anouk.jansen en @chantal.coord, weten jullie dit? Ook @rob.controller." },
      { parentId: openThread },
    );
    expect(post.mentioned.sort()).toEqual([w.users.memberA.id, w.users.coordA.id].sort());
    const [n] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, w.users.memberA.id), eq(notifications.kind, "workgroup_mention")));
    expect(n).toMatchObject({ link: `/werkgroepen/${open.slug}/draad/${openThread}#bericht-${post.id}`, spendId: null });
    expect(n.text).toBe('Bram Peeters noemde je in de werkgroep Preventie en vroegsignalering: "Signalen van schuld".');
    const mails = await t.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, "anouk.a@test.demo"));
    expect(mails.map((m) => m.subject)).toContain("Wijkwerk: Bram Peeters noemde je in Preventie en vroegsignalering");
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, w.users.controller.id))).toEqual([]);
  });

  it("a facilitator hides a post with a reason (audit-logged); others cannot; hidden text is not shown or found", async () => {
    const reply = await createPost(
      await w.as.memberB(),
      open.slug,
      { body: "Een bericht over schuldenproblematiek dat niet hier hoort." },
      { parentId: openThread },
    );
    expect(await outcomeOf(hidePost(await w.as.memberB(), open.slug, reply.id, { reason: "Hoort in een andere groep" }))).toMatch(/ForbiddenError/);
    expect(await outcomeOf(hidePost(await w.as.coordA(), open.slug, reply.id, { reason: "" }))).toBe("invalid_input");
    await hidePost(await w.as.coordA(), open.slug, reply.id, { reason: "Hoort in een andere groep" });
    const thread = await getThread(await w.as.memberA(), open.slug, openThread);
    const hidden = thread.replies.find((r) => r.id === reply.id)!;
    expect(hidden).toMatchObject({ html: null, hidden: { reason: "Hoort in een andere groep" } });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "workgroup.post_hidden"), eq(auditEvents.objectId, reply.id)));
    expect(audit.data).toMatchObject({ reason: "Hoort in een andere groep", authorId: w.users.memberB.id });
    const found = await searchWorkgroups(await w.as.memberA(), "schuldenproblematiek");
    expect(found.items).toEqual([]);
    expect(await outcomeOf(hidePost(await w.as.coordA(), open.slug, reply.id, { reason: "Nog eens" }))).toBe("not_found");
  });

  it("handbook: versions with author, diff, restore as a new version, conflicts, the privacy guard; the city-wide handbook", async () => {
    const created = await saveHandbookPage(await w.as.memberB(), open.slug, null, { title: "Signalen herkennen", body: "Let op achterstanden in de huur." });
    expect(created).toEqual({ slug: "signalen-herkennen", version: 1 });
    await saveHandbookPage(await w.as.coordA(), open.slug, "signalen-herkennen", {
      title: "Signalen herkennen",
      body: "Let op achterstanden in huur en energie.",
      baseVersion: 1,
    });
    expect(
      await outcomeOf(
        saveHandbookPage(await w.as.memberB(), open.slug, "signalen-herkennen", { title: "Signalen herkennen", body: "Oude basis", baseVersion: 1 }),
      ),
    ).toBe("handbook_conflict");
    // A reader who is not a member (memberA) cannot edit the group's handbook.
    expect(
      await outcomeOf(saveHandbookPage(await w.as.memberA(), open.slug, "signalen-herkennen", { title: "Signalen herkennen", body: "Mijn versie" })),
    ).toMatch(/ForbiddenError/);
    const blocked = await saveHandbookPage(await w.as.memberB(), open.slug, "signalen-herkennen", {
      title: "Signalen herkennen",
      body: "Stort op NL91ABNA0417164300.",
      baseVersion: 2,
    }).catch((e) => e);
    expect(blocked).toMatchObject({ code: "personal_data" });
    expect(blocked.detail).toContain("IBAN");

    const diff = await diffHandbookVersions(await w.as.memberA(), open.slug, "signalen-herkennen", 1, 2);
    const changed = (kind: string) =>
      diff.parts
        .filter((p) => p.kind === kind)
        .map((p) => p.text)
        .join("|");
    expect(changed("added")).toContain("energie");
    expect(changed("removed")).toContain("de");
    expect(
      diff.parts
        .filter((p) => p.kind !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe("Signalen herkennen\n\nLet op achterstanden in de huur.");
    expect(diff.to.authorName).toBe("Chantal Coördinator");

    expect(await restoreHandbookVersion(await w.as.memberB(), open.slug, "signalen-herkennen", 1)).toEqual({ version: 3 });
    const page = await getHandbookPage(await w.as.memberA(), open.slug, "signalen-herkennen");
    expect(page.page).toMatchObject({ version: 3, body: "Let op achterstanden in de huur." });
    expect(page.versions.map((v) => [v.version, v.authorName, v.restoredFrom])).toEqual([
      [3, "Bram Peeters", 1],
      [2, "Chantal Coördinator", null],
      [1, "Bram Peeters", null],
    ]);
    expect(page.canEdit).toBe(false);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "handbook.restored"));
    expect(audit.data).toMatchObject({ restoredFrom: 1, version: 3 });
    // Versions are append-only for app_user.
    expect(
      await outcomeOf(
        withScope(t.db, workgroupScope({ actor: { userId: w.users.memberB.id, municipalityId: w.m.id } } as never), (tx) =>
          tx.execute(sql`update handbook_versions set body = 'x'`),
        ),
      ),
    ).toMatch(/permission denied|Failed query/);

    // City-wide: coordinators and the admin edit; every professional and partner manager reads; members do not edit.
    await saveHandbookPage(await w.as.coordA(), null, null, { title: "Werkwijze sociale teams", body: "Eén huishouden, één plan, één regisseur." });
    expect((await listHandbookPages(await w.as.manager(), null)).pages.map((p) => p.title)).toEqual(["Werkwijze sociale teams"]);
    expect(await outcomeOf(saveHandbookPage(await w.as.memberA(), null, "werkwijze-sociale-teams", { title: "Werkwijze", body: "Anders" }))).toMatch(
      /ForbiddenError/,
    );
    expect((await listHandbookPages(await w.as.other(), null)).pages).toEqual([]);
    // A closed group's handbook stays with its members.
    await saveHandbookPage(await w.as.coordA(), closed.slug, null, { title: "Intake cliëntondersteuning", body: "Afspraken over de intake bij schulden." });
    expect(await outcomeOf(getHandbookPage(await w.as.memberA(), closed.slug, "intake-clientondersteuning"))).toBe("not_found");
  });

  it("search: Dutch stemming, ranked, highlighted, and only what the user may see", async () => {
    const forA = await searchWorkgroups(await w.as.memberA(), "schulden");
    const kinds = forA.items.map((i) => `${i.kind}:${i.title}`);
    // "schuld" in the open group's thread and "schulden" in its description; the closed group's post and handbook page are not found.
    expect(kinds).toContain("post:Signalen van schuld");
    expect(kinds).toContain("workgroup:Preventie en vroegsignalering");
    expect(kinds.join()).not.toContain("Werkwijze MEE");
    expect(kinds.join()).not.toContain("Intake cliëntondersteuning");
    const ranks = forA.items.map((i) => i.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    const hit = forA.items.find((i) => i.kind === "post")!;
    expect(hit.link).toBe(`/werkgroepen/${open.slug}/draad/${openThread}#bericht-${openThread}`);
    expect(
      snippetParts(hit.snippet)
        .filter((p) => p.hit)
        .map((p) => p.text.toLowerCase()),
    ).toContain("schuld");
    // memberB is now in the closed group: finds its post and handbook page too.
    const forB = (await searchWorkgroups(await w.as.memberB(), "schulden")).items.map((i) => i.title);
    expect(forB).toEqual(expect.arrayContaining(["Werkwijze MEE", "Intake cliëntondersteuning"]));
    // Handbook page found by a stemmed word ("achterstand" → "achterstanden").
    expect((await searchWorkgroups(await w.as.memberA(), "achterstand")).items.map((i) => i.kind)).toContain("handbook");
    expect((await searchWorkgroups(await w.as.other(), "schulden")).items).toEqual([]);
    expect((await searchWorkgroups(await w.as.controller(), "schulden")).items).toEqual([]);
    // Odd input never errors.
    expect((await searchWorkgroups(await w.as.memberA(), '"onaf -&|! (')).items).toBeInstanceOf(Array);
  });
});

describe("workgroups on PGlite (the embedded dev database)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
  });
  afterAll(() => t.drop());

  it("has the dutch configuration: stemming search and RLS on a closed group work the same", async () => {
    const w = await world(t);
    const g = await createWorkgroup(await w.as.coordA(), { name: "Participatie en werk", description: "Meedoen naar vermogen.", isOpen: false });
    await createPost(await w.as.coordA(), g.slug, { title: "Schuld en werk", body: "Werk helpt tegen schuld." });
    expect((await searchWorkgroups(await w.as.coordA(), "schulden")).items.map((i) => i.title)).toContain("Schuld en werk");
    expect((await searchWorkgroups(await w.as.memberB(), "schulden")).items).toEqual([]);
    expect(await outcomeOf(listThreads(await w.as.memberB(), g.slug))).toBe("not_found");
  });
});
