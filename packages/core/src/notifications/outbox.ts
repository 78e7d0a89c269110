// E-mail goes through an outbox table, written in the same transaction as the
// change that causes it; a sender delivers it (SMTP when configured) or it
// stays visible on the admins' dev mailbox page.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { count, desc, outboxEmails, withScope, type Queryable } from "@wijkwerk/db";
import type { UseCaseContext } from "../common";

export interface OutgoingEmail {
  municipalityId: string;
  to: string;
  subject: string;
  text: string;
}

export async function enqueueEmail(q: Queryable, email: OutgoingEmail): Promise<void> {
  await q.insert(outboxEmails).values({ municipalityId: email.municipalityId, toAddress: email.to, subject: email.subject, textBody: email.text });
}

export const OUTBOX_PAGE_SIZE = 20;

/** The municipality's outbox, newest first (admin scope: RLS policy outbox_admin_read). */
export async function listOutbox(ctx: UseCaseContext, page: number) {
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Mailbox", { municipalityId: ctx.actor.municipalityId }));
  return withScope(ctx.db, ctx.scope, async (tx) => {
    const [{ total }] = await tx.select({ total: count() }).from(outboxEmails);
    const rows = await tx
      .select()
      .from(outboxEmails)
      .orderBy(desc(outboxEmails.createdAt))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * OUTBOX_PAGE_SIZE);
    return { rows, total: Number(total), pages: Math.max(1, Math.ceil(Number(total) / OUTBOX_PAGE_SIZE)) };
  });
}
