// What a team costs per year (docs/business-case.md): staff hours per partner
// organisation at an hourly rate, rent, ICT, coaching and other costs, each
// line with an optional source. The controller keeps them; a save replaces
// the team × year's lines in one transaction with its audit event. The
// research office and the team's coordinator read them. The sheet offers
// staff hours per partner from the year's registered hours, or where none
// were registered from the partner agreements, to start from.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, asc, eq, inArray, partnerOrganisations, queryRows, sql, teamCostLines, teams, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { DomainError, invalidInput, notFound, type UseCaseContext } from "../common";

export const COST_KINDS = ["staff", "rent", "ict", "coaching", "other"] as const;
export type CostKind = (typeof COST_KINDS)[number];

/** The years the business case covers: the teams started in 2013. */
export const FIRST_YEAR = 2013;
export const LAST_YEAR = 2100;
const year = z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR);
const uuid = z.string().uuid();

const MAX_CENTS = 100_000_000_000;
const required = (c: z.RefinementCtx, path: string) => c.addIssue({ code: "custom", path: [path], params: { code: "required" } });

export const costLineInput = z
  .object({
    kind: z.enum(COST_KINDS),
    partnerId: uuid.nullish(),
    /** Staff: hours in the year, tenths allowed. */
    hours: z.coerce
      .number()
      .min(0)
      .max(1_000_000)
      .refine((h) => Math.abs(h * 10 - Math.round(h * 10)) < 1e-9, { params: { code: "invalid_input" } })
      .nullish(),
    hourlyRateCents: z.coerce.number().int().min(0).max(1_000_000).nullish(),
    /** Every kind but staff: the amount for the year. */
    amountCents: z.coerce.number().int().min(0).max(MAX_CENTS).nullish(),
    description: z.string().trim().max(200).default(""),
    source: z.string().trim().max(400).default(""),
  })
  .superRefine((v, c) => {
    if (v.kind === "staff") {
      if (!v.partnerId) required(c, "partnerId");
      if (v.hours === null || v.hours === undefined) required(c, "hours");
      if (v.hourlyRateCents === null || v.hourlyRateCents === undefined) required(c, "hourlyRateCents");
    } else if (v.amountCents === null || v.amountCents === undefined) required(c, "amountCents");
    if (v.kind === "other" && !v.description) required(c, "description");
  });
export type CostLineInput = z.input<typeof costLineInput>;

export const teamCostsInput = z.object({
  teamId: uuid,
  year,
  lines: z.array(costLineInput).max(100),
});
export type TeamCostsInput = z.input<typeof teamCostsInput>;

/** Staff cost of a line: hours × rate, rounded to the cent (the database checks the same). */
export const staffAmountCents = (hours: number, rateCents: number): number => Math.round(hours * rateCents);

export interface CostLine {
  id: string;
  kind: CostKind;
  partnerId: string | null;
  partnerName: string | null;
  hours: number | null;
  hourlyRateCents: number | null;
  amountCents: number;
  description: string;
  source: string;
}

export interface StaffSuggestion {
  partnerId: string;
  partnerName: string;
  hours: number;
  /** Where the hours come from: the year's time registration, or the agreements' hours per week over the year. */
  basis: "registered" | "agreed";
  /** The rate of the latest earlier year's line for this partner in this team, if any. */
  hourlyRateCents: number | null;
}

export interface TeamCostSheet {
  team: { id: string; name: string; slug: string };
  year: number;
  lines: CostLine[];
  totalCents: number;
  suggestions: StaffSuggestion[];
  partners: { id: string; name: string }[];
  /** The municipality's teams, to choose another sheet. */
  teams: { id: string; name: string }[];
  canEdit: boolean;
}

async function teamOf(tx: Tx, municipalityId: string, teamId: string) {
  if (!uuid.safeParse(teamId).success) throw notFound();
  const [team] = await tx
    .select({ id: teams.id, name: teams.name, slug: teams.slug })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.municipalityId, municipalityId)));
  if (!team) throw notFound();
  return team;
}

/** The lines of a team × year, in their order (runs in the caller's scope: RLS decides what is visible). */
export async function costLinesOf(tx: Tx, filter: { teamId?: string; year: number }): Promise<(CostLine & { teamId: string })[]> {
  const rows = await queryRows<{
    id: string;
    team_id: string;
    kind: CostKind;
    partner_organisation_id: string | null;
    partner_name: string | null;
    hours: string | null;
    hourly_rate_cents: string | null;
    amount_cents: string;
    description: string;
    source: string;
  }>(
    tx,
    sql`select l.id, l.team_id, l.kind, l.partner_organisation_id, p.name as partner_name, l.hours, l.hourly_rate_cents, l.amount_cents,
          l.description, l.source
        from team_cost_lines l left join partner_organisations p on p.id = l.partner_organisation_id
        where l.year = ${filter.year} ${filter.teamId ? sql`and l.team_id = ${filter.teamId}` : sql``}
        order by l.team_id, l.position, l.created_at`,
  );
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    kind: r.kind,
    partnerId: r.partner_organisation_id,
    partnerName: r.partner_name,
    hours: r.hours === null ? null : Number(r.hours),
    hourlyRateCents: r.hourly_rate_cents === null ? null : Number(r.hourly_rate_cents),
    amountCents: Number(r.amount_cents),
    description: r.description,
    source: r.source,
  }));
}

/**
 * Staff hours per partner for the team in the year: registered hours where
 * the partner's staff registered any, else the agreed hours per week times
 * the weeks of the agreement that fall in the year (rounded to a tenth).
 */
async function staffSuggestions(tx: Tx, teamId: string, y: number): Promise<StaffSuggestion[]> {
  const from = `${y}-01-01`;
  const to = `${y}-12-31`;
  const rows = await queryRows<{ partner_id: string; partner_name: string; registered: string | null; agreed: string | null; rate: string | null }>(
    tx,
    sql`with registered as (
          select r.partner_organisation_id as partner_id,
                 sum(r.individual_hours + r.collective_hours + r.meeting_hours + r.workgroup_hours + r.other_hours) as hours
          from time_registrations r
          where r.team_id = ${teamId} and r.partner_organisation_id is not null and r.week_start between ${from}::date and ${to}::date
          group by 1
        ), agreed as (
          select c.partner_organisation_id as partner_id,
                 sum(c.hours_per_week * ((least(coalesce(a.valid_to, ${to}::date), ${to}::date) - greatest(a.valid_from, ${from}::date) + 1) / 7.0)) as hours
          from agreement_contributions c join partner_agreements a on a.id = c.agreement_id
          where c.team_id = ${teamId} and a.valid_from <= ${to}::date and (a.valid_to is null or a.valid_to >= ${from}::date)
          group by 1
        ), earlier as (
          select distinct on (l.partner_organisation_id) l.partner_organisation_id as partner_id, l.hourly_rate_cents as rate
          from team_cost_lines l
          where l.team_id = ${teamId} and l.kind = 'staff' and l.year < ${y}
          order by l.partner_organisation_id, l.year desc, l.position
        )
        select p.id as partner_id, p.name as partner_name, g.hours as registered, ag.hours as agreed, e.rate
        from partner_organisations p
        left join registered g on g.partner_id = p.id
        left join agreed ag on ag.partner_id = p.id
        left join earlier e on e.partner_id = p.id
        where coalesce(g.hours, 0) > 0 or coalesce(ag.hours, 0) > 0
        order by p.name`,
  );
  return rows.map((r) => {
    const registered = Number(r.registered ?? 0);
    return {
      partnerId: r.partner_id,
      partnerName: r.partner_name,
      hours: Math.round((registered > 0 ? registered : Number(r.agreed ?? 0)) * 10) / 10,
      basis: registered > 0 ? "registered" : "agreed",
      hourlyRateCents: r.rate === null ? null : Number(r.rate),
    };
  });
}

/** The cost sheet of one team × year (no team: the first by name) for the controller (edit) or the research office (read). */
export async function getTeamCostSheet(ctx: UseCaseContext, chosenTeamId: string | null, rawYear: unknown): Promise<TeamCostSheet> {
  const municipalityId = ctx.actor.municipalityId;
  const y = year.safeParse(rawYear);
  if (!y.success) throw notFound();
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TeamCost", { municipalityId, ...(chosenTeamId ? { teamId: chosenTeamId } : {}) }));
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const teamList = await tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.municipalityId, municipalityId)).orderBy(asc(teams.name));
    const teamId = chosenTeamId ?? teamList[0]?.id;
    if (!teamId) throw notFound();
    const team = await teamOf(tx, municipalityId, teamId);
    const lines = (await costLinesOf(tx, { teamId, year: y.data })).map(({ teamId: _t, ...l }) => l);
    const canEdit = ctx.ability.can("manage", as("TeamCost", { municipalityId, teamId }));
    const suggestions = canEdit ? await staffSuggestions(tx, teamId, y.data) : [];
    const partners = canEdit
      ? await tx
          .select({ id: partnerOrganisations.id, name: partnerOrganisations.name })
          .from(partnerOrganisations)
          .where(eq(partnerOrganisations.municipalityId, municipalityId))
          .orderBy(asc(partnerOrganisations.name))
      : [];
    return { team, year: y.data, lines, totalCents: lines.reduce((s, l) => s + l.amountCents, 0), suggestions, partners, teams: teamList, canEdit };
  });
}

/** Replaces the team × year's cost lines; one transaction with the audit event (totals per kind before and after). */
export async function saveTeamCosts(ctx: UseCaseContext, raw: TeamCostsInput): Promise<{ lines: number; totalCents: number }> {
  const municipalityId = ctx.actor.municipalityId;
  const parsed = teamCostsInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  ForbiddenError.from(ctx.ability).throwUnlessCan("manage", as("TeamCost", { municipalityId, teamId: v.teamId }));
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const team = await teamOf(tx, municipalityId, v.teamId);
    // Two saves of the same sheet at once: the second waits and replaces the first's lines.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('team_costs:' || ${v.teamId}::text || ':' || ${v.year}::text))`);
    const partnerIds = [...new Set(v.lines.flatMap((l) => (l.kind === "staff" && l.partnerId ? [l.partnerId] : [])))];
    if (partnerIds.length) {
      const known = await tx
        .select({ id: partnerOrganisations.id })
        .from(partnerOrganisations)
        .where(and(eq(partnerOrganisations.municipalityId, municipalityId), inArray(partnerOrganisations.id, partnerIds)));
      const knownIds = new Set(known.map((k) => k.id));
      const fields: Record<string, ["not_found"]> = {};
      v.lines.forEach((l, i) => {
        if (l.kind === "staff" && l.partnerId && !knownIds.has(l.partnerId)) fields[`lines[${i}].partnerId`] = ["not_found"];
      });
      if (Object.keys(fields).length) throw new DomainError("invalid_input", 400, fields);
    }
    const before = await costLinesOf(tx, { teamId: v.teamId, year: v.year });
    await tx.delete(teamCostLines).where(and(eq(teamCostLines.teamId, v.teamId), eq(teamCostLines.year, v.year)));
    const rows = v.lines.map((l, i) => {
      const staff = l.kind === "staff";
      return {
        municipalityId,
        teamId: v.teamId,
        year: v.year,
        kind: l.kind,
        partnerOrganisationId: staff ? l.partnerId! : null,
        hours: staff ? String(l.hours) : null,
        hourlyRateCents: staff ? l.hourlyRateCents! : null,
        amountCents: staff ? staffAmountCents(l.hours!, l.hourlyRateCents!) : l.amountCents!,
        description: l.description,
        source: l.source,
        position: i,
        updatedBy: ctx.actor.userId,
      };
    });
    if (rows.length) await tx.insert(teamCostLines).values(rows);
    const byKind = (ls: { kind: string; amountCents: number }[]) =>
      Object.fromEntries(COST_KINDS.map((k) => [k, ls.filter((l) => l.kind === k).reduce((s, l) => s + l.amountCents, 0)]));
    const totalCents = rows.reduce((s, r) => s + r.amountCents, 0);
    await appendAudit(tx, {
      municipalityId,
      teamId: team.id,
      actor: ctx.actor,
      action: "team_costs.saved",
      objectType: "team_costs",
      objectId: `${team.id}:${v.year}`,
      meta: ctx.meta,
      data: { year: v.year, lines: rows.length, before: byKind(before), after: byKind(rows), totalCents },
    });
    return { lines: rows.length, totalCents };
  });
}
