// Demo data: seeders for the demo municipality (scripts/seed.ts, the test
// servers and the ledger benchmark), built on the domains' own use cases so
// the demo obeys the same rules. Not use cases themselves.
export { seedWorkbudgetDemo } from "./demo-workbudget";
export { seedWorkgroupsDemo } from "./demo-workgroups";
export { seedSocialMapDemo } from "./demo-social-map";
export { seedCaseworkDemo } from "./demo-casework";
export { buildHistoryCsv, seedCaseworkHistoryDemo, PILOT_CASES_PER_MONTH, HISTORY_CASES_PER_MONTH } from "./demo-casework-history";
export { seedBusinessCaseDemo } from "./demo-business-case";
export { seedPartnerHoursDemo, demoWeekHours, demoWeeks } from "./demo-hours";
