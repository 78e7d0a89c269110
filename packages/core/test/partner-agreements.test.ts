// Agreements with partner organisations: the functional admin maintains
// them (validated, audited); the controller reads them; a partner manager
// reads only its own partner's; a team reads only its own contributions —
// CASL first, row-level security second, on PostgreSQL and PGlite.
import { ForbiddenError } from "@wijkwerk/authz";
import { agreementContributions, auditEvents, desc, eq, partnerAgreements, withScope } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UseCaseContext } from "../src/common";
import { listAgreements, saveAgreement } from "../src/partners";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf } from "./fixtures";

async function partnerContext(db: TestDatabase["db"], userId: string, partnerId: string): Promise<UseCaseContext> {
  const base = await municipalityContext(db, userId, "municipality");
  return { ...base, scope: { kind: "partner", municipalityId: base.actor.municipalityId, partnerId, userId } };
}

for (const kind of ["postgres", "pglite"] as const) {
  describe(`partner agreements on ${kind}`, () => {
    let t: TestDatabase;
    let admin: UseCaseContext;
    let controller: UseCaseContext;
    let managerA: string;
    let municipalityId: string;
    let teamA: { id: string };
    let teamB: { id: string };
    let partnerA: { id: string };
    let partnerB: { id: string };
    let agreementA: string;

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      const m = await createMunicipality(t.db);
      municipalityId = m.id;
      teamA = await createTeam(t.db, m.id, "a-team");
      teamB = await createTeam(t.db, m.id, "b-team");
      partnerA = await createPartner(t.db, m.id, "partner-a");
      partnerB = await createPartner(t.db, m.id, "partner-b");
      admin = await municipalityContext(t.db, (await createUser(t.db, m.id, { scopeRoles: [{ role: "admin" }] })).id, "admin");
      controller = await municipalityContext(t.db, (await createUser(t.db, m.id, { scopeRoles: [{ role: "controller" }] })).id, "municipality");
      managerA = (await createUser(t.db, m.id, { partnerId: partnerA.id, scopeRoles: [{ role: "partner_manager", partnerId: partnerA.id }] })).id;
    });
    afterAll(() => t.drop());

    it("the admin records an agreement with contributions per team, audited", async () => {
      const saved = await saveAgreement(admin, partnerA.id, null, {
        kind: "subsidy",
        reference: "SUB-A",
        validFrom: "2017-01-01",
        validTo: null,
        contributions: [
          { teamId: teamA.id, discipline: "Maatschappelijk werk", hoursPerWeek: 32 },
          { teamId: teamA.id, discipline: "Opbouwwerk", hoursPerWeek: 12.5 },
          { teamId: teamB.id, discipline: "Maatschappelijk werk", hoursPerWeek: 16 },
        ],
      });
      agreementA = saved.id;
      expect(saved.created).toBe(true);
      await saveAgreement(admin, partnerB.id, null, {
        kind: "service_agreement",
        reference: "DVO-B",
        validFrom: "2017-01-01",
        validTo: "2018-12-31",
        contributions: [{ teamId: teamB.id, discipline: "GGZ", hoursPerWeek: 8 }],
      });

      const [a] = await listAgreements(admin, partnerA.id);
      expect(a).toMatchObject({ reference: "SUB-A", kind: "subsidy", validFrom: "2017-01-01", validTo: null, hoursPerWeek: 60.5 });
      expect(a.contributions.map((c) => [c.teamSlug, c.discipline, c.hoursPerWeek])).toEqual([
        ["a-team", "Maatschappelijk werk", 32],
        ["a-team", "Opbouwwerk", 12.5],
        ["b-team", "Maatschappelijk werk", 16],
      ]);
      const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, agreementA));
      expect(event).toMatchObject({ action: "agreement.created", objectType: "partner_agreement" });
    });

    it("replaces the contributions on edit and audits before and after", async () => {
      await saveAgreement(admin, partnerA.id, agreementA, {
        kind: "subsidy",
        reference: "SUB-A",
        validFrom: "2017-01-01",
        validTo: "2019-12-31",
        contributions: [{ teamId: teamA.id, discipline: "Maatschappelijk werk", hoursPerWeek: 36 }],
      });
      const [a] = await listAgreements(admin, partnerA.id);
      expect(a.validTo).toBe("2019-12-31");
      expect(a.contributions.map((c) => [c.teamSlug, c.hoursPerWeek])).toEqual([["a-team", 36]]);
      const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, agreementA)).orderBy(desc(auditEvents.seq)).limit(1);
      expect(event.action).toBe("agreement.updated");
      const d = event.data as { before: { contributions: unknown[]; validTo: string | null }; after: { validTo: string } };
      expect(d.before.contributions).toHaveLength(3);
      expect(d.before.validTo).toBeNull();
      expect(d.after.validTo).toBe("2019-12-31");
    });

    it("refuses invalid input with field codes", async () => {
      const base = { kind: "subsidy" as const, reference: "X-1", validFrom: "2017-01-01", validTo: null, contributions: [] };
      await expect(outcomeOf(saveAgreement(admin, partnerA.id, null, { ...base, validTo: "2016-12-31" }))).resolves.toBe("invalid_input");
      await expect(outcomeOf(saveAgreement(admin, partnerA.id, null, { ...base, reference: "SUB-A" }))).resolves.toBe("reference_taken");
      const dup = { teamId: teamA.id, discipline: "GGZ" as const, hoursPerWeek: 4 };
      await expect(saveAgreement(admin, partnerA.id, null, { ...base, contributions: [dup, dup] })).rejects.toMatchObject({
        fieldErrors: { contributions: ["contribution_duplicate"] },
      });
      await expect(saveAgreement(admin, partnerA.id, null, { ...base, contributions: [{ ...dup, hoursPerWeek: 0 }] })).rejects.toMatchObject({
        code: "invalid_input",
      });
      await expect(
        saveAgreement(admin, partnerA.id, null, { ...base, contributions: [{ ...dup, teamId: "00000000-0000-4000-8000-000000000000" }] }),
      ).rejects.toMatchObject({ code: "invalid_input" });
      expect(await t.db.select().from(partnerAgreements)).toHaveLength(2);
    });

    it("the controller reads but may not write", async () => {
      expect(await listAgreements(controller, partnerB.id)).toHaveLength(1);
      await expect(
        saveAgreement(controller, partnerB.id, null, { kind: "subsidy", reference: "NOPE", validFrom: "2017-01-01", validTo: null, contributions: [] }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("a partner manager reads its own agreements only (CASL and row-level security)", async () => {
      const ctx = await partnerContext(t.db, managerA, partnerA.id);
      expect((await listAgreements(ctx, partnerA.id)).map((a) => a.reference)).toEqual(["SUB-A"]);
      await expect(listAgreements(ctx, partnerB.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        saveAgreement(ctx, partnerA.id, agreementA, { kind: "subsidy", reference: "SUB-A", validFrom: "2017-01-01", validTo: null, contributions: [] }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const scope = { kind: "partner" as const, municipalityId, partnerId: partnerA.id, userId: managerA };
      const seen = await withScope(t.db, scope, async (tx) => ({
        agreements: await tx.select().from(partnerAgreements),
        contributions: await tx.select().from(agreementContributions),
      }));
      expect(seen.agreements.map((a) => a.reference)).toEqual(["SUB-A"]);
      expect(seen.contributions.every((c) => c.partnerOrganisationId === partnerA.id)).toBe(true);
      // Writing as the partner scope is refused by the database too.
      await expect(withScope(t.db, scope, (tx) => tx.update(partnerAgreements).set({ reference: "HACK" }).returning())).resolves.toEqual([]);
      await expect(
        withScope(t.db, scope, (tx) =>
          tx
            .insert(partnerAgreements)
            .values({ municipalityId, partnerOrganisationId: partnerA.id, kind: "subsidy", reference: "HACK", validFrom: "2017-01-01" }),
        ),
      ).rejects.toThrow();
    });

    it("a team sees only the contributions agreed for that team", async () => {
      const member = await createUser(t.db, municipalityId, { teamRoles: [{ teamId: teamB.id, role: "member" }] });
      const rows = await withScope(t.db, { kind: "team", municipalityId, teamId: teamB.id, userId: member.id }, async (tx) => ({
        contributions: await tx.select().from(agreementContributions),
        agreements: await tx.select().from(partnerAgreements),
      }));
      expect(rows.contributions.map((c) => [c.discipline, c.hoursPerWeek])).toEqual([["GGZ", "8.0"]]);
      expect(rows.agreements.map((a) => a.reference)).toEqual(["DVO-B"]);
    });
  });
}
