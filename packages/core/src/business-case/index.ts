// The business case (issue 16, docs/business-case.md): what each team costs
// per year (team costs, kept by the controller), against the workbudget's
// realised returns and the avoided costs recorded at closing, per team and
// city-wide. The closing's avoided costs themselves are recorded by
// casework/closing.ts.
export {
  COST_KINDS,
  type CostKind,
  type CostLine,
  type CostLineInput,
  FIRST_YEAR,
  type StaffSuggestion,
  type TeamCostSheet,
  type TeamCostsInput,
  getTeamCostSheet,
  saveTeamCosts,
  staffAmountCents,
} from "./team-costs";
export {
  type AvoidedByNorm,
  type BusinessCase,
  type BusinessCaseFigures,
  type BusinessCaseNorm,
  businessCaseCsv,
  cityBusinessCase,
  teamBusinessCase,
} from "./business-case";
