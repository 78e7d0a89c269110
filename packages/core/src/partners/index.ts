// Partners: partner organisations and their agreements with teams, the staff
// a partner proposes, time registration and the hours overviews.
export { FUNDING_TYPES, createPartner, getPartner, listPartners, updatePartner } from "./admin-partners";
export { awaitingProposals, confirmProposal, declineProposal, listProposals, proposalTeamOptions, proposeInvitation } from "./partner-invitations";
export { partnerOverview, partnerOverviewCsv } from "./partner-overview";
export { type AgreementRow, DISCIPLINES, deleteAgreement, listAgreements, saveAgreement } from "./partner-agreements";
export { type MonthCell, municipalityPartnerHours, partnerDashboard, procurementCsv } from "./partner-hours";
export {
  ACTIVITY_KINDS,
  type ActivityKind,
  MAX_HOURS_PER_WEEK,
  getWeekForm,
  saveTimeRegistration,
  sendTimeRegistrationReminders,
  teamTimeOverview,
} from "./time-registration";
export { teamDisciplineMatrix } from "./discipline-matrix";
export { type ProductRow, listAgreementProducts, recordProductDelivery } from "./agreement-products";
export {
  MAX_EXPORT_WEEKS,
  PARTNER_EXPORT_COLUMNS,
  PARTNER_EXPORT_VERSION,
  PARTNER_TOKEN_PREFIX,
  type ExportPeriod,
  type PartnerExportRow,
  type PartnerTokenRow,
  authenticatePartnerExportToken,
  createPartnerExportToken,
  defaultExportWeeks,
  listPartnerExportTokens,
  parseExportPeriod,
  partnerExportCsv,
  partnerExportJson,
  partnerHoursExport,
  revokePartnerExportToken,
} from "./partner-export";
