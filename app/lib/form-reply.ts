// The form kit's rule for a refused submit, shared by the browser's check
// (useFormKit) and the server's (parseSubmission, runForm, runForForm): when a
// submit comes back with field errors and no form-level message, it gets
// "the form has errors" as well. FormErrors shows its error summary (GOV.UK
// pattern: a title, the message, one link per field error) exactly when a
// form-level message is there, so every kit form shows the summary after a
// submit — and a field's own check when it is left (a "validate" intent)
// never does.
import type { Submission, SubmissionResult } from "@conform-to/react";
import { nl } from "~/i18n/nl";

/**
 * The result with the form-level message added when it has field errors but
 * none of its own. A field's check when it is left (an intent) adds none, but
 * keeps the one a submit showed (null: conform keeps the previous value) while
 * errors remain, so the summary stays until the fields are right or the form
 * is sent again.
 */
export function withFormMessage<R extends SubmissionResult<string[]>>(result: R): R {
  if (!result.error) return result;
  const fieldErrors = Object.entries(result.error).some(([name, errors]) => name !== "" && errors?.length);
  if (result.intent) return fieldErrors && result.error[""] === undefined ? { ...result, error: { ...result.error, "": null } } : result;
  if (!fieldErrors || result.error[""]?.length) return result;
  return { ...result, error: { ...result.error, "": [nl.common.formHasErrors] } };
}

/** The submission with its reply going through withFormMessage. */
export function withSummary<S extends Submission<unknown, string[], unknown>>(submission: S): S {
  const reply = submission.reply;
  return { ...submission, reply: (options?: Parameters<typeof reply>[0]) => withFormMessage(reply(options)) } as S;
}
