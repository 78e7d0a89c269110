// The functional admin's audit log: filters in the query string (a GET form),
// 50 events per page, and the same selection as CSV (?format=csv).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/confirm";
import { requireMunicipalityContext } from "~/context.server";
import { isDomainError } from "~/core/common.server";
import { listAuditEvents, listAuditTeams, type AuditLogPage } from "~/core/audit.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { PARAMS, filterSearch, readFilters, type FilterKey } from "~/lib/audit-filters";
import { pageParam, toHttpError } from "~/lib/http.server";

const t = nl.auditPage;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "AuditEvent", context as { ip?: string });
  const url = new URL(request.url);
  const values = readFilters(url.searchParams);
  const teams = await listAuditTeams(ctx);
  try {
    const list: AuditLogPage = await listAuditEvents(ctx, values, pageParam(request));
    return { ...list, values, teams, fieldErrors: {} as Record<string, string> };
  } catch (e) {
    if (!isDomainError(e) || e.code !== "invalid_input") toHttpError(e);
    const fieldErrors = Object.fromEntries(Object.keys(e.fieldErrors).map((k) => [k, t.fieldErrors[k] ?? nl.domainErrors.invalid_input]));
    return { rows: [], total: 0, pages: 1, page: 1, values, teams, fieldErrors };
  }
}

/** The action filter's options: per group "all of the group", then each action. */
function actionGroups() {
  const groups = new Map<string, string[]>();
  for (const action of Object.keys(t.actions)) {
    const prefix = action.split(".")[0];
    groups.set(prefix, [...(groups.get(prefix) ?? []), action]);
  }
  return [...groups].map(([prefix, actions]) => ({ prefix, label: t.actionGroups[prefix] ?? prefix, actions }));
}

/** A short readable summary of an event's data: "key: value" pairs. */
function summarise(data: Record<string, unknown>): string[] {
  return Object.entries(data ?? {})
    .slice(0, 6)
    .map(([k, v]) => {
      const text = v === null || v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v);
      return `${k}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`;
    });
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

function fieldProps(key: FilterKey, errors: Record<string, string>, hint?: boolean) {
  const describedBy = [hint ? `filter-${key}-hint` : null, errors[key] ? `filter-${key}-error` : null].filter(Boolean).join(" ");
  return {
    id: `filter-${key}`,
    name: PARAMS[key],
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

export default function AuditLog() {
  const { rows, total, page, pages, values, teams, fieldErrors } = useLoaderData<typeof loader>();
  const search = filterSearch(values);
  const csvHref = `/beheer/audit/csv?${search}`;
  const hasErrors = Object.keys(fieldErrors).length > 0;

  return (
    <div className="space-y-6">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p className="hint">
        {t.appendOnly} <code>{t.verifyCommand}</code>.
      </p>

      <form method="get" className="card" aria-labelledby="audit-filters-title" noValidate>
        <h2 id="audit-filters-title" className="mb-3">
          {t.filtersTitle}
        </h2>
        {hasErrors ? <p className="alert alert-error">{t.filterErrors}</p> : null}
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <div className="field">
            <label htmlFor="filter-action">{t.action}</label>
            <select {...fieldProps("action", fieldErrors)} defaultValue={values.action} className="input" key={`action-${values.action}`}>
              <option value="">{t.allActions}</option>
              {actionGroups().map((g) => (
                <optgroup key={g.prefix} label={g.label}>
                  <option value={`${g.prefix}.`}>{t.allInGroup(g.label)}</option>
                  {g.actions.map((a) => (
                    <option key={a} value={a}>
                      {t.actions[a]}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <FieldError id="filter-action-error" message={fieldErrors.action} />
          </div>
          <div className="field">
            <label htmlFor="filter-actor">{t.actor}</label>
            <p id="filter-actor-hint" className="hint">
              {t.actorHint}
            </p>
            <input {...fieldProps("actor", fieldErrors, true)} type="search" defaultValue={values.actor} className="input" key={`actor-${values.actor}`} />
            <FieldError id="filter-actor-error" message={fieldErrors.actor} />
          </div>
          <div className="field">
            <label htmlFor="filter-object">{t.object}</label>
            <p id="filter-object-hint" className="hint">
              {t.objectHint}
            </p>
            <input {...fieldProps("object", fieldErrors, true)} type="search" defaultValue={values.object} className="input" key={`object-${values.object}`} />
            <FieldError id="filter-object-error" message={fieldErrors.object} />
          </div>
          <div className="field">
            <label htmlFor="filter-result">{t.result}</label>
            <select {...fieldProps("result", fieldErrors)} defaultValue={values.result} className="input" key={`result-${values.result}`}>
              <option value="">{t.allResults}</option>
              <option value="success">{t.results.success}</option>
              <option value="failure">{t.results.failure}</option>
            </select>
            <FieldError id="filter-result-error" message={fieldErrors.result} />
          </div>
          <div className="field">
            <label htmlFor="filter-team">{t.team}</label>
            <select {...fieldProps("team", fieldErrors)} defaultValue={values.team} className="input" key={`team-${values.team}`}>
              <option value="">{t.allTeams}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
            <FieldError id="filter-team-error" message={fieldErrors.team} />
          </div>
          <div className="grid grid-cols-2 gap-x-4">
            <div className="field">
              <label htmlFor="filter-from">{t.from}</label>
              <input {...fieldProps("from", fieldErrors)} type="date" defaultValue={values.from} className="input" key={`from-${values.from}`} />
              <FieldError id="filter-from-error" message={fieldErrors.from} />
            </div>
            <div className="field">
              <label htmlFor="filter-to">{t.to}</label>
              <input {...fieldProps("to", fieldErrors)} type="date" defaultValue={values.to} className="input" key={`to-${values.to}`} />
              <FieldError id="filter-to-error" message={fieldErrors.to} />
            </div>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn">
            {t.filter}
          </button>
          <a href="/beheer/audit">{t.clearFilters}</a>
        </div>
      </form>

      <div className="flex flex-wrap items-center justify-between gap-4">
        <p role="status">{hasErrors ? "" : rows.length === 0 ? t.empty : t.count(total)}</p>
        {!hasErrors && total > 0 ? (
          <div className="flex flex-col items-end gap-1">
            <a className="btn btn-secondary" href={csvHref} aria-describedby="audit-csv-hint" download>
              {t.downloadCsv}
            </a>
            <p id="audit-csv-hint" className="hint">
              {t.downloadCsvHint}
            </p>
          </div>
        ) : null}
      </div>

      {rows.length > 0 ? (
        <div className="card overflow-x-auto p-0" role="region" aria-labelledby="audit-table-caption" tabIndex={0}>
          <table className="table text-sm">
            <caption id="audit-table-caption" className="sr-only">
              {t.tableCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.colTime}</th>
                <th scope="col">{t.colWho}</th>
                <th scope="col">{t.colAction}</th>
                <th scope="col">{t.colObject}</th>
                <th scope="col">{t.colTeam}</th>
                <th scope="col">{t.colResult}</th>
                <th scope="col">{t.colIp}</th>
                <th scope="col">{t.colData}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const summary = summarise(r.data);
                return (
                  <tr key={r.seq}>
                    <td className="whitespace-nowrap">
                      <time dateTime={new Date(r.occurredAt).toISOString()}>{formatDateTime(r.occurredAt)}</time>
                    </td>
                    <td>
                      {r.actor?.id || (r.actor?.name && r.actor.name !== "systeem") ? (
                        <>
                          <span className="block">{r.actor?.name}</span>
                          {r.actor?.email ? <span className="hint block break-all">{r.actor.email}</span> : null}
                        </>
                      ) : (
                        t.system
                      )}
                    </td>
                    <td>
                      <span className="block">{t.actions[r.action] ?? r.action}</span>
                      <code className="hint">{r.action}</code>
                    </td>
                    <td>
                      <span className="block">{t.objectTypes[r.objectType] ?? r.objectType}</span>
                      {r.objectId ? <code className="hint break-all">{r.objectId}</code> : null}
                    </td>
                    <td>{r.teamName ?? t.noTeam}</td>
                    <td>{r.result === "success" ? t.results.success : <strong className="text-red-800">{t.results.failure}</strong>}</td>
                    <td className="whitespace-nowrap">{r.ip ?? "–"}</td>
                    <td>
                      {summary.length ? (
                        <ul>
                          {summary.map((line, i) => (
                            <li key={i} className="break-words">
                              {line}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        t.noData
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}

      <Pagination page={page} pages={pages} search={search.toString()} />
    </div>
  );
}
