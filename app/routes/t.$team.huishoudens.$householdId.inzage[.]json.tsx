// The AVG art. 15 export of a household as a JSON download (coordinator only;
// the export is logged in the household's read log). Never cached.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireTeamContext } from "~/context.server";
import { exportHousehold } from "~/core/casework.server";
import { toHttpError } from "~/lib/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  try {
    const exported = await exportHousehold(ctx, params.householdId ?? "");
    const reference = String(exported.household.reference ?? "huishouden").replace(/[^\w-]/g, "_");
    return new Response(JSON.stringify(exported, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="inzage-${reference}.json"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return toHttpError(error);
  }
}
