// Production/dev HTTP server: Express serving the Remix build. The database is
// opened (and, outside production, migrated) before the port opens, so
// /healthz answering means the app is ready.
import path from "node:path";
import compression from "compression";
import express from "express";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const build = await import(path.resolve("build/index.js"));
// The structured log (app/lib/logger.server.ts): JSON lines, readable with NODE_ENV=development.
const { logger: log, logError, timeJob } = build.entry.module;
try {
  await build.entry.module.ready();
} catch (error) {
  // A configuration error (e.g. no MFA_ENCRYPTION_KEY in production): its message only, and no port opened.
  // On stderr for the operator reading the terminal (the log's JSON lines go to stdout).
  console.error(error?.startup ? `Wijkwerk start niet: ${error.message}` : error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// Remix never reads req.query: nothing parses a query string before the request gate does.
app.set("query parser", false);
// Behind a reverse proxy set TRUST_PROXY so the audit log records the client's IP.
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
// Browsers ask for /favicon.ico on pages without HTML (downloads): the SVG icon answers.
app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
useObservability(app);
// Every other request goes through the request gate (app/lib/request-gate.server.ts,
// decision 0011: query and body limits, the origin check), then to Remix.
app.all(
  "*",
  build.entry.module.createGatedRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ ip: req.ip ?? null }),
  }),
);
let outboxTimer;
let reminderTimer;
let stripeTimer;
let auditTimer;
let purgeTimer;
const server = app.listen(port, host, () => {
  log.info({ port }, `Wijkwerk draait op http://localhost:${port}`);
  if (process.env.SMTP_URL) startOutboxSender();
  startEvaluationReminders();
  startAuditSealer();
  startCaseworkPurge();
  if (process.env.STRIPE_SECRET_KEY && process.env.STRIPE_WEBHOOK_SECRET) startStripeSync();
});
// Longer than a proxy's or client's idle reuse window, so a reused keep-alive
// connection is never closed under a request.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    clearTimeout(outboxTimer);
    clearTimeout(reminderTimer);
    clearTimeout(stripeTimer);
    clearTimeout(auditTimer);
    clearTimeout(purgeTimer);
    server.close(() => process.exit(0));
  });

// With SMTP_URL set the server sends the outbox itself. The next run is only
// scheduled when the previous one has finished, so runs never overlap; a
// failing run (SMTP or database down) is logged and retried next time.
function startOutboxSender() {
  const seconds = Number(process.env.OUTBOX_INTERVAL_SECONDS ?? 30);
  const intervalMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000;
  const run = async () => {
    try {
      const result = await timeJob("outbox", () => build.entry.module.deliverOutboxOnce());
      if (result && (result.sent || result.failed)) log.info({ job: "outbox", ...result }, `Outbox: ${result.sent} verzonden, ${result.failed} mislukt`);
    } catch (error) {
      // An unreachable SMTP server is expected now and then: one line, no stack.
      if (error?.name === "SmtpUnavailableError") log.error({ job: "outbox" }, `Outbox verzenden mislukt: ${error.message}`);
      else logError("Outbox verzenden mislukt", error, { job: "outbox" });
    }
    outboxTimer = setTimeout(run, intervalMs);
  };
  log.info(`Outbox wordt elke ${intervalMs / 1000} s via SMTP verzonden.`);
  void run();
}

// Evaluation reminders (and the time-registration reminders and the workgroup
// e-mail digests, same timer) always run (in-app notifications need no SMTP; their
// mails wait in the outbox). Like the outbox sender, the next run is
// scheduled only when the previous one has finished, so runs never overlap;
// several app instances may run at once (the use case sends each reminder once).
function startEvaluationReminders() {
  const minutes = Number(process.env.REMINDER_INTERVAL_MINUTES ?? 60);
  const intervalMs = (Number.isFinite(minutes) && minutes > 0 ? minutes : 60) * 60_000;
  const run = async () => {
    try {
      const result = await timeJob("reminders", () => build.entry.module.sendEvaluationRemindersOnce());
      if (result.due || result.overdue)
        log.info({ job: "reminders" }, `Evaluatieherinneringen: ${result.due} op tijd, ${result.overdue} te laat, ${result.notifications} meldingen`);
      if (result.hoursReminded) log.info({ job: "reminders" }, `Urenregistratie: ${result.hoursReminded} herinneringen voor vorige week`);
      if (result.digests) log.info({ job: "reminders" }, `Werkgroepen: ${result.digests} e-mailoverzichten (digest) in de outbox`);
    } catch (error) {
      logError("Evaluatieherinneringen versturen mislukt", error, { job: "reminders" });
    }
    reminderTimer = setTimeout(run, intervalMs);
  };
  void run();
}

// Audited commands insert their events unchained; this links them into the
// municipality's hash chain shortly after commit (several app instances may
// run it: audit_seal() takes the chain's lock). Never two runs at once.
function startAuditSealer() {
  const ms = Number(process.env.AUDIT_SEAL_INTERVAL_MS ?? 1000);
  const intervalMs = Number.isFinite(ms) && ms > 0 ? ms : 1000;
  const run = async () => {
    try {
      await timeJob("audit_seal", () => build.entry.module.sealAuditOnce());
    } catch (error) {
      logError("Auditketen verzegelen mislukt", error, { job: "audit_seal" });
    }
    auditTimer = setTimeout(run, intervalMs);
  };
  void run();
}

// The casework retention purge (docs/dpia.md): right after start, then once
// a day (CASEWORK_PURGE_INTERVAL_HOURS, default 24), never two runs at once;
// several app instances may run it (households being purged are skipped).
function startCaseworkPurge() {
  const hours = Number(process.env.CASEWORK_PURGE_INTERVAL_HOURS ?? 24);
  const intervalMs = (Number.isFinite(hours) && hours > 0 ? hours : 24) * 3_600_000;
  const run = async () => {
    try {
      const result = await timeJob("casework_purge", () => build.entry.module.purgeCaseworkOnce());
      if (result.households || result.grants)
        log.info(
          { job: "casework_purge" },
          `Bewaartermijnen: ${result.households} huishoudens vernietigd (${result.records} regels in het vernietigingslog), ${result.grants} oude noodtoegangen verwijderd`,
        );
    } catch (error) {
      logError("Bewaartermijnen toepassen mislukt", error, { job: "casework_purge" });
    }
    purgeTimer = setTimeout(run, intervalMs);
  };
  void run();
}

// With Stripe configured the server delivers the Stripe outbox (cardholders,
// cards, spending controls) like the mail outbox: right after start, then
// every STRIPE_SYNC_INTERVAL_SECONDS (default 15), never two runs at once.
function startStripeSync() {
  const seconds = Number(process.env.STRIPE_SYNC_INTERVAL_SECONDS ?? 15);
  const intervalMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : 15) * 1000;
  const run = async () => {
    try {
      const result = await timeJob("stripe_sync", () => build.entry.module.syncStripeOnce());
      if (result && (result.sent || result.failed)) log.info({ job: "stripe_sync", ...result }, `Stripe: ${result.sent} verstuurd, ${result.failed} mislukt`);
    } catch (error) {
      logError("Stripe-outbox versturen mislukt", error, { job: "stripe_sync" });
    }
    stripeTimer = setTimeout(run, intervalMs);
  };
  void run();
}

// The request log (one JSON line per request, with its request id) and the
// Prometheus metrics at /metrics behind METRICS_TOKEN (docs/operations.md).
// Static files above are neither logged nor measured.
function useObservability(app) {
  app.use(build.entry.module.createRequestLogger(build));
  app.get("/metrics", build.entry.module.metricsHandler);
}
