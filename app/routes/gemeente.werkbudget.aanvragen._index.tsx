// The controller's list of all teams' requests. By default the approval
// queue: the requests waiting for a decision, the one waiting longest first.
// Filters as Dutch query parameters: status, team, jaar, van, tot, pagina.
// status=evaluatie-te-laat: settled requests whose evaluation date has passed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/confirm";
import { FilterDate, FilterForm, FilterSelect } from "~/components/filters";
import { EvaluationOverdueBadge, StatusBadge } from "~/components/spend-detail";
import { requireMunicipalityContext } from "~/context.server";
import { SPEND_STATUSES, WAITING_STATUSES, listSpends, workbudgetFilterOptions, type SpendStatus } from "~/core/workbudget.server";
import { isDomainError } from "~/core/common.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { pageParam, toHttpError } from "~/lib/http.server";

const t = nl.workbudget;
const q = t.queue;

export const meta: MetaFunction = () => [{ title: `${q.title} – ${t.title} – ${nl.common.appName}` }];

const WAITING = "wachtend";
const ALL = "alle";
const EVALUATION_OVERDUE = "evaluatie-te-laat";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "Spend", context as { ip?: string });
  const params = new URL(request.url).searchParams;
  const values = {
    status: params.get("status") || WAITING,
    team: params.get("team") ?? "",
    jaar: params.get("jaar") ?? "",
    van: params.get("van") ?? "",
    tot: params.get("tot") ?? "",
  };
  const overdueOnly = values.status === EVALUATION_OVERDUE;
  const status: SpendStatus[] = overdueOnly
    ? ["settled"]
    : values.status === WAITING
      ? [...WAITING_STATUSES]
      : values.status === ALL
        ? SPEND_STATUSES.filter((s) => s !== "draft")
        : (SPEND_STATUSES as readonly string[]).includes(values.status)
          ? [values.status as SpendStatus]
          : [...WAITING_STATUSES];
  const waiting = status.every((s) => (WAITING_STATUSES as readonly string[]).includes(s));
  const year = /^\d{4}$/.test(values.jaar) ? Number(values.jaar) : null;
  const options = await workbudgetFilterOptions(ctx).catch(toHttpError);
  const page = pageParam(request);
  try {
    const list = await listSpends(
      ctx,
      { status, teamId: values.team || null, year, from: values.van || null, to: values.tot || null, oldestFirst: waiting, evaluationOverdue: overdueOnly },
      page,
    );
    return { ...list, page: Math.min(page, list.pages), values, waiting, options, invalid: false };
  } catch (e) {
    if (!isDomainError(e) || e.code !== "invalid_input") toHttpError(e);
    return { rows: [], total: 0, pages: 1, page: 1, values, waiting, options, invalid: true };
  }
}

export default function WorkbudgetQueue() {
  const { rows, total, page, pages, values, waiting, options, invalid } = useLoaderData<typeof loader>();
  const search = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== "")).toString();
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/gemeente/werkbudget${values.jaar ? `?jaar=${values.jaar}` : ""}`}>← {t.title}</Link>
      </p>
      <h1>{q.title}</h1>
      <p>{q.intro}</p>

      <FilterForm id="queue-filters" invalid={invalid} clearTo="/gemeente/werkbudget/aanvragen" columns={5}>
        <FilterSelect
          id="q-status"
          name="status"
          label={t.filters.status}
          value={values.status}
          options={[
            { value: WAITING, label: t.filters.waiting },
            { value: ALL, label: t.filters.allStatuses },
            { value: EVALUATION_OVERDUE, label: nl.spends.evaluationOverdueOption },
            ...Object.entries(nl.spends.statuses).map(([code, label]) => ({ value: code, label })),
          ]}
        />
        <FilterSelect
          id="q-team"
          name="team"
          label={t.filters.team}
          value={values.team}
          anyLabel={t.filters.allTeams}
          options={options.teams.map((team) => ({ value: team.id, label: team.name }))}
        />
        <FilterSelect
          id="q-jaar"
          name="jaar"
          label={t.filters.year}
          value={values.jaar}
          anyLabel={t.filters.allYears}
          options={options.years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <FilterDate id="q-van" name="van" label={t.filters.from} value={values.van} />
        <FilterDate id="q-tot" name="tot" label={t.filters.to} value={values.tot} />
      </FilterForm>

      <p role="status">{invalid ? "" : rows.length === 0 ? q.empty : `${q.count(total)}${waiting ? ` · ${q.oldestFirst}` : ""}`}</p>

      {rows.length > 0 ? (
        // On a phone each request stacks (tailwind.css, .table-stack): reference, team, purpose, status and amount without scrolling sideways.
        <div className="card overflow-x-auto p-0" role="region" aria-labelledby="queue-caption" tabIndex={0}>
          <table className="table table-stack">
            <caption id="queue-caption" className="sr-only">
              {q.caption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{q.colReference}</th>
                <th scope="col">{q.colTeam}</th>
                <th scope="col">{q.colPurpose}</th>
                <th scope="col">{q.colStatus}</th>
                <th scope="col" className="text-right">
                  {q.colAmount}
                </th>
                <th scope="col">{q.colCreated}</th>
                <th scope="col">{q.colUpdated}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="whitespace-nowrap font-normal">
                    <Link to={`/gemeente/werkbudget/aanvragen/${r.id}`}>{r.reference}</Link>
                  </th>
                  <td data-label={q.colTeam}>{r.teamName}</td>
                  <td data-label={q.colPurpose}>{r.purpose || nl.spends.noPurpose}</td>
                  <td data-label={q.colStatus}>
                    <StatusBadge status={r.status} />
                    {r.evaluationOverdue ? <EvaluationOverdueBadge dueOn={r.evaluationDueOn} /> : null}
                  </td>
                  <td data-label={q.colAmount} className="whitespace-nowrap text-right">
                    {formatMoney(r.amountCents)}
                  </td>
                  <td data-label={q.colCreated} className="whitespace-nowrap">
                    {formatDate(r.createdAt)}
                  </td>
                  <td data-label={q.colUpdated} className="whitespace-nowrap">
                    {formatDateTime(r.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <Pagination page={page} pages={pages} search={search} />
    </div>
  );
}
