// The partner manager's download of its staff's hours (CSV, ?van=2026-W01&tot=2026-W10): docs/partners.md.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { partnerExportDownload } from "~/lib/partner-export.server";

export const loader = ({ request, params, context }: LoaderFunctionArgs) => partnerExportDownload(request, params.partner, context, "csv");
