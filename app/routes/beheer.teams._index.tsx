// The functional admin's list of teams, ended ones included.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminListPage } from "~/components/admin-list";
import { requireMunicipalityContext } from "~/context.server";
import { listTeams } from "~/core/tenancy.server";
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
  return (
    <AdminListPage
      text={t}
      newLink={{ to: "/beheer/teams/nieuw", label: t.newTeam }}
      rows={teams}
      columns={[
        { header: t.name, cell: (r) => <Link to={`/beheer/teams/${r.id}`}>{r.name}</Link> },
        { header: t.slug, cell: (r) => r.slug },
        { header: t.period, cell: (r) => (r.activeTo ? t.range(formatDate(r.activeFrom), formatDate(r.activeTo)) : t.since(formatDate(r.activeFrom))) },
        { header: t.status, cell: (r) => <span className="badge">{t.statuses[r.status]}</span> },
        { header: t.buurten, cell: (r) => r.buurtCount },
        { header: t.members, cell: (r) => r.memberCount },
      ]}
    />
  );
}
