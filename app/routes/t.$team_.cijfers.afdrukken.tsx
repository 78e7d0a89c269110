// The team's figures for print (A4): period, scope and the date printed on the
// page, without the site's and the team's navigation (outside the team layout).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FiguresPrintHeader, FiguresReport } from "~/components/figures";
import { requireTeamContext } from "~/context.server";
import { nl } from "~/i18n/nl";
import { loadFiguresPage } from "~/lib/figures-route.server";
import { formatDate } from "~/lib/format";

const t = nl.figuresPages;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t.print.title(t.print.teamScope(data.team.name)) : nl.figures.teamTitle} – ${nl.common.appName}` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const { data } = await loadFiguresPage(ctx, { kind: "team", teamId: ctx.team.id }, request);
  if (!data.report) throw new Response(t.period.invalid, { status: 400 });
  return {
    report: data.report,
    search: data.search,
    periodLabel: data.periodLabel,
    printedOn: formatDate(new Date()),
    team: { slug: ctx.team.slug, name: ctx.team.name },
  };
}

export default function TeamFiguresPrint() {
  const { report, search, periodLabel, printedOn, team } = useLoaderData<typeof loader>();
  const scope = t.print.teamScope(team.name);
  return (
    <article className="space-y-6 print:space-y-4 print:text-black">
      <FiguresPrintHeader title={t.print.title(scope)} scope={scope} period={periodLabel} printedOn={printedOn} backHref={`/t/${team.slug}/cijfers${search}`} />
      <FiguresReport report={report} print />
    </article>
  );
}
