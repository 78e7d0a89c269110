// The casework check (pnpm casework:check, owner connection): recomputes the
// summaries from the registrations with the same contributions function the
// triggers use (migration casework_figures_triggers) and reports every
// difference in Dutch. Also: rebuilding them set-based.
import { queryRows, sql, type Database } from "@wijkwerk/db";
import { caseworkCheckMessages } from "./messages";

export interface CaseworkCheckResult {
  cases: number;
  monthRows: number;
  problems: string[];
}

interface DifferenceRow {
  kind: "case" | "month";
  case_id: string | null;
  team_slug: string | null;
  month: string;
  metric: string;
  key: string;
  expected_n: string;
  actual_n: string;
  expected_total: string;
  actual_total: string;
}

/** Every difference between the summaries and the rows, for one municipality or all. */
export async function checkCaseworkFigures(db: Database, municipalityId?: string): Promise<CaseworkCheckResult> {
  const differences = await queryRows<DifferenceRow>(
    db,
    sql`select d.kind, d.case_id, t.slug as team_slug, to_char(d.month, 'YYYY-MM') as month, d.metric, d.key,
               d.expected_n::text, d.actual_n::text, d.expected_total::text, d.actual_total::text
        from casework_figures_differences(${municipalityId ?? null}::uuid) d left join teams t on t.id = d.team_id`,
  );
  const [counts] = await queryRows<{ cases: string; rows: string }>(
    db,
    sql`select (select count(*) from cases c where ${municipalityId ?? null}::uuid is null or c.municipality_id = ${municipalityId ?? null}::uuid)::text as cases,
               (select count(*) from casework_month_figures m where ${municipalityId ?? null}::uuid is null or m.municipality_id = ${municipalityId ?? null}::uuid)::text as rows`,
  );
  const problems = differences.map((d) =>
    d.kind === "case"
      ? caseworkCheckMessages.caseDifference(
          d.case_id ?? "",
          d.metric,
          d.key,
          Number(d.expected_n),
          Number(d.actual_n),
          Number(d.expected_total),
          Number(d.actual_total),
        )
      : caseworkCheckMessages.monthDifference(
          d.team_slug ?? "?",
          d.month,
          d.metric,
          d.key,
          Number(d.expected_n),
          Number(d.actual_n),
          Number(d.expected_total),
          Number(d.actual_total),
        ),
  );
  return { cases: Number(counts.cases), monthRows: Number(counts.rows), problems };
}

/** Rebuilds the summaries from the rows (one municipality or all), set-based, in one statement. */
export async function rebuildCaseworkFigures(db: Database, municipalityId?: string): Promise<void> {
  await db.execute(sql`select casework_figures_rebuild(${municipalityId ?? null}::uuid)`);
}
