// Workgroups after creation, on real PostgreSQL: files on thread posts (RLS
// across groups, hidden posts, type and size checks), the e-mail digest
// (exactly once under concurrent runs, weekly only on Monday, no immediate
// mail for digest users), and membership management (leave, add, remove,
// make facilitator, edit the group) with their negative cases; the core of
// it once more on PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  and,
  auditEvents,
  eq,
  notificationDigests,
  notificationPreferences,
  notifications,
  outboxEmails,
  sql,
  withScope,
  workgroupAttachments,
} from "@wijkwerk/db";
import { domainErrors } from "../../../app/i18n/nl/common";
import { MAX_ATTACHMENT_BYTES } from "../src/common";
import {
  readWorkgroupAttachment,
  removeWorkgroupAttachment,
  getDigestPreference,
  sendDueDigests,
  setDigestPreference,
  addWorkgroupMembers,
  leaveWorkgroup,
  removeWorkgroupMember,
  setWorkgroupMemberRole,
  updateWorkgroup,
  createPost,
  getThread,
  hidePost,
  searchWorkgroups,
  createWorkgroup,
  getWorkgroup,
  joinWorkgroup,
} from "../src/workgroups";
import { duePeriods } from "../src/workgroups/digest";
import { workgroupScope } from "../src/workgroups/workgroups";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf } from "./fixtures";

const PDF = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "ascii"));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
// 2030-01-07 is a Monday; 08:00 UTC is 09:00 in Amsterdam.
const MONDAY = new Date("2030-01-07T08:00:00Z");
const TUESDAY = new Date("2030-01-08T08:00:00Z");

async function world(t: TestDatabase) {
  const db = t.db;
  const m = await createMunicipality(db);
  const teamA = await createTeam(db, m.id);
  const teamB = await createTeam(db, m.id);
  const partner = await createPartner(db, m.id);
  const coord = await createUser(db, m.id, { name: "Chantal Coördinator", email: "chantal@wg.demo", teamRoles: [{ teamId: teamA.id, role: "coordinator" }] });
  const anouk = await createUser(db, m.id, { name: "Anouk Jansen", email: "anouk@wg.demo", teamRoles: [{ teamId: teamA.id, role: "member" }] });
  const bram = await createUser(db, m.id, { name: "Bram Peeters", email: "bram@wg.demo", teamRoles: [{ teamId: teamB.id, role: "member" }] });
  const daan = await createUser(db, m.id, { name: "Daan Dekker", email: "daan@wg.demo", teamRoles: [{ teamId: teamB.id, role: "member" }] });
  const eva = await createUser(db, m.id, { name: "Eva Evers", email: "eva@wg.demo", teamRoles: [{ teamId: teamB.id, role: "member" }] });
  const manager = await createUser(db, m.id, {
    name: "Miriam Manager",
    email: "miriam@wg.demo",
    partnerId: partner.id,
    scopeRoles: [{ role: "partner_manager", partnerId: partner.id }],
  });
  const m2 = await createMunicipality(db);
  const team2 = await createTeam(db, m2.id);
  const other = await createUser(db, m2.id, { name: "Xander Elders", email: "xander@wg.demo", teamRoles: [{ teamId: team2.id, role: "coordinator" }] });
  const ctx = (userId: string) => municipalityContext(db, userId, "municipality");
  return { m, users: { coord, anouk, bram, daan, eva, manager, other }, as: (u: { id: string }) => ctx(u.id) };
}

describe("workgroups after creation (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof world>>;
  let closed: { slug: string; id: string };
  let open: { slug: string; id: string };
  let thread: string;
  let fileId: string;
  let openFileId: string;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await world(t);
    closed = await createWorkgroup(await w.as(w.users.coord), {
      name: "Cliëntondersteuning",
      description: "Afspraken over cliëntondersteuning.",
      isOpen: false,
      facilitators: "",
    });
    open = await createWorkgroup(await w.as(w.users.coord), { name: "Participatie en werk", description: "Werk en meedoen.", isOpen: true, facilitators: "" });
  });
  afterAll(() => t.drop());

  describe("membership", () => {
    it("a member cannot add, remove or promote members, nor edit the group", async () => {
      await joinWorkgroup(await w.as(w.users.anouk), open.slug);
      const anouk = await w.as(w.users.anouk);
      expect(await outcomeOf(addWorkgroupMembers(anouk, open.slug, { emails: "bram@wg.demo" }))).toMatch(/ForbiddenError/);
      expect(await outcomeOf(removeWorkgroupMember(anouk, open.slug, w.users.coord.id))).toMatch(/ForbiddenError/);
      expect(await outcomeOf(setWorkgroupMemberRole(anouk, open.slug, { userId: w.users.anouk.id, role: "facilitator" }))).toMatch(/ForbiddenError/);
      expect(await outcomeOf(updateWorkgroup(anouk, open.slug, { name: "Participatie", description: "", isOpen: false }))).toMatch(/ForbiddenError/);
      // The database refuses too, whatever the code asks.
      const inserted = await withScope(t.db, workgroupScope(anouk), (tx) =>
        tx.execute(
          sql`insert into workgroup_members (municipality_id, workgroup_id, user_id, role, status) values (${w.m.id}::uuid, ${open.id}::uuid, ${w.users.bram.id}::uuid, 'member', 'active')`,
        ),
      ).catch((e: { cause?: { message?: string } }) => e.cause?.message ?? String(e));
      expect(String(inserted)).toMatch(/row-level security/);
    });

    it("a facilitator adds people by e-mail (a partner manager explicitly); unknown addresses are refused; a closed group's content becomes readable", async () => {
      const coord = await w.as(w.users.coord);
      expect(await outcomeOf(addWorkgroupMembers(coord, closed.slug, { emails: "niemand@wg.demo" }))).toBe("invalid_input");
      expect(await outcomeOf(addWorkgroupMembers(coord, closed.slug, { emails: "xander@wg.demo" }))).toBe("invalid_input"); // another municipality
      expect(await outcomeOf(addWorkgroupMembers(coord, closed.slug, { emails: "" }))).toBe("invalid_input");
      const r = await addWorkgroupMembers(coord, closed.slug, { emails: "anouk@wg.demo; bram@wg.demo\nmiriam@wg.demo" });
      expect(r.added).toHaveLength(3);
      expect(await outcomeOf(addWorkgroupMembers(coord, closed.slug, { emails: "anouk@wg.demo" }))).toBe("invalid_input");
      expect((await getWorkgroup(await w.as(w.users.manager), closed.slug)).can.read).toBe(true);
      expect((await getWorkgroup(await w.as(w.users.daan), closed.slug)).can.read).toBe(false);
      const [told] = await t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, w.users.bram.id), eq(notifications.kind, "workgroup_member_added")));
      expect(told.text).toContain("Chantal Coördinator heeft je toegevoegd aan de werkgroep Cliëntondersteuning");
      const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "workgroup.member_added"));
      expect(audit.data).toMatchObject({ role: "member" });
    });

    it("the last facilitator cannot leave nor be demoted or removed; after handing over they can", async () => {
      const coord = await w.as(w.users.coord);
      expect(await outcomeOf(leaveWorkgroup(coord, closed.slug))).toBe("workgroup_last_facilitator");
      expect(await outcomeOf(setWorkgroupMemberRole(coord, closed.slug, { userId: w.users.coord.id, role: "member" }))).toBe("workgroup_last_facilitator");
      expect(await outcomeOf(removeWorkgroupMember(coord, closed.slug, w.users.coord.id))).toBe("workgroup_last_facilitator");
      await setWorkgroupMemberRole(coord, closed.slug, { userId: w.users.anouk.id, role: "facilitator" });
      const view = await getWorkgroup(coord, closed.slug);
      expect(
        view.members
          .filter((m) => m.role === "facilitator")
          .map((m) => m.name)
          .sort(),
      ).toEqual(["Anouk Jansen", "Chantal Coördinator"]);
      // Two facilitators leaving at the same moment: one of them stays.
      const both = await Promise.all([leaveWorkgroup(coord, closed.slug), leaveWorkgroup(await w.as(w.users.anouk), closed.slug)].map(outcomeOf));
      expect([...both].sort()).toEqual(["ok", "workgroup_last_facilitator"]);
      const stayed = both[0] === "ok" ? w.users.anouk : w.users.coord;
      // Back to the start: the one who left is added again as facilitator by the one who stayed.
      const left = stayed === w.users.anouk ? w.users.coord : w.users.anouk;
      await addWorkgroupMembers(await w.as(stayed), closed.slug, { emails: left.email, role: "facilitator" });
      expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "workgroup.left"))).toHaveLength(1);
    });

    it("a member leaves; a facilitator removes a member; both audit-logged", async () => {
      await leaveWorkgroup(await w.as(w.users.anouk), open.slug);
      expect((await getWorkgroup(await w.as(w.users.anouk), open.slug)).group.myRole).toBeNull();
      expect(await outcomeOf(leaveWorkgroup(await w.as(w.users.anouk), open.slug))).toMatch(/ForbiddenError/);
      await removeWorkgroupMember(await w.as(w.users.coord), closed.slug, w.users.manager.id);
      // A partner manager sees only groups they are in: the group is gone from their view.
      expect(await outcomeOf(getWorkgroup(await w.as(w.users.manager), closed.slug))).toBe("not_found");
      expect(await outcomeOf(removeWorkgroupMember(await w.as(w.users.coord), closed.slug, w.users.manager.id))).toBe("workgroup_not_member");
      expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "workgroup.member_removed"))).toHaveLength(1);
    });

    it("a facilitator edits name, description and open/closed; the privacy guard applies as at creation", async () => {
      const coord = await w.as(w.users.coord);
      const blocked = await updateWorkgroup(coord, open.slug, {
        name: "Participatie en werk",
        description: "Casus mevrouw, Hoogbrugstraat 12",
        isOpen: true,
      }).catch((e) => e);
      expect(blocked).toMatchObject({ code: "personal_data", fieldErrors: { description: ["personal_data"] } });
      await updateWorkgroup(coord, open.slug, { name: "Participatie, werk en inkomen", description: "Werk, meedoen en inkomen.", isOpen: false });
      const view = await getWorkgroup(coord, open.slug);
      expect(view.group).toMatchObject({ name: "Participatie, werk en inkomen", description: "Werk, meedoen en inkomen.", isOpen: false, slug: open.slug });
      const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "workgroup.updated"));
      expect(audit.data).toMatchObject({ changed: ["name", "description", "isOpen"], isOpen: false });
      await updateWorkgroup(coord, open.slug, { name: "Participatie en werk", description: "Werk en meedoen.", isOpen: true });
    });
  });

  describe("files on thread posts", () => {
    it("a member attaches a PDF to a new thread; readers download it; a PNG named .pdf keeps its real type", async () => {
      const bram = await w.as(w.users.bram);
      const post = await createPost(
        bram,
        closed.slug,
        { title: "Folder cliëntondersteuning", body: "De nieuwe folder, zie bijlage." },
        {
          files: [
            { fileName: "folder.pdf", bytes: PDF },
            { fileName: "../../logo.pdf", bytes: PNG },
          ],
        },
      );
      thread = post.threadId;
      [fileId] = post.attachmentIds;
      const view = await getThread(await w.as(w.users.anouk), closed.slug, thread);
      expect(view.thread.attachments.map((a) => [a.fileName, a.contentType, a.canRemove])).toEqual([
        ["folder.pdf", "application/pdf", true], // Anouk is a facilitator now
        ["logo.pdf.png", "image/png", true],
      ]);
      const file = await readWorkgroupAttachment(await w.as(w.users.anouk), closed.slug, fileId);
      expect(Buffer.from(file.bytes).equals(Buffer.from(PDF))).toBe(true);
      expect(file).toMatchObject({ fileName: "folder.pdf", contentType: "application/pdf", sizeBytes: PDF.byteLength });
      const [audit] = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "workgroup.attachment_added"), eq(auditEvents.objectId, fileId)));
      expect(audit.data).toMatchObject({ fileName: "folder.pdf", postId: thread });
    });

    it("a non-reader cannot download it: not by id in its group, not through another group, not with a raw select", async () => {
      for (const who of [w.users.daan, w.users.manager, w.users.other]) {
        expect(await outcomeOf(readWorkgroupAttachment(await w.as(who), closed.slug, fileId)), who.name).toBe("not_found");
      }
      // Daan reads the open group, but the file belongs to the closed one.
      expect(await outcomeOf(readWorkgroupAttachment(await w.as(w.users.daan), open.slug, fileId))).toBe("not_found");
      // Even a reader of both groups does not get it through the other group's address.
      expect(await outcomeOf(readWorkgroupAttachment(await w.as(w.users.coord), open.slug, fileId))).toBe("not_found");
      const rows = await withScope(t.db, workgroupScope(await w.as(w.users.daan)), (tx) =>
        tx.select({ id: workgroupAttachments.id }).from(workgroupAttachments),
      );
      expect(rows).toEqual([]);
    });

    it("wrong types, empty and oversized files and too many files are refused with a Dutch message; nothing is saved", async () => {
      const bram = await w.as(w.users.bram);
      const before = (await t.db.select({ id: workgroupAttachments.id }).from(workgroupAttachments)).length;
      const refused = async (files: { fileName: string; bytes: Uint8Array }[]) =>
        createPost(bram, closed.slug, { body: "Nog een bestand." }, { parentId: thread, files }).catch((e) => e);
      const exe = await refused([{ fileName: "factuur.pdf", bytes: new Uint8Array(Buffer.from("MZ\x90\x00 not a pdf")) }]);
      expect(exe).toMatchObject({ code: "invalid_input", fieldErrors: { file: ["attachment_type_not_allowed"] } });
      expect(domainErrors.attachment_type_not_allowed).toBe("Dit bestandstype kan niet: voeg een PDF, JPG of PNG toe.");
      const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
      big.set(PDF);
      expect(await refused([{ fileName: "groot.pdf", bytes: big }])).toMatchObject({ fieldErrors: { file: ["attachment_too_large"] } });
      expect(domainErrors.attachment_too_large).toMatch(/te groot.*5 MB/);
      expect(await refused([{ fileName: "leeg.pdf", bytes: new Uint8Array() }])).toMatchObject({ fieldErrors: { file: ["attachment_empty"] } });
      expect(await refused(Array.from({ length: 4 }, () => ({ fileName: "a.pdf", bytes: PDF })))).toMatchObject({
        fieldErrors: { file: ["attachment_too_many"] },
      });
      expect(domainErrors.attachment_too_many).toMatch(/hoogstens 3/);
      expect((await t.db.select({ id: workgroupAttachments.id }).from(workgroupAttachments)).length).toBe(before);
      // The database holds the same limits.
      const raw = await t.db
        .execute(
          sql`insert into workgroup_attachments (municipality_id, workgroup_id, post_id, file_name, content_type, size_bytes, sha256, content, uploaded_by)
          values (${w.m.id}::uuid, ${closed.id}::uuid, ${thread}::uuid, 'x.exe', 'application/x-msdownload', 2, 'x', '\\x4d5a'::bytea, ${w.users.bram.id}::uuid)`,
        )
        .catch((e: { cause?: { message?: string } }) => e.cause?.message ?? String(e));
      expect(String(raw)).toMatch(/workgroup_attachments_content_type/);
    });

    it("another member cannot remove the file; the uploader or a facilitator can (softly, audit-logged)", async () => {
      const reply = await createPost(
        await w.as(w.users.coord),
        closed.slug,
        { body: "Dank, hier het verslag." },
        { parentId: thread, files: [{ fileName: "verslag.pdf", bytes: PDF }] },
      );
      const [reportId] = reply.attachmentIds;
      // Bram is a member, not the uploader nor a facilitator.
      expect(await outcomeOf(removeWorkgroupAttachment(await w.as(w.users.bram), closed.slug, reportId))).not.toBe("ok");
      await removeWorkgroupAttachment(await w.as(w.users.coord), closed.slug, reportId);
      expect(await outcomeOf(readWorkgroupAttachment(await w.as(w.users.coord), closed.slug, reportId))).toBe("not_found");
      const [row] = await t.db.select().from(workgroupAttachments).where(eq(workgroupAttachments.id, reportId));
      expect(row.deletedBy).toBe(w.users.coord.id);
      expect(
        await t.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.action, "workgroup.attachment_removed"), eq(auditEvents.objectId, reportId))),
      ).toHaveLength(1);
    });

    it("a hidden post's files: facilitators still download them, members do not", async () => {
      const post = await createPost(
        await w.as(w.users.daan),
        open.slug,
        { title: "Vacatures", body: "Lijst met vacatures." },
        { files: [{ fileName: "vacatures.pdf", bytes: PDF }] },
      ).catch((e) => e);
      // Daan is not a member of the open group (yet): he cannot post there.
      expect(String(post)).toMatch(/ForbiddenError/);
      await joinWorkgroup(await w.as(w.users.daan), open.slug);
      const p = await createPost(
        await w.as(w.users.daan),
        open.slug,
        { title: "Vacatures", body: "Lijst met vacatures." },
        { files: [{ fileName: "vacatures.pdf", bytes: PDF }] },
      );
      [openFileId] = p.attachmentIds;
      expect(await outcomeOf(readWorkgroupAttachment(await w.as(w.users.eva), open.slug, openFileId))).toBe("ok");
      await hidePost(await w.as(w.users.coord), open.slug, p.id, { reason: "Hoort op de vacaturesite" });
      expect(await outcomeOf(readWorkgroupAttachment(await w.as(w.users.eva), open.slug, openFileId))).toBe("not_found");
      expect(await outcomeOf(readWorkgroupAttachment(await w.as(w.users.daan), open.slug, openFileId))).toBe("not_found");
      expect(await outcomeOf(readWorkgroupAttachment(await w.as(w.users.coord), open.slug, openFileId))).toBe("ok");
      expect((await getThread(await w.as(w.users.daan), open.slug, p.id)).thread.attachments).toEqual([]);
      expect((await getThread(await w.as(w.users.coord), open.slug, p.id)).thread.attachments).toHaveLength(1);
    });

    it("search finds files by name (stemmed), only where the user may read them; not removed files nor those of hidden posts", async () => {
      const post = await createPost(
        await w.as(w.users.bram),
        closed.slug,
        { title: "Draaiboek", body: "Het nieuwe draaiboek." },
        { files: [{ fileName: "draaiboek_schuldhulpverleningen-2030.pdf", bytes: PDF }] },
      );
      const found = (await searchWorkgroups(await w.as(w.users.coord), "schuldhulpverlening")).items.filter((i) => i.kind === "file");
      expect(found).toEqual([
        expect.objectContaining({
          title: "draaiboek_schuldhulpverleningen-2030.pdf",
          groupName: "Cliëntondersteuning",
          link: `/werkgroepen/${closed.slug}/draad/${post.id}#bericht-${post.id}`,
        }),
      ]);
      // Daan is not in the closed group: its files are not his to find.
      expect((await searchWorkgroups(await w.as(w.users.daan), "schuldhulpverlening")).items.filter((i) => i.kind === "file")).toEqual([]);
      // The removed report and the hidden post's list of vacancies are found by nobody, facilitators included.
      expect((await searchWorkgroups(await w.as(w.users.coord), "verslag")).items.filter((i) => i.kind === "file")).toEqual([]);
      expect((await searchWorkgroups(await w.as(w.users.coord), "vacatures")).items.filter((i) => i.kind === "file")).toEqual([]);
    });
  });

  describe("e-mail digest", () => {
    it("digest periods: daily each morning, weekly on Monday morning (Europe/Amsterdam)", () => {
      expect(duePeriods(MONDAY)).toEqual([
        { frequency: "daily", periodStart: "2030-01-07" },
        { frequency: "weekly", periodStart: "2030-01-07" },
      ]);
      expect(duePeriods(TUESDAY)).toEqual([{ frequency: "daily", periodStart: "2030-01-08" }]);
      // 05:30 UTC is 06:30 in Amsterdam: too early. 23:30 UTC on Sunday is already Monday in Amsterdam, but night.
      expect(duePeriods(new Date("2030-01-07T05:30:00Z"))).toEqual([]);
      expect(duePeriods(new Date("2030-01-06T23:30:00Z"))).toEqual([]);
    });

    it("users choose none / daily / weekly; with a digest there is no immediate mail for workgroup notices, @mentions stay immediate", async () => {
      expect(await getDigestPreference(await w.as(w.users.eva))).toBe("none");
      expect(await outcomeOf(setDigestPreference(await w.as(w.users.eva), { digest: "monthly" }))).toBe("invalid_input");
      await setDigestPreference(await w.as(w.users.eva), { digest: "weekly" });
      await setDigestPreference(await w.as(w.users.daan), { digest: "daily" });
      expect(await getDigestPreference(await w.as(w.users.eva))).toBe("weekly");
      expect(await getDigestPreference(await w.as(w.users.daan))).toBe("daily");
      // Nobody reads another's choice (RLS).
      const seen = await withScope(t.db, workgroupScope(await w.as(w.users.eva)), (tx) => tx.select().from(notificationPreferences));
      expect(seen.map((p) => p.userId)).toEqual([w.users.eva.id]);
      await joinWorkgroup(await w.as(w.users.eva), open.slug);
      const mailsBefore = async (to: string) => (await t.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, to))).length;
      const eva0 = await mailsBefore("eva@wg.demo");
      const daan0 = await mailsBefore("daan@wg.demo");
      // A new thread: in-app for members (Daan, Eva), never a mail of its own.
      await createPost(await w.as(w.users.coord), open.slug, { title: "Werkgevers in Limmel", body: "Wie kent werkgevers die mee willen doen?" });
      // Daan is added to the closed group (member_added: a digest user gets no immediate mail).
      await addWorkgroupMembers(await w.as(w.users.coord), closed.slug, { emails: "daan@wg.demo, eva@wg.demo" });
      // A mention is mailed at once, digest or not.
      await createPost(await w.as(w.users.coord), open.slug, { title: "Vraag aan Eva", body: "@eva weet jij dit?" });
      expect(await mailsBefore("daan@wg.demo")).toBe(daan0);
      expect(await mailsBefore("eva@wg.demo")).toBe(eva0 + 1);
      const evaNotices = await t.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, w.users.eva.id));
      // The thread that mentions her tells her once (the mention), not twice.
      expect(evaNotices.map((n) => n.kind).sort()).toEqual(["workgroup_member_added", "workgroup_mention", "workgroup_thread"]);
      // Bram chose no digest: added to a group, he gets the mail at once; the new thread only in the app.
      const bramMails = await t.db.select({ subject: outboxEmails.subject }).from(outboxEmails).where(eq(outboxEmails.toAddress, "bram@wg.demo"));
      expect(bramMails.some((m) => m.subject.includes("toegevoegd"))).toBe(true);
      expect(bramMails.some((m) => m.subject.includes("nieuwe draad"))).toBe(false);
    });

    it("exactly one digest per user and period with three concurrent runs; a weekly user gets nothing on Tuesday", async () => {
      const digests = async (to: string) =>
        (await t.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, to))).filter((m) => m.subject.includes("overzicht"));
      // Tuesday first: Daan (daily) gets his, Eva (weekly) nothing.
      const tuesday = await Promise.all([1, 2, 3].map(() => sendDueDigests(t.db, { now: TUESDAY })));
      expect(tuesday.reduce((n, r) => n + r.daily, 0)).toBe(1);
      expect(tuesday.reduce((n, r) => n + r.weekly, 0)).toBe(0);
      expect(await digests("eva@wg.demo")).toEqual([]);
      const [daanMail] = await digests("daan@wg.demo");
      expect(daanMail.subject).toBe("Wijkwerk: je dagoverzicht van de werkgroepen (08-01-2030)");
      expect(daanMail.textBody).toContain('Chantal Coördinator begon een nieuwe draad in de werkgroep Participatie en werk: "Werkgevers in Limmel".');
      expect(daanMail.textBody).toContain("heeft je toegevoegd aan de werkgroep Cliëntondersteuning");
      expect(daanMail.textBody).toContain("elke ochtend");
      // Monday of the next week: Eva's weekly digest, three runs at once, one mail; the mention (already mailed) is not repeated.
      const nextMonday = new Date("2030-01-14T08:00:00Z");
      const monday = await Promise.all([1, 2, 3].map(() => sendDueDigests(t.db, { now: nextMonday })));
      expect(monday.reduce((n, r) => n + r.weekly, 0)).toBe(1);
      const evaDigests = await digests("eva@wg.demo");
      expect(evaDigests).toHaveLength(1);
      expect(evaDigests[0].subject).toBe("Wijkwerk: je weekoverzicht van de werkgroepen (week van 14-01-2030)");
      expect(evaDigests[0].textBody).toContain("(2)");
      expect(evaDigests[0].textBody).not.toContain("noemde je");
      // Daan had nothing new since Tuesday's digest: no second mail.
      expect(await digests("daan@wg.demo")).toHaveLength(1);
      const markers = await t.db.select().from(notificationDigests);
      expect(markers.map((m) => [m.frequency, m.periodStart, m.notificationCount]).sort()).toEqual([
        ["daily", "2030-01-08", 3],
        ["weekly", "2030-01-14", 2],
      ]);
      // Runs later that day change nothing.
      await sendDueDigests(t.db, { now: new Date("2030-01-14T15:00:00Z") });
      expect(await digests("eva@wg.demo")).toHaveLength(1);
    });
  });
});

describe("the same on PGlite (PostgreSQL 18): digest statement, attachment RLS, the facilitator lock", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
  });
  afterAll(() => t.drop());

  it("sends a digest once, hides a closed group's file from a non-member, keeps the last facilitator", async () => {
    const w = await world(t);
    const g = await createWorkgroup(await w.as(w.users.coord), { name: "Besloten groep", isOpen: false });
    expect(await outcomeOf(leaveWorkgroup(await w.as(w.users.coord), g.slug))).toBe("workgroup_last_facilitator");
    await setDigestPreference(await w.as(w.users.bram), { digest: "daily" });
    await addWorkgroupMembers(await w.as(w.users.coord), g.slug, { emails: "bram@wg.demo" });
    const post = await createPost(
      await w.as(w.users.bram),
      g.slug,
      { title: "Een bestand", body: "Zie bijlage." },
      { files: [{ fileName: "a.pdf", bytes: PDF }] },
    );
    expect(await outcomeOf(readWorkgroupAttachment(await w.as(w.users.daan), g.slug, post.attachmentIds[0]))).toBe("not_found");
    expect(await outcomeOf(readWorkgroupAttachment(await w.as(w.users.coord), g.slug, post.attachmentIds[0]))).toBe("ok");
    expect(await sendDueDigests(t.db, { now: TUESDAY })).toEqual({ daily: 1, weekly: 0 });
    expect(await sendDueDigests(t.db, { now: TUESDAY })).toEqual({ daily: 0, weekly: 0 });
  });
});
