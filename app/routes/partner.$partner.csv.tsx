// CSV download of the partner overview (a resource route: no page, a file).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePartnerContext } from "~/context.server";
import { partnerOverview, partnerOverviewCsv } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { csvResponse } from "~/lib/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requirePartnerContext(request, params.partner, context as { ip?: string });
  return csvResponse(partnerOverviewCsv(await partnerOverview(ctx), nl.partner.csv), `partner-${ctx.partner.slug}.csv`);
}
