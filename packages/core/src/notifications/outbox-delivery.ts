// Delivers the outbox over SMTP. Rows are claimed with FOR UPDATE SKIP LOCKED
// and marked sent in the same transaction, so concurrent senders (several app
// instances, a cron job next to the server) never send one mail twice.
import { and, asc, eq, inArray, isNull, lt, not, outboxEmails, type Database } from "@wijkwerk/db";
import nodemailer from "nodemailer";

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** What deliverOutbox needs of a transport: nodemailer's sendMail, or a stand-in. */
export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>;
}

export interface DeliverOptions {
  from: string;
  batchSize?: number;
  maxAttempts?: number;
  now?: Date;
}

export const OUTBOX_BATCH_SIZE = 20;
export const OUTBOX_MAX_ATTEMPTS = 5;
// lastError is shown to admins; an SMTP transcript can be long.
const MAX_ERROR_LENGTH = 1000;

// nodemailer's codes for failures of the connection rather than of one
// message (server down, TLS, credentials), plus SMTP 421 "service not
// available". An outage must not use up every mail's attempts.
const TRANSPORT_ERROR_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EAUTH", "EPROXY"]);

function isTransportError(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown } | null;
  return (typeof e?.code === "string" && TRANSPORT_ERROR_CODES.has(e.code)) || e?.responseCode === 421;
}

/** The SMTP server could not be used; what was sent before that is committed. */
export class SmtpUnavailableError extends Error {
  constructor(
    readonly sent: number,
    readonly failed: number,
    cause: unknown,
  ) {
    super(`SMTP unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "SmtpUnavailableError";
  }
}

/** e.g. smtp://user:pass@mail.example.org:587 or smtps://…:465 */
export function createSmtpTransport(url: string) {
  return nodemailer.createTransport(url);
}

/**
 * Sends every unsent mail that has attempts left, oldest first, in batches.
 * A failure is recorded on its row (attempts + 1, lastError) and the rest
 * still goes; the row is retried by a later run until maxAttempts. When the
 * SMTP server itself fails, the run stops without counting an attempt and
 * throws SmtpUnavailableError.
 */
export async function deliverOutbox(db: Database, transport: MailTransport, opts: DeliverOptions): Promise<{ sent: number; failed: number }> {
  const batchSize = opts.batchSize ?? OUTBOX_BATCH_SIZE;
  const maxAttempts = opts.maxAttempts ?? OUTBOX_MAX_ATTEMPTS;
  let sent = 0;
  let failed = 0;
  // Rows that failed in this run stay unsent: skip them so the loop ends.
  const failedIds: string[] = [];
  let transportError: unknown;
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outboxEmails)
        .where(
          and(isNull(outboxEmails.sentAt), lt(outboxEmails.attempts, maxAttempts), failedIds.length ? not(inArray(outboxEmails.id, failedIds)) : undefined),
        )
        .orderBy(asc(outboxEmails.createdAt), asc(outboxEmails.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const row of rows) {
        try {
          await transport.sendMail({ from: opts.from, to: row.toAddress, subject: row.subject, text: row.textBody });
          await tx
            .update(outboxEmails)
            .set({ sentAt: opts.now ?? new Date() })
            .where(eq(outboxEmails.id, row.id));
          sent++;
        } catch (error) {
          const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
          if (isTransportError(error)) {
            // Stop, but commit: throwing here would roll back the sentAt of mails already sent.
            await tx.update(outboxEmails).set({ lastError: message }).where(eq(outboxEmails.id, row.id));
            transportError = error;
            break;
          }
          await tx
            .update(outboxEmails)
            .set({ attempts: row.attempts + 1, lastError: message })
            .where(eq(outboxEmails.id, row.id));
          failedIds.push(row.id);
          failed++;
        }
      }
      return rows.length;
    });
    if (transportError) throw new SmtpUnavailableError(sent, failed, transportError);
    if (claimed < batchSize) return { sent, failed };
  }
}
