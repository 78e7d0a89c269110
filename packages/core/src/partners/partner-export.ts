// "No double registration": a partner organisation's own export of its
// staff's registered hours per person × team × ISO week, as CSV or JSON, in a
// stable, versioned format its own systems can import (docs/partners.md,
// "The partner's hours export"). Hours and activity kinds only: nothing
// about residents, households, cases or requests is ever selected. It runs
// in the partner scope, so RLS (time_registrations_partner_read,
// users_municipality) keeps every other organisation's staff out; the query
// also names the partner. Large periods stream: the rows are read in slices
// of a few weeks and handed on slice by slice.
//
// Export tokens (`wkp_…`) let the partner's system fetch the same export
// without a person's session: minted and revoked by the partner manager in
// the partner scope (RLS partner_export_tokens_partner), shown once, only the
// sha256 stored; authenticating one is the owner connection's lookup, like
// personal API tokens.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { and, eq, partnerExportTokens, queryRows, sql, withScope, type Database } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import {
  type BearerTokenRow,
  type ErrorCode,
  type UseCaseContext,
  DomainError,
  authenticateBearerToken,
  invalidInput,
  hashToken,
  newToken,
  writeCsv,
  neutraliseFormula,
  amsterdamDay,
} from "../common";
import { notFoundUnlessUuid } from "../tenancy";
import { addWeeks, currentMonday, isoWeekLabel, mondayOfIsoWeek } from "./time-registration";

/** The format's version: a change that breaks an importer gets a new number (and the old one stays available for a while). */
export const PARTNER_EXPORT_VERSION = 1;
/** At most this many ISO weeks per export. */
export const MAX_EXPORT_WEEKS = 53;
/** Weeks read per statement while streaming. */
const SLICE_WEEKS = 4;

/** The CSV's columns, in order (docs/partners.md). */
export const PARTNER_EXPORT_COLUMNS = [
  "versie",
  "partner",
  "week",
  "week_start",
  "medewerker_id",
  "medewerker_naam",
  "medewerker_email",
  "discipline",
  "team",
  "team_naam",
  "uren_individueel",
  "uren_collectief",
  "uren_teamoverleg",
  "uren_werkgroep",
  "uren_overig",
  "uren_totaal",
] as const;

export interface PartnerExportRow {
  /** ISO week, "2026-W05". */
  week: string;
  /** Its Monday, "2026-01-26". */
  weekStart: string;
  personId: string;
  /** Empty when the person now works for another organisation (then RLS hides the name). */
  personName: string | null;
  personEmail: string | null;
  /** The person's discipline when the week was registered. */
  discipline: string | null;
  teamSlug: string;
  teamName: string;
  hours: { individual: number; collective: number; meeting: number; workgroup: number; other: number; total: number };
}

export interface ExportPeriod {
  from: string;
  to: string;
  /** Mondays. */
  firstMonday: string;
  lastMonday: string;
}

const weekField = z.string().trim().optional();

/**
 * from/to as ISO weeks ("2026-W01"), inclusive. Defaults: `to` = the last
 * completed week, `from` = 12 weeks before `to`. At most 53 weeks; Dutch
 * field errors (week_invalid, export_range_invalid, export_range_too_long).
 */
export function parseExportPeriod(raw: { from?: string | null; to?: string | null }, now: Date = new Date()): ExportPeriod {
  const parsed = z.object({ from: weekField, to: weekField }).safeParse({ from: raw.from || undefined, to: raw.to || undefined });
  if (!parsed.success) throw invalidInput(parsed.error);
  const fields: Record<string, ErrorCode[]> = {};
  const lastMonday = parsed.data.to ? mondayOfIsoWeek(parsed.data.to) : addWeeks(currentMonday(now), -1);
  if (!lastMonday) fields.to = ["week_invalid"];
  const firstMonday = parsed.data.from ? mondayOfIsoWeek(parsed.data.from) : lastMonday ? addWeeks(lastMonday, -12) : null;
  if (!firstMonday) fields.from = ["week_invalid"];
  if (Object.keys(fields).length) throw new DomainError("invalid_input", 400, fields);
  if (firstMonday! > lastMonday!) throw new DomainError("export_range_invalid", 400, { from: ["export_range_invalid"] });
  const weeks = Math.round((Date.parse(lastMonday!) - Date.parse(firstMonday!)) / (7 * 86_400_000)) + 1;
  if (weeks > MAX_EXPORT_WEEKS) throw new DomainError("export_range_too_long", 400, { from: ["export_range_too_long"] });
  return { from: isoWeekLabel(firstMonday!), to: isoWeekLabel(lastMonday!), firstMonday: firstMonday!, lastMonday: lastMonday! };
}

function requirePartnerExport(ctx: UseCaseContext) {
  if (ctx.scope.kind !== "partner") throw ForbiddenError.from(ctx.ability).setMessage("partner scope required");
  const { municipalityId, partnerId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("PartnerExport", { municipalityId, partnerId }));
  return { municipalityId, partnerId };
}

/**
 * Audits the export (who, which period, web download or token) and returns
 * the rows as an async iterable of slices, read one statement per few weeks
 * in the partner scope.
 */
export async function partnerHoursExport(
  ctx: UseCaseContext,
  period: ExportPeriod,
  via: { kind: "download" } | { kind: "token"; tokenId: string },
): Promise<{ partner: { slug: string; name: string }; slices: AsyncIterable<PartnerExportRow[]> }> {
  const { municipalityId, partnerId } = requirePartnerExport(ctx);
  const partner = await withScope(ctx.db, ctx.scope, async (tx) => {
    const [p] = await queryRows<{ slug: string; name: string }>(
      tx,
      sql`select slug, name from partner_organisations where id = ${partnerId} and municipality_id = ${municipalityId}`,
    );
    if (!p) throw new DomainError("not_found", 404);
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "partner_export.downloaded",
      objectType: "partner_organisation",
      objectId: partnerId,
      meta: ctx.meta,
      data: { from: period.from, to: period.to, via: via.kind, ...(via.kind === "token" ? { tokenId: via.tokenId } : {}) },
    });
    return p;
  });
  async function* slices(): AsyncIterable<PartnerExportRow[]> {
    for (let start = period.firstMonday; start <= period.lastMonday; start = addWeeks(start, SLICE_WEEKS)) {
      const end = addWeeks(start, SLICE_WEEKS - 1) < period.lastMonday ? addWeeks(start, SLICE_WEEKS - 1) : period.lastMonday;
      yield await withScope(ctx.db, ctx.scope, (tx) => readSlice(tx, { municipalityId, partnerId, start, end }));
    }
  }
  return { partner, slices: slices() };
}

async function readSlice(
  tx: Parameters<Parameters<typeof withScope>[2]>[0],
  p: { municipalityId: string; partnerId: string; start: string; end: string },
): Promise<PartnerExportRow[]> {
  // Only these columns: hours, activity kinds, the person's own name and address, the team. No resident, case or request table is touched.
  const rows = await queryRows<{
    week_start: string;
    user_id: string;
    name: string | null;
    email: string | null;
    discipline: string | null;
    team_slug: string;
    team_name: string;
    individual: string;
    collective: string;
    meeting: string;
    workgroup: string;
    other: string;
  }>(
    tx,
    sql`select r.week_start::text as week_start, r.user_id, u.name, u.email, r.discipline, t.slug as team_slug, t.name as team_name,
               r.individual_hours::text as individual, r.collective_hours::text as collective, r.meeting_hours::text as meeting,
               r.workgroup_hours::text as workgroup, r.other_hours::text as other
        from time_registrations r
        join teams t on t.id = r.team_id
        left join users u on u.id = r.user_id and u.partner_organisation_id = ${p.partnerId}
        where r.municipality_id = ${p.municipalityId} and r.partner_organisation_id = ${p.partnerId}
          and r.week_start between ${p.start}::date and ${p.end}::date
        order by r.week_start, t.slug, u.name nulls last, r.user_id`,
  );
  return rows.map((r) => {
    const h = {
      individual: Number(r.individual),
      collective: Number(r.collective),
      meeting: Number(r.meeting),
      workgroup: Number(r.workgroup),
      other: Number(r.other),
    };
    const weekStart = String(r.week_start).slice(0, 10);
    return {
      week: isoWeekLabel(weekStart),
      weekStart,
      personId: r.user_id,
      personName: r.name,
      personEmail: r.email,
      discipline: r.discipline,
      teamSlug: r.team_slug,
      teamName: r.team_name,
      hours: { ...h, total: Math.round((h.individual + h.collective + h.meeting + h.workgroup + h.other) * 100) / 100 },
    };
  });
}

const hoursText = (n: number) => n.toFixed(2).replace(".", ",");

/** The CSV as a stream of text chunks: UTF-8 BOM and header first, then each slice (semicolons, decimal comma, CRLF). */
export async function* partnerExportCsv(partnerSlug: string, slices: AsyncIterable<PartnerExportRow[]>): AsyncIterable<string> {
  yield writeCsv(PARTNER_EXPORT_COLUMNS, [], { bom: true });
  for await (const slice of slices) {
    if (!slice.length) continue;
    yield writeCsv(
      PARTNER_EXPORT_COLUMNS,
      slice.map((r) => [
        PARTNER_EXPORT_VERSION,
        neutraliseFormula(partnerSlug),
        r.week,
        r.weekStart,
        r.personId,
        neutraliseFormula(r.personName ?? ""),
        neutraliseFormula(r.personEmail ?? ""),
        neutraliseFormula(r.discipline ?? ""),
        neutraliseFormula(r.teamSlug),
        neutraliseFormula(r.teamName),
        hoursText(r.hours.individual),
        hoursText(r.hours.collective),
        hoursText(r.hours.meeting),
        hoursText(r.hours.workgroup),
        hoursText(r.hours.other),
        hoursText(r.hours.total),
      ]),
      { header: false },
    );
  }
}

/** The JSON document as a stream of text chunks: `{ version, partner, from, to, rows: [...] }` (docs/partners.md). */
export async function* partnerExportJson(
  partner: { slug: string; name: string },
  period: ExportPeriod,
  slices: AsyncIterable<PartnerExportRow[]>,
): AsyncIterable<string> {
  yield `{"version":${PARTNER_EXPORT_VERSION},"partner":${JSON.stringify({ slug: partner.slug, name: partner.name })},"from":${JSON.stringify(period.from)},"to":${JSON.stringify(period.to)},"rows":[`;
  let first = true;
  for await (const slice of slices) {
    for (const r of slice) {
      yield `${first ? "" : ","}\n${JSON.stringify({
        week: r.week,
        weekStart: r.weekStart,
        person: { id: r.personId, name: r.personName, email: r.personEmail, discipline: r.discipline },
        team: { slug: r.teamSlug, name: r.teamName },
        hours: r.hours,
      })}`;
      first = false;
    }
  }
  yield "\n]}\n";
}

// ── Export tokens ──────────────────────────────────────────────────────────

export const PARTNER_TOKEN_PREFIX = "wkp_";

export const partnerTokenInput = z.object({
  name: z.string().trim().min(1).max(80),
  expiresInDays: z.coerce.number().int().min(1).max(365).nullish(),
});
export type PartnerTokenInput = z.input<typeof partnerTokenInput>;

export type PartnerTokenRow = BearerTokenRow;

function requireTokens(ctx: UseCaseContext, action: "read" | "create" | "delete") {
  if (ctx.scope.kind !== "partner") throw ForbiddenError.from(ctx.ability).setMessage("partner scope required");
  const { municipalityId, partnerId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan(action, as("PartnerExportToken", { municipalityId, partnerId }));
  return { municipalityId, partnerId };
}

/** Mints a token for the partner's export; the returned `token` is the only time it is visible. Audited without the token. */
export async function createPartnerExportToken(ctx: UseCaseContext, raw: PartnerTokenInput, now = new Date()) {
  const { municipalityId, partnerId } = requireTokens(ctx, "create");
  const parsed = partnerTokenInput.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { name, expiresInDays } = parsed.data;
  const token = `${PARTNER_TOKEN_PREFIX}${newToken().token}`;
  const lastFour = token.slice(-4);
  const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [row] = await tx
      .insert(partnerExportTokens)
      .values({ municipalityId, partnerOrganisationId: partnerId, name, tokenHash: hashToken(token), lastFour, createdBy: ctx.actor.userId, expiresAt })
      .returning({ id: partnerExportTokens.id });
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "partner_export_token.created",
      objectType: "partner_export_token",
      objectId: row.id,
      meta: ctx.meta,
      data: { partnerId, name, lastFour, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { id: row.id, token, name, lastFour, expiresAt };
  });
}

/** The partner's tokens, newest first (revoked and expired ones too). */
export async function listPartnerExportTokens(ctx: UseCaseContext): Promise<PartnerTokenRow[]> {
  const { municipalityId, partnerId } = requireTokens(ctx, "read");
  return withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .select({
        id: partnerExportTokens.id,
        name: partnerExportTokens.name,
        lastFour: partnerExportTokens.lastFour,
        createdAt: partnerExportTokens.createdAt,
        lastUsedAt: partnerExportTokens.lastUsedAt,
        expiresAt: partnerExportTokens.expiresAt,
        revokedAt: partnerExportTokens.revokedAt,
      })
      .from(partnerExportTokens)
      .where(and(eq(partnerExportTokens.municipalityId, municipalityId), eq(partnerExportTokens.partnerOrganisationId, partnerId)))
      .orderBy(sql`${partnerExportTokens.createdAt} desc`),
  );
}

/** Revokes one of the partner's tokens (another partner's or an unknown id: not found). Audited. */
export async function revokePartnerExportToken(ctx: UseCaseContext, tokenId: string, now = new Date()): Promise<void> {
  const { municipalityId, partnerId } = requireTokens(ctx, "delete");
  notFoundUnlessUuid(tokenId);
  await withScope(ctx.db, ctx.scope, async (tx) => {
    const [existing] = await tx
      .select({ id: partnerExportTokens.id, name: partnerExportTokens.name, lastFour: partnerExportTokens.lastFour, revokedAt: partnerExportTokens.revokedAt })
      .from(partnerExportTokens)
      .where(and(eq(partnerExportTokens.id, tokenId), eq(partnerExportTokens.partnerOrganisationId, partnerId)));
    if (!existing) throw new DomainError("not_found", 404);
    if (existing.revokedAt) return;
    // The partner scope may update only revoked_at (column grant) and only its own rows (RLS).
    await tx.execute(sql`update partner_export_tokens set revoked_at = ${now.toISOString()}::timestamptz where id = ${tokenId} and revoked_at is null`);
    await appendAudit(tx, {
      municipalityId,
      actor: ctx.actor,
      action: "partner_export_token.revoked",
      objectType: "partner_export_token",
      objectId: tokenId,
      meta: ctx.meta,
      data: { partnerId, name: existing.name, lastFour: existing.lastFour },
    });
  });
}

/**
 * The partner behind an export token, or null when it is malformed,
 * unknown, revoked or expired, or its maker is no longer active. Owner
 * connection (there is no scope yet); records the use at most once a minute.
 */
export async function authenticatePartnerExportToken(
  db: Database,
  bearer: string | null | undefined,
): Promise<{ tokenId: string; partnerId: string; municipalityId: string; createdBy: string; name: string } | null> {
  return authenticateBearerToken(db, bearer, {
    prefix: PARTNER_TOKEN_PREFIX,
    table: partnerExportTokens,
    maker: partnerExportTokens.createdBy,
    fields: {
      partnerId: partnerExportTokens.partnerOrganisationId,
      municipalityId: partnerExportTokens.municipalityId,
      createdBy: partnerExportTokens.createdBy,
      name: partnerExportTokens.name,
    },
  });
}

/** Today's default period's labels, for the download form. */
export function defaultExportWeeks(now: Date = new Date()) {
  const last = addWeeks(currentMonday(now), -1);
  return { from: isoWeekLabel(addWeeks(last, -12)), to: isoWeekLabel(last), today: amsterdamDay(now) };
}
