// The team's Buurtservice figures of a year as CSV (per buurt × month).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireTeamContext } from "~/context.server";
import { buurtserviceCounts, buurtserviceCountsCsv } from "~/core/neighbourhood.server";
import { thisYearInAmsterdam } from "~/lib/format";
import { csvResponse, toHttpError } from "~/lib/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const year = Number(new URL(request.url).searchParams.get("jaar")) || thisYearInAmsterdam();
  if (year < 2013 || year > 2100) throw new Response("Ongeldig jaar", { status: 400 });
  try {
    const rows = (await buurtserviceCounts(ctx, year)).filter((r) => r.teamId === ctx.team.id);
    return csvResponse(buurtserviceCountsCsv(rows), `buurtservice-${ctx.team.slug}-${year}.csv`);
  } catch (error) {
    return toHttpError(error);
  }
}
