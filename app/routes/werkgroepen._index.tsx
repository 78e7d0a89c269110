// The workgroups the user may see (RLS by membership and open-ness), with
// search, the city-wide handbook and — for coordinators and the admin — a
// new group.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { TableCard } from "~/components/data-table";
import { Pagination } from "~/components/confirm";
import { requireWorkgroupContext } from "~/context.server";
import { MyActionItems } from "~/components/workgroup-meetings";
import { listMyActionItems, listWorkgroups } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { pageParam, toHttpError } from "~/lib/http.server";

const t = nl.workgroups;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const list = await listWorkgroups(ctx, { page: pageParam(request) }).catch(toHttpError);
  return {
    ...list,
    canSeeKnowledge: ctx.ability.can("read", as("SuccessStory", { municipalityId: ctx.user.municipalityId })),
    myActions: await listMyActionItems(ctx),
  };
}

export default function Workgroups() {
  const { items, page, pages, canCreate, canSeeKnowledge, myActions } = useLoaderData<typeof loader>();
  // Nothing readable and nothing to start: a volunteer, who joins a group only when a facilitator adds them.
  const addedOnly = !canCreate && !canSeeKnowledge && items.every((g) => !g.canRead);
  return (
    <div className="space-y-4">
      <h1>{t.title}</h1>
      <p>{addedOnly ? t.addedOnlyIntro : t.intro}</p>
      <p className="hint">{t.privacyNote}</p>
      {myActions.length > 0 ? <MyActionItems items={myActions} /> : null}
      <Form method="get" action="/werkgroepen/zoeken" role="search" className="flex flex-wrap items-end gap-2">
        <div className="field">
          <label htmlFor="zoek">{t.searchLabel}</label>
          <input id="zoek" type="search" name="q" className="input" />
        </div>
        <button type="submit" className="btn">
          {t.searchButton}
        </button>
      </Form>
      <p className="flex flex-wrap gap-4">
        <Link to="/handboek">{t.handbookLink}</Link>
        {canSeeKnowledge ? <Link to="/successen">{nl.stories.title}</Link> : null}
        {canSeeKnowledge ? <Link to="/vragen">{nl.questions.title}</Link> : null}
        {canCreate ? (
          <Link to="/werkgroepen/nieuw" className="btn">
            {t.newGroup}
          </Link>
        ) : null}
      </p>
      <TableCard caption={t.title} isEmpty={items.length === 0} empty={t.empty}>
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.kind}</th>
            <th scope="col" className="text-right">
              {t.members}
            </th>
            <th scope="col">{t.yourRole}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((g) => (
            <tr key={g.id}>
              <th scope="row" className="text-left font-normal">
                <Link to={`/werkgroepen/${g.slug}`}>{g.name}</Link>
                <span className="hint block">{g.description.slice(0, 160)}</span>
              </th>
              <td>{g.isOpen ? t.open : t.closed}</td>
              <td className="text-right">{g.memberCount}</td>
              <td>{g.myRole ? t.roles[g.myRole] : g.requested ? t.requested : t.notMember}</td>
            </tr>
          ))}
        </tbody>
      </TableCard>
      <Pagination page={page} pages={pages} />
    </div>
  );
}
