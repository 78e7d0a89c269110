// The finance CSV of one budget year (resource route: no page).
// ?soort=boekingen|aanvragen&jaar=2026&decimaal=komma — columns in docs/workbudget-export.md.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMunicipalityContext } from "~/context.server";
import { financeCsv } from "~/core/workbudget.server";
import { nl } from "~/i18n/nl";
import { csvResponse, toHttpError } from "~/lib/http.server";
import { thisYearInAmsterdam } from "~/lib/format";

const KINDS = { boekingen: "postings", aanvragen: "spends" } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "Spend", context as { ip?: string });
  const q = new URL(request.url).searchParams;
  const soort = q.get("soort") || "boekingen";
  const jaar = q.get("jaar") || String(thisYearInAmsterdam());
  const decimaal = q.get("decimaal") || "punt";
  if (!(soort in KINDS) || !/^\d{4}$/.test(jaar) || !["punt", "komma"].includes(decimaal)) throw new Response(nl.workbudget.csvInvalid, { status: 400 });
  const csv = await financeCsv(ctx, { year: Number(jaar), kind: KINDS[soort as keyof typeof KINDS], decimalComma: decimaal === "komma" }).catch(toHttpError);
  return csvResponse(csv, `werkbudget-${jaar}-${soort}${decimaal === "komma" ? "-komma" : ""}.csv`);
}
