import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MyActionItems } from "~/components/workgroup-meetings";
import { requireMunicipalityContext } from "~/context.server";
import { listMyActionItems } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";

export const meta: MetaFunction = () => [{ title: `${nl.adminNav.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Settings", context as { ip?: string });
  // Action items from workgroups the admin is in: this is their home page.
  // The functional admin of several municipalities also finds their casework figures here (issue 16).
  return { myActions: await listMyActionItems(ctx), severalMunicipalities: ctx.ability.can("read", "MunicipalitiesFigures") };
}

const h = nl.adminHome;
const n = nl.adminNav;
const ADMIN_SECTIONS: [string, string, string][] = [
  ["/gemeente", nl.municipality.title, h.overview],
  ["/beheer/teams", n.teams, h.teams],
  ["/beheer/buurten", n.buurten, h.buurten],
  ["/beheer/partners", n.partners, h.partners],
  ["/beheer/gebruikers", n.users, h.users],
  ["/beheer/uitnodigingen", n.invitations, h.invitations],
  ["/beheer/audit", n.audit, h.audit],
  ["/beheer/instellingen", n.settings, h.settings],
  ["/beheer/mailbox", n.mailbox, h.mailbox],
];

export default function AdminHome() {
  const { myActions, severalMunicipalities } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1>{nl.adminNav.title}</h1>
      <p>{nl.adminHome.intro}</p>
      {myActions.length > 0 ? <MyActionItems items={myActions} /> : null}
      <section className="card" aria-labelledby="available-heading">
        <h2 id="available-heading">{nl.adminHome.available}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          {ADMIN_SECTIONS.map(([to, label, description]) => (
            <li key={to}>
              <Link to={to}>{label}</Link>: {description}
            </li>
          ))}
          {severalMunicipalities ? (
            <li>
              <Link to="/gemeenten/cijfers">{nl.figuresPages.municipalitiesTitle}</Link>: {nl.figuresPages.municipalitiesLinkHint}
            </li>
          ) : null}
        </ul>
      </section>
    </div>
  );
}
