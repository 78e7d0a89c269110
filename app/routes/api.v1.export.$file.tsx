// GET /api/v1/export/postings.csv and /api/v1/export/spends.csv
// ?year=2026&decimal=comma — the controller's finance CSV (the same file as
// /gemeente/werkbudget/export, columns in docs/workbudget-export.md), in the
// municipality scope; 404 for anyone who may not read every team's requests.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiHandler, apiNotFound, invalidInput, methodNotAllowed, requireApiContext } from "~/api.server";
import { financeCsv } from "~/core/workbudget.server";
import { thisYearInAmsterdam } from "~/lib/format";
import { csvResponse } from "~/lib/http.server";

const FILES = { "postings.csv": { kind: "postings", name: "boekingen" }, "spends.csv": { kind: "spends", name: "aanvragen" } } as const;

/** Unknown parameters are an error (a typo must not silently export another year or format). */
const exportQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    decimal: z.enum(["point", "comma"]).default("point"),
  })
  .strict();

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const ctx = await requireApiContext(request, context);
    const file = Object.hasOwn(FILES, params.file ?? "") ? FILES[params.file as keyof typeof FILES] : null;
    if (!file) return apiNotFound();
    const query = exportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return invalidInput(query.error.issues);
    const year = query.data.year ?? thisYearInAmsterdam();
    const decimalComma = query.data.decimal === "comma";
    const csv = await financeCsv(ctx, { year, kind: file.kind, decimalComma });
    const response = csvResponse(csv, `werkbudget-${year}-${file.name}${decimalComma ? "-komma" : ""}.csv`);
    response.headers.set("X-Content-Type-Options", "nosniff");
    return response;
  });
}

export const action = methodNotAllowed("GET");
