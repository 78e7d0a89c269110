// The workbudget link of casework: a spend request may point to a household of
// its own team; the request then carries the household's pseudonymous
// reference, which is all the controller sees; the plan lists the
// household's spends to the case team only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, spendRequests } from "@wijkwerk/db";
import { getHouseholdSpends, householdChoicesForSpend } from "../src/casework";
import { createSpendDraft, getSpend, listSpends, submitSpend, updateSpendDraft } from "../src/workbudget";
import { createBuurtFor, createHouseholdWithCase } from "./casework-fixture";
import { rightOutcome } from "./casework-plan-world";
import { createTestDatabase, type TestDatabase } from "./db";
import { createUser, teamContext } from "./fixtures";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

describe("spend requests linked to a household", () => {
  let t: TestDatabase;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  let hA: Awaited<ReturnType<typeof createHouseholdWithCase>>;
  let hB: Awaited<ReturnType<typeof createHouseholdWithCase>>;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    w = await ledgerWorld(t);
    const buurtA = await createBuurtFor(t.db, w.municipalityId, w.teamA.id);
    const buurtB = await createBuurtFor(t.db, w.municipalityId, w.teamB.id);
    hA = await createHouseholdWithCase(t.db, { municipalityId: w.municipalityId, teamId: w.teamA.id, buurtId: buurtA.id, regisseurId: w.users.authorA.id });
    hB = await createHouseholdWithCase(t.db, { municipalityId: w.municipalityId, teamId: w.teamB.id, buurtId: buurtB.id, regisseurId: w.users.memberB.id });
  });
  afterAll(() => t.drop());

  it("links to the team's household: the reference replaces whatever was typed; the plan shows the spend; the controller sees the reference only", async () => {
    const author = await w.as.author();
    const { id, number } = await createSpendDraft(author, {
      ...COMPLETE_DRAFT,
      residentRef: "",
      amountCents: 12_345,
      neededOn: "2017-06-01",
      householdId: hA.household.id,
    });
    const [row] = await t.db.select().from(spendRequests).where(eq(spendRequests.id, id));
    expect(row).toMatchObject({ householdId: hA.household.id, residentRef: hA.household.reference });
    // An edit without the field keeps the link and its reference; another typed pseudonym does not replace it.
    await updateSpendDraft(author, id, { ...COMPLETE_DRAFT, amountCents: 12_345, neededOn: "2017-06-01", residentRef: "MB-999" });
    expect((await t.db.select().from(spendRequests).where(eq(spendRequests.id, id)))[0]).toMatchObject({
      householdId: hA.household.id,
      residentRef: hA.household.reference,
    });
    await submitSpend(author, id);

    expect(await getHouseholdSpends(author, hA.household.id)).toEqual([
      { id, number, amountCents: 12_345, status: "submitted", purpose: COMPLETE_DRAFT.purpose },
    ]);

    const controller = await w.as.controller1();
    const seen = await getSpend(controller, id);
    expect(seen.spend.residentRef).toBe(hA.household.reference);
    const listed = await listSpends(controller, {});
    const shown = JSON.stringify([seen, listed]);
    expect(shown).toContain(hA.household.reference);
    expect(shown).not.toContain(hA.household.initials);
    expect(shown).not.toContain("Anna");
    expect(shown).not.toContain("Bakker");

    // Unlinking (null) goes back to a typed pseudonym in the team's format.
    await t.db.update(spendRequests).set({ status: "draft" }).where(eq(spendRequests.id, id));
    await updateSpendDraft(author, id, { ...COMPLETE_DRAFT, amountCents: 12_345, neededOn: "2017-06-01", householdId: null });
    expect((await t.db.select().from(spendRequests).where(eq(spendRequests.id, id)))[0]).toMatchObject({ householdId: null, residentRef: "MB-014" });
  });

  it("another team's household is refused: by the use case (unknown here) and by the database's trigger", async () => {
    const author = await w.as.author();
    expect(await rightOutcome(createSpendDraft(author, { ...COMPLETE_DRAFT, amountCents: 100, neededOn: "2017-06-01", householdId: hB.household.id }))).toBe(
      "household_unknown",
    );
    const { id } = await createSpendDraft(author, { ...COMPLETE_DRAFT, amountCents: 100, neededOn: "2017-06-01" });
    expect(await rightOutcome(updateSpendDraft(author, id, { ...COMPLETE_DRAFT, amountCents: 100, householdId: hB.household.id }))).toBe("household_unknown");
    // Even as the owner (no RLS), the trigger keeps the link inside the team.
    await expect(t.db.update(spendRequests).set({ householdId: hB.household.id }).where(eq(spendRequests.id, id))).rejects.toThrow();
  });

  it("the spend texts that leave the team are still guarded, linked or not", async () => {
    const author = await w.as.author();
    expect(
      await rightOutcome(
        createSpendDraft(author, {
          ...COMPLETE_DRAFT,
          amountCents: 100,
          neededOn: "2017-06-01",
          householdId: hA.household.id,
          rationale: "Mevrouw Anna Bakker, Hoofdstraat 12, BSN 111222333, belt morgen.",
        }),
      ),
    ).toBe("personal_data");
  });

  it("the spend form's household list: the team's households (reference and initials), never another team's; not for a volunteer", async () => {
    const list = await householdChoicesForSpend(await w.as.otherMember());
    expect(list.map((h) => h.reference)).toEqual([hA.household.reference]);
    const volunteer = await createUser(t.db, w.municipalityId, { teamRoles: [{ teamId: w.teamA.id, role: "volunteer" }] });
    expect(await rightOutcome(householdChoicesForSpend(await teamContext(t.db, volunteer.id, w.teamA)))).toBe("forbidden");
  });

  it("the household's spends: no right, a volunteer, another team: 404", async () => {
    const h = hA.household.id;
    const author = await w.as.author();
    const { id } = await createSpendDraft(author, { ...COMPLETE_DRAFT, amountCents: 2_000, neededOn: "2017-06-01", householdId: h });
    // A draft is the author's own until submitted.
    expect((await getHouseholdSpends(await w.as.coordinator(), h)).map((s) => s.id)).not.toContain(id);
    await submitSpend(author, id);
    expect((await getHouseholdSpends(await w.as.coordinator(), h)).map((s) => s.id)).toContain(id);
    const volunteer = await createUser(t.db, w.municipalityId, { teamRoles: [{ teamId: w.teamA.id, role: "volunteer" }] });
    expect(await rightOutcome(getHouseholdSpends(await w.as.otherMember(), h))).toBe("not_found");
    expect(await rightOutcome(getHouseholdSpends(await teamContext(t.db, volunteer.id, w.teamA), h))).toBe("not_found");
    expect(await rightOutcome(getHouseholdSpends(await w.as.memberB(), h))).toBe("not_found");
  });
});
