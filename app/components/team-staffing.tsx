// How many people work in each team, by role, with their contracted hours:
// the municipality's overview (with the buurten per team) and the partner's
// own staff per team share one table.
import { scrollRegion } from "~/components/data-table";
interface Staffing {
  coordinators: number;
  members: number;
  volunteers: number;
  contractedHours: number;
}

export function TeamStaffingTable(props: {
  /** Shown above the table (the partner page has two tables). */
  caption?: string;
  /** The scrolling region's name when there is no caption (the page's heading). */
  label?: string;
  labels: { team: string; buurten?: string; coordinators: string; members: string; volunteers: string; hours: string; total: string };
  teams: (Staffing & { slug: string; name: string; buurten?: number })[];
  totals: Staffing & { buurten?: number };
  formatHours: (hours: number) => string;
}) {
  const { labels: l, formatHours } = props;
  const withBuurten = l.buurten !== undefined;
  const cells = (s: Staffing & { buurten?: number }) => (
    <>
      {withBuurten ? <td className="text-right">{s.buurten}</td> : null}
      <td className="text-right">{s.coordinators}</td>
      <td className="text-right">{s.members}</td>
      <td className="text-right">{s.volunteers}</td>
      <td className="text-right">{formatHours(s.contractedHours)}</td>
    </>
  );
  return (
    <div className="card overflow-x-auto" {...scrollRegion(props.caption ?? props.label ?? l.team)}>
      <table className="table">
        {props.caption ? <caption className="pb-2 text-left text-lg font-semibold">{props.caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{l.team}</th>
            {withBuurten ? (
              <th scope="col" className="text-right">
                {l.buurten}
              </th>
            ) : null}
            <th scope="col" className="text-right">
              {l.coordinators}
            </th>
            <th scope="col" className="text-right">
              {l.members}
            </th>
            <th scope="col" className="text-right">
              {l.volunteers}
            </th>
            <th scope="col" className="text-right">
              {l.hours}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.teams.map((t) => (
            <tr key={t.slug}>
              <th scope="row" className="font-normal">
                {t.name}
              </th>
              {cells(t)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <th scope="row">{l.total}</th>
            {cells(props.totals)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
