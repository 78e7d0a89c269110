// The city-wide business case (controller, research office): every team's
// costs against the workbudget's realised returns and the avoided costs
// recorded at closing, for one year (?jaar=2026), printable, with CSV.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { BusinessCaseReport } from "~/components/business-case-report";
import { BusinessCaseYearForm } from "~/components/business-case-year";
import { requireMunicipalityContext } from "~/context.server";
import { cityBusinessCase } from "~/core/business-case.server";
import { nl } from "~/i18n/nl";
import { thisYearInAmsterdam } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.businessCase;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "BusinessCase", context as { ip?: string });
  const year = new URL(request.url).searchParams.get("jaar") || String(thisYearInAmsterdam());
  const bc = await cityBusinessCase(ctx, year).catch(toHttpError);
  const municipalityId = ctx.actor.municipalityId;
  return { bc, canReadCosts: ctx.ability.can("read", as("TeamCost", { municipalityId })), thisYear: thisYearInAmsterdam() };
}

export default function CityBusinessCase() {
  const { bc, canReadCosts, thisYear } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>{t.title}</h1>
      <p className="max-w-3xl">{t.intro}</p>
      <div className="flex flex-wrap items-end gap-4 print:hidden">
        <BusinessCaseYearForm year={bc.year} first={bc.years.first} last={thisYear + 1} />
        <a href={`/gemeente/business-case.csv?jaar=${bc.year}`} download>
          {t.csv}
        </a>
        {canReadCosts ? <Link to={`/gemeente/business-case/kosten?jaar=${bc.year}`}>{t.costsLink}</Link> : null}
      </div>
      <BusinessCaseReport bc={bc} />
    </div>
  );
}
