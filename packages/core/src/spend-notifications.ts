// Who must act next on a request, told in the app and by e-mail (outbox), in
// the same transaction as the step itself.
import { and, desc, eq, isNull, notifications, outboxEmails, queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
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

async function recipients(tx: Tx, audience: Audience, notice: StepNotice): Promise<Recipient[]> {
  if (audience === "author") return queryRows<Recipient>(tx, sql`select id, email, name from workflow_recipients('member', ${notice.spend.teamId}::uuid) where id = ${notice.spend.authorId}::uuid
    union select id, email, name from workflow_recipients('coordinator', ${notice.spend.teamId}::uuid) where id = ${notice.spend.authorId}::uuid`);
  return queryRows<Recipient>(tx, sql`select id, email, name from workflow_recipients(${audience === "coordinators" ? "coordinator" : "controller"}, ${notice.spend.teamId}::uuid)`);
}

export async function notifyNextActors(tx: Tx, ctx: UseCaseContext, notice: StepNotice): Promise<number> {
  const plan = WHO_ACTS_NEXT[notice.status];
  if (!plan) return 0;
  const [where] = await queryRows<{ slug: string; year: number }>(tx, sql`select (select slug from teams where id = ${notice.spend.teamId}) as slug, (select year from budgets where id = ${notice.spend.budgetId}) as year`);
  const t = { slug: where.slug };
  const reference = `WB-${where.year}-${String(notice.spend.number).padStart(4, "0")}`;
  const baseUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const excluded = new Set([ctx.actor.userId]);
  const rows: (typeof notifications.$inferInsert)[] = [];
  const mails: { to: string; subject: string; text: string }[] = [];
  for (const { audience, kind } of plan) {
    const link = audience === "controllers" ? `/gemeente/werkbudget/aanvragen/${notice.spend.id}` : `/t/${t.slug}/werkbudget/${notice.spend.id}`;
    const text = TEXT[kind](reference, kind === "evaluate" ? (notice.evaluationDueOn ?? "").split("-").reverse().join("-") : (notice.comment ?? ""));
    for (const r of await recipients(tx, audience, notice)) {
      // Nobody is told to act on their own step or their own request's approval.
      if (excluded.has(r.id) && audience !== "author") continue;
      if (audience === "author" && r.id === ctx.actor.userId) continue;
      rows.push({ municipalityId: notice.spend.municipalityId, userId: r.id, spendId: notice.spend.id, kind, text, link });
      mails.push({ to: r.email, subject: `Wijkwerk: ${text.split(/[.:]/)[0]}`, text: `Beste ${r.name},\n\n${text}\n\nBekijk de aanvraag: ${baseUrl}${link}\n\nWijkwerk` });
    }
  }
  // One statement each, whatever the number of recipients.
  if (rows.length) {
    await tx.insert(notifications).values(rows);
    await tx.insert(outboxEmails).values(mails.map((m) => ({ municipalityId: notice.spend.municipalityId, toAddress: m.to, subject: m.subject, textBody: m.text })));
  }
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
