// People of the municipality: search, status and roles at a glance.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableCard } from "~/components/data-table";
import { Pagination } from "~/components/confirm";
import { requireMunicipalityContext } from "~/context.server";
import { listUsers } from "~/core/accounts.server";
import { SearchForm } from "~/components/filters";
import { nl } from "~/i18n/nl";
import { pageParam, searchParam } from "~/lib/http.server";

const t = nl.usersAdmin;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "User", context as { ip?: string });
  const { value: search, error: searchError } = searchParam(request, "zoek");
  const page = pageParam(request);
  const result = await listUsers(ctx, { search, page });
  return { ...result, page, search, searchError, now: Date.now() };
}

/** "admin" → "Functioneel beheerder", "Team X: member" → "Team X: Teamlid". */
function roleSummary(roles: string): string {
  return roles.replace(/\b(coordinator|member|volunteer|admin|controller|partner_manager|researcher)\b/g, (r) => nl.common.roles[r] ?? r);
}

export default function AdminUsers() {
  const { rows, page, pages, search, searchError, total, now } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>{t.title}</h1>
      <p>
        {t.intro} <Link to="/beheer/uitnodigingen">{t.inviteLink}</Link>
      </p>
      <SearchForm
        label={t.search}
        button={t.searchButton}
        clearLabel={t.clear}
        clearTo="/beheer/gebruikers"
        value={search}
        error={searchError}
        active={!!search}
      />
      <p className="hint" aria-live="polite">
        {nl.common.resultCount(total)}
      </p>
      <TableCard caption={t.title} isEmpty={rows.length === 0} empty={t.empty}>
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.email}</th>
            <th scope="col">{t.partner}</th>
            <th scope="col">{t.roles}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.mfa}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id}>
              <td>
                <Link to={u.id}>{u.name}</Link>
              </td>
              <td>{u.email}</td>
              <td>{u.partner ?? "—"}</td>
              <td>{u.roles ? roleSummary(u.roles) : "—"}</td>
              <td>{!u.isActive ? t.inactive : u.lockedUntil && new Date(u.lockedUntil).getTime() > now ? t.locked : t.active}</td>
              <td>{u.mfa ? t.yes : t.no}</td>
            </tr>
          ))}
        </tbody>
      </TableCard>
      <Pagination page={page} pages={pages} search={search ? `zoek=${encodeURIComponent(search)}` : ""} />
    </div>
  );
}
