// The figures domain's only door (issue 16, docs/figures.md): the casework
// figures per team and city-wide, read from the summaries kept by triggers;
// suppression of small counts in one place; the streaming CSV; the check.
export * from "./types";
export * from "./messages";
export { SUPPRESSION_THRESHOLD, suppressGrid, noSuppression, isSmallCount, type CountGrid, type SuppressionMask } from "./suppression";
export {
  municipalitiesFigures,
  type MunicipalitiesFigures,
  type MunicipalitiesFiguresQuery,
  caseworkFigures,
  buildReport,
  buildCaseworkTables,
  buildWorkbudgetTable,
  monthsBetween,
  MAX_FIGURE_MONTHS,
  AGE_GROUPS,
  type MonthFigure,
} from "./casework-figures";
export { caseworkFiguresCacheStats, clearCaseworkFiguresCache, type CaseworkCacheStats } from "./cache";
export { checkCaseworkFigures, rebuildCaseworkFigures, type CaseworkCheckResult } from "./check";
export { caseworkFiguresCsv, caseworkFiguresCsvStream } from "./csv";
