import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { z } from "zod";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { ActivityShareTable, HoursChart } from "~/components/hours-chart";
import { TeamStaffingTable } from "~/components/team-staffing";
import { MyActionItems } from "~/components/workgroup-meetings";
import { requirePartnerContext } from "~/context.server";
import {
  ACTIVITY_KINDS,
  listProposals,
  partnerDashboard,
  partnerOverview,
  proposalTeamOptions,
  proposeInvitation,
  type MonthCell,
} from "~/core/partners.server";
import { listMyActionItems } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatHours, formatPercent } from "~/lib/format";
import { runForForm, toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { scrollRegion } from "~/components/data-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.partner.name ?? nl.common.partner}: ${nl.partner.titleSuffix} – ${nl.common.appName}` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requirePartnerContext(request, params.partner, context as { ip?: string });
  const yearParam = new URL(request.url).searchParams.get("jaar");
  const year = yearParam && /^\d{4}$/.test(yearParam) ? Number(yearParam) : undefined;
  // The staff list (placements) and the hours dashboard: counts and hours only.
  const [overview, dashboard] = await Promise.all([partnerOverview(ctx), partnerDashboard(ctx, { year }).catch(toHttpError)]);
  // Proposing staff for a team (the coordinator confirms): only for who may.
  const mayPropose = ctx.ability.can(
    "create",
    as("Invitation", { municipalityId: ctx.user.municipalityId, partnerId: ctx.partner.id, role: "member", confirmation: "awaiting" }),
  );
  const [proposalTeams, proposals] = mayPropose ? await Promise.all([proposalTeamOptions(ctx), listProposals(ctx)]) : [[], []];
  // Action items from workgroups the manager is in: this is their home page.
  const myActions = await listMyActionItems(ctx);
  return { partner: ctx.partner, overview, dashboard, kinds: [...ACTIVITY_KINDS], mayPropose, proposalTeams, proposals, myActions };
}

const pp = nl.partnerProposals;
const proposalSchema = z.object({
  teamId: z.string({ required_error: pp.teamRequired }).uuid(pp.teamRequired),
  email: z.string({ required_error: pp.emailRequired }).trim().email(pp.emailInvalid),
  name: z.string().trim().max(200, pp.nameTooLong).optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requirePartnerContext(request, params.partner, context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema: proposalSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: null }, { status: 400 });
  const outcome = await runForForm(submission.reply, () => proposeInvitation(ctx, submission.value));
  if (!outcome.ok) return data({ result: outcome.result, sent: null }, { status: outcome.status });
  const teams = await proposalTeamOptions(ctx);
  return {
    result: submission.reply({ resetForm: true }),
    sent: { email: submission.value.email, team: teams.find((t) => t.id === submission.value.teamId)?.name ?? "" },
  };
}

function ProposalSection({
  teams,
  proposals,
}: {
  teams: { id: string; name: string }[];
  proposals: { id: string; email: string; name: string | null; teamName: string; createdAt: string | Date; status: string; declineReason: string | null }[];
}) {
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]> | null; sent: { email: string; team: string } | null } | undefined;
  const [form, fields] = useForm({ lastResult: actionData?.result ?? undefined, shouldValidate: "onSubmit" });
  return (
    <section aria-labelledby="proposal-title" className="space-y-4">
      <div className="card max-w-xl">
        <h2 id="proposal-title">{pp.title}</h2>
        <p>{pp.intro}</p>
        {actionData?.sent ? <SuccessNotice>{pp.sent(actionData.sent.email, actionData.sent.team)}</SuccessNotice> : null}
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <SelectField field={fields.teamId} label={pp.team} options={teams.map((t) => ({ value: t.id, label: t.name }))} placeholder={pp.chooseTeam} />
          <TextField field={fields.email} label={pp.email} type="email" autoComplete="off" />
          <TextField field={fields.name} label={pp.name} autoComplete="off" />
          <SubmitButton pendingText={pp.sending}>{pp.submit}</SubmitButton>
        </Form>
      </div>
      <div className="card overflow-x-auto" {...scrollRegion(pp.listTitle)}>
        {proposals.length === 0 ? (
          <>
            <h3>{pp.listTitle}</h3>
            <p>{pp.empty}</p>
          </>
        ) : (
          <table className="table">
            <caption className="pb-2 text-left text-lg font-semibold">{pp.listTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{pp.person}</th>
                <th scope="col">{pp.team}</th>
                <th scope="col">{pp.created}</th>
                <th scope="col">{pp.status}</th>
                <th scope="col">{pp.reason}</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="font-normal">
                    {p.name ? `${p.name} (${p.email})` : p.email}
                  </th>
                  <td>{p.teamName}</td>
                  <td>{formatDate(p.createdAt)}</td>
                  <td>{pp.statuses[p.status]}</td>
                  <td>{p.declineReason ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

const share = (registered: number, agreed: number) => (agreed > 0 ? formatPercent(registered / agreed) : "–");

export default function PartnerOverviewPage() {
  const { partner, overview, dashboard, kinds, mayPropose, proposalTeams, proposals, myActions } = useLoaderData<typeof loader>();
  const { teams, staff, totals } = overview;
  const teamsWithStaff = teams.filter((t) => t.coordinators + t.members + t.volunteers > 0).length;
  return (
    <div className="space-y-4">
      <h1>{partner.name}</h1>
      <p>{nl.partner.intro}</p>
      <nav aria-label={nl.partner.moreNav} className="flex flex-wrap gap-4">
        <Link to={`/partner/${partner.slug}/producten`}>{nl.partnerProducts.linkLabel}</Link>
        <Link to={`/partner/${partner.slug}/export`}>{nl.partnerExport.linkLabel}</Link>
      </nav>
      {/* The hours lead: agreed against registered per team; then proposing staff; then the details. */}
      <HoursByTeam slug={partner.slug} dashboard={dashboard} />
      {mayPropose ? <ProposalSection teams={proposalTeams} proposals={proposals} /> : null}
      {myActions.length > 0 ? <MyActionItems items={myActions} /> : null}
      <HoursDetails dashboard={dashboard} kinds={kinds} />
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
          <TeamStaffingTable caption={nl.partner.teamsCaption} labels={nl.partner} teams={teams} totals={totals} formatHours={formatHours} />
          <div className="card overflow-x-auto" {...scrollRegion(nl.partner.staffCaption)}>
            <table className="table">
              <caption className="pb-2 text-left text-lg font-semibold">{nl.partner.staffCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{nl.partner.name}</th>
                  <th scope="col">{nl.partner.discipline}</th>
                  <th scope="col">{nl.partner.team}</th>
                  <th scope="col">{nl.partner.role}</th>
                  <th scope="col" className="text-right">
                    {nl.partner.hours}
                  </th>
                </tr>
              </thead>
              <tbody>
                {staff.map((s, i) => (
                  <tr key={`${s.teamSlug}-${i}`}>
                    <th scope="row" className="font-normal">
                      {s.name}
                    </th>
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

/** Column headers of numbers, aligned right like the numbers below them. */
function NumberHeaders({ labels }: { labels: string[] }) {
  return (
    <>
      {labels.map((label) => (
        <th key={label} scope="col" className="text-right">
          {label}
        </th>
      ))}
    </>
  );
}

/** The last three columns of the month and team tables: weeks without registration, requests and workgroups. */
function FollowUpHeaders() {
  const t = nl.partnerDashboard;
  return <NumberHeaders labels={[t.missingWeeks, t.requests, t.workgroups]} />;
}

function MonthTable({ caption, months, workgroups }: { caption: string; months: MonthCell[]; workgroups: number }) {
  const t = nl.partnerDashboard;
  const sum = (f: (c: MonthCell) => number) => months.reduce((a, c) => a + f(c), 0);
  return (
    <table className="table">
      <caption className="pb-2 text-left text-lg font-semibold">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.month}</th>
          <NumberHeaders labels={[t.agreed, t.registered, t.share, t.people]} />
          <FollowUpHeaders />
        </tr>
      </thead>
      <tbody>
        {months.map((c) => (
          <tr key={c.month}>
            <th scope="row" className="font-normal">
              {t.months[c.month - 1]}
            </th>
            <td className="text-right">{formatHours(c.agreed)}</td>
            <td className="text-right">{formatHours(c.registered)}</td>
            <td className="text-right">{share(c.registered, c.agreed)}</td>
            <td className="text-right">{c.people}</td>
            <td className="text-right">{c.missingWeeks}</td>
            <td className="text-right">{c.requests ?? "–"}</td>
            <td className="text-right">{c.workgroups ?? "–"}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="font-semibold">
          <th scope="row">{t.total}</th>
          <td className="text-right">{formatHours(sum((c) => c.agreed))}</td>
          <td className="text-right">{formatHours(sum((c) => c.registered))}</td>
          <td className="text-right">
            {share(
              sum((c) => c.registered),
              sum((c) => c.agreed),
            )}
          </td>
          <td />
          <td className="text-right">{sum((c) => c.missingWeeks)}</td>
          <td className="text-right">{sum((c) => c.requests ?? 0)}</td>
          <td className="text-right">{months.some((c) => c.workgroups !== null) ? workgroups : "–"}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The year's hours per team (agreed against registered) and what needs attention. */
function HoursByTeam({ slug, dashboard: d }: { slug: string; dashboard: Dashboard }) {
  const t = nl.partnerDashboard;
  const gaps = d.gaps.agreementWithoutPeople.length + d.gaps.missingRegistrations.length;
  return (
    <section aria-labelledby="hours-heading" className="space-y-4">
      <h2 id="hours-heading">{t.hoursTitle(d.year)}</h2>
      <nav aria-label={t.yearNav} className="flex gap-4">
        <Link to={`/partner/${slug}?jaar=${d.year - 1}`}>{t.previousYear(d.year - 1)}</Link>
        <Link to={`/partner/${slug}?jaar=${d.year + 1}`}>{t.nextYear(d.year + 1)}</Link>
      </nav>
      <p>{t.hoursIntro}</p>
      <p className="text-lg">{t.yearSummary(formatHours(d.totals.agreed), formatHours(d.totals.registered), share(d.totals.registered, d.totals.agreed))}</p>
      <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label={t.teamsCaption(d.year)}>
        <table className="table">
          <caption className="pb-2 text-left text-lg font-semibold">{t.teamsCaption(d.year)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.team}</th>
              <NumberHeaders labels={[t.agreed, t.registered, t.share, t.placed, t.contracted, t.agreedPerWeek]} />
              <FollowUpHeaders />
            </tr>
          </thead>
          <tbody>
            {d.teams.map((team) => (
              <tr key={team.slug}>
                <th scope="row" className="font-normal">
                  {team.name}
                </th>
                <td className="text-right whitespace-nowrap">{formatHours(team.year.agreed)}</td>
                <td className="text-right whitespace-nowrap">{formatHours(team.year.registered)}</td>
                <td className="text-right">{share(team.year.registered, team.year.agreed)}</td>
                <td className="text-right">{team.placed}</td>
                <td className="text-right whitespace-nowrap">{formatHours(team.contracted)}</td>
                <td className="text-right whitespace-nowrap">{formatHours(team.agreedPerWeek)}</td>
                <td className="text-right">{team.year.missingWeeks}</td>
                <td className="text-right">{team.year.requests}</td>
                <td className="text-right">{team.year.workgroups}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint mt-2">{t.missingWeeksNote}</p>
        <p className="hint mt-2">{t.requestsNote}</p>
        <p className="hint mt-2">{t.workgroupsNote}</p>
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
    </section>
  );
}

/** The year per month (chart and table), the kinds of work, and each team per month. */
function HoursDetails({ dashboard: d, kinds }: { dashboard: Dashboard; kinds: (keyof MonthCell["activity"])[] }) {
  const t = nl.partnerDashboard;
  return (
    <section aria-labelledby="trend-heading" className="space-y-4">
      <h2 id="trend-heading">{t.trendTitle(d.year)}</h2>
      <div className="card">
        <HoursChart
          id="hours-chart"
          title={t.chartTitle(d.year)}
          summary={t.chartSummary(formatHours(d.totals.agreed), formatHours(d.totals.registered))}
          months={d.trend}
        />
      </div>
      <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label={t.trendCaption}>
        <MonthTable caption={t.trendCaption} months={d.trend} workgroups={d.totals.workgroups} />
      </div>
      <ActivityShareTable caption={t.activityCaption} kinds={kinds} hours={d.totals.activity} />
      {d.teams
        .filter((team) => team.year.agreed > 0 || team.year.registered > 0 || team.placed > 0)
        .map((team) => (
          <details key={team.slug} className="card">
            <summary className="cursor-pointer font-semibold">{t.teamMonths(team.name)}</summary>
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t.teamMonths(team.name)}>
              <MonthTable caption={t.teamMonths(team.name)} months={team.months} workgroups={team.year.workgroups} />
            </div>
          </details>
        ))}
    </section>
  );
}
