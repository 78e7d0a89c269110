// Exactly once with two instances, as real processes: two `node server.js`
// (WIJKWERK_ROLE=all: each serves the web app and runs a scheduler and a
// graphile-worker runner) share one PostgreSQL database and run a whole
// simulated day of schedules (a step every 30 minutes, 48 steps: every hour
// and the nightly 02:30 are steps). The clock
// is the test-only hook of app/lib/test-clock.server.ts (NODE_ENV=test and
// WIJKWERK_TEST_CLOCK_FILE): the test writes the simulated time into a file
// that both schedulers read every 20 ms, so both see each new moment at once
// and race for its slots; both runners take jobs. Meanwhile the day brings
// work: approvals through the JSON API of one instance or the other (their
// notices go to the mail outbox), mails into the outbox, two team cards and
// changes to their spending controls for Stripe.
// Counted at the end, from the processes' own debug lines ("Achtergrondtaak
// uitgevoerd", job and slot) and from the stand-ins: every slot ran once, on
// one instance or the other; every outbox mail reached the SMTP server once;
// every Stripe call (by its Idempotency-Key) reached the local Stripe stand-in
// once and created one cardholder and one card per team; the audit chain and
// the ledger check are clean. Run `pnpm build` first.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, municipalitySettings, outboxEmails, queryRows, sql, users } from "@wijkwerk/db";
import { createApiToken } from "@wijkwerk/core/accounts";
import { requestTeamCard, updateCardControls } from "@wijkwerk/core/cards";
import { enqueueEmail } from "@wijkwerk/core/notifications";
import { checkLedger } from "@wijkwerk/core/workbudget";
import { verifyAuditChain } from "@wijkwerk/core/audit";
import { compileSchedule, migrateQueue, wijkwerkJobs } from "@wijkwerk/core/jobs";
import { createTestDatabase, type TestDatabase } from "../packages/core/test/db";
import { municipalityContext } from "../packages/core/test/fixtures";
import { ledgerWorld } from "../packages/core/test/ledger-fixture";
import { startStripeTestServer, type StripeTestServer } from "./stripe-server";
import { startAppServer, type AppServer } from "./support/app-server";

const SECRET_KEY = "sk_test_jobs_local";
const STEP_MINUTES = 30;
const STEPS = (24 * 60) / STEP_MINUTES;

let t: TestDatabase;
let stripe: StripeTestServer;
let smtp: SMTPServer;
let clockDir: string;
let clockFile: string;
/** Every message the SMTP server accepted: its recipient and (raw) subject. */
const received: { to: string; subject: string }[] = [];
const instances: AppServer[] = [];
let env: Record<string, string>;

/** Sets the simulated time both processes read (written whole, then renamed: never read half-written). */
function setClock(at: Date) {
  writeFileSync(`${clockFile}.tmp`, at.toISOString());
  renameSync(`${clockFile}.tmp`, clockFile);
}

beforeAll(async () => {
  t = await createTestDatabase("postgres");
  // The queue's schema, as `pnpm db:migrate` installs it, before two workers start at once.
  await migrateQueue(t.url!);
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
  clockDir = mkdtempSync(path.join(tmpdir(), "wijkwerk-clock-"));
  clockFile = path.join(clockDir, "now");
  env = {
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: "whsec_jobs_local",
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(stripe.port),
    STRIPE_API_PROTOCOL: "http",
  };
  // requestTeamCard (called here, as the web side would) checks the Stripe settings from the environment.
  Object.assign(process.env, env);
}, 60_000);

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await stripe?.close();
  await t?.drop();
  if (clockDir) rmSync(clockDir, { recursive: true, force: true });
});

async function waitFor(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const queueEmpty = async () => {
  const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from graphile_worker._private_jobs`);
  return Number(row.n) === 0;
};

/** The runs a process reported: its debug lines "Achtergrondtaak uitgevoerd" with job and slot. */
function runsOf(app: AppServer): { job: string; slot: string }[] {
  return app
    .output()
    .split("\n")
    .filter((l) => l.includes('"Achtergrondtaak uitgevoerd"'))
    .map((l) => JSON.parse(l) as { job: string; slot: string })
    .map(({ job, slot }) => ({ job, slot }));
}

describe("two node server.js processes, one database, a simulated day", () => {
  it("runs each slot once and sends each mail and each Stripe call once", async () => {
    const world = await ledgerWorld(t, { year: new Date().getUTCFullYear(), budgetCents: 10_000_000, thresholdCents: 1_000_000 });
    await t.db.update(municipalitySettings).set({ disbursementMode: "stripe_issuing" }).where(eq(municipalitySettings.municipalityId, world.municipalityId));
    await t.db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, world.users.controller1.id));
    const token = (await createApiToken(await municipalityContext(t.db, world.users.controller1.id), { name: "dag" })).token;

    // Tomorrow 00:00 UTC: later than every row's created/next-attempt time written now. The processes start one step before.
    const start = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000);
    setClock(new Date(start.getTime() - STEP_MINUTES * 60_000));
    const started = Date.now();
    instances.push(
      ...(await Promise.all(
        [0, 1].map(() =>
          startAppServer({
            db: t,
            env: {
              ...env,
              NODE_ENV: "test",
              WIJKWERK_ROLE: "all",
              WIJKWERK_TEST_CLOCK_FILE: clockFile,
              WIJKWERK_TEST_TICK_MS: "20",
              WORKER_CONCURRENCY: "2",
              LOG_LEVEL: "debug",
            },
          }),
        ),
      )),
    );
    for (const app of instances) await waitFor(`${app.url}/readyz`, async () => (await fetch(`${app.url}/readyz`)).status === 200);
    // The slots of the moment before the day, claimed by whichever process ticked first, run before the day begins.
    await waitFor("the first slots", async () => {
      const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from job_schedules where name = 'audit-seal'`);
      return Number(row.n) === 1 && (await queueEmpty());
    });

    // What both schedulers must claim at each step (each job's latest due slot).
    const jobs = wijkwerkJobs(env).map((job) => ({ name: job.name, schedule: compileSchedule(job.name, job.schedule), seen: null as Date | null }));
    for (const j of jobs) j.seen = j.schedule.dueSlot(new Date(start.getTime() - STEP_MINUTES * 60_000), null);
    const expected = new Map<string, string[]>(jobs.map((j) => [j.name, []]));

    const approve = async (app: AppServer, id: string) => {
      const res = await fetch(`${app.url}/api/v1/spends/${id}/transitions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `dag-${id}` },
        body: JSON.stringify({ action: "approve" }),
      });
      expect(res.status, await res.text()).toBe(200);
    };
    const mails: string[] = [];
    const cards: string[] = [];
    let controlChanges = 0;
    let approved = 0;
    for (let step = 0; step < STEPS; step++) {
      const now = new Date(start.getTime() + step * STEP_MINUTES * 60_000);
      // The day's work, as the web side writes it: approvals through one instance or the other.
      if (step % 4 === 1) {
        const subject = `Bericht ${step}`;
        await enqueueEmail(t.db, { municipalityId: world.municipalityId, to: `lid${step}@test.demo`, subject, text: "Hallo" });
        mails.push(subject);
      }
      if (step === 2)
        cards.push((await requestTeamCard(await world.as.controller1(), world.teamA.id, { perAuthorizationCapCents: 10_000, monthlyCapCents: 50_000 })).id);
      if (step === 14)
        cards.push((await requestTeamCard(await world.as.controller1(), world.teamB.id, { perAuthorizationCapCents: 5_000, monthlyCapCents: null })).id);
      if (step >= 20 && step % 8 === 4) {
        await updateCardControls(await world.as.controller1(), cards[Math.floor(step / 8) % 2], {
          perAuthorizationCapCents: 1_000 + step,
          monthlyCapCents: null,
        });
        controlChanges++;
      }
      if (step % 6 === 3) {
        await approve(instances[approved % 2], await world.submitted(1_000));
        approved++;
      }
      for (const j of jobs) {
        const slot = j.schedule.dueSlot(now, j.seen);
        if (slot) {
          j.seen = slot;
          expected.get(j.name)!.push(slot.toISOString());
        }
      }
      // Both processes read the new moment within 20 ms and race for its slots; wait until every due slot is claimed and run.
      setClock(now);
      await waitFor(`the slots of ${now.toISOString()}`, async () => {
        const rows = await queryRows<{ name: string; last: string }>(
          t.db,
          sql`select name, to_char(last_slot at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last from job_schedules`,
        );
        const last = new Map(rows.map((r) => [r.name, r.last]));
        return jobs.every((j) => j.seen === null || last.get(j.name) === j.seen.toISOString()) && (await queueEmpty());
      });
    }
    const seconds = (Date.now() - started) / 1000;

    // Every slot of the day ran exactly once, on one instance or the other.
    const runs = instances.map(runsOf);
    const day = runs.flat().filter((r) => r.slot >= start.toISOString());
    console.info(
      `two processes, a simulated day in ${seconds.toFixed(1)} s: ${day.length} runs (${runs.map((r) => r.filter((x) => x.slot >= start.toISOString()).length).join(" + ")})`,
    );
    for (const [name, slots] of expected) {
      expect(
        day
          .filter((r) => r.job === name)
          .map((r) => r.slot)
          .sort(),
        name,
      ).toEqual(slots);
    }
    expect(expected.get("evaluation-reminders")).toHaveLength(24);
    expect(expected.get("workgroup-digests")).toHaveLength(24);
    expect(expected.get("casework-purge")).toEqual([new Date(start.getTime() + 150 * 60_000).toISOString()]);
    expect(expected.get("audit-seal")).toHaveLength(STEPS);
    // Both processes took work.
    for (const r of runs) expect(r.length).toBeGreaterThan(0);

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

    // And the audit chain, sealed by whichever process, verifies; the ledger is clean.
    expect(approved).toBe(8);
    expect(controlChanges).toBe(4);
    const [unsealed] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_events where hash is null`);
    expect(Number(unsealed.n)).toBe(0);
    const chain = await verifyAuditChain(t.db);
    expect(chain.breaks).toEqual([]);
    expect(chain.checked).toBeGreaterThan(approved);
    expect((await checkLedger(t.db)).problems).toEqual([]);
    for (const app of instances) expect(app.output()).not.toContain('"level":50');
  }, 180_000);
});
