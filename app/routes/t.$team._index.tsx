import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MyActionItems } from "~/components/workgroup-meetings";
import { listMyActionItems } from "~/core/workgroups.server";
import { listTeamMembers } from "~/core/tenancy.server";
import { requireTeamContext } from "~/context.server";
import { nl } from "~/i18n/nl";
import { formatHours } from "~/lib/format";
import { scrollRegion } from "~/components/data-table";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  // My open action items from workgroups I may still read (the workgroup scope decides).
  return { members: await listTeamMembers(ctx), myActions: await listMyActionItems(ctx) };
}

export default function TeamMembers() {
  const { members, myActions } = useLoaderData<typeof loader>();
  const coordinators = members.filter((m) => m.role === "coordinator");
  const showContracts = members.some((m) => m.contractedHoursPerWeek !== null || m.email !== null);
  return (
    <div className="space-y-6">
      <MyActionItems items={myActions} />
      <section aria-labelledby="coordinator-heading" className="card">
        <h2 id="coordinator-heading">{nl.team.coordinator}</h2>
        {coordinators.length ? (
          <ul className="mt-2">
            {coordinators.map((c) => (
              <li key={c.membershipId}>
                <strong>{c.name}</strong> · {c.partner ?? "–"} · {c.discipline ?? "–"}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2">{nl.team.noCoordinator}</p>
        )}
      </section>
      <section aria-labelledby="members-heading" className="card">
        <h2 id="members-heading">{nl.team.members}</h2>
        {members.length === 0 ? (
          <p className="mt-2">{nl.team.noMembers}</p>
        ) : (
          <div className="mt-2 overflow-x-auto" {...scrollRegion(nl.team.members)}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{nl.team.name}</th>
                  <th scope="col">{nl.team.partner}</th>
                  <th scope="col">{nl.team.discipline}</th>
                  <th scope="col">{nl.team.role}</th>
                  {showContracts ? <th scope="col">{nl.team.hours}</th> : null}
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.membershipId}>
                    <td>
                      {m.name}
                      {m.email ? <div className="hint">{m.email}</div> : null}
                    </td>
                    <td>{m.partner ?? "–"}</td>
                    <td>{m.disciplines.length ? m.disciplines.join(", ") : (m.discipline ?? "–")}</td>
                    <td>{nl.common.roles[m.role]}</td>
                    {showContracts ? <td>{formatHours(m.contractedHoursPerWeek)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
