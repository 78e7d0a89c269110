// Knowledge questions to all teams: newest first, filter open/answered,
// paginated; professionals and the admin ask a new one.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/confirm";
import { requireWorkgroupContext } from "~/context.server";
import { listQuestions } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { pageParam, toHttpError } from "~/lib/http.server";

const t = nl.questions;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

const STATUS_PARAM: Record<string, string> = { open: "open", beantwoord: "answered" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const status = STATUS_PARAM[new URL(request.url).searchParams.get("status") ?? ""];
  return listQuestions(ctx, { page: pageParam(request), status }).catch(toHttpError);
}

export default function Questions() {
  const { items, status, page, pages, canAsk } = useLoaderData<typeof loader>();
  const tabs = [
    { to: "/vragen", label: t.all, current: status === null },
    { to: "/vragen?status=open", label: t.open, current: status === "open" },
    { to: "/vragen?status=beantwoord", label: t.answered, current: status === "answered" },
  ];
  return (
    <div className="max-w-3xl space-y-4">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p className="flex flex-wrap gap-4">
        {canAsk ? (
          <Link to="/vragen/nieuw" className="btn">
            {t.ask}
          </Link>
        ) : null}
        <Link to="/successen">{nl.stories.title}</Link>
        <Link to="/werkgroepen">{nl.workgroups.title}</Link>
      </p>
      <nav aria-label={t.filterNav}>
        <ul className="flex flex-wrap gap-4">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <Link to={tab.to} aria-current={tab.current ? "page" : undefined} className={tab.current ? "font-semibold" : undefined}>
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {items.length === 0 ? (
        <p className="card">{status ? t.emptyFiltered : t.empty}</p>
      ) : (
        <ul className="space-y-2">
          {items.map((q) => (
            <li key={q.id} className="card space-y-1">
              <Link to={`/vragen/${q.id}`} className="font-semibold">
                {q.title}
              </Link>
              <p className="hint">
                {t.meta(q.authorName, formatDate(q.createdAt))} · {t.answers(q.answers)}
                {q.theme ? <> · {t.themes[q.theme]}</> : null} <span className="badge">{q.answered ? t.answeredBadge : t.openBadge}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} search={status ? `status=${status === "answered" ? "beantwoord" : "open"}` : ""} />
    </div>
  );
}
