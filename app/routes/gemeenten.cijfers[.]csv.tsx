// The casework figures of the municipalities a functional admin administers, as CSV (?van=&tot=, and
// ?gemeente=<slug> for one municipality per team): the same suppressed report as /gemeenten/cijfers, streamed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseworkFiguresCsv } from "~/core/figures.server";
import { requireUser } from "~/context.server";
import { loadMunicipalitiesFiguresExport } from "~/lib/figures-route.server";
import { csvStreamResponse } from "~/lib/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const { report, chosen, values } = await loadMunicipalitiesFiguresExport(ctx, request);
  // ASCII file name: the slug reduced to [a-z0-9-], the period YYYY-MM.
  return csvStreamResponse(
    caseworkFiguresCsv(report),
    `cijfers-${chosen ? chosen.slug.replace(/[^a-z0-9-]/g, "-") : "gemeenten"}-${values.van}-tot-${values.tot}.csv`,
  );
}
