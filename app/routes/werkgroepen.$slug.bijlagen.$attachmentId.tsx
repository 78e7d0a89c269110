// Download of one file on a workgroup post (a resource route: no UI). RLS in
// the workgroup scope and CASL in the use case: a file of a group the user
// cannot read, of another group, or of a hidden post (for non-facilitators)
// is 404. Always as attachment, nosniff, CSP sandbox, no-store.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireWorkgroupContext } from "~/context.server";
import { readWorkgroupAttachment } from "~/core/workgroups.server";
import { fileDownloadResponse, toHttpError } from "~/lib/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const file = await readWorkgroupAttachment(ctx, params.slug ?? "", params.attachmentId ?? "").catch(toHttpError);
  return fileDownloadResponse(file);
}
