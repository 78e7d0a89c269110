// Casework's privacy machinery on PostgreSQL: break-the-glass (a reason, a
// time limit, an audit event, the coordinators told in the same
// transaction), the read log and who may see it, the AVG export, the audit
// trail, erasure with its destruction log. Negatives for every use case: a
// member without a right, a member of the case team, a volunteer, the
// coordinator of another team.
import { ForbiddenError } from "@wijkwerk/authz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgets, queryRows, spendRequests, sql, withScope, caseGoals, caseArrangements, zrmMeasurements, zrmScores, caseReferrals } from "@wijkwerk/db";
import {
  activeGrant,
  eraseHousehold,
  exportHousehold,
  householdAuditTrail,
  householdReadLog,
  listDestructionLog,
  openWithBreakGlass,
  READ_LOG_PAGE_SIZE,
  BREAK_GLASS_HOURS,
} from "@wijkwerk/core/casework";
import { sealAuditChains } from "@wijkwerk/core/audit";
import type { TeamContext } from "../src/common";
import { withCaseRead } from "../src/casework/access";
import { createTestDatabase, type TestDatabase } from "./db";
import { createBuurtFor, createHouseholdWithCase } from "./casework-fixture";
import { createMunicipality, createTeam, createUser, outcomeOf, teamContext } from "./fixtures";

describe("casework privacy (postgres)", () => {
  let t: TestDatabase;
  let m: { id: string };
  let teamA: { id: string; slug: string; name: string; municipalityId: string };
  let teamB: typeof teamA;
  let buurt: string;
  let regisseur: TeamContext, glassMember: TeamContext, otherMember: TeamContext, coordinator: TeamContext, volunteer: TeamContext, coordinatorB: TeamContext;
  let coordinatorIds: string[];

  const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.db, query))[0].n);
  const newHousehold = () => createHouseholdWithCase(t.db, { municipalityId: m.id, teamId: teamA.id, buurtId: buurt, regisseurId: regisseur.actor.userId });

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    m = await createMunicipality(t.db);
    teamA = await createTeam(t.db, m.id);
    teamB = await createTeam(t.db, m.id);
    buurt = (await createBuurtFor(t.db, m.id, teamA.id)).id;
    const user = async (role: "coordinator" | "member" | "volunteer", team = teamA, name?: string) =>
      teamContext(t.db, (await createUser(t.db, m.id, { name, teamRoles: [{ teamId: team.id, role }] })).id, team);
    regisseur = await user("member", teamA, "Rita Regisseur");
    glassMember = await user("member", teamA, "Gijs Glas");
    otherMember = await user("member", teamA, "Olga Ander");
    coordinator = await user("coordinator", teamA, "Cora Coördinator");
    const secondCoordinator = await user("coordinator", teamA, "Kees Coördinator");
    volunteer = await user("volunteer");
    coordinatorB = await user("coordinator", teamB);
    coordinatorIds = [coordinator.actor.userId, secondCoordinator.actor.userId];
  });
  afterAll(() => t.drop());

  describe("break-the-glass", () => {
    let household: string;
    beforeAll(async () => {
      household = (await newHousehold()).household.id;
    });

    it("is refused to volunteers and other teams (404), to whoever already reads the file (409), and without a reason of 10 characters", async () => {
      const reason = { reason: "Inwoner belt met een spoedvraag over de huur" };
      expect(await outcomeOf(openWithBreakGlass(volunteer, household, reason))).toBe("not_found");
      expect(await outcomeOf(openWithBreakGlass(coordinatorB, household, reason))).toBe("not_found");
      expect(await outcomeOf(openWithBreakGlass(glassMember, crypto.randomUUID(), reason))).toBe("not_found");
      expect(await outcomeOf(openWithBreakGlass(coordinator, household, reason))).toBe("casework_break_glass_not_needed");
      expect(await outcomeOf(openWithBreakGlass(regisseur, household, reason))).toBe("casework_break_glass_not_needed");
      expect(await outcomeOf(openWithBreakGlass(glassMember, household, { reason: "  spoed   " }))).toBe("invalid_input");
      expect(await count(sql`select count(*)::int as n from case_access_grants`)).toBe(0);
    });

    it("opens the file for BREAK_GLASS_HOURS, audited, with every coordinator told in the app and by e-mail", async () => {
      expect(await activeGrant(glassMember, household)).toBeNull();
      const before = Date.now();
      const grant = await openWithBreakGlass(glassMember, household, { reason: "Inwoner belt met een spoedvraag over de huur" });
      const hours = (grant.expiresAt.getTime() - grant.grantedAt.getTime()) / 3_600_000;
      expect(hours).toBeCloseTo(BREAK_GLASS_HOURS, 5);
      expect(grant.expiresAt.getTime()).toBeGreaterThan(before);
      expect((await activeGrant(glassMember, household))?.expiresAt.toISOString()).toBe(grant.expiresAt.toISOString());
      // Nobody else's grant shows as theirs.
      expect(await activeGrant(otherMember, household)).toBeNull();

      const told = await queryRows<{ user_id: string; link: string; text: string }>(
        t.db,
        sql`select user_id, link, text from notifications where kind = 'casework_break_glass' order by user_id`,
      );
      expect(told.map((n) => n.user_id).sort()).toEqual([...coordinatorIds].sort());
      expect(told[0].link).toBe(`/t/${teamA.slug}/huishoudens/${household}/inzage`);
      expect(told[0].text).toContain("Gijs Glas");
      // The reason is not in the notice (it goes by e-mail too).
      expect(told[0].text).not.toContain("spoedvraag");
      expect(await count(sql`select count(*)::int as n from outbox_emails where subject like 'Noodtoegang tot huishouden %'`)).toBe(2);

      const [audit] = await queryRows<{ actor_user_id: string; object_id: string; data: { reference: string; reason?: string } }>(
        t.db,
        sql`select actor_user_id, object_id, data from audit_events where action = 'casework.break_glass'`,
      );
      expect(audit.actor_user_id).toBe(glassMember.actor.userId);
      expect(audit.object_id).toBe(household);
      expect(audit.data.reason).toBeUndefined();

      // A second grant while the first runs: they already read it.
      expect(await outcomeOf(openWithBreakGlass(glassMember, household, { reason: "Nog een keer met een reden" }))).toBe("casework_break_glass_not_needed");
    });

    it("logs the break-the-glass viewer's reads as 'break_glass' and shows them, with the grant's reason, to the coordinator", async () => {
      await withCaseRead(glassMember, household, "summary", async () => null);
      await withCaseRead(regisseur, household, "plan", async () => null);
      const log = await householdReadLog(coordinator, household);
      const byWho = Object.fromEntries(log.lines.map((l) => [l.userName, `${l.part}/${l.access}`]));
      expect(byWho["Gijs Glas"]).toBe("summary/break_glass");
      expect(byWho["Rita Regisseur"]).toBe("plan/case_team");
      expect(log.grants).toHaveLength(1);
      expect(log.grants[0]).toMatchObject({ userName: "Gijs Glas", reason: "Inwoner belt met een spoedvraag over de huur" });
    });

    it("the break-the-glass viewer may read, not export, erase or see the log", async () => {
      await expect(exportHousehold(glassMember, household)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(householdReadLog(glassMember, household)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(eraseHousehold(glassMember, household, { reason: "Verzoek van de inwoner", confirmReference: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("closes again when the grant expires", async () => {
      await t.db.execute(
        sql`update case_access_grants set granted_at = now() - interval '5 hours', expires_at = now() - interval '1 minute' where household_id = ${household}`,
      );
      expect(await activeGrant(glassMember, household)).toBeNull();
      expect(await outcomeOf(withCaseRead(glassMember, household, "summary", async () => null))).toBe("not_found");
      // And may be opened again, with a new reason.
      expect(await outcomeOf(openWithBreakGlass(glassMember, household, { reason: "Weer een spoedvraag van de inwoner" }))).toBe("ok");
    });

    it("the audit trail of the household shows the break-the-glass to the coordinator only", async () => {
      await sealAuditChains(t.db);
      const trail = await householdAuditTrail(coordinator, household);
      expect(trail.filter((e) => e.action === "casework.break_glass")).toHaveLength(2);
      expect(trail[0].actorName).toBe("Gijs Glas");
      expect(await outcomeOf(householdAuditTrail(otherMember, household))).toBe("not_found");
      expect(await outcomeOf(householdAuditTrail(coordinatorB, household))).toBe("not_found");
      await expect(householdAuditTrail(regisseur, household)).rejects.toBeInstanceOf(ForbiddenError);
      // The database's side: the coordinator's policy on audit_events shows the team's household and case events, nothing else.
      const visible = async (ctx: TeamContext) =>
        withScope(t.db, ctx.scope, (tx) => queryRows<{ object_type: string; team_id: string }>(tx, sql`select object_type, team_id from audit_events`));
      const mine = await visible(coordinator);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      expect(mine.every((e) => ["household", "case"].includes(e.object_type) && e.team_id === teamA.id)).toBe(true);
      expect(await visible(otherMember)).toEqual([]);
      expect(await visible(glassMember)).toEqual([]);
      expect(await visible(coordinatorB)).toEqual([]);
    });
  });

  describe("the read log", () => {
    let household: string;
    beforeAll(async () => {
      household = (await newHousehold()).household.id;
      // 60 reads by the regisseur, as the use cases would log them.
      await t.db.execute(sql`insert into case_read_log (municipality_id, team_id, household_id, household_reference, user_id, part, access, read_at)
        select ${m.id}, ${teamA.id}, ${household}, 'X', ${regisseur.actor.userId}, 'plan', 'case_team', now() - make_interval(mins => g)
        from generate_series(1, 60) g`);
    });

    it("is the coordinator's, paginated, newest first", async () => {
      const first = await householdReadLog(coordinator, household);
      expect(first.total).toBe(60);
      expect(first.pages).toBe(2);
      expect(first.lines).toHaveLength(READ_LOG_PAGE_SIZE);
      expect(first.lines[0].readAt.getTime()).toBeGreaterThan(first.lines[1].readAt.getTime());
      const second = await householdReadLog(coordinator, household, { page: 2 });
      expect(second.lines).toHaveLength(60 - READ_LOG_PAGE_SIZE);
      expect((await householdReadLog(coordinator, household, { page: 99 })).page).toBe(2);
      // Looking at the log is not itself a read of the file.
      expect(await count(sql`select count(*)::int as n from case_read_log where household_id = ${household}`)).toBe(60);
    });

    it("is nobody else's: case team 403, other members, volunteers, other teams 404", async () => {
      await expect(householdReadLog(regisseur, household)).rejects.toBeInstanceOf(ForbiddenError);
      for (const ctx of [otherMember, volunteer, coordinatorB]) expect(await outcomeOf(householdReadLog(ctx, household))).toBe("not_found");
    });
  });

  describe("the AVG export", () => {
    let household: string, caseId: string, reference: string;
    beforeAll(async () => {
      const made = await newHousehold();
      household = made.household.id;
      caseId = made.case.id;
      reference = made.household.reference;
      const base = { municipalityId: m.id, teamId: teamA.id, householdId: household };
      await t.db.execute(sql`update household_persons set bsn_ciphertext = 'v1:abc:def', date_of_birth = '1980-04-12' where household_id = ${household}`);
      const [goal] = await t.db
        .insert(caseGoals)
        .values({ ...base, caseId, lifeDomain: "finances", description: "Huurachterstand weg", goalType: "improve" })
        .returning();
      await t.db.insert(caseArrangements).values({ ...base, caseId, layer: "general", providerName: "Schuldhulp Maastricht" });
      const [z] = await t.db
        .insert(zrmMeasurements)
        .values({ ...base, caseId, measuredOn: "2026-10-01", createdBy: regisseur.actor.userId })
        .returning();
      await t.db
        .insert(zrmScores)
        .values({ municipalityId: m.id, teamId: teamA.id, householdId: household, measurementId: z.id, domain: "finances", score: 2 });
      await t.db.insert(caseReferrals).values({ ...base, caseId, destination: "wmo", referredOn: "2026-10-05" });
      const [budget] = await t.db.insert(budgets).values({ municipalityId: m.id, year: 2026, name: "Werkbudget 2026" }).returning();
      await t.db.insert(spendRequests).values({
        municipalityId: m.id,
        teamId: teamA.id,
        budgetId: budget.id,
        authorId: regisseur.actor.userId,
        amountCents: 12_345,
        purpose: "Werkschoenen",
        householdId: household,
      });
      expect(goal.id).toBeTruthy();
    });

    it("holds everything about the household, BSN masked, and is itself logged", async () => {
      const x = await exportHousehold(coordinator, household);
      expect(x.household.reference).toBe(reference);
      expect(x.profile?.householdType).toBe("alone");
      expect(x.persons).toHaveLength(1);
      expect(x.persons[0]).toMatchObject({ name: "Anna Bakker", dateOfBirth: "1980-04-12", bsn: "*********" });
      expect(JSON.stringify(x)).not.toContain("v1:abc:def");
      expect(x.cases).toHaveLength(1);
      const c = x.cases[0];
      expect(c.question).toBe("Ik kom niet rond en mijn huur is achterstallig.");
      expect(c.regisseur).toBe("Rita Regisseur");
      expect(c.goals).toHaveLength(1);
      expect(c.arrangements[0]).toMatchObject({ provider: "Schuldhulp Maastricht", layer: "general" });
      expect(c.zrmMeasurements[0]).toMatchObject({ measuredOn: "2026-10-01", scores: { finances: 2 } });
      expect(c.referrals[0]).toMatchObject({ destination: "wmo", referredOn: "2026-10-05" });
      expect(x.spendRequests).toEqual([expect.objectContaining({ amountCents: 12_345, purpose: "Werkschoenen", status: "draft" })]);
      expect(x.readLog[0]).toMatchObject({ part: "export", access: "coordinator", userName: "Cora Coördinator" });
      expect(await count(sql`select count(*)::int as n from case_read_log where household_id = ${household} and part = 'export'`)).toBe(1);
    });

    it("is the coordinator's also when they are in the case team themselves (read by that right)", async () => {
      const own = await createHouseholdWithCase(t.db, { municipalityId: m.id, teamId: teamA.id, buurtId: buurt, regisseurId: coordinator.actor.userId });
      const x = await exportHousehold(coordinator, own.household.id);
      expect(x.readLog[0]).toMatchObject({ part: "export", access: "case_team" });
      expect((await householdReadLog(coordinator, own.household.id)).total).toBe(1);
    });

    it("is the coordinator's only", async () => {
      await expect(exportHousehold(regisseur, household)).rejects.toBeInstanceOf(ForbiddenError);
      for (const ctx of [otherMember, volunteer, coordinatorB]) expect(await outcomeOf(exportHousehold(ctx, household))).toBe("not_found");
      // Refused exports leave no read-log line.
      expect(await count(sql`select count(*)::int as n from case_read_log where household_id = ${household} and part = 'export'`)).toBe(1);
    });
  });

  describe("erasure", () => {
    let household: string, reference: string;
    beforeAll(async () => {
      const made = await newHousehold();
      household = made.household.id;
      reference = made.household.reference;
      await t.db.insert(caseGoals).values({
        municipalityId: m.id,
        teamId: teamA.id,
        householdId: household,
        caseId: made.case.id,
        lifeDomain: "housing",
        description: "Woning behouden",
        goalType: "stabilise",
      });
      const [budget] = await t.db.insert(budgets).values({ municipalityId: m.id, year: 2027, name: "Werkbudget 2027" }).returning();
      await t.db.insert(spendRequests).values({
        municipalityId: m.id,
        teamId: teamA.id,
        budgetId: budget.id,
        authorId: regisseur.actor.userId,
        amountCents: 5_000,
        purpose: "Bus",
        householdId: household,
      });
      await openWithBreakGlass(glassMember, household, { reason: "Spoedvraag van de huisarts vandaag" });
      await withCaseRead(glassMember, household, "summary", async () => null);
    });

    it("is refused to anyone but the coordinator, and without the retyped reference or with personal data in the reason", async () => {
      const input = { reason: "Verzoek van de inwoner tot wissing", confirmReference: reference };
      await expect(eraseHousehold(regisseur, household, input)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(eraseHousehold(glassMember, household, input)).rejects.toBeInstanceOf(ForbiddenError);
      for (const ctx of [otherMember, volunteer, coordinatorB]) expect(await outcomeOf(eraseHousehold(ctx, household, input))).toBe("not_found");
      expect(await outcomeOf(eraseHousehold(coordinator, household, { ...input, confirmReference: "TS-0000" }))).toBe("casework_reference_mismatch");
      expect(await outcomeOf(eraseHousehold(coordinator, household, { ...input, reason: "Verzoek, BSN 111222333" }))).toBe("personal_data");
      expect(await count(sql`select count(*)::int as n from households where id = ${household}`)).toBe(1);
      // The database's own check: a member cannot call the erasure function directly.
      await expect(
        t.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('app.scope', 'team', true), set_config('app.municipality_id', ${m.id}, true),
            set_config('app.tenant_id', ${teamA.id}, true), set_config('app.user_id', ${otherMember.actor.userId}, true), set_config('role', 'app_user', true)`);
          await tx.execute(sql`select casework_erase_household(${household}::uuid)`);
        }),
      ).rejects.toThrow();
    });

    it("leaves only destruction-log lines (kind and reference), keeps the spend request without its link, and is audited", async () => {
      const done = await eraseHousehold(coordinator, household, { reason: "Verzoek van de inwoner tot wissing", confirmReference: reference.toLowerCase() });
      expect(done.reference).toBe(reference);
      for (const table of [
        "households",
        "household_profiles",
        "household_persons",
        "cases",
        "case_goals",
        "case_access_grants",
        "case_read_log",
        "household_transfers",
      ])
        expect(
          await count(sql`select count(*)::int as n from ${sql.raw(table)} where ${sql.raw(table === "households" ? "id" : "household_id")} = ${household}`),
        ).toBe(0);
      expect(await count(sql`select count(*)::int as n from spend_requests where purpose = 'Bus' and household_id is null`)).toBe(1);
      const lines = await queryRows<{ record_kind: string; household_reference: string; reason: string; n: number }>(
        t.db,
        sql`select record_kind, household_reference, reason, count(*)::int as n from casework_destruction_log where household_reference = ${reference}
            group by 1, 2, 3 order by 1`,
      );
      expect(Object.fromEntries(lines.map((l) => [l.record_kind, l.n]))).toEqual({
        access_grant: 1,
        case: 1,
        goal: 1,
        household: 1,
        household_profile: 1,
        person: 1,
        read_log: 1,
        spend_link: 1,
      });
      expect(new Set(lines.map((l) => l.reason))).toEqual(new Set(["erasure"]));
      expect(done.records).toBe(8);
      // Never content: no column of the log holds more than kind, reference, basis, reason and moment.
      const columns = await queryRows<{ column_name: string }>(
        t.db,
        sql`select column_name from information_schema.columns where table_name = 'casework_destruction_log' order by 1`,
      );
      expect(columns.map((c) => c.column_name)).toEqual([
        "destroyed_at",
        "household_reference",
        "id",
        "legal_basis",
        "municipality_id",
        "reason",
        "record_kind",
        "team_id",
      ]);
      const [audit] = await queryRows<{ data: { reference: string } }>(t.db, sql`select data from audit_events where action = 'casework.erased'`);
      expect(audit.data.reference).toBe(reference);
    });

    it("the destruction log is the coordinator's page, nobody else's", async () => {
      const log = await listDestructionLog(coordinator);
      const entry = log.entries.find((e) => e.householdReference === reference);
      expect(entry).toMatchObject({ reason: "erasure", kinds: expect.objectContaining({ household: 1, person: 1, case: 1 }) });
      for (const ctx of [regisseur, otherMember, volunteer]) expect(await outcomeOf(listDestructionLog(ctx))).toBe("not_found");
      expect((await listDestructionLog(coordinatorB)).entries).toEqual([]);
    });
  });
});
