// GET /api/v1/partner/hours.json — the partner's staff hours (export token; docs/partners.md).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/api.server";
import { partnerHoursApi } from "~/lib/partner-export-api.server";

export const loader = ({ request, context }: LoaderFunctionArgs) => partnerHoursApi(request, context, "json");

export const action = methodNotAllowed("GET");
