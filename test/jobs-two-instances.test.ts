// Exactly once with two instances: two app instances — each with its own
// database pool, its own scheduler and its own graphile-worker runner — share
// one PostgreSQL database and run a whole simulated day of schedules (a step
// every 10 minutes, 144 steps). Both schedulers tick at the same simulated
// moment, so they race for every slot; both runners take jobs. Meanwhile the
// day brings work: mails into the outbox, two team cards and changes to their
// spending controls for Stripe, approved requests for the audit chain.
// Counted at the end: every slot ran once; every outbox mail reached the SMTP
// server once; every Stripe call (by its Idempotency-Key) reached the local
// Stripe stand-in once and created one cardholder and one card per team.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, municipalitySettings, openDatabase, outboxEmails, queryRows, sql, type DbHandle } from "@wijkwerk/db";
import { requestTeamCard, updateCardControls } from "@wijkwerk/core/cards";
import { enqueueEmail } from "@wijkwerk/core/notifications";
import { approveSpend } from "@wijkwerk/core/workbudget";
import { verifyAuditChain } from "@wijkwerk/core/audit";
import {
  claimAndEnqueue,
  compileSchedule,
  createScheduler,
  startBackgroundWork,
  wijkwerkJobs,
  type BackgroundWork,
  type JobDefinition,
  type Scheduler,
} from "@wijkwerk/core/jobs";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { ledgerWorld } from "../packages/core/test/ledger-fixture";
import { startStripeTestServer, type StripeTestServer } from "./stripe-server";

const SECRET_KEY = "sk_test_jobs_local";
const STEP_MINUTES = 10;

let t: TestDatabase;
let stripe: StripeTestServer;
let smtp: SMTPServer;
/** Every message the SMTP server accepted: its recipient and (raw) subject. */
const received: { to: string; subject: string }[] = [];
const instances: { handle: DbHandle; scheduler: Scheduler; work: BackgroundWork; claimed: number }[] = [];
/** Every run of every job, by both runners: name and slot. */
const runs: { name: string; at: string }[] = [];

beforeAll(async () => {
  t = await createTestDatabase("postgres");
  stripe = await startStripeTestServer({ secretKey: SECRET_KEY });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        const subject = /^Subject: (.*)$/m.exec(raw.replace(/\r\n[ \t]+/g, " "))?.[1]?.trim() ?? "";
        for (const to of session.envelope.rcptTo) received.push({ to: to.address, subject });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const env: Record<string, string> = {
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: "whsec_jobs_local",
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(stripe.port),
    STRIPE_API_PROTOCOL: "http",
  };
  // requestTeamCard checks the Stripe settings from the environment.
  Object.assign(process.env, env);
  for (let i = 0; i < 2; i++) {
    const handle = await openDatabase({ url: t.url! });
    const jobs: JobDefinition[] = wijkwerkJobs(env).map((job) => ({
      ...job,
      run: (db, now) => {
        runs.push({ name: job.name, at: now.toISOString() });
        return job.run(db, now);
      },
    }));
    const instance = { handle, claimed: 0 } as (typeof instances)[number];
    // The runner takes jobs; the test drives the scheduler with its simulated clock.
    instance.work = await startBackgroundWork(handle, jobs, { connectionString: t.url!, schedule: false, concurrency: 2, log: () => {} });
    instance.scheduler = createScheduler(
      jobs,
      async (job, slot) => {
        const won = await claimAndEnqueue(handle.db, job, slot);
        if (won) instance.claimed++;
        return won;
      },
      (job, error) => {
        throw new Error(`scheduling ${job} failed: ${String(error)}`);
      },
    );
    instances.push(instance);
  }
}, 180_000);

afterAll(async () => {
  for (const i of instances) {
    await i.work.stop();
    await i.handle.close();
  }
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await stripe?.close();
  await t?.drop();
});

/** Waits until both runners have finished every job in the queue. */
async function drained(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from graphile_worker._private_jobs`);
    if (Number(row.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`queue not drained: ${row.n} jobs left`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("two instances, one database, a simulated day", () => {
  it("runs each slot once and sends each mail and each Stripe call once", async () => {
    const world = await ledgerWorld(t, { year: new Date().getUTCFullYear(), budgetCents: 10_000_000, thresholdCents: 1_000_000 });
    await t.db.update(municipalitySettings).set({ disbursementMode: "stripe_issuing" }).where(eq(municipalitySettings.municipalityId, world.municipalityId));
    // Tomorrow 00:00 UTC: later than every row's created/next-attempt time written now.
    const start = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000);
    const steps = (24 * 60) / STEP_MINUTES;
    const mails: string[] = [];
    const cards: string[] = [];
    let controlChanges = 0;
    let approved = 0;
    for (let step = 0; step < steps; step++) {
      const now = new Date(start.getTime() + step * STEP_MINUTES * 60_000);
      // The day's work, as the app's web side would write it.
      if (step % 6 === 1) {
        const subject = `Bericht ${step}`;
        await enqueueEmail(t.db, { municipalityId: world.municipalityId, to: `lid${step}@test.demo`, subject, text: "Hallo" });
        mails.push(subject);
      }
      if (step === 3)
        cards.push((await requestTeamCard(await world.as.controller1(), world.teamA.id, { perAuthorizationCapCents: 10_000, monthlyCapCents: 50_000 })).id);
      if (step === 40)
        cards.push((await requestTeamCard(await world.as.controller1(), world.teamB.id, { perAuthorizationCapCents: 5_000, monthlyCapCents: null })).id);
      if (step > 50 && step % 20 === 0) {
        await updateCardControls(await world.as.controller1(), cards[step % 40 === 0 ? 0 : 1], {
          perAuthorizationCapCents: 1_000 + step,
          monthlyCapCents: null,
        });
        controlChanges++;
      }
      if (step % 12 === 5) {
        await approveSpend(await world.as.controller1(), await world.submitted(1_000));
        approved++;
      }
      // Both instances see the same moment and race for its slots.
      await Promise.all(instances.map((i) => i.scheduler.tick(now)));
      await drained();
    }

    // Every slot ran exactly once, whichever instance claimed it.
    const expectedSlots = (name: string) => {
      const job = wijkwerkJobs({ SMTP_URL: "smtp://x", STRIPE_SECRET_KEY: "k", STRIPE_WEBHOOK_SECRET: "w" }).find((j) => j.name === name)!;
      const schedule = compileSchedule(name, job.schedule);
      let seen: Date | null = null;
      let n = 0;
      for (let step = 0; step < steps; step++) {
        const slot = schedule.dueSlot(new Date(start.getTime() + step * STEP_MINUTES * 60_000), seen);
        if (slot) {
          seen = slot;
          n++;
        }
      }
      return n;
    };
    const byName = (name: string) => runs.filter((r) => r.name === name);
    expect(byName("evaluation-reminders")).toHaveLength(24);
    expect(byName("hours-reminders")).toHaveLength(24);
    expect(byName("workgroup-digests")).toHaveLength(24);
    expect(byName("casework-purge")).toHaveLength(1);
    expect(byName("casework-purge")[0].at).toBe(new Date(start.getTime() + 150 * 60_000).toISOString());
    for (const name of ["audit-seal", "outbox-deliver", "stripe-sync"]) expect(byName(name)).toHaveLength(expectedSlots(name));
    expect(new Set(runs.map((r) => `${r.name}@${r.at}`)).size).toBe(runs.length);
    expect(instances[0].claimed + instances[1].claimed).toBe(runs.length);

    // Each mail left once: the SMTP server got each subject once, and the outbox has nothing unsent.
    const outbox = await t.db.select({ to: outboxEmails.toAddress, sentAt: outboxEmails.sentAt }).from(outboxEmails);
    expect(outbox.length).toBeGreaterThan(mails.length); // the approvals' notices too
    expect(outbox.every((m) => m.sentAt !== null)).toBe(true);
    expect(received.map((m) => m.to).sort()).toEqual(outbox.map((m) => m.to).sort());
    for (const subject of mails) expect(received.filter((m) => m.subject === subject)).toHaveLength(1);

    // Each Stripe call once: one cardholder and one card per team, each Idempotency-Key once, each change of controls once.
    const posts = stripe.requests.filter((r) => r.method === "POST");
    expect(stripe.cardholders.size).toBe(2);
    expect(stripe.cards.size).toBe(2);
    expect(new Set(posts.map((r) => r.idempotencyKey)).size).toBe(posts.length);
    expect(posts.filter((r) => r.path.startsWith("/v1/issuing/cards/") && r.path !== "/v1/issuing/cards")).toHaveLength(controlChanges);
    expect(posts).toHaveLength(2 + 2 + controlChanges);

    // And the audit chain, sealed by whichever worker, verifies.
    expect(approved).toBeGreaterThan(0);
    const [unsealed] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_events where hash is null`);
    expect(Number(unsealed.n)).toBe(0);
    const chain = await verifyAuditChain(t.db);
    expect(chain.breaks).toEqual([]);
    expect(chain.checked).toBeGreaterThan(approved);
  }, 600_000);
});
