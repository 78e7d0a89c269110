// Shared pieces of the public team finder pages (/buurt): the contact block,
// the search form and the pages' error boundary. Plain HTML that works without
// JavaScript, prints well and fits a 390 px screen.
import { Form, isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { PublicContact } from "@wijkwerk/core/neighbourhood";
import { nl } from "~/i18n/nl";

const t = nl.finder;

export function SearchForm({ query }: { query: string }) {
  return (
    <Form method="get" action="/buurt" role="search" className="flex flex-wrap items-end gap-2 print:hidden">
      <div className="field mb-0 min-w-0 flex-1">
        <label htmlFor="q">{t.searchLabel}</label>
        <p id="q-hint" className="hint">
          {t.searchHint}
        </p>
        <input
          id="q"
          name="q"
          type="search"
          className="input w-full"
          defaultValue={query}
          autoComplete="street-address"
          aria-describedby="q-hint"
          maxLength={100}
        />
      </div>
      <button type="submit" className="btn btn-primary">
        {t.searchButton}
      </button>
    </Form>
  );
}

export function ContactBlock({ contact, headingLevel = 2 }: { contact: PublicContact; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const hasAny = contact.address || contact.phone || contact.email || contact.walkInHours;
  return (
    <div className="space-y-3">
      <H>{t.contactTitle}</H>
      {hasAny ? (
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          {contact.address ? (
            <>
              <dt className="font-semibold">{t.address}</dt>
              <dd className="whitespace-pre-line">{contact.address}</dd>
            </>
          ) : null}
          {contact.phone ? (
            <>
              <dt className="font-semibold">{t.phone}</dt>
              <dd>
                <a href={`tel:${contact.phone.replace(/[^0-9+]/g, "")}`}>{contact.phone}</a>
              </dd>
            </>
          ) : null}
          {contact.email ? (
            <>
              <dt className="font-semibold">{t.email}</dt>
              <dd className="break-all">
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </dd>
            </>
          ) : null}
          {contact.walkInHours ? (
            <>
              <dt className="font-semibold">{t.walkIn}</dt>
              <dd className="whitespace-pre-line">{contact.walkInHours}</dd>
            </>
          ) : null}
          {contact.languages.length > 0 ? (
            <>
              <dt className="font-semibold">{t.languages}</dt>
              <dd>{contact.languages.join(", ")}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>{t.noContact}</p>
      )}
      {contact.helpsWith.length > 0 ? (
        <>
          <H>{t.helpsWith}</H>
          <ul className="list-disc pl-6">
            {contact.helpsWith.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function FinderErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 429 ? [t.tooManyTitle, t.tooManyText] : status === 404 ? [t.notFoundTitle, t.notFoundText] : [t.unavailableTitle, t.unavailableText];
  if (status >= 500 && !isRouteErrorResponse(error)) console.error(error);
  return (
    <section className="card max-w-2xl" lang="nl">
      <h1>{title}</h1>
      <p className="mt-2">{text}</p>
      <p className="mt-4">
        <Link to="/buurt">{t.back}</Link>
      </p>
    </section>
  );
}
