// The city's casework figures as CSV (?van=YYYY-MM&tot=YYYY-MM), small counts suppressed, streamed from the figures engine.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMunicipalityContext } from "~/context.server";
import { figuresCsvResponse } from "~/lib/figures-route.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "CaseworkFigures", context as { ip?: string });
  return figuresCsvResponse(ctx, { kind: "city" }, request, "gemeente");
}
