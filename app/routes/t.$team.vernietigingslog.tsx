// The team's destruction log (coordinator only; 404 for anyone else): which
// households' files were destroyed, when, why (retention or erasure) and
// what kinds of records — never their content.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/confirm";
import { requireTeamContext } from "~/context.server";
import { destroyedRecordLabels, destructionReasonLabels, legalBasisLabels, listDestructionLog } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { pageParam, toHttpError } from "~/lib/http.server";

const t = nl.caseworkPrivacy.destructionLog;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const log = await listDestructionLog(ctx, { page: pageParam(request) }).catch(toHttpError);
  const erased = new URL(request.url).searchParams.get("gewist") ?? "";
  return {
    page: log.page,
    pages: log.pages,
    // Labels here: the browser bundle cannot import the core.
    entries: log.entries.map((e) => ({
      key: `${e.householdReference}-${e.destroyedAt.toISOString()}-${e.reason}`,
      reference: e.householdReference,
      destroyedAt: e.destroyedAt.toISOString(),
      reason: destructionReasonLabels[e.reason] ?? e.reason,
      basis: e.legalBasis ? (legalBasisLabels[e.legalBasis] ?? e.legalBasis) : "—",
      what: Object.entries(e.kinds)
        .map(([kind, n]) => `${n} × ${destroyedRecordLabels[kind] ?? kind}`)
        .join(", "),
    })),
    erased: /^[A-Za-z0-9-]{1,40}$/.test(erased) ? erased : null,
  };
}

export default function DestructionLog() {
  const { entries, page, pages, erased } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <section aria-labelledby="destruction-title" className="mt-4 space-y-3">
      <h2 id="destruction-title">{t.title}</h2>
      {erased ? (
        <div role="status" className="alert alert-success">
          {t.erased(erased)}
        </div>
      ) : null}
      <p>{t.intro}</p>
      {entries.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t.columns.when}</th>
                <th scope="col">{t.columns.reference}</th>
                <th scope="col">{t.columns.reason}</th>
                <th scope="col">{t.columns.basis}</th>
                <th scope="col">{t.columns.what}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.key}>
                  <td>{formatDateTime(e.destroyedAt)}</td>
                  <td>{e.reference}</td>
                  <td>{e.reason}</td>
                  <td>{e.basis}</td>
                  <td>{e.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pages={pages} search={search} />
        </>
      )}
    </section>
  );
}
