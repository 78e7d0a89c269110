// The casework domain's only door: households and their one plan (1 Gezin 1
// Plan 1 Regisseur), intake, ZRM, arrangements, referrals, closing; contacts
// without a case; break-the-glass, the read log, the AVG export and the
// retention purge; the sociale kaart. Resident data never leaves the case
// team (docs/casework.md, docs/dpia.md).
export * from "./vocabulary";
export * from "./messages";
export { getHouseholdEntry, type HouseholdEntry, type HouseholdHead } from "./access";
// Households, persons and the intake; contacts without a case (households slice).
export {
  registerIntake,
  reopenCase,
  listHouseholds,
  listTeamProfessionals,
  listTeamBuurten,
  getHouseholdSummary,
  updatePersons,
  addPerson,
  removePerson,
  updateProfile,
  setRegisseur,
  addInvolved,
  removeInvolved,
  initialsOf,
  HOUSEHOLDS_PAGE_SIZE,
  MAX_PERSONS,
  type IntakeInput,
  type CaseIntakeInput,
  type PersonInput,
  type PersonUpdateInput,
  type ProfileInput,
  type HouseholdListRow,
  type HouseholdListFilter,
  type HouseholdSummary,
  type HouseholdPersonView,
  type TeamProfessional,
} from "./households";
export { registerContact, registerObjection, contactCounts, type ContactInput, type ContactMonthCount } from "./contacts";
export { isValidBsn, maskBsn, normaliseBsn } from "./bsn";
// Plan, ZRM, referrals, closing and the household's spends (what follows the intake).
export {
  addGoal,
  updateGoal,
  addArrangement,
  updateArrangement,
  getPlan,
  providerChoicesForPlan,
  neighbourhoodChoicesForPlan,
  getHouseholdSpends,
  householdChoicesForSpend,
  goalInput,
  arrangementInput,
  type GoalInput,
  type ArrangementInput,
  type Plan,
  type PlanGoal,
  type PlanArrangement,
  type ProviderChoice,
  type NeighbourhoodChoices,
  type PlanMatchLink,
  type PlanInitiativeLink,
  type HouseholdSpend,
} from "./plan";
export { recordZrm, zrmTrend, zrmChange, zrmInput, type ZrmInput, type ZrmOverview, type ZrmTrendRow, type ZrmChange } from "./zrm";
export {
  addReferral,
  recordReferralOutcome,
  listReferrals,
  referralInput,
  referralOutcomeInput,
  type Referral,
  type ReferralInput,
  type ReferralOutcomeInput,
} from "./referrals";
export { closeCase, getClosing, closeCaseInput, type CloseCaseInput, type ClosingNorm, type ClosingView } from "./closing";
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
// The sociale kaart and household transfers (cw-socialmap slice).
export {
  SOCIAL_MAP_PAGE_SIZE,
  type OfferInput,
  type PickerProvider,
  type ProviderDetail,
  type LinkedInitiative,
  type ProviderInput,
  type ProviderListItem,
  type SocialMapFilter,
  addOffer,
  canKeepSocialMap,
  createProvider,
  getProvider,
  listProvidersForPicker,
  pickProviders,
  searchSocialMap,
  setOfferArchived,
  setProviderArchived,
  socialMapBuurten,
  updateOffer,
  updateProvider,
} from "./social-map";
export { type TransferRow, acceptTransfer, declineTransfer, getTransferForm, listTransfers, proposeTransfer, withdrawTransfer } from "./transfers";
// The history import from CSV (issue 16, docs/casework-import.md).
export {
  IMPORT_COLUMNS,
  IMPORT_COLUMNS_OF,
  IMPORT_FIRST_DAY,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ERRORS,
  IMPORT_MAX_ROWS,
  IMPORT_RECORDS,
  IMPORT_REPORT_COLUMNS,
  type ImportCounts,
  type ImportIssue,
  type ImportOptions,
  type ImportRecord,
  type ImportReport,
  importCaseworkHistory,
  importReportCsv,
} from "./import";
export { importMessages, importSummaryLines } from "./import-messages";
