// The functional admin's audit log browser: the municipality's audit events,
// filtered and paged, and the same selection as CSV. Two walls: the ability
// check (read AuditEvent in this municipality) and row-level security (policy
// audit_events_admin_read), because every query runs inside withScope.
import {
  isCalendarDate,
  type UseCaseContext,
  neutraliseFormula,
  invalidInput,
  AMSTERDAM_TIME_ZONE as TIME_ZONE,
  formatDateTimeSeconds,
  writeCsv,
} from "../common";
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import { z } from "zod";
import { AUDIT_ACTIONS } from "./audit";

/** The action groups ('auth.', 'buurt.', …) that the action filter accepts as a prefix. */
export const AUDIT_ACTION_PREFIXES = [...new Set(AUDIT_ACTIONS.map((a) => `${a.split(".")[0]}.`))];

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_CSV_MAX_ROWS = 100_000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || isCalendarDate(v));

export const auditFilterInput = z
  .object({
    action: optionalText(64).refine((v) => v === undefined || (AUDIT_ACTIONS as readonly string[]).includes(v) || AUDIT_ACTION_PREFIXES.includes(v)),
    actor: optionalText(200),
    result: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.enum(["success", "failure"]).optional()),
    team: optionalText(64).refine((v) => v === undefined || z.string().uuid().safeParse(v).success),
    object: optionalText(200),
    from: isoDate,
    to: isoDate,
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "before_from" });
  });

/** Raw filter values as they come from a query string (empty strings mean "no filter"). */
export type AuditFilterInput = z.input<typeof auditFilterInput>;
export type AuditFilters = z.output<typeof auditFilterInput>;

/** Validates the filters; invalid ones reject with invalid_input and a code per field. */
export function parseAuditFilters(raw: AuditFilterInput): AuditFilters {
  const parsed = auditFilterInput.safeParse(raw);
  if (!parsed.success) {
    throw invalidInput(parsed.error);
  }
  return parsed.data;
}

/** A LIKE pattern that matches `text` literally anywhere (%, _ and \ escaped). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereClause(municipalityId: string, f: AuditFilters) {
  const conditions = [sql`e.municipality_id = ${municipalityId}`];
  if (f.action) conditions.push(f.action.endsWith(".") ? sql`starts_with(e.action, ${f.action})` : sql`e.action = ${f.action}`);
  if (f.actor) {
    const p = containsPattern(f.actor);
    conditions.push(sql`(e.actor->>'name' ilike ${p} or e.actor->>'email' ilike ${p})`);
  }
  if (f.result) conditions.push(sql`e.result = ${f.result}`);
  if (f.team) conditions.push(sql`e.team_id = ${f.team}::uuid`);
  if (f.object) {
    const p = containsPattern(f.object);
    conditions.push(sql`(e.object_id ilike ${p} or e.data::text ilike ${p})`);
  }
  // Calendar days in Amsterdam, both ends inclusive.
  if (f.from) conditions.push(sql`e.occurred_at >= (${f.from}::date)::timestamp at time zone ${TIME_ZONE}`);
  if (f.to) conditions.push(sql`e.occurred_at < (${f.to}::date + 1)::timestamp at time zone ${TIME_ZONE}`);
  return sql.join(conditions, sql` and `);
}

export interface AuditActorSnapshot {
  id: string | null;
  email: string | null;
  name: string | null;
}

export interface AuditLogRow {
  seq: number;
  occurredAt: Date;
  actor: AuditActorSnapshot;
  action: string;
  objectType: string;
  objectId: string | null;
  teamId: string | null;
  teamName: string | null;
  result: "success" | "failure";
  ip: string | null;
  data: Record<string, unknown>;
}

interface RawRow {
  seq: string | number;
  occurred_at: Date | string;
  actor: AuditActorSnapshot | string;
  action: string;
  object_type: string;
  object_id: string | null;
  team_id: string | null;
  team_name: string | null;
  result: "success" | "failure";
  ip: string | null;
  data: Record<string, unknown> | string;
}

const parseJson = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);

function toRow(r: RawRow): AuditLogRow {
  return {
    seq: Number(r.seq),
    occurredAt: new Date(r.occurred_at),
    actor: parseJson(r.actor),
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    teamId: r.team_id,
    teamName: r.team_name,
    result: r.result,
    ip: r.ip,
    data: parseJson(r.data) ?? {},
  };
}

async function selectRows(tx: Tx, where: ReturnType<typeof sql>, limit: number, offset: number): Promise<AuditLogRow[]> {
  const rows = await queryRows<RawRow>(
    tx,
    sql`select e.seq, e.occurred_at, e.actor, e.action, e.object_type, e.object_id, e.team_id, t.name as team_name, e.result, e.ip, e.data
        from audit_events e
        left join teams t on t.id = e.team_id and t.municipality_id = e.municipality_id
        where ${where}
        order by e.seq desc
        limit ${limit} offset ${offset}`,
  );
  return rows.map(toRow);
}

/** Only admins of this municipality; the scope's municipality is the one read. */
function assertMayRead(ctx: UseCaseContext): string {
  const municipalityId = ctx.scope.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("AuditEvent", { municipalityId }));
  return municipalityId;
}

export interface AuditLogPage {
  rows: AuditLogRow[];
  total: number;
  pages: number;
  /** The page shown (clamped to 1…pages). */
  page: number;
}

/** One page of the municipality's audit events matching the filters, newest first. */
export async function listAuditEvents(ctx: UseCaseContext, filters: AuditFilterInput, page = 1): Promise<AuditLogPage> {
  const municipalityId = assertMayRead(ctx);
  const f = parseAuditFilters(filters);
  const where = whereClause(municipalityId, f);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [{ total }] = await queryRows<{ total: string | number }>(tx, sql`select count(*) as total from audit_events e where ${where}`);
    const count = Number(total);
    const pages = Math.max(1, Math.ceil(count / AUDIT_PAGE_SIZE));
    const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
    const rows = count === 0 ? [] : await selectRows(tx, where, AUDIT_PAGE_SIZE, (current - 1) * AUDIT_PAGE_SIZE);
    return { rows, total: count, pages, page: current };
  });
}

/** The municipality's teams, for the team filter. */
export async function listAuditTeams(ctx: UseCaseContext): Promise<{ id: string; name: string }[]> {
  const municipalityId = assertMayRead(ctx);
  return withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<{ id: string; name: string }>(tx, sql`select id, name from teams where municipality_id = ${municipalityId} order by name, id`),
  );
}

export const AUDIT_CSV_HEADERS = [
  "Volgnummer",
  "Tijdstip",
  "Actor",
  "E-mail actor",
  "Actie",
  "Object",
  "Object-id",
  "Team",
  "Resultaat",
  "IP-adres",
  "Gegevens",
] as const;

/** dd-mm-yyyy HH:mm:ss in Europe/Amsterdam. */
export const formatAuditTimestamp = formatDateTimeSeconds;

/**
 * All matching events (at most AUDIT_CSV_MAX_ROWS, newest first) as CSV for
 * Dutch spreadsheets: semicolons, CRLF line ends, Dutch headers, formula
 * injection neutralised. Without BOM: the caller adds it for Excel.
 */
export async function auditEventsCsv(ctx: UseCaseContext, filters: AuditFilterInput): Promise<string> {
  const municipalityId = assertMayRead(ctx);
  const f = parseAuditFilters(filters);
  const rows = await withScope(ctx.db, ctx.scope, (tx) => selectRows(tx, whereClause(municipalityId, f), AUDIT_CSV_MAX_ROWS, 0));
  const records = rows.map((r) =>
    [
      String(r.seq),
      formatAuditTimestamp(r.occurredAt),
      r.actor?.name ?? "",
      r.actor?.email ?? "",
      r.action,
      r.objectType,
      r.objectId ?? "",
      r.teamName ?? "",
      r.result === "success" ? "Gelukt" : "Mislukt",
      r.ip ?? "",
      Object.keys(r.data).length ? JSON.stringify(r.data) : "",
    ].map(neutraliseFormula),
  );
  return writeCsv(AUDIT_CSV_HEADERS, records);
}
