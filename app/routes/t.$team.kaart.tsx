// The team's card (coordinator): status, last four digits, the controller's
// limits, the payment requests with why they were declined, the bookings,
// and which approved requests are selected with "Nu betalen".
//
// The card's full number, CVC and expiry: Stripe's secure display (Issuing
// Elements) for the coordinator. The browser loads Stripe.js (only on this
// page, only in Stripe mode; entry.server.tsx widens the CSP for it), makes a
// nonce, this route's action exchanges it for an ephemeral key
// (createCardDetailsKey), and Stripe.js draws the details in its own iframes.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ForbiddenError } from "@wijkwerk/authz";
import { z } from "zod";
import { requireTeamContext } from "~/context.server";
import { createCardDetailsKey, getTeamCard } from "~/core/cards.server";
import { isDomainError } from "~/core/common.server";
import { domainErrorMessage, nl } from "~/i18n/nl";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { readFormData } from "~/lib/form.server";

const c = nl.cards;
export const meta: MetaFunction = () => [{ title: `${c.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const data = await getTeamCard(ctx).catch(toHttpError);
  return { team: { slug: ctx.team.slug }, ...data };
}

const detailsRequest = z.object({ intent: z.literal("card_details"), issuingCard: z.string(), nonce: z.string() });
type DetailsReply = { ok: true; issuingCard: string; nonce: string; ephemeralKeySecret: string } | { ok: false; message: string };

/** The ephemeral key for Stripe.js (data for the page's fetcher; data requests are never cached, see entry.server); never logged, never stored. */
export async function action({ request, params, context }: ActionFunctionArgs): Promise<DetailsReply> {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const parsed = detailsRequest.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return { ok: false, message: c.details.failed };
  try {
    const key = await createCardDetailsKey(ctx, { issuingCard: parsed.data.issuingCard, nonce: parsed.data.nonce });
    return { ok: true, issuingCard: key.issuingCard, nonce: key.nonce, ephemeralKeySecret: key.ephemeralKeySecret };
  } catch (e) {
    if (e instanceof ForbiddenError) throw new Response("Geen toegang", { status: 403 });
    if (isDomainError(e) && e.status === 404) throw new Response("Niet gevonden", { status: 404 });
    if (isDomainError(e)) return { ok: false, message: domainErrorMessage(e.code) };
    throw e;
  }
}

const STRIPE_JS = "https://js.stripe.com/v3";
type StripeJs = {
  createEphemeralKeyNonce(o: { issuingCard: string }): Promise<{ nonce?: string; error?: { message?: string } }>;
  elements(): { create(type: string, o: Record<string, unknown>): { mount(el: HTMLElement): void; destroy(): void } };
};
type StripeFactory = (publishableKey: string) => StripeJs;
let stripeJsLoading: Promise<StripeFactory> | null = null;

/** Loads Stripe.js once, from js.stripe.com only (Stripe requires it be loaded from there); rejects when it cannot load within 10 s. */
function loadStripeJs(): Promise<StripeFactory> {
  const w = window as unknown as { Stripe?: StripeFactory };
  if (w.Stripe) return Promise.resolve(w.Stripe);
  stripeJsLoading ??= new Promise<StripeFactory>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = STRIPE_JS;
    script.async = true;
    const timer = window.setTimeout(() => reject(new Error("timeout")), 10_000);
    script.onload = () => {
      window.clearTimeout(timer);
      if (w.Stripe) resolve(w.Stripe);
      else reject(new Error("no Stripe"));
    };
    script.onerror = () => {
      window.clearTimeout(timer);
      reject(new Error("load error"));
    };
    document.head.appendChild(script);
  }).catch((e) => {
    stripeJsLoading = null; // a later attempt may try again
    throw e;
  });
  return stripeJsLoading;
}

type DisplayState = "loading_script" | "script_failed" | "ready" | "requesting" | "shown" | "failed";

/** The coordinator's "Kaartgegevens tonen": Stripe's iframes show number, expiry and CVC; nothing of them reaches our server. */
function SecureCardDisplay({ issuingCard, publishableKey }: { issuingCard: string; publishableKey: string }) {
  const fetcher = useFetcher<typeof action>();
  const [state, setState] = useState<DisplayState>("loading_script");
  const [message, setMessage] = useState<string | null>(null);
  const stripeRef = useRef<StripeJs | null>(null);
  const numberRef = useRef<HTMLDivElement>(null);
  const expiryRef = useRef<HTMLDivElement>(null);
  const cvcRef = useRef<HTMLDivElement>(null);
  const mounted = useRef<{ destroy(): void }[]>([]);

  useEffect(() => {
    let alive = true;
    loadStripeJs()
      .then((factory) => {
        if (!alive) return;
        stripeRef.current = factory(publishableKey);
        setState("ready");
      })
      .catch(() => alive && setState("script_failed"));
    return () => {
      alive = false;
      for (const el of mounted.current) el.destroy();
      mounted.current = [];
    };
  }, [publishableKey]);

  useEffect(() => {
    const reply = fetcher.data;
    if (fetcher.state !== "idle" || !reply || !stripeRef.current) return;
    if (!reply.ok) {
      // The effect mounts Stripe's iframes from the reply (an outside system); a refusal is shown instead.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setMessage(reply.message);
      setState("failed");
      return;
    }
    const elements = stripeRef.current.elements();
    const options = {
      issuingCard: reply.issuingCard,
      nonce: reply.nonce,
      ephemeralKeySecret: reply.ephemeralKeySecret,
      style: { base: { fontSize: "16px", color: "#111827" } },
    };
    for (const el of mounted.current) el.destroy();
    mounted.current = [];
    const targets: [string, HTMLDivElement | null][] = [
      ["issuingCardNumberDisplay", numberRef.current],
      ["issuingCardExpiryDisplay", expiryRef.current],
      ["issuingCardCvcDisplay", cvcRef.current],
    ];
    for (const [type, target] of targets) {
      if (!target) continue;
      const element = elements.create(type, options);
      element.mount(target);
      mounted.current.push(element);
    }
    setState("shown");
  }, [fetcher.state, fetcher.data]);

  async function reveal() {
    if (!stripeRef.current) return;
    setState("requesting");
    setMessage(null);
    const result = await stripeRef.current.createEphemeralKeyNonce({ issuingCard }).catch(() => ({ nonce: undefined }));
    if (!result.nonce) {
      setMessage(c.details.failed);
      setState("failed");
      return;
    }
    fetcher.submit({ intent: "card_details", issuingCard, nonce: result.nonce }, { method: "post" });
  }

  function hide() {
    for (const el of mounted.current) el.destroy();
    mounted.current = [];
    setState("ready");
  }

  return (
    <div className="space-y-2" data-testid="secure-card-display">
      {state === "loading_script" ? <p role="status">{c.details.loading}</p> : null}
      {state === "script_failed" ? (
        <p role="alert" className="alert alert-error">
          {c.details.scriptFailed}
        </p>
      ) : null}
      {state === "failed" && message ? (
        <p role="alert" className="alert alert-error">
          {message}
        </p>
      ) : null}
      {state === "ready" || state === "requesting" || state === "failed" ? (
        <button type="button" className="btn btn-secondary" onClick={reveal} disabled={state === "requesting"}>
          {state === "requesting" ? c.details.requesting : c.details.show}
        </button>
      ) : null}
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-1" hidden={state !== "shown"} aria-live="polite">
        <dt>{c.details.number}</dt>
        <dd>
          <div ref={numberRef} />
        </dd>
        <dt>{c.expires}</dt>
        <dd>
          <div ref={expiryRef} />
        </dd>
        <dt>{c.details.cvc}</dt>
        <dd>
          <div ref={cvcRef} />
        </dd>
      </dl>
      {state === "shown" ? (
        <button type="button" className="btn btn-secondary" onClick={hide}>
          {c.details.hide}
        </button>
      ) : null}
    </div>
  );
}

const money = (cents: number | null) => (cents == null ? c.noLimit : formatMoney(cents));

export default function TeamCardPage() {
  const { team, card, authorizations, transactions, selections, secureDisplay } = useLoaderData<typeof loader>();
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
            {secureDisplay ? (
              secureDisplay.publishableKey ? (
                <SecureCardDisplay issuingCard={secureDisplay.issuingCard} publishableKey={secureDisplay.publishableKey} />
              ) : (
                <p className="alert alert-info">{c.details.noPublishableKey}</p>
              )
            ) : null}
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
                <Link to={`/t/${team.slug}/werkbudget/${s.spendId}`}>{s.purpose || `#${s.number}`}</Link> — {formatMoney(s.amountCents)},{" "}
                {c.validUntil.toLowerCase()} {formatDate(s.validUntil)}
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
                    <td>{a.approved ? `${c.approved} (${c.authStatus[a.status] ?? a.status})` : `${c.declined}: ${c.declineReason(a.declineReason)}`}</td>
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
