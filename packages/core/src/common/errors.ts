// One typed error for use cases: an HTTP status and a code that the app
// translates into a Dutch message (app/i18n/nl.ts). Never a stack trace to users.
import { postgresError, postgresErrorCode } from "@wijkwerk/db";
import type { ZodError } from "zod";
export type ErrorCode =
  | "concurrent_change"
  | "not_found"
  | "forbidden"
  | "invalid_input"
  | "invalid_credentials"
  | "login_failed"
  | "account_locked"
  | "account_inactive"
  | "mfa_invalid_code"
  | "mfa_not_set_up"
  | "mfa_already_enabled"
  | "mfa_required_by_role"
  | "token_invalid"
  | "token_expired"
  | "token_used"
  | "invitation_wrong_email"
  | "invitation_grantor_lacks_permission"
  | "invitation_revoked"
  | "invitation_not_pending"
  | "invitation_awaiting_confirmation"
  | "invitation_declined"
  | "invitation_not_awaiting"
  | "invitation_wrong_partner"
  | "already_invited"
  | "email_taken"
  | "slug_taken"
  | "name_taken"
  | "already_member"
  | "membership_ended"
  | "before_membership_start"
  | "after_membership_end"
  | "seconded_to_required"
  | "assignment_overlap"
  | "assignment_date_invalid"
  | "assignment_team_inactive"
  | "assignment_same_team"
  | "date_range_invalid"
  | "date_invalid"
  | "invalid_character"
  | "password_too_weak"
  | "last_admin"
  | "no_budget"
  | "spend_invalid_transition"
  | "spend_incomplete"
  | "required"
  | "comment_required"
  | "own_request"
  | "second_approver_required"
  | "insufficient_budget"
  | "idempotency_conflict"
  | "payment_exceeds_approved"
  | "settlement_exceeds_paid"
  | "budget_year_taken"
  | "attachment_empty"
  | "attachment_too_large"
  | "attachment_type_not_allowed"
  | "attachment_spend_closed"
  | "personal_data"
  | "resident_ref_format"
  | "workgroup_unknown_user"
  | "workgroup_already_member"
  | "attachment_too_many"
  | "workgroup_last_facilitator"
  | "workgroup_not_member"
  | "workgroup_nothing_to_add"
  | "handbook_conflict"
  | "handbook_unchanged"
  | "proposal_reason_required"
  | "proposal_closed"
  | "proposal_closes_in_past"
  | "action_owner_not_member"
  | "reference_taken"
  | "contribution_duplicate"
  | "product_duplicate"
  | "month_outside_agreement"
  | "week_invalid"
  | "export_range_invalid"
  | "export_range_too_long"
  | "hours_too_many"
  | "hours_not_quarter"
  | "week_in_future"
  | "not_in_team"
  | "stripe_not_configured"
  | "card_exists"
  | "card_not_active"
  | "card_payment_expired"
  | "card_payment_valid_until"
  | "categories_conflict"
  | "cap_above_monthly"
  | "card_payment_pending"
  | "card_not_found"
  | "card_details_unavailable"
  | "buurtservice_buurt_not_served"
  | "buurtservice_not_open"
  | "buurtservice_same_resident"
  | "buurtservice_wrong_kind"
  | "buurtservice_match_exists"
  | "buurtservice_invalid_transition"
  | "initiative_already_ended"
  | "initiative_end_before_start"
  // Casework: households and intake (issue 15)
  | "casework_buurt_other_team"
  | "casework_street_unknown"
  | "casework_street_ambiguous"
  | "casework_bsn_invalid"
  | "casework_not_team_professional"
  | "casework_date_in_future"
  | "casework_household_open"
  | "casework_case_closed"
  | "casework_last_person"
  | "casework_person_required"
  // Casework: plan, ZRM, referrals, closing
  | "case_closed"
  | "case_open_arrangements"
  | "goal_other_case"
  | "provider_unknown"
  | "arrangement_match_unknown"
  | "arrangement_match_layer"
  | "arrangement_initiative_unknown"
  | "zrm_empty"
  | "zrm_parenting_without_child"
  | "household_unknown"
  // Casework: privacy
  | "casework_break_glass_not_needed"
  | "casework_reference_mismatch"
  // Casework (issue 15): the sociale kaart and household transfers.
  | "social_map_too_short"
  | "social_map_too_long"
  | "social_map_phone_invalid"
  | "social_map_email_invalid"
  | "social_map_website_invalid"
  | "social_map_buurt_unknown"
  | "transfer_same_team"
  | "transfer_open_exists"
  | "transfer_not_open"
  | "transfer_regisseur_not_member"
  | "transfer_household_closed";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number = 400,
    readonly fieldErrors: Record<string, ErrorCode[]> = {},
    /** A message composed by the use case itself (the privacy guard's list of findings), shown instead of the code's text. */
    readonly detail?: string,
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export const notFound = () => new DomainError("not_found", 404);

/** Zod issues as field codes: a custom issue may name its code in params.code, anything else is invalid_input. */
export function zodFieldCodes(error: ZodError): Record<string, ErrorCode[]> {
  const out: Record<string, ErrorCode[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const code: ErrorCode = issue.code === "custom" && typeof issue.params?.code === "string" ? (issue.params.code as ErrorCode) : "invalid_input";
    out[field] = [...new Set([...(out[field] ?? []), code])];
  }
  return out;
}

/** The 400 for input that failed its zod schema, with the fields named. */
export const invalidInput = (error: ZodError) => new DomainError("invalid_input", 400, zodFieldCodes(error));

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** A unique-index violation (also when wrapped by drizzle), optionally on a given index. */
export function isUniqueIndexViolation(e: unknown, constraint?: string): boolean {
  const found = postgresError(e);
  return found?.code === "23505" && (!constraint || found.constraint_name === constraint || found.constraint === constraint);
}

/**
 * The error as a DomainError, when it is one or when PostgreSQL refused a
 * write that a concurrent request caused rather than the input: two people
 * creating the same thing at once (a unique index the use case had checked
 * a moment before), a deadlock, a serialization failure. Those become
 * "concurrent_change" (409, "try again") instead of a server error. Null for
 * anything else (a real fault: logged and a 500). A data exception caused
 * by the input (below) is "invalid_input" (400).
 */
export function asDomainError(e: unknown): DomainError | null {
  if (e instanceof DomainError) return e;
  const code = postgresErrorCode(e);
  if (code && INPUT_DATA_EXCEPTIONS.has(code)) return new DomainError("invalid_input", 400);
  return code === "23505" || code === "40P01" || code === "40001" ? new DomainError("concurrent_change", 409) : null;
}

/**
 * PostgreSQL's data exceptions that only a value from the request can cause
 * (we never compute such values ourselves): a character the encoding refuses
 * (NUL in text 22021, in jsonb 22P05), an impossible date (22007/22008), a
 * text too long or a number out of range (22001/22003), a malformed value
 * such as a uuid (22P02). The edges validate these first with a field error;
 * this is the safety net for input that still gets through: 400
 * "invalid_input" instead of a 500.
 */
const INPUT_DATA_EXCEPTIONS = new Set(["22021", "22P05", "22007", "22008", "22001", "22003", "22P02"]);
