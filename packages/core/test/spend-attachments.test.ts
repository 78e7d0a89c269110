import { createHash } from "node:crypto";
import { ForbiddenError } from "@wijkwerk/authz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, eq, queryRows, spendAttachments, spendTransitions, sql, withScope, type Scope } from "@wijkwerk/db";
import { verifyAuditChain } from "../src/audit";
import { getSpend, addAttachment, readAttachment, removeAttachment, cancelSpend } from "../src/workbudget";
import { MAX_ATTACHMENT_BYTES, detectAttachmentType, sanitiseFileName } from "../src/common";
import { listAttachments } from "../src/workbudget/spend-attachments";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createUser, municipalityContext, outcomeOf } from "./fixtures";
import { ledgerWorld } from "./ledger-fixture";

const pdf = (text = "offerte") => Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${text}\n%%EOF\n`, "latin1");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);

/** The field codes a rejected use case reported, e.g. { file: ["attachment_too_large"] }. */
const fieldErrorsOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { fieldErrors?: unknown }) => e.fieldErrors,
  );

describe("file type and name (pure)", () => {
  it("detects PDF, PNG and JPEG by their magic bytes only", () => {
    expect(detectAttachmentType(pdf())).toBe("application/pdf");
    expect(detectAttachmentType(PNG)).toBe("image/png");
    expect(detectAttachmentType(JPEG)).toBe("image/jpeg");
    expect(detectAttachmentType(Buffer.from("MZ\x90\x00 a Windows program"))).toBeNull();
    expect(detectAttachmentType(Buffer.from("<html><script>alert(1)</script>"))).toBeNull();
    expect(detectAttachmentType(Buffer.from(" %PDF-1.4"))).toBeNull();
    expect(detectAttachmentType(Buffer.from("%PDF"))).toBeNull();
  });

  it("sanitises names: no path, no control or bidi characters, the detected type's extension", () => {
    expect(sanitiseFileName("Offerte fiets.PDF", "application/pdf")).toBe("Offerte fiets.pdf");
    expect(sanitiseFileName("../../etc/passwd", "application/pdf")).toBe("passwd.pdf");
    expect(sanitiseFileName("C:\\Users\\x\\bon.jpeg", "image/jpeg")).toBe("bon.jpeg");
    expect(sanitiseFileName("factuur\u202Efdp.exe", "application/pdf")).toBe("factuurfdp.exe.pdf");
    expect(sanitiseFileName("scan.pdf", "image/png")).toBe("scan.pdf.png");
    expect(sanitiseFileName('a"b;\r\nc<d>.pdf', "application/pdf")).toBe("a_b;c_d_.pdf");
    // ";" and "=" are ordinary characters of a name (the download encodes it): the real name is kept.
    expect(sanitiseFileName("rekening; deel 2.pdf", "application/pdf")).toBe("rekening; deel 2.pdf");
    expect(sanitiseFileName("a=b.pdf", "application/pdf")).toBe("a=b.pdf");
    expect(sanitiseFileName("nul\u0000teken\u0007.pdf", "application/pdf")).toBe("nulteken.pdf");
    expect(sanitiseFileName("...", "application/pdf")).toBe("bijlage.pdf");
    expect(sanitiseFileName("", "image/png")).toBe("bijlage.png");
    expect(sanitiseFileName(`${"é".repeat(300)}.pdf`, "application/pdf")).toBe(`${"é".repeat(100)}.pdf`);
  });
});

describe("attachments on spend requests (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  let spendId: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t);
    spendId = await w.submitted(25_000);
  });
  afterAll(() => t.drop());

  it("the author uploads a PDF: listed without bytes, read back byte for byte, on the timeline and in the audit log", async () => {
    const bytes = pdf("fietsenmaker");
    const added = await addAttachment(await w.as.author(), spendId, { kind: "quote", fileName: "Offerte fietsenmaker.pdf", bytes });
    expect(added).toMatchObject({ fileName: "Offerte fietsenmaker.pdf", contentType: "application/pdf", sizeBytes: bytes.byteLength });

    const list = await listAttachments(await w.as.author(), spendId);
    expect(list.canAdd).toBe(true);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: added.id,
      kind: "quote",
      fileName: "Offerte fietsenmaker.pdf",
      contentType: "application/pdf",
      sizeBytes: bytes.byteLength,
      uploadedByName: "Auteur A",
      canRemove: true,
    });
    expect(Object.keys(list.items[0])).not.toContain("bytes");
    expect(Object.keys(list.items[0])).not.toContain("content");

    const file = await readAttachment(await w.as.author(), spendId, added.id);
    expect(Buffer.from(file.bytes).equals(bytes)).toBe(true);
    expect(file).toMatchObject({ contentType: "application/pdf", sha256: createHash("sha256").update(bytes).digest("hex") });

    const detail = await getSpend(await w.as.author(), spendId);
    expect(detail.attachments.items.map((a) => a.id)).toEqual([added.id]);
    expect(detail.timeline.at(-1)).toMatchObject({ action: "attachment_added", comment: "Offerte fietsenmaker.pdf" });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, added.id), eq(auditEvents.action, "spend.attachment_added")));
    expect(audit).toMatchObject({ objectType: "spend_attachment", teamId: w.teamA.id, actorUserId: w.users.authorA.id });
    expect(audit.data).toMatchObject({ spendId, fileName: "Offerte fietsenmaker.pdf", sizeBytes: bytes.byteLength });
  });

  it("the type comes from the bytes: a fake PDF is refused, a PNG named .pdf is stored as a PNG", async () => {
    const fake = Buffer.from("Dit is geen PDF maar tekst met de naam offerte.pdf");
    expect(await fieldErrorsOf(addAttachment(await w.as.author(), spendId, { kind: "quote", fileName: "offerte.pdf", bytes: fake }))).toEqual({
      file: ["attachment_type_not_allowed"],
    });
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(64)]);
    expect(await fieldErrorsOf(addAttachment(await w.as.author(), spendId, { kind: "other", fileName: "bon.jpg", bytes: exe }))).toEqual({
      file: ["attachment_type_not_allowed"],
    });
    expect(await fieldErrorsOf(addAttachment(await w.as.author(), spendId, { kind: "other", fileName: "leeg.pdf", bytes: Buffer.alloc(0) }))).toEqual({
      file: ["attachment_empty"],
    });
    const png = await addAttachment(await w.as.author(), spendId, { kind: "receipt", fileName: "bon.pdf", bytes: PNG });
    expect(png).toMatchObject({ contentType: "image/png", fileName: "bon.pdf.png" });
    expect(await fieldErrorsOf(addAttachment(await w.as.author(), spendId, { kind: "invoice" as "quote", fileName: "x.pdf", bytes: pdf() }))).toEqual({
      kind: ["invalid_input"],
    });
  });

  it("at most 5 MB: one byte more is refused, exactly 5 MB is stored", async () => {
    const tooLarge = Buffer.concat([pdf(), Buffer.alloc(MAX_ATTACHMENT_BYTES + 1 - pdf().byteLength)]);
    expect(tooLarge.byteLength).toBe(MAX_ATTACHMENT_BYTES + 1);
    expect(await fieldErrorsOf(addAttachment(await w.as.author(), spendId, { kind: "quote", fileName: "groot.pdf", bytes: tooLarge }))).toEqual({
      file: ["attachment_too_large"],
    });
    const atLimit = tooLarge.subarray(0, MAX_ATTACHMENT_BYTES);
    const ok = await addAttachment(await w.as.author(), spendId, { kind: "quote", fileName: "precies.pdf", bytes: atLimit });
    const back = await readAttachment(await w.as.controller1(), spendId, ok.id);
    expect(back.sizeBytes).toBe(MAX_ATTACHMENT_BYTES);
    expect(Buffer.from(back.bytes).equals(atLimit)).toBe(true);
  });

  it("the coordinator reads and adds; a colleague who is not the author sees nothing; another team gets 404 (CASL)", async () => {
    const added = await addAttachment(await w.as.coordinator(), spendId, { kind: "other", fileName: "toelichting.jpg", bytes: JPEG });
    expect((await listAttachments(await w.as.coordinator(), spendId)).items.map((a) => a.id)).toContain(added.id);
    // The coordinator may not remove the author's file, the author not the coordinator's.
    const authorsFile = (await listAttachments(await w.as.coordinator(), spendId)).items.find((a) => a.uploadedByName === "Auteur A")!;
    expect(authorsFile.canRemove).toBe(false);
    expect(await outcomeOf(removeAttachment(await w.as.coordinator(), spendId, authorsFile.id))).toBe("forbidden");
    expect(await outcomeOf(removeAttachment(await w.as.author(), spendId, added.id))).toBe("forbidden");

    // Same team, same RLS scope: only CASL stands between a member and a colleague's request.
    expect(await outcomeOf(listAttachments(await w.as.otherMember(), spendId))).toBe("not_found");
    expect(await outcomeOf(readAttachment(await w.as.otherMember(), spendId, added.id))).toBe("not_found");
    expect(await outcomeOf(addAttachment(await w.as.otherMember(), spendId, { kind: "other", fileName: "x.pdf", bytes: pdf() }))).toBe("not_found");

    // Team B's member in team A's RLS scope (a checkpoint gone wrong): CASL still says no.
    const memberB = await w.as.memberB();
    const wrongScope = { ...memberB, scope: { kind: "team" as const, municipalityId: w.municipalityId, teamId: w.teamA.id, userId: w.users.memberB.id } };
    expect(await outcomeOf(readAttachment(wrongScope, spendId, added.id))).toBe("not_found");
    // And in their own scope: 404 too.
    expect(await outcomeOf(readAttachment(memberB, spendId, added.id))).toBe("not_found");
    expect(await outcomeOf(listAttachments(memberB, spendId))).toBe("not_found");
    expect(await outcomeOf(removeAttachment(memberB, spendId, added.id))).toBe("not_found");
  });

  it("RLS alone keeps another team out: no rows, no inserts on another team's request, no deletes, no rewriting bytes", async () => {
    const scopeB = { kind: "team" as const, municipalityId: w.municipalityId, teamId: w.teamB.id, userId: w.users.memberB.id };
    const scopeA = { kind: "team" as const, municipalityId: w.municipalityId, teamId: w.teamA.id, userId: w.users.authorA.id };
    const countIn = (scope: Scope) =>
      withScope(t.db, scope, async (tx) => (await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from spend_attachments`))[0].n);
    expect(await countIn(scopeA)).toBeGreaterThan(0);
    expect(await countIn(scopeB)).toBe(0);

    const insert = (scope: typeof scopeA, teamId: string) =>
      withScope(t.db, scope, (tx) =>
        tx.insert(spendAttachments).values({
          municipalityId: w.municipalityId,
          teamId,
          spendId,
          kind: "other",
          fileName: "x.pdf",
          contentType: "application/pdf",
          sizeBytes: 8,
          sha256: "0",
          content: Buffer.from("%PDF-1.4"),
          uploadedBy: scope.userId,
        }),
      );
    const dbError = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: { cause?: { message?: string }; message: string }) => e.cause?.message ?? e.message,
      );
    // Team B claiming its own team_id for team A's request, or team A's team_id: both refused.
    expect(await dbError(insert(scopeB, w.teamB.id))).toMatch(/row-level security/);
    expect(await dbError(insert(scopeB, w.teamA.id))).toMatch(/row-level security/);
    expect(await dbError(insert(scopeA, w.teamA.id))).toBe("ok");

    expect(await dbError(withScope(t.db, scopeA, (tx) => tx.execute(sql`delete from spend_attachments`)))).toMatch(/permission denied/);
    expect(await dbError(withScope(t.db, scopeA, (tx) => tx.execute(sql`update spend_attachments set content = '\\x00'`)))).toMatch(/permission denied/);
    // The controller's scope reads but writes nothing.
    const scopeC = { kind: "municipality" as const, municipalityId: w.municipalityId, userId: w.users.controller1.id };
    expect(await countIn(scopeC)).toBeGreaterThan(0);
    expect(
      await dbError(
        withScope(t.db, scopeC, (tx) => tx.execute(sql`update spend_attachments set deleted_at = now(), deleted_by = ${w.users.controller1.id}::uuid`)),
      ),
    ).toBe("ok");
    expect(
      await t.db
        .select()
        .from(spendAttachments)
        .where(sql`${spendAttachments.deletedAt} is not null`),
    ).toHaveLength(0);
  });

  it("the controller reads every file of the request but adds and removes none", async () => {
    const c = await w.as.controller1();
    const list = await listAttachments(c, spendId);
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.canAdd).toBe(false);
    expect(list.items.every((a) => !a.canRemove)).toBe(true);
    const file = await readAttachment(c, spendId, list.items[0].id);
    expect(file.contentType).toBe("application/pdf");
    await expect(addAttachment(c, spendId, { kind: "receipt", fileName: "bon.pdf", bytes: pdf() })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeAttachment(c, spendId, list.items[0].id)).rejects.toBeInstanceOf(ForbiddenError);
    // Another municipality's controller: the same permission, another tenant — not found.
    const elsewhere = await createMunicipality(t.db);
    const otherController = await createUser(t.db, elsewhere.id, { scopeRoles: [{ role: "controller" }] });
    const oc = await municipalityContext(t.db, otherController.id, "municipality");
    expect(await outcomeOf(readAttachment(oc, spendId, list.items[0].id))).toBe("not_found");
    expect(await outcomeOf(listAttachments(oc, spendId))).toBe("not_found");
  });

  it("removal: the uploader's own, soft (row kept, marked), on the timeline and audited; the audit chain stays intact", async () => {
    const added = await addAttachment(await w.as.author(), spendId, { kind: "receipt", fileName: "verkeerde bon.pdf", bytes: pdf("fout") });
    await removeAttachment(await w.as.author(), spendId, added.id);
    expect((await listAttachments(await w.as.author(), spendId)).items.map((a) => a.id)).not.toContain(added.id);
    expect(await outcomeOf(readAttachment(await w.as.author(), spendId, added.id))).toBe("not_found");
    expect(await outcomeOf(removeAttachment(await w.as.author(), spendId, added.id))).toBe("not_found");
    const [row] = await t.db.select().from(spendAttachments).where(eq(spendAttachments.id, added.id));
    expect(row.deletedBy).toBe(w.users.authorA.id);
    expect(row.deletedAt).toBeInstanceOf(Date);
    const audited = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, added.id)).orderBy(auditEvents.seq);
    expect(audited.map((a) => a.action)).toEqual(["spend.attachment_added", "spend.attachment_removed"]);
    expect(audited[1].data).toMatchObject({ spendId, fileName: "verkeerde bon.pdf" });
    const [last] = await t.db
      .select()
      .from(spendTransitions)
      .where(eq(spendTransitions.spendId, spendId))
      .orderBy(sql`${spendTransitions.id} desc`)
      .limit(1);
    expect(last).toMatchObject({ action: "attachment_removed", comment: "verkeerde bon.pdf", toStatus: "submitted" });
    expect((await verifyAuditChain(t.db)).breaks).toEqual([]);
  });

  it("a withdrawn request's files stay readable but no longer change", async () => {
    const id = await w.submitted(5_000);
    const added = await addAttachment(await w.as.author(), id, { kind: "quote", fileName: "offerte.pdf", bytes: pdf() });
    await cancelSpend(await w.as.author(), id);
    expect(await outcomeOf(addAttachment(await w.as.author(), id, { kind: "receipt", fileName: "bon.pdf", bytes: pdf() }))).toBe("attachment_spend_closed");
    expect(await outcomeOf(removeAttachment(await w.as.author(), id, added.id))).toBe("attachment_spend_closed");
    const list = await listAttachments(await w.as.author(), id);
    expect(list).toMatchObject({ canAdd: false, items: [{ id: added.id, canRemove: false }] });
    expect((await readAttachment(await w.as.author(), id, added.id)).sizeBytes).toBe(pdf().byteLength);
  });

  it("an attachment id of another request is not found through this one", async () => {
    const other = await w.submitted(6_000);
    const added = await addAttachment(await w.as.author(), other, { kind: "quote", fileName: "offerte.pdf", bytes: pdf() });
    expect(await outcomeOf(readAttachment(await w.as.author(), spendId, added.id))).toBe("not_found");
    expect(await outcomeOf(readAttachment(await w.as.author(), spendId, "not-a-uuid"))).toBe("not_found");
  });
});

// The e2e run and a fresh demo use PGlite: the same bytes must come back there too.
describe("attachments on PGlite", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
  });
  afterAll(() => t.drop());

  it("stores and returns the bytes, and RLS hides them from another team", async () => {
    const w = await ledgerWorld(t);
    const id = await w.submitted(10_000);
    const bytes = Buffer.concat([JPEG, Buffer.from([0, 1, 2, 254, 255])]);
    const added = await addAttachment(await w.as.author(), id, { kind: "receipt", fileName: "bon.jpg", bytes });
    const file = await readAttachment(await w.as.controller1(), id, added.id);
    expect(Buffer.from(file.bytes).equals(bytes)).toBe(true);
    expect(await outcomeOf(readAttachment(await w.as.memberB(), id, added.id))).toBe("not_found");
    const scopeB = { kind: "team" as const, municipalityId: w.municipalityId, teamId: w.teamB.id, userId: w.users.memberB.id };
    expect(await withScope(t.db, scopeB, (tx) => tx.select().from(spendAttachments))).toHaveLength(0);
  });
});
