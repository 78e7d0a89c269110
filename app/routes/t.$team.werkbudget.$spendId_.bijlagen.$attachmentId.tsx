// Download of one file of a team's spend request (a resource route: no UI).
// The team checkpoint first, then RLS in the team's scope and CASL in the
// use case: another team's file, or a colleague's request for a member, is 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireTeamContext } from "~/context.server";
import { readAttachment } from "~/core/workbudget.server";
import { fileDownloadResponse, toHttpError } from "~/lib/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const file = await readAttachment(ctx, params.spendId ?? "", params.attachmentId ?? "").catch(toHttpError);
  return fileDownloadResponse(file);
}
