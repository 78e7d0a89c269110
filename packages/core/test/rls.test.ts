// The second wall: inside tenant A's transaction an unfiltered select returns
// only A's rows, on real PostgreSQL and on PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, buurtAssignments, buurten, invitations, teamMemberships, sql, withScope, queryRows } from "@wijkwerk/db";
import { appendAudit } from "../src/audit";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser } from "./fixtures";

for (const kind of ["postgres", "pglite"] as const) {
  describe(`row-level security on ${kind}`, () => {
    let t: TestDatabase;
    let teamA: { id: string };
    let teamB: { id: string };
    let municipalityId: string;
    let userA: { id: string };

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      const m = await createMunicipality(t.db);
      municipalityId = m.id;
      teamA = await createTeam(t.db, m.id, "team-a");
      teamB = await createTeam(t.db, m.id, "team-b");
      userA = await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "member" }] });
      await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "member" }] });
      await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "coordinator" }] });
      const [b1, b2] = await t.db
        .insert(buurten)
        .values([
          { municipalityId, name: "Buurt A" },
          { municipalityId, name: "Buurt B" },
        ])
        .returning();
      await t.db.insert(buurtAssignments).values([
        { municipalityId, teamId: teamA.id, buurtId: b1.id, validFrom: "2017-01-01" },
        { municipalityId, teamId: teamB.id, buurtId: b2.id, validFrom: "2017-01-01" },
      ]);
    });
    afterAll(() => t.drop());

    const teamScope = (teamId: string) => ({ kind: "team" as const, municipalityId, teamId, userId: userA.id });

    it("an unfiltered select in tenant A's transaction sees only A's rows", async () => {
      const memberships = await withScope(t.db, teamScope(teamA.id), (tx) => tx.select().from(teamMemberships));
      expect(memberships).toHaveLength(1);
      expect(memberships.every((r) => r.teamId === teamA.id)).toBe(true);
      const assignments = await withScope(t.db, teamScope(teamA.id), (tx) => tx.select().from(buurtAssignments));
      expect(assignments.map((a) => a.teamId)).toEqual([teamA.id]);
      // Without the scope the owner sees all three memberships: the filter above came from RLS.
      expect(await t.db.select().from(teamMemberships)).toHaveLength(3);
    });

    it("cannot write into another tenant", async () => {
      await expect(
        withScope(t.db, teamScope(teamA.id), (tx) =>
          tx.insert(teamMemberships).values({ municipalityId, teamId: teamB.id, userId: userA.id, validFrom: "2020-01-01" }),
        ),
      ).rejects.toThrow();
      const updated = await withScope(t.db, teamScope(teamA.id), (tx) =>
        tx
          .update(teamMemberships)
          .set({ validTo: "2020-01-01" })
          .where(sql`team_id = ${teamB.id}`)
          .returning(),
      );
      expect(updated).toHaveLength(0);
    });

    it("with no tenant set, tenant tables return nothing", async () => {
      const rows = await withScope(t.db, { kind: "municipality", municipalityId, userId: userA.id }, (tx) => tx.select().from(teamMemberships));
      expect(rows).toHaveLength(0);
      const inv = await withScope(t.db, teamScope(teamA.id), (tx) => tx.select().from(invitations));
      expect(inv).toHaveLength(0);
    });

    it("the admin scope sees the whole municipality, and only it", async () => {
      const rows = await withScope(t.db, { kind: "admin", municipalityId, userId: userA.id }, (tx) => tx.select().from(teamMemberships));
      expect(rows).toHaveLength(3);
      const other = await createMunicipality(t.db);
      const none = await withScope(t.db, { kind: "admin", municipalityId: other.id, userId: userA.id }, (tx) => tx.select().from(teamMemberships));
      expect(none).toHaveLength(0);
    });

    it("app_user cannot read password hashes", async () => {
      await expect(withScope(t.db, teamScope(teamA.id), (tx) => queryRows(tx, sql`select password_hash from users`))).rejects.toThrow();
    });

    it("audit events append through the chain function and cannot be changed", async () => {
      await withScope(t.db, teamScope(teamA.id), (tx) =>
        appendAudit(tx, {
          municipalityId,
          teamId: teamA.id,
          actor: { userId: userA.id, email: "a@test.demo", name: "A" },
          action: "membership.updated",
          objectType: "membership",
          meta: { ip: null, userAgent: null },
        }),
      );
      const events = await t.db.select().from(auditEvents);
      expect(events).toHaveLength(1);
      await expect(t.db.execute(sql`update audit_events set action = 'x'`)).rejects.toThrow();
      await expect(t.db.execute(sql`delete from audit_events`)).rejects.toThrow();
      // A team member cannot read the audit log.
      const visible = await withScope(t.db, teamScope(teamA.id), (tx) => tx.select().from(auditEvents));
      expect(visible).toHaveLength(0);
    });

    it("every policy reads the scope settings once per query, not per row (migration 0023, ADR 0010)", async () => {
      const policies = await queryRows<{ name: string; expr: string }>(
        t.db,
        sql`select c.relname || '.' || p.polname as name, coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') as expr
            from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`,
      );
      expect(policies.length).toBeGreaterThan(50);
      // A bare call is one not directly inside "SELECT …() AS …": written "(select app_tenant())" in a policy.
      const bare = policies.filter((p) => /(?<!SELECT )\bapp_(scope|municipality|tenant|partner|user_id)\(\)/.test(p.expr)).map((p) => p.name);
      expect(bare).toEqual([]);
    });
  });
}
