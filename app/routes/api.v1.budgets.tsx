// GET /api/v1/budgets — the municipality's budgets with their balances.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, apiJson, methodNotAllowed, requireApiContext } from "~/api.server";
import { listBudgets } from "~/core/workbudget.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    // Budgets are reference data of the municipality: the controller reads them in the municipality scope, team members in their team's.
    const ctx = await requireApiContext(request, context, { teamFallback: true });
    const rows = await listBudgets(ctx);
    return apiJson({
      data: rows.map((b) => ({
        id: b.id,
        year: b.year,
        name: b.name,
        approvalThresholdCents: b.approvalThresholdCents,
        evaluationAfterMonths: b.evaluationAfterMonths,
        fundedCents: b.fundedCents,
        availableCents: b.availableCents,
        reservedCents: b.reservedCents,
        paidCents: b.paidCents,
        createdAt: b.createdAt,
      })),
    });
  });
}

export const action = methodNotAllowed("GET");
