// The city's figures for print (A4): period, scope and the date printed on the
// page, small counts suppressed as on the screen, without the site's navigation.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FiguresPrintHeader, FiguresReport } from "~/components/figures";
import { requireMunicipalityContext } from "~/context.server";
import { nl } from "~/i18n/nl";
import { loadFiguresPage } from "~/lib/figures-route.server";
import { formatDate } from "~/lib/format";

const t = nl.figuresPages;

export const meta: MetaFunction = () => [{ title: `${t.print.title(t.print.cityScope)} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "CaseworkFigures", context as { ip?: string });
  const { data } = await loadFiguresPage(ctx, { kind: "city" }, request);
  if (!data.report) throw new Response(t.period.invalid, { status: 400 });
  return { report: data.report, search: data.search, periodLabel: data.periodLabel, printedOn: formatDate(new Date()) };
}

export default function CityFiguresPrint() {
  const { report, search, periodLabel, printedOn } = useLoaderData<typeof loader>();
  return (
    <article className="space-y-6 print:space-y-4 print:text-black">
      <FiguresPrintHeader
        title={t.print.title(t.print.cityScope)}
        scope={t.print.cityScope}
        period={periodLabel}
        printedOn={printedOn}
        backHref={`/gemeente/cijfers${search}`}
      />
      <FiguresReport report={report} print />
    </article>
  );
}
