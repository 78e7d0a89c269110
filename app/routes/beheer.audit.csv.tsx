// The audit log selection as a CSV file (resource route: no page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMunicipalityContext } from "~/context.server";
import { auditEventsCsv } from "~/core/audit.server";
import { readFilters } from "~/lib/audit-filters";
import { csvResponse, toHttpError } from "~/lib/http.server";
import { todayInAmsterdam } from "~/lib/format";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "AuditEvent", context as { ip?: string });
  const csv = await auditEventsCsv(ctx, readFilters(new URL(request.url).searchParams)).catch(toHttpError);
  return csvResponse(csv, `auditlog-${todayInAmsterdam()}.csv`);
}
