import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { requireUser, homePathFor, partnerViewPath } from "~/context.server";
import { listNotifications } from "~/core/notifications.server";
import { nl } from "~/i18n/nl";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];
export const meta: MetaFunction = () => [{ title: nl.common.appName }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // The public team finder never reads the session (nor sets its cookie): the same page for everyone, cacheable.
  if (/^\/buurt(\/|$)/.test(new URL(request.url).pathname)) return { user: null };
  // The layout shows navigation only to a fully signed-in user; pages do their own checks.
  const ctx = await requireUser(request, context as { ip?: string }).catch(() => null);
  if (!ctx) return { user: null };
  const m = ctx.user.municipalityId;
  const home = await homePathFor(ctx);
  return {
    user: { name: ctx.user.name, email: ctx.user.email },
    home,
    // "Mijn taken" first in the menu, for everyone whose start page it is.
    myTasks: home === "/taken",
    // A partner manager's own view, in the menu next to teams.
    partnerView: await partnerViewPath(ctx),
    teams: ctx.teams.map((t) => ({ slug: t.slug, name: t.name, role: t.role })),
    canAdminister: ctx.ability.can("manage", as("Settings", { municipalityId: m })),
    unreadNotifications: (await listNotifications({ ...ctx, scope: { kind: "municipality", municipalityId: m, userId: ctx.user.id } }, 1)).unread,
    canSeeMunicipality: ctx.ability.can("read", as("MunicipalityOverview", { municipalityId: m })),
    // The success stories wall and the knowledge questions (professionals, the admin, the controller).
    canSeeKnowledge: ctx.ability.can("read", as("SuccessStory", { municipalityId: m })),
    // The sociale kaart (every professional, the admin, the controller).
    canSeeSocialMap: ctx.ability.can("read", as("SocialMap", { municipalityId: m })),
  };
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function Header() {
  const data = useRootData();
  const location = useLocation();
  const currentTeam = location.pathname.match(/^\/t\/([^/]+)/)?.[1];
  const user = data?.user ? data : null;
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link to={user?.home ?? "/"} className="text-xl font-bold text-white no-underline hover:text-white">
          {nl.common.appName}
        </Link>
        {user && "teams" in user ? (
          <nav aria-label={nl.common.mainNav} className="flex flex-wrap items-center gap-4">
            {user.myTasks ? (
              <NavLink to="/taken" className="text-white hover:text-white">
                {nl.myTasks.navLabel}
              </NavLink>
            ) : null}
            {user.teams && user.teams.length > 1 ? (
              <details key={location.pathname} className="relative">
                <summary className="cursor-pointer rounded px-2 py-1 hover:bg-brand-700">{nl.common.teamSwitcher}</summary>
                <ul className="absolute right-0 z-10 mt-2 min-w-64 rounded border border-gray-300 bg-white p-2 text-gray-900 shadow-lg">
                  {user.teams.map((t) => (
                    <li key={t.slug}>
                      <Link to={`/t/${t.slug}`} aria-current={currentTeam === t.slug ? "page" : undefined} className="block rounded px-2 py-1">
                        {t.name} <span className="text-sm text-gray-600">({nl.common.roles[t.role]})</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </details>
            ) : user.teams && user.teams.length === 1 ? (
              <NavLink to={`/t/${user.teams[0].slug}`} className="text-white hover:text-white">
                {user.teams[0].name}
              </NavLink>
            ) : null}
            {user.partnerView ? (
              <NavLink to={user.partnerView} className="text-white hover:text-white">
                {nl.common.partnerView}
              </NavLink>
            ) : null}
            <NavLink to="/werkgroepen" className="text-white hover:text-white">
              {nl.workgroups.navLabel}
            </NavLink>
            {user.canSeeKnowledge ? (
              <NavLink to="/successen" className="text-white hover:text-white">
                {nl.stories.navLabel}
              </NavLink>
            ) : null}
            {user.canSeeKnowledge ? (
              <NavLink to="/vragen" className="text-white hover:text-white">
                {nl.questions.navLabel}
              </NavLink>
            ) : null}
            {user.canSeeSocialMap ? (
              <NavLink to="/sociale-kaart" className="text-white hover:text-white">
                {nl.socialMap.navLabel}
              </NavLink>
            ) : null}
            {user.canSeeMunicipality ? (
              <NavLink to="/gemeente" className="text-white hover:text-white">
                {nl.common.municipality}
              </NavLink>
            ) : null}
            {user.canAdminister ? (
              <NavLink to="/beheer" className="text-white hover:text-white">
                {nl.common.admin}
              </NavLink>
            ) : null}
            <NavLink to="/meldingen" className="text-white hover:text-white">
              {nl.notificationsPage.navLabel(user.unreadNotifications)}
            </NavLink>
            <NavLink to="/account" className="text-white hover:text-white">
              {nl.common.account}
            </NavLink>
            <Form method="post" action="/uitloggen">
              <button type="submit" className="rounded border border-white px-3 py-1 hover:bg-brand-700">
                {nl.common.logout}
              </button>
            </Form>
          </nav>
        ) : null}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col font-sans">
        <a href="#inhoud" className="sr-only-focusable absolute left-2 top-2 z-50 rounded bg-white px-3 py-2 text-brand-800">
          {nl.common.skipLink}
        </a>
        <Header />
        <main id="inhoud" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
          {children}
        </main>
        <footer className="border-t border-gray-300 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-3 text-sm text-gray-700">{nl.common.tagline}</div>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage error={error} />;
}

/** Dutch 403/404/500 pages that still let the user navigate. */
export function ErrorPage({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 404
      ? [nl.errorPages.notFoundTitle, nl.errorPages.notFoundText]
      : status === 403
        ? [nl.errorPages.forbiddenTitle, nl.errorPages.forbiddenText]
        : [nl.errorPages.serverErrorTitle, nl.errorPages.serverErrorText];
  if (status >= 500) console.error(error);
  return (
    <section className="card max-w-2xl">
      <h1>{title}</h1>
      <p className="mt-2">{text}</p>
      <p className="hint mt-2">{nl.errorPages.code(status)}</p>
      <p className="mt-4">
        <Link to="/">{nl.errorPages.toHome}</Link>
      </p>
    </section>
  );
}
