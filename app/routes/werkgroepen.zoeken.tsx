// Search across the workgroups, posts and handbook pages the user may see
// (Dutch full-text search; RLS decides what is searched).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/confirm";
import { Snippet } from "~/components/workgroups";
import { requireWorkgroupContext } from "~/context.server";
import { searchWorkgroups, snippetParts } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { pageParam, searchParam, toHttpError } from "~/lib/http.server";

const t = nl.search;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.workgroups.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const { value: q, error } = searchParam(request, "q");
  const result = await searchWorkgroups(ctx, q, { page: pageParam(request) }).catch(toHttpError);
  // Snippets leave the server as text parts: the page renders <mark> itself and escapes the rest.
  return { ...result, error, items: result.items.map(({ snippet, ...hit }) => ({ ...hit, parts: snippetParts(snippet) })) };
}

export default function Search() {
  const { query, items, total, page, pages, error } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl space-y-4">
      <p>
        <Link to="/werkgroepen">{nl.workgroups.title}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <div className="field">
          <label htmlFor="q">{t.label}</label>
          <input
            id="q"
            type="search"
            name="q"
            defaultValue={query}
            className="input"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "q-error" : undefined}
          />
          {error ? (
            <p id="q-error" className="field-error">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn">
          {t.button}
        </button>
      </Form>
      {query ? <p role="status">{total === 0 ? t.none(query) : t.results(total, query)}</p> : null}
      {items.length > 0 ? (
        <ol className="space-y-2">
          {items.map((hit) => (
            <li key={hit.link} className="card">
              <p className="hint">
                {t.kinds[hit.kind]}
                {hit.groupName ? ` · ${hit.groupName}` : hit.kind === "handbook" ? ` · ${t.cityHandbook}` : null}
              </p>
              <Link to={hit.link} className="font-semibold">
                {hit.title}
              </Link>
              <Snippet parts={hit.parts} />
            </li>
          ))}
        </ol>
      ) : null}
      <Pagination page={page} pages={pages} search={`q=${encodeURIComponent(query)}`} />
    </div>
  );
}
