// Buurtinitiatieven (issue 19): residents' own initiatives per buurt. A team
// registers them (in one of its buurten of today) and ends them; every
// professional of the municipality reads them; counted per team and year
// (new: started in the year; active: running at some time in the year).
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, eq, isNull, neighbourhoodInitiatives, queryRows, sql, withScope } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { calendarDate, type TeamContext, type UseCaseContext, DomainError, invalidInput } from "../common";
import { guardPersonalData } from "../workgroups";

const isoDate = calendarDate();

export const initiativeInput = z.object({
  buurtId: z.string().uuid(),
  name: z.string().trim().min(2).max(120),
  description: z.string().trim().max(1000).default(""),
  startedOn: isoDate,
  contactOrganisation: z.string().trim().max(120).default(""),
  teamHelpedStart: z.coerce.boolean().default(false),
  confirmNoPersonalData: z.coerce.boolean().default(false),
});
export type InitiativeInput = z.input<typeof initiativeInput>;

export interface InitiativeRow {
  id: string;
  name: string;
  description: string;
  startedOn: string;
  endedOn: string | null;
  contactOrganisation: string;
  teamHelpedStart: boolean;
  buurtName: string;
  teamId: string;
  teamName: string;
}

const subject = (ctx: TeamContext) => as("NeighbourhoodInitiative", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId });

export async function registerInitiative(ctx: TeamContext, raw: InitiativeInput): Promise<{ id: string }> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", subject(ctx));
  const parsed = initiativeInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [served] = await queryRows<{ ok: boolean }>(
      tx,
      sql`select true as ok from buurt_assignments a where a.buurt_id = ${v.buurtId} and a.team_id = (select app_tenant())
          and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date) limit 1`,
    );
    if (!served) throw new DomainError("buurtservice_buurt_not_served", 400, { buurtId: ["buurtservice_buurt_not_served"] });
    const id = crypto.randomUUID();
    await guardPersonalData(tx, ctx, {
      text: `${v.name}\n${v.description}\n${v.contactOrganisation}`,
      field: "description",
      confirmNoPersonalData: v.confirmNoPersonalData,
      objectType: "neighbourhood_initiative",
      objectId: id,
      workgroupId: null,
    });
    await tx.insert(neighbourhoodInitiatives).values({
      id,
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      buurtId: v.buurtId,
      name: v.name,
      description: v.description,
      startedOn: v.startedOn,
      contactOrganisation: v.contactOrganisation,
      teamHelpedStart: v.teamHelpedStart,
      createdBy: ctx.actor.userId,
    });
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "initiative.registered",
      objectType: "neighbourhood_initiative",
      objectId: id,
      meta: ctx.meta,
      data: { name: v.name, startedOn: v.startedOn, teamHelpedStart: v.teamHelpedStart },
    });
    return { id };
  });
}

/** Marks the team's initiative as ended on a date (not before its start). */
export async function endInitiative(ctx: TeamContext, initiativeId: string, endedOn: string): Promise<void> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("update", subject(ctx));
  if (!z.string().uuid().safeParse(initiativeId).success) throw new DomainError("not_found", 404);
  if (!isoDate.safeParse(endedOn).success) throw new DomainError("invalid_input", 400, { endedOn: ["invalid_input"] });
  await withScope(ctx.db, ctx.scope, async (tx) => {
    // RLS: only the team's own initiative can be updated, so another team's id is "not found".
    const [row] = await tx
      .select()
      .from(neighbourhoodInitiatives)
      .where(and(eq(neighbourhoodInitiatives.id, initiativeId), eq(neighbourhoodInitiatives.teamId, ctx.team.id)))
      .for("update");
    if (!row) throw new DomainError("not_found", 404);
    if (row.endedOn) throw new DomainError("initiative_already_ended", 409);
    if (endedOn < row.startedOn) throw new DomainError("initiative_end_before_start", 400, { endedOn: ["initiative_end_before_start"] });
    await tx
      .update(neighbourhoodInitiatives)
      .set({ endedOn, updatedAt: sql`now()` })
      .where(and(eq(neighbourhoodInitiatives.id, row.id), isNull(neighbourhoodInitiatives.endedOn)));
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "initiative.ended",
      objectType: "neighbourhood_initiative",
      objectId: row.id,
      meta: ctx.meta,
      data: { name: row.name, endedOn },
    });
  });
}

/** Every initiative of the municipality (for every professional), optionally of one team; active first, newest first. */
export async function listInitiatives(ctx: UseCaseContext, opts: { teamId?: string } = {}): Promise<InitiativeRow[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("NeighbourhoodInitiative", { municipalityId: ctx.actor.municipalityId }));
  return withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<InitiativeRow>(
      tx,
      sql`select i.id, i.name, i.description, i.started_on::text as "startedOn", i.ended_on::text as "endedOn", i.contact_organisation as "contactOrganisation",
            i.team_helped_start as "teamHelpedStart", b.name as "buurtName", t.id as "teamId", t.name as "teamName"
          from neighbourhood_initiatives i join buurten b on b.id = i.buurt_id join teams t on t.id = i.team_id
          where ${opts.teamId ? sql`i.team_id = ${opts.teamId}` : sql`true`}
          order by (i.ended_on is not null), i.started_on desc, i.name`,
    ),
  );
}

export interface InitiativeDetail extends InitiativeRow {
  /** The sociale kaart's entries that are this initiative (issue 19), archived ones marked. */
  socialMap: { id: string; name: string; archived: boolean }[];
}

/**
 * One initiative for every professional, with where it is linked: the
 * sociale kaart's entries that point to it. Arrangements that point to it are
 * not shown (they belong to a household's file). 404 when unknown.
 */
export async function getInitiative(ctx: UseCaseContext, initiativeId: string): Promise<InitiativeDetail> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("NeighbourhoodInitiative", { municipalityId: ctx.actor.municipalityId }));
  if (!z.string().uuid().safeParse(initiativeId).success) throw new DomainError("not_found", 404);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [row] = await queryRows<InitiativeRow>(
      tx,
      sql`select i.id, i.name, i.description, i.started_on::text as "startedOn", i.ended_on::text as "endedOn", i.contact_organisation as "contactOrganisation",
            i.team_helped_start as "teamHelpedStart", b.name as "buurtName", t.id as "teamId", t.name as "teamName"
          from neighbourhood_initiatives i join buurten b on b.id = i.buurt_id join teams t on t.id = i.team_id
          where i.id = ${initiativeId} and i.municipality_id = ${ctx.actor.municipalityId}`,
    );
    if (!row) throw new DomainError("not_found", 404);
    const socialMap = await queryRows<{ id: string; name: string; archived: boolean }>(
      tx,
      sql`select p.id, p.name, p.archived_at is not null as archived from social_map_providers p
          where p.initiative_id = ${row.id} order by p.archived_at is not null, lower(p.name)`,
    );
    return { ...row, socialMap };
  });
}

export interface InitiativeCount {
  teamId: string;
  teamName: string;
  /** Started in the year. */
  new: number;
  /** Running at some time in the year (started by its end, not ended before its start). */
  active: number;
  /** Of the new ones: started with the team's help. */
  newWithTeamHelp: number;
}

/** Counts per team for a year (every professional may read them, like the list). */
export async function initiativeCounts(ctx: UseCaseContext, year: number): Promise<InitiativeCount[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("NeighbourhoodInitiative", { municipalityId: ctx.actor.municipalityId }));
  const y = z.coerce.number().int().min(2000).max(2100).parse(year);
  return withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<InitiativeCount>(
      tx,
      sql`select t.id as "teamId", t.name as "teamName",
            count(*) filter (where extract(year from i.started_on) = ${y})::int as "new",
            count(*) filter (where i.started_on <= make_date(${y}, 12, 31) and (i.ended_on is null or i.ended_on >= make_date(${y}, 1, 1)))::int as "active",
            count(*) filter (where extract(year from i.started_on) = ${y} and i.team_helped_start)::int as "newWithTeamHelp"
          from neighbourhood_initiatives i join teams t on t.id = i.team_id
          group by t.id, t.name order by t.name`,
    ),
  );
}
