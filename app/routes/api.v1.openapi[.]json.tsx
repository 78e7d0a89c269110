// GET /api/v1/openapi.json — the API's OpenAPI 3.1 document (no token needed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, methodNotAllowed } from "~/api.server";
import { appBaseUrl } from "~/lib/http.server";
import { openApiDocument } from "~/lib/openapi";

export function loader({ request }: LoaderFunctionArgs) {
  return apiJson(openApiDocument(appBaseUrl(request)), { headers: { "Cache-Control": "public, max-age=300" } });
}

export const action = methodNotAllowed("GET");
