// A team with households in casework for the tests of the plan, ZRM,
// referrals and closing: the regisseur, a member without a right, a member
// with a live break-the-glass grant, the coordinator, a volunteer and a
// member of another team; a provider with an offer on the sociale kaart.
import { ForbiddenError } from "@wijkwerk/authz";
import { caseAccessGrants, socialMapOffers, socialMapProviders } from "@wijkwerk/db";
import type { TeamContext } from "../src/common";
import { createBuurtFor, createHouseholdWithCase } from "./casework-fixture";
import type { TestDatabase } from "./db";
import { createMunicipality, createTeam, createUser, teamContext } from "./fixtures";

export async function caseworkWorld(t: TestDatabase) {
  const m = await createMunicipality(t.db);
  const teamA = await createTeam(t.db, m.id);
  const teamB = await createTeam(t.db, m.id);
  const buurtA = await createBuurtFor(t.db, m.id, teamA.id);
  const buurtB = await createBuurtFor(t.db, m.id, teamB.id);
  const role = (r: "coordinator" | "member" | "volunteer", teamId = teamA.id) => ({ teamRoles: [{ teamId, role: r }] });
  const regisseur = await createUser(t.db, m.id, { name: "Rita Regisseur", ...role("member") });
  const otherMember = await createUser(t.db, m.id, role("member"));
  const glassMember = await createUser(t.db, m.id, role("member"));
  const coordinator = await createUser(t.db, m.id, role("coordinator"));
  const volunteer = await createUser(t.db, m.id, role("volunteer"));
  const memberB = await createUser(t.db, m.id, role("member", teamB.id));
  const mk = (withChild = false, regisseurId = regisseur.id) =>
    createHouseholdWithCase(t.db, { municipalityId: m.id, teamId: teamA.id, buurtId: buurtA.id, regisseurId, withChild });
  const household = await mk();
  const withChild = await mk(true);
  const householdB = await createHouseholdWithCase(t.db, { municipalityId: m.id, teamId: teamB.id, buurtId: buurtB.id, regisseurId: memberB.id });
  // Break-the-glass on the first household, inserted as the owner (the grant's own pages are another slice's).
  await t.db.insert(caseAccessGrants).values({
    municipalityId: m.id,
    teamId: teamA.id,
    householdId: household.household.id,
    userId: glassMember.id,
    reason: "Inwoner belt met spoedvraag",
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const [provider] = await t.db
    .insert(socialMapProviders)
    .values({ municipalityId: m.id, name: "Schuldhulp Maastricht", kind: "Schuldhulpverlening", layer: "general", createdBy: coordinator.id })
    .returning();
  const [offer] = await t.db
    .insert(socialMapOffers)
    .values({ municipalityId: m.id, providerId: provider.id, name: "Budgetcursus", layer: "general" })
    .returning();
  const [otherProvider] = await t.db
    .insert(socialMapProviders)
    .values({ municipalityId: m.id, name: "Buurtcirkel", kind: "Netwerk", layer: "social_network", createdBy: coordinator.id })
    .returning();
  const as = {
    regisseur: () => teamContext(t.db, regisseur.id, teamA),
    otherMember: () => teamContext(t.db, otherMember.id, teamA),
    glass: () => teamContext(t.db, glassMember.id, teamA),
    coordinator: () => teamContext(t.db, coordinator.id, teamA),
    volunteer: () => teamContext(t.db, volunteer.id, teamA),
    memberB: () => teamContext(t.db, memberB.id, teamB),
  };
  return {
    m,
    teamA,
    teamB,
    buurtA,
    users: { regisseur, otherMember, glassMember, coordinator, volunteer, memberB },
    household,
    withChild,
    householdB,
    provider,
    offer,
    otherProvider,
    as,
    mk,
  };
}
export type CaseworkWorld = Awaited<ReturnType<typeof caseworkWorld>>;

/** "ok", the DomainError's code, or "forbidden" for CASL's refusal. */
export const rightOutcome = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof ForbiddenError ? "forbidden" : ((e as { code?: string }).code ?? String(e))),
  );

export const READ_RULES = { otherMember: "not_found", volunteer: "not_found", memberB: "not_found", glass: "ok" };
export const WRITE_RULES = { otherMember: "not_found", volunteer: "not_found", memberB: "not_found", glass: "forbidden" };

/**
 * The negatives every use case of a household's file must pass: no right,
 * a volunteer, another team → 404; a break-the-glass reader → reads, but 403
 * on a write.
 */
export async function expectAccessRules(
  w: CaseworkWorld,
  useCase: (ctx: TeamContext, householdId: string) => Promise<unknown>,
): Promise<Record<string, string>> {
  const h = w.household.household.id;
  return {
    otherMember: await rightOutcome(useCase(await w.as.otherMember(), h)),
    volunteer: await rightOutcome(useCase(await w.as.volunteer(), h)),
    memberB: await rightOutcome(useCase(await w.as.memberB(), h)),
    glass: await rightOutcome(useCase(await w.as.glass(), h)),
  };
}
