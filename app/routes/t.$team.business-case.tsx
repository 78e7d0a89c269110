// A team's own business case (its coordinator): the team's costs against its
// realised workbudget returns and the avoided costs it recorded at closing,
// with the number of closed households per norm (inside the team only).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BusinessCaseReport } from "~/components/business-case-report";
import { BusinessCaseYearForm } from "~/components/business-case-year";
import { requireTeamContext } from "~/context.server";
import { teamBusinessCase } from "~/core/business-case.server";
import { nl } from "~/i18n/nl";
import { thisYearInAmsterdam } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.businessCase;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const year = new URL(request.url).searchParams.get("jaar") || String(thisYearInAmsterdam());
  const bc = await teamBusinessCase(ctx, year).catch(toHttpError);
  return { bc, team: ctx.team.name, slug: ctx.team.slug, thisYear: thisYearInAmsterdam() };
}

export default function TeamBusinessCase() {
  const { bc, team, slug, thisYear } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h2>{t.teamTitle(team)}</h2>
      <p className="max-w-3xl">{t.intro}</p>
      <div className="flex flex-wrap items-end gap-4 print:hidden">
        <BusinessCaseYearForm year={bc.year} first={bc.years.first} last={thisYear + 1} />
        <a href={`/t/${slug}/business-case.csv?jaar=${bc.year}`} download>
          {t.csv}
        </a>
      </div>
      <BusinessCaseReport bc={bc} />
    </div>
  );
}
