import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { HoursChart } from "~/components/hours-chart";
import { requirePartnerContext } from "~/context.server";
import { ACTIVITY_KINDS, partnerDashboard, partnerOverview, type MonthCell } from "~/core.server";
import { nl } from "~/i18n/nl";
import { formatHours } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.partner.name ?? nl.common.partner}: ${nl.partner.titleSuffix} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requirePartnerContext(request, params.partner, context as { ip?: string });
  const yearParam = new URL(request.url).searchParams.get("jaar");
  const year = yearParam && /^\d{4}$/.test(yearParam) ? Number(yearParam) : undefined;
  // The staff list (placements) and the hours dashboard: counts and hours only.
  const [overview, dashboard] = await Promise.all([partnerOverview(ctx), partnerDashboard(ctx, { year }).catch(toHttpError)]);
  return { partner: ctx.partner, overview, dashboard, kinds: [...ACTIVITY_KINDS] };
}

const percent = new Intl.NumberFormat("nl-NL", { style: "percent", maximumFractionDigits: 0 });
const share = (registered: number, agreed: number) => (agreed > 0 ? percent.format(registered / agreed) : "–");

export default function PartnerOverviewPage() {
  const { partner, overview, dashboard, kinds } = useLoaderData<typeof loader>();
  const { teams, staff, totals } = overview;
  const teamsWithStaff = teams.filter((t) => t.coordinators + t.members + t.volunteers > 0).length;
  return (
    <div className="space-y-4">
      <h1>{partner.name}</h1>
      <p>{nl.partner.intro}</p>
      <HoursDashboard slug={partner.slug} dashboard={dashboard} kinds={kinds} />
      <h2>{nl.partner.staffHeading}</h2>
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

type Dashboard = ReturnType<typeof useLoaderData<typeof loader>>["dashboard"];

function MonthTable({ caption, months }: { caption: string; months: MonthCell[] }) {
  const t = nl.partnerDashboard;
  const sum = (f: (c: MonthCell) => number) => months.reduce((a, c) => a + f(c), 0);
  return (
    <table className="table">
      <caption className="pb-2 text-left text-lg font-semibold">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.month}</th>
          <th scope="col" className="text-right">{t.agreed}</th>
          <th scope="col" className="text-right">{t.registered}</th>
          <th scope="col" className="text-right">{t.share}</th>
          <th scope="col" className="text-right">{t.people}</th>
          <th scope="col" className="text-right">{t.missingWeeks}</th>
          <th scope="col" className="text-right">{t.requests}</th>
        </tr>
      </thead>
      <tbody>
        {months.map((c) => (
          <tr key={c.month}>
            <th scope="row" className="font-normal">{t.months[c.month - 1]}</th>
            <td className="text-right">{formatHours(c.agreed)}</td>
            <td className="text-right">{formatHours(c.registered)}</td>
            <td className="text-right">{share(c.registered, c.agreed)}</td>
            <td className="text-right">{c.people}</td>
            <td className="text-right">{c.missingWeeks}</td>
            <td className="text-right">{c.requests ?? "–"}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="font-semibold">
          <th scope="row">{t.total}</th>
          <td className="text-right">{formatHours(sum((c) => c.agreed))}</td>
          <td className="text-right">{formatHours(sum((c) => c.registered))}</td>
          <td className="text-right">{share(sum((c) => c.registered), sum((c) => c.agreed))}</td>
          <td />
          <td className="text-right">{sum((c) => c.missingWeeks)}</td>
          <td className="text-right">{sum((c) => c.requests ?? 0)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function HoursDashboard({ slug, dashboard: d, kinds }: { slug: string; dashboard: Dashboard; kinds: (keyof MonthCell["activity"])[] }) {
  const t = nl.partnerDashboard;
  const activityTotal = kinds.reduce((a, k) => a + d.totals.activity[k], 0);
  const gaps = d.gaps.agreementWithoutPeople.length + d.gaps.missingRegistrations.length;
  return (
    <section aria-labelledby="hours-heading" className="space-y-4">
      <h2 id="hours-heading">{t.hoursTitle(d.year)}</h2>
      <nav aria-label={t.yearNav} className="flex gap-4">
        <Link to={`/partner/${slug}?jaar=${d.year - 1}`}>{t.previousYear(d.year - 1)}</Link>
        <Link to={`/partner/${slug}?jaar=${d.year + 1}`}>{t.nextYear(d.year + 1)}</Link>
      </nav>
      <p>{t.hoursIntro}</p>
      <div className="card">
        <HoursChart id="hours-chart" title={t.chartTitle(d.year)} summary={t.chartSummary(formatHours(d.totals.agreed), formatHours(d.totals.registered))} months={d.trend} />
      </div>
      <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label={t.trendCaption}>
        <MonthTable caption={t.trendCaption} months={d.trend} />
      </div>
      <section aria-labelledby="gaps-heading" className="card">
        <h3 id="gaps-heading">{t.gapsTitle}</h3>
        {gaps === 0 ? (
          <p>{t.noGaps}</p>
        ) : (
          <ul className="list-disc pl-6">
            {d.gaps.agreementWithoutPeople.map((team) => (
              <li key={`a-${team}`}>{t.agreementWithoutPeople(team)}</li>
            ))}
            {d.gaps.missingRegistrations.map((g) => (
              <li key={`m-${g.team}`}>{t.missingRegistrations(g.team, g.weeks)}</li>
            ))}
          </ul>
        )}
      </section>
      <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label={t.teamsCaption(d.year)}>
        <table className="table">
          <caption className="pb-2 text-left text-lg font-semibold">{t.teamsCaption(d.year)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.team}</th>
              <th scope="col" className="text-right">{t.placed}</th>
              <th scope="col" className="text-right">{t.contracted}</th>
              <th scope="col" className="text-right">{t.agreedPerWeek}</th>
              <th scope="col" className="text-right">{t.agreed}</th>
              <th scope="col" className="text-right">{t.registered}</th>
              <th scope="col" className="text-right">{t.share}</th>
              <th scope="col" className="text-right">{t.missingWeeks}</th>
              <th scope="col" className="text-right">{t.requests}</th>
              <th scope="col" className="text-right">{t.workgroups}</th>
            </tr>
          </thead>
          <tbody>
            {d.teams.map((team) => (
              <tr key={team.slug}>
                <th scope="row" className="font-normal">{team.name}</th>
                <td className="text-right">{team.placed}</td>
                <td className="text-right">{formatHours(team.contracted)}</td>
                <td className="text-right">{formatHours(team.agreedPerWeek)}</td>
                <td className="text-right">{formatHours(team.year.agreed)}</td>
                <td className="text-right">{formatHours(team.year.registered)}</td>
                <td className="text-right">{share(team.year.registered, team.year.agreed)}</td>
                <td className="text-right">{team.year.missingWeeks}</td>
                <td className="text-right">{team.year.requests}</td>
                <td className="text-right">{team.year.workgroups}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint mt-2">{t.workgroupsNote}</p>
      </div>
      <div className="card overflow-x-auto">
        <table className="table">
          <caption className="pb-2 text-left text-lg font-semibold">{t.activityCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{nl.timeRegistration.activity}</th>
              <th scope="col" className="text-right">{nl.timeRegistration.hours}</th>
              <th scope="col" className="text-right">{nl.timeRegistration.share}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k}>
                <th scope="row" className="font-normal">{nl.timeRegistration.kinds[k]}</th>
                <td className="text-right">{formatHours(d.totals.activity[k])}</td>
                <td className="text-right">{activityTotal ? percent.format(d.totals.activity[k] / activityTotal) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.teams
        .filter((team) => team.year.agreed > 0 || team.year.registered > 0 || team.placed > 0)
        .map((team) => (
          <details key={team.slug} className="card">
            <summary className="cursor-pointer font-semibold">{t.teamMonths(team.name)}</summary>
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t.teamMonths(team.name)}>
              <MonthTable caption={t.teamMonths(team.name)} months={team.months} />
            </div>
          </details>
        ))}
    </section>
  );
}
