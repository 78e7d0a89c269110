import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listTeamBuurten } from "~/core/tenancy.server";
import { requireTeamContext } from "~/context.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  return { buurten: await listTeamBuurten(ctx) };
}

export default function TeamBuurten() {
  const { buurten } = useLoaderData<typeof loader>();
  const number = new Intl.NumberFormat("nl-NL");
  return (
    <section aria-labelledby="buurten-heading" className="card">
      <h2 id="buurten-heading">{nl.team.buurten}</h2>
      <p className="hint">{nl.team.buurtenIntro}</p>
      {buurten.length === 0 ? (
        <p className="mt-2">{nl.team.noBuurten}</p>
      ) : (
        <table className="table mt-2">
          <thead>
            <tr>
              <th scope="col">{nl.team.name}</th>
              <th scope="col">{nl.team.residents}</th>
              <th scope="col">{nl.team.since}</th>
            </tr>
          </thead>
          <tbody>
            {buurten.map((b) => (
              <tr key={b.id}>
                <td>{b.name}</td>
                <td>{b.residents === null ? nl.team.unknown : number.format(b.residents)}</td>
                <td>{formatDate(b.validFrom)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
