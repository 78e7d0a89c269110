// The retention purge (casework_purge, migration 0031): it destroys only
// households whose every case is closed and whose latest retention date has
// passed (a withdrawn application: 6 weeks after closing), writes a
// destruction-log line per record with reason 'retention', removes their read
// log and break-the-glass grants that expired long ago, and leaves every
// other household alone. On PostgreSQL, and once on PGlite (the demo).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseAccessGrants, caseReadLog, cases, queryRows, sql } from "@wijkwerk/db";
import { purgeExpiredCasework } from "@wijkwerk/core/casework";
import { createTestDatabase, type TestDatabase } from "./db";
import { createBuurtFor, createHouseholdWithCase } from "./casework-fixture";
import { createMunicipality, createTeam, createUser } from "./fixtures";

for (const kind of ["postgres", "pglite"] as const) {
  describe(`casework retention purge (${kind})`, () => {
    let t: TestDatabase;
    let m: { id: string };
    let team: { id: string };
    let buurt: string;
    let member: string;
    const now = new Date("2027-03-15T10:00:00Z");

    const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.db, query))[0].n);
    const household = () => createHouseholdWithCase(t.db, { municipalityId: m.id, teamId: team.id, buurtId: buurt, regisseurId: member });
    const close = (caseId: string, closedOn: string, legalBasis: string, retainUntil: string | null) =>
      t.db.execute(
        sql`update cases set status = 'closed', closed_on = ${closedOn}, legal_basis = ${legalBasis}, retain_until = ${retainUntil} where id = ${caseId}`,
      );
    const exists = async (id: string) => (await count(sql`select count(*)::int as n from households where id = ${id}`)) === 1;

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      m = await createMunicipality(t.db);
      team = await createTeam(t.db, m.id);
      buurt = (await createBuurtFor(t.db, m.id, team.id)).id;
      member = (await createUser(t.db, m.id, { teamRoles: [{ teamId: team.id, role: "member" }] })).id;
    });
    afterAll(() => t.drop());

    it("destroys only expired households, logs each record, and removes their read log and old grants", async () => {
      // Expired: closed, retain_until yesterday (Wmo). With a read-log line and a grant.
      const expired = await household();
      await close(expired.case.id, "2012-03-01", "wmo", "2027-03-14");
      await t.db.insert(caseReadLog).values({
        municipalityId: m.id,
        teamId: team.id,
        householdId: expired.household.id,
        householdReference: expired.household.reference,
        userId: member,
        part: "plan",
        access: "case_team",
      });
      // Expired: a withdrawn application closed 7 weeks ago, no retain_until recorded (the purge derives 6 weeks).
      const withdrawn = await household();
      await close(withdrawn.case.id, "2027-01-25", "withdrawn", null);
      // Kept: retention date today (not yet passed), a withdrawn application closed 5 weeks ago, an open case,
      // a household with one closed-and-expired and one open case.
      const today = await household();
      await close(today.case.id, "2022-03-15", "none", "2027-03-15");
      const recent = await household();
      await close(recent.case.id, "2027-02-08", "withdrawn", null);
      const open = await household();
      const mixed = await household();
      await close(mixed.case.id, "2010-01-01", "none", "2015-01-01");
      await t.db.insert(cases).values({
        municipalityId: m.id,
        teamId: team.id,
        householdId: mixed.household.id,
        intakeOn: "2027-01-10",
        entryRoute: "self",
        questionType: "single",
        regisseurId: member,
        createdBy: member,
      });
      // Grants: one expired 100 days ago (removed), one expired yesterday (kept: the coordinator may still ask about it).
      const grant = (householdId: string, expiresAt: Date) =>
        t.db.insert(caseAccessGrants).values({
          municipalityId: m.id,
          teamId: team.id,
          householdId,
          userId: member,
          reason: "Spoedvraag van de inwoner",
          grantedAt: new Date(expiresAt.getTime() - 3_600_000),
          expiresAt,
        });
      await grant(open.household.id, new Date(now.getTime() - 100 * 86_400_000));
      await grant(open.household.id, new Date(now.getTime() - 86_400_000));
      await grant(expired.household.id, new Date(now.getTime() - 86_400_000));

      const result = await purgeExpiredCasework(t.db, now);
      expect(result.households).toBe(2);
      expect(result.grants).toBe(1);
      expect(await exists(expired.household.id)).toBe(false);
      expect(await exists(withdrawn.household.id)).toBe(false);
      for (const kept of [today, recent, open, mixed]) expect(await exists(kept.household.id)).toBe(true);
      expect(await count(sql`select count(*)::int as n from case_read_log where household_id = ${expired.household.id}`)).toBe(0);
      expect(await count(sql`select count(*)::int as n from case_access_grants where household_id = ${open.household.id}`)).toBe(1);

      const lines = await queryRows<{ household_reference: string; record_kind: string; legal_basis: string | null; reason: string }>(
        t.db,
        sql`select household_reference, record_kind, legal_basis, reason from casework_destruction_log order by household_reference, record_kind`,
      );
      expect(new Set(lines.map((l) => l.reason))).toEqual(new Set(["retention"]));
      expect(new Set(lines.map((l) => l.household_reference))).toEqual(new Set([expired.household.reference, withdrawn.household.reference]));
      const ofExpired = lines.filter((l) => l.household_reference === expired.household.reference);
      expect(ofExpired.map((l) => l.record_kind)).toEqual(["access_grant", "case", "household", "household_profile", "person", "read_log"]);
      expect(new Set(ofExpired.map((l) => l.legal_basis))).toEqual(new Set(["wmo"]));
      expect(result.records).toBe(lines.length);

      // A second run finds nothing more to do.
      expect(await purgeExpiredCasework(t.db, now)).toEqual({ households: 0, records: 0, grants: 0 });
    });

    it("is not callable by the application's role", async () => {
      await expect(
        t.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('role', 'app_user', true)`);
          await tx.execute(sql`select * from casework_purge()`);
        }),
      ).rejects.toThrow();
    });
  });
}
