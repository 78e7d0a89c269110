// The invitation form's server side, shared by the team page (coordinator)
// and the admin page: parse, call the use case, answer in Dutch.
import { data } from "@remix-run/node";
import { z } from "zod";
import { INVITABLE_ROLES, createInvitation, revokeInvitation } from "@wijkwerk/core/accounts";
import type { UseCaseContext } from "@wijkwerk/core/common";
import { nl } from "~/i18n/nl";
import { appBaseUrl, runForForm, toHttpError } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.invitationsPage;

export const invitationFormSchema = z
  .object({
    email: z.string({ required_error: t.emailRequired }).trim().email(t.emailInvalid),
    role: z.enum(INVITABLE_ROLES, { errorMap: () => ({ message: t.roleRequired }) }),
    teamId: z.string().uuid(t.teamRequired).optional(),
    partnerId: z.string().uuid(t.partnerRequired).optional(),
  })
  .superRefine((v, issue) => {
    if (v.role === "partner_manager" && !v.partnerId) issue.addIssue({ code: "custom", path: ["partnerId"], message: t.partnerRequired });
  });

/** Handles intent=invite and intent=revoke; `teamScoped` pages take the team from the context, not the form. */
export async function handleInvitationAction(ctx: UseCaseContext, request: Request, opts: { teamScoped: boolean }) {
  const formData = await readFormData(request);
  if (formData.get("intent") === "revoke") {
    await revokeInvitation(ctx, String(formData.get("invitationId") ?? "")).catch(toHttpError);
    return { result: null, sentTo: null, revoked: true };
  }
  const schema = opts.teamScoped
    ? invitationFormSchema
    : invitationFormSchema.superRefine((v, issue) => {
        if (["coordinator", "member", "volunteer"].includes(v.role) && !v.teamId) issue.addIssue({ code: "custom", path: ["teamId"], message: t.teamRequired });
      });
  const submission = parseSubmission(formData, { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), sentTo: null, revoked: false }, { status: 400 });
  const outcome = await runForForm(submission.reply, () => createInvitation(ctx, submission.value, { baseUrl: appBaseUrl(request) }));
  if (!outcome.ok) return data({ result: outcome.result, sentTo: null, revoked: false }, { status: outcome.status });
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email, revoked: false };
}
