// The coordinator's view of the team's time registrations: hours per member
// per week over the last eight completed weeks, missing weeks marked, and
// the team's activity mix. Hours only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ActivityShareTable } from "~/components/hours-chart";
import { requireTeamContext } from "~/context.server";
import { ACTIVITY_KINDS, teamTimeOverview } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { formatHours, formatWeek } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.timeRegistration;
const WEEKS = 8;

export const meta: MetaFunction = () => [{ title: `${t.overviewTitle} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  return { overview: await teamTimeOverview(ctx, { weeks: WEEKS }).catch(toHttpError), kinds: [...ACTIVITY_KINDS] };
}

export default function TeamHoursOverview() {
  const { overview, kinds } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="overview-heading" className="space-y-4">
      <h2 id="overview-heading">{t.overviewTitle}</h2>
      <p>{t.overviewIntro(WEEKS)}</p>
      <p role="status">{t.missingSummary(overview.missingTotal)}</p>
      {overview.people.length === 0 ? (
        <p className="card">{t.noPeople}</p>
      ) : (
        <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label={t.overviewTitle}>
          <table className="table">
            <caption className="pb-2 text-left text-lg font-semibold">{t.overviewTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.person}</th>
                <th scope="col" className="text-right">
                  {t.contract}
                </th>
                {overview.weeks.map((w) => (
                  <th key={w.week} scope="col" className="text-right">
                    <span aria-hidden="true">{t.weekColumn(Number(w.week.slice(6)))}</span>
                    <span className="sr-only">{t.weekColumnLabel(formatWeek(w.weekStart))}</span>
                  </th>
                ))}
                <th scope="col" className="text-right">
                  {t.missingWeeks}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.people.map((p) => (
                <tr key={p.userId}>
                  <th scope="row" className="font-normal">
                    {p.name}
                    {p.discipline ? <span className="hint block">{p.discipline}</span> : null}
                  </th>
                  <td className="text-right">{formatHours(p.contractedHours)}</td>
                  {p.cells.map((c) => (
                    <td key={c.week} className="text-right">
                      {c.total !== null ? formatHours(c.total) : c.expected ? <span className="font-semibold text-red-800">{t.missing}</span> : t.notExpected}
                    </td>
                  ))}
                  <td className="text-right">{p.missing}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ActivityShareTable caption={t.activityCaption} kinds={kinds} hours={overview.activityTotals} />
    </section>
  );
}
