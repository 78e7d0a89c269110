// The city-wide wall of success stories: newest first, filtered by team and
// theme, paginated; reactions toggle in place. Readers: professionals, the
// functional admin and the controller (RLS, migration 0017).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Pagination } from "~/components/confirm";
import { StoryCard } from "~/components/knowledge";
import { SelectField, urlField } from "~/components/form";
import { requireWorkgroupContext } from "~/context.server";
import { listStories } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { pageParam, toHttpError } from "~/lib/http.server";
import { reactToStory } from "~/lib/knowledge.server";
import { SuccessNotice } from "~/components/notice";
import { readFormData } from "~/lib/form.server";

const t = nl.stories;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const url = new URL(request.url);
  return listStories(ctx, {
    page: pageParam(request),
    team: url.searchParams.get("team") ?? undefined,
    theme: url.searchParams.get("thema") ?? undefined,
  }).catch(toHttpError);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  return reactToStory(ctx, await readFormData(request));
}

export default function Wall() {
  const { items, filter, teams, page, pages, total, canCreate } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = params.get("gedaan") === "verwijderd" ? t.removed : null;
  const filtered = Boolean(filter.team || filter.theme);
  const search = new URLSearchParams();
  if (filter.team) search.set("team", filter.team);
  if (filter.theme) search.set("thema", filter.theme);
  return (
    <div className="max-w-3xl space-y-4">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <p className="flex flex-wrap gap-4">
        {canCreate ? (
          <Link to="/successen/nieuw" className="btn">
            {t.newStory}
          </Link>
        ) : null}
        <Link to="/vragen">{nl.questions.title}</Link>
        <Link to="/werkgroepen">{nl.workgroups.title}</Link>
      </p>
      <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t.filterLabel}>
        <SelectField
          field={urlField("team", filter.team ?? "")}
          selectClassName="input max-w-md"
          label={t.filterTeam}
          placeholder={t.allTeams}
          options={teams.map((x) => ({ value: x.id, label: x.name }))}
        />
        <SelectField
          field={urlField("thema", filter.theme ?? "")}
          selectClassName="input max-w-md"
          label={t.filterTheme}
          placeholder={t.allThemes}
          options={Object.entries(t.themes).map(([value, label]) => ({ value, label }))}
        />
        <button type="submit" className="btn btn-secondary">
          {t.filter}
        </button>
      </Form>
      <p role="status">{t.count(total)}</p>
      {items.length === 0 ? <p className="card">{filtered ? t.emptyFiltered : t.empty}</p> : items.map((s) => <StoryCard key={s.id} story={s} />)}
      <Pagination page={page} pages={pages} search={search.toString()} />
    </div>
  );
}
