import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireMunicipalityContext } from "~/context.server";
import { nl } from "~/i18n/nl";

export const meta: MetaFunction = () => [{ title: `${nl.adminNav.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMunicipalityContext(request, "manage", "Settings", context as { ip?: string });
  return null;
}

export default function AdminHome() {
  return (
    <div className="space-y-4">
      <h1>{nl.adminNav.title}</h1>
      <p>{nl.adminHome.intro}</p>
      <section className="card" aria-labelledby="available-heading">
        <h2 id="available-heading">{nl.adminHome.available}</h2>
        <ul className="mt-2 list-disc pl-6">
          <li>
            <Link to="/gemeente">{nl.municipality.title}</Link>: {nl.adminHome.overview}
          </li>
          <li>
            <Link to="/beheer/mailbox">{nl.adminNav.mailbox}</Link>: {nl.adminHome.mailbox}
          </li>
        </ul>
      </section>
    </div>
  );
}
