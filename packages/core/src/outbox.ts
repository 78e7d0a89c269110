// E-mail goes through an outbox table, written in the same transaction as the
// change that causes it; a sender delivers it (SMTP when configured) or it
// stays visible on the admins' dev mailbox page.
import { outboxEmails, type Queryable } from "@wijkwerk/db";

export interface OutgoingEmail {
  municipalityId: string | null;
  to: string;
  subject: string;
  text: string;
}

export async function enqueueEmail(q: Queryable, email: OutgoingEmail): Promise<void> {
  await q.insert(outboxEmails).values({ municipalityId: email.municipalityId, toAddress: email.to, subject: email.subject, textBody: email.text });
}
