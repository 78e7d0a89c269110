// The norm table for the team: the municipality's active norms for the
// expected financial return, read only, for whoever may write a request in
// the team (the request form offers the same norms). The controller keeps
// them at /gemeente/werkbudget/normen.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { DataTable, moneyColumn } from "~/components/data-table";
import { forbiddenResponse, requireTeamContext } from "~/context.server";
import { listNorms } from "~/core/workbudget.server";
import { nl } from "~/i18n/nl";

const t = nl.spends.normTable;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  if (!ctx.ability.can("create", as("Spend", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, authorId: ctx.user.id })))
    throw forbiddenResponse(); // own team, role without the workbudget (a volunteer): 403 (docs/architecture.md, "403 or 404")
  const norms = (await listNorms(ctx))
    .filter((n) => n.active)
    .map((n) => ({ id: n.id, label: n.label, amountCents: n.amountCents, unit: n.unit, source: n.source, isLocalEstimate: n.isLocalEstimate }));
  return { team: { slug: ctx.team.slug }, norms };
}

export default function TeamNormTable() {
  const { team, norms } = useLoaderData<typeof loader>();
  const money = moneyColumn<(typeof norms)[number]>;
  return (
    <div className="space-y-4">
      <p>
        <Link to={`/t/${team.slug}/werkbudget`}>← {nl.spends.back}</Link>
      </p>
      <h2>{t.title}</h2>
      <p>{t.intro}</p>
      <DataTable
        id="team-norms"
        caption={t.caption}
        rows={norms}
        rowKey={(n) => n.id}
        empty={t.empty}
        columns={[
          { header: t.col.label, cell: (n) => (n.isLocalEstimate ? `${n.label} (${t.localEstimate})` : n.label) },
          money(t.col.amount, (n) => n.amountCents),
          { header: t.col.unit, cell: (n) => n.unit },
          { header: t.col.source, cell: (n) => n.source },
        ]}
      />
    </div>
  );
}
