// Who must act next on a request, told in the app and by e-mail (outbox), in
// the same transaction as the step itself.
import { and, desc, eq, isNull, notifications, outboxEmails, queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import type { UseCaseContext } from "./context";
import type { SpendStatus } from "./ledger-rules";

export interface Recipient {
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
  if (audience === "author") return authorRecipient(tx, notice.spend.teamId, notice.spend.authorId);
  return queryRows<Recipient>(tx, sql`select id, email, name from workflow_recipients(${audience === "coordinators" ? "coordinator" : "controller"}, ${notice.spend.teamId}::uuid)`);
}

/** The author, while still an active member or coordinator of the request's team (else nobody). */
export function authorRecipient(tx: Tx, teamId: string, authorId: string): Promise<Recipient[]> {
  return queryRows<Recipient>(tx, sql`select id, email, name from workflow_recipients('member', ${teamId}::uuid) where id = ${authorId}::uuid
    union select id, email, name from workflow_recipients('coordinator', ${teamId}::uuid) where id = ${authorId}::uuid`);
}

/** The team's active coordinators. */
export function coordinatorRecipients(tx: Tx, teamId: string): Promise<Recipient[]> {
  return queryRows<Recipient>(tx, sql`select id, email, name from workflow_recipients('coordinator', ${teamId}::uuid)`);
}

/** The link to a request on the team's pages. */
export const teamSpendLink = (teamSlug: string, spendId: string) => `/t/${teamSlug}/werkbudget/${spendId}`;

/** yyyy-mm-dd → dd-mm-yyyy, as in the texts. */
export const dutchDate = (isoDate: string | null | undefined) => (isoDate ?? "").split("-").reverse().join("-");

export interface Notice {
  recipient: Recipient;
  spendId: string;
  kind: string;
  text: string;
  link: string;
  subject: string;
  createdAt?: Date;
}

/** The in-app notifications and their e-mails (outbox): one statement each, whatever the number of recipients. */
export async function insertNotices(tx: Tx, municipalityId: string, notices: Notice[]): Promise<void> {
  if (!notices.length) return;
  const baseUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  await tx.insert(notifications).values(notices.map((n) => ({ municipalityId, userId: n.recipient.id, spendId: n.spendId, kind: n.kind, text: n.text, link: n.link, ...(n.createdAt ? { createdAt: n.createdAt } : {}) })));
  await tx.insert(outboxEmails).values(
    notices.map((n) => ({ municipalityId, toAddress: n.recipient.email, subject: n.subject, textBody: `Beste ${n.recipient.name},\n\n${n.text}\n\nBekijk de aanvraag: ${baseUrl}${n.link}\n\nWijkwerk` })),
  );
}

export async function notifyNextActors(tx: Tx, ctx: UseCaseContext, notice: StepNotice): Promise<number> {
  const plan = WHO_ACTS_NEXT[notice.status];
  if (!plan) return 0;
  const [where] = await queryRows<{ slug: string; year: number }>(tx, sql`select (select slug from teams where id = ${notice.spend.teamId}) as slug, (select year from budgets where id = ${notice.spend.budgetId}) as year`);
  const reference = `WB-${where.year}-${String(notice.spend.number).padStart(4, "0")}`;
  const excluded = new Set([ctx.actor.userId]);
  const notices: Notice[] = [];
  for (const { audience, kind } of plan) {
    const link = audience === "controllers" ? `/gemeente/werkbudget/aanvragen/${notice.spend.id}` : teamSpendLink(where.slug, notice.spend.id);
    const text = TEXT[kind](reference, kind === "evaluate" ? dutchDate(notice.evaluationDueOn) : (notice.comment ?? ""));
    for (const r of await recipients(tx, audience, notice)) {
      // Nobody is told to act on their own step or their own request's approval.
      if (excluded.has(r.id) && audience !== "author") continue;
      if (audience === "author" && r.id === ctx.actor.userId) continue;
      notices.push({ recipient: r, spendId: notice.spend.id, kind, text, link, subject: `Wijkwerk: ${text.split(/[.:]/)[0]}` });
    }
  }
  await insertNotices(tx, notice.spend.municipalityId, notices);
  return notices.length;
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
