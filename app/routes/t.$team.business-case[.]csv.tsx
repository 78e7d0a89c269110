// A team's business case as CSV (?jaar=2026), for its coordinator.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireTeamContext } from "~/context.server";
import { businessCaseCsv, teamBusinessCase } from "~/core/business-case.server";
import { nl } from "~/i18n/nl";
import { thisYearInAmsterdam } from "~/lib/format";
import { csvResponse, toHttpError } from "~/lib/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const jaar = new URL(request.url).searchParams.get("jaar") || String(thisYearInAmsterdam());
  if (!/^\d{4}$/.test(jaar)) throw new Response(nl.workbudget.csvInvalid, { status: 400 });
  const bc = await teamBusinessCase(ctx, jaar).catch(toHttpError);
  return csvResponse(businessCaseCsv(bc), `businesscase-${ctx.team.slug}-${jaar}.csv`);
}
