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
import { unreadNotificationCount } from "~/core/notifications.server";
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
  // The request's id: the 500 page shows it as its reference (docs/operations.md).
  const requestId = (context as { requestId?: string | null } | undefined)?.requestId ?? null;
  // The layout shows navigation only to a fully signed-in user; pages do their own checks.
  const ctx = await requireUser(request, context as { ip?: string }).catch(() => null);
  if (!ctx) return { user: null, requestId };
  const m = ctx.user.municipalityId;
  const home = await homePathFor(ctx);
  return {
    requestId,
    user: { name: ctx.user.name, email: ctx.user.email },
    home,
    // "Mijn taken" first in the menu, for everyone whose start page it is.
    myTasks: home === "/taken",
    // A partner manager's own view, in the menu next to teams.
    partnerView: await partnerViewPath(ctx),
    teams: ctx.teams.map((t) => ({ slug: t.slug, name: t.name, role: t.role })),
    canAdminister: ctx.ability.can("manage", as("Settings", { municipalityId: m })),
    unreadNotifications: await unreadNotificationCount({ ...ctx, scope: { kind: "municipality", municipalityId: m, userId: ctx.user.id } }),
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

type MenuData = Extract<NonNullable<ReturnType<typeof useRootData>>, { teams: unknown }>;

/** The main menu's items: one list, shown inline on wide screens and inside "Menu" on phones. */
function MenuItems({ user, currentTeam, pathname }: { user: MenuData; currentTeam: string | undefined; pathname: string }) {
  const link = "block rounded px-2 py-1 text-white hover:bg-brand-700 hover:text-white md:inline md:px-0 md:py-0 md:hover:bg-transparent";
  return (
    <ul className="flex flex-col gap-1 md:flex-row md:flex-wrap md:items-center md:gap-4">
      {user.myTasks ? (
        <li>
          <NavLink to="/taken" className={link}>
            {nl.myTasks.navLabel}
          </NavLink>
        </li>
      ) : null}
      {user.teams && user.teams.length > 1 ? (
        <li>
          <details key={pathname} className="relative">
            <summary className="cursor-pointer rounded px-2 py-1 hover:bg-brand-700">{nl.common.teamSwitcher}</summary>
            <ul className="z-10 mt-2 rounded border border-gray-300 bg-white p-2 text-gray-900 shadow-lg md:absolute md:right-0 md:min-w-64">
              {user.teams.map((t) => (
                <li key={t.slug}>
                  <Link to={`/t/${t.slug}`} aria-current={currentTeam === t.slug ? "page" : undefined} className="block rounded px-2 py-1">
                    {t.name} <span className="text-sm text-gray-600">({nl.common.roles[t.role]})</span>
                  </Link>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ) : user.teams && user.teams.length === 1 ? (
        <li>
          <NavLink to={`/t/${user.teams[0].slug}`} className={link}>
            {user.teams[0].name}
          </NavLink>
        </li>
      ) : null}
      {user.partnerView ? (
        <li>
          <NavLink to={user.partnerView} className={link}>
            {nl.common.partnerView}
          </NavLink>
        </li>
      ) : null}
      <li>
        <NavLink to="/werkgroepen" className={link}>
          {nl.workgroups.navLabel}
        </NavLink>
      </li>
      <li>
        <NavLink to="/handboek" className={link}>
          {nl.common.handbook}
        </NavLink>
      </li>
      {user.canSeeKnowledge ? (
        <li>
          <NavLink to="/successen" className={link}>
            {nl.stories.navLabel}
          </NavLink>
        </li>
      ) : null}
      {user.canSeeKnowledge ? (
        <li>
          <NavLink to="/vragen" className={link}>
            {nl.questions.navLabel}
          </NavLink>
        </li>
      ) : null}
      {user.canSeeSocialMap ? (
        <li>
          <NavLink to="/sociale-kaart" className={link}>
            {nl.socialMap.navLabel}
          </NavLink>
        </li>
      ) : null}
      {user.canSeeMunicipality ? (
        <li>
          <NavLink to="/gemeente" className={link}>
            {nl.common.municipality}
          </NavLink>
        </li>
      ) : null}
      {user.canAdminister ? (
        <li>
          <NavLink to="/beheer" className={link}>
            {nl.common.admin}
          </NavLink>
        </li>
      ) : null}
      <li>
        <NavLink to="/meldingen" className={link}>
          {nl.notificationsPage.navLabel(user.unreadNotifications)}
        </NavLink>
      </li>
      <li>
        <NavLink to="/account" className={link}>
          {nl.common.account}
        </NavLink>
      </li>
      <li>
        <Form method="post" action="/uitloggen">
          <button type="submit" className="rounded border border-white px-3 py-1 hover:bg-brand-700">
            {nl.common.logout}
          </button>
        </Form>
      </li>
    </ul>
  );
}

/**
 * The header: on wide screens the menu in one row; on phones (below 768 px) the menu folds
 * into a <details> "Menu" that opens by tap or keyboard without any script. Only one of the
 * two is displayed at a time (display:none hides the other from screen readers too).
 */
function Header() {
  const data = useRootData();
  const location = useLocation();
  const currentTeam = location.pathname.match(/^\/t\/([^/]+)/)?.[1];
  const user = data?.user && "teams" in data ? (data as MenuData) : null;
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link to={user?.home ?? "/"} className="text-xl font-bold text-white no-underline hover:text-white">
          {nl.common.appName}
        </Link>
        {user ? (
          <>
            <details key={location.pathname} className="group w-full md:hidden [&:not([open])]:w-auto">
              <summary className="ml-auto flex w-max cursor-pointer list-none items-center gap-2 rounded border border-white px-3 py-1 hover:bg-brand-700 [&::-webkit-details-marker]:hidden">
                <span aria-hidden="true">☰</span> {nl.common.menu}
              </summary>
              <nav aria-label={nl.common.mainNav} className="mt-2 border-t border-brand-700 pt-2">
                <MenuItems user={user} currentTeam={currentTeam} pathname={location.pathname} />
              </nav>
            </details>
            <nav aria-label={nl.common.mainNav} className="hidden md:block">
              <MenuItems user={user} currentTeam={currentTeam} pathname={location.pathname} />
            </nav>
          </>
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
  // The server logged the error with this request's id (app/lib/logger.server.ts); the reference lets support find it.
  const requestId = useRouteLoaderData<typeof loader>("root")?.requestId;
  return (
    <section className="card max-w-2xl">
      <h1>{title}</h1>
      <p className="mt-2">{text}</p>
      <p className="hint mt-2">{nl.errorPages.code(status)}</p>
      {status >= 500 && requestId ? <p className="hint mt-2">{nl.errorPages.reference(requestId)}</p> : null}
      <p className="mt-4">
        <Link to="/">{nl.errorPages.toHome}</Link>
      </p>
    </section>
  );
}
