// Accounts: signing in (password, second factor, sessions), passwords and their
// reset, API tokens, invitations, the users admin and the grants a person holds.
export { checkPasswordLogin } from "./login";
export { listOwnSessions, revokeOtherSessions, revokeOwnSession } from "./sessions";
export { beginTotpSetup, confirmTotpSetup, disableMfa, mfaStatus, verifySecondFactor } from "./mfa";
export { mfaKeyProblem } from "./secrets";
export { checkResetToken, requestPasswordReset, resetPassword } from "./password-reset";
export { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
export { INVITABLE_ROLES, acceptInvitation, createInvitation, grantableTeamRoles, listInvitations, previewInvitation, revokeInvitation } from "./invitations";
export {
  addMembership,
  endMembership,
  getMembershipHistory,
  getUser,
  grantScopeRole,
  listUsers,
  removeMembership,
  revokeScopeRole,
  unlockUser,
  updateMembership,
  updateUser,
  type MembershipHistory,
} from "./admin-users";
export { type UserTeam, loadGrants, loadSecuritySettings, mfaRequiredFor, roleNames } from "./grants";
export { BOOTSTRAP_LINK_HOURS, bootstrapAdmin } from "./bootstrap";

// For partners only: a partner manager's proposal becomes an ordinary invitation
// once the coordinator confirms it (packages/core/src/partners/partner-invitations.ts), with the
// same grant check, link lifetime, status and mail text.
export { INVITATION_DAYS, type InvitationStatus, invitationText, mayGrant, statusOf } from "./invitations";
export { accountMessages } from "./messages";
