// Contacts without a case and objections to being registered (issue 15):
// counted per team and month; an objection keeps the team and its month and
// nothing else (no route, no question, no time of day, no audit event).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, caseworkContacts, eq, queryRows, sql } from "@wijkwerk/db";
import { contactCounts, registerContact, registerObjection } from "../src/casework";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, outcomeOf, teamContext } from "./fixtures";

let t: TestDatabase;
let teamA: Awaited<ReturnType<typeof createTeam>>, teamB: Awaited<ReturnType<typeof createTeam>>;
let member: string, coordinator: string, volunteer: string, memberB: string;
const a = (u: string) => teamContext(t.db, u, teamA);

beforeAll(async () => {
  t = await createTestDatabase();
  const m = await createMunicipality(t.db);
  teamA = await createTeam(t.db, m.id);
  teamB = await createTeam(t.db, m.id);
  member = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "member" }] })).id;
  coordinator = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "coordinator" }] })).id;
  volunteer = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamA.id, role: "volunteer" }] })).id;
  memberB = (await createUser(t.db, m.id, { teamRoles: [{ teamId: teamB.id, role: "member" }] })).id;
});
afterAll(() => t?.drop());

describe("contacts without a case", () => {
  it("registers date, entry route and question type (audited without content) and counts them per month", async () => {
    const { id } = await registerContact(await a(member), { date: "2026-10-14", entryRoute: "wijkservicepunt", questionType: "single" });
    await registerContact(await a(coordinator), { date: "2026-10-31", entryRoute: "self", questionType: "multiple" });
    await registerContact(await a(member), { date: "2026-11-01", entryRoute: "gp", questionType: "single" });
    await registerContact(await teamContext(t.db, memberB, teamB), { date: "2026-10-14", entryRoute: "gp", questionType: "single" });
    const [row] = await t.db.select().from(caseworkContacts).where(eq(caseworkContacts.id, id));
    expect(row).toMatchObject({ teamId: teamA.id, kind: "contact", occurredOn: "2026-10-14", entryRoute: "wijkservicepunt", questionType: "single" });
    const [ev] = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, id));
    expect(ev).toMatchObject({ action: "casework.contact_registered", data: {} });
    expect(await contactCounts(await a(member), { from: "2026-09", to: "2026-11" })).toEqual([
      { month: "2026-09", contacts: 0, objections: 0 },
      { month: "2026-10", contacts: 2, objections: 0 },
      { month: "2026-11", contacts: 1, objections: 0 },
    ]);
  });

  it("refuses a date in the future, an unknown entry route, and volunteers", async () => {
    expect(await outcomeOf(registerContact(await a(member), { date: "2099-01-01", entryRoute: "gp", questionType: "single" }))).toBe("invalid_input");
    expect(await outcomeOf(registerContact(await a(member), { date: "2026-01-01", entryRoute: "mailbox" as never, questionType: "single" }))).toBe(
      "invalid_input",
    );
    expect(await outcomeOf(registerContact(await a(volunteer), { date: "2026-01-01", entryRoute: "gp", questionType: "single" }))).not.toBe("ok");
    expect(await outcomeOf(contactCounts(await a(volunteer), { from: "2026-01", to: "2026-02" }))).not.toBe("ok");
  });
});

describe("objections to being registered", () => {
  it("store only the team and the first day of the month: no route, no question, no time, no audit event", async () => {
    const before = (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_events`))[0].n;
    await registerObjection(await a(member), { month: "2026-10" });
    await registerObjection(await a(member), { month: "2026-10" });
    const rows = await queryRows<Record<string, unknown>>(
      t.db,
      sql`select team_id, municipality_id, kind, occurred_on::text as occurred_on, entry_route, question_type, created_at from casework_contacts where kind = 'objection'`,
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({ team_id: teamA.id, kind: "objection", occurred_on: "2026-10-01", entry_route: null, question_type: null });
      expect(new Date(r.created_at as string).toISOString()).toBe("2026-10-01T00:00:00.000Z");
    }
    expect((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_events`))[0].n).toBe(before);
    const counts = await contactCounts(await a(coordinator), { from: "2026-10", to: "2026-10" });
    expect(counts).toEqual([{ month: "2026-10", contacts: 2, objections: 2 }]);
    // Another team's counts are its own.
    expect(await contactCounts(await teamContext(t.db, memberB, teamB), { from: "2026-10", to: "2026-10" })).toEqual([
      { month: "2026-10", contacts: 1, objections: 0 },
    ]);
  });

  it("refuses a malformed or future month", async () => {
    expect(await outcomeOf(registerObjection(await a(member), { month: "2026-13" }))).toBe("invalid_input");
    expect(await outcomeOf(registerObjection(await a(member), { month: "2099-01" }))).toBe("invalid_input");
    expect(await outcomeOf(registerObjection(await a(volunteer), { month: "2026-01" }))).not.toBe("ok");
  });
});
