// The workbudget's summaries (ADR 0017): after random sequences of the use
// cases — with requests moved between months, merges in between and period
// filters that cut months in two — the kept summary equals the figures
// recomputed from the rows, and the dashboard's breakdowns equal the same
// figures counted from the rows through figures.ts. A hand-broken summary row
// is reported by ledger:check; the summary's status sets are figures.ts's.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, queryRows, spendRequests, sql, withScope } from "@wijkwerk/db";
import {
  approveSpend,
  cancelSpend,
  checkLedger,
  createSpendDraft,
  evaluateSpend,
  recordPayment,
  rejectSpend,
  settleSpend,
  SPEND_STATUSES,
  submitSpend,
  workbudgetDashboard,
} from "../src/workbudget";
import {
  APPROVED_STATUSES,
  SETTLED_STATUSES,
  UNCOUNTED_STATUSES,
  WAITING_STATUSES,
  committedSql,
  createdInPeriodSql,
  isApprovedSql,
  isRequestSql,
  paidSql,
  reservedSql,
  spendBalancesLateralSql,
} from "../src/workbudget/figures";
import { periodMonths } from "../src/workbudget/ledger-reports";
import { summaryDifferences } from "../src/workbudget/summary-check";
import { createTestDatabase, type TestDatabase } from "./db";
import { outcomeOf } from "./fixtures";
import { COMPLETE_DRAFT, ledgerWorld } from "./ledger-fixture";

type Command =
  | { kind: "new"; team: 0 | 1; amountCents: number; submit: boolean; day: number; hour: number; domains: string[] }
  | { kind: "approve" | "reject" | "cancel" | "merge"; pick: number }
  | { kind: "pay" | "settle"; pick: number; share: number }
  | { kind: "evaluate"; pick: number; realised: number }
  | { kind: "move"; pick: number; day: number; hour: number };

const DOMAINS = ["financien", "werk_opleiding", "huisvesting"];
const dayOf2017 = (day: number, hour: number) => new Date(Date.UTC(2017, 0, 1 + day, hour, 30));

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("new" as const),
      team: fc.constantFrom(0 as const, 1 as const),
      amountCents: fc.integer({ min: 1, max: 30_000 }),
      submit: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
      day: fc.integer({ min: 0, max: 364 }),
      hour: fc.integer({ min: 0, max: 23 }),
      domains: fc.subarray(DOMAINS, { minLength: 1 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("approve" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("reject" as const, "cancel" as const, "merge" as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom("pay" as const, "settle" as const), pick: fc.nat(), share: fc.integer({ min: 0, max: 100 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("evaluate" as const), pick: fc.nat(), realised: fc.integer({ min: 0, max: 200_000 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("move" as const), pick: fc.nat(), day: fc.integer({ min: 0, max: 364 }), hour: fc.integer({ min: 0, max: 23 }) }),
  },
);
const period = fc.record({ from: fc.integer({ min: 0, max: 364 }), length: fc.integer({ min: 0, max: 200 }), open: fc.constantFrom("none", "from", "to") });
const iso = (day: number) => dayOf2017(Math.min(day, 364), 12).toISOString().slice(0, 10);

describe("workbudget summaries", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(() => t.drop());

  it("the summary's status sets are figures.ts's, for every status", async () => {
    const rows = await queryRows<{ s: string; request: boolean; approved: boolean; waiting: boolean; settled: boolean }>(
      t.db,
      sql`select s::text, workbudget_is_request(s) as request, workbudget_is_approved(s) as approved, workbudget_is_waiting(s) as waiting,
            workbudget_is_settled(s) as settled from unnest(enum_range(null::spend_status)) s`,
    );
    expect(rows.map((r) => r.s).sort()).toEqual([...SPEND_STATUSES].sort());
    for (const r of rows) {
      expect(r.request, r.s).toBe(!(UNCOUNTED_STATUSES as readonly string[]).includes(r.s));
      expect(r.approved, r.s).toBe((APPROVED_STATUSES as readonly string[]).includes(r.s));
      expect(r.waiting, r.s).toBe((WAITING_STATUSES as readonly string[]).includes(r.s));
      expect(r.settled, r.s).toBe((SETTLED_STATUSES as readonly string[]).includes(r.s));
    }
  });

  it("periodMonths: whole months from the summary, the rest as days", () => {
    expect(periodMonths(null, null)).toEqual({ months: { from: null, to: null }, partial: [] });
    expect(periodMonths("2017-03-01", "2017-05-31")).toEqual({ months: { from: "2017-03-01", to: "2017-05-01" }, partial: [] });
    expect(periodMonths("2017-03-15", "2017-05-10")).toEqual({
      months: { from: "2017-04-01", to: "2017-04-01" },
      partial: [
        { from: "2017-03-15", to: "2017-03-31" },
        { from: "2017-05-01", to: "2017-05-10" },
      ],
    });
    expect(periodMonths("2017-03-15", "2017-04-10")).toEqual({
      months: null,
      partial: [
        { from: "2017-03-15", to: "2017-03-31" },
        { from: "2017-04-01", to: "2017-04-10" },
      ],
    });
    expect(periodMonths("2017-02-03", "2017-02-27")).toEqual({ months: null, partial: [{ from: "2017-02-03", to: "2017-02-27" }] });
    expect(periodMonths("2016-02-01", "2016-02-29")).toEqual({ months: { from: "2016-02-01", to: "2016-02-01" }, partial: [] });
    expect(periodMonths("2017-12-02", null)).toEqual({ months: { from: "2018-01-01", to: null }, partial: [{ from: "2017-12-02", to: "2017-12-31" }] });
  });

  it("random workflows: the summary equals the rows, and the dashboard's breakdowns equal the rows' for any period", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 6, maxLength: 25, size: "max" }),
        fc.array(period, { minLength: 2, maxLength: 3 }),
        async (commands, periods) => {
          const w = await ledgerWorld(t, { budgetCents: 120_000, thresholdCents: 1_000_000 });
          const c1 = await w.as.controller1();
          const authors = [await w.as.author(), await w.as.memberB()];
          const made: { id: string; team: 0 | 1; amount: number; paid: number }[] = [];
          const statusOf = async (id: string) =>
            (await t.db.select({ status: spendRequests.status }).from(spendRequests).where(eq(spendRequests.id, id)))[0].status;
          for (const c of commands) {
            if (c.kind === "new") {
              const { id } = await createSpendDraft(authors[c.team], {
                ...COMPLETE_DRAFT,
                amountCents: c.amountCents,
                lifeDomains: c.domains,
                neededOn: "2017-06-01",
              });
              if (c.submit) await submitSpend(authors[c.team], id);
              await t.db
                .update(spendRequests)
                .set({ createdAt: dayOf2017(c.day, c.hour) })
                .where(eq(spendRequests.id, id));
              made.push({ id, team: c.team, amount: c.amountCents, paid: 0 });
              continue;
            }
            if (c.kind === "merge") {
              await withScope(c1.db, c1.scope, (tx) => tx.execute(sql`select workbudget_summary_merge()`));
              continue;
            }
            if (made.length === 0) continue;
            const s = made[c.pick % made.length];
            if (c.kind === "move")
              await t.db
                .update(spendRequests)
                .set({ createdAt: dayOf2017(c.day, c.hour) })
                .where(eq(spendRequests.id, s.id));
            else if (c.kind === "approve") await outcomeOf(approveSpend(c1, s.id));
            else if (c.kind === "reject") await outcomeOf(rejectSpend(c1, s.id, { comment: "Past niet" }));
            else if (c.kind === "cancel") await outcomeOf(cancelSpend(authors[s.team], s.id));
            else if (c.kind === "pay") {
              const amount = Math.max(1, Math.floor((s.amount * c.share) / 100));
              if ((await outcomeOf(recordPayment(c1, s.id, { amountCents: amount, paymentDate: "2017-06-02", method: "bank_transfer" }))) === "ok")
                s.paid = amount;
            } else if (c.kind === "settle") await outcomeOf(settleSpend(c1, s.id, { actualCents: Math.floor((s.paid * c.share) / 100) }));
            else if (c.kind === "evaluate")
              await outcomeOf(evaluateSpend(authors[s.team], s.id, { prevented: "yes", realisedReturnCents: c.realised, otherRegulationApplied: false }));
            void (await statusOf(s.id));
          }
          expect(await summaryDifferences(t.db)).toEqual([]);

          for (const p of periods) {
            const from = p.open === "from" ? null : iso(p.from);
            const to = p.open === "to" ? null : iso(p.from + p.length);
            const d = await workbudgetDashboard(c1, { year: 2017, from, to });
            // The same figures counted from the rows through figures.ts (the dashboard's query before the summary).
            const days = createdInPeriodSql(sql.raw("s.created_at"), from, to);
            const filter = sql.join([sql`s.budget_id = ${w.budget.id}`, ...days], sql` and `);
            const teams = await queryRows<{ team_id: string; requests: string; approved: string; reserved: string; paid: string; committed: string }>(
              t.db,
              sql`select s.team_id, count(*) filter (where ${isRequestSql()}) as requests, count(*) filter (where ${isApprovedSql()}) as approved,
                  sum(${reservedSql()}) as reserved, sum(${paidSql()}) as paid, sum(${committedSql()}) as committed
                from spend_requests s ${spendBalancesLateralSql()} where ${filter} group by s.team_id
                having count(*) filter (where ${isRequestSql()}) > 0 or sum(${reservedSql()}) <> 0 or sum(${paidSql()}) <> 0`,
            );
            const expected = teams
              .map((r) => ({
                teamId: r.team_id,
                requestCount: Number(r.requests),
                approvedCount: Number(r.approved),
                reservedCents: Number(r.reserved),
                paidCents: Number(r.paid),
                committedCents: Number(r.committed),
              }))
              .sort((a, b) => a.teamId.localeCompare(b.teamId));
            const got = d.perTeam.map(({ teamName: _, ...r }) => r).sort((a, b) => a.teamId.localeCompare(b.teamId));
            expect(got, JSON.stringify({ from, to })).toEqual(expected);
            const [domains] = await queryRows<{ approved: string; committed: string; evaluated: string; settled: string; realised: string }>(
              t.db,
              sql`select coalesce(sum(cardinality(s.life_domains)) filter (where ${isApprovedSql()}), 0) as approved,
                  coalesce(sum(${committedSql()} * cardinality(s.life_domains)) filter (where ${isApprovedSql()}), 0) as committed,
                  count(*) filter (where s.status = 'evaluated') as evaluated, count(*) filter (where s.status in ('settled', 'evaluated')) as settled,
                  coalesce(sum((s.evaluation->>'realisedReturnCents')::bigint) filter (where s.status = 'evaluated'), 0) as realised
                from spend_requests s ${spendBalancesLateralSql()} where ${filter}`,
            );
            expect(d.perLifeDomain.reduce((a, r) => a + r.count, 0)).toBe(Number(domains.approved));
            expect(d.perLifeDomain.reduce((a, r) => a + r.costCents, 0)).toBe(Number(domains.committed));
            expect(d.returns.evaluatedCount).toBe(Number(domains.evaluated));
            expect(d.returns.realisedReturnCents).toBe(Number(domains.realised));
            expect(d.preventedTotal).toBe(Number(domains.settled));
          }
          // Without filters the key figures are the ledger's and the per-team totals equal them.
          const all = await workbudgetDashboard(c1, { year: 2017 });
          expect(all.totalsMatchCache).toBe(true);
          expect(all.requests.committedCents).toBe(all.totals.reservedCents + all.totals.paidCents);
        },
      ),
      { numRuns: 12 },
    );
  }, 600_000);

  it("ledger:check reports a hand-broken summary row, and a merge changes no figure", async () => {
    const w = await ledgerWorld(t);
    const id = await w.submitted(25_000);
    await approveSpend(await w.as.controller1(), id);
    const c1 = await w.as.controller1();
    const before = await workbudgetDashboard(c1, { year: 2017 });
    await withScope(c1.db, c1.scope, (tx) => tx.execute(sql`select workbudget_summary_merge()`));
    const [{ deltas }] = await queryRows<{ deltas: number }>(
      t.db,
      sql`select count(*)::int as deltas from workbudget_summary where budget_id = ${w.budget.id} and not merged`,
    );
    expect(deltas).toBe(0);
    expect(await workbudgetDashboard(c1, { year: 2017 })).toEqual(before);
    expect((await checkLedger(t.db)).problems).toEqual([]);

    await t.db.execute(sql`update workbudget_summary set approved = approved + 1 where budget_id = ${w.budget.id} and life_domain = '' and merged`);
    await t.db.execute(sql`update ledger_month_summary set paid_cents = paid_cents - 7 where budget_id = ${w.budget.id} and allocate and merged`);
    const problems = (await checkLedger(t.db)).problems;
    expect(problems.filter((p) => p.startsWith("samenvatting werkbudget 2017") && p.includes("goedgekeurd 2 wijkt af van de rijen (1)"))).toHaveLength(1);
    expect(problems.filter((p) => p.startsWith("samenvatting boekingen 2017") && p.includes("toekenning: betaald -7 wijkt af van de rijen (0)"))).toHaveLength(
      1,
    );
    await t.db.execute(sql`update workbudget_summary set approved = approved - 1 where budget_id = ${w.budget.id} and life_domain = '' and merged`);
    await t.db.execute(sql`update ledger_month_summary set paid_cents = paid_cents + 7 where budget_id = ${w.budget.id} and allocate and merged`);
    expect((await checkLedger(t.db)).problems).toEqual([]);
  });

  it("RLS: a team reads its own summary rows, the controller the municipality's, a partner none", async () => {
    const w = await ledgerWorld(t);
    await w.submitted(1_000);
    const count = async (ctx: { db: typeof t.db; scope: Parameters<typeof withScope>[1] }) =>
      withScope(ctx.db, ctx.scope, async (tx) => {
        const [r] = await queryRows<{ teams: string[] | null }>(
          tx,
          sql`select array_agg(distinct team_id::text) as teams from workbudget_summary where municipality_id = ${w.municipalityId}`,
        );
        return (r.teams ?? []).sort();
      });
    expect(await count(await w.as.controller1())).toEqual([w.teamA.id]);
    expect(await count(await w.as.author())).toEqual([w.teamA.id]);
    expect(await count(await w.as.memberB())).toEqual([]);
    const c1 = await w.as.controller1();
    const partnerScope = {
      kind: "partner" as const,
      municipalityId: w.municipalityId,
      partnerId: "00000000-0000-0000-0000-000000000001",
      userId: c1.actor.userId,
    };
    expect(await count({ db: t.db, scope: partnerScope })).toEqual([]);
  });
});
