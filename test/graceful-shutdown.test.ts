// Graceful shutdown under load: the real `node server.js` (role all: web and
// the job queue) on PostgreSQL gets SIGTERM in the middle of a burst of
// approvals through the JSON API. It must stop taking requests, finish the
// requests it is serving and the jobs it holds, and exit: every approval
// answered 200 is in the ledger once, every approval that was turned away
// (connection refused, or 503 "Wijkwerk stopt" on a kept-alive connection) is
// not in it at all, nothing else answered, and the ledger check
// (`pnpm ledger:check`'s checkLedger) is clean. Then a second server starts on
// the same database, /readyz says ready, and the rest of the approvals go
// through. Run `pnpm build` first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, ledgerPostings, spendRequests, users } from "@wijkwerk/db";
import { createApiToken } from "@wijkwerk/core/accounts";
import { checkLedger } from "@wijkwerk/core/workbudget";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { municipalityContext } from "../packages/core/test/fixtures";
import { ledgerWorld } from "../packages/core/test/ledger-fixture";
import { startAppServer } from "./support/app-server";

const BURST = 80;
/** Requests approved only after SIGTERM was handled: they must all be turned away. */
const EXTRA = 5;
let t: TestDatabase;
let world: Awaited<ReturnType<typeof ledgerWorld>>;
let token: string;
const spendIds: string[] = [];
const extraIds: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase("postgres");
  world = await ledgerWorld(t, { year: 2017, budgetCents: 10_000_000, thresholdCents: 1_000_000 });
  await t.db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, world.users.controller1.id));
  token = (await createApiToken(await municipalityContext(t.db, world.users.controller1.id), { name: "burst" })).token;
  for (let i = 0; i < BURST; i++) spendIds.push(await world.submitted(1_000 + i));
  for (let i = 0; i < EXTRA; i++) extraIds.push(await world.submitted(500 + i));
}, 180_000);

afterAll(async () => {
  await t?.drop();
});

/** /readyz turns 200 once the worker has installed the queue's schema and started. */
async function waitReady(base: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  let last = "";
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/readyz`);
    last = `${res.status} ${await res.text()}`;
    if (res.status === 200) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`/readyz did not turn 200: ${last}`);
}

type Outcome = { id: string; status: number | null };
const approve = (base: string, id: string): Promise<Outcome> =>
  fetch(`${base}/api/v1/spends/${id}/transitions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `burst-${id}` },
    body: JSON.stringify({ action: "approve" }),
    signal: AbortSignal.timeout(60_000),
  }).then(
    async (res) => {
      await res.text();
      return { id, status: res.status };
    },
    () => ({ id, status: null }), // refused or closed at the door: never reached the app
  );

async function approvedInDb(ids: string[]): Promise<Set<string>> {
  const rows = await t.db
    .select({ id: spendRequests.id })
    .from(spendRequests)
    .where(and(inArray(spendRequests.id, ids), eq(spendRequests.status, "approved")));
  return new Set(rows.map((r) => r.id));
}

describe("SIGTERM during a burst of approvals", () => {
  it("finishes what it took, takes nothing more, loses and doubles nothing", async () => {
    const app = await startAppServer({ db: t, env: { SHUTDOWN_TIMEOUT_SECONDS: "30" }, stopGraceMs: 40_000 });
    let stopped: Promise<void> | undefined;
    try {
      expect(await waitReady(app.url)).toBe("200 ok");
      // The burst; SIGTERM as soon as the first approval has been answered.
      let first!: () => void;
      const firstAnswered = new Promise<void>((r) => (first = r));
      const burst = Promise.all(
        spendIds.map((id) =>
          approve(app.url, id).then((o) => {
            if (o.status !== null) first();
            return o;
          }),
        ),
      );
      await firstAnswered;
      stopped = app.stop();
      // Once the server has taken the signal (/readyz no longer 200), new approvals are turned away at the door.
      for (;;) {
        const r = await fetch(`${app.url}/readyz`).then(
          async (res) => `${res.status} ${await res.text()}`,
          () => "refused",
        );
        if (!r.startsWith("200")) {
          expect(["refused", "503 niet klaar: stopt"]).toContain(r);
          break;
        }
        await new Promise((res) => setTimeout(res, 10));
      }
      const late = await Promise.all(extraIds.map((id) => approve(app.url, id)));
      const outcomes = await burst;
      await stopped;
      expect(app.output()).toContain("SIGTERM: Wijkwerk stopt");
      expect(app.output()).toContain("Wijkwerk is gestopt.");

      // 503: came in on a kept-alive connection after the signal, not taken ("Wijkwerk stopt").
      const answered = outcomes.filter((o) => o.status !== null && o.status !== 503);
      console.log(
        `burst: ${answered.length} answered, ${BURST - answered.length} turned away; after SIGTERM: ${late.filter((o) => o.status !== null).length} of ${late.length} answered`,
      );
      expect(answered.every((o) => o.status === 200)).toBe(true);
      expect(answered.length).toBeGreaterThan(0);
      expect(late.every((o) => o.status === null || o.status === 503)).toBe(true);
      expect((await approvedInDb(extraIds)).size).toBe(0);
      // Approved in the database ⇔ answered 200.
      const approved = await approvedInDb(spendIds);
      const ok = new Set(answered.filter((o) => o.status === 200).map((o) => o.id));
      expect([...approved].sort()).toEqual([...ok].sort());
      // One reservation per approved request, none for the others.
      const postings = await t.db
        .selectDistinct({ spendId: ledgerPostings.spendId, groupId: ledgerPostings.groupId })
        .from(ledgerPostings)
        .where(inArray(ledgerPostings.spendId, spendIds));
      expect(postings.map((p) => p.spendId).sort()).toEqual([...approved].sort());
      expect((await checkLedger(t.db)).problems).toEqual([]);
    } finally {
      await (stopped ?? app.stop());
    }

    // A new instance on the same database: ready, and the rest goes through.
    const again = await startAppServer({ db: t });
    try {
      expect(await waitReady(again.url)).toBe("200 ok");
      const rest = await Promise.all([...spendIds, ...extraIds].map((id) => approve(again.url, id)));
      expect(rest.every((o) => o.status === 200)).toBe(true);
      expect((await approvedInDb([...spendIds, ...extraIds])).size).toBe(BURST + EXTRA);
      expect((await checkLedger(t.db)).problems).toEqual([]);
    } finally {
      await again.stop();
    }
  }, 240_000);
});
