// GET /api/v1/teams/:team/spends/:spendId — one request with its timeline.
// Runs in the team's scope: another team's request is simply not there (404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, apiJson, methodNotAllowed, requireApiContext, spendJson } from "~/api.server";
import { getSpend } from "~/core/workbudget.server";

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const ctx = await requireApiContext(request, context, { team: params.team ?? "" });
    return apiJson({ data: spendJson(await getSpend(ctx, params.spendId ?? "")) });
  });
}

export const action = methodNotAllowed("GET");
