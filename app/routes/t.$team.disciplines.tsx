// The coordinator's discipline matrix (/t/<team>/disciplines): agreed,
// placed and registered hours per discipline, gaps against the intended mix.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireTeamContext } from "~/context.server";
import { teamDisciplineMatrix } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatHours } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.disciplineMatrix;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  return { matrix: await teamDisciplineMatrix(ctx).catch(toHttpError) };
}

const signed = (n: number) => (n > 0 ? `+${formatHours(n)}` : formatHours(n));

export default function DisciplineMatrixPage() {
  const { matrix } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="disciplines-heading" className="space-y-4">
      <h2 id="disciplines-heading">{t.title}</h2>
      <p>{t.intro(matrix.weeks)}</p>
      <p className="hint">{t.period(formatDate(matrix.from), formatDate(matrix.to))}</p>
      <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label={t.caption}>
        <table className="table">
          <caption className="pb-2 text-left text-lg font-semibold">{t.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.discipline}</th>
              <th scope="col" className="text-right">
                {t.agreed}
              </th>
              <th scope="col" className="text-right">
                {t.people}
              </th>
              <th scope="col" className="text-right">
                {t.contracted}
              </th>
              <th scope="col" className="text-right">
                {t.registered}
              </th>
              <th scope="col" className="text-right">
                {t.gap}
              </th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((r) => (
              <tr key={r.discipline} className={r.short ? "bg-amber-50" : undefined}>
                <th scope="row" className="font-normal">
                  {r.discipline}
                </th>
                <td className="text-right">{formatHours(r.agreed)}</td>
                <td className="text-right">{r.people}</td>
                <td className="text-right">{formatHours(r.contracted)}</td>
                <td className="text-right">{formatHours(r.registered)}</td>
                <td className="text-right">{r.agreed > 0 ? signed(r.gap) : "–"}</td>
                <td>{r.short ? <strong className="text-red-800">{t.short}</strong> : r.agreed > 0 ? t.ok : t.none}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="font-semibold">
              <th scope="row">{t.total}</th>
              <td className="text-right">{formatHours(matrix.totals.agreed)}</td>
              <td className="text-right">{matrix.totals.people}</td>
              <td className="text-right">{formatHours(matrix.totals.contracted)}</td>
              <td className="text-right">{formatHours(matrix.totals.registered)}</td>
              <td />
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
