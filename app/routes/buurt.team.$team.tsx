// /buurt/team/<team> — public: one social team, how to reach it, what it helps with, the buurten it serves today.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContactBlock, FinderErrorBoundary } from "~/components/team-finder";
import { findTeam } from "~/core/neighbourhood.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { publicData, publicDirectoryFor } from "~/lib/public-directory.server";

const t = nl.finder;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${t.team} ${data.team.name} – ${t.metaTitle}` : t.metaTitle }];
export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const dir = await publicDirectoryFor(request, context);
  const team = findTeam(dir, params.team ?? "");
  if (!team) throw new Response("Niet gevonden", { status: 404 });
  return publicData({ team, asOf: dir.asOf });
}

export default function PublicTeamPage() {
  const { team, asOf } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="print:hidden">
        <Link to="/buurt">{t.back}</Link>
      </p>
      <h1>{`${t.team} ${team.name}`}</h1>
      {team.description ? <p className="text-lg">{team.description}</p> : null}
      <section className="card">
        <ContactBlock contact={team.contact} />
      </section>
      <section aria-labelledby="buurten-heading">
        <h2 id="buurten-heading">{t.teamBuurten}</h2>
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {team.buurten.map((b) => (
            <li key={b.slug}>
              <Link to={`/buurt/${b.slug}`}>{b.name}</Link>
            </li>
          ))}
        </ul>
      </section>
      <p className="hint">
        {t.emergency} {t.asOf(formatDate(asOf))} {t.print}
      </p>
    </div>
  );
}

export const ErrorBoundary = FinderErrorBoundary;
