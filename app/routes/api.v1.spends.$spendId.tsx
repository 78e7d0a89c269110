// GET /api/v1/spends/:spendId — one request by id, for whoever may read it:
// a member of the request's team in that team's scope (the CASL rules then
// decide own vs. the coordinator's whole team), else the controller in the
// municipality scope; 404 for everyone else. Same shape as the team endpoint.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, apiJson, methodNotAllowed, requireApiSpendContext, spendJson } from "~/api.server";
import { getSpend } from "~/core/workbudget.server";

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const ctx = await requireApiSpendContext(request, context, params.spendId);
    return apiJson({ data: spendJson(await getSpend(ctx, params.spendId ?? "")) });
  });
}

export const action = methodNotAllowed("GET");
