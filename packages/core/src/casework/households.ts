// Households and their intake (issue 15, registration): one transaction
// files the household, its profile, its persons and its first case. The
// owning team is the team whose buurt the household lives in ON THE INTAKE
// DATE (effective-dated buurt_assignments, both ends inclusive); a buurt of
// another team is refused with a field error naming that team — a household
// is never filed silently elsewhere (a transfer is explicit). The reference
// is the team's resident pseudonym (PREFIX-0142), allocated under a
// per-team advisory lock. Only what the question needs is required.
import { randomUUID } from "node:crypto";
import { ForbiddenError, as } from "@wijkwerk/authz";
import { caseInvolved, cases, householdPersons, householdProfiles, households, queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import { z, type ZodError } from "zod";
import { appendAudit } from "../audit";
import { DomainError, amsterdamDay, isCalendarDate, type ErrorCode, type TeamContext } from "../common";
import { defaultResidentRefPrefix } from "../workbudget";
import { caseSubject, withCaseRead, withCaseWrite, type HouseholdHead } from "./access";
import { encryptBsn, isValidBsn, maskedStoredBsn } from "./bsn";
import { householdMessages } from "./households-messages";
import { ENTRY_ROUTES, GENDERS, HOUSEHOLD_TYPES, LEGAL_BASES, PERSON_ROLES, QUESTION_TYPES, type CaseAccess } from "./vocabulary";

export const HOUSEHOLDS_PAGE_SIZE = 25;
export const MAX_PERSONS = 20;
export const MAX_INVOLVED = 20;

// ── Input ──────────────────────────────────────────────────────────────────

const todayInAmsterdam = () => amsterdamDay(new Date());
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blank, schema.optional());
const code = (c: ErrorCode) => ({ params: { code: c } });
const notInFuture = (day: string) => day <= todayInAmsterdam();
const day = (future: ErrorCode) =>
  z
    .string()
    .trim()
    .refine(isCalendarDate, code("date_invalid"))
    .refine((d) => !isCalendarDate(d) || notInFuture(d), code(future));
const ids = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
    z
      .array(z.string().uuid())
      .max(max)
      .transform((a) => [...new Set(a)]),
  );

export const personInput = z.object({
  name: z.preprocess((v) => v ?? "", z.string().trim().max(120)),
  role: z.enum(PERSON_ROLES),
  gender: z.preprocess((v) => blank(v) ?? "unknown", z.enum(GENDERS)),
  birthYear: optional(z.coerce.number().int().min(1900).max(2100)),
  dateOfBirth: optional(day("casework_date_in_future")),
  bsn: optional(z.string().trim().max(20).refine(isValidBsn, code("casework_bsn_invalid"))),
});
export type PersonInput = z.input<typeof personInput>;

/** The fields of an intake that belong to the case (also for a reopened household). */
const caseIntakeShape = {
  intakeOn: day("casework_date_in_future"),
  entryRoute: z.enum(ENTRY_ROUTES),
  question: z.preprocess((v) => v ?? "", z.string().trim().max(4000)),
  questionType: z.enum(QUESTION_TYPES),
  intakeNotes: z.preprocess((v) => v ?? "", z.string().trim().max(20000)),
  regisseurId: optional(z.string().uuid()),
  involvedIds: ids(MAX_INVOLVED),
  legalBasis: z.preprocess((v) => blank(v) ?? "none", z.enum(LEGAL_BASES)),
};
export const caseIntakeInput = z.object(caseIntakeShape);
export type CaseIntakeInput = z.input<typeof caseIntakeInput>;

const profileShape = {
  householdType: z.enum(HOUSEHOLD_TYPES),
  initials: optional(
    z
      .string()
      .trim()
      .max(20)
      .regex(/^[\p{L}. /-]+$/u),
  ),
  address: z.preprocess((v) => v ?? "", z.string().trim().max(200)),
  postcode: z.preprocess((v) => v ?? "", z.string().trim().max(10)),
  phone: z.preprocess((v) => v ?? "", z.string().trim().max(30)),
};
export const profileInput = z.object(profileShape);
export type ProfileInput = z.input<typeof profileInput>;

export const intakeInput = z.object({
  ...profileShape,
  ...caseIntakeShape,
  buurtId: optional(z.string().uuid()),
  /** Instead of the buurt: a street name, looked up in the municipality's street list. */
  street: optional(z.string().trim().max(120)),
  persons: z.array(personInput).min(1).max(MAX_PERSONS),
});
export type IntakeInput = z.input<typeof intakeInput>;

/** The conform name of a field ("persons[0].bsn"), so an error lands next to its field. */
const fieldName = (path: (string | number)[]) => path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

function fieldCodes(error: ZodError): Record<string, ErrorCode[]> {
  const out: Record<string, ErrorCode[]> = {};
  for (const issue of error.issues) {
    const field = fieldName(issue.path) || "form";
    const c: ErrorCode =
      issue.code === "custom" && typeof issue.params?.code === "string"
        ? (issue.params.code as ErrorCode)
        : issue.code === "invalid_type" && issue.received === "undefined"
          ? "required"
          : issue.code === "too_small" && issue.path.length === 1 && issue.path[0] === "persons"
            ? "casework_person_required"
            : "invalid_input";
    out[field] = [...new Set([...(out[field] ?? []), c])];
  }
  return out;
}

function parse<S extends z.ZodTypeAny>(schema: S, raw: unknown, extra: Record<string, ErrorCode[]> = {}): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DomainError("invalid_input", 400, { ...fieldCodes(parsed.error), ...extra });
  if (Object.keys(extra).length) throw new DomainError("invalid_input", 400, extra);
  return parsed.data as z.output<S>;
}

const fieldError = (c: ErrorCode, field: string, detail?: string) => new DomainError(c, 400, { [field]: [c] }, detail);

// ── Rules ──────────────────────────────────────────────────────────────────

const PARTICLES = new Set(["van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "op", "von", "la", "le", "du", "da", "di", "el", "al"]);

/** "Anna de Vries-Bakker" → "A.V.B.": the initials of the first adult with a name (else anyone with a name); at most four letters. */
export function initialsOf(persons: { name?: string; role: string }[]): string {
  const named = persons.filter((p) => p.name && p.name.trim() !== "");
  const person = named.find((p) => p.role === "adult") ?? named[0];
  if (!person) return "";
  return person
    .name!.split(/[\s-]+/)
    .filter((w) => w && !PARTICLES.has(w.toLowerCase()))
    .map((w) => w.match(/\p{L}/u)?.[0]?.toUpperCase())
    .filter(Boolean)
    .slice(0, 4)
    .map((l) => `${l}.`)
    .join("");
}

/** The buurt by id, or by a street name (when one buurt has it, or exactly one of its buurten is the team's on `day`). */
async function resolveBuurt(tx: Tx, v: { buurtId?: string; street?: string }, day: string): Promise<string> {
  if (v.buurtId) {
    const [b] = await queryRows<{ id: string }>(tx, sql`select id from buurten where id = ${v.buurtId} and municipality_id = (select app_municipality())`);
    if (!b) throw fieldError("invalid_input", "buurtId");
    return b.id;
  }
  const found = await queryRows<{ buurt_id: string; ours: boolean }>(
    tx,
    sql`select distinct s.buurt_id, exists (select 1 from buurt_assignments a where a.buurt_id = s.buurt_id and a.team_id = (select app_tenant())
            and a.valid_from <= ${day}::date and (a.valid_to is null or a.valid_to >= ${day}::date)) as ours
        from streets s where s.municipality_id = (select app_municipality()) and lower(s.name) = lower(${v.street!})`,
  );
  if (found.length === 0) throw fieldError("casework_street_unknown", "street");
  if (found.length === 1) return found[0].buurt_id;
  const ours = found.filter((f) => f.ours);
  if (ours.length === 1) return ours[0].buurt_id;
  throw fieldError("casework_street_ambiguous", "buurtId");
}

/**
 * The buurt must be this team's on `day`. When it is not, the field error
 * names the team that serves it then (read in the 'public' scope, where the
 * buurt map is public reference data, as on /buurt; the transaction is
 * rolled back by the error).
 */
async function requireBuurtOfTeam(tx: Tx, buurtId: string, day: string, field: string): Promise<void> {
  const [ok] = await queryRows<{ ok: boolean }>(
    tx,
    sql`select true as ok from buurt_assignments a where a.buurt_id = ${buurtId} and a.team_id = (select app_tenant())
        and a.valid_from <= ${day}::date and (a.valid_to is null or a.valid_to >= ${day}::date) limit 1`,
  );
  if (ok) return;
  await tx.execute(sql`select set_config('app.scope', 'public', true), set_config('app.tenant_id', '', true), set_config('app.user_id', '', true)`);
  const [row] = await queryRows<{ buurt: string; team: string | null }>(
    tx,
    sql`select b.name as buurt, (select t.name from buurt_assignments a join teams t on t.id = a.team_id where a.buurt_id = b.id
            and a.valid_from <= ${day}::date and (a.valid_to is null or a.valid_to >= ${day}::date) order by a.valid_from desc limit 1) as team
        from buurten b where b.id = ${buurtId}`,
  );
  const detail = row?.team ? householdMessages.buurtOfOtherTeam(row.buurt, row.team, day) : householdMessages.buurtWithoutTeam(row?.buurt ?? "", day);
  throw fieldError("casework_buurt_other_team", field, detail);
}

/** Every id must be a professional (coordinator or member) of the team; partner staff who are members count. */
async function requireProfessionals(tx: Tx, userIds: string[], field: string): Promise<void> {
  if (userIds.length === 0) return;
  const rows = await queryRows<{ user_id: string }>(
    tx,
    sql`select m.user_id from active_team_memberships m join users u on u.id = m.user_id
        where m.team_id = (select app_tenant()) and m.role in ('coordinator', 'member') and u.is_active
          and m.user_id in (${sql.join(
            userIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
  );
  if (new Set(rows.map((r) => r.user_id)).size !== new Set(userIds).size) throw fieldError("casework_not_team_professional", field);
}

/**
 * The next reference of the team: its resident-pseudonym prefix, a hyphen,
 * at least four digits (MB-0142). Serialised per team by an advisory lock
 * held to the end of the transaction, so two intakes at once get two
 * numbers; the unique index households_team_reference is the last guard.
 */
async function allocateReference(tx: Tx): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('households.reference:' || (select app_tenant())::text, 0))`);
  const [team] = await queryRows<{ slug: string; prefix: string | null }>(
    tx,
    sql`select slug, resident_ref_prefix as prefix from teams where id = (select app_tenant())`,
  );
  const prefix = team.prefix ?? defaultResidentRefPrefix(team.slug);
  const [{ last }] = await queryRows<{ last: number | null }>(
    tx,
    sql`select max(substring(reference from '[0-9]+$')::int) as last from households
        where team_id = (select app_tenant()) and reference ~ ${`^${prefix}-[0-9]{1,6}$`}`,
  );
  return `${prefix}-${String((last ?? 0) + 1).padStart(4, "0")}`;
}

const personValues = (ctx: TeamContext, householdId: string, p: z.output<typeof personInput>) => ({
  municipalityId: ctx.team.municipalityId,
  teamId: ctx.team.id,
  householdId,
  name: p.name,
  role: p.role,
  gender: p.gender,
  birthYear: p.birthYear ?? null,
  dateOfBirth: p.dateOfBirth ?? null,
  bsnCiphertext: p.bsn ? encryptBsn(p.bsn) : null,
});

async function insertCase(tx: Tx, ctx: TeamContext, householdId: string, v: z.output<typeof caseIntakeInput>): Promise<string> {
  const regisseurId = v.regisseurId ?? ctx.actor.userId;
  const involved = v.involvedIds.filter((id) => id !== regisseurId);
  await requireProfessionals(tx, [regisseurId], "regisseurId");
  await requireProfessionals(tx, involved, "involvedIds");
  const caseId = randomUUID();
  // No RETURNING: the first case's SELECT policy cannot see the row its own statement inserts.
  await tx.insert(cases).values({
    id: caseId,
    municipalityId: ctx.team.municipalityId,
    teamId: ctx.team.id,
    householdId,
    intakeOn: v.intakeOn,
    entryRoute: v.entryRoute,
    question: v.question,
    questionType: v.questionType,
    intakeNotes: v.intakeNotes,
    regisseurId,
    legalBasis: v.legalBasis,
    createdBy: ctx.actor.userId,
  });
  if (involved.length)
    await tx
      .insert(caseInvolved)
      .values(involved.map((userId) => ({ municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, caseId, householdId, userId })));
  return caseId;
}

const teamSubject = (ctx: TeamContext) => ({ teamId: ctx.team.id, municipalityId: ctx.team.municipalityId });

// ── Use cases ──────────────────────────────────────────────────────────────

/** Files an intake: household (+ profile, persons) and its first case, in one transaction. */
export async function registerIntake(ctx: TeamContext, raw: IntakeInput): Promise<{ id: string; reference: string; caseId: string }> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("Household", teamSubject(ctx)));
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("Case", teamSubject(ctx)));
  // The buurt, or a street to find it by (checked beside the schema, so that it is named with the other missing fields).
  const r = (raw ?? {}) as { buurtId?: unknown; street?: unknown };
  const v = parse(intakeInput, raw, blank(r.buurtId) === undefined && blank(r.street) === undefined ? { buurtId: ["required"] } : {});
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const buurtId = await resolveBuurt(tx, v, v.intakeOn);
    await requireBuurtOfTeam(tx, buurtId, v.intakeOn, v.buurtId ? "buurtId" : "street");
    const reference = await allocateReference(tx);
    const id = randomUUID();
    await tx.insert(households).values({
      id,
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      reference,
      initials: v.initials ?? initialsOf(v.persons),
      buurtId,
    });
    const caseId = await insertCase(tx, ctx, id, v);
    await tx.insert(householdProfiles).values({
      householdId: id,
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      householdType: v.householdType,
      address: v.address,
      postcode: v.postcode,
      phone: v.phone,
    });
    await tx.insert(householdPersons).values(v.persons.map((p) => personValues(ctx, id, p)));
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "casework.intake_registered",
      objectType: "household",
      objectId: id,
      meta: ctx.meta,
      data: { reference },
    });
    return { id, reference, caseId };
  });
}

/** A new case for a closed household (a new intake); the buurt must still be the team's on the new intake date. */
export async function reopenCase(ctx: TeamContext, householdId: string, raw: CaseIntakeInput): Promise<{ caseId: string }> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", as("Case", teamSubject(ctx)));
  const v = parse(caseIntakeInput, raw);
  return withCaseWrite(ctx, householdId, async (tx, head) => {
    const [open] = await queryRows<{ id: string }>(tx, sql`select id from cases where household_id = ${head.id} and status = 'open' limit 1`);
    if (head.status !== "closed" || open) throw new DomainError("casework_household_open", 409);
    await requireBuurtOfTeam(tx, head.buurtId, v.intakeOn, "intakeOn");
    const caseId = await insertCase(tx, ctx, head.id, v);
    await tx.execute(sql`update households set status = 'open', updated_at = now() where id = ${head.id}`);
    await audit(tx, ctx, head, "casework.case_reopened");
    return { caseId };
  });
}

const audit = (
  tx: Tx,
  ctx: TeamContext,
  head: HouseholdHead,
  action: "casework.case_reopened" | "casework.persons_updated" | "casework.profile_updated" | "casework.regisseur_set" | "casework.involved_changed",
  extra: Record<string, unknown> = {},
) =>
  appendAudit(tx, {
    municipalityId: ctx.team.municipalityId,
    teamId: ctx.team.id,
    actor: ctx.actor,
    action,
    objectType: "household",
    objectId: head.id,
    meta: ctx.meta,
    data: { reference: head.reference, ...extra },
  });

export interface HouseholdListRow {
  id: string;
  reference: string;
  initials: string;
  status: "open" | "closed";
  buurtName: string;
  /** Null without a right to the content (the case rows are hidden by RLS). */
  intakeOn: string | null;
  myAccess: CaseAccess | "none";
  regisseurName: string | null;
}

export interface HouseholdListFilter {
  page?: number;
  filter?: "mine" | "all";
  status?: "open" | "closed" | "all";
  q?: string;
}

/** The team's households as the whole team sees them: reference, initials, status, buurt; intake and regisseur where the viewer has a right. */
export async function listHouseholds(
  ctx: TeamContext,
  opts: HouseholdListFilter = {},
): Promise<{ rows: HouseholdListRow[]; total: number; page: number; pageCount: number }> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Household", teamSubject(ctx)));
  const page = Math.max(1, Math.floor(opts.page ?? 1) || 1);
  const q = (opts.q ?? "").trim().slice(0, 40);
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = sql`h.team_id = (select app_tenant())
    ${opts.status === "open" || opts.status === "closed" ? sql`and h.status = ${opts.status}` : sql``}
    ${q ? sql`and (h.reference ilike ${like} or h.initials ilike ${like})` : sql``}
    ${opts.filter === "mine" ? sql`and case_access(h.id) = 'case_team'` : sql``}`;
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from households h where ${where}`);
    const pageCount = Math.max(1, Math.ceil(n / HOUSEHOLDS_PAGE_SIZE));
    const current = Math.min(page, pageCount);
    const rows = await queryRows<{
      id: string;
      reference: string;
      initials: string;
      status: "open" | "closed";
      buurt_name: string;
      intake_on: string | null;
      access: CaseAccess | null;
      regisseur_name: string | null;
    }>(
      tx,
      sql`select h.id, h.reference, h.initials, h.status, b.name as buurt_name, c.intake_on::text as intake_on, case_access(h.id) as access, u.name as regisseur_name
          from households h join buurten b on b.id = h.buurt_id
          left join lateral (select c.intake_on, c.regisseur_id from cases c where c.household_id = h.id order by c.intake_on desc, c.created_at desc limit 1) c on true
          left join users u on u.id = c.regisseur_id
          where ${where}
          order by h.status = 'open' desc, h.created_at desc, h.reference desc
          limit ${HOUSEHOLDS_PAGE_SIZE} offset ${(current - 1) * HOUSEHOLDS_PAGE_SIZE}`,
    );
    return {
      total: n,
      page: current,
      pageCount,
      rows: rows.map((r) => {
        const right = r.access && ctx.ability.can("read", caseSubject(ctx, r.access));
        return {
          id: r.id,
          reference: r.reference,
          initials: r.initials,
          status: r.status,
          buurtName: r.buurt_name,
          intakeOn: right ? r.intake_on : null,
          myAccess: right ? r.access! : "none",
          regisseurName: right ? r.regisseur_name : null,
        };
      }),
    };
  });
}

export interface TeamProfessional {
  id: string;
  name: string;
  role: "coordinator" | "member";
}

/** The team's coordinators and members: who may be regisseur or involved. */
export async function listTeamProfessionals(ctx: TeamContext): Promise<TeamProfessional[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Household", teamSubject(ctx)));
  return withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<TeamProfessional>(
      tx,
      sql`select u.id, u.name, m.role::text as role from active_team_memberships m join users u on u.id = m.user_id
          where m.team_id = (select app_tenant()) and m.role in ('coordinator', 'member') and u.is_active order by u.name`,
    ),
  );
}

/** The team's buurten on a day (for the intake form). */
export async function listTeamBuurten(ctx: TeamContext, day: string = todayInAmsterdam()): Promise<{ id: string; name: string }[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Household", teamSubject(ctx)));
  if (!isCalendarDate(day)) day = todayInAmsterdam();
  return withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<{ id: string; name: string }>(
      tx,
      sql`select distinct b.id, b.name from buurt_assignments a join buurten b on b.id = a.buurt_id where a.team_id = (select app_tenant())
          and a.valid_from <= ${day}::date and (a.valid_to is null or a.valid_to >= ${day}::date) order by b.name`,
    ),
  );
}

export interface HouseholdPersonView {
  id: string;
  name: string;
  role: string;
  gender: string;
  birthYear: number | null;
  dateOfBirth: string | null;
  /** "******789", null when none recorded, "unreadable" when the key does not open it. */
  bsnMasked: string | null;
}

export interface HouseholdSummary {
  id: string;
  reference: string;
  initials: string;
  status: "open" | "closed";
  access: CaseAccess;
  canEdit: boolean;
  buurtName: string;
  profile: { householdType: string; address: string; postcode: string; phone: string } | null;
  persons: HouseholdPersonView[];
  currentCase: {
    id: string;
    status: "open" | "closed";
    intakeOn: string;
    entryRoute: string;
    question: string;
    questionType: string;
    intakeNotes: string;
    legalBasis: string;
    closedOn: string | null;
  } | null;
  regisseur: { id: string; name: string } | null;
  involved: { id: string; name: string }[];
}

/** The overview of a household's file (read logged as 'summary'); 404 without a right. */
export async function getHouseholdSummary(ctx: TeamContext, householdId: string): Promise<HouseholdSummary> {
  return withCaseRead(ctx, householdId, "summary", async (tx, head) => {
    const [buurt] = await queryRows<{ name: string }>(tx, sql`select name from buurten where id = ${head.buurtId}`);
    const [profile] = await queryRows<{ household_type: string; address: string; postcode: string; phone: string }>(
      tx,
      sql`select household_type, address, postcode, phone from household_profiles where household_id = ${head.id}`,
    );
    const persons = await queryRows<{
      id: string;
      name: string;
      role: string;
      gender: string;
      birth_year: number | null;
      date_of_birth: string | null;
      bsn_ciphertext: string | null;
    }>(
      tx,
      sql`select id, name, role, gender, birth_year, date_of_birth::text as date_of_birth, bsn_ciphertext from household_persons
          where household_id = ${head.id} order by case role when 'adult' then 0 when 'child' then 1 else 2 end, birth_year nulls last, created_at`,
    );
    const [c] = await queryRows<{
      id: string;
      status: "open" | "closed";
      intake_on: string;
      entry_route: string;
      question: string;
      question_type: string;
      intake_notes: string;
      legal_basis: string;
      closed_on: string | null;
      regisseur_id: string;
      regisseur_name: string;
    }>(
      tx,
      sql`select c.id, c.status, c.intake_on::text as intake_on, c.entry_route, c.question, c.question_type, c.intake_notes, c.legal_basis,
            c.closed_on::text as closed_on, c.regisseur_id, u.name as regisseur_name
          from cases c join users u on u.id = c.regisseur_id where c.household_id = ${head.id}
          order by c.status = 'open' desc, c.intake_on desc, c.created_at desc limit 1`,
    );
    const involved = c
      ? await queryRows<{ id: string; name: string }>(
          tx,
          sql`select u.id, u.name from case_involved i join users u on u.id = i.user_id where i.case_id = ${c.id} order by u.name`,
        )
      : [];
    return {
      id: head.id,
      reference: head.reference,
      initials: head.initials,
      status: head.status,
      access: head.access,
      canEdit: ctx.ability.can("update", caseSubject(ctx, head.access)),
      buurtName: buurt?.name ?? "",
      profile: profile ? { householdType: profile.household_type, address: profile.address, postcode: profile.postcode, phone: profile.phone } : null,
      persons: persons.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        gender: p.gender,
        birthYear: p.birth_year,
        dateOfBirth: p.date_of_birth,
        bsnMasked: maskedStoredBsn(p.bsn_ciphertext),
      })),
      currentCase: c
        ? {
            id: c.id,
            status: c.status,
            intakeOn: c.intake_on,
            entryRoute: c.entry_route,
            question: c.question,
            questionType: c.question_type,
            intakeNotes: c.intake_notes,
            legalBasis: c.legal_basis,
            closedOn: c.closed_on,
          }
        : null,
      regisseur: c ? { id: c.regisseur_id, name: c.regisseur_name } : null,
      involved,
    };
  });
}

// ── Rectification (audited; the case team and the coordinator) ────────────

export const personUpdateInput = personInput.extend({
  id: z.string().uuid(),
  /** Remove the recorded BSN (an empty bsn keeps it). */
  clearBsn: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
});
export type PersonUpdateInput = z.input<typeof personUpdateInput>;

/** Corrects the household's persons (several at once); a BSN left empty is kept, clearBsn removes it. */
export async function updatePersons(ctx: TeamContext, householdId: string, raw: { persons: PersonUpdateInput[] }): Promise<void> {
  const v = parse(z.object({ persons: z.array(personUpdateInput).min(1).max(MAX_PERSONS) }), raw);
  await withCaseWrite(ctx, householdId, async (tx, head) => {
    for (const p of v.persons) {
      const bsn = p.clearBsn ? sql`null` : p.bsn ? sql`${encryptBsn(p.bsn)}` : sql`bsn_ciphertext`;
      const updated = await queryRows<{ id: string }>(
        tx,
        sql`update household_persons set name = ${p.name}, role = ${p.role}, gender = ${p.gender}, birth_year = ${p.birthYear ?? null},
              date_of_birth = ${p.dateOfBirth ?? null}, bsn_ciphertext = ${bsn}, updated_at = now()
            where id = ${p.id} and household_id = ${head.id} returning id`,
      );
      if (updated.length === 0) throw new DomainError("not_found", 404);
    }
    await audit(tx, ctx, head, "casework.persons_updated", { change: "updated", count: v.persons.length });
  });
}

/** Adds a person to the household. */
export async function addPerson(ctx: TeamContext, householdId: string, raw: PersonInput): Promise<{ id: string }> {
  const p = parse(personInput, raw);
  return withCaseWrite(ctx, householdId, async (tx, head) => {
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from household_persons where household_id = ${head.id}`);
    if (n >= MAX_PERSONS) throw new DomainError("invalid_input", 400);
    const id = randomUUID();
    await tx.insert(householdPersons).values({ id, ...personValues(ctx, head.id, p) });
    await audit(tx, ctx, head, "casework.persons_updated", { change: "added" });
    return { id };
  });
}

/** Removes a person (rectification); a household keeps at least one. */
export async function removePerson(ctx: TeamContext, householdId: string, personId: string): Promise<void> {
  await withCaseWrite(ctx, householdId, async (tx, head) => {
    if (!/^[0-9a-f-]{36}$/i.test(personId)) throw new DomainError("not_found", 404);
    const persons = await queryRows<{ id: string }>(tx, sql`select id from household_persons where household_id = ${head.id}`);
    if (!persons.some((p) => p.id === personId)) throw new DomainError("not_found", 404);
    if (persons.length === 1) throw new DomainError("casework_last_person", 409);
    await tx.execute(sql`delete from household_persons where id = ${personId} and household_id = ${head.id}`);
    await audit(tx, ctx, head, "casework.persons_updated", { change: "removed" });
  });
}

/** Corrects the profile (type, address) and, when given, the initials the list shows. */
export async function updateProfile(ctx: TeamContext, householdId: string, raw: ProfileInput): Promise<void> {
  const v = parse(profileInput, raw);
  await withCaseWrite(ctx, householdId, async (tx, head) => {
    await tx.execute(
      sql`update household_profiles set household_type = ${v.householdType}, address = ${v.address}, postcode = ${v.postcode}, phone = ${v.phone},
            updated_at = now() where household_id = ${head.id}`,
    );
    if (v.initials !== undefined && v.initials !== head.initials)
      await tx.execute(sql`update households set initials = ${v.initials}, updated_at = now() where id = ${head.id}`);
    await audit(tx, ctx, head, "casework.profile_updated");
  });
}

async function openCaseOf(tx: Tx, householdId: string): Promise<{ id: string; regisseur_id: string }> {
  const [c] = await queryRows<{ id: string; regisseur_id: string }>(
    tx,
    sql`select id, regisseur_id from cases where household_id = ${householdId} and status = 'open' limit 1`,
  );
  if (!c) throw new DomainError("casework_case_closed", 409);
  return c;
}

/** Makes another professional of the team the regisseur of the open case. */
export async function setRegisseur(ctx: TeamContext, householdId: string, userId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) throw fieldError("casework_not_team_professional", "regisseurId");
  await withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCaseOf(tx, head.id);
    await requireProfessionals(tx, [userId], "regisseurId");
    if (c.regisseur_id === userId) return;
    await tx.execute(sql`update cases set regisseur_id = ${userId}, updated_at = now() where id = ${c.id}`);
    await tx.execute(sql`delete from case_involved where case_id = ${c.id} and user_id = ${userId}`);
    await audit(tx, ctx, head, "casework.regisseur_set", { userId });
  });
}

/** Adds a professional of the team to the open case. */
export async function addInvolved(ctx: TeamContext, householdId: string, userId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) throw fieldError("casework_not_team_professional", "userId");
  await withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCaseOf(tx, head.id);
    await requireProfessionals(tx, [userId], "userId");
    if (c.regisseur_id === userId) return;
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from case_involved where case_id = ${c.id}`);
    if (n >= MAX_INVOLVED) throw fieldError("invalid_input", "userId");
    await tx
      .insert(caseInvolved)
      .values({ municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, caseId: c.id, householdId: head.id, userId })
      .onConflictDoNothing();
    await audit(tx, ctx, head, "casework.involved_changed", { change: "added", userId });
  });
}

/** Removes a professional from the open case. */
export async function removeInvolved(ctx: TeamContext, householdId: string, userId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) throw new DomainError("not_found", 404);
  await withCaseWrite(ctx, householdId, async (tx, head) => {
    const c = await openCaseOf(tx, head.id);
    const removed = await queryRows<{ user_id: string }>(tx, sql`delete from case_involved where case_id = ${c.id} and user_id = ${userId} returning user_id`);
    if (removed.length === 0) throw new DomainError("not_found", 404);
    await audit(tx, ctx, head, "casework.involved_changed", { change: "removed", userId });
  });
}
