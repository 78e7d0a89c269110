// The functional admin invites anyone to any role in the municipality.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { InvitationForm, InvitationList, type InvitationActionData } from "~/components/invitations";
import { requireMunicipalityContext } from "~/context.server";
import { INVITABLE_ROLES, listInvitations } from "~/core/accounts.server";
import { listPartnerOptions, listTeamOptions } from "~/core/tenancy.server";
import { nl } from "~/i18n/nl";
import { handleInvitationAction } from "~/lib/invitations.server";
import { pageParam } from "~/lib/http.server";

export const meta: MetaFunction = () => [{ title: `${nl.invitationsPage.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Invitation", context as { ip?: string });
  const page = pageParam(request);
  const [list, teams, partners] = await Promise.all([listInvitations(ctx, page), listTeamOptions(ctx), listPartnerOptions(ctx)]);
  return { ...list, page, teams, partners, roles: [...INVITABLE_ROLES] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Invitation", context as { ip?: string });
  return handleInvitationAction(ctx, request, { teamScoped: false });
}

export default function AdminInvitations() {
  const { rows, page, pages, teams, partners, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as InvitationActionData | undefined;
  return (
    <div className="space-y-6">
      <h1>{nl.invitationsPage.title}</h1>
      <p>{nl.invitationsPage.intro}</p>
      <InvitationForm actionData={actionData} roles={roles} teams={teams} partners={partners} />
      <InvitationList rows={rows} page={page} pages={pages} showTeam canRevoke />
    </div>
  );
}
