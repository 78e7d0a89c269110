// A coordinator invites colleagues into their own team (member, volunteer).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { InvitationForm, InvitationList, ProposalList, type InvitationActionData, type ProposalActionData } from "~/components/invitations";
import { forbiddenResponse, requireTeamContext } from "~/context.server";
import { awaitingProposals, confirmProposal, declineProposal } from "~/core/partners.server";
import { grantableTeamRoles, listInvitations } from "~/core/accounts.server";
import { isDomainError, type UseCaseContext } from "~/core/common.server";
import { listPartnerOptions } from "~/core/tenancy.server";
import { domainErrorMessage, nl } from "~/i18n/nl";
import { handleInvitationAction } from "~/lib/invitations.server";
import { appBaseUrl, pageParam, toHttpError } from "~/lib/http.server";
import { readFormData } from "~/lib/form.server";

export const meta: MetaFunction = () => [{ title: `${nl.invitationsPage.title} – ${nl.common.appName}` }];

async function requireInviter(request: Request, teamSlug: string | undefined, context: unknown) {
  const ctx = await requireTeamContext(request, teamSlug, context as { ip?: string });
  const roles = grantableTeamRoles(ctx.ability, ctx.team.municipalityId, ctx.team.id);
  // A member of the team who may not invite: 403 (the team's pages are known to them).
  if (roles.length === 0) throw forbiddenResponse();
  return { ctx, roles };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { ctx, roles } = await requireInviter(request, params.team, context);
  const page = pageParam(request);
  const [list, partners, proposals] = await Promise.all([listInvitations(ctx, page), listPartnerOptions(ctx), awaitingProposals(ctx)]);
  return { ...list, page, roles, partners, proposals, team: ctx.team.name };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { ctx } = await requireInviter(request, params.team, context);
  const intent = (await readFormData(request.clone())).get("intent");
  if (intent === "confirm" || intent === "decline") return decideProposal(ctx, request, intent);
  return handleInvitationAction(ctx, request, { teamScoped: true });
}

/** A partner manager's proposal: confirm (the invitation e-mail goes out) or decline with a reason. */
async function decideProposal(ctx: UseCaseContext, request: Request, intent: "confirm" | "decline"): Promise<ProposalActionData> {
  const form = await readFormData(request);
  const id = String(form.get("invitationId") ?? "");
  const reason = String(form.get("reason") ?? "");
  const [proposal] = (await awaitingProposals(ctx)).filter((p) => p.id === id);
  if (!proposal) throw new Response(domainErrorMessage("invitation_not_awaiting"), { status: 409 });
  if (intent === "confirm") {
    await confirmProposal(ctx, id, { baseUrl: appBaseUrl(request) }).catch(toHttpError);
    return { proposal: { id, email: proposal.email, outcome: "confirmed", error: null, reason: "" } };
  }
  try {
    await declineProposal(ctx, id, reason);
  } catch (e) {
    if (isDomainError(e) && e.code === "invalid_input")
      return { proposal: { id, email: proposal.email, outcome: null, error: nl.proposalsPage.reasonRequired, reason } };
    toHttpError(e);
  }
  return { proposal: { id, email: proposal.email, outcome: "declined", error: null, reason: "" } };
}

export default function TeamInvitations() {
  const { rows, page, pages, roles, partners, proposals, team } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as (InvitationActionData & Partial<ProposalActionData>) | undefined;
  const actionData = data && "result" in data ? data : undefined;
  const proposalData = data?.proposal ? { proposal: data.proposal } : undefined;
  return (
    <div className="space-y-6">
      <h2 className="sr-only">{nl.invitationsPage.title}</h2>
      <p>
        {nl.invitationsPage.teamIntro(team)} {nl.invitationsPage.intro}
      </p>
      <ProposalList rows={proposals} actionData={proposalData} />
      <InvitationForm actionData={actionData} roles={roles} partners={partners} />
      <InvitationList rows={rows} page={page} pages={pages} showTeam={false} canRevoke />
    </div>
  );
}
