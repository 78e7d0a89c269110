import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, buurtAssignments, eq } from "@wijkwerk/db";
import { createBuurt, getBuurt, listBuurten, reassignBuurt } from "../src/tenancy";
import { dayBefore } from "../src/tenancy/admin-buurten";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

describe("buurten and effective-dated assignments", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let teamA: Awaited<ReturnType<typeof createTeam>>;
  let teamB: Awaited<ReturnType<typeof createTeam>>;
  let adminId: string;
  const admin = () => municipalityContext(t.db, adminId);

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
    teamA = await createTeam(t.db, municipalityId);
    teamB = await createTeam(t.db, municipalityId);
    adminId = (await createUser(t.db, municipalityId, { scopeRoles: [{ role: "admin" }] })).id;
  });
  afterAll(() => t.drop());

  it("dayBefore handles month and leap-year boundaries", () => {
    expect(dayBefore("2017-01-01")).toBe("2016-12-31");
    expect(dayBefore("2024-03-01")).toBe("2024-02-29");
  });

  it("a future reassignment ends the open assignment the day before and keeps the history", async () => {
    const { id } = await createBuurt(await admin(), { name: "Testbuurt", residents: 1200, teamId: teamA.id, validFrom: "2017-01-01" });
    const history = await reassignBuurt(await admin(), id, { teamId: teamB.id, validFrom: "2099-03-01" });
    expect(history.map((h) => [h.teamId, h.validFrom, h.validTo])).toEqual([
      [teamA.id, "2017-01-01", "2099-02-28"],
      [teamB.id, "2099-03-01", null],
    ]);
    // Today it still belongs to A, with B scheduled.
    const row = (await listBuurten(await admin())).find((b) => b.id === id)!;
    expect(row).toMatchObject({ currentTeam: teamA.name, nextTeam: teamB.name, nextFrom: "2099-03-01" });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "buurt.reassigned"), eq(auditEvents.objectId, id)));
    expect(event.data).toMatchObject({ buurt: "Testbuurt", fromTeam: teamA.name, toTeam: teamB.name, validFrom: "2099-03-01" });
  });

  it("refuses a start on or before the open assignment's start, the same team, a bad date, or an unknown team", async () => {
    const { id } = await createBuurt(await admin(), { name: "Tweede buurt", teamId: teamA.id, validFrom: "2020-01-01" });
    expect(await outcomeOf(reassignBuurt(await admin(), id, { teamId: teamB.id, validFrom: "2020-01-01" }))).toBe("assignment_date_invalid");
    expect(await outcomeOf(reassignBuurt(await admin(), id, { teamId: teamA.id, validFrom: "2030-01-01" }))).toBe("assignment_same_team");
    expect(await outcomeOf(reassignBuurt(await admin(), id, { teamId: teamB.id, validFrom: "2030-02-30" }))).toBe("invalid_input");
    expect(await outcomeOf(reassignBuurt(await admin(), id, { teamId: "00000000-0000-4000-8000-000000000000", validFrom: "2030-01-01" }))).toBe(
      "assignment_team_inactive",
    );
    expect(await outcomeOf(createBuurt(await admin(), { name: "tweede BUURT", teamId: teamA.id, validFrom: "2020-01-01" }))).toBe("name_taken");
    expect(await t.db.select().from(buurtAssignments).where(eq(buurtAssignments.buurtId, id))).toHaveLength(1);
  });

  it("two concurrent reassignments of one buurt never overlap", async () => {
    const { id } = await createBuurt(await admin(), { name: "Drukke buurt", teamId: teamA.id, validFrom: "2020-01-01" });
    const [c1, c2] = [await admin(), await admin()];
    const outcomes = await Promise.all([
      outcomeOf(reassignBuurt(c1, id, { teamId: teamB.id, validFrom: "2040-01-01" })),
      outcomeOf(reassignBuurt(c2, id, { teamId: teamB.id, validFrom: "2041-01-01" })),
    ]);
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    const { history } = await getBuurt(await admin(), id);
    expect(history.filter((h) => h.validTo === null)).toHaveLength(1);
    for (let i = 1; i < history.length; i++) expect(history[i - 1].validTo! < history[i].validFrom).toBe(true);
  });

  it("is for the functional admin only; another municipality's buurt is not found", async () => {
    const coordinator = await createUser(t.db, municipalityId, { teamRoles: [{ teamId: teamA.id, role: "coordinator" }] });
    const { id } = await createBuurt(await admin(), { name: "Eigen buurt", teamId: teamA.id, validFrom: "2020-01-01" });
    expect(await outcomeOf(reassignBuurt(await teamContext(t.db, coordinator.id, teamA), id, { teamId: teamB.id, validFrom: "2030-01-01" }))).not.toBe("ok");
    const otherMunicipality = (await createMunicipality(t.db)).id;
    const otherAdmin = await createUser(t.db, otherMunicipality, { scopeRoles: [{ role: "admin" }] });
    const otherTeam = await createTeam(t.db, otherMunicipality);
    expect(await outcomeOf(getBuurt(await municipalityContext(t.db, otherAdmin.id), id))).toBe("not_found");
    expect(await outcomeOf(reassignBuurt(await municipalityContext(t.db, otherAdmin.id), id, { teamId: otherTeam.id, validFrom: "2030-01-01" }))).toBe(
      "not_found",
    );
  });
});
