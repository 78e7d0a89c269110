// Property test: random workflows of two teams (new requests and drafts, one
// and two approvals, rejections, withdrawals, partial payments, settlements
// with refunds, evaluations with and without another regulation). Afterwards
// every total on the controller's dashboard (what the printable report shows
// too) and in the finance CSVs must be the sum of its rows, equal the
// ledger's balances, and agree with a small model kept beside the run
// (issue 13: the report and the dashboard contradicted themselves).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetBalances, eq, spendRequests } from "@wijkwerk/db";
import {
  saveNorm,
  financeCsv,
  workbudgetDashboard,
  type WorkbudgetDashboard,
  approveSpend,
  cancelSpend,
  createSpendDraft,
  evaluateSpend,
  recordPayment,
  rejectSpend,
  settleSpend,
  submitSpend,
} from "../src/workbudget";
import { SPENDS_CSV_COLUMNS } from "../src/workbudget/ledger-reports";
import { createTestDatabase, type TestDatabase } from "./db";
import { outcomeOf } from "./fixtures";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

const DOMAINS = ["financien", "werk_opleiding", "huisvesting"] as const;
const THRESHOLD = 20_000;
/** The statuses each step starts from (ALLOWED_FROM, for picking a request the step applies to). */
const READY: Record<string, string[]> = {
  approve: ["submitted", "awaiting_second_approval"],
  reject: ["submitted", "awaiting_second_approval"],
  cancel: ["draft", "submitted", "approved"],
  pay: ["approved"],
  settle: ["paid"],
  evaluate: ["settled"],
};

type Command =
  | { kind: "new"; team: 0 | 1; amountCents: number; domains: (typeof DOMAINS)[number][]; norm: 0 | 1 | 2; submit: boolean }
  | { kind: "approve" | "reject" | "cancel"; pick: number }
  | { kind: "pay" | "settle"; pick: number; share: number }
  | { kind: "evaluate"; pick: number; other: boolean; regulationCents: number; leadDays: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("new" as const),
      team: fc.constantFrom(0 as const, 1 as const),
      amountCents: fc.integer({ min: 1, max: 40_000 }),
      domains: fc.subarray([...DOMAINS], { minLength: 1 }),
      norm: fc.constantFrom(0 as const, 1 as const, 2 as const),
      submit: fc.integer({ min: 0, max: 9 }).map((n) => n < 9),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("approve" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("reject" as const, "cancel" as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom("pay" as const, "settle" as const), pick: fc.nat(), share: fc.integer({ min: 0, max: 100 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("evaluate" as const),
      pick: fc.nat(),
      other: fc.boolean(),
      regulationCents: fc.integer({ min: 0, max: 50_000 }),
      leadDays: fc.integer({ min: 0, max: 90 }),
    }),
  },
);

interface ModelSpend {
  id: string;
  team: 0 | 1;
  amount: number;
  status: string;
  reserved: number;
  paid: number;
}

/** The CSV as records (quoted cells, the separator inside quotes, CRLF). */
function parseCsv(text: string, separator: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...records] = rows;
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** "1234,50" / "-0,05" / "" → cents. */
const cents = (v: string) => (v === "" ? 0 : Math.round(Number(v.replace(",", ".")) * 100));
const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);

describe("workbudget figures: every total is the sum of its rows and the ledger's balance", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(() => t.drop());

  it("random workflows: dashboard, report counts and CSVs reconcile with the ledger and a model", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 8, maxLength: 30, size: "max" }),
        fc.integer({ min: 20_000, max: 150_000 }),
        async (commands, budgetCents) => {
          const w = await ledgerWorld(t, { budgetCents, thresholdCents: THRESHOLD });
          const c1 = await w.as.controller1();
          const c2 = await w.as.controller2();
          const authors = [await w.as.author(), await w.as.memberB()];
          const norms = [
            null,
            (await saveNorm(c1, null, { code: `werk_${w.budget.id.slice(0, 6)}`, label: "Werk", amountCents: 1_600_000, unit: "per persoon", source: "UWV" }))
              .id,
            (
              await saveNorm(c1, null, {
                code: `huur_${w.budget.id.slice(0, 6)}`,
                label: "Huur",
                amountCents: 700_000,
                unit: "per huishouden",
                source: "Lokaal",
              })
            ).id,
          ];
          const model: ModelSpend[] = [];
          const statusOf = async (id: string) =>
            (await t.db.select({ status: spendRequests.status }).from(spendRequests).where(eq(spendRequests.id, id)))[0].status as string;

          for (const c of commands) {
            if (c.kind === "new") {
              const author = authors[c.team];
              const normId = norms[c.norm];
              const { id } = await createSpendDraft(author, {
                ...COMPLETE_DRAFT,
                amountCents: c.amountCents,
                lifeDomains: c.domains,
                normId,
                ...(normId ? { expectedReturnCents: null, customReturnJustification: "" } : {}),
                neededOn: "2017-06-01",
              });
              if (c.submit) await submitSpend(author, id);
              model.push({ id, team: c.team, amount: c.amountCents, status: c.submit ? "submitted" : "draft", reserved: 0, paid: 0 });
              continue;
            }
            if (model.length === 0) continue;
            // Mostly a request the step applies to (so runs reach payment, settlement and evaluation), else any (a refusal).
            const ready = model.filter((m) => READY[c.kind].includes(m.status));
            const from = ready.length > 0 && c.pick % 5 !== 0 ? ready : model;
            const s = from[c.pick % from.length];
            const before = s.status;
            if (c.kind === "approve") {
              await outcomeOf(approveSpend(c1, s.id));
              // Above the threshold the first approval waits for a second, different controller.
              if ((await statusOf(s.id)) === "awaiting_second_approval") await outcomeOf(approveSpend(c2, s.id));
            } else if (c.kind === "reject") await outcomeOf(rejectSpend(c1, s.id, { comment: "Past niet" }));
            else if (c.kind === "cancel") await outcomeOf(cancelSpend(authors[s.team], s.id));
            else if (c.kind === "pay")
              await outcomeOf(
                recordPayment(c1, s.id, {
                  amountCents: Math.max(1, Math.floor((s.amount * c.share) / 100)),
                  paymentDate: "2017-06-02",
                  method: "bank_transfer",
                }),
              );
            else if (c.kind === "settle") await outcomeOf(settleSpend(c1, s.id, { actualCents: Math.floor((s.paid * c.share) / 100) }));
            else if (c.kind === "evaluate")
              await outcomeOf(
                evaluateSpend(
                  authors[s.team],
                  s.id,
                  c.other
                    ? {
                        prevented: "yes",
                        realisedReturnCents: 100_000,
                        otherRegulationApplied: true,
                        otherRegulation: "bijzondere_bijstand",
                        otherRegulationAmountCents: c.regulationCents,
                        otherRegulationLeadDays: c.leadDays,
                      }
                    : { prevented: "partly", otherRegulationApplied: false },
                ),
              );
            // The model follows the status the database reached (refusals change nothing) and moves the money itself.
            s.status = await statusOf(s.id);
            if (s.status === before) continue;
            if (s.status === "approved") s.reserved = s.amount;
            if (s.status === "cancelled") s.reserved = 0;
            if (s.status === "paid") {
              const amount = Math.max(1, Math.floor((s.amount * (c as { share: number }).share) / 100));
              s.reserved -= amount;
              s.paid = amount;
            }
            if (s.status === "settled") {
              s.reserved = 0;
              s.paid = Math.floor((s.paid * (c as { share: number }).share) / 100);
            }
          }

          const d = await workbudgetDashboard(c1, { year: 2017 });
          const [cachedRow] = await t.db.select().from(budgetBalances).where(eq(budgetBalances.id, w.budget.id));
          const spendsCsv = parseCsv((await financeCsv(c1, { year: 2017, kind: "spends", decimalComma: true })).replace(/^\uFEFF/, ""), ";");
          const postingsCsv = parseCsv((await financeCsv(c1, { year: 2017, kind: "postings", decimalComma: false })).replace(/^\uFEFF/, ""), ",");
          const committed = d.totals.reservedCents + d.totals.paidCents;
          const APPROVED = ["approved", "paid", "settled", "evaluated"];
          const counted = model.filter((s) => !["draft", "cancelled"].includes(s.status));
          const approved = model.filter((s) => APPROVED.includes(s.status));

          // The ledger: postings = cached balances (the budgets page and the API) = the model.
          expect(d.totals).toEqual(d.cached);
          expect({ funded: cachedRow.fundedCents, reserved: cachedRow.reservedCents, paid: cachedRow.paidCents, available: cachedRow.availableCents }).toEqual({
            funded: d.totals.fundedCents,
            reserved: d.totals.reservedCents,
            paid: d.totals.paidCents,
            available: d.totals.availableCents,
          });
          expect({ reserved: d.totals.reservedCents, paid: d.totals.paidCents, available: d.totals.availableCents }).toEqual({
            reserved: sum(model, (s) => s.reserved),
            paid: sum(model, (s) => s.paid),
            available: budgetCents - sum(model, (s) => s.reserved + s.paid),
          });

          // Per team: each row is the model's team, the total row is the sum of the rows and the ledger's.
          const teamFigures = (team: 0 | 1) => {
            const rows = model.filter((s) => s.team === team);
            return {
              requestCount: rows.filter((s) => counted.includes(s)).length,
              approvedCount: rows.filter((s) => approved.includes(s)).length,
              reservedCents: sum(rows, (s) => s.reserved),
              paidCents: sum(rows, (s) => s.paid),
              committedCents: sum(rows, (s) => s.reserved + s.paid),
            };
          };
          const expectedTeams = ([0, 1] as const)
            .map((team) => ({ teamId: [w.teamA.id, w.teamB.id][team], ...teamFigures(team) }))
            .filter((r) => r.requestCount > 0 || r.committedCents !== 0);
          expect(d.perTeam.map(({ teamName: _, ...r }) => r).sort((a, b) => a.teamId.localeCompare(b.teamId))).toEqual(
            expectedTeams.sort((a, b) => a.teamId.localeCompare(b.teamId)),
          );
          const rowSums = (rows: WorkbudgetDashboard["perTeam"]) => ({
            requestCount: sum(rows, (r) => r.requestCount),
            approvedCount: sum(rows, (r) => r.approvedCount),
            reservedCents: sum(rows, (r) => r.reservedCents),
            paidCents: sum(rows, (r) => r.paidCents),
            committedCents: sum(rows, (r) => r.committedCents),
          });
          expect(d.requests).toEqual(rowSums(d.perTeam));
          expect(d.requests).toEqual({
            requestCount: counted.length,
            approvedCount: approved.length,
            reservedCents: d.totals.reservedCents,
            paidCents: d.totals.paidCents,
            committedCents: committed,
          });

          // Per norm: the approved requests, split; per life domain: each approved request in each of its domains.
          expect(sum(d.perNorm, (r) => r.count)).toBe(d.requests.approvedCount);
          expect(sum(d.perNorm, (r) => r.costCents)).toBe(committed);
          expect(sum(d.perNorm, (r) => r.expectedReturnCents)).toBe(d.returns.expectedReturnCents);
          const approvedCsv = spendsCsv.filter((r) => APPROVED.includes(r.status));
          for (const domain of DOMAINS) {
            const rows = approvedCsv.filter((r) => r.levensdomeinen.split("|").includes(domain));
            const shown = d.perLifeDomain.find((r) => r.domain === domain) ?? { domain, count: 0, costCents: 0 };
            expect(shown).toEqual({ domain, count: rows.length, costCents: sum(rows, (r) => cents(r.vastgelegd_eur)) });
          }

          // Returns: the committed money, and the evaluated requests' share of it.
          const evaluatedCsv = spendsCsv.filter((r) => r.status === "evaluated");
          expect(d.returns.committedCostCents).toBe(committed);
          expect(d.returns.expectedReturnCents).toBe(sum(approvedCsv, (r) => cents(r.verwacht_rendement_eur)));
          expect({ count: d.returns.evaluatedCount, cost: d.returns.evaluatedCostCents, realised: d.returns.realisedReturnCents }).toEqual({
            count: evaluatedCsv.length,
            cost: sum(evaluatedCsv, (r) => cents(r.vastgelegd_eur)),
            realised: sum(evaluatedCsv, (r) => cents(r.gerealiseerd_rendement_eur)),
          });

          // Lists and their totals: prevented problems, other regulations, the queue.
          const settledCsv = spendsCsv.filter((r) => ["settled", "evaluated"].includes(r.status));
          expect(d.preventedTotal).toBe(settledCsv.length);
          for (const p of d.prevented) expect(p.costCents).toBe(cents(settledCsv.find((r) => r.referentie === p.reference)!.vastgelegd_eur));
          const otherCsv = evaluatedCsv.filter((r) => r.andere_regeling !== "");
          expect(d.alternatives.totals.count).toBe(otherCsv.length);
          expect(d.alternatives.totals.workbudgetCostCents).toBe(sum(otherCsv, (r) => cents(r.vastgelegd_eur)));
          expect(d.alternatives.totals.regulationAmountCents).toBe(sum(otherCsv, (r) => cents(r.bedrag_andere_regeling_eur)));
          expect(d.alternatives.totals.differenceCents).toBe(sum(otherCsv, (r) => cents(r.verschil_eur)));
          expect(d.alternatives.totals.workbudgetCostCents).toBe(sum(d.alternatives.rows, (r) => r.workbudgetCostCents));
          expect(d.queue.count).toBe(model.filter((s) => ["submitted", "endorsed", "awaiting_second_approval"].includes(s.status)).length);

          // The spends CSV: one row per request, its money columns add up to the ledger's balances.
          expect(spendsCsv).toHaveLength(model.length);
          expect(Object.keys(spendsCsv[0] ?? Object.fromEntries(SPENDS_CSV_COLUMNS.map((k) => [k, ""])))).toEqual([...SPENDS_CSV_COLUMNS]);
          expect({
            reserved: sum(spendsCsv, (r) => cents(r.gereserveerd_eur)),
            paid: sum(spendsCsv, (r) => cents(r.betaald_eur)),
            committed: sum(spendsCsv, (r) => cents(r.vastgelegd_eur)),
          }).toEqual({ reserved: d.totals.reservedCents, paid: d.totals.paidCents, committed });
          for (const r of spendsCsv) expect(cents(r.vastgelegd_eur)).toBe(cents(r.gereserveerd_eur) + cents(r.betaald_eur));
          // Per team in the CSV = the per-team table.
          for (const row of d.perTeam) {
            const rows = spendsCsv.filter((r) => r.team === row.teamName);
            expect({
              requestCount: rows.filter((r) => !["draft", "cancelled"].includes(r.status)).length,
              approvedCount: rows.filter((r) => APPROVED.includes(r.status)).length,
              reservedCents: sum(rows, (r) => cents(r.gereserveerd_eur)),
              paidCents: sum(rows, (r) => cents(r.betaald_eur)),
              committedCents: sum(rows, (r) => cents(r.vastgelegd_eur)),
            }).toEqual({
              requestCount: row.requestCount,
              approvedCount: row.approvedCount,
              reservedCents: row.reservedCents,
              paidCents: row.paidCents,
              committedCents: row.committedCents,
            });
          }

          // The postings CSV: every group sums to zero; the accounts are the key figures; the burn-down's December too.
          const groups = new Map<string, number>();
          for (const r of postingsCsv) groups.set(r.groep_id, (groups.get(r.groep_id) ?? 0) + cents(r.bedrag_eur));
          expect([...groups.values()].filter((v) => v !== 0)).toEqual([]);
          const account = (a: string) =>
            sum(
              postingsCsv.filter((r) => r.rekening === a),
              (r) => cents(r.bedrag_eur),
            );
          expect({
            fundedCents: -account("funding"),
            reservedCents: account("reserved"),
            paidCents: account("paid"),
            availableCents: account("available"),
          }).toEqual(d.totals);
          expect(d.burnDown[11]).toEqual({ month: "2017-12", committedCents: committed, availableCents: d.totals.availableCents });

          // A team filter: that team's row only, and the totals are that row.
          const onlyA = await workbudgetDashboard(c1, { year: 2017, teamId: w.teamA.id });
          expect(onlyA.perTeam.map((r) => r.teamId)).toEqual(d.perTeam.filter((r) => r.teamId === w.teamA.id).map((r) => r.teamId));
          expect(onlyA.requests).toEqual(rowSums(onlyA.perTeam));
          expect(onlyA.totals).toEqual(d.totals);
        },
      ),
      { numRuns: 25 },
    );
  }, 300_000);
});
