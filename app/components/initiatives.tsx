// The list of buurtinitiatieven and the counts table (team tab and city page).
import type { InitiativeCount, InitiativeRow } from "@wijkwerk/core/neighbourhood";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { nl } from "~/i18n/nl";
import { formatDate, formatNumber } from "~/lib/format";
import { scrollRegion } from "~/components/data-table";

const t = nl.initiatives;

export function InitiativeList({ rows, showTeam, action }: { rows: InitiativeRow[]; showTeam: boolean; action?: (row: InitiativeRow) => ReactNode }) {
  if (rows.length === 0) return <p>{t.empty}</p>;
  return (
    <ul className="space-y-3">
      {rows.map((i) => (
        <li key={i.id} className="border-t border-gray-200 pt-2">
          <p className="font-semibold">
            <Link to={`/initiatieven/${i.id}`}>{i.name}</Link>
          </p>
          <p className="text-sm">
            {i.buurtName}
            {showTeam ? ` · ${t.team} ${i.teamName}` : ""} · {t.startedOn} {formatDate(i.startedOn)} · {i.endedOn ? t.endedOn(formatDate(i.endedOn)) : t.active}
            {i.contactOrganisation ? ` · ${t.contactOrganisation}: ${i.contactOrganisation}` : ""}
            {i.teamHelpedStart ? ` · ${t.helped}` : ""}
          </p>
          {i.description ? <p>{i.description}</p> : null}
          {action ? action(i) : null}
        </li>
      ))}
    </ul>
  );
}

export function InitiativeCountsTable({ rows, year }: { rows: InitiativeCount[]; year: number }) {
  return (
    <div className="overflow-x-auto" {...scrollRegion(t.countsTitle(year))}>
      <table className="table">
        <caption className="sr-only">{t.countsTitle(year)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.team}</th>
            <th scope="col" className="text-right">
              {t.newCount}
            </th>
            <th scope="col" className="text-right">
              {t.activeCount}
            </th>
            <th scope="col" className="text-right">
              {t.newWithHelp}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.teamId}>
              <th scope="row" className="font-normal">
                {r.teamName}
              </th>
              <td className="text-right tabular-nums">{formatNumber(r.new)}</td>
              <td className="text-right tabular-nums">{formatNumber(r.active)}</td>
              <td className="text-right tabular-nums">{formatNumber(r.newWithTeamHelp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
