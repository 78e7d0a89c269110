// /initiatieven — every buurtinitiatief of the municipality, for every
// professional (not under /gemeente, which is for municipality staff), with
// the counts per team of a year (new / active).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { InitiativeCountsTable, InitiativeList } from "~/components/initiatives";
import { requireMunicipalityContext } from "~/context.server";
import { initiativeCounts, listInitiatives } from "~/core/neighbourhood.server";
import { nl } from "~/i18n/nl";
import { thisYearInAmsterdam } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.initiatives;
export const meta: MetaFunction = () => [{ title: `${t.cityTitle} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "NeighbourhoodInitiative", context as { ip?: string });
  const raw = new URL(request.url).searchParams.get("jaar");
  const year = raw && /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100 ? Number(raw) : thisYearInAmsterdam();
  try {
    const [rows, counts] = await Promise.all([listInitiatives(ctx), initiativeCounts(ctx, year)]);
    return { rows, counts, year };
  } catch (error) {
    return toHttpError(error);
  }
}

export default function CityInitiatives() {
  const { rows, counts, year } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>{t.cityTitle}</h1>
      <p>{t.cityIntro}</p>
      <section aria-labelledby="count-heading" className="card space-y-2">
        <h2 id="count-heading">{t.countsTitle(year)}</h2>
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <div className="field mb-0">
            <label htmlFor="jaar">{t.year}</label>
            <input id="jaar" name="jaar" type="number" min={2000} max={2100} defaultValue={year} className="input w-28" />
          </div>
          <button type="submit" className="btn btn-secondary">
            {t.show}
          </button>
        </Form>
        <InitiativeCountsTable rows={counts} year={year} />
      </section>
      <section aria-labelledby="list-heading" className="card">
        <h2 id="list-heading">{t.title}</h2>
        <InitiativeList rows={rows} showTeam />
      </section>
    </div>
  );
}
