// A coordinator invites colleagues into their own team (member, volunteer).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { InvitationForm, InvitationList, type InvitationActionData } from "~/components/invitations";
import { notFoundResponse, requireTeamContext } from "~/context.server";
import { grantableTeamRoles, listInvitations, listPartnerOptions } from "~/core.server";
import { nl } from "~/i18n/nl";
import { handleInvitationAction } from "~/lib/invitations.server";
import { pageParam } from "~/lib/http.server";

export const meta: MetaFunction = () => [{ title: `${nl.invitationsPage.title} – ${nl.common.appName}` }];

async function requireInviter(request: Request, teamSlug: string | undefined, context: unknown) {
  const ctx = await requireTeamContext(request, teamSlug, context as { ip?: string });
  const roles = grantableTeamRoles(ctx.ability, ctx.team.municipalityId, ctx.team.id);
  // Not allowed to invite: the page does not exist for this user.
  if (roles.length === 0) throw notFoundResponse();
  return { ctx, roles };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { ctx, roles } = await requireInviter(request, params.team, context);
  const page = pageParam(request);
  const [list, partners] = await Promise.all([listInvitations(ctx, page), listPartnerOptions(ctx)]);
  return { ...list, page, roles, partners, team: ctx.team.name };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { ctx } = await requireInviter(request, params.team, context);
  return handleInvitationAction(ctx, request, { teamScoped: true });
}

export default function TeamInvitations() {
  const { rows, page, pages, roles, partners, team } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as InvitationActionData | undefined;
  return (
    <div className="space-y-6">
      <h2 className="sr-only">{nl.invitationsPage.title}</h2>
      <p>{nl.invitationsPage.teamIntro(team)} {nl.invitationsPage.intro}</p>
      <InvitationForm actionData={actionData} roles={roles} partners={partners} />
      <InvitationList rows={rows} page={page} pages={pages} showTeam={false} canRevoke />
    </div>
  );
}
