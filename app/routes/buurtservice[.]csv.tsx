// Buurtservice counts of the whole city as CSV: team × buurt × month (?jaar=2026).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMunicipalityContext } from "~/context.server";
import { buurtserviceCounts, buurtserviceCountsCsv } from "~/core/neighbourhood.server";
import { thisYearInAmsterdam } from "~/lib/format";
import { csvResponse, toHttpError } from "~/lib/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "BuurtserviceCounts", context as { ip?: string });
  const jaar = new URL(request.url).searchParams.get("jaar") || String(thisYearInAmsterdam());
  if (!/^\d{4}$/.test(jaar) || Number(jaar) < 2013 || Number(jaar) > 2100) throw new Response("Ongeldig jaar", { status: 400 });
  const rows = await buurtserviceCounts(ctx, Number(jaar)).catch(toHttpError);
  return csvResponse(buurtserviceCountsCsv(rows), `buurtservice-${jaar}.csv`);
}
