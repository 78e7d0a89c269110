// /buurt/<buurt> — public: the team that serves this buurt today, how to reach it, and the buurt's streets.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContactBlock, FinderErrorBoundary, SearchForm } from "~/components/team-finder";
import { findBuurt, findTeam } from "~/core/neighbourhood.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { publicData, publicDirectoryFor } from "~/lib/public-directory.server";

const t = nl.finder;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${t.buurtTitle(data.buurt.name)} – ${t.metaTitle}` : t.metaTitle }];
export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const dir = await publicDirectoryFor(request, context);
  const buurt = findBuurt(dir, params.buurt ?? "");
  if (!buurt) throw new Response("Niet gevonden", { status: 404 });
  const team = buurt.teamSlug ? findTeam(dir, buurt.teamSlug) : null;
  return publicData({
    buurt: { name: buurt.name, streets: buurt.streets },
    team: team ? { slug: team.slug, name: team.name, description: team.description, contact: team.contact } : null,
    asOf: dir.asOf,
  });
}

export default function BuurtPage() {
  const { buurt, team, asOf } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="print:hidden">
        <Link to="/buurt">{t.back}</Link>
      </p>
      <h1>{t.buurtTitle(buurt.name)}</h1>
      {team ? (
        <section aria-labelledby="team-heading" className="card space-y-3">
          <p>{t.buurtIntro(buurt.name)}</p>
          <h2 id="team-heading">
            <Link to={`/buurt/team/${team.slug}`}>{`${t.team} ${team.name}`}</Link>
          </h2>
          <ContactBlock contact={team.contact} headingLevel={3} />
        </section>
      ) : (
        <p className="card">{t.noTeam}</p>
      )}
      {buurt.streets.length > 0 ? (
        <section aria-labelledby="streets-heading">
          <h2 id="streets-heading">{t.streetsTitle}</h2>
          <p className="columns-2 text-sm sm:columns-3">
            {buurt.streets.map((s) => (
              <span key={s} className="block">
                {s}
              </span>
            ))}
          </p>
        </section>
      ) : null}
      <p className="hint">
        {t.emergency} {t.asOf(formatDate(asOf))} {t.print}
      </p>
      <SearchForm query="" />
    </div>
  );
}

export const ErrorBoundary = FinderErrorBoundary;
