// Weekly time registration: a team member registers the hours worked for a
// team in one ISO week, split over activity kinds, in quarter hours, at most
// 60 per week. One row per person × team × week (an upsert, one statement,
// one transaction); the employer and discipline are copied from the person at
// that moment. Coordinators see their team's registrations and missing weeks.
// A scheduler reminds people about a missing last week, once per person × week.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, withScope, type Database } from "@wijkwerk/db";
import { z } from "zod";
import { type TeamContext, DomainError, invalidInput, sqlMessage, amsterdamDay } from "../common";
import { noticeMail } from "../notifications";
import { timeRegistrationMessages } from "./messages";

export const ACTIVITY_KINDS = ["individual", "collective", "meeting", "workgroup", "other"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type Hours = Record<ActivityKind, number>;
export const MAX_HOURS_PER_WEEK = 60;

// ── ISO weeks ──────────────────────────────────────────────────────────────

const DAY = 86_400_000;
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/** The Monday (yyyy-mm-dd) of the ISO week containing this date. */
export function mondayOf(isoDay: string): string {
  const d = utc(isoDay);
  return isoOf(new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY));
}

export const addDays = (day: string, n: number) => isoOf(new Date(utc(day).getTime() + n * DAY));
export const addWeeks = (monday: string, n: number) => addDays(monday, 7 * n);

/** "2026-W47" for the week starting on this Monday. */
export function isoWeekLabel(monday: string): string {
  const thursday = new Date(utc(monday).getTime() + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday of "2026-W47", or null when it is not a valid ISO week. */
export function mondayOfIsoWeek(label: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  const jan4 = isoOf(new Date(Date.UTC(year, 0, 4)));
  const monday = addWeeks(mondayOf(jan4), week - 1);
  return week >= 1 && isoWeekLabel(monday) === label ? monday : null;
}

/** This week's Monday in Europe/Amsterdam. */
export const currentMonday = (now: Date = new Date()) => mondayOf(amsterdamDay(now));

// ── Validation ─────────────────────────────────────────────────────────────

const hoursField = z.coerce
  .number()
  .min(0)
  .refine((h) => h <= MAX_HOURS_PER_WEEK, { params: { code: "hours_too_many" } })
  .refine((h) => Number.isInteger(h * 4), { params: { code: "hours_not_quarter" } });

export const timeRegistrationInput = z
  .object({
    week: z.string(),
    individual: hoursField,
    collective: hoursField,
    meeting: hoursField,
    workgroup: hoursField,
    other: hoursField,
  })
  .superRefine((v, c) => {
    if (!mondayOfIsoWeek(v.week)) c.addIssue({ code: "custom", path: ["week"], params: { code: "invalid_input" } });
    const total = ACTIVITY_KINDS.reduce((a, k) => a + v[k], 0);
    if (total > MAX_HOURS_PER_WEEK) c.addIssue({ code: "custom", path: ["form"], params: { code: "hours_too_many" } });
  });
export type TimeRegistrationInput = z.input<typeof timeRegistrationInput>;

const total = (h: Hours) => ACTIVITY_KINDS.reduce((a, k) => a + Math.round(h[k] * 4), 0) / 4;

// ── Reading and writing one's own week ─────────────────────────────────────

interface HoursRow {
  individual_hours: string;
  collective_hours: string;
  meeting_hours: string;
  workgroup_hours: string;
  other_hours: string;
}
const toHours = (r: HoursRow): Hours => ({
  individual: Number(r.individual_hours),
  collective: Number(r.collective_hours),
  meeting: Number(r.meeting_hours),
  workgroup: Number(r.workgroup_hours),
  other: Number(r.other_hours),
});

export interface WeekForm {
  week: string;
  weekStart: string;
  /** The week's Sunday. */
  weekEnd: string;
  previousWeek: string;
  /** Null when the next week has not started yet. */
  nextWeek: string | null;
  contractedHours: number | null;
  /** What the form shows: the saved hours, else last week's (when asked), else the contract hours as individual support. */
  hours: Hours;
  source: "saved" | "previous" | "contract" | "empty";
  saved: boolean;
  /** Whether last week has a registration to copy. */
  previousAvailable: boolean;
}

const zeroHours = (): Hours => ({ individual: 0, collective: 0, meeting: 0, workgroup: 0, other: 0 });

/** The signed-in member's week in this team (default: the current week), for the form. */
export async function getWeekForm(ctx: TeamContext, opts: { week?: string | null; copyPrevious?: boolean; now?: Date } = {}): Promise<WeekForm> {
  const { teamId, userId, municipalityId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TimeRegistration", { teamId, userId, municipalityId }));
  const thisMonday = currentMonday(opts.now);
  const weekStart = opts.week ? mondayOfIsoWeek(opts.week) : thisMonday;
  if (!weekStart) throw new DomainError("not_found", 404);
  if (weekStart > thisMonday) throw new DomainError("week_in_future", 400);
  const previousStart = addWeeks(weekStart, -1);
  const rows = await withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<HoursRow & { week_start: string; contracted: string | null }>(
      tx,
      sql`select r.week_start::text as week_start, r.individual_hours, r.collective_hours, r.meeting_hours, r.workgroup_hours, r.other_hours, null::text as contracted
          from time_registrations r where r.team_id = ${teamId} and r.user_id = ${userId} and r.week_start in (${weekStart}::date, ${previousStart}::date)
          union all
          select null, null, null, null, null, null,
                 (select m.contracted_hours_per_week::text from team_membership_periods m
                  where m.team_id = ${teamId} and m.user_id = ${userId}
                    and period_overlaps(m.valid_from, m.valid_to, ${weekStart}::date, ${weekStart}::date + 6)
                  order by m.valid_from limit 1)`,
    ),
  );
  const current = rows.find((r) => r.week_start === weekStart);
  const previous = rows.find((r) => r.week_start === previousStart);
  const contractRow = rows.find((r) => r.week_start === null);
  const contractedHours = contractRow?.contracted ? Number(contractRow.contracted) : null;
  let hours: Hours;
  let source: WeekForm["source"];
  if (opts.copyPrevious && previous) [hours, source] = [toHours(previous), "previous"];
  else if (current) [hours, source] = [toHours(current), "saved"];
  else if (contractedHours) [hours, source] = [{ ...zeroHours(), individual: Math.min(contractedHours, MAX_HOURS_PER_WEEK) }, "contract"];
  else [hours, source] = [zeroHours(), "empty"];
  return {
    week: isoWeekLabel(weekStart),
    weekStart,
    weekEnd: isoOf(new Date(utc(weekStart).getTime() + 6 * DAY)),
    previousWeek: isoWeekLabel(previousStart),
    nextWeek: weekStart < thisMonday ? isoWeekLabel(addWeeks(weekStart, 1)) : null,
    contractedHours,
    hours,
    source,
    saved: Boolean(current),
    previousAvailable: Boolean(previous),
  };
}

/** Saves (inserts or replaces) the member's hours for one week in this team. */
export async function saveTimeRegistration(ctx: TeamContext, raw: TimeRegistrationInput, opts: { now?: Date } = {}): Promise<{ week: string; total: number }> {
  const { teamId, userId, municipalityId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("TimeRegistration", { teamId, userId, municipalityId }));
  const parsed = timeRegistrationInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  const weekStart = mondayOfIsoWeek(v.week)!;
  if (weekStart > currentMonday(opts.now)) throw new DomainError("week_in_future", 400, { week: ["week_in_future"] });
  await withScope(ctx.db, ctx.scope, async (tx) => {
    // Only a professional in the team registers (volunteers have no contract); the employer and discipline are copied.
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into time_registrations (municipality_id, team_id, user_id, partner_organisation_id, discipline, week_start,
                                          individual_hours, collective_hours, meeting_hours, workgroup_hours, other_hours)
          select ${municipalityId}, ${teamId}, u.id, u.partner_organisation_id, u.discipline, ${weekStart}::date,
                 ${v.individual}, ${v.collective}, ${v.meeting}, ${v.workgroup}, ${v.other}
          from users u
          where u.id = ${userId} and exists (select 1 from team_membership_periods m
                                             where m.user_id = u.id and m.team_id = ${teamId} and m.role in ('coordinator', 'member')
                                               and period_overlaps(m.valid_from, m.valid_to, ${weekStart}::date, ${weekStart}::date + 6))
          on conflict (user_id, team_id, week_start, municipality_id) do update set
            individual_hours = excluded.individual_hours, collective_hours = excluded.collective_hours,
            meeting_hours = excluded.meeting_hours, workgroup_hours = excluded.workgroup_hours, other_hours = excluded.other_hours,
            partner_organisation_id = excluded.partner_organisation_id, discipline = excluded.discipline, updated_at = now()
          returning id`,
    );
    if (!row) throw new DomainError("not_in_team", 403);
  });
  return { week: v.week, total: total(v) };
}

// ── The coordinator's overview ─────────────────────────────────────────────

export interface TeamWeekCell {
  week: string;
  /** Registered hours; null = nothing registered. */
  total: number | null;
  /** Whether the week counts (the membership existed by its Sunday): a missing expected week is a gap. */
  expected: boolean;
}

export interface TeamTimeOverview {
  weeks: { week: string; weekStart: string }[];
  people: { userId: string; name: string; discipline: string | null; contractedHours: number | null; cells: TeamWeekCell[]; missing: number }[];
  /** Hours per activity kind over the shown weeks, the whole team. */
  activityTotals: Hours;
  missingTotal: number;
}

/**
 * The team's professionals (coordinators and members) × the last `weeks`
 * completed weeks plus the current one: hours, or missing. A week counts as
 * expected once the membership existed by its Sunday. One query.
 */
export async function teamTimeOverview(ctx: TeamContext, opts: { weeks?: number; now?: Date } = {}): Promise<TeamTimeOverview> {
  const { teamId, municipalityId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TimeRegistration", { teamId, municipalityId }));
  const count = Math.min(Math.max(opts.weeks ?? 8, 1), 26);
  const thisMonday = currentMonday(opts.now);
  const lastMonday = addWeeks(thisMonday, -1);
  const first = addWeeks(lastMonday, -(count - 1));
  const weekStarts = Array.from({ length: count }, (_, i) => addWeeks(first, i));
  const rows = await withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<
      HoursRow & {
        user_id: string;
        name: string;
        discipline: string | null;
        contracted: string | null;
        periods: [string, string | null][];
        week_start: string | null;
      }
    >(
      tx,
      // Everyone with a professional period in the shown weeks; their latest terms; a week is expected
      // when one of their periods overlaps it.
      sql`with people as (
            select distinct on (m.user_id) m.user_id, m.contracted_hours_per_week, m.disciplines,
                   (select json_agg(json_build_array(x.valid_from, x.valid_to)) from team_membership_periods x
                    where x.team_id = m.team_id and x.user_id = m.user_id and x.role in ('coordinator', 'member')) as periods
            from team_membership_periods m
            where m.team_id = ${teamId} and m.role in ('coordinator', 'member')
              and period_overlaps(m.valid_from, m.valid_to, ${first}::date, ${thisMonday}::date + 6)
            order by m.user_id, m.valid_from desc
          )
          select p.user_id, u.name, coalesce(array_to_string(p.disciplines, ' + '), u.discipline) as discipline,
                 p.contracted_hours_per_week::text as contracted, p.periods, r.week_start::text as week_start,
                 r.individual_hours, r.collective_hours, r.meeting_hours, r.workgroup_hours, r.other_hours
          from people p join users u on u.id = p.user_id
          left join time_registrations r on r.user_id = p.user_id and r.team_id = ${teamId} and r.week_start between ${first}::date and ${lastMonday}::date
          where u.is_active
          order by u.name, u.id, r.week_start`,
    ),
  );
  const people = new Map<string, TeamTimeOverview["people"][number] & { byWeek: Map<string, number>; periods: [string, string | null][] }>();
  const activityTotals = zeroHours();
  for (const r of rows) {
    let p = people.get(r.user_id);
    if (!p) {
      p = {
        userId: r.user_id,
        name: r.name,
        discipline: r.discipline,
        contractedHours: r.contracted === null ? null : Number(r.contracted),
        cells: [],
        missing: 0,
        byWeek: new Map(),
        periods: r.periods ?? [],
      };
      people.set(r.user_id, p);
    }
    if (r.week_start) {
      const h = toHours(r);
      p.byWeek.set(r.week_start, total(h));
      for (const k of ACTIVITY_KINDS) activityTotals[k] += h[k];
    }
  }
  let missingTotal = 0;
  const out = [...people.values()].map(({ byWeek, periods, ...p }) => {
    const cells = weekStarts.map((ws) => {
      // A period [from, to) overlaps the week Monday..Sunday (the same rule as period_overlaps in SQL).
      const expected = periods.some(([from, to]) => from <= addDays(ws, 6) && (to === null || to > ws));
      const t = byWeek.get(ws);
      return { week: isoWeekLabel(ws), total: t ?? null, expected };
    });
    const missing = cells.filter((c) => c.total === null && c.expected).length;
    missingTotal += missing;
    return { ...p, cells, missing };
  });
  return { weeks: weekStarts.map((ws) => ({ week: isoWeekLabel(ws), weekStart: ws })), people: out, activityTotals, missingTotal };
}

// ── Reminders ──────────────────────────────────────────────────────────────

export const TIME_REMINDER_KIND = "time_registration_missing";

/**
 * Reminds every active professional who has not registered last week's hours
 * for one of their teams (membership existing by that week's Sunday): an
 * in-app notification and an e-mail through the outbox. One statement per
 * run: the marker row (user × week, primary key) is inserted with ON CONFLICT
 * DO NOTHING, and only the rows this statement inserted get a notification
 * and a mail — so concurrent or repeated runs remind each person once per week.
 * Runs on the owner connection across municipalities (like the evaluation reminders).
 */
export async function sendTimeRegistrationReminders(db: Database, opts: { now?: Date } = {}): Promise<{ week: string; reminded: number }> {
  const lastMonday = addWeeks(currentMonday(opts.now), -1);
  const week = isoWeekLabel(lastMonday);
  const baseUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const text = timeRegistrationMessages.reminder(week.slice(6), week.slice(0, 4));
  const subject = timeRegistrationMessages.reminderMailSubject(Number(week.slice(6)));
  // The notice e-mail's frame, filled in SQL: one mail per person.
  const mail = sqlMessage(
    noticeMail.body,
    sql`m.name`,
    text,
    timeRegistrationMessages.reminderLinkLabel,
    sql`${baseUrl} || '/t/' || m.slug || '/uren?week=' || ${week}`,
  );
  const rows = await queryRows<{ user_id: string }>(
    db,
    sql`with missing as (
          select distinct on (u.id) u.id as user_id, u.municipality_id, u.email, u.name, t.slug
          from users u
          join team_membership_periods m on m.user_id = u.id and m.role in ('coordinator', 'member')
          join teams t on t.id = m.team_id and t.active_from <= ${lastMonday}::date + 6 and (t.active_to is null or t.active_to >= ${lastMonday}::date)
          where u.is_active and period_overlaps(m.valid_from, m.valid_to, ${lastMonday}::date, ${lastMonday}::date + 6)
            and not exists (select 1 from time_registrations r where r.user_id = u.id and r.team_id = m.team_id and r.week_start = ${lastMonday}::date)
          order by u.id, t.name
        ), claimed as (
          insert into time_registration_reminders (user_id, week_start, municipality_id)
          select user_id, ${lastMonday}::date, municipality_id from missing
          on conflict (user_id, week_start, municipality_id) do nothing
          returning user_id
        ), told as (
          insert into notifications (municipality_id, user_id, kind, text, link)
          select m.municipality_id, m.user_id, ${TIME_REMINDER_KIND}, ${text}, '/t/' || m.slug || '/uren?week=' || ${week}
          from missing m join claimed c on c.user_id = m.user_id
          returning user_id
        ), mailed as (
          insert into outbox_emails (municipality_id, to_address, subject, text_body)
          select m.municipality_id, m.email, ${subject}, ${mail}
          from missing m join claimed c on c.user_id = m.user_id
          returning 1
        )
        select user_id from told`,
  );
  return { week, reminded: rows.length };
}
