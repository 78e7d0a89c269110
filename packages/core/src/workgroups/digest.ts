// The e-mail digest of workgroup notifications. Each user chooses on their
// account page: no digest (every workgroup notification is e-mailed at
// once, except new threads, which are never mailed one by one), a daily
// digest (each morning) or a weekly one (Monday morning), all in
// Europe/Amsterdam. Users with a digest get no immediate e-mail for workgroup
// notifications (mailPolicy in packages/core/src/notifications/notify.ts); @mentions stay
// immediate for everyone and are therefore not repeated in the digest.
//
// The job (server.js timer, `pnpm digest:send`) runs on the owner connection
// across municipalities, like the evaluation reminders. Exactly once per
// user × period: one statement claims a marker row (notification_digests,
// unique on user × frequency × period start) with ON CONFLICT DO NOTHING and
// writes the e-mail only for the rows it inserted; a concurrent run waits on
// the unique index and then inserts nothing.
import { notificationPreferences, queryRows, sql, withScope, type Database } from "@wijkwerk/db";
import { z } from "zod";
import { type UseCaseContext, invalidInput, sqlMessage, amsterdamDay, amsterdamHour, formatDate } from "../common";
import { workgroupMessages } from "./messages";
import { DIGEST_KINDS } from "../notifications";
import { workgroupScope } from "./workgroups";

export const DIGEST_FREQUENCIES = ["none", "daily", "weekly"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
/** From this hour (Europe/Amsterdam) on, the morning's digests go out. */
export const DEFAULT_DIGEST_HOUR = 7;
/** At most this many notifications are listed in one digest; the rest is counted. */
export const DIGEST_MAX_ITEMS = 50;

// ── The user's choice ──────────────────────────────────────────────────────

export async function getDigestPreference(ctx: UseCaseContext): Promise<DigestFrequency> {
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    const [row] = await tx.select({ digest: notificationPreferences.digest }).from(notificationPreferences);
    return (row?.digest as DigestFrequency | undefined) ?? "none";
  });
}

export const digestPreferenceInput = z.object({ digest: z.enum(DIGEST_FREQUENCIES) });

/** Sets the signed-in user's own choice (RLS: only their own row). */
export async function setDigestPreference(ctx: UseCaseContext, raw: unknown): Promise<DigestFrequency> {
  const parsed = digestPreferenceInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { digest } = parsed.data;
  await withScope(ctx.db, workgroupScope(ctx), (tx) =>
    tx
      .insert(notificationPreferences)
      .values({ userId: ctx.actor.userId, municipalityId: ctx.actor.municipalityId, digest })
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.municipalityId], set: { digest, updatedAt: new Date() } }),
  );
  return digest;
}

// ── The job ────────────────────────────────────────────────────────────────

/** Which digests are due at `now` and for which period (a day, or the week starting that Monday). */
export function duePeriods(now: Date, digestHour = DEFAULT_DIGEST_HOUR): { frequency: "daily" | "weekly"; periodStart: string }[] {
  if (amsterdamHour(now) < digestHour) return [];
  const today = amsterdamDay(now);
  const isMonday = new Date(`${today}T12:00:00Z`).getUTCDay() === 1;
  return [{ frequency: "daily" as const, periodStart: today }, ...(isMonday ? [{ frequency: "weekly" as const, periodStart: today }] : [])];
}

/** DIGEST_HOUR as the scheduler's option: unset → 7, else a whole hour 0–23. */
export function digestHour(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_DIGEST_HOUR;
  const hour = Number(value);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`DIGEST_HOUR must be a whole hour from 0 to 23, got "${value}"`);
  return hour;
}

export interface DigestResult {
  daily: number;
  weekly: number;
}

/**
 * Queues the digests due at `now` (one e-mail per user and period, with their
 * unread workgroup notifications since their previous digest) and returns how
 * many went out. Users with nothing new get no mail and no marker, so a
 * notification later that morning still makes that day's digest.
 */
export async function sendDueDigests(db: Database, opts: { now?: Date; digestHour?: number } = {}): Promise<DigestResult> {
  const now = opts.now ?? new Date();
  const result: DigestResult = { daily: 0, weekly: 0 };
  const baseUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const kinds = `{${DIGEST_KINDS.join(",")}}`;
  for (const { frequency, periodStart } of duePeriods(now, opts.digestHour)) {
    const subject = workgroupMessages.digestMailSubject(frequency, formatDate(periodStart));
    const footer = workgroupMessages.digestFooter(frequency, `${baseUrl}/account`);
    // The mail is written in SQL, one per user: the items listed, then how many more there are.
    const item = sqlMessage(workgroupMessages.digestItem, sql`i.text`, sql`${baseUrl} || i.link`);
    const items = sql`(select string_agg(${item}, E'\n' order by i.pos) from items i where i.user_id = d.user_id and i.pos <= ${DIGEST_MAX_ITEMS})`;
    const more = sql`case when c.notification_count > ${DIGEST_MAX_ITEMS} then ${sqlMessage(workgroupMessages.digestMore, sql`c.notification_count - ${DIGEST_MAX_ITEMS}`, `${baseUrl}/meldingen`)} else '' end`;
    const mail = sqlMessage(workgroupMessages.digestMail, sql`d.name`, sql`c.notification_count`, items, more, footer);
    const rows = await queryRows<{ user_id: string }>(
      db,
      sql`with due as (
            select p.user_id, u.municipality_id, u.email, u.name,
                   (select max(d.created_at) from notification_digests d where d.user_id = p.user_id) as since
            from notification_preferences p join users u on u.id = p.user_id and u.is_active and u.municipality_id = p.municipality_id
            where p.digest = ${frequency}
          ), items as (
            select n.user_id, n.text, n.link, n.created_at, row_number() over (partition by n.user_id order by n.created_at, n.id) as pos
            from due d join notifications n on n.user_id = d.user_id
            where n.read_at is null and n.kind = any(${kinds}::text[]) and n.created_at <= ${now.toISOString()}::timestamptz
              and (d.since is null or n.created_at > d.since)
          ), counted as (
            select user_id, count(*)::int as total from items group by user_id
          ), claimed as (
            insert into notification_digests (municipality_id, user_id, frequency, period_start, notification_count, created_at)
            select d.municipality_id, d.user_id, ${frequency}, ${periodStart}::date, c.total, ${now.toISOString()}::timestamptz
            from due d join counted c on c.user_id = d.user_id
            on conflict (user_id, frequency, period_start, municipality_id) do nothing
            returning user_id, notification_count
          ), mailed as (
            insert into outbox_emails (municipality_id, to_address, subject, text_body)
            select d.municipality_id, d.email, ${subject}, ${mail}
            from due d join claimed c on c.user_id = d.user_id
            returning 1
          )
          select user_id from claimed`,
    );
    result[frequency] += rows.length;
  }
  return result;
}
