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
//   on that field before the use case runs.
import type { Intent, Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { hasForbiddenCharacter } from "@wijkwerk/core/common";
import type { ZodTypeAny, input, output } from "zod";
import { domainErrorMessage } from "~/i18n/nl";

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
    if (intent && typeof intent === "object" && intent.type === "validate" && intent.payload && typeof intent.payload === "object" && typeof intent.payload.name === "string") return raw;
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
  for (const [name, value] of formData.entries()) if (typeof value === "string" && (hasForbiddenCharacter(value) || hasForbiddenCharacter(name))) names.add(name);
  return [...names];
}

/**
 * parseWithZod for actions, safe against hostile input (see above). A
 * submission with a forbidden character is never "success": it carries an
 * error on each such field (and the form's message), so the route answers
 * 400 with the form filled in, like any other validation error.
 */
export function parseSubmission<Schema extends ZodTypeAny>(formData: FormData, options: { schema: Schema | ((intent: Intent | null) => Schema) }): Submission<input<Schema>, string[], output<Schema>> {
  const clean = withSafeControls(formData);
  const submission = parseWithZod(clean, options);
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
      submission.reply(replyOptions && "resetForm" in replyOptions ? replyOptions : { ...replyOptions, formErrors: [...((replyOptions && "formErrors" in replyOptions ? replyOptions.formErrors : undefined) ?? []), message], fieldErrors: { ...fieldErrors, ...(replyOptions && "fieldErrors" in replyOptions ? replyOptions.fieldErrors : {}) } }),
  };
}
