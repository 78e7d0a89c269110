// The neighbourhood domain's only door: the public team finder (/buurt), the
// teams' public contact details and the street → buurt list.
export { findBuurt, findTeam, normaliseName, searchDirectory, slugify as buurtSlug, MAX_HITS, type Directory, type DirectoryBuurt, type DirectoryTeam, type PublicContact, type SearchHit as DirectorySearchHit } from "./directory";
export { createDirectoryCache, loadPublicDirectory, DirectoryNotFoundError, DirectoryUnavailableError, type DirectoryCache, type DirectoryCacheOptions } from "./public-directory";
export { canEditTeamContact, getTeamContact, teamContactInput, updateTeamContact, type TeamContactInput } from "./team-contacts";
export { checkStreetCsv, importStreets, listStreetCounts, parseCsv, previewStreetImport, MAX_STREET_LINES, type CsvLineError, type StreetPreview } from "./streets";
export {
  BUURTSERVICE_AVAILABILITY,
  BUURTSERVICE_CATEGORIES,
  BUURTSERVICE_CSV_HEADERS,
  MATCH_STATUSES,
  MATCH_TRANSITIONS,
  STALE_AFTER_MONTHS,
  buurtserviceCounts,
  buurtserviceCountsCsv,
  closeBuurtserviceEntry,
  entryInput as buurtserviceEntryInput,
  getBuurtserviceEntry,
  listMatches as listBuurtserviceMatches,
  listOpenEntries as listOpenBuurtserviceEntries,
  listServedBuurten,
  matchStepInput,
  proposeMatch,
  rankOffers,
  registerBuurtserviceEntry,
  stepMatch,
  totalCounts as totalBuurtserviceCounts,
  type CountRow as BuurtserviceCountRow,
  type CountTotals as BuurtserviceCountTotals,
  type EntryRow as BuurtserviceEntryRow,
  type MatchRow as BuurtserviceMatchRow,
  type MatchStatus,
  type MatchSuggestion,
} from "./buurtservice";
export { endInitiative, initiativeCounts, initiativeInput, listInitiatives, registerInitiative, type InitiativeCount, type InitiativeInput, type InitiativeRow } from "./initiatives";
