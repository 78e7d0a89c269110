// Layout of the functional admin's pages. Each child route does its own
// checkpoint with the permission it needs; this layout only needs one of them.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useRouteError } from "@remix-run/react";
import { requireMunicipalityContext } from "~/context.server";
import { nl } from "~/i18n/nl";
import { ErrorPage } from "~/root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMunicipalityContext(request, "manage", "Settings", context as { ip?: string });
  return null;
}

const sections: [string, string][] = [
  ["/beheer", nl.adminNav.overview],
  ["/beheer/teams", nl.adminNav.teams],
  ["/beheer/buurten", nl.adminNav.buurten],
  ["/beheer/straten", nl.streetsAdmin.navLabel],
  ["/beheer/partners", nl.adminNav.partners],
  ["/beheer/gebruikers", nl.adminNav.users],
  ["/beheer/uitnodigingen", nl.adminNav.invitations],
  ["/beheer/audit", nl.adminNav.audit],
  ["/beheer/instellingen", nl.adminNav.settings],
  ["/beheer/mailbox", nl.adminNav.mailbox],
];

export default function AdminLayout() {
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <nav aria-label={nl.adminNav.label} className="md:w-56">
        <ul className="card space-y-1 p-3">
          {sections.map(([to, label]) => (
            <li key={to}>
              <NavLink end={to === "/beheer"} to={to} className="block rounded px-2 py-1 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold">
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 flex-1">
        <Outlet />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
