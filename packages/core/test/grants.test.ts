// loadGrants: what the checkpoint reads on every request, in one statement — the user's active teams (ordered by
// name), scope roles and, for an admin only, the administered municipalities; null for an unknown or inactive user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminMunicipalities, eq, teams, users } from "@wijkwerk/db";
import { loadGrants } from "../src/accounts";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser } from "./fixtures";

for (const kind of ["postgres", "pglite"] as const) {
  describe(`loadGrants (${kind})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase(kind);
    });
    afterAll(() => t.drop());

    it("reads teams, roles and administered municipalities as the checkpoint needs them", async () => {
      const m = await createMunicipality(t.db);
      const other = await createMunicipality(t.db);
      const zuid = await createTeam(t.db, m.id);
      const noord = await createTeam(t.db, m.id);
      const ended = await createTeam(t.db, m.id);
      await t.db.update(teams).set({ name: "Zuid" }).where(eq(teams.id, zuid.id));
      await t.db.update(teams).set({ name: "Noord" }).where(eq(teams.id, noord.id));
      await t.db.update(teams).set({ activeTo: "2018-01-01" }).where(eq(teams.id, ended.id));
      const partner = await createPartner(t.db, m.id);

      const member = await createUser(t.db, m.id, {
        teamRoles: [
          { teamId: zuid.id, role: "coordinator" },
          { teamId: noord.id, role: "member" },
          { teamId: ended.id, role: "member" },
        ],
      });
      expect(await loadGrants(t.db, member.id)).toEqual({
        grants: {
          userId: member.id,
          municipalityId: m.id,
          teamRoles: [
            { teamId: noord.id, role: "member" },
            { teamId: zuid.id, role: "coordinator" },
          ],
          scopeRoles: [],
        },
        teams: [
          { id: noord.id, slug: noord.slug, name: "Noord", role: "member" },
          { id: zuid.id, slug: zuid.slug, name: "Zuid", role: "coordinator" },
        ],
      });

      const admin = await createUser(t.db, m.id, { scopeRoles: [{ role: "admin" }, { role: "partner_manager", partnerId: partner.id }] });
      await t.db.insert(adminMunicipalities).values({ municipalityId: other.id, userId: admin.id });
      const a = (await loadGrants(t.db, admin.id))!;
      expect(a.teams).toEqual([]);
      expect(a.grants.scopeRoles).toEqual(
        expect.arrayContaining([
          { role: "admin", partnerId: null },
          { role: "partner_manager", partnerId: partner.id },
        ]),
      );
      expect(a.grants.scopeRoles).toHaveLength(2);
      expect(a.grants.adminMunicipalities).toEqual([other.id]);

      // An admin_municipalities row without the admin role grants nothing, and is not read into the grants.
      const controller = await createUser(t.db, m.id, { scopeRoles: [{ role: "controller" }] });
      await t.db.insert(adminMunicipalities).values({ municipalityId: other.id, userId: controller.id });
      const c = (await loadGrants(t.db, controller.id))!;
      expect(c.grants).toEqual({ userId: controller.id, municipalityId: m.id, teamRoles: [], scopeRoles: [{ role: "controller", partnerId: null }] });

      await t.db.update(users).set({ isActive: false }).where(eq(users.id, member.id));
      expect(await loadGrants(t.db, member.id)).toBeNull();
      expect(await loadGrants(t.db, "00000000-0000-4000-8000-0000000000ff")).toBeNull();
    });
  });
}
