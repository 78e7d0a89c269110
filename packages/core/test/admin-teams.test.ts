import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, auditEvents, buurtAssignments, buurten, eq, teams } from "@wijkwerk/db";
import { createTeam as createTeamUseCase, getTeam, listTeams, updateTeam } from "../src/tenancy";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext, outcomeOf, teamContext } from "./fixtures";

describe("admin: teams", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let adminId: string;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let foreignTeam: Awaited<ReturnType<typeof createTeam>>;
  let coordinatorId: string;
  let controllerId: string;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
    adminId = (await createUser(t.db, municipalityId, { scopeRoles: [{ role: "admin" }] })).id;
    team = await createTeam(t.db, municipalityId, "daalhof");
    coordinatorId = (await createUser(t.db, municipalityId, { teamRoles: [{ teamId: team.id, role: "coordinator" }] })).id;
    await createUser(t.db, municipalityId, { teamRoles: [{ teamId: team.id, role: "member" }] });
    controllerId = (await createUser(t.db, municipalityId, { scopeRoles: [{ role: "controller" }] })).id;
    // Two buurten: one assigned now, one only in the past.
    const [now, past] = await t.db
      .insert(buurten)
      .values([
        { municipalityId, name: "Hazendans" },
        { municipalityId, name: "Pottenberg" },
      ])
      .returning();
    await t.db.insert(buurtAssignments).values([
      { municipalityId, teamId: team.id, buurtId: now.id, validFrom: "2017-01-01" },
      { municipalityId, teamId: team.id, buurtId: past.id, validFrom: "2016-01-01", validTo: "2016-12-31" },
    ]);
    const other = await createMunicipality(t.db);
    foreignTeam = await createTeam(t.db, other.id, "elders");
  });
  afterAll(() => t.drop());

  const asAdmin = () => municipalityContext(t.db, adminId);
  const auditOf = (objectId: string) =>
    t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.municipalityId, municipalityId), eq(auditEvents.objectId, objectId)))
      .orderBy(auditEvents.seq);

  it("lists every team of the municipality, ended ones included, with current buurten and members", async () => {
    await t.db.insert(teams).values({ municipalityId, slug: "caberg-malpertuis", name: "Caberg-Malpertuis", activeFrom: "2013-01-01", activeTo: "2016-12-31" });
    const rows = await listTeams(await asAdmin());
    expect(rows.map((r) => r.slug)).toEqual(["caberg-malpertuis", "daalhof"]);
    expect(rows.find((r) => r.slug === "daalhof")).toMatchObject({ buurtCount: 1, memberCount: 2, activeFrom: "2017-01-01", activeTo: null });
    expect(rows.find((r) => r.slug === "caberg-malpertuis")).toMatchObject({ activeTo: "2016-12-31", buurtCount: 0, memberCount: 0 });
  });

  it("creates a team with an audit event in the same transaction", async () => {
    const { id } = await createTeamUseCase(await asAdmin(), {
      name: "  Centrum ",
      slug: "centrum",
      description: "Een ander type team",
      activeFrom: "2017-03-01",
    });
    expect(await getTeam(await asAdmin(), id)).toMatchObject({
      name: "Centrum",
      slug: "centrum",
      description: "Een ander type team",
      activeFrom: "2017-03-01",
      activeTo: null,
      buurtCount: 0,
      memberCount: 0,
    });
    const [event] = await auditOf(id);
    expect(event).toMatchObject({ action: "team.created", objectType: "team", teamId: id, actorUserId: adminId });
    expect(event.data).toMatchObject({ name: "Centrum", slug: "centrum" });
  });

  it("updates a team and audits a diff of the changed fields only", async () => {
    const ctx = await asAdmin();
    const result = await updateTeam(ctx, team.id, { name: "Daalhof e.o.", slug: "daalhof", description: "", activeFrom: "2017-01-01", activeTo: "2030-12-31" });
    expect(result.changed.sort()).toEqual(["activeTo", "name"]);
    const updated = (await auditOf(team.id)).filter((e) => e.action === "team.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0].data).toEqual({ name: [team.name, "Daalhof e.o."], activeTo: [null, "2030-12-31"] });
    // Saving the same values again changes nothing and writes no event.
    expect((await updateTeam(ctx, team.id, { name: "Daalhof e.o.", slug: "daalhof", activeFrom: "2017-01-01", activeTo: "2030-12-31" })).changed).toEqual([]);
    expect((await auditOf(team.id)).filter((e) => e.action === "team.updated")).toHaveLength(1);
  });

  it("validates the input with field codes", async () => {
    const ctx = await asAdmin();
    const bad = (input: Parameters<typeof createTeamUseCase>[1]) => createTeamUseCase(ctx, input).catch((e) => e);
    const slugError = await bad({ name: "Wyck", slug: "Wyck Centrum!", activeFrom: "2017-01-01" });
    expect(slugError).toMatchObject({ code: "invalid_input", status: 400, fieldErrors: { slug: ["invalid_input"] } });
    for (const slug of ["-wyck", "wyck-", "wyck--oost", "wÿck", ""])
      expect(await outcomeOf(createTeamUseCase(ctx, { name: "Wyck", slug, activeFrom: "2017-01-01" })), slug).toBe("invalid_input");
    expect((await bad({ name: "Wyck", slug: "wyck", activeFrom: "2017-02-30" })).fieldErrors).toEqual({ activeFrom: ["date_invalid"] });
    expect((await bad({ name: "", slug: "wyck", activeFrom: "2017-01-01" })).fieldErrors).toEqual({ name: ["invalid_input"] });
    const range = await bad({ name: "Wyck", slug: "wyck", activeFrom: "2017-01-01", activeTo: "2016-12-31" });
    expect(range).toMatchObject({ code: "invalid_input", fieldErrors: { activeTo: ["date_range_invalid"] } });
    // Ending on the first day is allowed; an empty end date means open-ended.
    expect(await outcomeOf(createTeamUseCase(ctx, { name: "Eendagsteam", slug: "eendags", activeFrom: "2017-01-01", activeTo: "2017-01-01" }))).toBe("ok");
    expect(await outcomeOf(createTeamUseCase(ctx, { name: "Open", slug: "open", activeFrom: "2017-01-01", activeTo: "" }))).toBe("ok");
  });

  it("refuses a slug that is taken in the municipality, on create and on update", async () => {
    const ctx = await asAdmin();
    const dup = await createTeamUseCase(ctx, { name: "Nog een Daalhof", slug: "daalhof", activeFrom: "2017-01-01" }).catch((e) => e);
    expect(dup).toMatchObject({ code: "slug_taken", status: 409, fieldErrors: { slug: ["slug_taken"] } });
    const { id } = await createTeamUseCase(ctx, { name: "Mariaberg", slug: "mariaberg", activeFrom: "2017-01-01" });
    expect(await outcomeOf(updateTeam(ctx, id, { name: "Mariaberg", slug: "daalhof", activeFrom: "2017-01-01" }))).toBe("slug_taken");
    // The same slug in another municipality is fine.
    expect(await outcomeOf(createTeamUseCase(ctx, { name: "Elders", slug: "elders", activeFrom: "2017-01-01" }))).toBe("ok");
  });

  it("concurrent creates of one slug: exactly one succeeds, the other gets slug_taken", async () => {
    const ctx = await asAdmin();
    const outcomes = await Promise.all([1, 2].map((n) => outcomeOf(createTeamUseCase(ctx, { name: `Race ${n}`, slug: "race", activeFrom: "2017-01-01" }))));
    expect(outcomes.sort()).toEqual(["ok", "slug_taken"]);
  });

  it("concurrent updates apply one after the other, each audited with its own diff", async () => {
    const ctx = await asAdmin();
    const { id } = await createTeamUseCase(ctx, { name: "Heer", slug: "heer", activeFrom: "2017-01-01" });
    await Promise.all([
      updateTeam(ctx, id, { name: "Heer A", slug: "heer", activeFrom: "2017-01-01" }),
      updateTeam(ctx, id, { name: "Heer B", slug: "heer", activeFrom: "2017-01-01" }),
    ]);
    const diffs = (await auditOf(id)).filter((e) => e.action === "team.updated").map((e) => (e.data as { name: [string, string] }).name);
    expect(diffs).toHaveLength(2);
    // The second writer saw the first writer's value as "old".
    expect(diffs[1][0]).toBe(diffs[0][1]);
    expect(diffs[0][0]).toBe("Heer");
  });

  it("another municipality's team, or a malformed id, is not found", async () => {
    const ctx = await asAdmin();
    expect(await outcomeOf(updateTeam(ctx, foreignTeam.id, { name: "Overgenomen", slug: "elders", activeFrom: "2017-01-01" }))).toBe("not_found");
    expect(await outcomeOf(getTeam(ctx, foreignTeam.id))).toBe("not_found");
    expect(await outcomeOf(getTeam(ctx, "geen-uuid"))).toBe("not_found");
    expect(await outcomeOf(updateTeam(ctx, "geen-uuid", { name: "X", slug: "x", activeFrom: "2017-01-01" }))).toBe("not_found");
    const [untouched] = await t.db.select().from(teams).where(eq(teams.id, foreignTeam.id));
    expect(untouched.name).toBe(foreignTeam.name);
    expect((await listTeams(ctx)).some((r) => r.id === foreignTeam.id)).toBe(false);
  });

  it("a coordinator or a controller is refused", async () => {
    const coordinator = await teamContext(t.db, coordinatorId, team);
    const controller = await municipalityContext(t.db, controllerId, "municipality");
    for (const ctx of [coordinator, controller]) {
      expect(await outcomeOf(listTeams(ctx))).not.toBe("ok");
      expect(await outcomeOf(getTeam(ctx, team.id))).not.toBe("ok");
      expect(await outcomeOf(createTeamUseCase(ctx, { name: "Stiekem", slug: "stiekem", activeFrom: "2017-01-01" }))).not.toBe("ok");
      expect(await outcomeOf(updateTeam(ctx, team.id, { name: "Gekaapt", slug: "daalhof", activeFrom: "2017-01-01" }))).not.toBe("ok");
    }
    const [row] = await t.db.select().from(teams).where(eq(teams.id, team.id));
    expect(row.name).not.toBe("Gekaapt");
    expect(await t.db.select().from(teams).where(eq(teams.slug, "stiekem"))).toHaveLength(0);
  });
});
