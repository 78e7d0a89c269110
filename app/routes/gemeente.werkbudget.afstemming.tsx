// Reconciliation for the controller: Stripe Issuing (authorisations,
// captures, refunds as Stripe reported them) against the ledger's postings,
// per team and month, with every mismatch flagged.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireMunicipalityContext } from "~/context.server";
import { cardReconciliation } from "~/core/cards.server";
import { WorkbudgetSubpageIntro } from "~/components/workbudget-report";
import { nl } from "~/i18n/nl";
import { MONTH_NAMES, formatDateTime, formatMoney, thisYearInAmsterdam } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const c = nl.cards;
export const meta: MetaFunction = () => [{ title: `${c.reconTitle} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "TeamCard", context as { ip?: string });
  const url = new URL(request.url);
  const rawYear = Number(url.searchParams.get("jaar"));
  const year = Number.isInteger(rawYear) && rawYear >= 2000 && rawYear <= 2100 ? rawYear : thisYearInAmsterdam();
  const rawMonth = Number(url.searchParams.get("maand"));
  const month = Number.isInteger(rawMonth) && rawMonth >= 1 && rawMonth <= 12 ? rawMonth : null;
  // "Vergelijken met Stripe": also pull Stripe's own lists for the period (network calls, so only when asked).
  const pullFromStripe = url.searchParams.get("stripe") === "1";
  const result = await cardReconciliation(ctx, { year, month }, { pullFromStripe }).catch(toHttpError);
  return { year, month, pulled: pullFromStripe, ...result };
}

export default function Reconciliation() {
  const { year, month, rows, unbooked, pulled, stripe } = useLoaderData<typeof loader>();
  const flagged = rows.filter((r) => r.problems.length > 0).length;
  return (
    <div className="space-y-6">
      <WorkbudgetSubpageIntro title={c.reconTitle} intro={c.reconIntro} />
      <form method="get" className="card flex flex-wrap items-end gap-4" aria-label={c.period}>
        <div className="field">
          <label htmlFor="jaar">{c.year}</label>
          <input id="jaar" name="jaar" type="number" min={2000} max={2100} defaultValue={year} className="input w-28" />
        </div>
        <div className="field">
          <label htmlFor="maand">{c.month}</label>
          <select id="maand" name="maand" defaultValue={month ?? ""} className="input">
            <option value="">{c.wholeYear}</option>
            {MONTH_NAMES.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {c.show}
        </button>
        <button type="submit" name="stripe" value="1" className="btn btn-secondary">
          {c.pullStripe}
        </button>
      </form>
      {pulled && stripe ? (
        <section aria-labelledby="stripe-title" className="card space-y-2">
          <h2 id="stripe-title">{c.stripeTitle}</h2>
          {stripe === "unavailable" ? (
            <p role="alert" className="alert alert-error">
              {c.stripeUnavailable}
            </p>
          ) : (
            <>
              <p role="status" className={stripe.differences.length ? "alert alert-error" : "alert alert-success"}>
                {stripe.differences.length
                  ? c.stripeDifferences(stripe.differences.length)
                  : c.stripeClean(stripe.checkedAuthorizations, stripe.checkedTransactions)}
              </p>
              {stripe.differences.length ? (
                <table className="table">
                  <caption className="sr-only">{c.stripeTitle}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{c.when}</th>
                      <th scope="col">{c.team}</th>
                      <th scope="col">{c.stripeObject}</th>
                      <th scope="col" className="text-right">
                        {c.amount}
                      </th>
                      <th scope="col">{c.check}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stripe.differences.map((d) => (
                      <tr key={`${d.kind}-${d.id}`} data-mismatch>
                        <td>{formatDateTime(d.at)}</td>
                        <td>{d.teamName}</td>
                        <td>
                          {c.stripeObjects[d.object]} ({d.id})
                        </td>
                        <td className="text-right">{formatMoney(d.amountCents)}</td>
                        <td>
                          <strong>{c.stripeKinds[d.kind]}</strong>
                          {d.kind === "status_differs" ? ` (${c.authStatus[String(d.ours)] ?? d.ours} / ${c.authStatus[String(d.theirs)] ?? d.theirs})` : null}
                          {d.kind === "amount_differs" ? ` (${formatMoney(Number(d.ours))} / ${formatMoney(Number(d.theirs))})` : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </>
          )}
        </section>
      ) : null}
      {rows.length === 0 ? (
        <p>{c.noRows}</p>
      ) : (
        <>
          <p role="status" className={flagged ? "alert alert-error" : "alert alert-success"}>
            {flagged ? c.mismatches(flagged) : c.allClean}
          </p>
          <table className="table">
            <caption className="sr-only">{c.reconTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{c.team}</th>
                <th scope="col">{c.reconMonth}</th>
                <th scope="col" className="text-right">
                  {c.authsApproved}
                </th>
                <th scope="col" className="text-right">
                  {c.authsDeclined}
                </th>
                <th scope="col" className="text-right">
                  {c.captured}
                </th>
                <th scope="col" className="text-right">
                  {c.bookedPaid}
                </th>
                <th scope="col" className="text-right">
                  {c.refunded}
                </th>
                <th scope="col" className="text-right">
                  {c.bookedRefund}
                </th>
                <th scope="col">{c.check}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.teamId}-${r.month}`} data-mismatch={r.problems.length > 0 || undefined}>
                  <td>{r.teamName}</td>
                  <td>{r.month}</td>
                  <td className="text-right">{r.authorizationsApproved}</td>
                  <td className="text-right">{r.authorizationsDeclined}</td>
                  <td className="text-right">{formatMoney(r.capturedCents)}</td>
                  <td className="text-right">{formatMoney(r.bookedPaidCents)}</td>
                  <td className="text-right">{formatMoney(r.refundedCents)}</td>
                  <td className="text-right">{formatMoney(r.bookedRefundCents)}</td>
                  <td>{r.problems.length ? <strong>{r.problems.map((p) => c.problems[p] ?? p).join("; ")}</strong> : c.clean}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {unbooked.length ? (
        <section aria-labelledby="unbooked-title">
          <h2 id="unbooked-title">{c.unbookedTitle}</h2>
          <ul className="ml-5 list-disc">
            {unbooked.map((u) => (
              <li key={u.id}>
                {formatDateTime(u.at)} — {u.teamName} — {c.txType[u.type] ?? u.type} {formatMoney(u.amountCents)} — {c.notBooked(u.problem)} ({u.id})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
