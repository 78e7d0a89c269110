// The casework figures of every municipality the functional admin administers, side by side (issue 16: "per
// municipality for the functional admin of several"). Aggregates only, suppressed; 404 for anyone else.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MunicipalitiesFiguresBody } from "~/components/figures";
import { requireUser } from "~/context.server";
import { nl } from "~/i18n/nl";
import { loadMunicipalitiesFiguresPage } from "~/lib/figures-route.server";

const t = nl.figuresPages;

export const meta: MetaFunction = () => [{ title: `${t.municipalitiesTitle} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const { data, status } = await loadMunicipalitiesFiguresPage(ctx, request, null);
  return json(data, { status });
}

export default function MunicipalitiesFigures() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>{t.municipalitiesTitle}</h1>
      <p>{t.municipalitiesIntro}</p>
      <MunicipalitiesFiguresBody {...data} />
    </div>
  );
}
