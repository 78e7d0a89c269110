// /buurtservice — Buurtservice in the whole city (not under /gemeente: every professional may see it): counts per team and per month of a year
// (numbers only; offers and requests stay with their team), with CSV.
// For every professional, the controller and the admin.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { CountsTable } from "~/components/buurtservice";
import { requireMunicipalityContext } from "~/context.server";
import { buurtserviceCounts, totalBuurtserviceCounts } from "~/core/neighbourhood.server";
import { nl } from "~/i18n/nl";
import { thisYearInAmsterdam } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.buurtservice;
export const meta: MetaFunction = () => [{ title: `${t.cityTitle} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "BuurtserviceCounts", context as { ip?: string });
  const raw = new URL(request.url).searchParams.get("jaar");
  const year = raw && /^\d{4}$/.test(raw) && Number(raw) >= 2013 && Number(raw) <= 2100 ? Number(raw) : thisYearInAmsterdam();
  const rows = await buurtserviceCounts(ctx, year).catch(toHttpError);
  return {
    year,
    perTeam: [...totalBuurtserviceCounts(rows, (r) => r.teamName)],
    perMonth: [...totalBuurtserviceCounts(rows, (r) => r.month)],
    total: totalBuurtserviceCounts(rows, () => "all").get("all") ?? null,
  };
}

export default function CityBuurtservice() {
  const { year, perTeam, perMonth, total } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>{t.cityTitle}</h1>
      <p>{t.cityIntro}</p>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div className="field mb-0">
          <label htmlFor="jaar">{t.year}</label>
          <input id="jaar" name="jaar" type="number" min={2013} max={2100} defaultValue={year} className="input w-28" />
        </div>
        <button type="submit" className="btn btn-secondary">
          {t.show}
        </button>
      </Form>
      <p className="hint">{t.figuresIntro}</p>
      {perTeam.length === 0 ? (
        <p className="card">{t.noFigures}</p>
      ) : (
        <>
          <section aria-labelledby="team-heading" className="card">
            <h2 id="team-heading">{`${t.figuresTitle(year)} — ${t.team.toLowerCase()}`}</h2>
            <CountsTable caption={t.figuresTitle(year)} firstColumn={t.team} rows={perTeam} total={total ?? undefined} />
          </section>
          <section aria-labelledby="month-heading" className="card">
            <h2 id="month-heading">{`${t.figuresTitle(year)} — ${t.month.toLowerCase()}`}</h2>
            <CountsTable caption={t.figuresTitle(year)} firstColumn={t.month} rows={perMonth} monthKeys />
          </section>
        </>
      )}
      <p>
        <a href={`/buurtservice.csv?jaar=${year}`} download>
          {t.csv}
        </a>
      </p>
    </div>
  );
}
