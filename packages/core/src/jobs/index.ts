// Jobs: the background work (audit sealing, the mail and Stripe outboxes,
// reminders, digests, the casework purge) on a PostgreSQL job queue
// (graphile-worker, decision 0018) or, on the embedded PGlite database, an
// in-process runner with the same schedules and job functions
// (docs/operations.md).
export { type JobDefinition, wijkwerkJobs } from "./tasks";
export { type Schedule, compileSchedule } from "./schedule";
export { type Scheduler, claimAndEnqueue, claimSlot, createScheduler } from "./scheduler";
export { type BackgroundWork, type BackgroundWorkOptions, migrateQueue, queueTaskList, startBackgroundWork } from "./worker";
export { type Readiness, checkReadiness } from "./readiness";
