// The team's Buurtservice: open offers and requests per buurt (stale ones
// flagged), the matches, and this year's figures per month (with CSV).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CountsTable } from "~/components/buurtservice";
import { requireTeamContext } from "~/context.server";
import { buurtserviceCounts, listBuurtserviceMatches, listOpenBuurtserviceEntries, totalBuurtserviceCounts } from "~/core/neighbourhood.server";
import { nl } from "~/i18n/nl";
import { formatDate, thisYearInAmsterdam } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.buurtservice;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const year = thisYearInAmsterdam();
  try {
    const [open, matches, counts] = await Promise.all([listOpenBuurtserviceEntries(ctx), listBuurtserviceMatches(ctx), buurtserviceCounts(ctx, year)]);
    const mine = counts.filter((r) => r.teamId === ctx.team.id);
    return {
      teamSlug: ctx.team.slug,
      year,
      open,
      matches,
      months: [...totalBuurtserviceCounts(mine, (r) => r.month)],
      total: totalBuurtserviceCounts(mine, () => "all").get("all") ?? null,
    };
  } catch (error) {
    return toHttpError(error);
  }
}

export default function TeamBuurtservice() {
  const { teamSlug, year, open, matches, months, total } = useLoaderData<typeof loader>();
  const byBuurt = new Map<string, typeof open>();
  for (const e of open) byBuurt.set(e.buurtName, [...(byBuurt.get(e.buurtName) ?? []), e]);
  return (
    <div className="space-y-6">
      <section aria-labelledby="bs-heading" className="card space-y-2">
        <h2 id="bs-heading">{t.title}</h2>
        <p>{t.intro}</p>
        <p className="flex flex-wrap gap-2">
          <Link to={`/t/${teamSlug}/buurtservice/nieuw?soort=aanbod`} className="btn btn-primary no-underline">
            {t.newOffer}
          </Link>
          <Link to={`/t/${teamSlug}/buurtservice/nieuw?soort=vraag`} className="btn btn-secondary no-underline">
            {t.newRequest}
          </Link>
        </p>
      </section>
      <section aria-labelledby="open-heading" className="card space-y-3">
        <h2 id="open-heading">{t.openTitle}</h2>
        {open.length === 0 ? <p>{t.openEmpty}</p> : null}
        {[...byBuurt].map(([buurt, entries]) => (
          <div key={buurt}>
            <h3>{buurt}</h3>
            <ul className="space-y-1">
              {entries.map((e) => (
                <li key={e.id}>
                  <Link to={e.id}>{`${t.kind[e.kind]}: ${e.pseudonym}`}</Link> — {e.categories.map((c) => t.category[c]).join(", ")}{" "}
                  <span className="hint">
                    ({t.since} {formatDate(e.createdAt)})
                  </span>{" "}
                  {e.stale ? <strong className="rounded bg-yellow-100 px-1 text-yellow-900">{t.stale}</strong> : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby="matches-heading" className="card space-y-2">
        <h2 id="matches-heading">{t.matchesTitle}</h2>
        {matches.length === 0 ? (
          <p>{t.matchesEmpty}</p>
        ) : (
          <div className="overflow-x-auto" {...scrollRegion(t.matchesTitle)}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t.requester}</th>
                  <th scope="col">{t.offerer}</th>
                  <th scope="col">{t.buurt}</th>
                  <th scope="col">{t.statusLabel}</th>
                  <th scope="col">{t.reciprocal}</th>
                  <th scope="col">{t.outcome}</th>
                </tr>
              </thead>
              <tbody>
                {matches.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={m.request.id}>{m.request.pseudonym}</Link>
                    </td>
                    <td>
                      <Link to={m.offer.id}>{m.offer.pseudonym}</Link>
                    </td>
                    <td>{m.buurtName}</td>
                    <td>{t.status[m.status]}</td>
                    <td>{m.reciprocal ? t.reciprocal : t.notReciprocal}</td>
                    <td>{m.outcome}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="figures-heading" className="card space-y-2">
        <h2 id="figures-heading">{t.figuresTitle(year)}</h2>
        <p className="hint">{t.figuresIntro}</p>
        {months.length === 0 ? (
          <p>{t.noFigures}</p>
        ) : (
          <CountsTable caption={t.figuresTitle(year)} firstColumn={t.month} rows={months} total={total ?? undefined} monthKeys />
        )}
        <p>
          <a href={`/t/${teamSlug}/buurtservice/cijfers.csv?jaar=${year}`} download>
            {t.csv}
          </a>
          {" · "}
          <Link to="/buurtservice">{t.cityTitle}</Link>
        </p>
      </section>
    </div>
  );
}
