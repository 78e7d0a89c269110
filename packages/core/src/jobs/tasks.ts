// Wijkwerk's background jobs: what each one does, and when. The queue (worker.ts,
// graphile-worker on PostgreSQL) and the in-process runner (in-process.ts, the
// embedded PGlite database) both run exactly these functions. Every function is
// safe when it runs twice at once or twice for the same moment: the work it does
// is claimed in the database (outbox rows with FOR UPDATE SKIP LOCKED, reminder
// and digest marker rows with primary keys, audit_seal()'s chain lock, Stripe
// calls with our own Idempotency-Key) — the queue makes doubles rare, these
// make them harmless.
import type { Database } from "@wijkwerk/db";
import { sealAuditChains } from "../audit";
import { createStripeClient, deliverStripeOutbox, stripeSettingsFromEnv } from "../cards";
import { purgeExpiredCasework } from "../casework";
import { createSmtpTransport, deliverOutbox } from "../notifications";
import { sendTimeRegistrationReminders } from "../partners";
import { overdueReminderDays, sendDueEvaluationReminders } from "../workbudget";
import { digestHour, sendDueDigests } from "../workgroups";
import { positiveNumber, type Schedule } from "./schedule";

export interface JobDefinition {
  /** The job's name: its graphile-worker task, its job key and its job_schedules row. */
  name: string;
  schedule: Schedule;
  /** One run for the moment `now` (the slot's time). Returns a line for the log when it did something. */
  run(db: Database, now: Date): Promise<string | null>;
  /** How often the queue tries one run before it gives up (the next slot runs anyway). Default 5. */
  maxAttempts?: number;
}

/**
 * The jobs for this environment: the outbox only with SMTP_URL, the Stripe
 * outbox only with Stripe configured. Intervals and cron patterns from the
 * environment (README, docs/operations.md).
 */
export function wijkwerkJobs(env: Record<string, string | undefined> = process.env): JobDefinition[] {
  const jobs: JobDefinition[] = [
    {
      // Audited commands insert their events unchained; this links them into the municipality's hash chain shortly after commit (decision 0008).
      name: "audit-seal",
      schedule: { everySeconds: positiveNumber(env.AUDIT_SEAL_INTERVAL_MS, 1000) / 1000 },
      async run(db) {
        await sealAuditChains(db);
        return null;
      },
    },
    {
      name: "evaluation-reminders",
      schedule: { cron: env.REMINDERS_CRON || "0 * * * *" },
      async run(db, now) {
        const r = await sendDueEvaluationReminders(db, { now, overdueAfterDays: overdueReminderDays(env.EVALUATION_OVERDUE_REMINDER_DAYS) });
        return r.due || r.overdue ? `Evaluatieherinneringen: ${r.due} op tijd, ${r.overdue} te laat, ${r.notifications} meldingen` : null;
      },
    },
    {
      // Last week's missing time registrations: once per person × week.
      name: "hours-reminders",
      schedule: { cron: env.REMINDERS_CRON || "0 * * * *" },
      async run(db, now) {
        const r = await sendTimeRegistrationReminders(db, { now });
        return r.reminded ? `Urenregistratie: ${r.reminded} herinneringen voor vorige week` : null;
      },
    },
    {
      // The workgroup e-mail digests that are due: once per user × day or week.
      name: "workgroup-digests",
      schedule: { cron: env.REMINDERS_CRON || "0 * * * *" },
      async run(db, now) {
        const r = await sendDueDigests(db, { now, digestHour: digestHour(env.DIGEST_HOUR) });
        return r.daily + r.weekly ? `Werkgroepen: ${r.daily + r.weekly} e-mailoverzichten (digest) in de outbox` : null;
      },
    },
    {
      // The casework retention purge (docs/dpia.md); households being purged by another run are skipped.
      name: "casework-purge",
      schedule: { cron: env.CASEWORK_PURGE_CRON || "30 2 * * *" },
      async run(db, now) {
        const r = await purgeExpiredCasework(db, now);
        return r.households || r.grants
          ? `Bewaartermijnen: ${r.households} huishoudens vernietigd (${r.records} regels in het vernietigingslog), ${r.grants} oude noodtoegangen verwijderd`
          : null;
      },
    },
  ];
  const smtpUrl = env.SMTP_URL;
  if (smtpUrl) {
    let transport: ReturnType<typeof createSmtpTransport> | undefined;
    const from = env.MAIL_FROM ?? "Wijkwerk <noreply@wijkwerk.local>";
    jobs.push({
      name: "outbox-deliver",
      schedule: { everySeconds: positiveNumber(env.OUTBOX_INTERVAL_SECONDS, 30) },
      async run(db) {
        transport ??= createSmtpTransport(smtpUrl);
        const r = await deliverOutbox(db, transport, { from });
        return r.sent || r.failed ? `Outbox: ${r.sent} verzonden, ${r.failed} mislukt` : null;
      },
    });
  }
  const stripe = stripeSettingsFromEnv(env as NodeJS.ProcessEnv);
  if (stripe) {
    let client: ReturnType<typeof createStripeClient> | undefined;
    jobs.push({
      name: "stripe-sync",
      schedule: { everySeconds: positiveNumber(env.STRIPE_SYNC_INTERVAL_SECONDS, 15) },
      async run(db, now) {
        client ??= createStripeClient(stripe);
        const r = await deliverStripeOutbox(db, client, { now });
        return r.sent || r.failed ? `Stripe: ${r.sent} verstuurd, ${r.failed} mislukt` : null;
      },
    });
  }
  return jobs;
}
