// Demo time registrations (issue 17): the partners' staff in the teams have registered
// their hours week by week this year, so the partner dashboard, the team's hours
// overview and the discipline matrix show real figures instead of zeros. Realistic:
// about the contracted hours (a little more or less), spread over the kinds of work,
// three weeks of summer holiday each and now and then a forgotten week; the last two
// completed weeks and this week are still open (people fill them in late).
// Limmel-Nazareth has no demo hours: the end-to-end journey (e2e/partner-hours.spec.ts)
// registers that team's first hours, and its dashboard row shows what open weeks look like.
import {
  and,
  eq,
  inArray,
  isNotNull,
  isNull,
  municipalities,
  activeTeamMemberships as teamMemberships,
  teams,
  timeRegistrations,
  users,
  type Database,
} from "@wijkwerk/db";
import { amsterdamDay } from "../common";

/** Teams without demo hours (see above). */
export const TEAMS_WITHOUT_DEMO_HOURS = ["limmel-nazareth"];
/** The completed weeks before this one that stay open in the demo. */
export const OPEN_RECENT_WEEKS = 2;

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const mondayOf = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  return iso(new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY));
};
const addWeeks = (monday: string, n: number) => iso(new Date(new Date(`${monday}T00:00:00Z`).getTime() + n * 7 * DAY));

/** The Mondays of this year (the Monday's own year) before the open weeks, oldest first. */
export function demoWeeks(today: string): string[] {
  const year = today.slice(0, 4);
  const last = addWeeks(mondayOf(today), -(OPEN_RECENT_WEEKS + 1));
  const weeks: string[] = [];
  for (let w = mondayOf(`${year}-01-07`); w <= last; w = addWeeks(w, 1)) if (w.startsWith(year)) weeks.push(w);
  return weeks;
}

/** Quarter hours, as the registration form requires. */
const quarter = (h: number) => Math.round(h * 4) / 4;

export interface DemoWeekHours {
  individual: number;
  collective: number;
  meeting: number;
  workgroup: number;
  other: number;
}

/**
 * One person's hours in one week (person = their index in the seed, week = index in the year),
 * or null for a week without registration: a holiday (three weeks from July on, staggered per
 * person) or a forgotten week (about one in twenty).
 */
export function demoWeekHours(person: number, week: number, contracted: number): DemoWeekHours | null {
  const holiday = 27 + (person % 6);
  if (week >= holiday && week < holiday + 3) return null;
  if ((person * 7 + week * 13) % 20 === 0) return null;
  // Between 90 % and 110 % of the contract, the same each time for the same person and week.
  const factor = 0.9 + ((person * 31 + week * 17) % 21) / 100;
  const total = Math.min(60, quarter(contracted * factor));
  const meeting = quarter(Math.min(2, total * 0.08));
  const workgroup = week % 2 === person % 2 ? quarter(Math.min(2, total * 0.05)) : 0;
  const collective = quarter(total * (0.15 + (person % 3) * 0.05));
  const other = quarter(total * 0.07);
  const individual = quarter(total - meeting - workgroup - collective - other);
  return { individual, collective, meeting, workgroup, other };
}

export async function seedPartnerHoursDemo(db: Database, now: Date = new Date()): Promise<{ created: boolean; rows: number }> {
  const [m] = await db.select().from(municipalities).where(eq(municipalities.slug, "maastricht"));
  if (!m) return { created: false, rows: 0 };
  const [existing] = await db.select({ id: timeRegistrations.id }).from(timeRegistrations).where(eq(timeRegistrations.municipalityId, m.id)).limit(1);
  if (existing) return { created: false, rows: 0 };
  const staff = await db
    .select({
      userId: users.id,
      partnerId: users.partnerOrganisationId,
      discipline: users.discipline,
      teamId: teams.id,
      teamSlug: teams.slug,
      hours: teamMemberships.contractedHoursPerWeek,
    })
    .from(teamMemberships)
    .innerJoin(users, eq(users.id, teamMemberships.userId))
    .innerJoin(teams, eq(teams.id, teamMemberships.teamId))
    .where(
      and(
        eq(teamMemberships.municipalityId, m.id),
        inArray(teamMemberships.role, ["coordinator", "member"]),
        isNotNull(users.partnerOrganisationId),
        isNull(teams.activeTo),
      ),
    )
    .orderBy(users.email, teams.slug);
  const weeks = demoWeeks(amsterdamDay(now));
  const rows: (typeof timeRegistrations.$inferInsert)[] = [];
  for (const [person, s] of staff.entries()) {
    if (TEAMS_WITHOUT_DEMO_HOURS.includes(s.teamSlug) || !s.hours || Number(s.hours) <= 0) continue;
    for (const [w, weekStart] of weeks.entries()) {
      const h = demoWeekHours(person, w, Number(s.hours));
      if (!h) continue;
      rows.push({
        municipalityId: m.id,
        teamId: s.teamId,
        userId: s.userId,
        partnerOrganisationId: s.partnerId,
        discipline: s.discipline,
        weekStart,
        individualHours: String(h.individual),
        collectiveHours: String(h.collective),
        meetingHours: String(h.meeting),
        workgroupHours: String(h.workgroup),
        otherHours: String(h.other),
      });
    }
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(timeRegistrations).values(rows.slice(i, i + 500));
  });
  return { created: rows.length > 0, rows: rows.length };
}
