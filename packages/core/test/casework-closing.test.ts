// Referrals to the second line and closing a case: reason, legal basis
// (retention), the six-question assessment, open arrangements ended or named;
// closing is final for the case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, caseArrangements, cases, eq, households } from "@wijkwerk/db";
import { addArrangement, addGoal, addReferral, closeCase, getClosing, getPlan, listReferrals, recordReferralOutcome, recordZrm } from "../src/casework";
import { caseworkWorld, expectAccessRules, READ_RULES, rightOutcome, WRITE_RULES, type CaseworkWorld } from "./casework-plan-world";
import { createTestDatabase, type TestDatabase } from "./db";

const ALL_YES = {
  actedDifferently: "yes",
  differentArrangement: "no",
  timeGained: "unknown",
  neighbourhoodStrengthUsed: "yes",
  sufficientSupport: "yes",
  residentSatisfied: "yes",
} as const;

// PGlite too: the demo runs on it, and closing computes the retention date in SQL.
for (const kind of ["postgres", "pglite"] as const)
  describe(`referrals and closing (${kind})`, () => {
    let t: TestDatabase;
    let w: CaseworkWorld;
    beforeAll(async () => {
      t = await createTestDatabase(kind);
      w = await caseworkWorld(t);
    });
    afterAll(() => t.drop());

    it("a referral with its outcome and date; an outcome needs a date not before the referral", async () => {
      const ctx = await w.as.regisseur();
      const h = w.household.household.id;
      const r = await addReferral(ctx, h, { destination: "veiligheidshuis", description: "Huiselijk geweld, overleg", referredOn: "2026-10-10" });
      expect(await rightOutcome(recordReferralOutcome(ctx, h, r.id, { outcome: "accepted" }))).toBe("invalid_input");
      expect(await rightOutcome(recordReferralOutcome(ctx, h, r.id, { outcome: "accepted", outcomeOn: "2026-10-01" }))).toBe("date_range_invalid");
      await recordReferralOutcome(ctx, h, r.id, { outcome: "accepted", outcomeOn: "2026-10-20" });
      const list = await listReferrals(ctx, h);
      expect(list.referrals).toEqual([
        {
          id: r.id,
          destination: "veiligheidshuis",
          description: "Huiselijk geweld, overleg",
          referredOn: "2026-10-10",
          outcome: "accepted",
          outcomeOn: "2026-10-20",
        },
      ]);
      expect(await rightOutcome(addReferral(ctx, h, { destination: "elders" as "wmo", referredOn: "2026-10-10" }))).toBe("invalid_input");
      // Case notes stay inside the case team: the privacy guard of texts that leave the team does not apply to them.
      expect(
        await rightOutcome(
          addReferral(ctx, h, { destination: "wmo", description: "Mevrouw Anna Bakker, BSN 111222333, Hoofdstraat 12", referredOn: "2026-10-12" }),
        ),
      ).toBe("ok");
      expect(await expectAccessRules(w, (c, id) => listReferrals(c, id))).toEqual(READ_RULES);
      expect(await expectAccessRules(w, (c, id) => addReferral(c, id, { destination: "wmo", referredOn: "2026-10-11" }))).toEqual(WRITE_RULES);
      expect(await expectAccessRules(w, (c, id) => recordReferralOutcome(c, id, r.id, { outcome: "pending" }))).toEqual(WRITE_RULES);
    });

    it("closing with open arrangements tells the user; with consent it ends them; sets status, retention and the assessment", async () => {
      const x = await w.mk();
      const h = x.household.id;
      const ctx = await w.as.regisseur();
      const g = await addGoal(ctx, h, { lifeDomain: "finances", description: "Schulden", goalType: "improve" });
      const running = await addArrangement(ctx, h, {
        layer: "general",
        providerName: "Schuldhulp",
        status: "running",
        startsOn: "2026-10-02",
        goalIds: [g.id],
      });
      const planned = await addArrangement(ctx, h, { layer: "own_strength", status: "planned" });
      const existing = await addArrangement(ctx, h, { layer: "individual", existing: true, status: "running", providerName: "Wmo-hulp" });
      const input = { closedOn: "2026-11-30", reason: "Doelen bereikt", legalBasis: "wmo" as const, assessment: ALL_YES };
      expect(await rightOutcome(closeCase(ctx, h, input))).toBe("case_open_arrangements");
      expect((await getClosing(ctx, h)).openArrangements.map((a) => a.id)).toEqual([running.id, planned.id]);
      expect(await rightOutcome(closeCase(ctx, h, { ...input, closedOn: "2026-09-01", endOpenArrangements: true }))).toBe("date_range_invalid");
      expect(await rightOutcome(closeCase(ctx, h, { ...input, reason: "  ", endOpenArrangements: true }))).toBe("invalid_input");

      expect(await closeCase(ctx, h, { ...input, endOpenArrangements: true })).toEqual({ retainUntil: "2041-11-30", endedArrangements: 2 });
      const [c] = await t.db.select().from(cases).where(eq(cases.id, x.case.id));
      expect(c).toMatchObject({
        status: "closed",
        closedOn: "2026-11-30",
        closeReason: "Doelen bereikt",
        legalBasis: "wmo",
        retainUntil: "2041-11-30",
        ...ALL_YES,
      });
      expect((await t.db.select().from(households).where(eq(households.id, h)))[0].status).toBe("closed");
      const arr = Object.fromEntries((await t.db.select().from(caseArrangements).where(eq(caseArrangements.caseId, x.case.id))).map((a) => [a.id, a]));
      expect(arr[running.id]).toMatchObject({ status: "ended", endsOn: "2026-11-30" });
      expect(arr[planned.id]).toMatchObject({ status: "stopped", endsOn: null });
      expect(arr[existing.id]).toMatchObject({ status: "running" });
      const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, x.case.id));
      expect(audit.action).toBe("casework.case_closed");
      expect(JSON.stringify(audit.data)).not.toContain("Doelen bereikt");

      // Final for this case: no more changes, the plan still readable.
      expect(await rightOutcome(closeCase(ctx, h, input))).toBe("case_closed");
      expect(await rightOutcome(addGoal(ctx, h, { lifeDomain: "housing", description: "x", goalType: "improve" }))).toBe("case_closed");
      expect(await rightOutcome(recordZrm(ctx, h, { measuredOn: "2026-11-30", scores: { housing: 3 } }))).toBe("case_closed");
      expect(await rightOutcome(addReferral(ctx, h, { destination: "wmo", referredOn: "2026-11-30" }))).toBe("case_closed");
      const plan = await getPlan(ctx, h);
      expect(plan).toMatchObject({ caseStatus: "closed", canEdit: false });
      expect((await getClosing(ctx, h)).canClose).toBe(false);
    });

    it("retention per legal basis: Jeugdwet 20 years, no provision 5 years, withdrawn 6 weeks; assessment defaults to unknown", async () => {
      const ctx = await w.as.regisseur();
      const expected = { jeugdwet: "2046-11-02", none: "2031-11-02", withdrawn: "2026-12-14" } as const;
      for (const [legalBasis, retainUntil] of Object.entries(expected)) {
        const x = await w.mk();
        const r = await closeCase(ctx, x.household.id, { closedOn: "2026-11-02", reason: "Klaar", legalBasis: legalBasis as keyof typeof expected });
        expect(r.retainUntil).toBe(retainUntil);
        const view = await getClosing(ctx, x.household.id);
        expect(view).toMatchObject({ status: "closed", legalBasis, retainUntil });
        expect(Object.values(view.assessment).every((a) => a === "unknown")).toBe(true);
      }
    });

    it("access: break-the-glass reads the closing but may not close; no right, a volunteer, another team: 404", async () => {
      const input = { closedOn: "2026-11-02", reason: "Klaar", legalBasis: "none" as const };
      expect(await expectAccessRules(w, (c, id) => getClosing(c, id))).toEqual(READ_RULES);
      expect(await expectAccessRules(w, (c, id) => closeCase(c, id, input))).toEqual(WRITE_RULES);
      expect((await t.db.select().from(cases).where(eq(cases.id, w.household.case.id)))[0].status).toBe("open");
      // The coordinator may close.
      const x = await w.mk();
      expect(await rightOutcome(closeCase(await w.as.coordinator(), x.household.id, input))).toBe("ok");
    });
  });
