// Memberships over time (issue 20): periods that are ended, never deleted;
// terms (hours, role, disciplines, secondment) from a date; a past month shows
// the team of then; an ended membership grants nothing (grants and RLS); the
// discipline matrix counts a person under each of their disciplines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql, teamMemberships, withScope } from "@wijkwerk/db";
import { addMembership, endMembership, getMembershipHistory, getUser, loadGrants, updateMembership } from "../src/accounts";
import { teamDisciplineMatrix } from "../src/partners";
import { teamCompositionInMonth } from "../src/tenancy";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

describe("memberships over time", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let adminId: string;
  const admin = () => municipalityContext(t.db, adminId, "admin");

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    const m = await createMunicipality(t.db);
    municipalityId = m.id;
    team = await createTeam(t.db, m.id, "noord");
    adminId = (await createUser(t.db, m.id, { scopeRoles: [{ role: "admin" }] })).id;
  });
  afterAll(() => t.drop());

  it("shows a past month's people and hours after changes and an ending", async () => {
    const partner = await createPartner(t.db, municipalityId);
    const anna = await createUser(t.db, municipalityId, { name: "Anna", partnerId: partner.id });
    const bart = await createUser(t.db, municipalityId, { name: "Bart", partnerId: partner.id });
    await addMembership(await admin(), anna.id, {
      teamId: team.id,
      role: "member",
      contractedHoursPerWeek: "24",
      disciplines: ["Maatschappelijk werk"],
      validFrom: "2015-01-01",
    });
    await addMembership(await admin(), bart.id, {
      teamId: team.id,
      role: "member",
      contractedHoursPerWeek: "16",
      disciplines: ["GGZ"],
      validFrom: "2015-01-01",
    });
    const annaM = (await getUser(await admin(), anna.id)).memberships[0];
    const bartM = (await getUser(await admin(), bart.id)).memberships[0];
    // Anna: seconded full-time to Sociale Zaken from March 2016, back with two roles from 2017.
    await updateMembership(await admin(), annaM.id, {
      role: "member",
      contractedHoursPerWeek: "36",
      disciplines: ["Maatschappelijk werk"],
      seconded: true,
      secondedTo: "Gemeente Maastricht, Sociale Zaken",
      validFrom: "2016-03-01",
    });
    await updateMembership(await admin(), annaM.id, {
      role: "coordinator",
      contractedHoursPerWeek: "32",
      disciplines: ["Maatschappelijk werk", "Cliëntondersteuning"],
      seconded: false, // not given, the secondment would continue
      validFrom: "2017-01-01",
    });
    // Bart left at the end of June 2016.
    await endMembership(await admin(), bartM.id, { endOn: "2016-07-01" });

    const ctx = await admin();
    const feb = await teamCompositionInMonth(ctx, team.id, "2016-02");
    expect(feb.map((r) => [r.name, r.role, r.contractedHoursPerWeek, r.seconded])).toEqual([
      ["Anna", "member", 24, false],
      ["Bart", "member", 16, false],
    ]);
    const june = await teamCompositionInMonth(ctx, team.id, "2016-06");
    expect(june.map((r) => [r.name, r.contractedHoursPerWeek, r.secondedTo, r.from, r.to])).toEqual([
      ["Anna", 36, "Gemeente Maastricht, Sociale Zaken", "2016-06-01", "2016-06-30"],
      ["Bart", 16, null, "2016-06-01", "2016-06-30"],
    ]);
    const july = await teamCompositionInMonth(ctx, team.id, "2016-07");
    expect(july.map((r) => r.name)).toEqual(["Anna"]);
    const jan2017 = await teamCompositionInMonth(ctx, team.id, "2017-01");
    expect(jan2017.map((r) => [r.name, r.role, r.contractedHoursPerWeek, r.disciplines, r.seconded])).toEqual([
      ["Anna", "coordinator", 32, ["Maatschappelijk werk", "Cliëntondersteuning"], false],
    ]);
    // The terms from 1 March apply to the whole of March.
    const march = await teamCompositionInMonth(ctx, team.id, "2016-03");
    expect(march.filter((r) => r.name === "Anna").map((r) => r.contractedHoursPerWeek)).toEqual([36]);

    // The history, oldest first; the ended row is still there.
    const history = await getMembershipHistory(ctx, annaM.id);
    expect(history.periods.map((p) => [p.validFrom, p.validTo, p.seconded])).toEqual([
      ["2015-01-01", "2016-03-01", false],
      ["2016-03-01", "2017-01-01", true],
      ["2017-01-01", null, false],
    ]);
    const [ended] = await t.db
      .select()
      .from(teamMemberships)
      .where(sql`${teamMemberships.id} = ${bartM.id}`);
    expect(ended.validTo).toBe("2016-07-01");

    // Refused: a change before the start, an end before the start, a secondment without organisation, ending twice.
    expect(await outcomeOf(updateMembership(ctx, annaM.id, { role: "member", contractedHoursPerWeek: "1", validFrom: "2014-01-01" }))).toBe("invalid_input");
    expect(await outcomeOf(endMembership(ctx, annaM.id, { endOn: "2014-12-31" }))).toBe("invalid_input");
    expect(await outcomeOf(updateMembership(ctx, annaM.id, { role: "member", contractedHoursPerWeek: "1", seconded: true }))).toBe("invalid_input");
    expect(await outcomeOf(endMembership(ctx, bartM.id, {}))).toBe("membership_ended");
    // Rejoining later is a new period.
    await addMembership(ctx, bart.id, { teamId: team.id, role: "member", contractedHoursPerWeek: "8", validFrom: "2018-01-01" });
    expect((await getUser(ctx, bart.id)).memberships.map((m) => [m.validFrom, m.validTo])).toEqual([
      ["2018-01-01", null],
      ["2015-01-01", "2016-07-01"],
    ]);
  });

  it("changes only disciplines and secondment from a date: role and hours stay as they were then", async () => {
    const carla = await createUser(t.db, municipalityId, { name: "Carla" });
    await addMembership(await admin(), carla.id, { teamId: team.id, role: "member", contractedHoursPerWeek: "20", validFrom: "2020-01-01" });
    const m = (await getUser(await admin(), carla.id)).memberships[0];
    await updateMembership(await admin(), m.id, { role: "coordinator", contractedHoursPerWeek: "28", validFrom: "2021-01-01" });
    // Role and hours left out: the terms in effect on 2020-06-01 (member, 20) carry on, not today's.
    await updateMembership(await admin(), m.id, {
      disciplines: ["Jeugd", "GGZ"],
      seconded: true,
      secondedTo: "Gemeente, Sociale Zaken",
      validFrom: "2020-06-01",
    });
    const history = await getMembershipHistory(await admin(), m.id);
    expect(history.periods.map((p) => [p.validFrom, p.validTo, p.role, p.contractedHoursPerWeek, p.disciplines, p.secondedTo])).toEqual([
      ["2020-01-01", "2020-06-01", "member", "20.0", [], null],
      ["2020-06-01", "2021-01-01", "member", "20.0", ["Jeugd", "GGZ"], "Gemeente, Sociale Zaken"],
      // Later terms are their own: a change from a date does not rewrite them.
      ["2021-01-01", null, "coordinator", "28.0", [], null],
    ]);
    // Seconded without an organisation (or only spaces): a field error on secondedTo.
    const refused = await updateMembership(await admin(), m.id, { seconded: true, secondedTo: "  ", validFrom: "2022-01-01" }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "invalid_input", fieldErrors: { secondedTo: ["seconded_to_required"] } });
    // Empty hours still mean "unknown" (null), distinct from left out.
    await updateMembership(await admin(), m.id, { contractedHoursPerWeek: "", validFrom: "2022-01-01" });
    expect((await getMembershipHistory(await admin(), m.id)).periods.at(-1)).toMatchObject({ role: "coordinator", contractedHoursPerWeek: null });
  });

  it("counts a person under each discipline in the matrix, hours split equally", async () => {
    const other = await createTeam(t.db, municipalityId, "matrix");
    const eva = await createUser(t.db, municipalityId, { name: "Eva" });
    await addMembership(await admin(), eva.id, {
      teamId: other.id,
      role: "coordinator",
      contractedHoursPerWeek: "30",
      disciplines: ["Maatschappelijk werk", "Cliëntondersteuning"],
      validFrom: "2016-01-01",
    });
    const x = await teamDisciplineMatrix(await teamContext(t.db, eva.id, other));
    const row = (d: string) => x.rows.find((r) => r.discipline === d)!;
    expect([row("Maatschappelijk werk").people, row("Maatschappelijk werk").contracted]).toEqual([1, 15]);
    expect([row("Cliëntondersteuning").people, row("Cliëntondersteuning").contracted]).toEqual([1, 15]);
    expect([x.totals.people, x.totals.contracted]).toEqual([1, 30]);
  });

  it("an ended membership grants nothing: no team in the grants, no rows through RLS", async () => {
    const third = await createTeam(t.db, municipalityId, "einde");
    const fien = await createUser(t.db, municipalityId, { name: "Fien", teamRoles: [{ teamId: third.id, role: "coordinator" }] });
    const ctx = await teamContext(t.db, fien.id, third);
    const before = await withScope(t.db, ctx.scope, (tx) => queryRows<{ r: string | null }>(tx, sql`select app_team_role() as r`));
    expect(before[0].r).toBe("coordinator");
    const [m] = (await getUser(await admin(), fien.id)).memberships;
    await endMembership(await admin(), m.id, {}); // today
    expect((await loadGrants(t.db, fien.id))!.grants.teamRoles).toEqual([]);
    // The old context still carries the team scope: the database itself refuses.
    const after = await withScope(t.db, ctx.scope, (tx) => queryRows<{ r: string | null }>(tx, sql`select app_team_role() as r`));
    expect(after[0].r).toBeNull();
    const visible = await withScope(t.db, ctx.scope, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from active_team_memberships`));
    expect(visible[0].n).toBe(0);
    // And the application role cannot delete a membership row.
    await expect(withScope(t.db, ctx.scope, (tx) => tx.execute(sql`delete from team_memberships`))).rejects.toThrow();
  });
});
