// Workbudget: spend requests and their state machine (spend-lifecycle.ts), the
// ledger postings, budgets and pots, norms, reports, attachments, the resident
// pseudonym on a request and the evaluation reminders.
export { SPEND_STATUSES, type SpendAction, type SpendStatus } from "./spend-lifecycle";
export {
  LIFE_DOMAINS,
  type StepOptions,
  approveSpend,
  cancelSpend,
  createSpendDraft,
  endorseSpend,
  evaluateSpend,
  recordPayment,
  rejectSpend,
  requestSpendInfo,
  residentRefFormat,
  settleSpend,
  spendDraftInput,
  submitSpend,
  updateSpendDraft,
} from "./spends";
export { createBudget, listBudgets, listNorms, saveNorm } from "./budgets";
export { SPENDS_PAGE_SIZE, type SpendBudgetContext, commentOnSpend, getSpend, listSpends, spendBudgetContext, spendStatusTotals } from "./spend-queries";
export { MIN_MEASURED, NEXT_STEP, NEXT_STEP_NORM_DAYS, type NextStep, type NextStepFacts, nextStep } from "./next-step";
export { BUDGET_POTS } from "./ledger-post";
export { checkLedger } from "./ledger-check";
export {
  type BurnDownPoint,
  type DashboardFilterOptions,
  type WorkbudgetDashboard,
  financeCsv,
  workbudgetDashboard,
  workbudgetDashboardPage,
  workbudgetFilterOptions,
} from "./ledger-reports";
export { UNCOUNTED_STATUSES, WAITING_STATUSES } from "./figures";
export {
  type WorkbudgetMonthFilter,
  type WorkbudgetMonthRow,
  type WorkbudgetMonthRaw,
  foldingWorkbudgetDeltas,
  workbudgetMonthFigures,
  workbudgetMonthSelect,
  workbudgetMonthRows,
} from "./month-figures";
export { ATTACHMENTS_CLOSED_STATUSES, type AttachmentKind, addAttachment, readAttachment, removeAttachment } from "./spend-attachments";
export { type ReminderResult, overdueReminderDays, sendDueEvaluationReminders } from "./evaluation-reminders";

// For the other domains (routes do not call these):
// "today in Amsterdam", the day the spend rules count with; workgroups, partners and cards use the same day.
// cards: a card payment books its ledger move inside the webhook's transaction.
export { bookCardMove } from "./spends";
// demo: the seeder drafts requests through the same input.
export { type SpendDraftInput } from "./spends";
// tenancy: a team's pseudonym prefix setting (packages/core/src/tenancy/admin-teams.ts) follows the same pattern.
export { RESIDENT_REF_PREFIX_PATTERN, defaultResidentRefPrefix } from "./resident-ref";
// notifications: the spend and card notices' Dutch texts.
export {
  cardDeclineReasons,
  cardDeclinedSubject,
  cardDeclinedText,
  cardLinkLabel,
  cardPaidSubject,
  cardPaidText,
  stepNoticeSubject,
  stepNoticeText,
} from "./messages";
