// A resident's rights over their file (AVG art. 15–17), exercised for them by
// the team's coordinator: who looked at it (the read log), an export of
// everything held about the household (JSON and a printable page), the audit
// trail of changes (rectification), and erasure with a destruction log.
// Coordinator only: CASL (Case "export"/"delete", CaseReadLog "read") and
// the database (the read log and destruction log have coordinator-only
// policies; erasure goes through casework_erase_household(), migration 0031).
// A member without a right gets 404 like another team; one with a right that
// does not allow this (case team, break-the-glass) 403.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { DomainError, type TeamContext, findPersonalData, invalidInput, notFound, personalDataMessage } from "../common";
import { type HouseholdHead, caseSubject, withCaseRead, withCaseWrite } from "./access";
import type { CaseAccess, CasePart } from "./vocabulary";

export const READ_LOG_PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 403 unless the viewer's right to this household allows `action` (the coordinator's). */
function requireCoordinatorRight(ctx: TeamContext, head: HouseholdHead, action: "export" | "delete") {
  ForbiddenError.from(ctx.ability).throwUnlessCan(action, caseSubject(ctx, head.access));
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("CaseReadLog", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }));
}

/** Runs fn in the household's scope for the coordinator, without logging a read (the log views themselves show no file content). */
function withCoordinatorView<T>(ctx: TeamContext, householdId: string, fn: (tx: Tx, head: HouseholdHead) => Promise<T>): Promise<T> {
  return withCaseWrite(
    ctx,
    householdId,
    async (tx, head) => {
      requireCoordinatorRight(ctx, head, "export");
      return fn(tx, head);
    },
    "export",
  );
}

// ── The read log ─────────────────────────────────────────────────────────

export interface ReadLogLine {
  id: number;
  readAt: Date;
  userId: string;
  userName: string;
  part: CasePart;
  access: CaseAccess;
}

export interface GrantLine {
  id: string;
  userName: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
}

export interface ReadLogPage {
  lines: ReadLogLine[];
  total: number;
  page: number;
  pages: number;
  /** Every break-the-glass grant to this household, newest first, with its reason. */
  grants: GrantLine[];
}

const readLogLines = (tx: Tx, householdId: string, limit: number | null, offset: number) =>
  queryRows<{ id: string; read_at: string | Date; user_id: string; user_name: string; part: CasePart; access: CaseAccess }>(
    tx,
    sql`select l.id, l.read_at, l.user_id, coalesce(u.name, '') as user_name, l.part, l.access
        from case_read_log l left join users u on u.id = l.user_id
        where l.household_id = ${householdId}
        order by l.read_at desc, l.id desc
        ${limit === null ? sql`` : sql`limit ${limit} offset ${offset}`}`,
  ).then((rows) =>
    rows.map((r) => ({ id: Number(r.id), readAt: new Date(r.read_at), userId: r.user_id, userName: r.user_name, part: r.part, access: r.access })),
  );

const grantLines = (tx: Tx, householdId: string) =>
  queryRows<{ id: string; user_name: string; reason: string; granted_at: string | Date; expires_at: string | Date }>(
    tx,
    sql`select g.id, coalesce(u.name, '') as user_name, g.reason, g.granted_at, g.expires_at
        from case_access_grants g left join users u on u.id = g.user_id
        where g.household_id = ${householdId} order by g.granted_at desc`,
  ).then((rows) =>
    rows.map((r) => ({ id: r.id, userName: r.user_name, reason: r.reason, grantedAt: new Date(r.granted_at), expiresAt: new Date(r.expires_at) })),
  );

/** Who looked at the household's file, when, which part and by which right (newest first, paginated), and its break-the-glass grants. Coordinator only. */
export async function householdReadLog(ctx: TeamContext, householdId: string, opts: { page?: number } = {}): Promise<ReadLogPage> {
  return withCoordinatorView(ctx, householdId, async (tx, head) => {
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from case_read_log where household_id = ${head.id}`);
    const pages = Math.max(1, Math.ceil(n / READ_LOG_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages);
    return {
      lines: await readLogLines(tx, head.id, READ_LOG_PAGE_SIZE, (page - 1) * READ_LOG_PAGE_SIZE),
      total: n,
      page,
      pages,
      grants: await grantLines(tx, head.id),
    };
  });
}

// ── The audit trail (rectification) ──────────────────────────────────────

export interface AuditTrailLine {
  seq: number;
  occurredAt: Date;
  actorName: string;
  action: string;
  objectType: string;
  result: string;
}

const auditTrail = (tx: Tx, ctx: TeamContext, householdId: string) =>
  queryRows<{ seq: string; occurred_at: string | Date; actor_name: string | null; action: string; object_type: string; result: string }>(
    tx,
    sql`select e.seq, e.occurred_at, e.actor->>'name' as actor_name, e.action, e.object_type, e.result
        from audit_events e
        where e.team_id = ${ctx.team.id} and e.object_type in ('household', 'case')
          and (e.object_id = ${householdId} or e.object_id in (select c.id::text from cases c where c.household_id = ${householdId}))
        order by e.seq desc limit 500`,
  ).then((rows) =>
    rows.map((r) => ({
      seq: Number(r.seq),
      occurredAt: new Date(r.occurred_at),
      actorName: r.actor_name ?? "",
      action: r.action,
      objectType: r.object_type,
      result: r.result,
    })),
  );

/** The audit events about this household and its cases (changes, break-the-glass), newest first (at most 500). Coordinator only. */
export async function householdAuditTrail(ctx: TeamContext, householdId: string): Promise<AuditTrailLine[]> {
  return withCoordinatorView(ctx, householdId, (tx, head) => auditTrail(tx, ctx, head.id));
}

// ── The AVG art. 15 export ───────────────────────────────────────────────

type Row = Record<string, unknown>;

export interface HouseholdExport {
  exportedAt: string;
  exportedBy: string;
  team: string;
  household: Row;
  profile: Row | null;
  /** BSN is never exported in full: only whether one is recorded (docs/dpia.md). */
  persons: Row[];
  cases: (Row & { involved: Row[]; goals: Row[]; arrangements: Row[]; zrmMeasurements: Row[]; referrals: Row[] })[];
  spendRequests: Row[];
  transfers: Row[];
  accessGrants: Row[];
  readLog: Row[];
  auditTrail: Row[];
}

const rowsOf = (tx: Tx, query: ReturnType<typeof sql>) => queryRows<Row>(tx, query);
const byCase = (rows: Row[], caseId: unknown) => rows.filter((r) => r.caseId === caseId).map(({ caseId: _caseId, ...rest }) => rest);

/**
 * Everything held about a household, for the resident's request (AVG art.
 * 15): profile, persons (BSN masked), every case with intake, plan, ZRM,
 * referrals and closing, linked spend requests, transfers, break-the-glass
 * grants, the read log and the audit trail. Coordinator only; the export is
 * itself logged in the read log (part 'export').
 */
export async function exportHousehold(ctx: TeamContext, householdId: string): Promise<HouseholdExport> {
  return withCaseRead(ctx, householdId, "export", async (tx, head) => {
    requireCoordinatorRight(ctx, head, "export");
    const id = head.id;
    const [household] = await rowsOf(
      tx,
      sql`select h.reference, h.initials, h.status, b.name as buurt, h.created_at as "createdAt", h.updated_at as "updatedAt"
          from households h left join buurten b on b.id = h.buurt_id where h.id = ${id}`,
    );
    const [profile] = await rowsOf(
      tx,
      sql`select household_type as "householdType", address, postcode, phone, updated_at as "updatedAt" from household_profiles where household_id = ${id}`,
    );
    const persons = await rowsOf(
      tx,
      sql`select name, role, gender, birth_year as "birthYear", date_of_birth::text as "dateOfBirth",
            case when bsn_ciphertext is null then null else '*********' end as bsn,
            created_at as "createdAt", updated_at as "updatedAt"
          from household_persons where household_id = ${id} order by created_at, id`,
    );
    const cases = await rowsOf(
      tx,
      sql`select c.id, c.intake_on::text as "intakeOn", c.entry_route as "entryRoute", c.question, c.question_type as "questionType",
            c.intake_notes as "intakeNotes", r.name as regisseur, c.legal_basis as "legalBasis", c.status, c.closed_on::text as "closedOn",
            c.close_reason as "closeReason", c.acted_differently as "actedDifferently", c.different_arrangement as "differentArrangement",
            c.time_gained as "timeGained", c.neighbourhood_strength_used as "neighbourhoodStrengthUsed", c.sufficient_support as "sufficientSupport",
            c.resident_satisfied as "residentSatisfied", c.retain_until::text as "retainUntil", cb.name as "createdBy", c.created_at as "createdAt"
          from cases c left join users r on r.id = c.regisseur_id left join users cb on cb.id = c.created_by
          where c.household_id = ${id} order by c.intake_on, c.created_at`,
    );
    const involved = await rowsOf(
      tx,
      sql`select i.case_id as "caseId", u.name, i.added_at as "addedAt" from case_involved i left join users u on u.id = i.user_id where i.household_id = ${id} order by i.added_at`,
    );
    const goals = await rowsOf(
      tx,
      sql`select g.case_id as "caseId", g.id, g.life_domain as "lifeDomain", g.description, g.goal_type as "goalType", g.status, g.created_at as "createdAt"
          from case_goals g where g.household_id = ${id} order by g.created_at, g.id`,
    );
    const arrangements = await rowsOf(
      tx,
      sql`select a.case_id as "caseId", a.id, a.layer, a.existing, coalesce(p.name, a.provider_name) as provider, o.name as offer, a.description,
            a.starts_on::text as "startsOn", a.ends_on::text as "endsOn", a.status,
            coalesce((select array_agg(ag.goal_id::text order by ag.goal_id) from case_arrangement_goals ag where ag.arrangement_id = a.id), '{}') as "goalIds",
            a.buurtservice_match_id is not null as "buurtserviceMatch", ni.name as initiative
          from case_arrangements a left join social_map_providers p on p.id = a.provider_id left join social_map_offers o on o.id = a.offer_id
            left join neighbourhood_initiatives ni on ni.id = a.initiative_id
          where a.household_id = ${id} order by a.created_at, a.id`,
    );
    const measurements = await rowsOf(
      tx,
      sql`select m.case_id as "caseId", m.measured_on::text as "measuredOn", u.name as "measuredBy",
            coalesce((select jsonb_object_agg(s.domain, s.score) from zrm_scores s where s.measurement_id = m.id), '{}'::jsonb) as scores
          from zrm_measurements m left join users u on u.id = m.created_by where m.household_id = ${id} order by m.measured_on, m.created_at`,
    );
    const referrals = await rowsOf(
      tx,
      sql`select case_id as "caseId", destination, description, referred_on::text as "referredOn", outcome, outcome_on::text as "outcomeOn"
          from case_referrals where household_id = ${id} order by referred_on, created_at`,
    );
    const spendRequests = await rowsOf(
      tx,
      sql`select s.number, s.amount_cents as "amountCents", s.status::text as status, s.purpose, s.created_at as "createdAt"
          from spend_requests s where s.household_id = ${id} order by s.number`,
    );
    const transfers = await rowsOf(
      tx,
      sql`select ft.name as "fromTeam", tt.name as "toTeam", x.reason, x.status, x.decision_note as "decisionNote", x.created_at as "createdAt", x.decided_at as "decidedAt"
          from household_transfers x left join teams ft on ft.id = x.from_team_id left join teams tt on tt.id = x.to_team_id
          where x.household_id = ${id} order by x.created_at`,
    );
    const grants = await grantLines(tx, id);
    // The read log as it stands after this export's own line (written by withCaseRead).
    const readLog = await readLogLines(tx, id, null, 0);
    const trail = await auditTrail(tx, ctx, id);
    return {
      exportedAt: new Date().toISOString(),
      exportedBy: ctx.actor.name,
      team: ctx.team.name,
      household: household ?? {},
      profile: profile ?? null,
      persons,
      cases: cases.map((c) => ({
        ...c,
        involved: byCase(involved, c.id),
        goals: byCase(goals, c.id),
        arrangements: byCase(arrangements, c.id),
        zrmMeasurements: byCase(measurements, c.id),
        referrals: byCase(referrals, c.id),
      })),
      spendRequests: spendRequests.map((s) => ({ ...s, number: Number(s.number), amountCents: Number(s.amountCents) })),
      transfers,
      accessGrants: grants.map(({ id: _id, ...g }) => g),
      readLog: readLog.map(({ id: _id, userId: _userId, ...l }) => l),
      auditTrail: trail.map(({ seq: _seq, ...e }) => e),
    };
  });
}

// ── Erasure (AVG art. 17) ────────────────────────────────────────────────

export const ERASURE_REASON_MIN = 10;
export const ERASURE_REASON_MAX = 300;

const erasureInput = z.object({
  reason: z.string().trim().min(ERASURE_REASON_MIN).max(ERASURE_REASON_MAX),
  confirmReference: z.string().trim().min(1).max(40),
});
export type ErasureInput = z.input<typeof erasureInput>;

/**
 * Erases a household's whole file at the resident's request: the coordinator
 * retypes the reference; one transaction destroys the household and its
 * content and writes a destruction-log line per record (kind, reference,
 * legal basis — never content) and an audit event (reference and reason; the
 * reason is checked by the privacy guard, since the audit log outlives the
 * file). Returns how many records were destroyed.
 */
export async function eraseHousehold(ctx: TeamContext, householdId: string, input: ErasureInput): Promise<{ reference: string; records: number }> {
  if (!UUID.test(householdId)) throw notFound();
  const parsed = erasureInput.safeParse(input);
  return withCaseWrite(
    ctx,
    householdId,
    async (tx, head) => {
      requireCoordinatorRight(ctx, head, "delete");
      if (!parsed.success) throw invalidInput(parsed.error);
      if (parsed.data.confirmReference.toUpperCase() !== head.reference.toUpperCase())
        throw new DomainError("casework_reference_mismatch", 400, { confirmReference: ["casework_reference_mismatch"] });
      const findings = findPersonalData(parsed.data.reason);
      if (findings.length) throw new DomainError("personal_data", 422, { reason: ["personal_data"] }, personalDataMessage(findings) ?? undefined);
      const [{ records }] = await queryRows<{ records: number }>(tx, sql`select casework_erase_household(${head.id}::uuid) as records`);
      await appendAudit(tx, {
        municipalityId: ctx.team.municipalityId,
        teamId: ctx.team.id,
        actor: ctx.actor,
        action: "casework.erased",
        objectType: "household",
        objectId: head.id,
        meta: ctx.meta,
        data: { reference: head.reference, reason: parsed.data.reason, records },
      });
      return { reference: head.reference, records };
    },
    "delete",
  );
}

// ── The destruction log ──────────────────────────────────────────────────

export interface DestructionEntry {
  householdReference: string;
  destroyedAt: Date;
  reason: "retention" | "erasure";
  legalBasis: string | null;
  /** How many records of each kind. */
  kinds: Record<string, number>;
}

export const DESTRUCTION_PAGE_SIZE = 25;

/** The team's destructions (one entry per household and moment), newest first, paginated. Coordinator only; 404 for anyone else. */
export async function listDestructionLog(
  ctx: TeamContext,
  opts: { page?: number } = {},
): Promise<{ entries: DestructionEntry[]; total: number; page: number; pages: number }> {
  if (!ctx.ability.can("read", as("CaseReadLog", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId }))) throw notFound();
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [{ n }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from (select 1 from casework_destruction_log where team_id = ${ctx.team.id} group by household_reference, destroyed_at, reason) x`,
    );
    const pages = Math.max(1, Math.ceil(n / DESTRUCTION_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages);
    const rows = await queryRows<{
      household_reference: string;
      destroyed_at: string | Date;
      reason: "retention" | "erasure";
      legal_basis: string | null;
      kinds: Record<string, number>;
    }>(
      tx,
      sql`select household_reference, destroyed_at, reason,
            (array_agg(legal_basis) filter (where record_kind = 'household'))[1] as legal_basis,
            (select jsonb_object_agg(k, c) from (select record_kind as k, count(*) as c from casework_destruction_log d2
               where d2.team_id = ${ctx.team.id} and d2.household_reference = d.household_reference and d2.destroyed_at = d.destroyed_at and d2.reason = d.reason
               group by record_kind) kc) as kinds
          from casework_destruction_log d where team_id = ${ctx.team.id}
          group by household_reference, destroyed_at, reason
          order by destroyed_at desc, household_reference
          limit ${DESTRUCTION_PAGE_SIZE} offset ${(page - 1) * DESTRUCTION_PAGE_SIZE}`,
    );
    return {
      entries: rows.map((r) => ({
        householdReference: r.household_reference,
        destroyedAt: new Date(r.destroyed_at),
        reason: r.reason,
        legalBasis: r.legal_basis,
        kinds: Object.fromEntries(Object.entries(r.kinds ?? {}).map(([k, c]) => [k, Number(c)])),
      })),
      total: n,
      page,
      pages,
    };
  });
}
