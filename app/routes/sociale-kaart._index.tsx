// The sociale kaart: search in Dutch with filters (kantelingslaag, leefgebied,
// buurt), paginated. Every professional reads it (coordinators, members), and
// the functional admin and the controller; volunteers and partner managers
// get 404 (requireMunicipalityContext on "read SocialMap").
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/confirm";
import { SelectField, TextField, urlField } from "~/components/form";
import { requireMunicipalityContext } from "~/context.server";
import { canKeepSocialMap, searchSocialMap } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { pageParam, searchParam, toHttpError } from "~/lib/http.server";
import { socialMapOptions } from "~/lib/social-map.server";

const t = nl.socialMap;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "SocialMap", context as { ip?: string });
  const url = new URL(request.url);
  const q = searchParam(request, "q");
  try {
    const [found, options] = await Promise.all([
      searchSocialMap(ctx, {
        q: q.value,
        layer: url.searchParams.get("laag") ?? undefined,
        lifeDomain: url.searchParams.get("leefgebied") ?? undefined,
        buurtId: url.searchParams.get("buurt") ?? undefined,
        page: pageParam(request),
      }),
      socialMapOptions(ctx),
    ]);
    return { ...found, options, queryError: q.error, canKeep: canKeepSocialMap(ctx) };
  } catch (error) {
    return toHttpError(error);
  }
}

export default function SocialMap() {
  const { items, total, page, pages, filter, options, queryError, canKeep } = useLoaderData<typeof loader>();
  const layerLabel = new Map(options.layers.map((o) => [o.value, o.label]));
  const domainLabel = new Map(options.domains.map((o) => [o.value, o.label]));
  const search = new URLSearchParams();
  if (filter.q) search.set("q", filter.q);
  if (filter.layer) search.set("laag", filter.layer);
  if (filter.lifeDomain) search.set("leefgebied", filter.lifeDomain);
  if (filter.buurtId) search.set("buurt", filter.buurtId);
  const filtered = search.toString() !== "";
  const queryField = { ...urlField("q", filter.q), errors: queryError ? [queryError] : undefined };
  return (
    <div className="max-w-4xl space-y-4">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {canKeep ? (
        <p>
          <Link to="/sociale-kaart/nieuw" className="btn">
            {t.newProvider}
          </Link>
        </p>
      ) : null}
      <Form method="get" role="search" aria-label={t.filterLabel} className="card flex flex-wrap items-end gap-3">
        <TextField field={queryField} label={t.searchLabel} type="search" hint={t.searchHint} className="min-w-64 flex-1" />
        <SelectField field={urlField("laag", filter.layer ?? "")} label={t.layer} placeholder={t.all} options={options.layers} />
        <SelectField field={urlField("leefgebied", filter.lifeDomain ?? "")} label={t.lifeDomain} placeholder={t.all} options={options.domains} />
        <SelectField field={urlField("buurt", filter.buurtId ?? "")} label={t.buurt} placeholder={t.all} options={options.buurten} />
        <div className="field flex-row gap-2">
          <button type="submit" className="btn btn-secondary">
            {t.search}
          </button>
          {filtered ? <Link to="/sociale-kaart">{t.reset}</Link> : null}
        </div>
      </Form>
      <p role="status">{t.results(total)}</p>
      {items.length === 0 ? (
        <p className="card">{filtered ? t.empty : t.emptyMap}</p>
      ) : (
        <ul className="space-y-3" aria-label={t.title}>
          {items.map((p) => (
            <li key={p.id} className="card space-y-1">
              <h2 className="text-lg">
                <Link to={`/sociale-kaart/${p.id}`}>{p.name}</Link>
              </h2>
              <p className="text-sm">
                {p.kind} · {layerLabel.get(p.layer)} · {p.buurten.length ? t.servesBuurten(p.buurten.join(", ")) : t.wholeCity}
              </p>
              {p.description ? <p>{p.description}</p> : null}
              {p.lifeDomains.length ? <p className="text-sm">{p.lifeDomains.map((d) => domainLabel.get(d)).join(", ")}</p> : null}
              {p.offers.length ? (
                <p className="text-sm">
                  {t.offers}: {p.offers.map((o) => o.name).join(", ")}
                </p>
              ) : null}
              {p.initiative ? (
                <p className="text-sm">
                  {t.initiative}: <Link to={`/initiatieven/${p.initiative.id}`}>{p.initiative.name}</Link> (
                  {p.initiative.endedOn ? t.initiativeEnded(formatDate(p.initiative.endedOn)) : t.initiativeActive})
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} search={search.toString()} />
    </div>
  );
}
