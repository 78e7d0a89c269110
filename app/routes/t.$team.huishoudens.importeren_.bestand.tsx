// The history import's upload for the page script (XMLHttpRequest, so the page
// can show the upload's progress): the same check or import as the page's
// own action, answered as JSON. Coordinators only (create CaseworkImport);
// anyone else gets 404, as on the page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { as } from "@wijkwerk/authz";
import { requireTeamContext } from "~/context.server";
import { runImportUpload } from "~/lib/casework-import.server";
import { notFoundWhenForbidden } from "~/lib/http.server";

/** The coordinator's team context, else 404 (as the page): who may not import never learns the route exists. */
async function importContext({ request, params, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  if (!ctx.ability.can("create", as("CaseworkImport", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId })))
    throw new Response("Niet gevonden", { status: 404 });
  return ctx;
}

/** Only for the page script's POST. */
export async function loader(args: LoaderFunctionArgs) {
  await importContext(args);
  throw new Response("Alleen POST", { status: 405, headers: { Allow: "POST" } });
}

export async function action(args: ActionFunctionArgs) {
  const ctx = await importContext(args);
  const { request } = args;
  try {
    const { status, answer } = await runImportUpload(ctx, request);
    return Response.json(answer, { status, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    throw notFoundWhenForbidden(error);
  }
}
