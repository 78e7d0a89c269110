// The city-wide business case as CSV (?jaar=2026): one row per team and the
// city's total, then the avoided costs per team × norm with each norm's source.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMunicipalityContext } from "~/context.server";
import { businessCaseCsv, cityBusinessCase } from "~/core/business-case.server";
import { nl } from "~/i18n/nl";
import { thisYearInAmsterdam } from "~/lib/format";
import { csvResponse, toHttpError } from "~/lib/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "BusinessCase", context as { ip?: string });
  const jaar = new URL(request.url).searchParams.get("jaar") || String(thisYearInAmsterdam());
  if (!/^\d{4}$/.test(jaar)) throw new Response(nl.workbudget.csvInvalid, { status: 400 });
  const bc = await cityBusinessCase(ctx, jaar).catch(toHttpError);
  return csvResponse(businessCaseCsv(bc), `businesscase-${jaar}.csv`);
}
