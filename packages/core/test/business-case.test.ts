// The business case on a small hand-made set (docs/business-case.md): team
// costs saved and validated by the controller, read by the research office;
// the closing with avoided costs; every figure of the team and city views
// checked by hand; the database's wall (another team's avoided costs are
// never readable, the research office writes no costs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreementContributions, caseAvoidedCosts, eq, partnerAgreements, spendRequests, teamCostLines, timeRegistrations, withScope } from "@wijkwerk/db";
import { businessCaseCsv, cityBusinessCase, getTeamCostSheet, saveTeamCosts, teamBusinessCase } from "../src/business-case";
import { closeCase, getClosing } from "../src/casework";
import { approveSpend, evaluateSpend, recordPayment, saveNorm, settleSpend } from "../src/workbudget";
import { createBuurtFor, createHouseholdWithCase } from "./casework-fixture";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createPartner, createUser, municipalityContext, outcomeOf as domainOutcome, teamContext } from "./fixtures";
import { ledgerWorld } from "./ledger-fixture";

/** "ok", the DomainError's code, "forbidden" for CASL's refusal, or the database's message. */
const outcomeOf = (p: Promise<unknown>) => domainOutcome(p).then((o) => (o.startsWith("ForbiddenError") ? "forbidden" : o));

const CLOSE = { closedOn: "2017-11-30", reason: "Doelen bereikt", legalBasis: "wmo" as const };

describe("the business case", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  let researcherId: string;
  let p1: { id: string; name: string };
  let p2: { id: string; name: string };
  let n1: string;
  let n2: string;
  let householdA: string;
  let householdA2: string;
  let householdB: string;
  const controller = () => w.as.controller1();
  const researcher = () => municipalityContext(t.db, researcherId, "municipality");

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t);
    researcherId = (await createUser(t.db, w.municipalityId, { name: "Onderzoeker", scopeRoles: [{ role: "researcher" }] })).id;
    p1 = await createPartner(t.db, w.municipalityId, "p1-zorg");
    p2 = await createPartner(t.db, w.municipalityId, "p2-welzijn");
    n1 = (
      await saveNorm(await controller(), null, {
        code: "huisuitzetting",
        label: "Huisuitzetting voorkomen",
        amountCents: 100_000,
        unit: "per uitzetting",
        source: "Divosa 2016",
      })
    ).id;
    n2 = (
      await saveNorm(await controller(), null, {
        code: "schuldhulp",
        label: "Schuldhulptraject voorkomen",
        amountCents: 25_000,
        unit: "per traject",
        source: "Eigen schatting Maastricht",
        isLocalEstimate: true,
      })
    ).id;
    // One evaluated request of team A in 2017: a realised return of € 9.000,00.
    const s1 = await w.submitted(45_000);
    await approveSpend(await controller(), s1);
    await recordPayment(await controller(), s1, { paymentDate: "2017-06-02", method: "bank_transfer", reference: "NL-1", amountCents: 45_000 });
    await settleSpend(await controller(), s1, { actualCents: 45_000 });
    await evaluateSpend(await w.as.author(), s1, {
      prevented: "yes",
      realisedReturnCents: 900_000,
      realisedSocialReturn: "Werkt.",
      otherRegulationApplied: false,
    });
    await t.db
      .update(spendRequests)
      .set({ createdAt: new Date("2017-03-15T10:00:00Z") })
      .where(eq(spendRequests.id, s1));
    const buurtA = await createBuurtFor(t.db, w.municipalityId, w.teamA.id);
    const buurtB = await createBuurtFor(t.db, w.municipalityId, w.teamB.id);
    const mk = async (teamId: string, buurtId: string, regisseurId: string) =>
      (await createHouseholdWithCase(t.db, { municipalityId: w.municipalityId, teamId, buurtId, regisseurId, intakeOn: "2017-02-01" })).household.id;
    householdA = await mk(w.teamA.id, buurtA.id, w.users.authorA.id);
    householdA2 = await mk(w.teamA.id, buurtA.id, w.users.authorA.id);
    householdB = await mk(w.teamB.id, buurtB.id, w.users.memberB.id);
  });
  afterAll(() => t.drop());

  it("the controller saves a team's costs per year, validated per line; the research office reads them and writes none", async () => {
    const teamId = w.teamA.id;
    const ctx = await controller();
    const save = (lines: unknown[]) => saveTeamCosts(ctx, { teamId, year: 2017, lines: lines as never });
    expect(await outcomeOf(save([{ kind: "staff", hours: 10, hourlyRateCents: 8000 }]))).toBe("invalid_input");
    expect(await outcomeOf(save([{ kind: "other", amountCents: 100 }]))).toBe("invalid_input");
    expect(await outcomeOf(save([{ kind: "rent" }]))).toBe("invalid_input");
    expect(await outcomeOf(save([{ kind: "staff", partnerId: p1.id, hours: 10.25, hourlyRateCents: 8000 }]))).toBe("invalid_input");
    expect(await outcomeOf(save([{ kind: "rent", amountCents: -1 }]))).toBe("invalid_input");
    expect(await outcomeOf(saveTeamCosts(ctx, { teamId, year: 1999, lines: [] }))).toBe("invalid_input");
    // A partner of another municipality is refused.
    const elsewhere = await createPartner(t.db, (await createMunicipality(t.db)).id, "p-elders");
    expect(await outcomeOf(save([{ kind: "staff", partnerId: elsewhere.id, hours: 1, hourlyRateCents: 1 }]))).toBe("invalid_input");
    const lines = [
      { kind: "staff", partnerId: p1.id, hours: 1000, hourlyRateCents: 8_000, source: "Dienstverleningsovereenkomst 2017" },
      { kind: "staff", partnerId: p2.id, hours: 520.5, hourlyRateCents: 6_500 },
      { kind: "rent", amountCents: 1_200_000, description: "Wijkcentrum" },
      { kind: "ict", amountCents: 300_000 },
      { kind: "coaching", amountCents: 150_000 },
      { kind: "other", amountCents: 50_000, description: "Scholing" },
    ];
    expect(await save(lines)).toEqual({ lines: 6, totalCents: 8_000_000 + 3_383_250 + 1_200_000 + 300_000 + 150_000 + 50_000 });
    // Saving again replaces the lines (no doubles).
    expect(await save(lines)).toEqual({ lines: 6, totalCents: 13_083_250 });
    const sheet = await getTeamCostSheet(await researcher(), teamId, 2017);
    expect(sheet.canEdit).toBe(false);
    expect(sheet.lines.map((l) => [l.kind, l.partnerName, l.hours, l.amountCents])).toEqual([
      ["staff", p1.name, 1000, 8_000_000],
      ["staff", p2.name, 520.5, 3_383_250],
      ["rent", null, null, 1_200_000],
      ["ict", null, null, 300_000],
      ["coaching", null, null, 150_000],
      ["other", null, null, 50_000],
    ]);
    expect(await outcomeOf(saveTeamCosts(await researcher(), { teamId, year: 2017, lines: [] }))).toBe("forbidden");
    expect(await outcomeOf(getTeamCostSheet(await w.as.coordinator(), teamId, 2017))).toBe("forbidden");
    expect(await outcomeOf(getTeamCostSheet(await w.as.author(), teamId, 2017))).toBe("forbidden");
    // The database's own wall: the municipality scope of the research office inserts nothing, even past CASL.
    const r = await researcher();
    const direct = withScope(t.db, r.scope, (tx) =>
      tx.insert(teamCostLines).values({ municipalityId: w.municipalityId, teamId, year: 2018, kind: "rent", amountCents: 1, updatedBy: researcherId }),
    );
    expect(await outcomeOf(direct)).toMatch(/row-level security/);
  });

  it("offers staff hours per partner: registered hours where there are, else the agreements' hours in the year", async () => {
    await t.db.insert(timeRegistrations).values([
      {
        municipalityId: w.municipalityId,
        teamId: w.teamA.id,
        userId: w.users.authorA.id,
        partnerOrganisationId: p1.id,
        weekStart: "2018-01-08",
        individualHours: "8",
        meetingHours: "2",
      },
      {
        municipalityId: w.municipalityId,
        teamId: w.teamA.id,
        userId: w.users.authorA.id,
        partnerOrganisationId: p1.id,
        weekStart: "2018-01-15",
        collectiveHours: "6.5",
      },
      // Another year and another team: not counted.
      {
        municipalityId: w.municipalityId,
        teamId: w.teamA.id,
        userId: w.users.authorA.id,
        partnerOrganisationId: p1.id,
        weekStart: "2017-12-25",
        individualHours: "4",
      },
      {
        municipalityId: w.municipalityId,
        teamId: w.teamB.id,
        userId: w.users.memberB.id,
        partnerOrganisationId: p1.id,
        weekStart: "2018-01-08",
        individualHours: "9",
      },
    ]);
    const [a] = await t.db
      .insert(partnerAgreements)
      .values({
        municipalityId: w.municipalityId,
        partnerOrganisationId: p2.id,
        kind: "subsidy",
        reference: "SUB-2018",
        validFrom: "2018-07-02",
        validTo: "2019-06-30",
      })
      .returning();
    await t.db.insert(agreementContributions).values({
      municipalityId: w.municipalityId,
      agreementId: a.id,
      partnerOrganisationId: p2.id,
      teamId: w.teamA.id,
      discipline: "Jeugd",
      hoursPerWeek: "14",
    });
    const sheet = await getTeamCostSheet(await controller(), w.teamA.id, 2018);
    expect(sheet.canEdit).toBe(true);
    expect(sheet.lines).toEqual([]);
    // p1: 8 + 2 + 6,5 registered; p2: 14 h/week × 183 days (2 July – 31 December) / 7 = 366; rates from 2017's lines.
    expect(sheet.suggestions).toEqual([
      { partnerId: p1.id, partnerName: p1.name, hours: 16.5, basis: "registered", hourlyRateCents: 8_000 },
      { partnerId: p2.id, partnerName: p2.name, hours: 366, basis: "agreed", hourlyRateCents: 6_500 },
    ]);
  });

  it("closing records avoided costs against active norms, once per norm; closing still works without them", async () => {
    const ctx = await w.as.author();
    expect((await getClosing(ctx, householdA)).norms.map((n) => n.id)).toEqual([n1, n2]);
    expect(await outcomeOf(closeCase(ctx, householdA, { ...CLOSE, avoidedCosts: [{ normId: n1 }, { normId: n1 }] }))).toBe("invalid_input");
    expect(await outcomeOf(closeCase(ctx, householdA, { ...CLOSE, avoidedCosts: [{ normId: n1, count: 0 }] }))).toBe("invalid_input");
    expect(await outcomeOf(closeCase(ctx, householdA, { ...CLOSE, avoidedCosts: [{ normId: crypto.randomUUID() }] }))).toBe("invalid_input");
    expect(await closeCase(ctx, householdA, { ...CLOSE, avoidedCosts: [{ normId: n1, count: 2 }, { normId: n2 }] })).toEqual({
      retainUntil: "2032-11-30",
      endedArrangements: 0,
    });
    const closing = await getClosing(ctx, householdA);
    expect(closing.avoidedCosts.map((a) => [a.label, a.count, a.amountCents, a.source, a.isLocalEstimate])).toEqual([
      ["Huisuitzetting voorkomen", 2, 100_000, "Divosa 2016", false],
      ["Schuldhulptraject voorkomen", 1, 25_000, "Eigen schatting Maastricht", true],
    ]);
    expect(await closeCase(ctx, householdA2, { ...CLOSE, closedOn: "2017-12-31", avoidedCosts: [{ normId: n1 }] })).toMatchObject({ endedArrangements: 0 });
    expect(await closeCase(await w.as.memberB(), householdB, { ...CLOSE, avoidedCosts: [{ normId: n2, count: 4 }] })).toMatchObject({ endedArrangements: 0 });
    // A later change of a norm's amount leaves what was recorded at closing.
    await saveNorm(await controller(), n1, {
      code: "huisuitzetting",
      label: "Huisuitzetting voorkomen",
      amountCents: 999_900,
      unit: "per uitzetting",
      source: "Divosa 2016",
    });
  });

  it("the team's business case, hand-checked: costs, realised return, avoided costs, balance and ratio, with case counts", async () => {
    const bc = await teamBusinessCase(await w.as.coordinator(), 2017);
    expect(bc.view).toBe("team");
    expect(bc.showCaseCounts).toBe(true);
    expect(bc.teams).toHaveLength(1);
    const a = bc.teams[0];
    expect(a.costsByKind).toEqual({ staff: 11_383_250, rent: 1_200_000, ict: 300_000, coaching: 150_000, other: 50_000 });
    expect(a.staff).toEqual([
      { partnerId: p1.id, partnerName: p1.name, hours: 1000, amountCents: 8_000_000 },
      { partnerId: p2.id, partnerName: p2.name, hours: 520.5, amountCents: 3_383_250 },
    ]);
    expect(a.costsCents).toBe(13_083_250);
    expect(a.realisedReturnCents).toBe(900_000);
    // n1: 2 + 1 prevented at € 1.000 (the amount at closing); n2: 1 at € 250.
    expect(a.avoided).toEqual([
      { normId: n1, prevented: 3, amountCents: 300_000, cases: 2 },
      { normId: n2, prevented: 1, amountCents: 25_000, cases: 1 },
    ]);
    expect(a.avoidedCents).toBe(325_000);
    expect(a.returnsCents).toBe(1_225_000);
    expect(a.balanceCents).toBe(1_225_000 - 13_083_250);
    expect(a.ratio).toBe(0.09);
    expect(bc.norms.map((n) => [n.label, n.source, n.isLocalEstimate])).toEqual([
      ["Huisuitzetting voorkomen", "Divosa 2016", false],
      ["Schuldhulptraject voorkomen", "Eigen schatting Maastricht", true],
    ]);
    // Another year: nothing.
    const other = await teamBusinessCase(await w.as.coordinator(), 2018);
    expect(other.teams[0]).toMatchObject({ costsCents: 0, avoidedCents: 0, realisedReturnCents: 0, ratio: null, hasCosts: false });
    // A member reads no business case.
    expect(await outcomeOf(teamBusinessCase(await w.as.author(), 2017))).toBe("forbidden");
  });

  it("city-wide for the controller and the research office: every team and the total, no case counts", async () => {
    for (const ctx of [await controller(), await researcher()]) {
      const bc = await cityBusinessCase(ctx, 2017);
      expect(bc.view).toBe("city");
      expect(bc.showCaseCounts).toBe(false);
      const byId = new Map(bc.teams.map((x) => [x.id, x]));
      expect(byId.get(w.teamA.id)).toMatchObject({ costsCents: 13_083_250, realisedReturnCents: 900_000, avoidedCents: 325_000 });
      expect(byId.get(w.teamB.id)).toMatchObject({ costsCents: 0, realisedReturnCents: 0, avoidedCents: 100_000, ratio: null, hasCosts: false });
      expect(byId.get(w.teamB.id)!.avoided).toEqual([{ normId: n2, prevented: 4, amountCents: 100_000, cases: null }]);
      expect(bc.teams.flatMap((x) => x.avoided).every((x) => x.cases === null)).toBe(true);
      expect(bc.total).toMatchObject({
        costsCents: 13_083_250,
        realisedReturnCents: 900_000,
        avoidedCents: 425_000,
        returnsCents: 1_325_000,
        balanceCents: 1_325_000 - 13_083_250,
        ratio: 0.1,
      });
      const csv = businessCaseCsv(bc);
      expect(csv).toContain("Stad (alle teams)");
      expect(csv).toContain("130832,50");
      expect(csv).toContain("Eigen schatting Maastricht;ja;4;1000,00");
    }
    expect(await outcomeOf(cityBusinessCase(await w.as.coordinator(), 2017))).toBe("forbidden");
    expect(await outcomeOf(cityBusinessCase(await controller(), 1999))).toBe("not_found");
  });

  it("RLS: another team's avoided costs are never readable — not the rows, not the aggregate", async () => {
    const coordB = await createUser(t.db, w.municipalityId, { teamRoles: [{ teamId: w.teamB.id, role: "coordinator" }] });
    const ctxB = await teamContext(t.db, coordB.id, w.teamB);
    const rows = await withScope(t.db, ctxB.scope, (tx) => tx.select().from(caseAvoidedCosts));
    // Team B's coordinator reads its own file's lines, never team A's.
    expect(rows.map((r) => r.teamId)).toEqual([w.teamB.id]);
    const agg = await withScope(t.db, ctxB.scope, (tx) => tx.execute(`select * from business_case_avoided_costs('2017-01-01', '2017-12-31')` as never));
    expect([...(agg as unknown as { team_id: string }[])].map((r) => r.team_id)).toEqual([w.teamB.id]);
    // A member of team A (not the coordinator) gets nothing from the aggregate; the controller's scope reads no rows.
    const member = await w.as.otherMember();
    const none = await withScope(t.db, member.scope, (tx) => tx.execute(`select * from business_case_avoided_costs('2017-01-01', '2017-12-31')` as never));
    expect([...(none as unknown as unknown[])]).toEqual([]);
    const c = await controller();
    expect(await withScope(t.db, c.scope, (tx) => tx.select().from(caseAvoidedCosts))).toEqual([]);
    // The team's coordinator reads its own costs; another team's coordinator none of them.
    expect((await withScope(t.db, (await w.as.coordinator()).scope, (tx) => tx.select().from(teamCostLines))).length).toBe(6);
    expect(await withScope(t.db, ctxB.scope, (tx) => tx.select().from(teamCostLines))).toEqual([]);
  });
});
