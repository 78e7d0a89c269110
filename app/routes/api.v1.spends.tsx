// GET /api/v1/spends — all teams' spend requests, for the budget controller
// (municipality scope); 404 for anyone who may not read them municipality-wide.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, apiJson, invalidInput, methodNotAllowed, parseSpendListQuery, requireApiContext } from "~/api.server";
import { SPENDS_PAGE_SIZE, listSpends } from "~/core/workbudget.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const ctx = await requireApiContext(request, context);
    const query = parseSpendListQuery(request, "municipality");
    if (!query.success) return invalidInput(query.error.issues);
    const { page, ...filters } = query.data;
    const result = await listSpends(ctx, filters, page);
    return apiJson({ data: result.rows, page, pages: result.pages, total: result.total, pageSize: SPENDS_PAGE_SIZE });
  });
}

export const action = methodNotAllowed("GET");
