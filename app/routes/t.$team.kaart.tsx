// The team's card (coordinator): status, last four digits, the controller's
// limits, the payment requests with why they were declined, the bookings,
// and which approved requests are selected with "Nu betalen".
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireTeamContext } from "~/context.server";
import { getTeamCard } from "~/core.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const c = nl.cards;
export const meta: MetaFunction = () => [{ title: `${c.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const data = await getTeamCard(ctx).catch(toHttpError);
  return { team: { slug: ctx.team.slug }, ...data };
}

const money = (cents: number | null) => (cents == null ? c.noLimit : formatMoney(cents));

export default function TeamCardPage() {
  const { team, card, authorizations, transactions, selections } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h2>{c.title}</h2>
      <p>{c.intro}</p>
      {!card ? (
        <p className="card">{c.noCard}</p>
      ) : (
        <>
          <section aria-labelledby="card-title" className="card space-y-2">
            <h3 id="card-title">{c.title}</h3>
            <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-1">
              <dt>{c.statusLabel}</dt>
              <dd>{c.status[card.status] ?? card.status}</dd>
              <dt>{c.last4}</dt>
              <dd>{c.last4Value(card.last4)}</dd>
              {card.expMonth && card.expYear ? (
                <>
                  <dt>{c.expires}</dt>
                  <dd>
                    {String(card.expMonth).padStart(2, "0")}/{card.expYear}
                  </dd>
                </>
              ) : null}
            </dl>
            <p className="hint">{c.secureDisplay}</p>
          </section>
          <section aria-labelledby="controls-title" className="card">
            <h3 id="controls-title">{c.controlsTitle}</h3>
            <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-1">
              <dt>{c.perAuthorizationCap}</dt>
              <dd>{money(card.perAuthorizationCapCents)}</dd>
              <dt>{c.monthlyCap}</dt>
              <dd>{money(card.monthlyCapCents)}</dd>
              <dt>{c.allowedCategories}</dt>
              <dd>{card.allowedCategories.join(", ") || c.none}</dd>
              <dt>{c.blockedCategories}</dt>
              <dd>{card.blockedCategories.join(", ") || c.none}</dd>
            </dl>
          </section>
        </>
      )}

      <section aria-labelledby="selections-title" className="card">
        <h3 id="selections-title">{c.selectionsTitle}</h3>
        {selections.length === 0 ? (
          <p>{c.noSelections}</p>
        ) : (
          <ul className="ml-5 list-disc">
            {selections.map((s) => (
              <li key={s.spendId}>
                <Link to={`/t/${team.slug}/werkbudget/${s.spendId}`}>{s.purpose || `#${s.number}`}</Link> — {formatMoney(s.amountCents)}, {c.validUntil.toLowerCase()} {formatDate(s.validUntil)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {card ? (
        <section aria-labelledby="auths-title" className="space-y-2">
          <h3 id="auths-title">{c.authorizationsTitle}</h3>
          {authorizations.length === 0 ? (
            <p>{c.noAuthorizations}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{c.when}</th>
                  <th scope="col">{c.merchant}</th>
                  <th scope="col" className="text-right">
                    {c.amount}
                  </th>
                  <th scope="col">{c.outcome}</th>
                  <th scope="col">{c.spend}</th>
                </tr>
              </thead>
              <tbody>
                {authorizations.map((a) => (
                  <tr key={a.id}>
                    <td>{formatDateTime(a.stripeCreatedAt)}</td>
                    <td>{a.merchantName ?? ""}</td>
                    <td className="text-right">{formatMoney(a.approved ? a.approvedCents : a.requestedCents)}</td>
                    <td>
                      {a.approved ? `${c.approved} (${c.authStatus[a.status] ?? a.status})` : `${c.declined}: ${c.declineReason(a.declineReason)}`}
                    </td>
                    <td>{a.spendId ? <Link to={`/t/${team.slug}/werkbudget/${a.spendId}`}>{c.spend}</Link> : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{c.transactionsTitle}</h3>
          {transactions.length === 0 ? (
            <p>{c.noTransactions}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{c.when}</th>
                  <th scope="col">{c.outcome}</th>
                  <th scope="col" className="text-right">
                    {c.amount}
                  </th>
                  <th scope="col">{c.booked}</th>
                </tr>
              </thead>
              <tbody>
                {transactions.map((x) => (
                  <tr key={x.id}>
                    <td>{formatDateTime(x.stripeCreatedAt)}</td>
                    <td>{c.txType[x.type] ?? x.type}</td>
                    <td className="text-right">{formatMoney(x.amountCents)}</td>
                    <td>{x.ledgerGroupId ? c.booked : c.notBooked(x.problem)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </div>
  );
}
