// /buurt — public, without login: a resident, GP or neighbour types a street
// or buurt and finds the social team that serves it today and how to reach it.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FinderErrorBoundary, SearchForm } from "~/components/team-finder";
import { searchDirectory, MAX_HITS } from "~/core/neighbourhood.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { publicData, publicDirectoryFor } from "~/lib/public-directory.server";

const t = nl.finder;
export const meta: MetaFunction = () => [{ title: `${t.metaTitle} – ${nl.common.appName}` }, { name: "description", content: t.intro }];
export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const dir = await publicDirectoryFor(request, context);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const hits = q ? searchDirectory(dir, q) : [];
  return publicData({
    q,
    hits,
    more: hits.length >= MAX_HITS,
    teams: dir.teams.map((team) => ({ slug: team.slug, name: team.name, buurten: team.buurten.map((b) => b.name) })),
    asOf: dir.asOf,
  });
}

export default function Finder() {
  const { q, hits, more, teams, asOf } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1>{t.title}</h1>
      <p className="text-lg">{t.intro}</p>
      <SearchForm query={q} />
      {q ? (
        <section aria-labelledby="hits-heading" aria-live="polite" className="space-y-2">
          <h2 id="hits-heading">{q.length < 2 ? t.tooShort : hits.length === 0 ? t.noHits(q) : t.hits(hits.length)}</h2>
          {hits.length > 0 ? (
            <ul className="space-y-2">
              {hits.map((h) => (
                <li key={`${h.kind}:${h.name}:${h.buurt.slug}`} className="card">
                  <p className="font-semibold">
                    <Link to={`/buurt/${h.buurt.slug}`}>{h.kind === "street" ? t.streetIn(h.name, h.buurt.name) : t.buurtTitle(h.name)}</Link>
                  </p>
                  {h.team ? (
                    <p>
                      {t.servedBy} <Link to={`/buurt/team/${h.team.slug}`}>{`${t.team} ${h.team.name}`}</Link>
                    </p>
                  ) : (
                    <p>{t.noTeam}</p>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
          {more ? <p className="hint">{t.hitsMore}</p> : null}
        </section>
      ) : null}
      <section aria-labelledby="teams-heading" className="space-y-2">
        <h2 id="teams-heading">{t.allTeams}</h2>
        <p>{t.allTeamsIntro}</p>
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {teams.map((team) => (
            <li key={team.slug} className="card">
              <p className="font-semibold">
                <Link to={`/buurt/team/${team.slug}`}>{`${t.team} ${team.name}`}</Link>
              </p>
              <p className="text-sm">{team.buurten.join(", ")}</p>
            </li>
          ))}
        </ul>
      </section>
      <p className="hint">
        {t.emergency} {t.asOf(formatDate(asOf))}
      </p>
    </div>
  );
}

export const ErrorBoundary = FinderErrorBoundary;
