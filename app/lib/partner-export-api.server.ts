// GET /api/v1/partner/hours.csv and /api/v1/partner/hours.json ?from=2026-W01&to=2026-W10
// — the partner's own staff hours, for its own systems (docs/partners.md,
// docs/api.md). Authenticated by a partner export token only; read-only.
import { z } from "zod";
import { apiError, apiHandler, invalidInput, requirePartnerTokenContext } from "~/api.server";
import { parseExportPeriod } from "~/core/partners.server";
import { partnerExportResponse } from "~/lib/partner-export.server";
import { domainErrorMessage } from "~/i18n/nl";
import { asDomainError } from "@wijkwerk/core/common";

/** Unknown parameters are an error (a typo must not silently export another period). */
const query = z.object({ from: z.string().max(10).optional(), to: z.string().max(10).optional() }).strict();

export function partnerHoursApi(request: Request, context: unknown, format: "csv" | "json"): Promise<Response> {
  return apiHandler(async () => {
    const ctx = await requirePartnerTokenContext(request, context);
    const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!q.success) return invalidInput(q.error.issues);
    let period;
    try {
      period = parseExportPeriod(q.data);
    } catch (e) {
      const d = asDomainError(e);
      if (!d) throw e;
      const fields = Object.fromEntries(Object.entries(d.fieldErrors).map(([k, codes]) => [k, codes.map((c) => domainErrorMessage(c))]));
      return apiError(400, d.code, domainErrorMessage(d.code), { fields });
    }
    return partnerExportResponse(ctx, period, format, { kind: "token", tokenId: ctx.tokenId });
  });
}
