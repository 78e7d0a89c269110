// Contacts without a case (information, advice, a quick referral) and
// objections to being registered: counted per team and month, no personal
// data. An objection keeps only the team and the first day of its month —
// even its created_at is set to that day, and no audit event is written
// (an actor and a timestamp next to it could point back to the resident).
import { randomUUID } from "node:crypto";
import { ForbiddenError, as } from "@wijkwerk/authz";
import { caseworkContacts, queryRows, sql, withScope } from "@wijkwerk/db";
import { z } from "zod";
import { appendAudit } from "../audit";
import { DomainError, amsterdamDay, isCalendarDate, type ErrorCode, type TeamContext } from "../common";
import { ENTRY_ROUTES, QUESTION_TYPES } from "./vocabulary";

const todayInAmsterdam = () => amsterdamDay(new Date());
const code = (c: ErrorCode) => ({ params: { code: c } });
/** At most ten years of months in one table. */
export const MAX_COUNT_MONTHS = 120;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const contactInput = z.object({
  date: z
    .string()
    .trim()
    .refine(isCalendarDate, code("date_invalid"))
    .refine((d) => !isCalendarDate(d) || d <= todayInAmsterdam(), code("casework_date_in_future")),
  entryRoute: z.enum(ENTRY_ROUTES),
  questionType: z.enum(QUESTION_TYPES),
});
export type ContactInput = z.input<typeof contactInput>;

export const objectionInput = z.object({
  month: z
    .string()
    .trim()
    .refine((m) => MONTH.test(m) && m >= "2000-01", code("date_invalid"))
    .refine((m) => !MONTH.test(m) || m <= todayInAmsterdam().slice(0, 7), code("casework_date_in_future")),
});

const subject = (ctx: TeamContext) => as("CaseworkContact", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId });

function parse<S extends z.ZodTypeAny>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data as z.output<S>;
  const fields: Record<string, ErrorCode[]> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    const c: ErrorCode =
      issue.code === "custom" && typeof issue.params?.code === "string"
        ? (issue.params.code as ErrorCode)
        : issue.code === "invalid_type" && issue.received === "undefined"
          ? "required"
          : "invalid_input";
    fields[field] = [...new Set([...(fields[field] ?? []), c])];
  }
  throw new DomainError("invalid_input", 400, fields);
}

/** Registers a contact without a case: date, entry route, question type — nothing about the resident. */
export async function registerContact(ctx: TeamContext, raw: ContactInput): Promise<{ id: string }> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", subject(ctx));
  const v = parse(contactInput, raw);
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const id = randomUUID();
    await tx.insert(caseworkContacts).values({
      id,
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      kind: "contact",
      occurredOn: v.date,
      entryRoute: v.entryRoute,
      questionType: v.questionType,
    });
    await appendAudit(tx, {
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      actor: ctx.actor,
      action: "casework.contact_registered",
      objectType: "casework_contact",
      objectId: id,
      meta: ctx.meta,
      data: {},
    });
    return { id };
  });
}

/**
 * Counts a resident's objection to being registered: the team and the month
 * (stored as its first day), nothing else — no entry route, no question, no
 * time of day, no audit event.
 */
export async function registerObjection(ctx: TeamContext, raw: { month: string }): Promise<void> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("create", subject(ctx));
  const v = parse(objectionInput, raw);
  const firstDay = `${v.month}-01`;
  await withScope(ctx.db, ctx.scope, (tx) =>
    tx.insert(caseworkContacts).values({
      municipalityId: ctx.team.municipalityId,
      teamId: ctx.team.id,
      kind: "objection",
      occurredOn: firstDay,
      createdAt: new Date(`${firstDay}T00:00:00Z`),
    }),
  );
}

export interface ContactMonthCount {
  /** "2026-11" */
  month: string;
  contacts: number;
  objections: number;
}

/** The team's contacts and objections per month, from `from` to `to` (months "YYYY-MM", inclusive), oldest first; months without any included. */
export async function contactCounts(ctx: TeamContext, range: { from: string; to: string }): Promise<ContactMonthCount[]> {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", subject(ctx));
  if (!MONTH.test(range.from) || !MONTH.test(range.to) || range.from > range.to) throw new DomainError("date_range_invalid", 400);
  const months = (Number(range.to.slice(0, 4)) - Number(range.from.slice(0, 4))) * 12 + Number(range.to.slice(5)) - Number(range.from.slice(5));
  if (months >= MAX_COUNT_MONTHS) throw new DomainError("date_range_invalid", 400);
  const from = `${range.from}-01`;
  const to = `${range.to}-01`;
  return withScope(ctx.db, ctx.scope, (tx) =>
    queryRows<ContactMonthCount>(
      tx,
      sql`select to_char(m.month, 'YYYY-MM') as month,
            count(c.id) filter (where c.kind = 'contact')::int as contacts,
            count(c.id) filter (where c.kind = 'objection')::int as objections
          from generate_series(${from}::date, ${to}::date, interval '1 month') as m(month)
          left join casework_contacts c on c.team_id = (select app_tenant()) and date_trunc('month', c.occurred_on) = m.month
          group by m.month order by m.month`,
    ),
  );
}
