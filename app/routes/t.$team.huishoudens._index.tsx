// The team's households: reference, initials, status, buurt for the whole
// team's professionals; intake date and regisseur only where the viewer has a
// right to the file. Filters in the URL (mine/all, status, search on
// reference or initials), 25 per page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { Pagination } from "~/components/confirm";
import { SelectField, TextField, urlField } from "~/components/form";
import { requireTeamContext } from "~/context.server";
import { listHouseholds } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { notFoundWhenForbidden, pageParam, searchParam, toHttpError } from "~/lib/http.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.caseworkHouseholds.list;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const url = new URL(request.url);
  // A member starts with their own households, the coordinator (who reads them all) with the whole team's.
  const isCoordinator = ctx.teams.find((t) => t.id === ctx.team.id)?.role === "coordinator";
  const toon = url.searchParams.get("toon");
  const filter = toon === "alle" || (toon !== "mijn" && isCoordinator) ? "all" : "mine";
  const statusParam = url.searchParams.get("status");
  const status = statusParam === "open" || statusParam === "closed" || statusParam === "all" ? statusParam : "open";
  const q = searchParam(request, "zoek");
  try {
    const list = await listHouseholds(ctx, { page: pageParam(request), filter, status, q: q.value });
    const sub = { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId };
    return {
      ...list,
      filter,
      status,
      q: q.value,
      qError: q.error,
      search: url.search,
      teamSlug: ctx.team.slug,
      canIntake: ctx.ability.can("create", as("Household", sub)),
      canContacts: ctx.ability.can("create", as("CaseworkContact", sub)),
      canImport: ctx.ability.can("create", as("CaseworkImport", sub)),
    };
  } catch (error) {
    return toHttpError(notFoundWhenForbidden(error));
  }
}

export default function Households() {
  const d = useLoaderData<typeof loader>();
  const filtered = d.filter !== "all" || d.status !== "open" || d.q !== "";
  return (
    <div className="space-y-6">
      <section aria-labelledby="hh-heading" className="card space-y-3">
        <h2 id="hh-heading">{t.title}</h2>
        <p>{t.intro}</p>
        <p className="flex flex-wrap items-center gap-4">
          {d.canIntake ? (
            <Link to={`/t/${d.teamSlug}/huishoudens/nieuw`} className="btn btn-primary no-underline">
              {t.newIntake}
            </Link>
          ) : null}
          {d.canContacts ? <Link to={`/t/${d.teamSlug}/contacten`}>{t.contacts}</Link> : null}
          {d.canImport ? <Link to={`/t/${d.teamSlug}/huishoudens/importeren`}>{nl.caseworkImport.title}</Link> : null}
        </p>
      </section>
      <form method="get" className="card" aria-labelledby="hh-filter" noValidate>
        <h2 id="hh-filter" className="sr-only">
          {t.filter}
        </h2>
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <SelectField
            field={urlField("toon", d.filter === "all" ? "alle" : "mijn", "hh-toon")}
            label={t.filter}
            options={[
              { value: "mijn", label: t.filterMine },
              { value: "alle", label: t.filterAll },
            ]}
          />
          <SelectField
            field={urlField("status", d.status, "hh-status")}
            label={t.status}
            options={[
              { value: "open", label: nl.casework.status.open },
              { value: "closed", label: nl.casework.status.closed },
              { value: "all", label: t.statusAll },
            ]}
          />
          <div>
            <TextField field={urlField("zoek", d.q, "hh-zoek")} label={t.search} type="search" />
            {d.qError ? (
              <p className="field-error" role="alert">
                {d.qError}
              </p>
            ) : null}
          </div>
        </div>
        <button type="submit" className="btn">
          {t.apply}
        </button>
      </form>
      <section aria-labelledby="hh-list" className="card space-y-3">
        <h2 id="hh-list">{t.count(d.total)}</h2>
        {d.rows.length === 0 ? (
          <p>{filtered ? t.emptyFiltered : t.empty}</p>
        ) : (
          <div className="overflow-x-auto" {...scrollRegion(t.title)}>
            <table className="table">
              <caption className="sr-only">{t.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.reference}</th>
                  <th scope="col">{t.initials}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.buurt}</th>
                  <th scope="col">{t.intakeOn}</th>
                  <th scope="col">{t.regisseur}</th>
                  <th scope="col">{t.myRight}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/t/${d.teamSlug}/huishoudens/${r.id}`}>{r.reference}</Link>
                    </td>
                    <td>{r.initials || t.hidden}</td>
                    <td>{nl.casework.status[r.status]}</td>
                    <td>{r.buurtName}</td>
                    <td>{r.intakeOn ? formatDate(r.intakeOn) : t.hidden}</td>
                    <td>{r.regisseurName ?? t.hidden}</td>
                    <td>{t.right[r.myAccess]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={d.page} pages={d.pageCount} search={d.search} />
      </section>
    </div>
  );
}
