// The partner's hours export as a streamed download (CSV or JSON), for the
// partner manager's page (/partner/<slug>/uren.csv|json) and the API
// (/api/v1/partner/hours.csv|json, export token). Format: docs/partners.md.
import { asDomainError, type UseCaseContext } from "@wijkwerk/core/common";
import { requirePartnerContext } from "~/context.server";
import { parseExportPeriod, partnerExportCsv, partnerExportJson, partnerHoursExport, type ExportPeriod } from "~/core/partners.server";
import { domainErrorMessage } from "~/i18n/nl";
import { csvStreamResponse, jsonStreamResponse, toHttpError } from "~/lib/http.server";

export async function partnerExportResponse(
  ctx: UseCaseContext,
  period: ExportPeriod,
  format: "csv" | "json",
  via: { kind: "download" } | { kind: "token"; tokenId: string },
): Promise<Response> {
  const { partner, slices } = await partnerHoursExport(ctx, period, via);
  const name = `uren-${partner.slug}-${period.from}-${period.to}.${format}`;
  return format === "csv"
    ? csvStreamResponse(partnerExportCsv(partner.slug, slices), name)
    : jsonStreamResponse(partnerExportJson(partner, period, slices), name);
}

/** The web download: the partner scope of the signed-in manager; a bad period is a 400 with the Dutch reason. */
export async function partnerExportDownload(request: Request, partnerSlug: string | undefined, context: unknown, format: "csv" | "json"): Promise<Response> {
  const ctx = await requirePartnerContext(request, partnerSlug, context as { ip?: string });
  const params = new URL(request.url).searchParams;
  let period: ExportPeriod;
  try {
    period = parseExportPeriod({ from: params.get("van"), to: params.get("tot") });
  } catch (e) {
    const domain = asDomainError(e);
    if (!domain) throw e;
    const reasons = Object.values(domain.fieldErrors).flat();
    return new Response((reasons.length ? reasons : [domain.code]).map((c) => domainErrorMessage(c)).join(" "), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return partnerExportResponse(ctx, period, format, { kind: "download" }).catch(toHttpError);
}

/** The export page's period: the weeks as typed, the valid period or the Dutch field errors. */
export function periodForForm(typed: { from: string; to: string }): {
  period: { from: string; to: string; firstMonday: string; lastMonday: string } | null;
  errors: { from?: string[]; to?: string[] };
} {
  try {
    const p = parseExportPeriod(typed);
    return { period: { from: p.from, to: p.to, firstMonday: p.firstMonday, lastMonday: p.lastMonday }, errors: {} };
  } catch (e) {
    const d = asDomainError(e);
    if (!d) throw e;
    return { period: null, errors: Object.fromEntries(Object.entries(d.fieldErrors).map(([k, codes]) => [k, codes.map((c) => domainErrorMessage(c))])) };
  }
}
