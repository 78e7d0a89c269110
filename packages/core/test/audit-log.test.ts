// The admin's audit log browser: filters, paging, CSV, the ability check as
// first wall and row-level security as the second — on real PostgreSQL and
// on PGlite.
import { ForbiddenError } from "@wijkwerk/authz";
import { queryRows, sql } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, type AuditEventInput, auditEventsCsv, listAuditEvents, listAuditTeams } from "../src/audit";
import { AUDIT_CSV_HEADERS, AUDIT_PAGE_SIZE, containsPattern, formatAuditTimestamp } from "../src/audit/audit-log";
import type { UseCaseContext } from "../src/common";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext, outcomeOf, teamContext, testMeta } from "./fixtures";

for (const kind of ["postgres", "pglite"] as const) {
  describe(`audit log browser on ${kind}`, () => {
    let t: TestDatabase;
    let admin: UseCaseContext;
    let otherAdmin: UseCaseContext;
    let municipalityId: string;
    let team: { id: string; slug: string; name: string; municipalityId: string };
    let memberId: string;
    let oldSeq: number;

    const add = (e: Partial<AuditEventInput> & Pick<AuditEventInput, "action">) =>
      t.db.transaction((tx) => appendAudit(tx, { municipalityId, objectType: "user", meta: testMeta, actor: null, ...e }));

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      const m = await createMunicipality(t.db);
      municipalityId = m.id;
      team = await createTeam(t.db, m.id, "noord");
      const adminUser = await createUser(t.db, m.id, { name: "Anja Admin", email: "anja@test.demo", scopeRoles: [{ role: "admin" }] });
      const member = await createUser(t.db, m.id, { name: "Mark Lid", email: "mark@test.demo", teamRoles: [{ teamId: team.id, role: "member" }] });
      memberId = member.id;
      admin = await municipalityContext(t.db, adminUser.id);
      const anja = { userId: adminUser.id, email: adminUser.email, name: adminUser.name };
      const mark = { userId: member.id, email: member.email, name: member.name };

      // An event that happened just after midnight in Amsterdam on 2 March 2026 (23:30 UTC on 1 March).
      await add({ action: "auth.login", actor: mark, objectId: member.id, data: { step: "complete" } });
      const [{ seq }] = await queryRows<{ seq: number }>(t.db, sql`select max(seq)::int as seq from audit_events`);
      oldSeq = seq;
      // audit_events is append-only; only in this test database do we move one event back in time.
      await t.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update audit_events set occurred_at = '2026-03-01T23:30:00Z' where seq = ${oldSeq}`);
      });

      await add({ action: "auth.login_failed", actor: null, result: "failure", data: { email: "=cmd|' /C calc'!A0" } });
      await add({ action: "auth.logout", actor: anja, objectId: adminUser.id });
      await add({
        action: "buurt.reassigned",
        actor: anja,
        teamId: team.id,
        objectType: "buurt",
        objectId: "b-42",
        data: { buurt: "Wittevrouwenveld", from: "Team Oost" },
      });
      await add({ action: "invitation.created", actor: anja, teamId: team.id, objectType: "invitation", data: { email: "nieuw@test.demo", role: "member" } });
      await add({ action: "user.updated", actor: { ...anja, name: "100%_Admin" }, data: { note: "+31 6 1234" } });

      // Another municipality with its own admin and events.
      const other = await createMunicipality(t.db);
      const otherUser = await createUser(t.db, other.id, { name: "Otto Ander", scopeRoles: [{ role: "admin" }] });
      otherAdmin = await municipalityContext(t.db, otherUser.id);
      await t.db.transaction((tx) =>
        appendAudit(tx, {
          municipalityId: other.id,
          action: "auth.login",
          objectType: "user",
          objectId: otherUser.id,
          actor: { userId: otherUser.id, email: otherUser.email, name: otherUser.name },
          meta: testMeta,
          data: { buurt: "Wittevrouwenveld" },
        }),
      );
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("lists the municipality's events newest first, with team names", async () => {
      const page = await listAuditEvents(admin, {});
      expect(page.total).toBe(6);
      expect(page.pages).toBe(1);
      expect(page.rows.map((r) => r.action)).toEqual([
        "user.updated",
        "invitation.created",
        "buurt.reassigned",
        "auth.logout",
        "auth.login_failed",
        "auth.login",
      ]);
      const reassigned = page.rows.find((r) => r.action === "buurt.reassigned")!;
      expect(reassigned.teamName).toBe("Team noord");
      expect(reassigned.data).toEqual({ buurt: "Wittevrouwenveld", from: "Team Oost" });
      expect(reassigned.actor).toEqual({ id: admin.actor.userId, email: "anja@test.demo", name: "Anja Admin" });
      expect(reassigned.occurredAt).toBeInstanceOf(Date);
      expect(page.rows.find((r) => r.action === "auth.logout")!.teamName).toBeNull();
    });

    it("filters by exact action and by action prefix", async () => {
      expect((await listAuditEvents(admin, { action: "auth.logout" })).rows.map((r) => r.action)).toEqual(["auth.logout"]);
      expect((await listAuditEvents(admin, { action: "auth." })).rows.map((r) => r.action)).toEqual(["auth.logout", "auth.login_failed", "auth.login"]);
      expect((await listAuditEvents(admin, { action: "" })).total).toBe(6);
    });

    it("searches the actor's name and e-mail, with wildcards taken literally", async () => {
      expect((await listAuditEvents(admin, { actor: "anja" })).total).toBe(4);
      expect((await listAuditEvents(admin, { actor: "Anja Admin" })).total).toBe(3);
      expect((await listAuditEvents(admin, { actor: "MARK@test" })).rows.map((r) => r.action)).toEqual(["auth.login"]);
      expect((await listAuditEvents(admin, { actor: "systeem" })).rows.map((r) => r.action)).toEqual(["auth.login_failed"]);
      expect((await listAuditEvents(admin, { actor: "100%_" })).rows.map((r) => r.action)).toEqual(["user.updated"]);
      expect((await listAuditEvents(admin, { actor: "%" })).rows.map((r) => r.action)).toEqual(["user.updated"]);
      expect((await listAuditEvents(admin, { actor: "_" })).rows.map((r) => r.action)).toEqual(["user.updated"]);
      expect(containsPattern("a%b_c\\")).toBe("%a\\%b\\_c\\\\%");
    });

    it("filters by result and team", async () => {
      expect((await listAuditEvents(admin, { result: "failure" })).rows.map((r) => r.action)).toEqual(["auth.login_failed"]);
      expect((await listAuditEvents(admin, { result: "success" })).total).toBe(5);
      expect((await listAuditEvents(admin, { team: team.id })).rows.map((r) => r.action)).toEqual(["invitation.created", "buurt.reassigned"]);
    });

    it("searches the object id and the event data", async () => {
      expect((await listAuditEvents(admin, { object: "wittevrouwen" })).rows.map((r) => r.action)).toEqual(["buurt.reassigned"]);
      expect((await listAuditEvents(admin, { object: "b-42" })).rows.map((r) => r.action)).toEqual(["buurt.reassigned"]);
      expect((await listAuditEvents(admin, { object: memberId })).rows.map((r) => r.action)).toEqual(["auth.login"]);
      expect((await listAuditEvents(admin, { object: "nergens" })).total).toBe(0);
    });

    it("filters on Amsterdam calendar days, both ends inclusive", async () => {
      const onlyOld = await listAuditEvents(admin, { from: "2026-03-02", to: "2026-03-02" });
      expect(onlyOld.rows.map((r) => r.seq)).toEqual([oldSeq]);
      expect((await listAuditEvents(admin, { from: "2026-03-01", to: "2026-03-01" })).total).toBe(0);
      expect((await listAuditEvents(admin, { to: "2026-03-02" })).total).toBe(1);
      expect((await listAuditEvents(admin, { from: "2026-03-03" })).total).toBe(5);
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
      expect((await listAuditEvents(admin, { from: today, to: today })).total).toBe(5);
      expect(formatAuditTimestamp(new Date("2026-03-01T23:30:05Z"))).toBe("02-03-2026 00:30:05");
      expect(formatAuditTimestamp(new Date("2026-07-15T10:00:00Z"))).toBe("15-07-2026 12:00:00");
    });

    it("combines filters", async () => {
      expect((await listAuditEvents(admin, { action: "auth.", actor: "anja", result: "success" })).rows.map((r) => r.action)).toEqual(["auth.logout"]);
    });

    it("rejects invalid filters with a code per field", async () => {
      for (const [filters, field] of [
        [{ action: "auth" }, "action"],
        [{ action: "nope.created" }, "action"],
        [{ result: "maybe" }, "result"],
        [{ team: "not-a-uuid" }, "team"],
        [{ from: "2026-02-30" }, "from"],
        [{ to: "01-03-2026" }, "to"],
        [{ from: "2026-03-05", to: "2026-03-01" }, "to"],
      ] as const) {
        const error = await listAuditEvents(admin, filters).catch((e) => e);
        expect(error, JSON.stringify(filters)).toMatchObject({ code: "invalid_input", status: 400, fieldErrors: { [field]: ["invalid_input"] } });
      }
      expect(await outcomeOf(auditEventsCsv(admin, { result: "x" }))).toBe("invalid_input");
    });

    it("pages by 50, newest first, and counts pages", async () => {
      await t.db.transaction(async (tx) => {
        for (let i = 0; i < 60; i++)
          await appendAudit(tx, {
            municipalityId,
            action: "team.updated",
            objectType: "team",
            objectId: team.id,
            teamId: team.id,
            actor: null,
            meta: testMeta,
            data: { i },
          });
      });
      const first = await listAuditEvents(admin, { action: "team." }, 1);
      expect(first.total).toBe(60);
      expect(first.pages).toBe(2);
      expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
      expect(first.rows[0].data).toEqual({ i: 59 });
      const second = await listAuditEvents(admin, { action: "team." }, 2);
      expect(second.page).toBe(2);
      expect(second.rows).toHaveLength(10);
      expect(second.rows.at(-1)!.data).toEqual({ i: 0 });
      expect(new Set([...first.rows, ...second.rows].map((r) => r.seq)).size).toBe(60);
      // Beyond the last page shows the last page.
      expect((await listAuditEvents(admin, { action: "team." }, 9)).page).toBe(2);
      const all = await listAuditEvents(admin, {});
      expect(all.total).toBe(66);
      expect(all.pages).toBe(2);
      const empty = await listAuditEvents(admin, { object: "nergens" });
      expect(empty).toMatchObject({ rows: [], total: 0, pages: 1, page: 1 });
    });

    it("never returns another municipality's events", async () => {
      const mine = await listAuditEvents(admin, { object: "Wittevrouwenveld" });
      expect(mine.rows.map((r) => r.action)).toEqual(["buurt.reassigned"]);
      const theirs = await listAuditEvents(otherAdmin, {});
      expect(theirs.rows.map((r) => r.action)).toEqual(["auth.login"]);
      expect(theirs.rows[0].actor.name).toBe("Otto Ander");
      expect(await auditEventsCsv(otherAdmin, {})).not.toContain("Anja");
      // The admin cannot point the scope at another municipality: the ability check refuses.
      await expect(listAuditEvents({ ...admin, scope: { ...otherAdmin.scope, userId: admin.actor.userId } }, {})).rejects.toBeInstanceOf(ForbiddenError);
      expect((await listAuditTeams(admin)).map((x) => x.name)).toEqual(["Team noord"]);
      expect(await listAuditTeams(otherAdmin)).toEqual([]);
    });

    it("row-level security is the second wall: outside the admin scope no rows come back", async () => {
      const notAdminScope: UseCaseContext = { ...admin, scope: { kind: "municipality", municipalityId, userId: admin.actor.userId } };
      const page = await listAuditEvents(notAdminScope, {});
      expect(page.total).toBe(0);
      expect(page.rows).toEqual([]);
    });

    it("refuses a team member", async () => {
      const member = await teamContext(t.db, memberId, team);
      await expect(listAuditEvents(member, {})).rejects.toBeInstanceOf(ForbiddenError);
      await expect(auditEventsCsv(member, {})).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listAuditTeams(member)).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("exports all matching rows as semicolon CSV with Dutch headers and neutralised formulas", async () => {
      const csv = await auditEventsCsv(admin, { action: "auth." });
      const lines = csv.split("\r\n").filter(Boolean);
      expect(lines[0]).toBe(AUDIT_CSV_HEADERS.join(";"));
      expect(lines[0]).toBe("Volgnummer;Tijdstip;Actor;E-mail actor;Actie;Object;Object-id;Team;Resultaat;IP-adres;Gegevens");
      expect(csv.charCodeAt(0)).not.toBe(0xfeff);
      expect(lines).toHaveLength(4);
      const failed = lines.find((l) => l.includes("auth.login_failed"))!;
      expect(failed).toContain(";systeem;;auth.login_failed;user;;;Mislukt;127.0.0.1;");
      // The data cell starts with '{', so the formula inside stays inert text.
      expect(failed).toMatch(/;"\{""email"":""=cmd\|' \/C calc'!A0""\}"$/);
      const login = lines.find((l) => l.endsWith('"{""step"":""complete""}"'))!;
      expect(login.split(";").slice(0, 5)).toEqual([String(oldSeq), "02-03-2026 00:30:00", "Mark Lid", "mark@test.demo", "auth.login"]);

      const withFormulaActor = await auditEventsCsv(admin, { action: "user.updated" });
      expect(withFormulaActor.split("\r\n")[1]).toContain(";100%_Admin;anja@test.demo;user.updated;");
      const all = await auditEventsCsv(admin, {});
      expect(all.split("\r\n").filter(Boolean)).toHaveLength(67);
      expect(all).toContain(";Team noord;Gelukt;");
    });

    it("escapes cells that start like a formula", async () => {
      await add({
        action: "user.created",
        actor: { userId: admin.actor.userId, email: "@evil.demo", name: '=HYPERLINK("http://x")' },
        objectId: "-1+1",
        data: {},
      });
      await add({ action: "user.created", actor: { userId: admin.actor.userId, email: "ok@test.demo", name: "+31 6 1234 5678" }, objectId: "x", data: {} });
      const csv = await auditEventsCsv(admin, { action: "user.created" });
      const [header, ...rows] = csv.split("\r\n").filter(Boolean);
      expect(header.split(";")).toHaveLength(11);
      expect(rows[0]).toContain(";'+31 6 1234 5678;ok@test.demo;user.created;user;x;");
      expect(rows[1]).toContain(`;"'=HYPERLINK(""http://x"")";'@evil.demo;user.created;user;'-1+1;`);
      expect(rows[1].endsWith(";Gelukt;127.0.0.1;")).toBe(true);
    });
  });
}
