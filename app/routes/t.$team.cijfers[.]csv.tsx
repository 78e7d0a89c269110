// The team's casework figures as CSV (?van=YYYY-MM&tot=YYYY-MM), streamed from the figures engine.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireTeamContext } from "~/context.server";
import { figuresCsvResponse } from "~/lib/figures-route.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  return figuresCsvResponse(ctx, { kind: "team", teamId: ctx.team.id }, request, ctx.team.slug);
}
