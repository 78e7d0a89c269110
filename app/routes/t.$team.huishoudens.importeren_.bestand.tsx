// The history import's upload for the page script (XMLHttpRequest, so the page
// can show the upload's progress): the same check or import as the page's
// own action, answered as JSON. Coordinators only (create CaseworkImport);
// anyone else gets 404, as on the page.
import type { ActionFunctionArgs } from "@remix-run/node";
import { as } from "@wijkwerk/authz";
import { requireTeamContext } from "~/context.server";
import { runImportUpload } from "~/lib/casework-import.server";
import { notFoundWhenForbidden } from "~/lib/http.server";

/** Only for the page script's POST. */
export const loader = () => {
  throw new Response("Alleen POST", { status: 405, headers: { Allow: "POST" } });
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  if (!ctx.ability.can("create", as("CaseworkImport", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId })))
    throw new Response("Niet gevonden", { status: 404 });
  try {
    const { status, answer } = await runImportUpload(ctx, request);
    return Response.json(answer, { status, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    throw notFoundWhenForbidden(error);
  }
}
