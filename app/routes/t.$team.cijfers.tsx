// The team's casework figures (issue 16): every table of the report with its
// chart, for a period in the URL; nothing suppressed inside the team.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FiguresPageBody } from "~/components/figures";
import { requireTeamContext } from "~/context.server";
import { nl } from "~/i18n/nl";
import { loadFiguresPage } from "~/lib/figures-route.server";

const t = nl.figuresPages;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${nl.figures.teamTitle}${data ? ` ${data.team.name}` : ""} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const { data, status } = await loadFiguresPage(ctx, { kind: "team", teamId: ctx.team.id }, request);
  return json({ ...data, team: { slug: ctx.team.slug, name: ctx.team.name } }, { status });
}

export default function TeamFigures() {
  const { team, ...figures } = useLoaderData<typeof loader>();
  const path = `/t/${team.slug}/cijfers`;
  return (
    <div className="space-y-6">
      <h2>{nl.figures.teamTitle}</h2>
      <p>{t.teamIntro}</p>
      <FiguresPageBody path={path} {...figures} />
    </div>
  );
}
