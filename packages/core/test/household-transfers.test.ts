// Household transfers on real PostgreSQL (and the accepting function once on
// PGlite): only the owning team's coordinator proposes, only the receiving
// team's coordinator accepts or declines, the proposer's team withdraws;
// accepting moves the household and every content row in one step with a
// regisseur of the new team and a new reference; the old team then gets 404.
// A buurt changing team moves nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buurtAssignments,
  caseAccessGrants,
  caseArrangementGoals,
  caseArrangements,
  caseGoals,
  caseInvolved,
  caseReferrals,
  eq,
  households,
  householdTransfers,
  notifications,
  sql,
  teams,
  withScope,
  zrmMeasurements,
  zrmScores,
  type Database,
} from "@wijkwerk/db";
import { acceptTransfer, declineTransfer, getHouseholdEntry, getTransferForm, listTransfers, proposeTransfer, withdrawTransfer } from "../src/casework";
import type { TeamContext } from "../src/common";
import { createBuurtFor, createHouseholdWithCase } from "./casework-fixture";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, outcomeOf, teamContext } from "./fixtures";

const CONTENT_TABLES = [
  "household_profiles",
  "household_persons",
  "cases",
  "case_involved",
  "case_goals",
  "case_arrangements",
  "case_arrangement_goals",
  "zrm_measurements",
  "zrm_scores",
  "case_referrals",
  "case_access_grants",
];

type Team = typeof teams.$inferSelect;

async function world(db: Database) {
  const m = await createMunicipality(db);
  const [a, b, c] = [await createTeam(db, m.id), await createTeam(db, m.id), await createTeam(db, m.id)];
  await db.update(teams).set({ residentRefPrefix: "BB" }).where(eq(teams.id, b.id));
  const user = async (team: Team, role: "coordinator" | "member") => (await createUser(db, m.id, { teamRoles: [{ teamId: team.id, role }] })).id;
  const ids = {
    coordA: await user(a, "coordinator"),
    regisseurA: await user(a, "member"),
    involvedA: await user(a, "member"),
    coordB: await user(b, "coordinator"),
    memberB: await user(b, "member"),
    coordC: await user(c, "coordinator"),
  };
  // A professional in both teams stays involved after the move.
  const both = (
    await createUser(db, m.id, {
      teamRoles: [
        { teamId: a.id, role: "member" },
        { teamId: b.id, role: "member" },
      ],
    })
  ).id;
  const buurt = await createBuurtFor(db, m.id, a.id);
  const ctx = async (userId: string, team: Team): Promise<TeamContext> => teamContext(db, userId, team);
  return { m, a, b, c, ids, both, buurt, ctx };
}

/** A household of team A with a row in every content table. */
async function fullHousehold(db: Database, w: Awaited<ReturnType<typeof world>>) {
  const base = { municipalityId: w.m.id, teamId: w.a.id };
  const { household, case: c } = await createHouseholdWithCase(db, { ...base, buurtId: w.buurt.id, regisseurId: w.ids.regisseurA });
  const h = { ...base, householdId: household.id };
  await db.insert(caseInvolved).values([
    { ...h, caseId: c.id, userId: w.ids.involvedA },
    { ...h, caseId: c.id, userId: w.both },
  ]);
  const [goal] = await db
    .insert(caseGoals)
    .values({ ...h, caseId: c.id, lifeDomain: "finances", description: "Rondkomen", goalType: "improve" })
    .returning();
  const [arr] = await db
    .insert(caseArrangements)
    .values({ ...h, caseId: c.id, layer: "general", providerName: "Schuldhulp" })
    .returning();
  await db.insert(caseArrangementGoals).values({ ...h, arrangementId: arr.id, goalId: goal.id });
  const [zrm] = await db
    .insert(zrmMeasurements)
    .values({ ...h, caseId: c.id, measuredOn: "2026-10-01", createdBy: w.ids.regisseurA })
    .returning();
  await db.insert(zrmScores).values({ ...h, measurementId: zrm.id, domain: "finances", score: 2 });
  await db.insert(caseReferrals).values({ ...h, caseId: c.id, destination: "wmo", referredOn: "2026-10-02" });
  await db.insert(caseAccessGrants).values({ ...h, userId: w.ids.involvedA, reason: "Spoed bij afwezigheid", expiresAt: sql`now() + interval '1 hour'` });
  return { household, caseId: c.id };
}

describe("household transfers (postgres)", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof world>>;
  let coordA: TeamContext, memberA: TeamContext, coordB: TeamContext, memberB: TeamContext, coordC: TeamContext;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await world(t.db);
    coordA = await w.ctx(w.ids.coordA, w.a);
    memberA = await w.ctx(w.ids.regisseurA, w.a);
    coordB = await w.ctx(w.ids.coordB, w.b);
    memberB = await w.ctx(w.ids.memberB, w.b);
    coordC = await w.ctx(w.ids.coordC, w.c);
    // Team B already has a household: the moved one gets the next number in B's format.
    const bBuurt = await createBuurtFor(t.db, w.m.id, w.b.id);
    await t.db.insert(households).values({ municipalityId: w.m.id, teamId: w.b.id, reference: "BB-0007", initials: "X.", buurtId: bBuurt.id });
  });
  afterAll(() => t?.drop());

  it("only the owning team's coordinator proposes, with a reason, to another team; the household's team only", async () => {
    const { household } = await fullHousehold(t.db, w);
    expect(await outcomeOf(proposeTransfer(memberA, household.id, { toTeamId: w.b.id, reason: "Verhuisd naar Wyck" }))).toMatch(/^ForbiddenError/);
    expect(await outcomeOf(proposeTransfer(coordB, household.id, { toTeamId: w.c.id, reason: "Niet van ons" }))).toBe("not_found");
    expect(await outcomeOf(proposeTransfer(coordA, household.id, { toTeamId: w.a.id, reason: "Zelfde team" }))).toBe("transfer_same_team");
    const noReason = await proposeTransfer(coordA, household.id, { toTeamId: w.b.id, reason: "  " }).catch((e: { fieldErrors: unknown }) => e.fieldErrors);
    expect(noReason).toEqual({ reason: ["required"] });
    expect(await outcomeOf(proposeTransfer(coordA, household.id, { toTeamId: crypto.randomUUID(), reason: "Onbekend team" }))).toBe("invalid_input");
    expect(await outcomeOf(getTransferForm(memberA, household.id))).toMatch(/^ForbiddenError/);
    expect(await outcomeOf(getTransferForm(coordB, household.id))).toBe("not_found");
  });

  it("accepting moves the household and all its content to the new team with a new regisseur and reference; the old team gets 404", async () => {
    const { household, caseId } = await fullHousehold(t.db, w);
    const oldReference = household.reference;
    const { id } = await proposeTransfer(coordA, household.id, { toTeamId: w.b.id, reason: "Verhuisd naar een buurt van team B" });
    expect(await outcomeOf(proposeTransfer(coordA, household.id, { toTeamId: w.c.id, reason: "Tweede voorstel" }))).toBe("transfer_open_exists");
    expect((await getTransferForm(coordA, household.id)).open?.id).toBe(id);

    // Who sees the proposal: both coordinators, not a third team's coordinator, not members.
    expect((await listTransfers(coordA)).outgoing.map((r) => r.id)).toContain(id);
    const incoming = (await listTransfers(coordB)).incoming.find((r) => r.id === id);
    expect(incoming).toMatchObject({ status: "proposed", fromReference: oldReference, reason: "Verhuisd naar een buurt van team B" });
    expect((await listTransfers(coordB)).regisseurs.map((r) => r.id)).toEqual(expect.arrayContaining([w.ids.coordB, w.ids.memberB, w.both]));
    expect(await listTransfers(coordC)).toMatchObject({ outgoing: [], incoming: [] });
    expect(await outcomeOf(listTransfers(memberB))).toMatch(/^ForbiddenError/);
    const toldB = await t.db.select().from(notifications).where(eq(notifications.userId, w.ids.coordB));
    expect(toldB.map((n) => n.kind)).toContain("household_transfer_proposed");
    expect(toldB.find((n) => n.kind === "household_transfer_proposed")!.text).toContain(oldReference);

    // Negatives: a member, a third team's coordinator, the proposing side, a regisseur from the old team.
    expect(await outcomeOf(acceptTransfer(memberB, id, { regisseurId: w.ids.memberB }))).toMatch(/^ForbiddenError/);
    expect(await outcomeOf(acceptTransfer(coordC, id, { regisseurId: w.ids.coordC }))).toBe("not_found");
    expect(await outcomeOf(acceptTransfer(coordA, id, { regisseurId: w.ids.coordA }))).toBe("not_found");
    expect(await outcomeOf(acceptTransfer(coordB, id, { regisseurId: w.ids.regisseurA }))).toBe("transfer_regisseur_not_member");
    expect(await outcomeOf(acceptTransfer(coordB, id, { regisseurId: "" }))).toBe("invalid_input");
    // The household is still A's after the refusals.
    expect((await getHouseholdEntry(coordA, household.id)).access).toBe("coordinator");

    const moved = await acceptTransfer(coordB, id, { regisseurId: w.ids.memberB, note: "Welkom" });
    expect(moved).toEqual({ householdId: household.id, fromReference: oldReference, toReference: "BB-0008" });
    for (const table of CONTENT_TABLES) {
      const rows = (await t.db.execute(sql.raw(`select distinct team_id from ${table} where household_id = '${household.id}'`))) as unknown as {
        team_id: string;
      }[];
      expect({ table, teams: rows.map((r) => r.team_id) }).toEqual({ table, teams: [w.b.id] });
    }
    const [h] = await t.db.select().from(households).where(eq(households.id, household.id));
    expect(h).toMatchObject({ teamId: w.b.id, reference: "BB-0008" });
    const [caseRow] = (await t.db.execute(sql`select regisseur_id from cases where id = ${caseId}`)) as unknown as { regisseur_id: string }[];
    expect(caseRow.regisseur_id).toBe(w.ids.memberB);
    const involved = await t.db.select().from(caseInvolved).where(eq(caseInvolved.householdId, household.id));
    expect(involved.map((i) => i.userId)).toEqual([w.both]);
    const [row] = await t.db.select().from(householdTransfers).where(eq(householdTransfers.id, id));
    expect(row).toMatchObject({ status: "accepted", decidedBy: w.ids.coordB, fromReference: oldReference, toReference: "BB-0008", decisionNote: "Welkom" });
    const [audit] = (await t.db.execute(sql`select action, team_id, data from audit_events where object_id = ${id} order by seq desc limit 1`)) as unknown as {
      action: string;
      team_id: string;
      data: Record<string, unknown>;
    }[];
    expect(audit).toMatchObject({ action: "casework.transfer_accepted", team_id: w.b.id, data: { fromReference: oldReference, toReference: "BB-0008" } });
    expect((await t.db.select().from(notifications).where(eq(notifications.userId, w.ids.coordA))).map((n) => n.kind)).toContain("household_transfer_accepted");

    // After: the old team's coordinator and regisseur get 404; the new coordinator and regisseur read it.
    expect(await outcomeOf(getHouseholdEntry(coordA, household.id))).toBe("not_found");
    expect(await outcomeOf(getHouseholdEntry(memberA, household.id))).toBe("not_found");
    expect((await getHouseholdEntry(coordB, household.id)).access).toBe("coordinator");
    expect((await getHouseholdEntry(memberB, household.id)).access).toBe("case_team");
    expect((await getHouseholdEntry(await w.ctx(w.both, w.b), household.id)).access).toBe("case_team");
    expect(await outcomeOf(getHouseholdEntry(await w.ctx(w.both, w.a), household.id))).toBe("not_found");
    // Accepting twice fails; so does withdrawing or declining what is decided.
    expect(await outcomeOf(acceptTransfer(coordB, id, { regisseurId: w.ids.memberB }))).toBe("transfer_not_open");
    expect(await outcomeOf(declineTransfer(coordB, id, { note: "Toch niet" }))).toBe("transfer_not_open");
    expect(await outcomeOf(withdrawTransfer(coordA, id))).toBe("transfer_not_open");
  });

  it("accepting without a proposal fails; decline needs a note and is the receiver's; withdraw is the proposer's team's", async () => {
    expect(await outcomeOf(acceptTransfer(coordB, crypto.randomUUID(), { regisseurId: w.ids.memberB }))).toBe("not_found");
    expect(await outcomeOf(acceptTransfer(coordB, "niet-een-id", { regisseurId: w.ids.memberB }))).toBe("not_found");

    const { household } = await fullHousehold(t.db, w);
    const { id } = await proposeTransfer(coordA, household.id, { toTeamId: w.b.id, reason: "Verhuisd" });
    expect(await outcomeOf(declineTransfer(coordB, id, { note: "" }))).toBe("invalid_input");
    expect(await outcomeOf(declineTransfer(coordA, id, { note: "Niet de ontvanger" }))).toBe("not_found");
    expect(await outcomeOf(declineTransfer(coordC, id, { note: "Derde team" }))).toBe("not_found");
    expect(await outcomeOf(withdrawTransfer(coordB, id))).toBe("not_found");
    await declineTransfer(coordB, id, { note: "Adres valt nog onder team A" });
    expect(await outcomeOf(acceptTransfer(coordB, id, { regisseurId: w.ids.memberB }))).toBe("transfer_not_open");
    expect((await getHouseholdEntry(coordA, household.id)).access).toBe("coordinator");
    expect((await listTransfers(coordA)).outgoing.find((r) => r.id === id)).toMatchObject({ status: "declined", decisionNote: "Adres valt nog onder team A" });

    const again = await proposeTransfer(coordA, household.id, { toTeamId: w.c.id, reason: "Verhuisd naar team C" });
    await withdrawTransfer(coordA, again.id);
    expect((await listTransfers(coordC)).incoming.find((r) => r.id === again.id)?.status).toBe("withdrawn");
    expect((await t.db.select().from(notifications).where(eq(notifications.userId, w.ids.coordC))).map((n) => n.kind)).toContain(
      "household_transfer_withdrawn",
    );
  });

  it("RLS: the receiving coordinator cannot mark a transfer accepted by a plain UPDATE, nor call the function for another team", async () => {
    const { household } = await fullHousehold(t.db, w);
    const { id } = await proposeTransfer(coordA, household.id, { toTeamId: w.b.id, reason: "Verhuisd" });
    const scopeB = { kind: "team" as const, municipalityId: w.m.id, teamId: w.b.id, userId: w.ids.coordB };
    await expect(
      withScope(t.db, scopeB, (tx) => tx.execute(sql`update household_transfers set status = 'accepted', decided_by = ${w.ids.coordB} where id = ${id}`)),
    ).rejects.toThrow();
    const scopeMemberB = { kind: "team" as const, municipalityId: w.m.id, teamId: w.b.id, userId: w.ids.memberB };
    await expect(
      withScope(t.db, scopeMemberB, (tx) => tx.execute(sql`select * from accept_household_transfer(${id}::uuid, ${w.ids.memberB}::uuid, '', 'BB')`)),
    ).rejects.toThrow();
    const scopeC = { kind: "team" as const, municipalityId: w.m.id, teamId: w.c.id, userId: w.ids.coordC };
    await expect(
      withScope(t.db, scopeC, (tx) => tx.execute(sql`select * from accept_household_transfer(${id}::uuid, ${w.ids.coordC}::uuid, '', 'CC')`)),
    ).rejects.toThrow();
    const [h] = await t.db.select().from(households).where(eq(households.id, household.id));
    expect(h.teamId).toBe(w.a.id);
  });

  it("a buurt changing team moves no household: the household stays with the team of its intake", async () => {
    const { household } = await fullHousehold(t.db, w);
    await t.db.update(buurtAssignments).set({ validTo: "2026-11-30" }).where(eq(buurtAssignments.buurtId, w.buurt.id));
    await t.db.insert(buurtAssignments).values({ municipalityId: w.m.id, teamId: w.c.id, buurtId: w.buurt.id, validFrom: "2026-12-01" });
    const [h] = await t.db.select().from(households).where(eq(households.id, household.id));
    expect(h.teamId).toBe(w.a.id);
    expect((await getHouseholdEntry(coordA, household.id)).access).toBe("coordinator");
    expect(await outcomeOf(getHouseholdEntry(coordC, household.id))).toBe("not_found");
  });
});

describe("household transfers (pglite)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
  });
  afterAll(() => t?.drop());

  it("the accepting function moves the file on PGlite too", async () => {
    const w = await world(t.db);
    const { household } = await fullHousehold(t.db, w);
    const { id } = await proposeTransfer(await w.ctx(w.ids.coordA, w.a), household.id, { toTeamId: w.b.id, reason: "Verhuisd" });
    expect(await outcomeOf(acceptTransfer(await w.ctx(w.ids.memberB, w.b), id, { regisseurId: w.ids.memberB }))).toMatch(/^ForbiddenError/);
    const moved = await acceptTransfer(await w.ctx(w.ids.coordB, w.b), id, { regisseurId: w.ids.memberB });
    expect(moved.toReference).toBe("BB-0001");
    expect(await outcomeOf(getHouseholdEntry(await w.ctx(w.ids.coordA, w.a), household.id))).toBe("not_found");
    expect((await getHouseholdEntry(await w.ctx(w.ids.memberB, w.b), household.id)).access).toBe("case_team");
  });
});
