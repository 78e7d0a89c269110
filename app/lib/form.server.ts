// The server side of the form kit (app/components/form.tsx): every action
// parses its conform form through parseSubmission instead of parseWithZod.
// It answers hostile input the way it answers a typo — field errors in Dutch,
// the typed values kept — instead of a 500:
// - conform's own fields `__intent__` and `__state__` are JSON that conform
//   parses without a guard (a non-JSON intent crashed every form, /inloggen
//   included). Our forms only send the "validate" intent (no list buttons),
//   so anything else — not JSON, another kind, a file — is dropped and the
//   request is handled as a plain submit.
// - a text with a character PostgreSQL refuses (NUL) becomes a field error
//   on that field before the use case runs (the one NUL check of every form).
// runForm then runs the use case and turns its refusal into the same kind of
// answer (Dutch field errors, the typed values kept).
import type { Intent, Submission, SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import { ForbiddenError } from "@wijkwerk/authz";
import { asDomainError, hasForbiddenCharacter } from "@wijkwerk/core/common";
import { z, type ZodTypeAny, type input, type output } from "zod";
import { domainErrorMessage, nl } from "~/i18n/nl";
import { withFormMessage, withSummary } from "~/lib/form-reply";

/**
 * The request's form. A body that is no form (JSON, text, a multipart body
 * without its boundary) made request.formData() throw a TypeError, a 500 on
 * every action: now 415 or 400 with a Dutch message.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
    throw new Response(domainErrorMessage("form_unreadable"), { status: 415, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response(domainErrorMessage("form_unreadable"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

const INTENT = "__intent__";
const STATE = "__state__";

/** A conform intent our forms may send: `{ type: "validate", payload: { name } }`; anything else is null. */
function acceptedIntent(raw: FormDataEntryValue | null): string | null {
  if (typeof raw !== "string" || raw.length > 1000) return null;
  try {
    const intent = JSON.parse(raw) as { type?: unknown; payload?: { name?: unknown } | null };
    if (
      intent &&
      typeof intent === "object" &&
      intent.type === "validate" &&
      intent.payload &&
      typeof intent.payload === "object" &&
      typeof intent.payload.name === "string"
    )
      return raw;
  } catch {
    /* not JSON: dropped */
  }
  return null;
}

/** The form without conform's fields, plus the intent when it is one we accept. */
function withSafeControls(formData: FormData): FormData {
  const clean = new FormData();
  for (const [name, value] of formData.entries()) if (name !== INTENT && name !== STATE) clean.append(name, value);
  const intent = acceptedIntent(formData.get(INTENT));
  if (intent) clean.append(INTENT, intent);
  return clean;
}

/** Names of text fields holding a character the database refuses. */
export function fieldsWithForbiddenCharacters(formData: FormData): string[] {
  const names = new Set<string>();
  for (const [name, value] of formData.entries())
    if (typeof value === "string" && (hasForbiddenCharacter(value) || hasForbiddenCharacter(name))) names.add(name);
  return [...names];
}

/**
 * parseWithZod for actions, safe against hostile input (see above). A
 * submission with a forbidden character is never "success": it carries an
 * error on each such field (and the form's message), so the route answers
 * 400 with the form filled in, like any other validation error.
 */
export function parseSubmission<Schema extends ZodTypeAny>(
  formData: FormData,
  options: { schema: Schema | ((intent: Intent | null) => Schema) },
): Submission<input<Schema>, string[], output<Schema>> {
  const clean = withSafeControls(formData);
  // Every reply with field errors carries the form-level message too, so the form kit's error summary shows (app/lib/form-reply.ts).
  const submission = withSummary(parseWithZod(clean, options));
  const bad = fieldsWithForbiddenCharacters(clean);
  if (bad.length === 0) return submission;
  const message = domainErrorMessage("invalid_character");
  const fieldErrors: Record<string, string[]> = Object.fromEntries(bad.map((name) => [name, [message]]));
  const errors: Record<string, string[] | null> = { ...(submission.status === "success" ? {} : (submission.error ?? {})), ...fieldErrors, "": [message] };
  return {
    status: "error",
    payload: submission.payload,
    error: errors,
    reply: (replyOptions) =>
      submission.reply(
        replyOptions && "resetForm" in replyOptions
          ? replyOptions
          : {
              ...replyOptions,
              formErrors: [...((replyOptions && "formErrors" in replyOptions ? replyOptions.formErrors : undefined) ?? []), message],
              fieldErrors: { ...fieldErrors, ...(replyOptions && "fieldErrors" in replyOptions ? replyOptions.fieldErrors : {}) },
            },
      ),
  };
}

/** What a kit form's action returns when it refuses: conform's result, and whether the privacy guard stopped the text (the form then offers the override). */
export interface FormReply {
  result: SubmissionResult<string[]>;
  personalData: boolean;
  /** Which of the page's forms answered, on a page with several (the submit button's intent). */
  form?: string;
}

/**
 * The reply to a submission the schema refused: with field errors it carries
 * the form-level "the form has errors" as well, so the form kit's error
 * summary (FormErrors) lists and links them — as runForm answers.
 */
export function refusedReply(submission: {
  error?: Record<string, string[] | null> | null;
  reply: (options?: { formErrors?: string[] }) => SubmissionResult<string[]>;
}): SubmissionResult<string[]> {
  const hasFieldErrors = Object.entries(submission.error ?? {}).some(([name, errors]) => name !== "" && errors?.length);
  return withFormMessage(submission.reply(hasFieldErrors ? { formErrors: [nl.common.formHasErrors] } : undefined));
}

/** The schema of a form of buttons only (remove, join, restore): the use case checks the ids it gets. */
export const NO_FIELDS = z.object({});

/** The named text fields as strings ("" when absent), as the use cases read them. */
export const textValues = (form: FormData, names: string[]) => Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? "")]));

/**
 * Runs a use case for a form checked by parseSubmission. A refused submission
 * (the schema, a NUL) or a refused use case comes back as a FormReply with
 * Dutch field errors and the typed values: the privacy guard's own message on
 * its field, a field's own message (`fieldMessages`) for an invalid value or a
 * date that does not exist, and "the form has errors" above the form. 404
 * stays 404, forbidden becomes 403, anything else is thrown.
 */
export async function runForm<Schema extends ZodTypeAny, T>(
  submission: Submission<input<Schema>, string[], output<Schema>>,
  fn: (value: output<Schema>) => Promise<T>,
  options: { fieldMessages?: Record<string, string>; form?: string; precheck?: () => void } = {},
): Promise<{ ok: true; value: T } | { ok: false; response: ReturnType<typeof data<FormReply>> }> {
  const refuse = (status: number, result: SubmissionResult<string[]>, personalData = false) => ({
    ok: false as const,
    response: data<FormReply>({ result, personalData, form: options.form }, { status }),
  });
  try {
    // A check of the request itself (a file over 5 MB, a text cut short) answers with its own status before the fields are judged.
    options.precheck?.();
    if (submission.status !== "success") {
      return refuse(400, refusedReply(submission));
    }
    return { ok: true, value: await fn(submission.value) };
  } catch (caught) {
    if (caught instanceof ForbiddenError) throw new Response("Geen toegang", { status: 403 });
    const e = asDomainError(caught);
    if (!e || e.status >= 500) throw caught;
    if (e.status === 404) throw new Response("Niet gevonden", { status: 404 });
    const message = (field: string, code: string) =>
      code === "personal_data" && e.detail
        ? e.detail
        : code === "invalid_input" || code === "date_invalid"
          ? (options.fieldMessages?.[field] ?? nl.workgroups.fieldErrors[field] ?? domainErrorMessage(code))
          : domainErrorMessage(code);
    const fieldErrors = Object.fromEntries(Object.entries(e.fieldErrors).map(([field, codes]) => [field, [codes.map((c) => message(field, c)).join(" ")]]));
    const formErrors = [Object.keys(fieldErrors).length ? nl.common.formHasErrors : domainErrorMessage(e.code)];
    return refuse(e.status, submission.reply({ formErrors, fieldErrors }), e.code === "personal_data");
  }
}
