// The follow-up reminder: when a settled request's evaluation date
// (spend_requests.evaluation_due_on, set at settlement from the budget's
// evaluation_after_months) is reached in Europe/Amsterdam and it is still
// settled, the author and the team's coordinators get an in-app notification
// and an e-mail asking them to evaluate. Optionally a second reminder N days
// after the first, while it is still not evaluated.
//
// Run by a scheduler (server.js timer, `pnpm reminders:send`) on the owner
// connection across all municipalities, like the outbox sender. "Exactly
// once" without a schema change: the notification row itself (kind +
// spend_id) is the marker. Each batch of spends is claimed with
// FOR UPDATE SKIP LOCKED, and the marker is checked again *after* the lock is
// held, in a new statement — so a run that waited for (or raced) another
// run's commit sees that run's notifications and sends nothing twice.
import { queryRows, sql, type Database, type Tx } from "@wijkwerk/db";
import { authorRecipient, coordinatorRecipients, insertNotices, teamSpendLink, type Notice, type Recipient } from "../notifications";
import { evaluationReminder } from "./messages";
import { amsterdamDay, formatDate, isoDateOf } from "../common";
import { spendReference } from "./spend-queries";

/** Notification kind of the first reminder (the marker for "sent"). */
export const EVALUATION_DUE_KIND = "evaluation_due";
/** Notification kind of the second reminder. */
export const EVALUATION_OVERDUE_KIND = "evaluation_overdue";
/** Days after the first reminder when the second one goes, while the request is still not evaluated. */
export const DEFAULT_OVERDUE_REMINDER_DAYS = 30;
export const REMINDER_BATCH_SIZE = 50;

/**
 * EVALUATION_OVERDUE_REMINDER_DAYS as the scheduler's option: unset → the
 * default (30), "0" → no second reminder, else whole days (1–365).
 */
export function overdueReminderDays(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return DEFAULT_OVERDUE_REMINDER_DAYS;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0 || days > 365)
    throw new RangeError(`EVALUATION_OVERDUE_REMINDER_DAYS must be a whole number of days from 0 to 365, got "${value}"`);
  return days === 0 ? null : days;
}

export interface ReminderOptions {
  now?: Date;
  /** Days after the first reminder for the second one; null or 0 = no second reminder. */
  overdueAfterDays?: number | null;
  batchSize?: number;
}

export interface ReminderResult {
  /** Requests that got their first reminder in this run. */
  due: number;
  /** Requests that got their second reminder in this run. */
  overdue: number;
  /** Notifications written (each with one e-mail in the outbox). */
  notifications: number;
  /** Requests whose team has nobody to tell (author gone, no coordinator): tried again next run. */
  withoutRecipients: number;
}

const TEXT = {
  [EVALUATION_DUE_KIND]: (ref: string, dueOn: string) => evaluationReminder.dueText(ref, formatDate(dueOn)),
  [EVALUATION_OVERDUE_KIND]: (ref: string, dueOn: string) => evaluationReminder.overdueText(ref, formatDate(dueOn)),
};
const SUBJECT = {
  [EVALUATION_DUE_KIND]: evaluationReminder.dueSubject,
  [EVALUATION_OVERDUE_KIND]: evaluationReminder.overdueSubject,
};

type Kind = typeof EVALUATION_DUE_KIND | typeof EVALUATION_OVERDUE_KIND;

interface Candidate {
  id: string;
  municipality_id: string;
  team_id: string;
  author_id: string;
  number: string | number;
  evaluation_due_on: string | Date;
  year: number;
  slug: string;
}

/**
 * Sends the evaluation reminders that are due at `now`, in every
 * municipality, and returns what it did. Safe to run often and from several
 * processes at once.
 */
export async function sendDueEvaluationReminders(db: Database, opts: ReminderOptions = {}): Promise<ReminderResult> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? REMINDER_BATCH_SIZE;
  const overdueAfterDays = opts.overdueAfterDays === undefined ? DEFAULT_OVERDUE_REMINDER_DAYS : opts.overdueAfterDays;
  const result: ReminderResult = { due: 0, overdue: 0, notifications: 0, withoutRecipients: 0 };
  await remindBatches(db, EVALUATION_DUE_KIND, now, null, batchSize, result);
  if (overdueAfterDays && overdueAfterDays > 0) await remindBatches(db, EVALUATION_OVERDUE_KIND, now, overdueAfterDays, batchSize, result);
  return result;
}

async function remindBatches(db: Database, kind: Kind, now: Date, overdueAfterDays: number | null, batchSize: number, result: ReminderResult) {
  const today = amsterdamDay(now);
  // Requests nobody could be told about stay unmarked; skip them for the rest of this run so the loop ends.
  const skipped: string[] = [];
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const firstReminderBefore = overdueAfterDays ? new Date(now.getTime() - overdueAfterDays * 86_400_000).toISOString() : null;
      const rows = await queryRows<Candidate>(
        tx,
        sql`select s.id, s.municipality_id, s.team_id, s.author_id, s.number, s.evaluation_due_on, b.year, t.slug
            from spend_requests s join budgets b on b.id = s.budget_id join teams t on t.id = s.team_id
            where s.status = 'settled' and s.evaluation_due_on <= ${today}::date
              and not exists (select 1 from notifications n where n.spend_id = s.id and n.kind = ${kind})
              ${firstReminderBefore ? sql`and exists (select 1 from notifications n where n.spend_id = s.id and n.kind = ${EVALUATION_DUE_KIND} and n.created_at <= ${firstReminderBefore}::timestamptz)` : sql``}
              ${skipped.length ? sql`and s.id <> all(${`{${skipped.join(",")}}`}::uuid[])` : sql``}
            order by s.evaluation_due_on, s.id
            limit ${batchSize}
            for update of s skip locked`,
      );
      if (!rows.length) return 0;
      // The lock is ours now; a run that held it before us has committed its
      // notifications, and this new statement sees them (READ COMMITTED).
      const ids = `{${rows.map((r) => r.id).join(",")}}`;
      const done = new Set(
        (
          await queryRows<{ spend_id: string }>(
            tx,
            sql`select s.id as spend_id from spend_requests s where s.id = any(${ids}::uuid[])
            and (s.status <> 'settled' or exists (select 1 from notifications n where n.spend_id = s.id and n.kind = ${kind}))`,
          )
        ).map((r) => r.spend_id),
      );
      for (const spend of rows) {
        if (done.has(spend.id)) continue;
        const sent = await remindOne(tx, kind, spend, now);
        if (sent === 0) {
          skipped.push(spend.id);
          result.withoutRecipients++;
          continue;
        }
        result.notifications += sent;
        if (kind === EVALUATION_DUE_KIND) result.due++;
        else result.overdue++;
      }
      return rows.length;
    });
    if (claimed < batchSize) return;
  }
}

/** The author (while still in the team) and the team's coordinators, once each. */
async function remindOne(tx: Tx, kind: Kind, spend: Candidate, now: Date): Promise<number> {
  // step_recipients answers only for the municipality in app.municipality_id (transaction-local).
  await tx.execute(sql`select set_config('app.municipality_id', ${spend.municipality_id}, true)`);
  const people = new Map<string, Recipient>();
  for (const r of [...(await authorRecipient(tx, spend.team_id, spend.author_id)), ...(await coordinatorRecipients(tx, spend.team_id))]) people.set(r.id, r);
  const reference = spendReference(Number(spend.year), Number(spend.number));
  const dueOn = isoDateOf(spend.evaluation_due_on);
  const text = TEXT[kind](reference, dueOn);
  const notices: Notice[] = [...people.values()].map((recipient) => ({
    recipient,
    spendId: spend.id,
    kind,
    text,
    link: teamSpendLink(spend.slug, spend.id),
    subject: SUBJECT[kind](reference),
    // The run's "now", so the second reminder counts its days from the same clock.
    createdAt: now,
  }));
  await insertNotices(tx, spend.municipality_id, notices);
  return notices.length;
}
