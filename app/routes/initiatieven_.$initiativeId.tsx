// /initiatieven/<id> — one buurtinitiatief for every professional, and where
// it is linked: the sociale kaart's entries that are this initiative. Plans
// of households may point to it too; those links stay in the household's file
// and are not shown here (issue 19).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMunicipalityContext } from "~/context.server";
import { getInitiative } from "~/core/neighbourhood.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.initiatives;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && "initiative" in data ? data.initiative.name : t.title} – ${nl.common.appName}` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "NeighbourhoodInitiative", context as { ip?: string });
  const initiative = await getInitiative(ctx, params.initiativeId ?? "").catch(toHttpError);
  return { initiative };
}

export default function Initiative() {
  const { initiative: i } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl space-y-4">
      <p>
        <Link to="/initiatieven">{t.back}</Link>
      </p>
      <h1>{i.name}</h1>
      <section aria-labelledby="about-heading" className="card space-y-2">
        <h2 id="about-heading" className="sr-only">
          {t.description}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt>{t.buurt}</dt>
          <dd>{i.buurtName}</dd>
          <dt>{t.team}</dt>
          <dd>{i.teamName}</dd>
          <dt>{t.status}</dt>
          <dd>
            {t.startedOnLong(formatDate(i.startedOn))} · {i.endedOn ? t.endedOn(formatDate(i.endedOn)) : t.active}
            {i.teamHelpedStart ? ` · ${t.helped}` : ""}
          </dd>
          {i.contactOrganisation ? (
            <>
              <dt>{t.contactOrganisation}</dt>
              <dd>{i.contactOrganisation}</dd>
            </>
          ) : null}
        </dl>
        {i.description ? <p className="whitespace-pre-line">{i.description}</p> : null}
      </section>
      <section aria-labelledby="linked-heading" className="card space-y-2">
        <h2 id="linked-heading">{t.linkedTitle}</h2>
        <h3 className="text-base">{t.onSocialMap}</h3>
        {i.socialMap.length ? (
          <ul className="list-disc pl-6">
            {i.socialMap.map((p) => (
              <li key={p.id}>
                <Link to={`/sociale-kaart/${p.id}`}>{p.name}</Link>
                {p.archived ? ` (${t.archived})` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.notOnSocialMap}</p>
        )}
        <p className="text-sm">{t.plansNote}</p>
      </section>
    </div>
  );
}
