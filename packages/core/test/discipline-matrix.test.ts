// The coordinator's discipline matrix: agreed hours per discipline (only
// agreements valid today), people placed with their contract hours, and
// registered hours per week over the last completed weeks, with gaps.
import { ForbiddenError } from "@wijkwerk/authz";
import { eq, users } from "@wijkwerk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamDisciplineMatrix, saveAgreement, saveTimeRegistration } from "../src/partners";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext, teamContext } from "./fixtures";

const NOW = new Date("2017-11-22T10:00:00+01:00"); // last completed week: 2017-W46
const empty = { individual: 0, collective: 0, meeting: 0, workgroup: 0, other: 0 };

describe("discipline matrix", () => {
  let t: TestDatabase;
  let coordinator: Awaited<ReturnType<typeof teamContext>>;
  let member: Awaited<ReturnType<typeof teamContext>>;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    const m = await createMunicipality(t.db);
    const team = await createTeam(t.db, m.id, "noord");
    const other = await createTeam(t.db, m.id, "zuid");
    const partner = await createPartner(t.db, m.id);
    const admin = await municipalityContext(t.db, (await createUser(t.db, m.id, { scopeRoles: [{ role: "admin" }] })).id, "admin");
    await saveAgreement(admin, partner.id, null, {
      kind: "subsidy",
      reference: "NU",
      validFrom: "2017-01-01",
      validTo: null,
      contributions: [
        { teamId: team.id, discipline: "Maatschappelijk werk", hoursPerWeek: 32 },
        { teamId: team.id, discipline: "GGZ", hoursPerWeek: 16 },
        { teamId: other.id, discipline: "Jeugd", hoursPerWeek: 8 },
      ],
    });
    await saveAgreement(admin, partner.id, null, {
      kind: "subsidy",
      reference: "OUD",
      validFrom: "2015-01-01",
      validTo: "2016-12-31",
      contributions: [{ teamId: team.id, discipline: "Maatschappelijk werk", hoursPerWeek: 10 }],
    });
    const anna = await createUser(t.db, m.id, { partnerId: partner.id, teamRoles: [{ teamId: team.id, role: "coordinator" }] });
    const bart = await createUser(t.db, m.id, { teamRoles: [{ teamId: team.id, role: "member" }] });
    await t.db.update(users).set({ discipline: "Maatschappelijk werk" }).where(eq(users.id, anna.id));
    await t.db.update(users).set({ discipline: "Wijkverpleging" }).where(eq(users.id, bart.id));
    coordinator = await teamContext(t.db, anna.id, team);
    member = await teamContext(t.db, bart.id, team);
    for (const week of ["2017-W43", "2017-W44", "2017-W45", "2017-W46"])
      await saveTimeRegistration(coordinator, { ...empty, week, individual: 20, meeting: 4 }, { now: NOW });
    await saveTimeRegistration(member, { ...empty, week: "2017-W46", collective: 8 }, { now: NOW });
    await saveTimeRegistration(member, { ...empty, week: "2017-W42", collective: 40 }, { now: NOW }); // before the 4 weeks shown
  });
  afterAll(() => t.drop());

  it("compares agreed, placed and registered hours per discipline and flags the gaps", async () => {
    const x = await teamDisciplineMatrix(coordinator, { weeks: 4, now: NOW });
    expect([x.from, x.to]).toEqual(["2017-10-23", "2017-11-19"]);
    const row = (d: string) => x.rows.find((r) => r.discipline === d)!;
    expect(row("Maatschappelijk werk")).toEqual({
      discipline: "Maatschappelijk werk",
      agreed: 32,
      people: 1,
      contracted: 24,
      registered: 24,
      gap: -8,
      short: true,
    });
    expect(row("GGZ")).toMatchObject({ agreed: 16, people: 0, registered: 0, short: true });
    expect(row("Wijkverpleging")).toMatchObject({ agreed: 0, people: 1, contracted: 24, registered: 2, short: false });
    expect(row("Jeugd")).toMatchObject({ agreed: 0, people: 0 }); // agreed for the other team only
    expect(x.totals).toEqual({ agreed: 48, contracted: 48, registered: 26, people: 2 });
  });

  it("is for the coordinator, not for a member", async () => {
    await expect(teamDisciplineMatrix(member, { now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
