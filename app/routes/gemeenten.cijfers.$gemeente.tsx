// One municipality's casework figures, per team, for its functional admin who administers several (issue 16).
// Aggregates only, suppressed; 404 for a municipality they do not administer and for anyone else.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MunicipalitiesFiguresBody } from "~/components/figures";
import { requireUser } from "~/context.server";
import { nl } from "~/i18n/nl";
import { loadMunicipalitiesFiguresPage } from "~/lib/figures-route.server";

const t = nl.figuresPages;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.chosen ? t.municipalityShown(data.chosen.name) : t.municipalitiesTitle} – ${nl.common.appName}` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const { data, status } = await loadMunicipalitiesFiguresPage(ctx, request, params.gemeente ?? "");
  return json(data, { status });
}

export default function OneMunicipalityFigures() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>{t.municipalitiesTitle}</h1>
      <p>{t.municipalitiesIntro}</p>
      <MunicipalitiesFiguresBody {...data} />
    </div>
  );
}
