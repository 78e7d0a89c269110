// Sends the evaluation reminders that are due now, once (embedded database,
// or DATABASE_URL), e.g. from cron next to or instead of the app server's
// timer. Safe to run while the server runs its own: each reminder goes once.
import { openDatabase } from "@wijkwerk/db";
import { overdueReminderDays, sendDueEvaluationReminders } from "@wijkwerk/core/workbudget";
import { sendTimeRegistrationReminders } from "@wijkwerk/core/partners";

const overdueAfterDays = overdueReminderDays(process.env.EVALUATION_OVERDUE_REMINDER_DAYS);
const handle = await openDatabase();
try {
  const result = await sendDueEvaluationReminders(handle.db, { now: new Date(), overdueAfterDays });
  console.log(`${result.due} herinneringen, ${result.overdue} tweede herinneringen (te laat), ${result.notifications} meldingen met e-mail`);
  const hours = await sendTimeRegistrationReminders(handle.db, { now: new Date() });
  console.log(`${hours.reminded} herinneringen voor ontbrekende uren van week ${hours.week}`);
  if (result.withoutRecipients) console.log(`${result.withoutRecipients} aanvragen zonder iemand in het team om te herinneren (volgende keer opnieuw)`);
} finally {
  await handle.close();
}
