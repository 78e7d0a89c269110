// The team's workbudget requests: a member sees their own, the coordinator
// the whole team's (the CASL rules decide, in listSpends). A status filter
// (including "evaluation late"), a notice when evaluations are late, the
// totals per status of what is listed, and a link to a new request.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { Pagination } from "~/components/confirm";
import { EvaluationOverdueBadge, StatusBadge, statusLabel } from "~/components/spend-detail";
import { forbiddenResponse, requireTeamContext } from "~/context.server";
import { SPEND_STATUSES, UNCOUNTED_STATUSES, listSpends, spendStatusTotals, type SpendStatus } from "~/core/workbudget.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatMoney } from "~/lib/format";
import { pageParam, toHttpError } from "~/lib/http.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.spends;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

/** The status filter's extra choice: settled requests whose evaluation date has passed. */
const EVALUATION_OVERDUE = "evaluatie-te-laat";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const own = as("Spend", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, authorId: ctx.user.id });
  const canCreate = ctx.ability.can("create", own);
  // Volunteers have no rules on Spend at all: the workbudget does not exist for them.
  if (!canCreate && !ctx.ability.can("read", own)) throw forbiddenResponse(); // own team, no workbudget (a volunteer): 403
  // Someone else's request in this team: readable only for the coordinator.
  const seesTeam = ctx.ability.can(
    "read",
    as("Spend", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, authorId: "00000000-0000-0000-0000-000000000000" }),
  );

  const url = new URL(request.url);
  const requested = url.searchParams.get("status") ?? "";
  const overdueOnly = requested === EVALUATION_OVERDUE;
  const status = overdueOnly ? "settled" : (SPEND_STATUSES as readonly string[]).includes(requested) ? (requested as SpendStatus) : null;
  const filters = { status: status ? [status] : [], evaluationOverdue: overdueOnly };
  const page = pageParam(request);
  const list = await listSpends(ctx, filters, page).catch(toHttpError);
  // The late evaluations among what this user may read (own, or the team's for the coordinator).
  const overdueCount = overdueOnly ? list.total : (await listSpends(ctx, { status: ["settled"], evaluationOverdue: true }).catch(toHttpError)).total;

  // Over every matching request (not just this page), in one aggregate query with the list's own filters.
  const totals = await spendStatusTotals(ctx, filters).catch(toHttpError);
  // Drafts and withdrawn requests are listed, but are not requests in any total (as on the controller's dashboard).
  const uncounted = (status: string) => (UNCOUNTED_STATUSES as readonly string[]).includes(status);

  return {
    team: { slug: ctx.team.slug },
    canCreate,
    seesTeam,
    status: overdueOnly ? EVALUATION_OVERDUE : status,
    overdueCount,
    rows: list.rows,
    total: list.total,
    page,
    pages: list.pages,
    totals: {
      requests: totals.requests,
      counted: totals.perStatus.filter((x) => !uncounted(x.status)),
      notCounted: totals.perStatus.filter((x) => uncounted(x.status)),
    },
  };
}

export default function WorkbudgetList() {
  const { team, canCreate, seesTeam, status, overdueCount, rows, total, page, pages, totals } = useLoaderData<typeof loader>();
  const location = useLocation();
  const { counted, notCounted } = totals;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2>{seesTeam ? t.listTitleTeam : t.listTitleOwn}</h2>
          <p className="hint">{seesTeam ? t.listIntroTeam : t.listIntroOwn}</p>
        </div>
        {canCreate ? (
          <Link to={`/t/${team.slug}/werkbudget/nieuw`} className="btn">
            {t.newRequest}
          </Link>
        ) : null}
      </div>

      {overdueCount > 0 && status !== EVALUATION_OVERDUE ? (
        <p className="alert alert-info" id="evaluation-overdue-notice">
          {t.evaluationOverdueNotice(overdueCount)} <Link to={`/t/${team.slug}/werkbudget?status=${EVALUATION_OVERDUE}`}>{t.evaluationOverdueShow}</Link>
        </p>
      ) : null}

      <section aria-labelledby="spend-filter-title" className="card">
        <h3 id="spend-filter-title">{t.filterTitle}</h3>
        <Form method="get" className="mt-2 flex flex-wrap items-end gap-3">
          <div className="field mb-0">
            <label htmlFor="status-filter">{t.filterStatus}</label>
            <select id="status-filter" name="status" defaultValue={status ?? ""} className="input">
              <option value="">{t.allStatuses}</option>
              {Object.keys(t.statuses).map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
              <option value={EVALUATION_OVERDUE}>{t.evaluationOverdueOption}</option>
            </select>
          </div>
          <button type="submit" className="btn btn-secondary">
            {t.filter}
          </button>
          {status ? <Link to={`/t/${team.slug}/werkbudget`}>{t.resetFilter}</Link> : null}
        </Form>
      </section>

      {rows.length === 0 ? (
        <p className="card">{status === EVALUATION_OVERDUE ? t.emptyEvaluationOverdue : status ? t.emptyFiltered : t.empty}</p>
      ) : (
        <>
          <section aria-labelledby="spend-totals-title" className="card">
            <h3 id="spend-totals-title">{t.totalsTitle}</h3>
            <div className="mt-2 overflow-x-auto" {...scrollRegion(t.totalsCaption)}>
              <table className="table">
                <caption className="sr-only">{t.totalsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.col.status}</th>
                    <th scope="col" className="text-right">
                      {t.totalsCount}
                    </th>
                    <th scope="col" className="text-right">
                      {t.totalsAmount}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {counted.map((x) => (
                    <tr key={x.status}>
                      <th scope="row" className="font-normal">
                        {statusLabel(x.status)}
                      </th>
                      <td className="text-right">{x.count}</td>
                      <td className="text-right">{formatMoney(x.amountCents)}</td>
                    </tr>
                  ))}
                  {counted.length > 0 ? (
                    <tr id="spend-totals-requests">
                      <th scope="row">{t.totalsAll}</th>
                      <td className="text-right font-semibold">{totals.requests.count}</td>
                      <td className="text-right font-semibold">{formatMoney(totals.requests.amountCents)}</td>
                    </tr>
                  ) : null}
                  {notCounted.map((x) => (
                    <tr key={x.status}>
                      <th scope="row" className="font-normal">
                        {t.totalsNotCounted(statusLabel(x.status))}
                      </th>
                      <td className="text-right">{x.count}</td>
                      <td className="text-right">{formatMoney(x.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="spend-list-title" className="card space-y-3">
            <h3 id="spend-list-title">{t.listCaption}</h3>
            <p className="hint">{nl.common.resultCount(total)}</p>
            {/* On a phone each request stacks (tailwind.css, .table-stack): reference, status and amount first. */}
            <table className="table table-stack">
              <thead>
                <tr>
                  <th scope="col">{t.col.reference}</th>
                  <th scope="col">{t.col.purpose}</th>
                  {seesTeam ? <th scope="col">{t.col.author}</th> : null}
                  <th scope="col">{t.col.status}</th>
                  <th scope="col" className="text-right">
                    {t.col.amount}
                  </th>
                  <th scope="col">{t.col.neededOn}</th>
                  <th scope="col">{t.col.createdAt}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/t/${team.slug}/werkbudget/${r.id}`}>{r.reference}</Link>
                    </th>
                    <td data-label={t.col.purpose}>{r.purpose || t.noPurpose}</td>
                    {seesTeam ? <td data-label={t.col.author}>{r.authorName}</td> : null}
                    <td data-label={t.col.status}>
                      <StatusBadge status={r.status} />
                      {r.evaluationOverdue ? <EvaluationOverdueBadge dueOn={r.evaluationDueOn} /> : null}
                    </td>
                    <td data-label={t.col.amount} className="text-right">
                      {formatMoney(r.amountCents)}
                    </td>
                    <td data-label={t.col.neededOn}>{formatDate(r.neededOn) || "–"}</td>
                    <td data-label={t.col.createdAt}>{formatDate(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination page={page} pages={pages} search={location.search} />
          </section>
        </>
      )}
    </div>
  );
}
