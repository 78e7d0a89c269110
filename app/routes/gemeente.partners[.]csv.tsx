// The procurement export: agreed and registered hours per partner × team ×
// month (resource route, ?jaar=2026). Columns documented in docs/partners.md.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMunicipalityContext } from "~/context.server";
import { municipalityPartnerHours, procurementCsv } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { thisYearInAmsterdam } from "~/lib/format";
import { csvResponse, toHttpError } from "~/lib/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "Agreement", context as { ip?: string });
  const jaar = new URL(request.url).searchParams.get("jaar") || String(thisYearInAmsterdam());
  if (!/^\d{4}$/.test(jaar)) throw new Response(nl.workbudget.csvInvalid, { status: 400 });
  const view = await municipalityPartnerHours(ctx, { year: Number(jaar) }).catch(toHttpError);
  return csvResponse(procurementCsv(view), `inkoop-partners-${jaar}.csv`);
}
