// The city-wide handbook: its pages; coordinators and the admin add pages.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireWorkgroupContext } from "~/context.server";
import { listHandbookPages } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.handbook;
export const meta: MetaFunction = () => [{ title: `${t.cityTitle} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const { pages, canEdit } = await listHandbookPages(ctx, null).catch(toHttpError);
  return { pages, canEdit };
}

export default function CityHandbook() {
  const { pages, canEdit } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl space-y-4">
      <p>
        <Link to="/werkgroepen">{nl.workgroups.title}</Link>
      </p>
      <h1>{t.cityTitle}</h1>
      <p>{t.cityIntro}</p>
      {canEdit ? (
        <p>
          <Link to="/handboek/nieuw" className="btn">
            {t.newPage}
          </Link>
        </p>
      ) : null}
      {pages.length === 0 ? (
        <p className="card">{t.empty}</p>
      ) : (
        <ul className="space-y-2">
          {pages.map((p) => (
            <li key={p.slug} className="card">
              <Link to={`/handboek/${p.slug}`} className="font-semibold">
                {p.title}
              </Link>
              <p className="hint">{t.lastChanged(p.updatedByName, formatDateTime(p.updatedAt), p.version)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
