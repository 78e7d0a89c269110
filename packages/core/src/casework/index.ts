// The casework domain's only door: households and their one plan (1 Gezin 1
// Plan 1 Regisseur), intake, ZRM, arrangements, referrals, closing; contacts
// without a case; break-the-glass, the read log, the AVG export and the
// retention purge; the sociale kaart. Resident data never leaves the case
// team (docs/casework.md, docs/dpia.md).
export * from "./vocabulary";
export * from "./messages";
export { getHouseholdEntry, type HouseholdEntry, type HouseholdHead } from "./access";
