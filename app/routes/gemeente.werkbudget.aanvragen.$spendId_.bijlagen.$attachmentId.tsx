// Download of one file of a spend request, for the budget controller (a
// resource route: no UI). Municipality scope: RLS shows the files of every
// team in the controller's own municipality, nothing else.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMunicipalityContext } from "~/context.server";
import { readAttachment } from "~/core/workbudget.server";
import { fileDownloadResponse, toHttpError } from "~/lib/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "SpendAttachment", context as { ip?: string });
  const file = await readAttachment(ctx, params.spendId ?? "", params.attachmentId ?? "").catch(toHttpError);
  return fileDownloadResponse(file);
}
