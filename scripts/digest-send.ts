// Queues the workgroup e-mail digests that are due now, once (embedded
// database, or DATABASE_URL), e.g. from cron next to or instead of the app
// server's timer. Safe to run while the server runs its own: each user gets
// one digest per day (daily) or week (weekly, Monday), however often it runs.
// The mails go out with the outbox (pnpm outbox:send, or the server with SMTP_URL).
import { openDatabase } from "@wijkwerk/db";
import { digestHour, sendDueDigests } from "@wijkwerk/core/workgroups";

const hour = digestHour(process.env.DIGEST_HOUR);
const handle = await openDatabase();
try {
  const result = await sendDueDigests(handle.db, { now: new Date(), digestHour: hour });
  console.log(`${result.daily} dagoverzichten, ${result.weekly} weekoverzichten in de outbox`);
} finally {
  await handle.close();
}
