// What a spend request accepts: real calendar dates, no NUL, the team's
// resident pseudonym format (never a name), and the privacy guard on every
// text the controller reads — with the audit-logged override.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, eq, spendRequests, spendTransitions, teams } from "@wijkwerk/db";
import { isCalendarDate, forbiddenCharacterPaths, hasForbiddenCharacter } from "../src/common";
import {
  defaultResidentRefPrefix,
  commentOnSpend,
  approveSpend,
  createSpendDraft,
  recordPayment,
  rejectSpend,
  requestSpendInfo,
  updateSpendDraft,
} from "../src/workbudget";
import { createTeam as createTeamUseCase, updateTeam } from "../src/tenancy";
import { createTestDatabase, type TestDatabase } from "./db";
import { createUser, municipalityContext } from "./fixtures";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

const refused = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code?: string; status?: number; fieldErrors?: Record<string, string[]>; detail?: string }) => e,
  );

describe("calendar dates and forbidden characters (pure)", () => {
  it("a date is YYYY-MM-DD of a day that exists", () => {
    for (const ok of ["2026-02-28", "2024-02-29", "2000-02-29", "2026-12-31", "2017-01-01"]) expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of [
      "2026-02-30",
      "2026-13-45",
      "2025-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-00-10",
      "2026-01-00",
      "0000-01-01",
      "99999-01-01",
      "2026-1-1",
      " 2026-01-01",
      "2026-01-01\u0000",
      "",
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
  });

  it("NUL and lone surrogates are forbidden, found anywhere in a JSON value", () => {
    expect(hasForbiddenCharacter("a\u0000b")).toBe(true);
    expect(hasForbiddenCharacter("\ud800")).toBe(true);
    expect(hasForbiddenCharacter("😀 é\t\n")).toBe(false);
    expect(forbiddenCharacterPaths({ purpose: "ok", payment: { reference: "x\u0000" }, lifeDomains: ["a", "\udc00"], "k\u0000": 1 })).toEqual([
      "payment.reference",
      "lifeDomains.1",
      "k\\0",
    ]);
  });

  it("a team's default pseudonym prefix: initials of a two-word slug, else its first two letters", () => {
    expect(defaultResidentRefPrefix("de-heeg")).toBe("DH");
    expect(defaultResidentRefPrefix("limmel-nazareth")).toBe("LN");
    expect(defaultResidentRefPrefix("daalhof")).toBe("DA");
    expect(defaultResidentRefPrefix("centrum")).toBe("CE");
    expect(defaultResidentRefPrefix("123")).toBe("REF");
  });
});

describe("spend requests: dates, pseudonyms and the privacy guard", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t, { budgetCents: 15_000_000, thresholdCents: 100_000 });
  });
  afterAll(() => t.drop());
  const rows = async () => (await t.db.select({ id: spendRequests.id }).from(spendRequests)).length;

  it("an impossible date is a field error (date_invalid), not a database error; nothing is saved", async () => {
    const before = await rows();
    for (const neededOn of ["2017-02-30", "2017-13-45"]) {
      const e = await refused(createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 1_000, neededOn }));
      expect(e).toMatchObject({ code: "invalid_input", status: 400, fieldErrors: { neededOn: ["date_invalid"] } });
    }
    expect(await rows()).toBe(before);
    const id = await w.submitted(2_000);
    await approveSpend(await w.as.controller1(), id);
    const e = await refused(
      recordPayment(await w.as.controller1(), id, { amountCents: 2_000, paymentDate: "2017-02-29", method: "bank_transfer", reference: "" }),
    );
    expect(e).toMatchObject({ code: "invalid_input", fieldErrors: { paymentDate: ["date_invalid"] } });
  });

  it("the resident pseudonym must be in the team's format: a name or another team's prefix is refused with the expected form", async () => {
    for (const residentRef of ["Jan de Vries", "DH-003", "MB-", "MB-1234567", "MB 014", "014"]) {
      const e = await refused(createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 1_000, neededOn: "2017-06-01", residentRef }));
      expect(e, residentRef).toMatchObject({ code: "resident_ref_format", status: 400, fieldErrors: { residentRef: ["resident_ref_format"] } });
      expect((e as { detail: string }).detail).toContain("MB-014");
    }
    // Lower case is accepted and stored in capitals; empty stays allowed (the field is optional).
    const { id } = await createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 1_000, neededOn: "2017-06-01", residentRef: "mb-7" });
    expect((await t.db.select({ r: spendRequests.residentRef }).from(spendRequests).where(eq(spendRequests.id, id)))[0].r).toBe("MB-7");
    await updateSpendDraft(await w.as.author(), id, { ...COMPLETE_DRAFT, amountCents: 1_000, neededOn: "2017-06-01", residentRef: "" });
    expect(
      await refused(updateSpendDraft(await w.as.author(), id, { ...COMPLETE_DRAFT, amountCents: 1_000, neededOn: "2017-06-01", residentRef: "Jan de Vries" })),
    ).toMatchObject({ code: "resident_ref_format" });
  });

  it("a team's prefix is the admin's to set (default from the slug); the format follows it", async () => {
    const admin = await createUser(t.db, w.municipalityId, { name: "Beheerder", scopeRoles: [{ role: "admin" }] });
    const ctx = await municipalityContext(t.db, admin.id);
    const created = await createTeamUseCase(ctx, { name: "Heer en Heugem", slug: "heer-heugem", activeFrom: "2017-01-01" });
    expect((await t.db.select({ p: teams.residentRefPrefix }).from(teams).where(eq(teams.id, created.id)))[0].p).toBe("HH");
    await updateTeam(ctx, w.teamA.id, { name: w.teamA.name, slug: w.teamA.slug, activeFrom: "2017-01-01", residentRefPrefix: "abc" });
    const e = await refused(createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 1_000, neededOn: "2017-06-01" }));
    expect((e as { detail: string }).detail).toContain("ABC-014");
    await createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 1_000, neededOn: "2017-06-01", residentRef: "ABC-1" });
    expect(
      await refused(updateTeam(ctx, w.teamA.id, { name: w.teamA.name, slug: w.teamA.slug, activeFrom: "2017-01-01", residentRefPrefix: "M-B" })),
    ).toMatchObject({ code: "invalid_input", fieldErrors: { residentRefPrefix: ["invalid_input"] } });
    await updateTeam(ctx, w.teamA.id, { name: w.teamA.name, slug: w.teamA.slug, activeFrom: "2017-01-01", residentRefPrefix: "MB" });
  });

  it("every text the controller reads goes through the privacy guard; the override is audit-logged", async () => {
    const before = await rows();
    for (const [field, text] of [
      ["purpose", "Huur voor Jan, BSN 111222333"],
      ["supplier", "Bel 06-12345678"],
      ["rationale", "Mail naar jan.devries@example.nl"],
      ["problemPrevented", "Woont op Brusselsestraat 12"],
      ["expectedSocialReturn", "Rekening NL91ABNA0417164300"],
      ["customReturnJustification", "Geboren op 12-03-1985"],
    ] as const) {
      const e = await refused(createSpendDraft(await w.as.author(), { ...COMPLETE_DRAFT, amountCents: 1_000, neededOn: "2017-06-01", [field]: text }));
      expect(e, field).toMatchObject({ code: "personal_data", status: 422, fieldErrors: { [field]: ["personal_data"] } });
      expect((e as { detail: string }).detail).toMatch(/persoonsgegevens/);
    }
    expect(await rows()).toBe(before);
    // The demo's texts pass.
    await createSpendDraft(await w.as.author(), {
      ...COMPLETE_DRAFT,
      amountCents: 1_000,
      neededOn: "2017-06-01",
      purpose: "Achterstallige huur (één maand)",
      rationale: "Ontruimingsvonnis dreigt binnen twee weken; schuldhulp loopt nog.",
    });
    // Confirmed: saved, and the override is in the audit log with the kinds, never the values.
    const { id } = await createSpendDraft(await w.as.author(), {
      ...COMPLETE_DRAFT,
      amountCents: 1_000,
      neededOn: "2017-06-01",
      supplier: "Bel 043-3501234 (algemeen nummer)",
      confirmNoPersonalData: true,
    });
    const [override] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "spend.privacy_override"));
    expect(override).toMatchObject({ teamId: w.teamA.id, data: { kinds: ["phone"], fields: ["supplier"] } });
    expect(JSON.stringify(override.data)).not.toContain("3501234");
    void id;
  });

  it("comments, reasons, questions and answers are guarded too", async () => {
    const id = await w.submitted(3_000);
    const transitions = async () => (await t.db.select().from(spendTransitions).where(eq(spendTransitions.spendId, id))).length;
    const n = await transitions();
    expect(await refused(requestSpendInfo(await w.as.controller1(), id, { comment: "Is dit voor Jan (06-12345678)?" }))).toMatchObject({
      code: "personal_data",
      fieldErrors: { comment: ["personal_data"] },
    });
    expect(await refused(rejectSpend(await w.as.controller1(), id, { comment: "BSN 111222333 klopt niet" }))).toMatchObject({ code: "personal_data" });
    expect(await refused(commentOnSpend(await w.as.author(), id, "Zijn mail: jan.devries@example.nl"))).toMatchObject({
      code: "personal_data",
      fieldErrors: { comment: ["personal_data"] },
    });
    expect(await transitions()).toBe(n);
    await commentOnSpend(await w.as.author(), id, "Algemeen nummer 043-3501234", { confirmNoPersonalData: true });
    const [status] = await t.db.select({ s: spendRequests.status }).from(spendRequests).where(eq(spendRequests.id, id));
    expect(status.s).toBe("submitted");
    const overrides = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "spend.privacy_override"), eq(auditEvents.objectId, id)));
    expect(overrides).toHaveLength(1);
  });
});
