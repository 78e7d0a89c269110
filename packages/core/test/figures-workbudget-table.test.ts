// The workbudget table of the figures report (buildReport, pure): the team's
// own view shows every number; the city view hides a count under 5, the
// amounts summed over it, and a city total that would reveal them.
import { describe, expect, test } from "vitest";
import { buildReport } from "../src/figures";
import type { WorkbudgetMonthRow } from "../src/workbudget";

const row = (teamId: string, month: string, r: Partial<WorkbudgetMonthRow>): WorkbudgetMonthRow => ({
  teamId,
  month,
  requests: 0,
  requestedCents: 0,
  approved: 0,
  committedCents: 0,
  paidCents: 0,
  expectedReturnCents: 0,
  realisedReturnCents: 0,
  problemsPrevented: 0,
  ...r,
});
const teams = [
  { id: "a", name: "Team A" },
  { id: "b", name: "Team B" },
  { id: "c", name: "Team C" },
];
const workbudget = [
  row("a", "2026-01", { requests: 4, requestedCents: 100_000, approved: 3, committedCents: 90_000, paidCents: 50_000, expectedReturnCents: 500_000 }),
  row("a", "2026-02", { requests: 3, requestedCents: 20_000, approved: 3, committedCents: 20_000, paidCents: 20_000, expectedReturnCents: 10_000 }),
  row("b", "2026-02", {
    requests: 2,
    requestedCents: 7_500,
    approved: 1,
    committedCents: 2_500,
    paidCents: 0,
    expectedReturnCents: 0,
    problemsPrevented: 1,
    realisedReturnCents: 80_000,
  }),
  row("c", "2026-01", { requests: 6, requestedCents: 60_000, approved: 6, committedCents: 60_000, paidCents: 60_000, expectedReturnCents: 120_000 }),
];
const lines = (report: ReturnType<typeof buildReport>) =>
  report.tables.find((x) => x.id === "workbudget")!.rows.map((r) => `${r.label}: ${r.cells.map((c) => c.display.replace(/\u00a0/g, " ")).join(" | ")}`);

describe("the workbudget table", () => {
  test("the team's own view: every number, amounts in euros", () => {
    const report = buildReport({
      scope: { kind: "team", teamId: "a" },
      from: "2026-01",
      to: "2026-02",
      months: ["2026-01", "2026-02"],
      teams: [teams[0]],
      figures: [],
      workbudget,
      suppressed: false,
    });
    expect(lines(report)).toEqual([
      "Aanvragen: 7",
      "Aangevraagd bedrag: € 1.200,00",
      "Goedgekeurd: 6",
      "Vastgelegd: € 1.100,00",
      "Betaald: € 700,00",
      "Verwachte financiële opbrengst: € 5.100,00",
      "Gerealiseerde financiële opbrengst: € 0,00",
      "Voorkomen problemen: 0",
    ]);
  });

  test("the city view: B's 2 requests hidden with their amounts, and the city totals that would reveal them", () => {
    const report = buildReport({
      scope: { kind: "city" },
      from: "2026-01",
      to: "2026-02",
      months: ["2026-01", "2026-02"],
      teams,
      figures: [],
      workbudget,
      suppressed: true,
    });
    expect(lines(report)).toEqual([
      "Aanvragen: 7 | < 5 | 6 | < 5",
      "Aangevraagd bedrag: € 1.200,00 | < 5 | € 600,00 | < 5",
      "Goedgekeurd: 6 | < 5 | 6 | < 5",
      "Vastgelegd: € 1.100,00 | < 5 | € 600,00 | < 5",
      "Betaald: € 700,00 | < 5 | € 600,00 | < 5",
      "Verwachte financiële opbrengst: € 5.100,00 | < 5 | € 1.200,00 | < 5",
      // Realised returns are over the settled/evaluated requests: 0, 1 and 0 — all under 5, so all hidden.
      "Gerealiseerde financiële opbrengst: < 5 | < 5 | < 5 | < 5",
      "Voorkomen problemen: < 5 | < 5 | < 5 | < 5",
    ]);
  });
});
