// "What happens next" per status (next-step.ts): who acts, what they do, how long — pure, no database.
import { describe, expect, it } from "vitest";
import { MIN_MEASURED, NEXT_STEP, NEXT_STEP_NORM_DAYS, type NextStepFacts, nextStep } from "../src/workbudget";
import { SPEND_STATUSES, type SpendStatus } from "../src/workbudget/spend-lifecycle";

const facts = (status: SpendStatus, more: Partial<NextStepFacts> = {}): NextStepFacts => ({
  status,
  viewerIsAuthor: false,
  authorName: "Sanne de Vries",
  coordinatorNames: ["Kim Jansen"],
  controllerNames: ["Bas Peters", "Noor Smit"],
  lastActorName: null,
  thresholdCents: 100_000,
  neededOn: "2026-11-22",
  evaluationDueOn: null,
  measured: {},
  ...more,
});

describe("what happens next on a request", () => {
  it("has one function for every status, each with who, what and an actor", () => {
    for (const s of SPEND_STATUSES) {
      const n = NEXT_STEP[s](facts(s));
      expect(n.who.length).toBeGreaterThan(0);
      expect(n.what.length).toBeGreaterThan(10);
      expect(n.actor).toBeTruthy();
    }
  });

  it("draft: the author, told as 'je' when they read it", () => {
    expect(nextStep(facts("draft", { viewerIsAuthor: true }))).toMatchObject({ actor: "author", who: "Jij", when: null });
    expect(nextStep(facts("draft")).what).toContain("Sanne de Vries vult de aanvraag aan");
  });

  it("submitted: the coordinator by name, the norm while too few steps are measured, the request's date", () => {
    const n = nextStep(facts("submitted"));
    expect(n).toMatchObject({ actor: "coordinator", who: "De coördinator van het team (Kim Jansen)", whenSource: "norm" });
    expect(n.when).toBe(`Meestal binnen ${NEXT_STEP_NORM_DAYS.submitted} werkdagen (de afspraak in de gemeente).`);
    expect(n.deadline).toBe("De aanvraag is nodig op 22-11-2026.");
    expect(n.what).toContain("meer informatie");
    expect(n.what).toContain("wijst hem af");
  });

  it("a measured median wins over the norm once there are enough steps; it is rounded up to whole days", () => {
    const few = nextStep(facts("endorsed", { measured: { endorsed: { days: 1.2, count: MIN_MEASURED - 1 } } }));
    expect(few.whenSource).toBe("norm");
    const enough = nextStep(facts("endorsed", { measured: { endorsed: { days: 1.2, count: MIN_MEASURED } } }));
    expect(enough).toMatchObject({ whenSource: "measured", when: "Meestal binnen 2 dagen (gemeten over het afgelopen jaar)." });
    expect(nextStep(facts("endorsed", { measured: { endorsed: { days: 0.1, count: 9 } } })).when).toContain("binnen 1 dag ");
  });

  it("endorsed: the controllers by name; without names just the role", () => {
    expect(nextStep(facts("endorsed")).who).toBe("De budgetcontroller van de gemeente (Bas Peters en Noor Smit)");
    expect(nextStep(facts("endorsed", { controllerNames: [] })).who).toBe("De budgetcontroller van de gemeente");
  });

  it("info_requested: the author answers the one who asked", () => {
    const you = nextStep(facts("info_requested", { viewerIsAuthor: true, lastActorName: "Kim Jansen" }));
    expect(you).toMatchObject({ actor: "author", who: "Jij", whenSource: "author" });
    expect(you.what).toContain("van Kim Jansen");
    expect(nextStep(facts("info_requested", { lastActorName: "Bas Peters" })).what).toMatch(/^Sanne de Vries beantwoordt de vraag van Bas Peters/);
  });

  it("awaiting_second_approval: another controller than the first, with the threshold in euros", () => {
    const n = nextStep(facts("awaiting_second_approval", { lastActorName: "Bas Peters", thresholdCents: 123_456 }));
    expect(n).toMatchObject({ actor: "second_controller", who: "Een tweede budgetcontroller (niet Bas Peters, die keurde al goed)" });
    expect(n.what).toContain("€\u00a01.234,56");
  });

  it("approved and paid: the controller pays, then settles after the team's receipt", () => {
    expect(nextStep(facts("approved"))).toMatchObject({ actor: "controller", whenSource: "norm", deadline: null });
    expect(nextStep(facts("paid"))).toMatchObject({ actor: "team_then_controller" });
    expect(nextStep(facts("paid")).what).toContain("bon of factuur");
  });

  it("settled: the evaluation date from the budget's setting", () => {
    const n = nextStep(facts("settled", { viewerIsAuthor: true, evaluationDueOn: "2027-02-22" }));
    expect(n).toMatchObject({ actor: "author", who: "Jij", whenSource: "setting" });
    expect(n.when).toContain("22-02-2027");
  });

  it("evaluated, rejected, cancelled: nobody acts any more", () => {
    for (const s of ["evaluated", "rejected", "cancelled"] as const) expect(nextStep(facts(s))).toMatchObject({ actor: "nobody", when: null, deadline: null });
    expect(nextStep(facts("rejected")).what).toContain("nieuwe aanvraag");
  });
});
