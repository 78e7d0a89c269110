import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { requireMunicipalityContext } from "~/context.server";
import { TeamStaffingTable } from "~/components/team-staffing";
import { MyActionItems } from "~/components/workgroup-meetings";
import { listMyActionItems } from "~/core/workgroups.server";
import { municipalityOverview } from "~/core/tenancy.server";
import { nl } from "~/i18n/nl";

export const meta: MetaFunction = () => [{ title: `${nl.municipality.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "MunicipalityOverview", context as { ip?: string });
  return {
    teams: await municipalityOverview(ctx),
    canReadBudget: ctx.ability.can("read", as("Budget", { municipalityId: ctx.user.municipalityId })),
    canReadAgreements: ctx.ability.can("read", as("Agreement", { municipalityId: ctx.user.municipalityId })),
    canReadFigures: ctx.ability.can("read", as("CaseworkFigures", { municipalityId: ctx.user.municipalityId })),
    canReadBuurtservice: ctx.ability.can("read", as("BuurtserviceCounts", { municipalityId: ctx.user.municipalityId })),
    canReadBusinessCase: ctx.ability.can("read", as("BusinessCase", { municipalityId: ctx.user.municipalityId })),
    // Action items from workgroups they are in: this is their home page.
    myActions: await listMyActionItems(ctx),
  };
}

export default function MunicipalityOverview() {
  const { teams, canReadBudget, canReadAgreements, canReadFigures, canReadBuurtservice, canReadBusinessCase, myActions } = useLoaderData<typeof loader>();
  const n = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
  const sum = (k: "buurten" | "coordinators" | "members" | "volunteers" | "contractedHours") => teams.reduce((a, t) => a + t[k], 0);
  return (
    <div className="space-y-4">
      <h1>{nl.municipality.title}</h1>
      <p>{nl.municipality.intro}</p>
      {myActions.length > 0 ? <MyActionItems items={myActions} /> : null}
      {canReadBudget ? (
        <p className="card">
          <Link to="/gemeente/werkbudget" className="font-semibold">
            {nl.workbudget.linkFromMunicipality}
          </Link>
          <span className="hint block">{nl.workbudget.linkFromMunicipalityHint}</span>
        </p>
      ) : null}
      {canReadFigures ? (
        <p className="card">
          <Link to="/gemeente/cijfers" className="font-semibold">
            {nl.figuresPages.linkFromMunicipality}
          </Link>
          <span className="hint block">{nl.figuresPages.linkFromMunicipalityHint}</span>
        </p>
      ) : null}
      {canReadBusinessCase ? (
        <p className="card">
          <Link to="/gemeente/business-case" className="font-semibold">
            {nl.businessCase.title}
          </Link>
        </p>
      ) : null}
      {canReadAgreements ? (
        <p className="card">
          <Link to="/gemeente/partners" className="font-semibold">
            {nl.municipalityPartners.title}
          </Link>
        </p>
      ) : null}
      {canReadBuurtservice ? (
        <p className="card">
          <Link to="/buurtservice" className="font-semibold">
            {nl.buurtservice.cityTitle}
          </Link>
        </p>
      ) : null}
      {teams.length === 0 ? (
        <p className="card">{nl.municipality.empty}</p>
      ) : (
        <TeamStaffingTable
          label={nl.municipality.title}
          labels={nl.municipality}
          teams={teams}
          totals={{
            buurten: sum("buurten"),
            coordinators: sum("coordinators"),
            members: sum("members"),
            volunteers: sum("volunteers"),
            contractedHours: sum("contractedHours"),
          }}
          formatHours={(h) => n.format(h)}
        />
      )}
    </div>
  );
}
