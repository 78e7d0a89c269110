// The audit log selection as a CSV file (resource route: no page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMunicipalityContext } from "~/context.server";
import { auditEventsCsv } from "~/core.server";
import { readFilters } from "~/lib/audit-filters";
import { csvResponse, toHttpError } from "~/lib/http.server";

/** Today in Amsterdam as yyyy-mm-dd, for the file name. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "AuditEvent", context as { ip?: string });
  const csv = await auditEventsCsv(ctx, readFilters(new URL(request.url).searchParams)).catch(toHttpError);
  return csvResponse(csv, `auditlog-${today()}.csv`);
}
