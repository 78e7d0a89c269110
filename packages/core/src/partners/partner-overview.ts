// The partner manager's view: what this partner organisation's staff
// contribute to each active team — placements, roles and contracted hours.
// Never residents' data, never other partners' staff. Two walls: the ability
// check below, and row-level security (policy team_memberships_partner_read)
// because every query runs inside withScope with the partner scope.
import { ForbiddenError, as, type TeamRole } from "@wijkwerk/authz";
import { queryRows, sql, withScope } from "@wijkwerk/db";
import { type UseCaseContext, csvText, writeCsv } from "../common";

export interface PartnerTeamSummary {
  slug: string;
  name: string;
  coordinators: number;
  members: number;
  volunteers: number;
  /** Contracted hours per week of this partner's staff in the team. */
  contractedHours: number;
}

export interface PartnerStaffRow {
  name: string;
  /** The person's disciplines/roles in this team now, joined ("Maatschappelijk werk + Cliëntondersteuning"). */
  discipline: string | null;
  disciplines: string[];
  /** The receiving organisation while seconded now, else null. */
  secondedTo: string | null;
  teamSlug: string;
  teamName: string;
  role: TeamRole;
  /** Null when no contract hours are recorded. */
  contractedHours: number | null;
}

export interface PartnerOverviewTotals {
  /** Distinct people of this partner placed in an active team. */
  people: number;
  /** Team placements (one person may work in several teams). */
  placements: number;
  coordinators: number;
  members: number;
  volunteers: number;
  contractedHours: number;
}

export interface PartnerOverview {
  /** Every active team of the municipality, with this partner's share (zeros where it has no staff). */
  teams: PartnerTeamSummary[];
  staff: PartnerStaffRow[];
  totals: PartnerOverviewTotals;
}

const ROLE_KEY = { coordinator: "coordinators", member: "members", volunteer: "volunteers" } as const;

/** Hours are numeric(4,1): add them in tenths so sums stay exact. */
const tenths = (hours: number | null) => (hours === null ? 0 : Math.round(hours * 10));

export async function partnerOverview(ctx: UseCaseContext): Promise<PartnerOverview> {
  if (ctx.scope.kind !== "partner") throw ForbiddenError.from(ctx.ability).setMessage("partner scope required");
  const { municipalityId, partnerId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("PartnerOverview", { municipalityId, partnerId }));

  const { teamRows, staffRows } = await withScope(ctx.db, ctx.scope, async (tx) => {
    const teamRows = await queryRows<{ id: string; slug: string; name: string }>(
      tx,
      sql`select t.id, t.slug, t.name from teams t
          where t.municipality_id = ${municipalityId} and (t.active_to is null or t.active_to >= current_date)
          order by t.name, t.slug`,
    );
    // RLS already limits team_memberships to this partner's people; the
    // explicit filters keep the query correct on its own as well.
    const staffRows = await queryRows<{
      team_id: string;
      user_id: string;
      name: string;
      disciplines: string[];
      seconded_to: string | null;
      role: TeamRole;
      hours: string | null;
    }>(
      tx,
      sql`select m.team_id, m.user_id, u.name, m.disciplines, m.seconded_to, m.role, m.contracted_hours_per_week as hours
          from active_team_memberships m
          join users u on u.id = m.user_id
          join teams t on t.id = m.team_id
          where m.municipality_id = ${municipalityId}
            and u.partner_organisation_id = ${partnerId}
            and u.is_active
            and (t.active_to is null or t.active_to >= current_date)
          order by t.name, t.slug, case m.role when 'coordinator' then 0 when 'member' then 1 else 2 end, u.name, u.id`,
    );
    return { teamRows, staffRows };
  });

  const teamsById = new Map(teamRows.map((t) => [t.id, { slug: t.slug, name: t.name, coordinators: 0, members: 0, volunteers: 0, tenths: 0 }]));
  const staff: PartnerStaffRow[] = [];
  for (const r of staffRows) {
    const team = teamsById.get(r.team_id);
    if (!team) continue;
    const contractedHours = r.hours === null ? null : Number(r.hours);
    team[ROLE_KEY[r.role]] += 1;
    team.tenths += tenths(contractedHours);
    const disciplines = r.disciplines ?? [];
    staff.push({
      name: r.name,
      discipline: disciplines.length ? disciplines.join(" + ") : null,
      disciplines,
      secondedTo: r.seconded_to,
      teamSlug: team.slug,
      teamName: team.name,
      role: r.role,
      contractedHours,
    });
  }
  const teams = [...teamsById.values()].map(({ tenths: t, ...rest }) => ({ ...rest, contractedHours: t / 10 }));
  const totals: PartnerOverviewTotals = {
    people: new Set(staffRows.filter((r) => teamsById.has(r.team_id)).map((r) => r.user_id)).size,
    placements: staff.length,
    coordinators: teams.reduce((a, t) => a + t.coordinators, 0),
    members: teams.reduce((a, t) => a + t.members, 0),
    volunteers: teams.reduce((a, t) => a + t.volunteers, 0),
    contractedHours: staff.reduce((a, s) => a + tenths(s.contractedHours), 0) / 10,
  };
  return { teams, staff, totals };
}

/** Column headers and role names for the CSV, in the user's language (the app passes its Dutch catalogue). */
export interface PartnerCsvLabels {
  name: string;
  discipline: string;
  team: string;
  role: string;
  hours: string;
  roles: Record<TeamRole, string>;
}

const decimalComma = new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });

/**
 * The staff list as CSV for Dutch spreadsheets: semicolon-separated, decimal
 * comma, UTF-8 with BOM (so Excel shows "Coördinator" correctly), and cells
 * that start like a formula are escaped.
 */
export function partnerOverviewCsv(overview: PartnerOverview, labels: PartnerCsvLabels): string {
  return writeCsv(
    [labels.name, labels.discipline, labels.team, labels.role, labels.hours],
    overview.staff.map((s) => [
      csvText(s.name),
      csvText(s.discipline),
      csvText(s.teamName),
      csvText(labels.roles[s.role]),
      s.contractedHours === null ? "" : decimalComma.format(s.contractedHours),
    ]),
    { bom: true },
  );
}
