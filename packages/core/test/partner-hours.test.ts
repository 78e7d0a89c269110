// Agreed vs registered hours: the partner manager's dashboard (own staff
// only; counts and hours, never request content or residents), the
// municipality's view and procurement CSV, and the dashboard's cost: one
// monthly statement over three years of weekly registrations for 150 people.
import { ForbiddenError } from "@wijkwerk/authz";
import {
  budgets,
  notifications,
  workgroupMembers,
  workgroups,
  partnerAgreements,
  queryRows,
  schema,
  spendRequests,
  sql,
  teamMemberships,
  timeRegistrations,
  users,
  withScope,
  type Database,
} from "@wijkwerk/db";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UseCaseContext } from "../src/common";
import { saveAgreement, municipalityPartnerHours, partnerDashboard, procurementCsv } from "../src/partners";
import { workbudgetDashboard } from "../src/workbudget";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createTeam, createUser, municipalityContext } from "./fixtures";

async function partnerContext(db: Database, userId: string, partnerId: string): Promise<UseCaseContext> {
  const base = await municipalityContext(db, userId, "municipality");
  return { ...base, db, scope: { kind: "partner", municipalityId: base.actor.municipalityId, partnerId, userId } };
}

// Wednesday 15 March 2017: the last completed week starts Monday 6 March.
const NOW = new Date("2017-03-15T12:00:00+01:00");

for (const kind of ["postgres", "pglite"] as const) {
  describe(`partner hours on ${kind}`, () => {
    let t: TestDatabase;
    let m: { id: string };
    let teamA: { id: string; slug: string };
    let teamB: { id: string; slug: string };
    let partnerA: { id: string; slug: string };
    let partnerB: { id: string };
    let managerA: string;
    let managerB: string;
    let anna: string;
    let eva: string;
    let controller: UseCaseContext;

    const register = (
      userId: string,
      teamId: string,
      partnerId: string | null,
      weekStart: string,
      h: Partial<Record<"individual" | "collective" | "meeting", number>>,
    ) =>
      t.db.insert(timeRegistrations).values({
        municipalityId: m.id,
        teamId,
        userId,
        partnerOrganisationId: partnerId,
        weekStart,
        individualHours: String(h.individual ?? 0),
        collectiveHours: String(h.collective ?? 0),
        meetingHours: String(h.meeting ?? 0),
      });

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      m = await createMunicipality(t.db);
      teamA = await createTeam(t.db, m.id, "a-team");
      teamB = await createTeam(t.db, m.id, "b-team");
      partnerA = await createPartner(t.db, m.id, "partner-a");
      partnerB = await createPartner(t.db, m.id, "partner-b");
      anna = (await createUser(t.db, m.id, { name: "Anna", partnerId: partnerA.id, teamRoles: [{ teamId: teamA.id, role: "member" }] })).id;
      const bart = (
        await createUser(t.db, m.id, {
          name: "Bart",
          partnerId: partnerA.id,
          teamRoles: [
            { teamId: teamA.id, role: "member" },
            { teamId: teamB.id, role: "member" },
          ],
        })
      ).id;
      eva = (await createUser(t.db, m.id, { name: "Eva", partnerId: partnerB.id, teamRoles: [{ teamId: teamA.id, role: "coordinator" }] })).id;
      await t.db.update(teamMemberships).set({ validFrom: "2016-12-01" });
      managerA = (
        await createUser(t.db, m.id, { name: "Manager A", partnerId: partnerA.id, scopeRoles: [{ role: "partner_manager", partnerId: partnerA.id }] })
      ).id;
      managerB = (
        await createUser(t.db, m.id, { name: "Manager B", partnerId: partnerB.id, scopeRoles: [{ role: "partner_manager", partnerId: partnerB.id }] })
      ).id;
      const admin = await municipalityContext(t.db, (await createUser(t.db, m.id, { scopeRoles: [{ role: "admin" }] })).id, "admin");
      controller = await municipalityContext(t.db, (await createUser(t.db, m.id, { scopeRoles: [{ role: "controller" }] })).id, "municipality");

      // Partner A: 32 h/week in team A all year; 8 h/week in team B from February. Partner B: 4 h/week in team B, nobody placed there.
      await saveAgreement(admin, partnerA.id, null, {
        kind: "subsidy",
        reference: "SUB-A",
        validFrom: "2017-01-01",
        validTo: null,
        contributions: [{ teamId: teamA.id, discipline: "Maatschappelijk werk", hoursPerWeek: 32 }],
      });
      await saveAgreement(admin, partnerA.id, null, {
        kind: "subsidy",
        reference: "SUB-A2",
        validFrom: "2017-02-01",
        validTo: "2017-12-31",
        contributions: [{ teamId: teamB.id, discipline: "Opbouwwerk", hoursPerWeek: 8 }],
      });
      await saveAgreement(admin, partnerB.id, null, {
        kind: "service_agreement",
        reference: "DVO-B",
        validFrom: "2017-01-01",
        validTo: null,
        contributions: [{ teamId: teamB.id, discipline: "GGZ", hoursPerWeek: 4 }],
      });

      // January: Mondays 2, 9, 16, 23, 30 (5 weeks); February: 6, 13, 20, 27; March: 6 is the last completed week.
      await register(anna, teamA.id, partnerA.id, "2017-01-02", { individual: 20, collective: 4 });
      await register(anna, teamA.id, partnerA.id, "2017-01-09", { individual: 20, collective: 4 });
      await register(anna, teamA.id, partnerA.id, "2017-02-06", { meeting: 2 });
      await register(bart, teamA.id, partnerA.id, "2017-01-02", { individual: 10 });
      await register(eva, teamA.id, partnerB.id, "2017-01-02", { individual: 30 });

      // Workbudget requests: Anna's submitted one counts, her draft and her withdrawn one do not, Eva's belongs to partner B;
      // Anna's request made in December 2016 for the 2017 budget counts in 2017 (January), as on the controller's dashboard.
      const [budget] = await t.db.insert(budgets).values({ municipalityId: m.id, year: 2017, name: "Werkbudget 2017" }).returning();
      const request = (authorId: string, status: "submitted" | "draft" | "cancelled", createdAt: string) =>
        t.db.insert(spendRequests).values({
          municipalityId: m.id,
          teamId: teamA.id,
          budgetId: budget.id,
          authorId,
          status,
          amountCents: 12_500,
          purpose: "Geheime reden",
          residentRef: "BEWONER-7",
          createdAt: new Date(createdAt),
        });
      await request(anna, "submitted", "2017-02-10T10:00:00Z");
      await request(anna, "draft", "2017-02-11T10:00:00Z");
      await request(eva, "submitted", "2017-02-12T10:00:00Z");
      await request(anna, "cancelled", "2017-02-13T10:00:00Z");
      await request(anna, "submitted", "2016-12-20T10:00:00Z");

      // Workgroups: Anna joins G1 in January and G2 on 28 February 23:30 Amsterdam time (still February); Bart (teams A and B) G1 in
      // February; Anna's request for G3 is not a membership; Eva (partner B) is in G3.
      const group = async (slug: string) =>
        (await t.db.insert(workgroups).values({ municipalityId: m.id, slug, name: slug, createdBy: anna }).returning())[0].id;
      const [g1, g2, g3] = [await group("g1"), await group("g2"), await group("g3")];
      const member = (workgroupId: string, userId: string, createdAt: string, status: "active" | "requested" = "active") =>
        t.db.insert(workgroupMembers).values({ municipalityId: m.id, workgroupId, userId, status, createdAt: new Date(createdAt) });
      await member(g1, anna, "2017-01-15T10:00:00Z");
      await member(g2, anna, "2017-02-28T22:30:00Z");
      await member(g1, bart, "2017-02-03T10:00:00Z");
      await member(g3, anna, "2017-01-20T10:00:00Z", "requested");
      await member(g3, eva, "2017-01-20T10:00:00Z");
    });
    afterAll(() => t.drop());

    it("gives partner A's manager agreed vs registered hours, activity mix, requests and gaps per team and month", async () => {
      const d = await partnerDashboard(await partnerContext(t.db, managerA, partnerA.id), { year: 2017, now: NOW });
      const a = d.teams.find((x) => x.slug === "a-team")!;
      const b = d.teams.find((x) => x.slug === "b-team")!;
      expect(a).toMatchObject({ placed: 2, contracted: 48, agreedPerWeek: 32 });
      expect(a.months.slice(0, 3).map((c) => [c.agreed, c.registered, c.people, c.missingWeeks, c.requests])).toEqual([
        [160, 58, 2, 7, 1],
        [128, 2, 1, 7, 1],
        [128, 0, 0, 2, 0],
      ]);
      expect(a.months[0].activity).toEqual({ individual: 50, collective: 8, meeting: 0, workgroup: 0, other: 0 });
      expect(a.months[11].agreed).toBe(128); // December: Mondays 4, 11, 18, 25
      expect(a.year).toMatchObject({ agreed: 32 * 52, registered: 60, missingWeeks: 16, requests: 2, workgroups: 2 });
      // Workgroups per month: counted from the month of joining; months after March (NOW) have not begun.
      expect(a.months.map((c) => c.workgroups)).toEqual([1, 2, 2, null, null, null, null, null, null, null, null, null]);
      expect(b.months.slice(0, 4).map((c) => c.workgroups)).toEqual([0, 1, 1, null]);
      expect(b.year.workgroups).toBe(1);
      // Over all teams G1 counts once, though Anna and Bart are in it from two teams.
      expect(d.trend.slice(0, 4).map((c) => c.workgroups)).toEqual([1, 2, 2, null]);
      expect(d.totals.workgroups).toBe(2);
      expect(b.months.slice(0, 3).map((c) => [c.agreed, c.missingWeeks])).toEqual([
        [0, 5],
        [32, 4],
        [32, 1],
      ]);
      expect(d.trend[0]).toMatchObject({ agreed: 160, registered: 58, missingWeeks: 12 });
      expect(d.totals).toMatchObject({ registered: 60, requests: 2, placed: 3 });
      expect(d.gaps.missingRegistrations).toEqual([
        { team: "Team a-team", weeks: 16 },
        { team: "Team b-team", weeks: 10 },
      ]);
    });

    it("shows partner B's agreement without people as a gap, and none of A's hours", async () => {
      const d = await partnerDashboard(await partnerContext(t.db, managerB, partnerB.id), { year: 2017, now: NOW });
      expect(d.gaps.agreementWithoutPeople).toEqual(["Team b-team"]);
      expect(d.totals.registered).toBe(30);
      expect(d.totals.workgroups).toBe(1); // Eva's G3 only
      expect(d.teams.find((x) => x.slug === "a-team")!.year.requests).toBe(1); // Eva's own request only
    });

    it("the partners' request counts add up to the controller's count of the team's requests (one definition)", async () => {
      const [a, b] = [
        await partnerDashboard(await partnerContext(t.db, managerA, partnerA.id), { year: 2017, now: NOW }),
        await partnerDashboard(await partnerContext(t.db, managerB, partnerB.id), { year: 2017, now: NOW }),
      ];
      const partnersCount = [a, b].reduce((n, d) => n + d.teams.find((x) => x.slug === "a-team")!.year.requests, 0);
      const dashboard = await workbudgetDashboard(controller, { year: 2017, teamId: teamA.id }, NOW);
      expect(dashboard.requests.requestCount).toBe(3);
      expect(partnersCount).toBe(dashboard.requests.requestCount);
    });

    it("refuses the dashboard of another partner, and outside the partner scope", async () => {
      await expect(partnerDashboard(await partnerContext(t.db, managerA, partnerB.id), { now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(partnerDashboard(await municipalityContext(t.db, managerA, "municipality"), { now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(partnerDashboard(await partnerContext(t.db, anna, partnerA.id), { now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("a partner manager cannot read requests, residents' references or other partners' staff (CASL and RLS)", async () => {
      const ctx = await partnerContext(t.db, managerA, partnerA.id);
      expect(ctx.ability.can("read", "Spend")).toBe(false);
      expect(ctx.ability.can("read", "Membership")).toBe(false);
      const seen = await withScope(t.db, ctx.scope, async (tx) => ({
        requests: await tx.select().from(spendRequests),
        refs: await queryRows<{ resident_ref: string }>(tx, sql`select resident_ref, purpose from spend_requests`),
        people: await tx.select({ id: users.id, name: users.name }).from(users),
        memberships: await tx.select().from(teamMemberships),
        hours: await tx.select().from(timeRegistrations),
        agreements: await tx.select().from(partnerAgreements),
        notes: await tx.select().from(notifications),
        workgroupMembers: await tx.select().from(workgroupMembers),
        workgroups: await tx.select().from(workgroups),
      }));
      expect(seen.requests).toEqual([]);
      expect(seen.workgroupMembers).toEqual([]);
      expect(seen.workgroups).toEqual([]);
      expect(seen.refs).toEqual([]);
      expect(seen.people.map((p) => p.name).sort()).toEqual(["Anna", "Bart", "Manager A"]);
      expect(seen.memberships.every((x) => x.userId !== eva)).toBe(true);
      expect(seen.hours.every((h) => h.partnerOrganisationId === partnerA.id)).toBe(true);
      expect(seen.hours).toHaveLength(4);
      expect(seen.agreements.map((x) => x.reference).sort()).toEqual(["SUB-A", "SUB-A2"]);
      // The counting function answers only for the caller's own partner, and only in the partner scope.
      const counts = await withScope(t.db, ctx.scope, (tx) => queryRows<{ requests: number }>(tx, sql`select * from partner_request_counts(2017)`));
      expect(counts.map((c) => c.requests)).toEqual([1, 1]);
      const teamScope = { kind: "team" as const, municipalityId: m.id, teamId: teamA.id, userId: anna };
      expect(await withScope(t.db, teamScope, (tx) => queryRows(tx, sql`select * from partner_request_counts(2017)`))).toEqual([]);
      expect(await withScope(t.db, teamScope, (tx) => queryRows(tx, sql`select * from partner_workgroup_counts(2017, '2017-03-15')`))).toEqual([]);
      // Missing weeks likewise: the own partner only, nothing for another partner or a team.
      const missing = (scope: typeof teamScope | typeof ctx.scope, partnerId: string) =>
        withScope(t.db, scope, (tx) =>
          queryRows<{ partner_id: string }>(tx, sql`select * from partner_missing_weeks(${partnerId}::uuid, '2017-01-02', '2017-12-25', '2017-03-06')`),
        );
      expect((await missing(ctx.scope, partnerA.id)).every((r) => r.partner_id === partnerA.id)).toBe(true);
      expect(await missing(ctx.scope, partnerA.id)).not.toEqual([]);
      expect(await missing(ctx.scope, partnerB.id)).toEqual([]);
      expect(await missing(teamScope, partnerA.id)).toEqual([]);
      // Nor can it write hours.
      await expect(
        withScope(t.db, ctx.scope, (tx) =>
          tx
            .insert(timeRegistrations)
            .values({ municipalityId: m.id, teamId: teamA.id, userId: anna, partnerOrganisationId: partnerA.id, weekStart: "2017-02-13" }),
        ),
      ).rejects.toThrow();
    });

    it("gives the controller agreed vs delivered per agreement and the procurement CSV", async () => {
      const v = await municipalityPartnerHours(controller, { year: 2017, now: NOW });
      const byRef = Object.fromEntries(v.agreements.map((a) => [a.reference, a]));
      // Up to the last completed week (Monday 6 March): 10 weeks; SUB-A2 from February: 5 weeks.
      expect(byRef["SUB-A"]).toMatchObject({ agreedPerWeek: 32, agreedToDate: 320, deliveredToDate: 60, ratio: 0.188 });
      expect(byRef["SUB-A2"]).toMatchObject({ agreedToDate: 40, deliveredToDate: 0, ratio: 0 });
      expect(byRef["DVO-B"]).toMatchObject({ agreedToDate: 40, deliveredToDate: 0 });
      const lines = procurementCsv(v).split("\r\n");
      expect(lines[0]).toBe(
        "\uFEFFpartner;partner_naam;team;team_naam;maand;uren_afgesproken;uren_geregistreerd;uren_individueel;uren_collectief;uren_teamoverleg;uren_werkgroep;uren_overig;medewerkers_met_uren;ontbrekende_weken;regel;financiering;afspraak;product;eenheid;aantal_afgesproken;aantal_geleverd;prijs_per_eenheid;bedrag_afgesproken;bedrag_geleverd;budget",
      );
      expect(lines).toContain("partner-a;Partner partner-a;a-team;Team a-team;2017-01;160,00;58,00;50,00;8,00;0,00;0,00;0,00;2;7;uren;subsidy;SUB-A;;;;;;;;");
      expect(lines).toContain("partner-b;Partner partner-b;a-team;Team a-team;2017-01;0,00;30,00;30,00;0,00;0,00;0,00;0,00;1;4;uren;;;;;;;;;;");
      expect(lines.join("\n")).not.toContain("BEWONER");
      // A partner manager may not use it.
      await expect(municipalityPartnerHours(await partnerContext(t.db, managerA, partnerA.id), { year: 2017, now: NOW })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    });
  });
}

describe("partner dashboard cost", () => {
  let t: TestDatabase;
  let client: ReturnType<typeof postgres>;
  const statements: string[] = [];
  afterAll(async () => {
    await client?.end();
    await t?.drop();
  });

  it("computes three years of weekly registrations for 150 people in two data statements", { timeout: 120_000 }, async () => {
    t = await createTestDatabase("postgres");
    const m = await createMunicipality(t.db);
    const teams = await Promise.all(Array.from({ length: 10 }, (_, i) => createTeam(t.db, m.id, `team-${i}`)));
    const partner = await createPartner(t.db, m.id, "groot");
    const managerId = (await createUser(t.db, m.id, { partnerId: partner.id, scopeRoles: [{ role: "partner_manager", partnerId: partner.id }] })).id;
    // 150 people, 15 per team, 24 h contract; weekly registrations 2017–2019 (individual 16, collective 4, meeting 2).
    await t.db.execute(sql`insert into users (municipality_id, email, name, password_hash, partner_organisation_id)
      select ${m.id}, 'p' || g || '@groot.demo', 'Persoon ' || g, 'x', ${partner.id} from generate_series(1, 150) g`);
    await t.db.execute(sql`insert into team_memberships (municipality_id, team_id, user_id, valid_from)
      select ${m.id}, (${`{${teams.map((x) => x.id).join(",")}}`}::uuid[])[1 + (row_number() over (order by u.id) - 1) % 10], u.id, '2016-12-01'
      from users u where u.partner_organisation_id = ${partner.id} and u.email like 'p%@groot.demo'`);
    await t.db.execute(sql`insert into membership_terms (municipality_id, membership_id, team_id, user_id, valid_from, role, contracted_hours_per_week)
      select tm.municipality_id, tm.id, tm.team_id, tm.user_id, tm.valid_from, 'member', 24
      from team_memberships tm join users u on u.id = tm.user_id where u.email like 'p%@groot.demo'`);
    await t.db
      .execute(sql`insert into time_registrations (municipality_id, team_id, user_id, partner_organisation_id, week_start, individual_hours, collective_hours, meeting_hours)
      select ${m.id}, tm.team_id, tm.user_id, ${partner.id}, w::date, 16, 4, 2
      from team_memberships tm cross join generate_series('2017-01-02'::date, '2019-12-30'::date, interval '7 days') w
      join users u on u.id = tm.user_id where u.partner_organisation_id = ${partner.id}`);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from time_registrations`);
    expect(n).toBe(150 * 157); // Mondays from 2 January 2017 to 30 December 2019

    // The same database through a client that records every statement it sends.
    client = postgres(t.url!, { max: 1, onnotice: () => {}, debug: (_conn, query) => statements.push(query.replace(/\s+/g, " ").trim()) });
    const db = drizzle(client, { schema }) as unknown as Database;
    const ctx = await partnerContext(db, managerId, partner.id);
    statements.length = 0;
    const started = performance.now();
    const d = await partnerDashboard(ctx, { year: 2018, now: new Date("2020-01-15T12:00:00Z") });
    const ms = performance.now() - started;
    const data = statements.filter((s) => !/^(begin|commit|rollback)\b/i.test(s) && !s.startsWith("select set_config('app.scope'"));
    console.log(`partner dashboard: ${statements.length} statements in total, ${data.length} data statements, ${ms.toFixed(0)} ms for ${n} registrations`);
    expect(data).toHaveLength(2);
    // 2018 runs from Monday 1 January to Monday 31 December: 53 weeks whose Monday is in the year.
    const weeks2018 = 53;
    expect(d.totals.registered).toBe(150 * weeks2018 * 22);
    expect(d.totals.missingWeeks).toBe(0);
    expect(d.totals.placed).toBe(150);
    expect(d.trend.reduce((a, c) => a + c.people, 0)).toBe(150 * 12);
  });
});
