// The city's casework figures (issue 16): per team and for the city, small
// counts suppressed by the engine. For the budget controller and the research
// office (Onderzoek & Statistiek, whose home this is); never a household.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FiguresPageBody } from "~/components/figures";
import { requireMunicipalityContext } from "~/context.server";
import { nl } from "~/i18n/nl";
import { loadFiguresPage } from "~/lib/figures-route.server";

const t = nl.figuresPages;
const PATH = "/gemeente/cijfers";

export const meta: MetaFunction = () => [{ title: `${nl.figures.cityTitle} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "CaseworkFigures", context as { ip?: string });
  const { data, status } = await loadFiguresPage(ctx, { kind: "city" }, request);
  return json(data, { status });
}

export default function CityFigures() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>{nl.figures.cityTitle}</h1>
      <p>{t.cityIntro}</p>
      <FiguresPageBody path={PATH} {...data} />
    </div>
  );
}
