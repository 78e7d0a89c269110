// A municipality with a funded budget, two teams and the people of the
// workbudget workflow, for the ledger tests.
import { inArray, teams } from "@wijkwerk/db";
import { createBudget, createSpendDraft, submitSpend, type SpendDraftInput } from "../src/workbudget";
import type { TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, municipalityContext, teamContext } from "./fixtures";

export const COMPLETE_DRAFT: Omit<SpendDraftInput, "amountCents"> = {
  purpose: "Werkschoenen en gereedschap, bouwmarkt",
  supplier: "Bouwmarkt Maastricht",
  rationale: "Start morgen met werk; bijzondere bijstand duurt weken.",
  problemPrevented: "Baan gaat verloren, schulden lopen op.",
  lifeDomains: ["financien", "werk_opleiding"],
  expectedReturnCents: 1_600_000,
  customReturnJustification: "UWV-norm werk gevonden of behouden",
  expectedSocialDomains: ["maatschappelijke_participatie"],
  expectedSocialReturn: "Meedoen, eigen inkomen.",
  residentRef: "MB-014",
};

export async function ledgerWorld(t: TestDatabase, opts: { budgetCents?: number; thresholdCents?: number; year?: number } = {}) {
  const municipalityId = (await createMunicipality(t.db)).id;
  const teamA = await createTeam(t.db, municipalityId);
  const teamB = await createTeam(t.db, municipalityId);
  // The resident pseudonyms of COMPLETE_DRAFT (MB-014) are in both teams' format.
  await t.db
    .update(teams)
    .set({ residentRefPrefix: "MB" })
    .where(inArray(teams.id, [teamA.id, teamB.id]));
  const authorA = await createUser(t.db, municipalityId, { name: "Auteur A", teamRoles: [{ teamId: teamA.id, role: "member" }] });
  const otherMemberA = await createUser(t.db, municipalityId, { name: "Collega A", teamRoles: [{ teamId: teamA.id, role: "member" }] });
  const coordinatorA = await createUser(t.db, municipalityId, { name: "Coördinator A", teamRoles: [{ teamId: teamA.id, role: "coordinator" }] });
  const memberB = await createUser(t.db, municipalityId, { name: "Lid B", teamRoles: [{ teamId: teamB.id, role: "member" }] });
  const controller1 = await createUser(t.db, municipalityId, { name: "Controller Een", scopeRoles: [{ role: "controller" }] });
  const controller2 = await createUser(t.db, municipalityId, { name: "Controller Twee", scopeRoles: [{ role: "controller" }] });
  const year = opts.year ?? 2017;
  const as = {
    author: () => teamContext(t.db, authorA.id, teamA),
    otherMember: () => teamContext(t.db, otherMemberA.id, teamA),
    coordinator: () => teamContext(t.db, coordinatorA.id, teamA),
    memberB: () => teamContext(t.db, memberB.id, teamB),
    controller1: () => municipalityContext(t.db, controller1.id, "municipality"),
    controller2: () => municipalityContext(t.db, controller2.id, "municipality"),
  };
  const budget = await createBudget(await as.controller1(), {
    year,
    name: `Werkbudget ${year}`,
    amountCents: opts.budgetCents ?? 15_000_000,
    approvalThresholdCents: opts.thresholdCents ?? 100_000,
  });
  /** A complete request by the author, submitted. */
  async function submitted(amountCents: number) {
    const { id } = await createSpendDraft(await as.author(), { ...COMPLETE_DRAFT, amountCents, neededOn: `${year}-06-01` });
    await submitSpend(await as.author(), id);
    return id;
  }
  return { municipalityId, teamA, teamB, budget, as, submitted, users: { authorA, otherMemberA, coordinatorA, memberB, controller1, controller2 } };
}
