// POST /api/v1/spends/:spendId/transitions — one workflow step, e.g.
// { "action": "approve" } with an Idempotency-Key header. The scope comes from
// the request: the team's when the user is a member of it, else the
// municipality's (controller); the use case checks the step and the ability.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiError, apiHandler, apiJson, invalidInput, methodNotAllowed, readJsonBody, requireApiSpendContext } from "~/api.server";
import {
  approveSpend,
  cancelSpend,
  endorseSpend,
  evaluateSpend,
  recordPayment,
  rejectSpend,
  requestSpendInfo,
  settleSpend,
  submitSpend,
  type StepOptions,
} from "~/core/workbudget.server";
import { nl } from "~/i18n/nl";

const comment = z.string().max(4000).nullish();
/** The texts hold no personal data although the privacy guard found some (audit-logged), as the form's checkbox. */
const confirmNoPersonalData = z.boolean().optional();
/** One shape per step; the use cases validate payment and evaluation in detail. */
const transitionBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("submit"), comment, confirmNoPersonalData }).strict(),
  z.object({ action: z.literal("endorse"), comment, confirmNoPersonalData }).strict(),
  z.object({ action: z.literal("approve"), comment, confirmNoPersonalData }).strict(),
  z.object({ action: z.literal("reject"), comment, confirmNoPersonalData }).strict(),
  z.object({ action: z.literal("request_info"), comment, confirmNoPersonalData }).strict(),
  z.object({ action: z.literal("pay"), comment, confirmNoPersonalData, payment: z.record(z.unknown()) }).strict(),
  z.object({ action: z.literal("settle"), comment, confirmNoPersonalData, actualCents: z.number().int().min(0) }).strict(),
  z.object({ action: z.literal("evaluate"), comment, confirmNoPersonalData, evaluation: z.record(z.unknown()) }).strict(),
  z.object({ action: z.literal("cancel"), comment, confirmNoPersonalData }).strict(),
]);

export function action({ request, context, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return apiError(405, "method_not_allowed", nl.api.errors.methodNotAllowed, { headers: { Allow: "POST" } });
    const ctx = await requireApiSpendContext(request, context, params.spendId);
    const parsed = transitionBody.safeParse(await readJsonBody(request));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const body = parsed.data;
    const spendId = params.spendId!;
    const key = request.headers.get("idempotency-key");
    if (key !== null && (key.trim().length < 8 || key.trim().length > 200))
      return apiError(400, "invalid_input", nl.api.errors.invalidIdempotencyKey, { fields: { "Idempotency-Key": [nl.api.errors.invalidIdempotencyKey] } });
    const opts: StepOptions = { comment: body.comment ?? null, idempotencyKey: key, confirmNoPersonalData: body.confirmNoPersonalData === true };
    const result = await (() => {
      switch (body.action) {
        case "submit":
          return submitSpend(ctx, spendId, opts);
        case "endorse":
          return endorseSpend(ctx, spendId, opts);
        case "approve":
          return approveSpend(ctx, spendId, opts);
        case "reject":
          return rejectSpend(ctx, spendId, { ...opts, comment: body.comment ?? "" });
        case "request_info":
          return requestSpendInfo(ctx, spendId, { ...opts, comment: body.comment ?? "" });
        case "pay":
          return recordPayment(ctx, spendId, body.payment as Parameters<typeof recordPayment>[2], opts);
        case "settle":
          return settleSpend(ctx, spendId, { actualCents: body.actualCents }, opts);
        case "evaluate":
          return evaluateSpend(ctx, spendId, body.evaluation as Parameters<typeof evaluateSpend>[2], opts);
        case "cancel":
          return cancelSpend(ctx, spendId, opts);
      }
    })();
    return apiJson({ data: result });
  });
}

export const loader = methodNotAllowed("POST");
