// GET  /api/v1/teams/:team/spends — the team's requests the user may read.
// POST /api/v1/teams/:team/spends — a new draft (JSON body) → 201.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, apiError, apiJson, invalidInput, parseSpendListQuery, readJsonBody, requireApiContext, spendJson } from "~/api.server";
import { SPENDS_PAGE_SIZE, createSpendDraft, getSpend, listSpends, spendDraftInput } from "~/core/workbudget.server";
import { nl } from "~/i18n/nl";

/** The draft's fields, unknown keys refused (a typo must not silently drop a field); the use case checks the rest. */
const draftBody = spendDraftInput.innerType().strict();

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const ctx = await requireApiContext(request, context, { team: params.team ?? "" });
    const query = parseSpendListQuery(request, "team");
    if (!query.success) return invalidInput(query.error.issues);
    const { page, ...filters } = query.data;
    const result = await listSpends(ctx, filters, page);
    return apiJson({ data: result.rows, page, pages: result.pages, total: result.total, pageSize: SPENDS_PAGE_SIZE });
  });
}

export function action({ request, context, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return apiError(405, "method_not_allowed", nl.api.errors.methodNotAllowed, { headers: { Allow: "GET, POST" } });
    const ctx = await requireApiContext(request, context, { team: params.team ?? "" });
    const body = draftBody.safeParse(await readJsonBody(request));
    if (!body.success) return invalidInput(body.error.issues);
    const { id } = await createSpendDraft(ctx, body.data);
    const created = await getSpend(ctx, id);
    return apiJson({ data: spendJson(created) }, { status: 201, headers: { Location: `/api/v1/teams/${encodeURIComponent(ctx.team!.slug)}/spends/${id}` } });
  });
}
