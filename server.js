// Production/dev HTTP server: Express serving the Remix build. The database is
// opened (and, outside production, migrated) before the port opens, so
// /healthz answering means the app is up; /readyz says whether it can work.
//
// WIJKWERK_ROLE (docs/operations.md, "Processen en rollen"):
//   web     serves HTTP only (the pages, the API, /healthz, /readyz)
//   worker  runs the background jobs only, with /healthz and /readyz on PORT
//   all     both in one process (the default, so the demo is one process)
// WEB_CONCURRENCY=N (default 1): N processes of this role share PORT (node:cluster), so a machine's cores all
// serve pages; the first keeps the role, the others serve the web only (docs/operations.md, "Meer processen").
import cluster from "node:cluster";
import path from "node:path";
import compression from "compression";
import express from "express";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const role = process.env.WIJKWERK_ROLE ?? "all";
if (!["web", "worker", "all"].includes(role)) {
  console.error(`Wijkwerk start niet: WIJKWERK_ROLE moet web, worker of all zijn (niet "${role}").`);
  process.exit(1);
}
// A worker is one process whatever WEB_CONCURRENCY says (a platform may set it for every process; WORKER_CONCURRENCY
// sets a worker's jobs at once).
const processes =
  role === "worker" || process.env.WEB_CONCURRENCY === undefined || process.env.WEB_CONCURRENCY === "" ? 1 : Number(process.env.WEB_CONCURRENCY);
if (!Number.isInteger(processes) || processes < 1 || processes > 64) {
  console.error(`Wijkwerk start niet: WEB_CONCURRENCY moet een geheel getal van 1 tot en met 64 zijn (niet "${process.env.WEB_CONCURRENCY}").`);
  process.exit(1);
}
if (processes > 1 && !process.env.DATABASE_URL) {
  // The embedded database (PGlite) is one process's database.
  console.error("Wijkwerk start niet: WEB_CONCURRENCY groter dan 1 kan alleen met PostgreSQL (DATABASE_URL); de ingebouwde database is van één proces.");
  process.exit(1);
}

const lifecycle = { stopping: false, background: null, inFlight: new Set() };
let build, log, logError, server;
if (cluster.isPrimary && processes > 1) superviseProcesses(processes);
else await serve();

// ——— one process: the app on PORT ———
async function serve() {
  build = await import(path.resolve("build/index.js"));
  // The structured log (app/lib/logger.server.ts): JSON lines, readable with NODE_ENV=development.
  ({ logger: log, logError } = build.entry.module);
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
  mountHealthRoutes(app);
  if (role === "worker") useObservability(app);
  else mountWebApp(app);

  server = app.listen(port, host, () => {
    log.info(
      { port, role, ...(cluster.isWorker ? { process: cluster.worker.id } : {}) },
      role === "worker" ? `Wijkwerk-worker: gezondheid op http://localhost:${port}/healthz` : `Wijkwerk draait op http://localhost:${port}`,
    );
  });
  // Longer than a proxy's or client's idle reuse window, so a reused keep-alive
  // connection is never closed under a request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  if (role !== "web") await startBackgroundWork();
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void shutdown(signal));
}

// ——— WEB_CONCURRENCY > 1: this process starts and watches the others ———
// The first process keeps WIJKWERK_ROLE (all: it also runs the background jobs), the others serve the web
// only; the first starts alone, the rest once it listens (outside production it migrates the database
// first). A process that stops before it listens stops them all (a configuration error: exit 1); one that
// dies later is started again. SIGTERM/SIGINT go to every process, each stops as one process does, and
// this one exits when they have (1 if any stop failed). /metrics sums the processes' figures (prom-client's
// AggregatorRegistry, asked by the process that took the scrape).
function superviseProcesses(count) {
  const started = new Map(); // worker id → { index, listening }
  let stopping = false;
  let othersStarted = false;
  let exitCode = 0;
  // The log's JSON lines as pino writes them (30 info, 50 error).
  const line = (level, msg, extra = {}) =>
    console.log(JSON.stringify({ level: level === "error" ? 50 : 30, time: new Date().toISOString(), service: "wijkwerk", ...extra, msg }));
  const start = (index) => {
    const worker = cluster.fork({ WIJKWERK_ROLE: index === 0 ? role : "web" });
    started.set(worker.id, { index, listening: false });
    worker.once("listening", () => {
      started.get(worker.id).listening = true;
      if (index === 0 && !othersStarted) {
        othersStarted = true;
        for (let i = 1; i < count; i++) start(i);
      }
    });
  };
  const stopAll = (signal) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker.process.kill(signal);
    if (started.size === 0) process.exit(exitCode);
  };
  cluster.on("exit", (worker, code, signal) => {
    const entry = started.get(worker.id);
    started.delete(worker.id);
    if (stopping) {
      // Stopped by the signal, or exit 0, is a clean stop; exit 1 (its stop took too long, or failed) is not.
      if (!signal && code !== 0) exitCode = 1;
      if (started.size === 0) process.exit(exitCode);
      return;
    }
    if (!entry?.listening) {
      line("error", "Een proces van Wijkwerk startte niet: alle processen stoppen.", { code, signal });
      exitCode = 1;
      stopAll("SIGTERM");
      return;
    }
    line("error", "Een proces van Wijkwerk stopte onverwacht: het wordt opnieuw gestart.", { code, signal });
    setTimeout(() => !stopping && start(entry.index), 1000);
  });
  let aggregator = null;
  cluster.on("message", async (worker, message) => {
    if (message?.type !== "wijkwerk:metrics") return;
    try {
      const { AggregatorRegistry } = await import("prom-client");
      const text = await (aggregator ??= new AggregatorRegistry()).clusterMetrics();
      worker.send({ type: "wijkwerk:metrics", id: message.id, text });
    } catch (error) {
      worker.send({ type: "wijkwerk:metrics", id: message.id, error: String(error?.message ?? error) });
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(signal));
  line("info", `Wijkwerk start ${count} processen op poort ${port}.`, { processes: count, role });
  start(0);
}

// ——— the web app: static files, then the request gate and Remix ———
function mountWebApp(app) {
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
}

// ——— health for a load balancer (docs/operations.md, "Gezondheid") ———
// Answered here, before the request gate and Remix: no limits, no session,
// no rate limit. /healthz: the process is alive (no database). /readyz: the
// database answers, the migrations are current, the job queue is there, and
// the instance is not stopping — 503 with a short reason otherwise.
function mountHealthRoutes(app) {
  const noStore = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
  app.get("/healthz", (_req, res) => res.set(noStore).send("ok"));
  app.get("/readyz", async (_req, res) => {
    if (lifecycle.stopping) return res.status(503).set(noStore).send("niet klaar: stopt");
    try {
      const r = await build.entry.module.readiness();
      if (lifecycle.stopping) return res.status(503).set(noStore).send("niet klaar: stopt");
      if (r.ready && role !== "web" && lifecycle.background && !lifecycle.background.alive())
        return res.status(503).set(noStore).send("niet klaar: achtergrondtaken gestopt");
      res
        .status(r.ready ? 200 : 503)
        .set(noStore)
        .send(r.ready ? "ok" : `niet klaar: ${r.reason}`);
    } catch {
      res.status(503).set(noStore).send("niet klaar: controle mislukt");
    }
  });
  // While stopping, a request that still comes in on a kept-alive connection is not
  // taken: 503 and the connection closed, so the client or proxy retries elsewhere.
  // The responses in flight close their connection after answering.
  app.use((_req, res, next) => {
    if (lifecycle.stopping)
      return res
        .status(503)
        .set({ ...noStore, Connection: "close", "Retry-After": "1" })
        .send("Wijkwerk stopt; probeer het opnieuw.");
    lifecycle.inFlight.add(res);
    res.once("close", () => lifecycle.inFlight.delete(res));
    next();
  });
}

// ——— background jobs (roles worker and all) ———
// On PostgreSQL a graphile-worker runner plus the scheduler; on PGlite the
// in-process runner (packages/core/src/jobs, docs/operations.md "Achtergrondtaken").
async function startBackgroundWork() {
  try {
    lifecycle.background = await build.entry.module.startBackgroundWork();
    log.info(`Achtergrondtaken gestart (${lifecycle.background.kind === "queue" ? "wachtrij in PostgreSQL" : "in dit proces"}).`);
  } catch (error) {
    logError("Achtergrondtaken starten mislukt", error);
    process.exit(1);
  }
}

// ——— graceful shutdown (docs/operations.md, "Stoppen en herstarten") ———
// SIGTERM/SIGINT: stop taking connections, let the requests in flight finish
// (idle kept-alive connections are closed now, busy ones after their
// response), stop scheduling and let the jobs in hand finish, close the
// database, exit 0. SHUTDOWN_TIMEOUT_SECONDS (default 30) later it exits 1
// regardless; an unfinished job then runs again on another worker.
async function shutdown(signal) {
  if (lifecycle.stopping) return;
  lifecycle.stopping = true;
  log.info({ signal }, `${signal}: Wijkwerk stopt (lopende verzoeken en taken worden afgemaakt).`);
  const seconds = Number(process.env.SHUTDOWN_TIMEOUT_SECONDS ?? 30);
  setTimeout(
    () => {
      log.error("Stoppen duurde te lang: Wijkwerk stopt nu.");
      process.exit(1);
    },
    (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000,
  ).unref();
  for (const res of lifecycle.inFlight) {
    if (!res.headersSent) res.set("Connection", "close");
    res.shouldKeepAlive = false;
  }
  const httpClosed = new Promise((resolve) => server.close(() => resolve()));
  // Connections kept alive by a request that was in flight become idle after its response: close those too.
  server.closeIdleConnections();
  const closer = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await Promise.all([httpClosed.finally(() => clearInterval(closer)), lifecycle.background?.stop()]);
    await build.entry.module.closeDb();
  } catch (error) {
    logError("Fout bij het stoppen", error);
    process.exit(1);
  }
  log.info("Wijkwerk is gestopt.");
  process.exit(0);
}

// The request log (one JSON line per request, with its request id) and the
// Prometheus metrics at /metrics behind METRICS_TOKEN (docs/operations.md).
// /healthz, /readyz and the static files are neither logged nor measured.
function useObservability(app) {
  app.use(build.entry.module.createRequestLogger(build));
  app.get("/metrics", build.entry.module.metricsHandler);
}
