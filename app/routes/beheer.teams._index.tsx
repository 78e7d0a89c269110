// The functional admin's list of teams, ended ones included.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireMunicipalityContext } from "~/context.server";
import { listTeams } from "~/core.server";
import { nl } from "~/i18n/nl";
import { formatDate, todayInAmsterdam } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.adminTeams;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Team", context as { ip?: string });
  const teams = await listTeams(ctx).catch(toHttpError);
  const now = todayInAmsterdam();
  return {
    teams: teams.map((r) => ({ ...r, status: r.activeFrom > now ? "planned" : r.activeTo !== null && r.activeTo < now ? "ended" : "active" })),
  };
}

export default function AdminTeams() {
  const { teams } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const created = teams.find((r) => r.id === params.get("aangemaakt"));
  return (
    <div className="space-y-4">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {created ? (
        <p role="status" className="alert alert-success">
          {t.created(created.name)}
        </p>
      ) : null}
      <p>
        <Link to="/beheer/teams/nieuw" className="btn">
          {t.newTeam}
        </Link>
      </p>
      {teams.length === 0 ? (
        <p className="card">{t.empty}</p>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table">
            <caption className="sr-only">{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.slug}</th>
                <th scope="col">{t.period}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.buurten}</th>
                <th scope="col">{t.members}</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="text-left font-normal">
                    <Link to={`/beheer/teams/${r.id}`}>{r.name}</Link>
                  </th>
                  <td>{r.slug}</td>
                  <td>{r.activeTo ? t.range(formatDate(r.activeFrom), formatDate(r.activeTo)) : t.since(formatDate(r.activeFrom))}</td>
                  <td>
                    <span className="badge">{t.statuses[r.status]}</span>
                  </td>
                  <td>{r.buurtCount}</td>
                  <td>{r.memberCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
