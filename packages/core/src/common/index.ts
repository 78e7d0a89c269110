// Common: what every domain shares — domain errors, the use-case context, dates,
// money, CSV, markdown, tokens, the privacy guard and attachment files. No use cases.
// (Dates and money are also reachable as "@wijkwerk/core/dates" and "@wijkwerk/core/money":
// the browser bundle may take those two files, never this door.)
export { DomainError, asDomainError, isDomainError } from "./errors";
export { calendarDate } from "./dates";
export { forbiddenCharacterPaths, hasForbiddenCharacter } from "./input-text";
export { hashToken } from "./tokens";
export { MAX_ATTACHMENT_BYTES } from "./attachment-files";
export { type TeamContext, type UseCaseContext } from "./context";

// Building blocks of the other domains' use cases (routes do not call these):
export { type ErrorCode, invalidInput, isUniqueIndexViolation, notFound } from "./errors";
export { isCalendarDate } from "./dates";
export { neutraliseFormula } from "./csv";
export { findMentions, handlesOf, markdownToPlainText, renderMarkdown } from "./markdown";
export { sqlMessage } from "./sql-message";
export { newToken, safeEqual } from "./tokens";
export { authenticateBearerToken, type BearerTokenRow } from "./bearer-tokens";
export { type PersonalDataFinding, findPersonalData, personalDataMessage } from "./privacy-guard";
export {
  ATTACHMENT_CONTENT_TYPES,
  type AttachmentContentType,
  type AttachmentFile,
  attachmentFileOf,
  detectAttachmentType,
  refineAttachmentFile,
  sanitiseFileName,
  storedFileValues,
  uploadedFileFields,
} from "./attachment-files";
export { type Actor, type RequestMeta } from "./context";
// The one module each for Amsterdam dates, CSV and money (e-mails, exports, reports).
export {
  AMSTERDAM_TIME_ZONE,
  formatDateTimeSeconds,
  amsterdamInstant,
  amsterdamDay,
  formatDate,
  isoDateOf,
  amsterdamMonth,
  amsterdamHour,
  formatMonthYear,
} from "./dates";
export { writeCsv, csvText } from "./csv";
export { centsToEuros, formatMoney } from "./money";
