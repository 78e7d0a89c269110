// Audit: the hash-chained audit log — written in the same transaction as the
// change it records, read and exported by the auditor, verified by a script.
// appendAudit takes a transaction (or the database) on purpose: every domain
// writes its audit event in the statement's own transaction, and the sign-out
// route writes one without a use case.
export { type AuditAction, appendAudit, sealAuditChains, verifyAuditChain } from "./audit";
export { type AuditLogPage, auditEventsCsv, listAuditEvents, listAuditTeams } from "./audit-log";

// For workbudget only: the ledger check verifies the chain, and a spend step
// writes its audit event inside the same SQL statement as the transition.
export { type AuditEventInput, auditAppendCall } from "./audit";
