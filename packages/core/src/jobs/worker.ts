// Background work for one process: on PostgreSQL a graphile-worker runner
// (its own small node-postgres pool, LISTEN/NOTIFY for new jobs, jobs taken
// with FOR UPDATE SKIP LOCKED, failed runs retried with exponential backoff)
// plus the scheduler that claims the due slots and enqueues them; on the
// embedded PGlite database the in-process runner (in-process.ts). server.js
// starts one of these in the worker role (WIJKWERK_ROLE=worker or all).
import { Logger, run, runMigrations, type Runner, type TaskList } from "graphile-worker";
import type { Database } from "@wijkwerk/db";
import { startInProcessRunner, startTicker } from "./in-process";
import { positiveNumber } from "./schedule";
import { claimAndEnqueue, createScheduler } from "./scheduler";
import type { JobDefinition } from "./tasks";

export interface BackgroundWork {
  kind: "queue" | "in-process";
  /** False once stop() was called or the runner died. */
  alive(): boolean;
  /** Stops scheduling and taking jobs, waits for the runs in progress to finish. */
  stop(): Promise<void>;
}

export interface BackgroundWorkOptions {
  /** A line for the log (a job that did something). */
  log?: (line: string) => void;
  logError?: (message: string, error: unknown) => void;
  /** The scheduler's clock (tests); default: the wall clock. */
  clock?: () => Date;
  /** How often the scheduler looks for due slots (ms, default 1000). */
  tickMs?: number;
  /** Jobs run at once by this process's queue runner (default WORKER_CONCURRENCY or 2). */
  concurrency?: number;
  /** Whether this process also schedules (default true); a test can run bare workers. */
  schedule?: boolean;
}

/** graphile-worker's own messages: warnings and errors only, through our logError. */
function queueLogger(logError: NonNullable<BackgroundWorkOptions["logError"]>) {
  return new Logger(() => (level, message, meta) => {
    if (level === "error" || level === "warning") logError(`Wachtrij: ${message}`, (meta as { error?: unknown } | undefined)?.error ?? "");
  });
}

/** The task list graphile-worker runs: each job's function with the slot's time from the payload. */
export function queueTaskList(db: Database, jobs: JobDefinition[], log: (line: string) => void): TaskList {
  const list: TaskList = {};
  for (const job of jobs)
    list[job.name] = async (payload) => {
      const at = typeof (payload as { at?: unknown })?.at === "string" ? new Date((payload as { at: string }).at) : new Date();
      const line = await job.run(db, Number.isNaN(at.getTime()) ? new Date() : at);
      if (line) log(line);
    };
  return list;
}

/** Installs or updates graphile-worker's schema (graphile_worker) — also done by `pnpm db:migrate` and by every worker at start. */
export async function migrateQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: queueLogger((m, e) => console.error(m, e)) });
}

export async function startBackgroundWork(
  handle: { db: Database; kind: "postgres" | "pglite" },
  jobs: JobDefinition[],
  opts: BackgroundWorkOptions & { connectionString?: string } = {},
): Promise<BackgroundWork> {
  if (handle.kind === "pglite") return startInProcessRunner(handle.db, jobs, opts);
  const connectionString = opts.connectionString ?? process.env.DATABASE_URL;
  if (!connectionString) throw new Error("The job queue needs DATABASE_URL");
  const log = opts.log ?? ((line: string) => console.log(line));
  const logError = opts.logError ?? ((message: string, error: unknown) => console.error(message, error));
  const concurrency = opts.concurrency ?? Math.floor(positiveNumber(process.env.WORKER_CONCURRENCY, 2));
  const runner: Runner = await run({
    connectionString,
    concurrency,
    // graphile-worker's own connections: LISTEN, taking and completing jobs (the jobs use the app's pool).
    maxPoolSize: concurrency + 2,
    // Our scheduler enqueues the periodic jobs (scheduler.ts); graphile-worker's own crontab stays empty.
    parsedCronItems: [],
    // server.js handles SIGTERM itself: it stops the web server and this runner in order.
    noHandleSignals: true,
    pollInterval: 1000,
    // Longer than a run of the slowest job (the casework purge); after that stop() gives up on a run, which then runs again elsewhere.
    gracefulShutdownAbortTimeout: 25_000,
    taskList: queueTaskList(handle.db, jobs, log),
    logger: queueLogger(logError),
  });
  let alive = true;
  void runner.promise.catch(() => undefined).finally(() => (alive = false));
  const scheduler = createScheduler(
    jobs,
    (job, slot) => claimAndEnqueue(handle.db, job, slot),
    (job, error) => logError(`Planning van ${job} mislukt:`, error),
  );
  const clock = opts.clock ?? (() => new Date());
  const ticker = opts.schedule === false ? null : startTicker(() => scheduler.tick(clock()), opts.tickMs ?? 1000);
  return {
    kind: "queue",
    alive: () => alive,
    async stop() {
      await ticker?.stop();
      if (alive) await runner.stop();
      alive = false;
    },
  };
}
