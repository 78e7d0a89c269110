// Who must act next on a request, told in the app and by e-mail (outbox), in
// the same transaction as the step itself.
import { and, desc, eq, isNull, notifications, queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import { type UseCaseContext, formatDate } from "../common";
import {
  type SpendStatus,
  cardDeclinedSubject,
  cardDeclinedText,
  cardDeclineReasons,
  cardLinkLabel,
  cardPaidSubject,
  cardPaidText,
  stepNoticeSubject,
  stepNoticeText,
} from "../workbudget";
import { noticeMail } from "./messages";

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

export interface StepNotice {
  spend: { id: string; municipalityId: string; teamId: string; authorId: string; number: number; budgetId: string };
  status: SpendStatus;
  comment: string | null;
  evaluationDueOn?: string | null;
}

/** The audiences' people from step_recipients() (migration 0021): one place decides who is told about a request. */
const audienceArray = (audiences: Audience[]) =>
  sql`array[${sql.join(
    audiences.map((a) => sql`${a}`),
    sql`, `,
  )}]::text[]`;

/** The author, while still an active member or coordinator of the request's team (else nobody). */
export function authorRecipient(tx: Tx, teamId: string, authorId: string): Promise<Recipient[]> {
  return queryRows<Recipient>(tx, sql`select r.id, r.email, r.name from step_recipients(${teamId}::uuid, ${authorId}::uuid, ${audienceArray(["author"])}) r`);
}

/** The team's active coordinators. */
export function coordinatorRecipients(tx: Tx, teamId: string): Promise<Recipient[]> {
  return queryRows<Recipient>(tx, sql`select r.id, r.email, r.name from step_recipients(${teamId}::uuid, null, ${audienceArray(["coordinators"])}) r`);
}

/** Every audience's recipients in one query, with the team's slug and the budget's year for the texts. */
function recipientsQuery(audiences: Audience[], notice: StepNotice) {
  const { teamId, authorId, budgetId } = notice.spend;
  return sql`select found.*, (select slug from teams where id = ${teamId}::uuid) as slug, (select year from budgets where id = ${budgetId}::uuid) as year
    from step_recipients(${teamId}::uuid, ${authorId}::uuid, ${audienceArray(audiences)}) found`;
}

/** The link to a request on the team's pages. */
export const teamSpendLink = (teamSlug: string, spendId: string) => `/t/${teamSlug}/werkbudget/${spendId}`;

export interface Notice {
  recipient: Recipient;
  /** The request it is about; null for notices outside the workbudget (a workgroup @mention). */
  spendId: string | null;
  kind: string;
  text: string;
  link: string;
  subject: string;
  createdAt?: Date;
  /** The e-mail's words before the link; by default "Bekijk de aanvraag" (or "Bekijk het bericht" without a request). */
  linkLabel?: string;
}

/**
 * Workgroup notifications that a user who chose an e-mail digest (daily or
 * weekly, packages/core/src/workgroups/digest.ts) gets in the digest instead
 * of one e-mail each; in the app they appear at once either way.
 */
export const DIGEST_KINDS = [
  "workgroup_request",
  "workgroup_decision",
  "workgroup_thread",
  "workgroup_member_added",
  "workgroup_member_removed",
  "workgroup_role_changed",
  "workgroup_action",
  "workgroup_proposal",
] as const;
/** Never an e-mail of their own, for anyone: in the app and in the digest only (no mail per new thread). */
const DIGEST_ONLY_KINDS: readonly string[] = ["workgroup_thread"];

/**
 * How a notice is e-mailed: 'always' (the workbudget, reminders, and
 * @mentions — a colleague asks you something, that should not wait a
 * week), 'unless_digest' (the user chose no digest), or 'never'.
 */
export function mailPolicy(kind: string): "always" | "unless_digest" | "never" {
  if (DIGEST_ONLY_KINDS.includes(kind)) return "never";
  return (DIGEST_KINDS as readonly string[]).includes(kind) ? "unless_digest" : "always";
}

/** The in-app notifications and their e-mails (outbox, see mailPolicy): one statement for both tables, whatever the number of recipients. */
export async function insertNotices(tx: Tx, municipalityId: string, notices: Notice[]): Promise<void> {
  if (!notices.length) return;
  const baseUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const rows = notices.map((n) => ({
    user_id: n.recipient.id,
    spend_id: n.spendId,
    kind: n.kind,
    text: n.text,
    link: n.link,
    created_at: (n.createdAt ?? null)?.toISOString() ?? null,
  }));
  const mails = notices.map((n) => ({
    user_id: n.recipient.id,
    mail: mailPolicy(n.kind),
    to_address: n.recipient.email,
    subject: n.subject,
    text_body: noticeMail.body(
      n.recipient.name,
      n.text,
      n.linkLabel ?? (n.spendId ? noticeMail.spendLinkLabel : noticeMail.messageLinkLabel),
      `${baseUrl}${n.link}`,
    ),
  }));
  await tx.execute(sql`with told as (
      insert into notifications (municipality_id, user_id, spend_id, kind, text, link, created_at)
      select ${municipalityId}::uuid, n.user_id, n.spend_id, n.kind, n.text, n.link, coalesce(n.created_at, now())
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as n(user_id uuid, spend_id uuid, kind text, text text, link text, created_at timestamptz))
    insert into outbox_emails (municipality_id, to_address, subject, text_body)
    select ${municipalityId}::uuid, m.to_address, m.subject, m.text_body
    from jsonb_to_recordset(${JSON.stringify(mails)}::jsonb) as m(user_id uuid, mail text, to_address text, subject text, text_body text)
    where m.mail = 'always' or (m.mail = 'unless_digest' and not user_wants_digest(m.user_id))`);
}

export async function notifyNextActors(tx: Tx, ctx: UseCaseContext, notice: StepNotice): Promise<number> {
  const plan = WHO_ACTS_NEXT[notice.status];
  if (!plan) return 0;
  const found = await queryRows<Recipient & { audience: Audience; slug: string; year: number }>(
    tx,
    recipientsQuery([...new Set(plan.map((p) => p.audience))], notice),
  );
  if (!found.length) return 0;
  const reference = `WB-${found[0].year}-${String(notice.spend.number).padStart(4, "0")}`;
  const notices: Notice[] = [];
  for (const { audience, kind } of plan) {
    const link = audience === "controllers" ? `/gemeente/werkbudget/aanvragen/${notice.spend.id}` : teamSpendLink(found[0].slug, notice.spend.id);
    const text = stepNoticeText[kind](reference, kind === "evaluate" ? formatDate(notice.evaluationDueOn) : (notice.comment ?? ""));
    for (const r of found) {
      // Nobody is told to act on their own step, nor about their own step on their own request.
      if (r.audience !== audience || r.id === ctx.actor.userId) continue;
      notices.push({ recipient: { id: r.id, email: r.email, name: r.name }, spendId: notice.spend.id, kind, text, link, subject: stepNoticeSubject(text) });
    }
  }
  await insertNotices(tx, notice.spend.municipalityId, notices);
  return notices.length;
}

/**
 * The signed-in user's notifications, newest first, and how many are unread: not read and not handled — a notice
 * whose work was done (resolved_at, set by the triggers of migration 0051_notifications_resolve_triggers) no
 * longer counts, whoever did the work.
 */
export async function listNotifications(ctx: UseCaseContext, limit = 50) {
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const rows = await tx.select().from(notifications).where(eq(notifications.userId, ctx.actor.userId)).orderBy(desc(notifications.createdAt)).limit(limit);
    return { rows, unread: await unreadIn(tx, ctx.actor.userId) };
  });
}

/** How many notifications wait for the user: the menu's badge on every page (one statement, no rows). */
export async function unreadNotificationCount(ctx: UseCaseContext): Promise<number> {
  return withScope(ctx.db, ctx.scope, (tx) => unreadIn(tx, ctx.actor.userId));
}

async function unreadIn(tx: Tx, userId: string): Promise<number> {
  const [{ unread }] = await tx
    .select({ unread: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(notifications.resolvedAt)));
  return unread;
}

export async function markNotificationsRead(ctx: UseCaseContext, id?: string): Promise<void> {
  await withScope(ctx.db, ctx.scope, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined)),
  );
}

// ── Card payments (Stripe Issuing) ────────────────────────────────────────

/**
 * The webhook has no user: step_recipients answers only for the
 * municipality in app.municipality_id, so it is set for this transaction
 * (as the evaluation reminders do).
 */
async function forMunicipality(tx: Tx, municipalityId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.municipality_id', ${municipalityId}, true)`);
}

/**
 * A card capture was booked on a request (reserved → paid): its author and
 * the team's coordinators are told, in the webhook's transaction (so a
 * redelivered event, which books nothing, tells nobody again).
 */
export async function notifyCardPaid(
  tx: Tx,
  spend: { id: string; municipalityId: string; teamId: string; authorId: string; number: number; budgetId: string },
  amountCents: number,
  merchant: string | null,
): Promise<number> {
  await forMunicipality(tx, spend.municipalityId);
  const found = await queryRows<Recipient & { audience: Audience; slug: string; year: number }>(
    tx,
    recipientsQuery(["author", "coordinators"], { spend, status: "paid", comment: null }),
  );
  if (!found.length) return 0;
  const reference = `WB-${found[0].year}-${String(spend.number).padStart(4, "0")}`;
  const text = cardPaidText(amountCents, merchant, reference);
  const seen = new Set<string>();
  const notices: Notice[] = [];
  for (const r of found) {
    if (seen.has(r.id)) continue; // the author may be a coordinator too: one notice
    seen.add(r.id);
    notices.push({
      recipient: { id: r.id, email: r.email, name: r.name },
      spendId: spend.id,
      kind: "card_paid",
      text,
      link: teamSpendLink(found[0].slug, spend.id),
      subject: cardPaidSubject(reference),
    });
  }
  await insertNotices(tx, spend.municipalityId, notices);
  return notices.length;
}

/** A card payment was declined for a reason the team can act on: the coordinators are told, with the reason and a link to the card page. */
export async function notifyCardDeclined(
  tx: Tx,
  card: { municipalityId: string; teamId: string },
  decline: { reason: string; amountCents: number; merchant: string | null },
): Promise<number> {
  const why = cardDeclineReasons[decline.reason];
  if (!why) return 0;
  await forMunicipality(tx, card.municipalityId);
  const found = await queryRows<Recipient & { slug: string }>(
    tx,
    sql`select r.id, r.email, r.name, (select slug from teams where id = ${card.teamId}::uuid) as slug from step_recipients(${card.teamId}::uuid, null, ${audienceArray(["coordinators"])}) r`,
  );
  if (!found.length) return 0;
  const text = cardDeclinedText(decline.amountCents, decline.merchant, why);
  const notices: Notice[] = found.map((r) => ({
    recipient: { id: r.id, email: r.email, name: r.name },
    spendId: null,
    kind: "card_declined",
    text,
    link: `/t/${r.slug}/kaart`,
    linkLabel: cardLinkLabel,
    subject: cardDeclinedSubject,
  }));
  await insertNotices(tx, card.municipalityId, notices);
  return notices.length;
}
