import { ForbiddenError } from "@wijkwerk/authz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { municipalityOverview } from "../src/tenancy";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext } from "./fixtures";

describe("municipality overview", () => {
  let t: TestDatabase;
  let controllerId: string;
  let memberId: string;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    const m = await createMunicipality(t.db);
    const a = await createTeam(t.db, m.id, "a-team");
    await createTeam(t.db, m.id, "b-team");
    memberId = (await createUser(t.db, m.id, { teamRoles: [{ teamId: a.id, role: "member" }] })).id;
    await createUser(t.db, m.id, { teamRoles: [{ teamId: a.id, role: "coordinator" }] });
    controllerId = (await createUser(t.db, m.id, { scopeRoles: [{ role: "controller" }] })).id;
    // Another municipality's team must not appear.
    const other = await createMunicipality(t.db);
    await createTeam(t.db, other.id, "elders");
  });
  afterAll(() => t.drop());

  it("gives the controller counts per team of its own municipality", async () => {
    const rows = await municipalityOverview(await municipalityContext(t.db, controllerId, "municipality"));
    expect(rows.map((r) => r.slug)).toEqual(["a-team", "b-team"]);
    expect(rows[0]).toMatchObject({ coordinators: 1, members: 1, volunteers: 0, contractedHours: 48 });
    expect(rows[1]).toMatchObject({ coordinators: 0, members: 0, contractedHours: 0 });
  });

  it("is forbidden for a team member", async () => {
    await expect(municipalityOverview(await municipalityContext(t.db, memberId, "municipality"))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
