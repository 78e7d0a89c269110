import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePartnerContext } from "~/context.server";
import { partnerOverview } from "~/core.server";
import { nl } from "~/i18n/nl";
import { formatHours } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.partner.name ?? nl.common.partner}: ${nl.partner.titleSuffix} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requirePartnerContext(request, params.partner, context as { ip?: string });
  const overview = await partnerOverview(ctx);
  return { partner: ctx.partner, overview };
}

export default function PartnerOverviewPage() {
  const { partner, overview } = useLoaderData<typeof loader>();
  const { teams, staff, totals } = overview;
  const teamsWithStaff = teams.filter((t) => t.coordinators + t.members + t.volunteers > 0).length;
  return (
    <div className="space-y-4">
      <h1>{partner.name}</h1>
      <p>{nl.partner.intro}</p>
      {staff.length === 0 ? (
        <p className="card">{nl.partner.empty}</p>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-4">
            <p>{nl.partner.summary(totals.people, teamsWithStaff)}</p>
            <a className="btn btn-secondary" href={`/partner/${partner.slug}/csv`} download={`partner-${partner.slug}.csv`}>
              {nl.partner.downloadCsv}
            </a>
          </div>
          <div className="card overflow-x-auto">
            <table className="table">
              <caption className="pb-2 text-left text-lg font-semibold">{nl.partner.teamsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{nl.partner.team}</th>
                  <th scope="col" className="text-right">{nl.partner.coordinators}</th>
                  <th scope="col" className="text-right">{nl.partner.members}</th>
                  <th scope="col" className="text-right">{nl.partner.volunteers}</th>
                  <th scope="col" className="text-right">{nl.partner.hours}</th>
                </tr>
              </thead>
              <tbody>
                {teams.map((t) => (
                  <tr key={t.slug}>
                    <th scope="row" className="font-normal">{t.name}</th>
                    <td className="text-right">{t.coordinators}</td>
                    <td className="text-right">{t.members}</td>
                    <td className="text-right">{t.volunteers}</td>
                    <td className="text-right">{formatHours(t.contractedHours)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="font-semibold">
                  <th scope="row">{nl.partner.total}</th>
                  <td className="text-right">{totals.coordinators}</td>
                  <td className="text-right">{totals.members}</td>
                  <td className="text-right">{totals.volunteers}</td>
                  <td className="text-right">{formatHours(totals.contractedHours)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <div className="card overflow-x-auto">
            <table className="table">
              <caption className="pb-2 text-left text-lg font-semibold">{nl.partner.staffCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{nl.partner.name}</th>
                  <th scope="col">{nl.partner.discipline}</th>
                  <th scope="col">{nl.partner.team}</th>
                  <th scope="col">{nl.partner.role}</th>
                  <th scope="col" className="text-right">{nl.partner.hours}</th>
                </tr>
              </thead>
              <tbody>
                {staff.map((s, i) => (
                  <tr key={`${s.teamSlug}-${i}`}>
                    <th scope="row" className="font-normal">{s.name}</th>
                    <td>{s.discipline ?? "–"}</td>
                    <td>{s.teamName}</td>
                    <td>{nl.common.roles[s.role]}</td>
                    <td className="text-right">{formatHours(s.contractedHours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
