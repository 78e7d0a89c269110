// Household transfers (issue 15): a household moves to another team only by
// an explicit transfer — never silently when a buurt changes team. The
// owning team's coordinator proposes it with a reason; the receiving team's
// coordinator accepts (choosing a regisseur from their own team) or declines
// with a note; the proposing team's coordinator may withdraw it while open.
// Every step is audited and both coordinators are told in the app.
//
// Accepting runs accept_household_transfer() (migration 0032, SECURITY
// DEFINER): it checks that the caller coordinates the receiving team and the
// transfer is still proposed, then moves the household and every content row
// in this one transaction and gives the household a reference in the
// receiving team's format. The notices carry references and team names only.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { householdTransfers, postgresError, queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { type TeamContext, DomainError, hasForbiddenCharacter, invalidInput, isUniqueIndexViolation, notFound } from "../common";
import { coordinatorRecipients, insertNotices, type Notice } from "../notifications";
import { defaultResidentRefPrefix } from "../workbudget";
import { transferNotices } from "./messages";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const note = (min: number, max: number) =>
  z
    .string()
    .default("")
    .transform((s) => s.trim())
    .superRefine((s, c) => {
      if (hasForbiddenCharacter(s)) c.addIssue({ code: "custom", params: { code: "invalid_character" } });
      else if (s.length < min) c.addIssue({ code: "custom", params: { code: "required" } });
      else if (s.length > max) c.addIssue({ code: "custom", params: { code: "social_map_too_long" } });
    });

export const proposeTransferInput = z.object({
  toTeamId: z.string().regex(UUID, { message: "required" }).or(z.literal("")),
  reason: note(3, 1000),
});
export const acceptTransferInput = z.object({ regisseurId: z.string().regex(UUID).or(z.literal("")), note: note(0, 1000) });
export const declineTransferInput = z.object({ note: note(3, 1000) });

const transferSubject = (ctx: TeamContext) => as("Household", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId });
const mayTransfer = (ctx: TeamContext) => ForbiddenError.from(ctx.ability).throwUnlessCan("transfer", transferSubject(ctx));

/** The in-app notices (and their mail) to a team's coordinators, never to the actor. */
async function tellCoordinators(tx: Tx, ctx: TeamContext, teamId: string, kind: string, text: string, link: string) {
  const recipients = (await coordinatorRecipients(tx, teamId)).filter((r) => r.id !== ctx.actor.userId);
  const notices: Notice[] = recipients.map((recipient) => ({
    recipient,
    spendId: null,
    kind,
    text,
    link,
    subject: text,
    linkLabel: transferNotices.linkLabel,
  }));
  await insertNotices(tx, ctx.team.municipalityId, notices);
}

const teamLink = async (tx: Tx, teamId: string) => {
  const [t] = await queryRows<{ slug: string; name: string }>(tx, sql`select slug, name from teams where id = ${teamId}`);
  return { slug: t?.slug ?? "", name: t?.name ?? "", link: `/t/${t?.slug ?? ""}/overdrachten` };
};

/** Proposes to hand the team's household to another team of the municipality (coordinator only; one open proposal per household). */
export async function proposeTransfer(ctx: TeamContext, householdId: string, raw: z.input<typeof proposeTransferInput>): Promise<{ id: string }> {
  mayTransfer(ctx);
  if (!UUID.test(householdId)) throw notFound();
  const parsed = proposeTransferInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  if (!v.toTeamId) throw new DomainError("invalid_input", 400, { toTeamId: ["required"] });
  if (v.toTeamId === ctx.team.id) throw new DomainError("transfer_same_team", 400, { toTeamId: ["transfer_same_team"] });
  const id = crypto.randomUUID();
  try {
    await withScope(ctx.db, ctx.scope, async (tx) => {
      // RLS: only this team's households are visible.
      const [h] = await queryRows<{ id: string; reference: string }>(tx, sql`select id, reference from households where id = ${householdId}`);
      if (!h) throw notFound();
      const [to] = await queryRows<{ id: string; name: string; slug: string }>(
        tx,
        sql`select id, name, slug from teams where id = ${v.toTeamId} and municipality_id = (select app_municipality())
            and active_from <= current_date and (active_to is null or active_to >= current_date)`,
      );
      if (!to) throw new DomainError("invalid_input", 400, { toTeamId: ["required"] });
      await tx.insert(householdTransfers).values({
        id,
        municipalityId: ctx.team.municipalityId,
        householdId: h.id,
        fromTeamId: ctx.team.id,
        toTeamId: to.id,
        reason: v.reason,
        proposedBy: ctx.actor.userId,
        fromReference: h.reference,
      });
      await appendAudit(tx, {
        municipalityId: ctx.team.municipalityId,
        teamId: ctx.team.id,
        actor: ctx.actor,
        action: "casework.transfer_proposed",
        objectType: "household_transfer",
        objectId: id,
        meta: ctx.meta,
        data: { householdId: h.id, reference: h.reference, fromTeamId: ctx.team.id, toTeamId: to.id },
      });
      await tellCoordinators(tx, ctx, to.id, "household_transfer_proposed", transferNotices.proposed(ctx.team.name, h.reference), `/t/${to.slug}/overdrachten`);
    });
  } catch (e) {
    if (isUniqueIndexViolation(e, "household_transfers_one_open")) throw new DomainError("transfer_open_exists", 409);
    throw e;
  }
  return { id };
}

export interface TransferRow {
  id: string;
  direction: "outgoing" | "incoming";
  status: "proposed" | "accepted" | "declined" | "withdrawn";
  fromTeam: string;
  toTeam: string;
  fromReference: string;
  toReference: string | null;
  reason: string;
  decisionNote: string;
  proposedBy: string;
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** For an outgoing transfer still in this team: the household's page. */
  householdId: string;
}

/** The team's transfers, outgoing and incoming, open ones first (coordinator only; RLS shows only the two coordinators' teams). */
export async function listTransfers(
  ctx: TeamContext,
): Promise<{ outgoing: TransferRow[]; incoming: TransferRow[]; regisseurs: { id: string; name: string }[] }> {
  mayTransfer(ctx);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await queryRows<TransferRow>(
      tx,
      sql`select t.id, case when t.from_team_id = ${ctx.team.id} then 'outgoing' else 'incoming' end as direction, t.status,
            ft.name as "fromTeam", tt.name as "toTeam", t.from_reference as "fromReference", t.to_reference as "toReference",
            t.reason, t.decision_note as "decisionNote", pu.name as "proposedBy", du.name as "decidedBy",
            to_json(t.created_at) #>> '{}' as "createdAt", to_json(t.decided_at) #>> '{}' as "decidedAt", t.household_id as "householdId"
          from household_transfers t join teams ft on ft.id = t.from_team_id join teams tt on tt.id = t.to_team_id
            join users pu on pu.id = t.proposed_by left join users du on du.id = t.decided_by
          order by (t.status = 'proposed') desc, t.created_at desc
          limit 200`,
    );
    const regisseurs = await queryRows<{ id: string; name: string }>(
      tx,
      sql`select u.id, u.name from active_team_memberships m join users u on u.id = m.user_id
          where m.team_id = ${ctx.team.id} and m.role in ('coordinator', 'member') and u.is_active order by u.name`,
    );
    return { outgoing: rows.filter((r) => r.direction === "outgoing"), incoming: rows.filter((r) => r.direction === "incoming"), regisseurs };
  });
}

/** Accepts an incoming transfer: the household and its file move to this team with the chosen regisseur and a new reference. */
export async function acceptTransfer(
  ctx: TeamContext,
  transferId: string,
  raw: z.input<typeof acceptTransferInput>,
): Promise<{ householdId: string; fromReference: string; toReference: string }> {
  mayTransfer(ctx);
  if (!UUID.test(transferId)) throw notFound();
  const parsed = acceptTransferInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const v = parsed.data;
  if (!v.regisseurId) throw new DomainError("invalid_input", 400, { regisseurId: ["required"] });
  try {
    return await withScope(ctx.db, ctx.scope, async (tx) => {
      const [moved] = await queryRows<{ household_id: string; from_reference: string; to_reference: string; removed_involved: number }>(
        tx,
        sql`select * from accept_household_transfer(${transferId}::uuid, ${v.regisseurId}::uuid, ${v.note}, ${defaultResidentRefPrefix(ctx.team.slug)})`,
      );
      const [t] = await queryRows<{ from_team_id: string }>(tx, sql`select from_team_id from household_transfers where id = ${transferId}`);
      await appendAudit(tx, {
        municipalityId: ctx.team.municipalityId,
        teamId: ctx.team.id,
        actor: ctx.actor,
        action: "casework.transfer_accepted",
        objectType: "household_transfer",
        objectId: transferId,
        meta: ctx.meta,
        data: {
          householdId: moved.household_id,
          fromTeamId: t.from_team_id,
          toTeamId: ctx.team.id,
          fromReference: moved.from_reference,
          toReference: moved.to_reference,
          regisseurId: v.regisseurId,
          removedInvolved: moved.removed_involved,
        },
      });
      const from = await teamLink(tx, t.from_team_id);
      await tellCoordinators(tx, ctx, t.from_team_id, "household_transfer_accepted", transferNotices.accepted(ctx.team.name, moved.from_reference), from.link);
      return { householdId: moved.household_id, fromReference: moved.from_reference, toReference: moved.to_reference };
    });
  } catch (e) {
    const pg = postgresError(e);
    if (pg?.code === "P0002" || pg?.code === "42501") throw notFound();
    if (pg?.code === "55000") throw new DomainError("transfer_not_open", 409);
    if (pg?.code === "23514" && (pg.constraint_name ?? pg.constraint) === "household_transfer_regisseur")
      throw new DomainError("transfer_regisseur_not_member", 400, { regisseurId: ["transfer_regisseur_not_member"] });
    throw e;
  }
}

/** Declines (the receiving coordinator, with a note) or withdraws (the proposing team's coordinator) an open transfer. */
async function closeTransfer(ctx: TeamContext, transferId: string, status: "declined" | "withdrawn", decisionNote: string): Promise<void> {
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const [t] = await queryRows<{ id: string; status: string; from_team_id: string; to_team_id: string; from_reference: string }>(
      tx,
      sql`select id, status, from_team_id, to_team_id, from_reference from household_transfers where id = ${transferId}
          and ${status === "declined" ? sql`to_team_id` : sql`from_team_id`} = ${ctx.team.id}`,
    );
    if (!t) throw notFound();
    if (t.status !== "proposed") throw new DomainError("transfer_not_open", 409);
    // No FOR UPDATE above: RLS lets only a proposed transfer be locked; the status condition here decides a race.
    const done = await queryRows<{ id: string }>(
      tx,
      sql`update household_transfers set status = ${status}, decided_by = ${ctx.actor.userId}, decided_at = now(), decision_note = ${decisionNote}
          where id = ${t.id} and status = 'proposed' returning id`,
    );
    if (!done.length) throw new DomainError("transfer_not_open", 409);
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: status === "declined" ? "casework.transfer_declined" : "casework.transfer_withdrawn",
      objectType: "household_transfer",
      objectId: t.id,
      meta: ctx.meta,
      data: { fromTeamId: t.from_team_id, toTeamId: t.to_team_id, reference: t.from_reference },
    });
    const other = await teamLink(tx, status === "declined" ? t.from_team_id : t.to_team_id);
    await tellCoordinators(
      tx,
      ctx,
      status === "declined" ? t.from_team_id : t.to_team_id,
      status === "declined" ? "household_transfer_declined" : "household_transfer_withdrawn",
      status === "declined" ? transferNotices.declined(ctx.team.name, t.from_reference) : transferNotices.withdrawn(ctx.team.name, t.from_reference),
      other.link,
    );
  });
}

export async function declineTransfer(ctx: TeamContext, transferId: string, raw: z.input<typeof declineTransferInput>): Promise<void> {
  mayTransfer(ctx);
  if (!UUID.test(transferId)) throw notFound();
  const parsed = declineTransferInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  await closeTransfer(ctx, transferId, "declined", parsed.data.note);
}

export async function withdrawTransfer(ctx: TeamContext, transferId: string): Promise<void> {
  mayTransfer(ctx);
  if (!UUID.test(transferId)) throw notFound();
  await closeTransfer(ctx, transferId, "withdrawn", "");
}

/** The household's list line and the teams it can go to, for the "Overdragen" form (coordinator only; 404 for another team's household). */
export async function getTransferForm(ctx: TeamContext, householdId: string) {
  mayTransfer(ctx);
  if (!UUID.test(householdId)) throw notFound();
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [h] = await queryRows<{ id: string; reference: string; initials: string }>(
      tx,
      sql`select id, reference, initials from households where id = ${householdId}`,
    );
    if (!h) throw notFound();
    const teams = await queryRows<{ id: string; name: string }>(
      tx,
      sql`select id, name from teams where municipality_id = (select app_municipality()) and id <> ${ctx.team.id}
          and active_from <= current_date and (active_to is null or active_to >= current_date) order by name`,
    );
    const [open] = await queryRows<{ id: string; toTeam: string }>(
      tx,
      sql`select t.id, tt.name as "toTeam" from household_transfers t join teams tt on tt.id = t.to_team_id
          where t.household_id = ${h.id} and t.status = 'proposed'`,
    );
    return { household: h, teams, open: open ?? null };
  });
}
