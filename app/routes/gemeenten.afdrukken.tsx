// The municipalities' figures for print (A4), for their functional admin: side by side, or one municipality
// per team (?gemeente=<slug>); period and date printed on the page, suppressed as on the screen.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FiguresPrintHeader, FiguresReport } from "~/components/figures";
import { requireUser } from "~/context.server";
import { nl } from "~/i18n/nl";
import { loadMunicipalitiesFiguresExport } from "~/lib/figures-route.server";
import { formatDate } from "~/lib/format";

const t = nl.figuresPages;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t.print.title(data?.chosen ? t.print.municipalityScope(data.chosen.name) : t.print.municipalitiesScope)} – ${nl.common.appName}` },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const { report, search, periodLabel, chosen } = await loadMunicipalitiesFiguresExport(ctx, request);
  return { report, periodLabel, chosen, printedOn: formatDate(new Date()), backHref: `/gemeenten/cijfers${chosen ? `/${chosen.slug}` : ""}${search}` };
}

export default function MunicipalitiesFiguresPrint() {
  const { report, periodLabel, chosen, printedOn, backHref } = useLoaderData<typeof loader>();
  const scope = chosen ? t.print.municipalityScope(chosen.name) : t.print.municipalitiesScope;
  return (
    <article className="space-y-6 print:space-y-4 print:text-black">
      <FiguresPrintHeader title={t.print.title(scope)} scope={scope} period={periodLabel} printedOn={printedOn} backHref={backHref} />
      <FiguresReport report={report} print />
    </article>
  );
}
