// Who must act next on a request, told in the app and by e-mail (outbox), in
// the same transaction as the step itself.
import { and, desc, eq, isNull, notifications, queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import type { UseCaseContext } from "./context";
import type { SpendStatus } from "./ledger-rules";

interface Recipient {
  id: string;
  email: string;
  name: string;
}

type Audience = "author" | "coordinators" | "controllers";
const WHO_ACTS_NEXT: Partial<Record<SpendStatus, { audience: Audience; kind: string }[]>> = {
  submitted: [
    { audience: "coordinators", kind: "endorse" },
    { audience: "controllers", kind: "approve" },
  ],
  endorsed: [{ audience: "controllers", kind: "approve" }],
  awaiting_second_approval: [{ audience: "controllers", kind: "second_approval" }],
  info_requested: [{ audience: "author", kind: "info_requested" }],
  approved: [
    { audience: "author", kind: "approved" },
    { audience: "controllers", kind: "pay" },
  ],
  rejected: [{ audience: "author", kind: "rejected" }],
  paid: [{ audience: "author", kind: "paid" }],
  settled: [{ audience: "author", kind: "evaluate" }],
};

const TEXT: Record<string, (ref: string, extra: string) => string> = {
  endorse: (ref) => `Aanvraag ${ref} is ingediend en wacht op onderschrijving door de coördinator.`,
  approve: (ref) => `Aanvraag ${ref} wacht op goedkeuring.`,
  second_approval: (ref) => `Aanvraag ${ref} ligt boven het drempelbedrag en wacht op een tweede goedkeuring.`,
  info_requested: (ref, extra) => `Er is meer informatie gevraagd over aanvraag ${ref}${extra ? `: "${extra}"` : "."}`,
  approved: (ref) => `Aanvraag ${ref} is goedgekeurd.`,
  pay: (ref) => `Aanvraag ${ref} is goedgekeurd; de betaling kan worden vastgelegd.`,
  rejected: (ref, extra) => `Aanvraag ${ref} is afgewezen${extra ? `: "${extra}"` : "."}`,
  paid: (ref) => `De betaling voor aanvraag ${ref} is vastgelegd.`,
  evaluate: (ref, extra) => `Aanvraag ${ref} is afgerekend. Evalueer het resultaat ${extra ? `vóór ${extra}` : "over enkele maanden"}.`,
};

export interface StepNotice {
  spend: { id: string; municipalityId: string; teamId: string; authorId: string; number: number; budgetId: string };
  status: SpendStatus;
  comment: string | null;
  evaluationDueOn?: string | null;
}

/** Recipients of every audience in one query, with the team's slug and the budget's year for the texts. */
function recipientsQuery(audiences: Audience[], notice: StepNotice) {
  const team = sql`${notice.spend.teamId}::uuid`;
  const parts = audiences.map((audience) => {
    if (audience === "author")
      return sql`select 'author' as audience, r.id, r.email, r.name from (select * from workflow_recipients('member', ${team}) union select * from workflow_recipients('coordinator', ${team})) r where r.id = ${notice.spend.authorId}::uuid`;
    return sql`select ${audience} as audience, r.id, r.email, r.name from workflow_recipients(${audience === "coordinators" ? "coordinator" : "controller"}, ${team}) r`;
  });
  return sql`select found.*, (select slug from teams where id = ${team}) as slug, (select year from budgets where id = ${notice.spend.budgetId}::uuid) as year
    from (${sql.join(parts, sql` union all `)}) found`;
}

export async function notifyNextActors(tx: Tx, ctx: UseCaseContext, notice: StepNotice): Promise<number> {
  const plan = WHO_ACTS_NEXT[notice.status];
  if (!plan) return 0;
  const found = await queryRows<Recipient & { audience: Audience; slug: string; year: number }>(tx, recipientsQuery([...new Set(plan.map((p) => p.audience))], notice));
  if (!found.length) return 0;
  const reference = `WB-${found[0].year}-${String(notice.spend.number).padStart(4, "0")}`;
  const baseUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const rows: { user_id: string; kind: string; text: string; link: string }[] = [];
  const mails: { to_address: string; subject: string; text_body: string }[] = [];
  for (const { audience, kind } of plan) {
    const link = audience === "controllers" ? `/gemeente/werkbudget/aanvragen/${notice.spend.id}` : `/t/${found[0].slug}/werkbudget/${notice.spend.id}`;
    const text = TEXT[kind](reference, kind === "evaluate" ? (notice.evaluationDueOn ?? "").split("-").reverse().join("-") : (notice.comment ?? ""));
    for (const r of found) {
      // Nobody is told to act on their own step, nor about their own step on their own request.
      if (r.audience !== audience || r.id === ctx.actor.userId) continue;
      rows.push({ user_id: r.id, kind, text, link });
      mails.push({ to_address: r.email, subject: `Wijkwerk: ${text.split(/[.:]/)[0]}`, text_body: `Beste ${r.name},\n\n${text}\n\nBekijk de aanvraag: ${baseUrl}${link}\n\nWijkwerk` });
    }
  }
  if (!rows.length) return 0;
  // One statement for both tables, whatever the number of recipients.
  await tx.execute(sql`with told as (
      insert into notifications (municipality_id, user_id, spend_id, kind, text, link)
      select ${notice.spend.municipalityId}::uuid, n.user_id, ${notice.spend.id}::uuid, n.kind, n.text, n.link
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as n(user_id uuid, kind text, text text, link text))
    insert into outbox_emails (municipality_id, to_address, subject, text_body)
    select ${notice.spend.municipalityId}::uuid, m.to_address, m.subject, m.text_body
    from jsonb_to_recordset(${JSON.stringify(mails)}::jsonb) as m(to_address text, subject text, text_body text)`);
  return rows.length;
}

/** The signed-in user's notifications, newest first, and how many are unread. */
export async function listNotifications(ctx: UseCaseContext, limit = 50) {
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await tx.select().from(notifications).where(eq(notifications.userId, ctx.actor.userId)).orderBy(desc(notifications.createdAt)).limit(limit);
    const [{ unread }] = await tx.select({ unread: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt)));
    return { rows, unread };
  });
}

export async function markNotificationsRead(ctx: UseCaseContext, id?: string): Promise<void> {
  await withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined)),
  );
}
