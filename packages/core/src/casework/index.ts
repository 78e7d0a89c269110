// The casework domain's only door: households and their one plan (1 Gezin 1
// Plan 1 Regisseur), intake, ZRM, arrangements, referrals, closing; contacts
// without a case; break-the-glass, the read log, the AVG export and the
// retention purge; the sociale kaart. Resident data never leaves the case
// team (docs/casework.md, docs/dpia.md).
export * from "./vocabulary";
export * from "./messages";
export { getHouseholdEntry, type HouseholdEntry, type HouseholdHead } from "./access";
// Privacy slice: break-the-glass, the read log, the audit trail, the AVG export, erasure, the destruction log and the retention purge.
export * from "./privacy-messages";
export { type ActiveGrant, type BreakGlassInput, BREAK_GLASS_REASON_MAX, BREAK_GLASS_REASON_MIN, activeGrant, openWithBreakGlass } from "./break-glass";
export {
  type AuditTrailLine,
  DESTRUCTION_PAGE_SIZE,
  type DestructionEntry,
  ERASURE_REASON_MAX,
  ERASURE_REASON_MIN,
  type ErasureInput,
  type GrantLine,
  type HouseholdExport,
  READ_LOG_PAGE_SIZE,
  type ReadLogLine,
  type ReadLogPage,
  eraseHousehold,
  exportHousehold,
  householdAuditTrail,
  householdReadLog,
  listDestructionLog,
} from "./privacy";
export { type PurgeResult, purgeExpiredCasework } from "./retention";
