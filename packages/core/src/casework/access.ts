// The one way into a household's file. Every use case that reads or writes
// case content goes through withCaseRead / withCaseWrite: the database says
// by which right the viewer may see it (case_access(), migration 0030), CASL
// says what that right allows, and the read is logged in the same
// transaction (who, when, which part, by which right). Without a right the
// answer is 404, as for a household of another team.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { caseReadLog, queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import { type TeamContext, notFound } from "../common";
import type { CaseAccess, CasePart } from "./vocabulary";

export interface HouseholdHead {
  id: string;
  reference: string;
  initials: string;
  status: "open" | "closed";
  buurtId: string;
  access: CaseAccess;
}

/** The Case subject for CASL: the team and the viewer's right to this household. */
export const caseSubject = (ctx: TeamContext, access: CaseAccess | null) =>
  as("Case", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId, access });

/** The household's list fields and the viewer's right to its content, or null (not this team's, or no right). */
export async function householdHead(tx: Tx, householdId: string): Promise<HouseholdHead | null> {
  if (!/^[0-9a-f-]{36}$/i.test(householdId)) return null;
  const [row] = await queryRows<{ id: string; reference: string; initials: string; status: "open" | "closed"; buurt_id: string; access: CaseAccess | null }>(
    tx,
    sql`select h.id, h.reference, h.initials, h.status, h.buurt_id, case_access(h.id) as access from households h where h.id = ${householdId}`,
  );
  if (!row || !row.access) return null;
  return { id: row.id, reference: row.reference, initials: row.initials, status: row.status, buurtId: row.buurt_id, access: row.access };
}

/** Writes one line of the read log (same transaction as the read). */
export async function logCaseRead(tx: Tx, ctx: TeamContext, head: HouseholdHead, part: CasePart): Promise<void> {
  await tx.insert(caseReadLog).values({
    municipalityId: ctx.team.municipalityId,
    teamId: ctx.team.id,
    householdId: head.id,
    householdReference: head.reference,
    userId: ctx.actor.userId,
    part,
    access: head.access,
  });
}

/**
 * Reads part of a household's file: 404 unless the viewer has a right to it
 * that lets them read (CASL on the database's answer); the read is logged.
 */
export async function withCaseRead<T>(ctx: TeamContext, householdId: string, part: CasePart, fn: (tx: Tx, head: HouseholdHead) => Promise<T>): Promise<T> {
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const head = await householdHead(tx, householdId);
    if (!head || !ctx.ability.can("read", caseSubject(ctx, head.access))) throw notFound();
    await logCaseRead(tx, ctx, head, part);
    return fn(tx, head);
  });
}

/**
 * Changes a household's file: 404 without a right to read it, 403 when the
 * right does not allow `action` (e.g. break-the-glass reads, never writes).
 */
export async function withCaseWrite<T>(
  ctx: TeamContext,
  householdId: string,
  fn: (tx: Tx, head: HouseholdHead) => Promise<T>,
  action: "update" | "delete" | "export" = "update",
): Promise<T> {
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const head = await householdHead(tx, householdId);
    if (!head || !ctx.ability.can("read", caseSubject(ctx, head.access))) throw notFound();
    ForbiddenError.from(ctx.ability).throwUnlessCan(action, caseSubject(ctx, head.access));
    return fn(tx, head);
  });
}

export interface HouseholdEntry {
  id: string;
  reference: string;
  initials: string;
  status: "open" | "closed";
  /** The viewer's right to the content, or null: then only break-the-glass opens it. */
  access: CaseAccess | null;
  canBreakGlass: boolean;
}

/**
 * A household's list line (what the whole team's professionals see) and the
 * viewer's right to its content. Not logged: it shows nothing the list does
 * not. 404 for anyone who may not see the team's households, or none by that id.
 */
export async function getHouseholdEntry(ctx: TeamContext, householdId: string): Promise<HouseholdEntry> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Household", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
  if (!/^[0-9a-f-]{36}$/i.test(householdId)) throw notFound();
  const [row] = await withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<{ id: string; reference: string; initials: string; status: "open" | "closed"; access: CaseAccess | null }>(
      tx,
      sql`select h.id, h.reference, h.initials, h.status, case_access(h.id) as access from households h where h.id = ${householdId}`,
    ),
  );
  if (!row) throw notFound();
  const access = row.access && ctx.ability.can("read", caseSubject(ctx, row.access)) ? row.access : null;
  return {
    ...row,
    access,
    canBreakGlass: !access && ctx.ability.can("create", as("CaseAccessGrant", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId })),
  };
}
