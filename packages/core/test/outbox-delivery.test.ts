// Outbox delivery against a real SMTP server (smtp-server on a free port) and
// real PostgreSQL: what arrives, what is marked sent, retries, concurrency.
import { createServer, type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, outboxEmails } from "@wijkwerk/db";
import { enqueueEmail, SmtpUnavailableError, createSmtpTransport, deliverOutbox } from "../src/notifications";
import type { MailTransport } from "../src/notifications/outbox-delivery";
import { createTestDatabase, type TestDatabase } from "./db";
import { createMunicipality } from "./fixtures";

const FROM = "Wijkwerk <noreply@wijkwerk.local>";
const REJECTED = "weiger@test.demo";

interface Received {
  mailFrom: string;
  rcptTo: string[];
  headers: Record<string, string>;
  body: string;
}

/** Headers and decoded text body of a raw single-part message as nodemailer writes it. */
function parseMessage(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.slice(split + 4);
  const encoding = headers["content-transfer-encoding"]?.toLowerCase();
  if (encoding === "quoted-printable") {
    body = body.replace(/=\r\n/g, "");
    body = Buffer.from(
      body.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      "latin1",
    ).toString("utf8");
  } else if (encoding === "base64") {
    body = Buffer.from(body, "base64").toString("utf8");
  }
  return { headers, body: body.replace(/\r\n/g, "\n").trimEnd() };
}

describe("outbox delivery over SMTP", () => {
  let t: TestDatabase;
  let municipalityId: string;
  let smtp: SMTPServer;
  let smtpUrl: string;
  let received: Received[] = [];
  // Slows each DATA phase so concurrent senders really overlap.
  let dataDelayMs = 0;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    municipalityId = (await createMunicipality(t.db)).id;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      closeTimeout: 1000,
      onRcptTo(address, _session, callback) {
        if (address.address === REJECTED) return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          received.push({ mailFrom, rcptTo: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(Buffer.concat(chunks).toString("utf8")) });
          setTimeout(() => callback(), dataDelayMs);
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await t.drop();
  });
  beforeEach(async () => {
    await t.db.delete(outboxEmails);
    received = [];
    dataDelayMs = 0;
  });

  const enqueue = (to: string, subject = `Onderwerp voor ${to}`, text = `Beste ${to},\n\nDit is een testbericht.\n\nWijkwerk`) =>
    enqueueEmail(t.db, { municipalityId, to, subject, text });
  const rowFor = async (to: string) => (await t.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, to)))[0];

  it("delivers a queued mail with the right to, subject and body, marks it sent, and sends it only once", async () => {
    const text = "Beste Anna,\n\nStel je wachtwoord in via http://app.test/wachtwoord-herstellen/abc (één keer te gebruiken).\n\nWijkwerk";
    await enqueue("anna@test.demo", "Nieuw wachtwoord instellen voor Wijkwerk", text);
    const now = new Date("2025-03-01T10:00:00Z");

    expect(await deliverOutbox(t.db, createSmtpTransport(smtpUrl), { from: FROM, now })).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail.mailFrom).toBe("noreply@wijkwerk.local");
    expect(mail.rcptTo).toEqual(["anna@test.demo"]);
    expect(mail.headers.to).toBe("anna@test.demo");
    expect(mail.headers.from).toBe(FROM);
    expect(mail.headers.subject).toBe("Nieuw wachtwoord instellen voor Wijkwerk");
    expect(mail.body).toBe(text);
    const row = await rowFor("anna@test.demo");
    expect(row.sentAt).toEqual(now);
    expect(row.attempts).toBe(0);
    expect(row.lastError).toBeNull();

    expect(await deliverOutbox(t.db, createSmtpTransport(smtpUrl), { from: FROM })).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(1);
  });

  it("a rejected recipient records attempts and the error, the others are still delivered; retries stop at maxAttempts", async () => {
    await enqueue("eerste@test.demo");
    await enqueue(REJECTED);
    await enqueue("derde@test.demo");
    const transport = createSmtpTransport(smtpUrl);

    expect(await deliverOutbox(t.db, transport, { from: FROM, maxAttempts: 2 })).toEqual({ sent: 2, failed: 1 });
    expect(received.map((m) => m.rcptTo[0]).sort()).toEqual(["derde@test.demo", "eerste@test.demo"]);
    const failed = await rowFor(REJECTED);
    expect(failed.sentAt).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/550|rejected/i);
    expect((await rowFor("eerste@test.demo")).sentAt).not.toBeNull();
    expect((await rowFor("derde@test.demo")).sentAt).not.toBeNull();

    // The next run retries only the failed one; after maxAttempts it is left alone.
    expect(await deliverOutbox(t.db, transport, { from: FROM, maxAttempts: 2 })).toEqual({ sent: 0, failed: 1 });
    expect((await rowFor(REJECTED)).attempts).toBe(2);
    expect(await deliverOutbox(t.db, transport, { from: FROM, maxAttempts: 2 })).toEqual({ sent: 0, failed: 0 });
    expect((await rowFor(REJECTED)).attempts).toBe(2);
    expect(received).toHaveLength(2);
  });

  it("works through more mail than one batch in a single run", async () => {
    for (let i = 0; i < 7; i++) await enqueue(`batch-${i}@test.demo`);
    await enqueue(REJECTED);
    expect(await deliverOutbox(t.db, createSmtpTransport(smtpUrl), { from: FROM, batchSize: 3 })).toEqual({ sent: 7, failed: 1 });
    expect(received).toHaveLength(7);
    expect((await rowFor(REJECTED)).attempts).toBe(1);
  });

  it("an unreachable SMTP server stops the run without using up attempts", async () => {
    await enqueue("later-1@test.demo");
    await enqueue("later-2@test.demo");
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const error = await deliverOutbox(t.db, createSmtpTransport(`smtp://127.0.0.1:${closedPort}`), { from: FROM }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmtpUnavailableError);
    const first = await rowFor("later-1@test.demo");
    expect(first).toMatchObject({ sentAt: null, attempts: 0 });
    expect(first.lastError).toMatch(/ECONNREFUSED/);
    expect(await rowFor("later-2@test.demo")).toMatchObject({ sentAt: null, attempts: 0, lastError: null });

    // Once the server is back, everything goes.
    expect(await deliverOutbox(t.db, createSmtpTransport(smtpUrl), { from: FROM })).toEqual({ sent: 2, failed: 0 });
  });

  it("an outage in the middle of a batch keeps the mails already sent marked as sent", async () => {
    await enqueue("voor@test.demo");
    await enqueue("uitval@test.demo");
    await enqueue("na@test.demo");
    const smtpTransport = createSmtpTransport(smtpUrl);
    const failing: MailTransport = {
      sendMail(message) {
        if (message.to === "uitval@test.demo") return Promise.reject(Object.assign(new Error("Connection closed unexpectedly"), { code: "ECONNECTION" }));
        return smtpTransport.sendMail(message);
      },
    };

    const error = await deliverOutbox(t.db, failing, { from: FROM }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmtpUnavailableError);
    expect((error as SmtpUnavailableError).sent).toBe(1);
    expect((await rowFor("voor@test.demo")).sentAt).not.toBeNull();
    expect(await rowFor("uitval@test.demo")).toMatchObject({ sentAt: null, attempts: 0, lastError: "Connection closed unexpectedly" });
    expect(await rowFor("na@test.demo")).toMatchObject({ sentAt: null, attempts: 0, lastError: null });

    expect(await deliverOutbox(t.db, smtpTransport, { from: FROM })).toEqual({ sent: 2, failed: 0 });
    expect(received.map((m) => m.rcptTo[0]).sort()).toEqual(["na@test.demo", "uitval@test.demo", "voor@test.demo"]);
  });

  it("two concurrent senders deliver each mail exactly once", async () => {
    const addresses = Array.from({ length: 12 }, (_, i) => `samen-${i}@test.demo`);
    for (const a of addresses) await enqueue(a);
    dataDelayMs = 20;

    const results = await Promise.all([
      deliverOutbox(t.db, createSmtpTransport(smtpUrl), { from: FROM, batchSize: 4 }),
      deliverOutbox(t.db, createSmtpTransport(smtpUrl), { from: FROM, batchSize: 4 }),
    ]);
    expect(results[0].sent + results[1].sent).toBe(12);
    expect(results[0].failed + results[1].failed).toBe(0);
    expect(received.map((m) => m.rcptTo[0]).sort()).toEqual([...addresses].sort());
    const rows = await t.db.select().from(outboxEmails);
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
  });
});
