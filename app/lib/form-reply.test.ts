import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nl } from "~/i18n/nl";
import { parseSubmission } from "~/lib/form.server";
import { runForForm } from "~/lib/http.server";
import { withFormMessage, withSummary } from "~/lib/form-reply";
import { DomainError } from "@wijkwerk/core/common";

const schema = z.object({ title: z.string({ required_error: "Vul een titel in." }), amount: z.string({ required_error: "Vul een bedrag in." }) });
const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
};

describe("the form kit's refused reply carries the form-level message (error summary by default)", () => {
  it("a submit with field errors: the form's message beside each field's", () => {
    const result = parseSubmission(form({}), { schema }).reply();
    expect(result.error?.[""]).toEqual([nl.common.formHasErrors]);
    expect(result.error?.title).toEqual(["Vul een titel in."]);
    expect(result.error?.amount).toEqual(["Vul een bedrag in."]);
  });

  it("a form-level message of the route's own is kept, not doubled", () => {
    const result = parseSubmission(form({}), { schema }).reply({ formErrors: ["Eigen melding."] });
    expect(result.error?.[""]).toEqual(["Eigen melding."]);
  });

  it("a field's check when it is left (validate intent) adds no form-level message, but keeps one a submit showed while errors remain", () => {
    const data = form({ title: "" });
    data.append("__intent__", JSON.stringify({ type: "validate", payload: { name: "title" } }));
    const result = withSummary(parseWithZod(data, { schema })).reply();
    // null: conform keeps what was there (nothing before a submit; the summary's message after one).
    expect(result.error?.[""]).toBeNull();
    const fixed = form({ title: "a", amount: "1" });
    fixed.append("__intent__", JSON.stringify({ type: "validate", payload: { name: "title" } }));
    expect(withSummary(parseWithZod(fixed, { schema })).reply().error?.[""]).toBeUndefined();
  });

  it("a success and a reset stay as they are", () => {
    const ok = parseSubmission(form({ title: "a", amount: "1" }), { schema });
    expect(ok.reply().error?.[""] ?? null).toBeNull();
    expect(ok.reply({ resetForm: true })).toEqual({ initialValue: null });
    expect(withFormMessage({ status: "error", error: { "": ["Fout."] } })).toEqual({ status: "error", error: { "": ["Fout."] } });
  });

  it("a use case refusing a field (runForForm) answers with the form's message too", async () => {
    const submission = parseSubmission(form({ title: "a", amount: "1" }), { schema });
    const outcome = await runForForm(submission.reply, () => Promise.reject(new DomainError("invalid_input", 422, { amount: ["invalid_input"] })));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.result.error?.[""]).toEqual([nl.common.formHasErrors]);
      expect(outcome.result.error?.amount?.length).toBe(1);
    }
  });
});
