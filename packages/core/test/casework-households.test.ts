// Households and the intake (issue 15, registration) on real PostgreSQL:
// the team is the team of the buurt ON THE INTAKE DATE (a buurt that changed
// team included), references are allocated safely under concurrency, only
// what the question needs is required, BSN is checked and encrypted, the
// summary goes through withCaseRead (logged; 404 without a right), and the
// case team rectifies with an audit trail.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, buurtAssignments, buurten, caseReadLog, eq, householdPersons, households, queryRows, sql, streets, teams } from "@wijkwerk/db";
import { DomainError } from "../src/common";
import {
  addInvolved,
  addPerson,
  getHouseholdEntry,
  getHouseholdSummary,
  initialsOf,
  listHouseholds,
  registerIntake,
  removeInvolved,
  removePerson,
  reopenCase,
  setRegisseur,
  updatePersons,
  updateProfile,
  type IntakeInput,
} from "../src/casework";
import { decryptBsn } from "../src/casework/bsn";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, outcomeOf, teamContext } from "./fixtures";

process.env.CASEWORK_BSN_KEY = randomBytes(32).toString("base64");

let t: TestDatabase;
let m: { id: string };
let teamA: Awaited<ReturnType<typeof createTeam>>, teamB: Awaited<ReturnType<typeof createTeam>>;
let member: string, member2: string, other: string, coordinator: string, volunteer: string, memberB: string, partnerStaff: string;
let buurtA: string, shifting: string, buurtB: string;

const a = (userId: string) => teamContext(t.db, userId, teamA);
const b = (userId: string) => teamContext(t.db, userId, teamB);
const fieldsOf = async (p: Promise<unknown>) =>
  p.then(
    () => ({}) as Record<string, string[]>,
    (e: DomainError) => e.fieldErrors,
  );

const intake = (over: Partial<IntakeInput> = {}): IntakeInput => ({
  householdType: "single_parent",
  buurtId: buurtA,
  intakeOn: "2026-11-02",
  entryRoute: "gp",
  questionType: "multiple",
  question: "Ik kom niet rond.",
  persons: [
    { role: "adult", name: "Anna de Vries" },
    { role: "child", birthYear: 2016 },
  ],
  ...over,
});

beforeAll(async () => {
  t = await createTestDatabase();
  m = await createMunicipality(t.db);
  teamA = await createTeam(t.db, m.id, `malberg-${randomBytes(2).toString("hex")}`);
  teamB = await createTeam(t.db, m.id, `caberg-${randomBytes(2).toString("hex")}`);
  await t.db.update(teams).set({ residentRefPrefix: "MB" }).where(eq(teams.id, teamA.id));
  const role = (r: "coordinator" | "member" | "volunteer", teamId = teamA.id) => ({ teamRoles: [{ teamId, role: r }] });
  member = (await createUser(t.db, m.id, { ...role("member"), name: "Mira Member" })).id;
  member2 = (await createUser(t.db, m.id, { ...role("member"), name: "Nina Tweede" })).id;
  other = (await createUser(t.db, m.id, role("member"))).id;
  coordinator = (await createUser(t.db, m.id, role("coordinator"))).id;
  volunteer = (await createUser(t.db, m.id, role("volunteer"))).id;
  memberB = (await createUser(t.db, m.id, role("member", teamB.id))).id;
  partnerStaff = (await createUser(t.db, m.id, role("member"))).id;
  const buurt = async (name: string) => (await t.db.insert(buurten).values({ municipalityId: m.id, name }).returning())[0].id;
  buurtA = await buurt("Malpertuis");
  shifting = await buurt("Pottenberg");
  buurtB = await buurt("Caberg");
  await t.db.insert(buurtAssignments).values([
    { municipalityId: m.id, teamId: teamA.id, buurtId: buurtA, validFrom: "2013-01-01" },
    // Pottenberg: team A 2013–2016, team B from 2017 (both ends inclusive).
    { municipalityId: m.id, teamId: teamA.id, buurtId: shifting, validFrom: "2013-01-01", validTo: "2016-12-31" },
    { municipalityId: m.id, teamId: teamB.id, buurtId: shifting, validFrom: "2017-01-01" },
    { municipalityId: m.id, teamId: teamB.id, buurtId: buurtB, validFrom: "2013-01-01" },
  ]);
  await t.db.insert(streets).values([
    { municipalityId: m.id, buurtId: buurtA, name: "Malbergsingel" },
    { municipalityId: m.id, buurtId: buurtB, name: "Grensweg" },
    { municipalityId: m.id, buurtId: buurtA, name: "Grensweg" },
  ]);
});
afterAll(() => t?.drop());

describe("registerIntake", () => {
  it("files household, profile, persons and the first case in one go; the intaker is regisseur by default; audited by reference only", async () => {
    const r = await registerIntake(await a(member), intake());
    expect(r.reference).toMatch(/^MB-\d{4}$/);
    const [h] = await t.db.select().from(households).where(eq(households.id, r.id));
    expect(h).toMatchObject({ teamId: teamA.id, initials: "A.V.", status: "open", buurtId: buurtA });
    const s = await getHouseholdSummary(await a(member), r.id);
    expect(s.access).toBe("case_team");
    expect(s.regisseur?.id).toBe(member);
    expect(s.currentCase).toMatchObject({ intakeOn: "2026-11-02", entryRoute: "gp", questionType: "multiple", legalBasis: "none", status: "open" });
    expect(s.persons.map((p) => [p.role, p.name, p.birthYear, p.bsnMasked])).toEqual([
      ["adult", "Anna de Vries", null, null],
      ["child", "", 2016, null],
    ]);
    expect(s.profile?.householdType).toBe("single_parent");
    const [ev] = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, r.id));
    expect(ev.action).toBe("casework.intake_registered");
    expect(ev.data).toEqual({ reference: r.reference });
  });

  it("requires only type, buurt, date, entry route, question type and one person with a role", async () => {
    const ctx = await a(member);
    const r = await registerIntake(ctx, {
      householdType: "alone",
      buurtId: buurtA,
      intakeOn: "2026-10-01",
      entryRoute: "self",
      questionType: "single",
      persons: [{ role: "adult" }],
    });
    expect((await t.db.select().from(households).where(eq(households.id, r.id)))[0].initials).toBe("");
    const missing = await fieldsOf(registerIntake(ctx, { persons: [] } as unknown as IntakeInput));
    expect(Object.keys(missing).sort()).toEqual(["buurtId", "entryRoute", "householdType", "intakeOn", "persons", "questionType"]);
    expect(missing.persons).toEqual(["casework_person_required"]);
    expect(await fieldsOf(registerIntake(ctx, intake({ persons: [{ role: "boss" as never }] })))).toEqual({ "persons[0].role": ["invalid_input"] });
    expect(await fieldsOf(registerIntake(ctx, intake({ intakeOn: "2099-01-01" })))).toEqual({ intakeOn: ["casework_date_in_future"] });
    expect(await fieldsOf(registerIntake(ctx, intake({ intakeOn: "2026-02-30" })))).toEqual({ intakeOn: ["date_invalid"] });
  });

  it("the owning team is the team of the buurt on the intake date: a buurt that changed team, both ends inclusive", async () => {
    // Pottenberg was team A's until 31-12-2016 and is team B's from 01-01-2017.
    expect(await outcomeOf(registerIntake(await a(member), intake({ buurtId: shifting, intakeOn: "2016-12-31" })))).toBe("ok");
    const refused = registerIntake(await a(member), intake({ buurtId: shifting, intakeOn: "2017-01-01" }));
    const e = (await refused.catch((x: unknown) => x)) as DomainError;
    expect(e.code).toBe("casework_buurt_other_team");
    expect(e.fieldErrors).toEqual({ buurtId: ["casework_buurt_other_team"] });
    expect(e.detail).toBe(`Pottenberg hoort op 01-01-2017 bij team ${teamB.name}. Laat de intake daar doen, of vraag een overdracht aan.`);
    // Nothing was filed for team A, nor silently for team B.
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases where intake_on = '2017-01-01'`);
    expect(n).toBe(0);
    expect(await outcomeOf(registerIntake(await b(memberB), intake({ buurtId: shifting, intakeOn: "2017-01-01" })))).toBe("ok");
    expect(await outcomeOf(registerIntake(await b(memberB), intake({ buurtId: shifting, intakeOn: "2016-12-31" })))).toBe("casework_buurt_other_team");
    // Before any assignment: no team at all.
    const none = (await registerIntake(await a(member), intake({ buurtId: buurtA, intakeOn: "2012-06-01" })).catch((x: unknown) => x)) as DomainError;
    expect(none.detail).toBe("Malpertuis hoort op 01-06-2012 bij geen enkel sociaal team.");
  });

  it("finds the buurt from a street: unique, or the one of several that is the team's", async () => {
    const r1 = await registerIntake(await a(member), intake({ buurtId: undefined, street: "malbergsingel" }));
    expect((await t.db.select().from(households).where(eq(households.id, r1.id)))[0].buurtId).toBe(buurtA);
    const r2 = await registerIntake(await b(memberB), intake({ buurtId: undefined, street: "Grensweg" }));
    expect((await t.db.select().from(households).where(eq(households.id, r2.id)))[0].buurtId).toBe(buurtB);
    expect(await fieldsOf(registerIntake(await a(member), intake({ buurtId: undefined, street: "Nergensstraat" })))).toEqual({
      street: ["casework_street_unknown"],
    });
  });

  it("regisseur and involved: professionals of the team only (partner staff who are members count)", async () => {
    const r = await registerIntake(await a(member), intake({ regisseurId: member2, involvedIds: [partnerStaff, member2] }));
    const s = await getHouseholdSummary(await a(member2), r.id);
    expect(s.regisseur?.id).toBe(member2);
    expect(s.involved.map((i) => i.id)).toEqual([partnerStaff]);
    expect(await fieldsOf(registerIntake(await a(member), intake({ regisseurId: volunteer })))).toEqual({ regisseurId: ["casework_not_team_professional"] });
    expect(await fieldsOf(registerIntake(await a(member), intake({ involvedIds: [memberB] })))).toEqual({ involvedIds: ["casework_not_team_professional"] });
  });

  it("allocates distinct references under concurrency (PREFIX-digits, per team)", async () => {
    const ctxs = await Promise.all([member, member2, other, coordinator, member, member2, other, coordinator].map(a));
    const results = await Promise.all(ctxs.map((ctx) => registerIntake(ctx, intake())));
    const refs = results.map((r) => r.reference);
    expect(new Set(refs).size).toBe(refs.length);
    for (const ref of refs) expect(ref).toMatch(/^MB-\d{4}$/);
    const numbers = refs.map((r) => Number(r.slice(3))).sort((x, y) => x - y);
    expect(numbers[numbers.length - 1] - numbers[0]).toBe(numbers.length - 1);
  });

  it("BSN: 11-proef checked, stored encrypted (never in plain text), shown masked", async () => {
    expect(await fieldsOf(registerIntake(await a(member), intake({ persons: [{ role: "adult", bsn: "123456789" }] })))).toEqual({
      "persons[0].bsn": ["casework_bsn_invalid"],
    });
    const r = await registerIntake(await a(member), intake({ persons: [{ role: "adult", name: "Bo Bakker", bsn: "1112.22.333" }] }));
    const [p] = await t.db.select().from(householdPersons).where(eq(householdPersons.householdId, r.id));
    expect(p.bsnCiphertext).toMatch(/^v1:/);
    expect(p.bsnCiphertext).not.toContain("111222333");
    expect(decryptBsn(p.bsnCiphertext!)).toBe("111222333");
    expect((await getHouseholdSummary(await a(member), r.id)).persons[0].bsnMasked).toBe("******333");
  });

  it("refuses volunteers, and anyone of another team cannot file for this team", async () => {
    expect(await outcomeOf(registerIntake(await a(volunteer), intake()))).not.toBe("ok");
    expect(await outcomeOf(registerIntake(await b(memberB), intake({ buurtId: buurtA })))).toBe("casework_buurt_other_team");
  });
});

describe("initialsOf", () => {
  it("takes the first adult with a name, skips particles, at most four letters", () => {
    expect(
      initialsOf([
        { role: "child", name: "Kim" },
        { role: "adult", name: "Anna de Vries-Bakker" },
      ]),
    ).toBe("A.V.B.");
    expect(initialsOf([{ role: "adult" }, { role: "child", name: "émile van 't Hof" }])).toBe("É.H.");
    expect(initialsOf([{ role: "adult", name: "A B C D E" }])).toBe("A.B.C.D.");
    expect(initialsOf([{ role: "adult", name: "  " }])).toBe("");
  });
});

describe("list and summary", () => {
  let mine: string;
  beforeAll(async () => {
    mine = (await registerIntake(await a(member2), intake({ persons: [{ role: "adult", name: "Zeno Zwart" }] }))).id;
  });

  it("the whole team sees reference, initials, status, buurt; intake date and regisseur only with a right; 'mine' and search", async () => {
    const seenByOther = await listHouseholds(await a(other), { q: "Z.Z." });
    expect(seenByOther.rows).toHaveLength(1);
    expect(seenByOther.rows[0]).toMatchObject({ id: mine, initials: "Z.Z.", buurtName: "Malpertuis", myAccess: "none", intakeOn: null, regisseurName: null });
    const seenByRegisseur = await listHouseholds(await a(member2), { q: "z.z" });
    expect(seenByRegisseur.rows[0]).toMatchObject({ myAccess: "case_team", intakeOn: "2026-11-02", regisseurName: "Nina Tweede" });
    expect((await listHouseholds(await a(coordinator), { q: "Z.Z." })).rows[0].myAccess).toBe("coordinator");
    expect((await listHouseholds(await a(coordinator), { filter: "mine" })).total).toBe(
      (await listHouseholds(await a(coordinator), { filter: "mine", status: "open" })).total,
    );
    const mineOfOther = await listHouseholds(await a(other), { filter: "mine" });
    expect(mineOfOther.rows.every((r) => r.myAccess === "case_team")).toBe(true);
    expect(mineOfOther.rows.some((r) => r.id === mine)).toBe(false);
    // Search is on reference and initials only, never on names.
    expect((await listHouseholds(await a(member2), { q: "Zeno" })).total).toBe(0);
    expect((await listHouseholds(await a(member2), { q: "%" })).total).toBe(0);
  });

  it("paginates by 25", async () => {
    for (let n = (await listHouseholds(await a(coordinator), {})).total; n <= 26; n++) await registerIntake(await a(coordinator), intake());
    const all = await listHouseholds(await a(coordinator), {});
    expect(all.total).toBeGreaterThan(25);
    expect(all.rows).toHaveLength(25);
    const last = await listHouseholds(await a(coordinator), { page: 99 });
    expect(last.page).toBe(all.pageCount);
    expect(last.rows).toHaveLength(all.total - 25 * (all.pageCount - 1));
  });

  it("the summary is logged; a member without a right, another team and a volunteer get 404", async () => {
    await getHouseholdSummary(await a(coordinator), mine);
    const log = await t.db.select().from(caseReadLog).where(eq(caseReadLog.householdId, mine));
    expect(log.map((l) => [l.userId, l.part, l.access])).toContainEqual([coordinator, "summary", "coordinator"]);
    for (const ctx of [await a(other), await a(volunteer), await b(memberB)]) expect(await outcomeOf(getHouseholdSummary(ctx, mine))).toBe("not_found");
    expect(await outcomeOf(getHouseholdEntry(await b(memberB), mine))).toBe("not_found");
    expect(await outcomeOf(listHouseholds(await a(volunteer)))).not.toBe("ok");
    expect((await listHouseholds(await b(memberB), { q: "Z.Z." })).total).toBe(0);
  });
});

describe("rectification, regisseur and involved", () => {
  let id: string;
  beforeAll(async () => {
    id = (await registerIntake(await a(member), intake({ persons: [{ role: "adult", name: "Karel Kok", bsn: "111222333" }] }))).id;
  });

  it("the case team corrects persons and profile (audited); a BSN left empty is kept, clearBsn removes it", async () => {
    const ctx = await a(member);
    const [p] = (await getHouseholdSummary(ctx, id)).persons;
    await updatePersons(ctx, id, { persons: [{ id: p.id, role: "adult", name: "Karel Kok-Smit", gender: "male", birthYear: 1970 }] });
    let s = await getHouseholdSummary(ctx, id);
    expect(s.persons[0]).toMatchObject({ name: "Karel Kok-Smit", gender: "male", birthYear: 1970, bsnMasked: "******333" });
    const added = await addPerson(ctx, id, { role: "child", name: "Kim" });
    expect(await fieldsOf(addPerson(ctx, id, { role: "child", bsn: "123" }))).toEqual({ bsn: ["casework_bsn_invalid"] });
    await updatePersons(ctx, id, { persons: [{ id: p.id, role: "adult", name: "Karel Kok-Smit", clearBsn: true }] });
    s = await getHouseholdSummary(ctx, id);
    expect(s.persons.find((x) => x.id === p.id)?.bsnMasked).toBeNull();
    await removePerson(ctx, id, added.id);
    expect(await outcomeOf(removePerson(ctx, id, p.id))).toBe("casework_last_person");
    await updateProfile(ctx, id, { householdType: "alone", address: "Malbergsingel 1", initials: "K.K.S." });
    s = await getHouseholdSummary(ctx, id);
    expect(s.profile).toMatchObject({ householdType: "alone", address: "Malbergsingel 1" });
    expect(s.initials).toBe("K.K.S.");
    const actions = (await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, id))).map((e) => e.action);
    expect(actions.filter((x) => x === "casework.persons_updated")).toHaveLength(4);
    expect(actions).toContain("casework.profile_updated");
    for (const e of await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, id)))
      expect(JSON.stringify(e.data)).not.toMatch(/Karel|Kok|Kim|Malbergsingel|111222333/);
  });

  it("others cannot rectify: a member without a right and another team 404", async () => {
    const [p] = (await getHouseholdSummary(await a(member), id)).persons;
    for (const ctx of [await a(other), await b(memberB), await a(volunteer)]) {
      expect(await outcomeOf(updatePersons(ctx, id, { persons: [{ id: p.id, role: "adult", name: "X" }] }))).toBe("not_found");
      expect(await outcomeOf(addPerson(ctx, id, { role: "child" }))).toBe("not_found");
      expect(await outcomeOf(setRegisseur(ctx, id, other))).toBe("not_found");
    }
  });

  it("regisseur and involved are set by the case team to professionals of the team", async () => {
    const ctx = await a(member);
    await addInvolved(ctx, id, partnerStaff);
    expect(await fieldsOf(addInvolved(ctx, id, volunteer))).toEqual({ userId: ["casework_not_team_professional"] });
    expect(await fieldsOf(addInvolved(ctx, id, memberB))).toEqual({ userId: ["casework_not_team_professional"] });
    await setRegisseur(ctx, id, member2);
    let s = await getHouseholdSummary(await a(member2), id);
    expect(s.regisseur?.id).toBe(member2);
    expect(s.involved.map((i) => i.id)).toEqual([partnerStaff]);
    // The partner staff member now has the right of the case team.
    expect((await getHouseholdSummary(await a(partnerStaff), id)).access).toBe("case_team");
    await removeInvolved(await a(member2), id, partnerStaff);
    expect(await outcomeOf(getHouseholdSummary(await a(partnerStaff), id))).toBe("not_found");
    s = await getHouseholdSummary(await a(coordinator), id);
    expect(s.involved).toEqual([]);
  });
});

describe("reopenCase", () => {
  it("a closed household gets a new case; the team rule applies on the new intake date", async () => {
    const r = await registerIntake(await a(member), intake({ buurtId: shifting, intakeOn: "2016-05-01" }));
    const ctx = await a(member);
    const again = { intakeOn: "2026-11-01", entryRoute: "self" as const, questionType: "single" as const };
    expect(await outcomeOf(reopenCase(ctx, r.id, again))).toBe("casework_household_open");
    // Close it as the closing slice would (owner, no RLS).
    await t.db.execute(sql`update cases set status = 'closed', closed_on = '2016-09-01' where household_id = ${r.id}`);
    await t.db.execute(sql`update households set status = 'closed' where id = ${r.id}`);
    // Pottenberg is team B's now: team A may not reopen it — a transfer is needed.
    expect(await fieldsOf(reopenCase(ctx, r.id, again))).toEqual({ intakeOn: ["casework_buurt_other_team"] });
    expect(await outcomeOf(reopenCase(ctx, r.id, { ...again, intakeOn: "2016-11-01" }))).toBe("ok");
    const s = await getHouseholdSummary(ctx, r.id);
    expect(s.status).toBe("open");
    expect(s.currentCase).toMatchObject({ intakeOn: "2016-11-01", status: "open" });
    expect(await outcomeOf(reopenCase(await a(other), r.id, again))).toBe("not_found");
  });
});
