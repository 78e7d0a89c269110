// Tenancy: the municipality's teams and buurten (with their history), its
// settings, and the overviews and option lists built on them.
export { SLUG_MAX_LENGTH, SLUG_PATTERN, createTeam, getTeam, listTeams, updateTeam } from "./admin-teams";
export { createBuurt, getBuurt, listBuurten, reassignBuurt } from "./admin-buurten";
export { IDLE_TIMEOUT_MAX, IDLE_TIMEOUT_MIN, SETTINGS_ROLES, getDisbursementSettings, getSettings, updateDisbursementMode, updateSettings } from "./settings";
export { listTeamBuurten, listTeamMembers } from "./team-overview";
export { type CompositionRow, teamCompositionInMonth } from "./team-composition";
export { municipalityOverview } from "./overviews";
export { listPartnerOptions, listTeamOptions } from "./reference";

// For partners only: the partner admin follows the team admin's rules for ids,
// slugs and the audited field changes.
export { fieldDiff, notFoundUnlessUuid, slugSchema, writeWithUniqueSlug } from "./admin-teams";
