// A household's file: the frame around its parts (overview, plan, ZRM,
// referrals, closing, privacy). A team member outside the case team is sent
// to break-the-glass; anyone else who may not see the team's households gets 404.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { as } from "@wijkwerk/authz";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireTeamContext } from "~/context.server";
import { activeGrant, getHouseholdEntry } from "~/core/casework.server";
import { formatDateTime } from "~/lib/format";
import { nl } from "~/i18n/nl";
import { notFoundWhenForbidden, toHttpError } from "~/lib/http.server";

const t = nl.casework;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${t.householdTitle(data.household.reference, data.household.initials)} – ${nl.common.appName}` : nl.common.appName },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  try {
    const household = await getHouseholdEntry(ctx, params.householdId ?? "");
    const base = `/t/${ctx.team.slug}/huishoudens/${household.id}`;
    if (!household.access) {
      if (!household.canBreakGlass) throw new Response("Niet gevonden", { status: 404 });
      if (new URL(request.url).pathname !== `${base}/noodtoegang`) throw redirect(`${base}/noodtoegang`);
    }
    // A break-the-glass viewer sees until when their access runs (HH:MM in Maastricht).
    const grant = household.access === "break_glass" ? await activeGrant(ctx, household.id) : null;
    const grantUntil = grant ? formatDateTime(grant.expiresAt).slice(-5) : null;
    // The privacy tab for whoever answers the resident's AVG request: the coordinator, also when in the case team.
    const canInzage =
      !!household.access && ctx.ability.can("export", as("Case", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId, access: household.access }));
    return {
      household,
      base,
      teamSlug: ctx.team.slug,
      isCoordinatorView: household.access === "coordinator",
      grantUntil,
      canInzage,
      // Handing the household to another team: the coordinator (t.$team.huishoudens.$householdId.overdragen.tsx).
      canTransfer: ctx.ability.can("transfer", as("Household", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })),
    };
  } catch (error) {
    if (error instanceof Response) throw error;
    // A volunteer (no rule on Household) hears 404 like another team: a file never confirms it exists.
    return toHttpError(notFoundWhenForbidden(error));
  }
}

export default function HouseholdLayout() {
  const { household, base, teamSlug, grantUntil, canInzage, canTransfer } = useLoaderData<typeof loader>();
  const tab =
    "rounded-t px-3 py-2 no-underline aria-[current=page]:bg-white aria-[current=page]:font-semibold aria-[current=page]:border aria-[current=page]:border-b-0 aria-[current=page]:border-gray-300";
  return (
    <div className="space-y-4">
      <p>
        <Link to={`/t/${teamSlug}/huishoudens`}>{t.back}</Link>
      </p>
      <h2>
        {t.householdTitle(household.reference, household.initials)} <span className="badge">{t.status[household.status]}</span>
      </h2>
      {household.access ? (
        <>
          <p className="hint">
            {t.accessNote[household.access]}
            {grantUntil ? <strong> {nl.caseworkPrivacy.accessUntil(grantUntil)}</strong> : null}
          </p>
          <nav aria-label={t.householdTitle(household.reference, household.initials)} className="flex flex-wrap gap-1 border-b border-gray-300">
            <NavLink end to={base} className={tab}>
              {t.tabs.summary}
            </NavLink>
            <NavLink to={`${base}/plan`} className={tab}>
              {t.tabs.plan}
            </NavLink>
            <NavLink to={`${base}/zrm`} className={tab}>
              {t.tabs.zrm}
            </NavLink>
            <NavLink to={`${base}/verwijzingen`} className={tab}>
              {t.tabs.referrals}
            </NavLink>
            <NavLink to={`${base}/afsluiten`} className={tab}>
              {t.tabs.closing}
            </NavLink>
            {canInzage ? (
              <NavLink to={`${base}/inzage`} className={tab}>
                {t.tabs.privacy}
              </NavLink>
            ) : null}
            {canTransfer ? (
              <NavLink to={`${base}/overdragen`} className={tab}>
                {nl.transfers.householdTab}
              </NavLink>
            ) : null}
          </nav>
        </>
      ) : null}
      <Outlet />
    </div>
  );
}
