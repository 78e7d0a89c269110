// The budget controller's dashboard of one budget year: key figures from the
// ledger, the burn-down per month (inline SVG with a data table), breakdowns
// per team / life domain / norm, returns, prevented problems, differences with
// other regulations, the queue, and links to the queue, the CSVs and the report.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterDate, FilterForm, FilterSelect } from "~/components/filters";
import { BurnDown, Breakdowns } from "~/components/workbudget-report";
import { requireMunicipalityContext } from "~/context.server";
import { as } from "@wijkwerk/authz";
import { disbursementMode } from "~/core/cards.server";
import { isDomainError } from "~/core/common.server";
import { workbudgetDashboardPage } from "~/core/workbudget.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatMoney, thisYearInAmsterdam } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.workbudget;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "Spend", context as { ip?: string });
  const q = new URL(request.url).searchParams;
  const rawYear = Number(q.get("jaar"));
  const year = Number.isInteger(rawYear) && rawYear >= 2000 && rawYear <= 2100 ? rawYear : thisYearInAmsterdam();
  const values = { jaar: String(year), team: q.get("team") ?? "", van: q.get("van") ?? "", tot: q.get("tot") ?? "" };
  // Links to the team cards and their reconciliation: for who manages cards, when the municipality pays by card.
  const cardsOn =
    ctx.ability.can("read", as("TeamCard", { municipalityId: ctx.actor.municipalityId })) &&
    (await disbursementMode(ctx.db, ctx.actor.municipalityId)) === "stripe_issuing";
  // The dashboard and the filters' choices in one transaction; filters that do not parse show the year unfiltered.
  const page = await workbudgetDashboardPage(ctx, { year, teamId: values.team || null, from: values.van || null, to: values.tot || null }).catch(
    (e: unknown) => {
      if (!isDomainError(e) || e.code !== "invalid_input") toHttpError(e);
      return null;
    },
  );
  const { dashboard, options } = page ?? (await workbudgetDashboardPage(ctx, { year }).catch(toHttpError));
  const years = [...new Set([...options.years, year, thisYearInAmsterdam()])].sort((a, b) => b - a);
  return { dashboard, values, years, teams: options.teams, invalid: page === null, cardsOn };
}

function KeyFigure({ label, cents, hint, id }: { label: string; cents: number; hint?: string; id: string }) {
  return (
    <div className="card">
      <dt id={id} className="font-semibold">
        {label}
      </dt>
      <dd id={`${id}-value`} className="text-2xl font-bold">
        {formatMoney(cents)}
      </dd>
      {hint ? (
        <dd id={`${id}-hint`} className="hint">
          {hint}
        </dd>
      ) : null}
    </div>
  );
}

export default function WorkbudgetDashboardPage() {
  const { dashboard: d, values, years, teams, invalid, cardsOn } = useLoaderData<typeof loader>();
  const year = d.year;
  const csv = (soort: string, komma: boolean) =>
    `/gemeente/werkbudget/export?${new URLSearchParams({ soort, jaar: String(year), ...(komma ? { decimaal: "komma" } : {}) })}`;
  return (
    <div className="space-y-6">
      <p>
        <Link to="/gemeente">← {nl.municipality.title}</Link>
      </p>
      <h1>
        {t.title} {year}
      </h1>
      <p>{t.intro(year)}</p>
      <nav aria-label={t.nav.label} className="flex flex-wrap gap-4">
        <Link to={`/gemeente/werkbudget/aanvragen?jaar=${year}`}>{t.nav.queue}</Link>
        <Link to="/gemeente/werkbudget/normen">{t.nav.norms}</Link>
        <Link to="/gemeente/werkbudget/budgetten">{t.nav.budgets}</Link>
        <Link to={`/gemeente/werkbudget/rapport?jaar=${year}`}>{t.reportLink}</Link>
        {cardsOn ? <Link to="/gemeente/werkbudget/kaarten">{nl.cards.navCards}</Link> : null}
        {cardsOn ? <Link to={`/gemeente/werkbudget/afstemming?jaar=${year}`}>{nl.cards.navRecon}</Link> : null}
      </nav>

      <FilterForm id="wb-filters" invalid={invalid} clearTo="/gemeente/werkbudget" columns={4} note={t.filters.scopeNote}>
        <FilterSelect id="f-jaar" name="jaar" label={t.filters.year} value={values.jaar} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
        <FilterSelect
          id="f-team"
          name="team"
          label={t.filters.team}
          value={values.team}
          anyLabel={t.filters.allTeams}
          options={teams.map((team) => ({ value: team.id, label: team.name }))}
        />
        <FilterDate id="f-van" name="van" label={t.filters.from} value={values.van} />
        <FilterDate id="f-tot" name="tot" label={t.filters.to} value={values.tot} />
      </FilterForm>

      {!d.budget ? (
        <div className="card space-y-2">
          <p>{t.noBudget(year)}</p>
          <Link to="/gemeente/werkbudget/budgetten">{t.createBudget}</Link>
        </div>
      ) : (
        <>
          <section aria-labelledby="key-figures-title" className="space-y-2">
            <h2 id="key-figures-title">{t.keyFigures}</h2>
            {!d.totalsMatchCache ? (
              <p role="alert" className="alert alert-error">
                {t.cacheMismatch}
              </p>
            ) : null}
            <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <KeyFigure id="kf-funded" label={t.funded} cents={d.totals.fundedCents} />
              <KeyFigure id="kf-reserved" label={t.reserved} cents={d.totals.reservedCents} hint={t.reservedHint} />
              <KeyFigure id="kf-paid" label={t.paid} cents={d.totals.paidCents} hint={t.paidHint} />
              <KeyFigure id="kf-available" label={t.available} cents={d.totals.availableCents} hint={t.availableHint} />
            </dl>
          </section>

          <section aria-labelledby="queue-title" className="card space-y-2">
            <h2 id="queue-title">{t.queueTitle}</h2>
            <p>
              {t.queueCount(d.queue.count)} {d.queue.oldestWaitingDays !== null ? t.queueOldest(d.queue.oldestWaitingDays) : null}
            </p>
            <Link to={`/gemeente/werkbudget/aanvragen?jaar=${year}${values.team ? `&team=${values.team}` : ""}`}>{t.toQueue}</Link>
          </section>

          <section aria-labelledby="overdue-evaluations-title" className="card space-y-2">
            <h2 id="overdue-evaluations-title">{t.overdueEvaluationsTitle}</h2>
            <p>
              {t.overdueEvaluationsCount(d.overdueEvaluations.count)}{" "}
              {d.overdueEvaluations.oldestDueOn ? t.overdueEvaluationsOldest(formatDate(d.overdueEvaluations.oldestDueOn)) : null}
            </p>
            {d.overdueEvaluations.count > 0 ? (
              <Link to={`/gemeente/werkbudget/aanvragen?status=evaluatie-te-laat&jaar=${year}${values.team ? `&team=${values.team}` : ""}`}>
                {t.toOverdueEvaluations}
              </Link>
            ) : null}
          </section>

          <section aria-labelledby="burndown-title" className="space-y-2">
            <h2 id="burndown-title">{t.burnDownTitle}</h2>
            <p className="hint">{t.burnDownIntro}</p>
            <div className="card">
              <BurnDown year={year} points={d.burnDown} fundedCents={d.totals.fundedCents} />
            </div>
          </section>

          <Breakdowns d={d} />

          <section aria-labelledby="export-title" className="card space-y-2">
            <h2 id="export-title">{t.exportTitle}</h2>
            <p>{t.exportIntro}</p>
            <ul className="flex flex-wrap gap-x-6 gap-y-2">
              <li>
                <a href={csv("boekingen", false)} download>
                  {t.exportPostings}
                </a>
              </li>
              <li>
                <a href={csv("aanvragen", false)} download>
                  {t.exportSpends}
                </a>
              </li>
              <li>
                <a href={csv("boekingen", true)} download>
                  {t.exportPostingsComma}
                </a>
              </li>
              <li>
                <a href={csv("aanvragen", true)} download>
                  {t.exportSpendsComma}
                </a>
              </li>
            </ul>
            <p className="hint">{t.exportHint}</p>
          </section>
        </>
      )}
    </div>
  );
}
