import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { requireTeamContext } from "~/context.server";
import { disbursementMode } from "~/core/cards.server";
import { grantableTeamRoles } from "~/core/accounts.server";
import { nl } from "~/i18n/nl";
import { ErrorPage } from "~/root";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.team.name} – ${nl.common.appName}` : nl.common.appName }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const ownSpend = as("Spend", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, authorId: ctx.user.id });
  return {
    team: { slug: ctx.team.slug, name: ctx.team.name },
    role: ctx.teams.find((t) => t.id === ctx.team.id)?.role ?? null,
    canInvite: grantableTeamRoles(ctx.ability, ctx.team.municipalityId, ctx.team.id).length > 0,
    // Members and coordinators have the workbudget; volunteers have no rules on Spend at all.
    canWorkbudget: ctx.ability.can("create", ownSpend) || ctx.ability.can("read", ownSpend),
    // Professionals register their hours; the coordinator sees the team's hours and disciplines.
    canRegisterHours: ctx.ability.can("create", as("TimeRegistration", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, userId: ctx.user.id })),
    canSeeTeamHours: ctx.ability.can("read", as("TimeRegistration", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })),
    // The team card tab: the coordinator, and only when the municipality pays by card.
    // Buurtservice: members and coordinators (the team's own offers, requests and matches).
    canBuurtservice: ctx.ability.can("read", as("BuurtserviceEntry", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })),
    // Casework: the household list for the team's professionals (members and coordinators).
    canHouseholds: ctx.ability.can("read", as("Household", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })),
    canInitiatives: ctx.ability.can("create", as("NeighbourhoodInitiative", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })),
    // The team's casework figures: members and the coordinator; its business case: the coordinator.
    canFigures: ctx.ability.can("read", as("CaseworkFigures", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })),
    canBusinessCase: ctx.ability.can("read", as("BusinessCase", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })),
    // Household transfers between teams: the coordinator.
    canTransfer: ctx.ability.can("transfer", as("Household", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })),
    canCard:
      ctx.ability.can("read", as("TeamCard", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })) &&
      (await disbursementMode(ctx.db, ctx.team.municipalityId)) === "stripe_issuing",
  };
}

export default function TeamLayout() {
  const {
    team,
    role,
    canInvite,
    canWorkbudget,
    canRegisterHours,
    canSeeTeamHours,
    canCard,
    canBuurtservice,
    canInitiatives,
    canHouseholds,
    canTransfer,
    canFigures,
    canBusinessCase,
  } = useLoaderData<typeof loader>();
  // Phones: the tabs wrap as compact buttons, every one visible (the current one filled); wider screens: tabs on a line.
  const tab =
    "rounded border border-gray-300 px-2 py-1 text-sm no-underline aria-[current=page]:bg-brand-700 aria-[current=page]:text-white aria-[current=page]:font-semibold " +
    "md:rounded-b-none md:border-0 md:px-3 md:py-2 md:text-base md:aria-[current=page]:bg-white md:aria-[current=page]:text-inherit md:aria-[current=page]:border md:aria-[current=page]:border-b-0";
  return (
    <div>
      <p className="hint">{role ? nl.common.roles[role] : null}</p>
      <h1>{team.name}</h1>
      <nav aria-label={team.name} className="mt-4 flex flex-wrap gap-1.5 pb-2 md:gap-1 md:border-b md:border-gray-300 md:pb-0">
        <NavLink end to={`/t/${team.slug}`} className={tab}>
          {nl.team.members}
        </NavLink>
        <NavLink to={`/t/${team.slug}/buurten`} className={tab}>
          {nl.team.buurten}
        </NavLink>
        <NavLink to={`/t/${team.slug}/contact`} className={tab}>
          {nl.teamContact.tab}
        </NavLink>
        {canHouseholds ? (
          <NavLink to={`/t/${team.slug}/huishoudens`} className={tab}>
            {nl.casework.tab}
          </NavLink>
        ) : null}
        {canFigures ? (
          <NavLink to={`/t/${team.slug}/cijfers`} className={tab}>
            {nl.figures.teamTitle}
          </NavLink>
        ) : null}
        {canBuurtservice ? (
          <NavLink to={`/t/${team.slug}/buurtservice`} className={tab}>
            {nl.buurtservice.tab}
          </NavLink>
        ) : null}
        {canInitiatives ? (
          <NavLink to={`/t/${team.slug}/initiatieven`} className={tab}>
            {nl.initiatives.tab}
          </NavLink>
        ) : null}
        {canWorkbudget ? (
          <NavLink to={`/t/${team.slug}/werkbudget`} className={tab}>
            {nl.spends.tab}
          </NavLink>
        ) : null}
        {canBusinessCase ? (
          <NavLink to={`/t/${team.slug}/business-case`} className={tab}>
            {nl.businessCase.title}
          </NavLink>
        ) : null}
        {canRegisterHours ? (
          <NavLink end to={`/t/${team.slug}/uren`} className={tab}>
            {nl.timeRegistration.tab}
          </NavLink>
        ) : null}
        {canSeeTeamHours ? (
          <NavLink to={`/t/${team.slug}/uren/overzicht`} className={tab}>
            {nl.timeRegistration.overviewTab}
          </NavLink>
        ) : null}
        {canSeeTeamHours ? (
          <NavLink to={`/t/${team.slug}/disciplines`} className={tab}>
            {nl.disciplineMatrix.tab}
          </NavLink>
        ) : null}
        {canCard ? (
          // A full page load: the card page's own Content-Security-Policy admits Stripe.js (secure card display), a client-side navigation would keep this page's.
          <NavLink to={`/t/${team.slug}/kaart`} className={tab} reloadDocument>
            {nl.cards.teamTab}
          </NavLink>
        ) : null}
        {canTransfer ? (
          <NavLink to={`/t/${team.slug}/overdrachten`} className={tab}>
            {nl.transfers.tab}
          </NavLink>
        ) : null}
        {canInvite ? (
          <NavLink to={`/t/${team.slug}/uitnodigingen`} className={tab}>
            {nl.team.invitations}
          </NavLink>
        ) : null}
      </nav>
      <div className="pt-6">
        <Outlet />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
