// Agreed versus registered hours per partner × team × month: the partner
// manager's dashboard (its own partner, partner scope) and the
// municipality's procurement view and CSV (all partners, municipality scope)
// read the same aggregate. Counts and hours only: no resident, no case, no
// request content. The monthly aggregate is ONE SQL statement (CTEs over a
// generated week series), whatever the number of people or weeks; the team
// summary is a second one.
//
// Conventions (docs/partners.md): a week belongs to the month of its Monday;
// an agreement's contribution counts for every week whose Monday lies in the
// agreement's period; a week is expected from a professional (coordinator or
// member) once the membership existed by that week's Sunday and until the
// last completed week.
import { ForbiddenError, as } from "@wijkwerk/authz";
import { queryRows, sql, withScope, type Tx } from "@wijkwerk/db";
import { type UseCaseContext, neutraliseFormula, DomainError, writeCsv, amsterdamDay, centsToEuros } from "../common";
import { type ProductRow, productsOfYear } from "./agreement-products";
import { ACTIVITY_KINDS, addWeeks, currentMonday, mondayOf, type Hours } from "./time-registration";

export interface MonthCell {
  month: number;
  /** Agreed hours in this month (hours per week × weeks). */
  agreed: number;
  registered: number;
  activity: Hours;
  /** Distinct people who registered hours in this month. */
  people: number;
  /** Expected person-weeks without a registration. */
  missingWeeks: number;
  /** Workbudget requests submitted by this partner's staff (partner view only; null elsewhere). */
  requests: number | null;
  /** Workgroups this partner's staff (placed in the team) are active members of by the month's end (partner view only; null elsewhere and for months not begun). */
  workgroups: number | null;
}

export interface PartnerTeamMonths {
  partnerId: string;
  teamId: string;
  months: MonthCell[];
}

interface MonthlyRow {
  partner_id: string;
  team_id: string;
  month: number;
  agreed: string | null;
  individual: string | null;
  collective: string | null;
  meeting: string | null;
  workgroup: string | null;
  other: string | null;
  people: number | null;
  missing: number | null;
  requests: number | null;
  workgroups: number | null;
}

/** Mondays of the weeks that belong to `year` (Monday in the year). */
function yearWeeks(year: number) {
  const jan1 = `${year}-01-01`;
  const m = mondayOf(jan1);
  const first = m < jan1 ? addWeeks(m, 1) : m;
  const last = mondayOf(`${year}-12-31`);
  return { first, last };
}

const num = (v: string | number | null | undefined) => (v === null || v === undefined ? 0 : Number(v));
const round2 = (n: number) => Math.round(n * 100) / 100;

/** How many months of `year` have begun on `now` (Amsterdam): 0 for a future year, 12 for a past one. */
export function monthsBegun(year: number, now: Date): number {
  const [y, m] = amsterdamDay(now).split("-").map(Number);
  return year < y ? 12 : year > y ? 0 : m;
}

/** Twelve empty months; the partner-only counts are 0 in months that have begun, null otherwise (and null outside the partner view). */
function emptyMonths(partnerCounts: boolean, begun: number): MonthCell[] {
  return Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    agreed: 0,
    registered: 0,
    activity: { individual: 0, collective: 0, meeting: 0, workgroup: 0, other: 0 },
    people: 0,
    missingWeeks: 0,
    requests: partnerCounts ? 0 : null,
    workgroups: partnerCounts && i < begun ? 0 : null,
  }));
}

/**
 * The monthly aggregate, one statement. partnerId null = every partner of
 * the municipality (RLS decides what the scope may see in any case).
 */
export async function monthlyPartnerHours(
  tx: Tx,
  p: { municipalityId: string; partnerId: string | null; year: number; now: Date; withRequests: boolean },
): Promise<PartnerTeamMonths[]> {
  const { first, last } = yearWeeks(p.year);
  const lastCompleted = addWeeks(currentMonday(p.now), -1);
  const begun = monthsBegun(p.year, p.now);
  const partner = p.partnerId;
  const rows = await queryRows<MonthlyRow>(
    tx,
    sql`with weeks as (
          select w::date as week_start, extract(month from w)::int as month
          from generate_series(${first}::date, ${last}::date, interval '7 days') w
        ), agreed as (
          select c.partner_organisation_id as partner_id, c.team_id, wk.month, sum(c.hours_per_week) as agreed
          from agreement_contributions c
          join partner_agreements a on a.id = c.agreement_id
          join weeks wk on wk.week_start >= a.valid_from and (a.valid_to is null or wk.week_start <= a.valid_to)
          where c.municipality_id = ${p.municipalityId} ${partner ? sql`and c.partner_organisation_id = ${partner}` : sql``}
          group by 1, 2, 3
        ), registered as (
          select r.partner_organisation_id as partner_id, r.team_id, extract(month from r.week_start)::int as month,
                 sum(r.individual_hours) as individual, sum(r.collective_hours) as collective, sum(r.meeting_hours) as meeting,
                 sum(r.workgroup_hours) as workgroup, sum(r.other_hours) as other, count(distinct r.user_id)::int as people
          from time_registrations r
          where r.municipality_id = ${p.municipalityId} and r.week_start between ${first}::date and ${last}::date
            and r.partner_organisation_id is not null ${partner ? sql`and r.partner_organisation_id = ${partner}` : sql``}
          group by 1, 2, 3
        ), expected as (
          -- Counts only, through a function: the municipality scope cannot read memberships (migration 0010).
          select q.partner_id, q.team_id, q.month, q.missing
          from partner_missing_weeks(${partner}::uuid, ${first}::date, ${last}::date, ${lastCompleted}::date) q
        ), requests as (
          ${
            p.withRequests && partner
              ? sql`select ${partner}::uuid as partner_id, q.team_id, q.month, q.requests from partner_request_counts(${p.year}) q`
              : sql`select null::uuid as partner_id, null::uuid as team_id, null::int as month, null::int as requests where false`
          }
        ), wgroups as (
          ${
            p.withRequests && partner
              ? sql`select ${partner}::uuid as partner_id, q.team_id, q.month, q.workgroups from partner_workgroup_counts(${p.year}, ${amsterdamDay(p.now)}::date) q where q.team_id is not null`
              : sql`select null::uuid as partner_id, null::uuid as team_id, null::int as month, null::int as workgroups where false`
          }
        )
        select partner_id, team_id, month, a.agreed::text, r.individual::text, r.collective::text, r.meeting::text, r.workgroup::text, r.other::text,
               r.people, e.missing, q.requests, g.workgroups
        from agreed a
        full join registered r using (partner_id, team_id, month)
        full join expected e using (partner_id, team_id, month)
        full join requests q using (partner_id, team_id, month)
        full join wgroups g using (partner_id, team_id, month)
        order by partner_id, team_id, month`,
  );
  const byKey = new Map<string, PartnerTeamMonths>();
  for (const r of rows) {
    const key = `${r.partner_id}|${r.team_id}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        partnerId: r.partner_id,
        teamId: r.team_id,
        months: emptyMonths(p.withRequests, begun),
      };
      byKey.set(key, entry);
    }
    const cell = entry.months[r.month - 1];
    const activity: Hours = {
      individual: num(r.individual),
      collective: num(r.collective),
      meeting: num(r.meeting),
      workgroup: num(r.workgroup),
      other: num(r.other),
    };
    cell.agreed = num(r.agreed);
    cell.activity = activity;
    cell.registered = round2(ACTIVITY_KINDS.reduce((a, k) => a + activity[k], 0));
    cell.people = r.people ?? 0;
    cell.missingWeeks = r.missing ?? 0;
    if (p.withRequests) cell.requests = r.requests ?? 0;
    if (p.withRequests && cell.workgroups !== null) cell.workgroups = r.workgroups ?? 0;
  }
  return [...byKey.values()];
}

// ── The partner manager's dashboard ───────────────────────────────────────

export interface DashboardTeam {
  slug: string;
  name: string;
  /** This partner's people placed in the team (coordinators and members) today, or on 31 December for a past year, and their contract hours per week then. */
  placed: number;
  contracted: number;
  /** Agreed hours per week under the agreements valid today. */
  agreedPerWeek: number;
  year: { agreed: number; registered: number; missingWeeks: number; requests: number; workgroups: number };
  months: MonthCell[];
}

export interface PartnerDashboard {
  year: number;
  teams: DashboardTeam[];
  /** All teams together, per month (the year's trend). */
  trend: MonthCell[];
  totals: { agreed: number; registered: number; missingWeeks: number; requests: number; workgroups: number; placed: number; activity: Hours };
  gaps: { agreementWithoutPeople: string[]; missingRegistrations: { team: string; weeks: number }[] };
}

function addInto(target: MonthCell[], source: MonthCell[]) {
  source.forEach((c, i) => {
    const t = target[i];
    t.agreed = round2(t.agreed + c.agreed);
    t.registered = round2(t.registered + c.registered);
    for (const k of ACTIVITY_KINDS) t.activity[k] = round2(t.activity[k] + c.activity[k]);
    t.people += c.people;
    t.missingWeeks += c.missingWeeks;
    if (t.requests !== null) t.requests += c.requests ?? 0;
  });
}

/**
 * The partner manager's dashboard for one year: two statements in the
 * partner scope (team summary, monthly aggregate). Only counts and hours.
 */
export async function partnerDashboard(ctx: UseCaseContext, opts: { year?: number; now?: Date } = {}): Promise<PartnerDashboard> {
  if (ctx.scope.kind !== "partner") throw ForbiddenError.from(ctx.ability).setMessage("partner scope required");
  const { municipalityId, partnerId } = ctx.scope;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TimeRegistration", { municipalityId, partnerId }));
  const now = opts.now ?? new Date();
  const year = opts.year ?? Number(amsterdamDay(now).slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError("not_found", 404);
  const today = amsterdamDay(now);

  const { teamRows, monthly } = await withScope(ctx.db, ctx.scope, async (tx) => {
    // distinct_workgroups: per month, groups over all teams (a group with staff from two teams counts once); the same on every row.
    const teamRows = await queryRows<{
      id: string;
      slug: string;
      name: string;
      placed: number;
      contracted: string;
      agreed: string;
      distinct_workgroups: [number, number][] | null;
    }>(
      tx,
      sql`select t.id, t.slug, t.name,
                 coalesce(p.placed, 0) as placed, coalesce(p.contracted, 0)::text as contracted, coalesce(a.agreed, 0)::text as agreed,
                 (select json_agg(json_build_array(q.month, q.workgroups)) from partner_workgroup_counts(${year}, ${today}::date) q where q.team_id is null) as distinct_workgroups
          from teams t
          left join (select m.team_id, count(*)::int as placed, sum(m.contracted_hours_per_week) as contracted
                     from team_membership_periods m join users u on u.id = m.user_id
                     where u.partner_organisation_id = ${partnerId} and u.is_active and m.role in ('coordinator', 'member')
                       and period_contains(m.valid_from, m.valid_to, least(${today}::date, make_date(${year}, 12, 31)))
                     group by m.team_id) p on p.team_id = t.id
          left join (select c.team_id, sum(c.hours_per_week) as agreed
                     from agreement_contributions c join partner_agreements a on a.id = c.agreement_id
                     where c.partner_organisation_id = ${partnerId} and a.valid_from <= ${today}::date and (a.valid_to is null or a.valid_to >= ${today}::date)
                     group by c.team_id) a on a.team_id = t.id
          where t.municipality_id = ${municipalityId} and (t.active_to is null or t.active_to >= make_date(${year}, 1, 1))
            and t.active_from <= make_date(${year}, 12, 31)
          order by t.name, t.slug`,
    );
    const monthly = await monthlyPartnerHours(tx, { municipalityId, partnerId, year, now, withRequests: true });
    return { teamRows, monthly };
  });

  const begun = monthsBegun(year, now);
  // Memberships only accumulate within a year, so the year's figure is the latest month's.
  const latest = (months: MonthCell[]) => (begun === 0 ? 0 : (months[begun - 1].workgroups ?? 0));
  const monthsByTeam = new Map(monthly.map((m) => [m.teamId, m.months]));
  const teams: DashboardTeam[] = teamRows.map((t) => {
    const months = monthsByTeam.get(t.id) ?? emptyMonths(true, begun);
    const sum = (f: (c: MonthCell) => number) => round2(months.reduce((a, c) => a + f(c), 0));
    return {
      slug: t.slug,
      name: t.name,
      placed: t.placed,
      contracted: Number(t.contracted),
      agreedPerWeek: Number(t.agreed),
      year: {
        agreed: sum((c) => c.agreed),
        registered: sum((c) => c.registered),
        missingWeeks: sum((c) => c.missingWeeks),
        requests: sum((c) => c.requests ?? 0),
        workgroups: latest(months),
      },
      months,
    };
  });
  const trend = emptyMonths(true, begun);
  for (const t of teams) addInto(trend, t.months);
  for (const [month, count] of teamRows[0]?.distinct_workgroups ?? []) if (trend[month - 1].workgroups !== null) trend[month - 1].workgroups = count;
  const activity: Hours = { individual: 0, collective: 0, meeting: 0, workgroup: 0, other: 0 };
  for (const c of trend) for (const k of ACTIVITY_KINDS) activity[k] = round2(activity[k] + c.activity[k]);
  const totals = {
    agreed: round2(teams.reduce((a, t) => a + t.year.agreed, 0)),
    registered: round2(teams.reduce((a, t) => a + t.year.registered, 0)),
    missingWeeks: teams.reduce((a, t) => a + t.year.missingWeeks, 0),
    requests: teams.reduce((a, t) => a + t.year.requests, 0),
    workgroups: latest(trend),
    placed: teams.reduce((a, t) => a + t.placed, 0),
    activity,
  };
  return {
    year,
    teams,
    trend,
    totals,
    gaps: {
      agreementWithoutPeople: teams.filter((t) => t.agreedPerWeek > 0 && t.placed === 0).map((t) => t.name),
      missingRegistrations: teams.filter((t) => t.year.missingWeeks > 0).map((t) => ({ team: t.name, weeks: t.year.missingWeeks })),
    },
  };
}

// ── The municipality's view and the procurement CSV ───────────────────────

export interface AgreementDelivery {
  agreementId: string;
  partnerId: string;
  partnerSlug: string;
  partnerName: string;
  kind: "subsidy" | "service_agreement" | "municipality";
  reference: string;
  validFrom: string;
  validTo: string | null;
  agreedPerWeek: number;
  /** Agreed hours in the year, up to and including the last completed week. */
  agreedToDate: number;
  /** Hours registered by the partner's staff in the agreement's teams, in its period, up to the last completed week. */
  deliveredToDate: number;
  /** delivered / agreed (null when nothing was agreed yet). */
  ratio: number | null;
  /** The agreement's budget in euro cents (null = none). */
  budgetCents: number | null;
  /** Its products, with the numbers delivered per month of the year. */
  products: ProductRow[];
  /** Σ agreed number × price over the products (the whole period). */
  productsAgreedCents: number;
  /** Σ delivered × price in the year. */
  productsDeliveredCents: number;
}

export interface ProcurementRow {
  partnerSlug: string;
  partnerName: string;
  teamSlug: string;
  teamName: string;
  month: string; // yyyy-mm
  cell: MonthCell;
  /** Funding types and references of the agreements with hours for this partner and team in that month. */
  funding: string[];
  references: string[];
}

/** One product's delivered number in one month (months with a recorded number). */
export interface ProcurementProductRow {
  partnerSlug: string;
  partnerName: string;
  month: string; // yyyy-mm
  product: ProductRow;
  quantity: number;
}

export interface MunicipalityPartnerView {
  year: number;
  agreements: AgreementDelivery[];
  rows: ProcurementRow[];
  productRows: ProcurementProductRow[];
}

/**
 * Agreed vs delivered per agreement, and the partner × team × month rows for
 * the procurement export: two statements in the municipality (or admin) scope.
 */
export async function municipalityPartnerHours(ctx: UseCaseContext, opts: { year?: number; now?: Date } = {}): Promise<MunicipalityPartnerView> {
  const municipalityId = ctx.actor.municipalityId;
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("Agreement", { municipalityId }));
  ForbiddenError.from(ctx.ability).throwUnlessCan("read", as("TimeRegistration", { municipalityId }));
  if (ctx.scope.kind !== "municipality" && ctx.scope.kind !== "admin") throw ForbiddenError.from(ctx.ability).setMessage("municipality scope required");
  const now = opts.now ?? new Date();
  const year = opts.year ?? Number(amsterdamDay(now).slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError("not_found", 404);
  const { first, last } = yearWeeks(year);
  const lastCompleted = addWeeks(currentMonday(now), -1);
  const upTo = lastCompleted < last ? lastCompleted : last;

  const { agreementRows, names, monthly, products } = await withScope(ctx.db, ctx.scope, async (tx) => {
    const agreementRows = await queryRows<{
      id: string;
      partner_id: string;
      partner_name: string;
      partner_slug: string;
      kind: AgreementDelivery["kind"];
      reference: string;
      valid_from: string;
      valid_to: string | null;
      per_week: string;
      agreed: string;
      delivered: string;
      budget_cents: string | null;
      teams: string[] | null;
    }>(
      tx,
      sql`with weeks as (select w::date as week_start from generate_series(${first}::date, ${upTo}::date, interval '7 days') w)
          select a.id, a.partner_organisation_id as partner_id, p.name as partner_name, p.slug as partner_slug, a.kind, a.reference, a.valid_from::text as valid_from, a.valid_to::text as valid_to,
                 a.budget_cents::text as budget_cents, (select array_agg(distinct c.team_id::text) from agreement_contributions c where c.agreement_id = a.id) as teams,
                 coalesce((select sum(c.hours_per_week) from agreement_contributions c where c.agreement_id = a.id), 0)::text as per_week,
                 coalesce((select sum(c.hours_per_week) from agreement_contributions c join weeks wk on true
                           where c.agreement_id = a.id and wk.week_start >= a.valid_from and (a.valid_to is null or wk.week_start <= a.valid_to)), 0)::text as agreed,
                 coalesce((select sum(r.individual_hours + r.collective_hours + r.meeting_hours + r.workgroup_hours + r.other_hours)
                           from time_registrations r
                           where r.partner_organisation_id = a.partner_organisation_id
                             and r.team_id in (select c.team_id from agreement_contributions c where c.agreement_id = a.id)
                             and r.week_start between greatest(a.valid_from, ${first}::date) and least(coalesce(a.valid_to, ${upTo}::date), ${upTo}::date)), 0)::text as delivered
          from partner_agreements a join partner_organisations p on p.id = a.partner_organisation_id
          where a.municipality_id = ${municipalityId} and a.valid_from <= make_date(${year}, 12, 31) and (a.valid_to is null or a.valid_to >= make_date(${year}, 1, 1))
          order by p.name, a.valid_from, a.reference`,
    );
    const names = await queryRows<{ kind: "partner" | "team"; id: string; slug: string; name: string }>(
      tx,
      sql`select 'partner' as kind, id, slug, name from partner_organisations where municipality_id = ${municipalityId}
          union all select 'team', id, slug, name from teams where municipality_id = ${municipalityId}`,
    );
    const monthly = await monthlyPartnerHours(tx, { municipalityId, partnerId: null, year, now, withRequests: false });
    const products = await productsOfYear(tx, { municipalityId, partnerId: null, year });
    return { agreementRows, names, monthly, products };
  });

  const partnerName = new Map(names.filter((n) => n.kind === "partner").map((n) => [n.id, n]));
  const teamName = new Map(names.filter((n) => n.kind === "team").map((n) => [n.id, n]));
  const agreements: AgreementDelivery[] = agreementRows.map((a) => {
    const agreedToDate = Number(a.agreed);
    const deliveredToDate = Number(a.delivered);
    const own = products.filter((p) => p.agreementId === a.id);
    return {
      agreementId: a.id,
      partnerId: a.partner_id,
      partnerName: a.partner_name,
      partnerSlug: a.partner_slug,
      kind: a.kind,
      reference: a.reference,
      validFrom: String(a.valid_from).slice(0, 10),
      validTo: a.valid_to === null ? null : String(a.valid_to).slice(0, 10),
      agreedPerWeek: Number(a.per_week),
      agreedToDate,
      deliveredToDate,
      ratio: agreedToDate > 0 ? Math.round((deliveredToDate / agreedToDate) * 1000) / 1000 : null,
      budgetCents: a.budget_cents === null ? null : Number(a.budget_cents),
      products: own,
      productsAgreedCents: own.reduce((sum, p) => sum + p.agreedCents, 0),
      productsDeliveredCents: own.reduce((sum, p) => sum + p.deliveredInYearCents, 0),
    };
  });
  /** The agreements with hours for a partner and team whose period touches the month (yyyy-mm). */
  const agreementsFor = (partnerId: string, teamId: string, month: string) => {
    const first = `${month}-01`;
    const last = `${month}-31`;
    return agreementRows.filter(
      (a) =>
        a.partner_id === partnerId &&
        (a.teams ?? []).includes(teamId) &&
        String(a.valid_from).slice(0, 10) <= last &&
        (a.valid_to === null || String(a.valid_to).slice(0, 10) >= first),
    );
  };
  const rows: ProcurementRow[] = [];
  for (const entry of monthly) {
    const p = partnerName.get(entry.partnerId);
    const t = teamName.get(entry.teamId);
    if (!p || !t) continue;
    for (const cell of entry.months) {
      if (cell.agreed === 0 && cell.registered === 0 && cell.missingWeeks === 0) continue;
      const month = `${year}-${String(cell.month).padStart(2, "0")}`;
      const covering = agreementsFor(entry.partnerId, entry.teamId, month);
      rows.push({
        funding: [...new Set(covering.map((a) => a.kind))],
        references: covering.map((a) => a.reference),
        partnerSlug: p.slug,
        partnerName: p.name,
        teamSlug: t.slug,
        teamName: t.name,
        month: `${year}-${String(cell.month).padStart(2, "0")}`,
        cell,
      });
    }
  }
  rows.sort((a, b) => a.partnerName.localeCompare(b.partnerName, "nl") || a.teamName.localeCompare(b.teamName, "nl") || a.month.localeCompare(b.month));
  const productRows: ProcurementProductRow[] = [];
  for (const product of products) {
    const p = partnerName.get(product.partnerId);
    if (!p) continue;
    product.months.forEach((quantity, i) => {
      // A month counts when a number was recorded for it (0 included); the others have no row.
      if (quantity === 0 && !product.recordedMonths.includes(i + 1)) return;
      productRows.push({ partnerSlug: p.slug, partnerName: p.name, month: `${year}-${String(i + 1).padStart(2, "0")}`, product, quantity });
    });
  }
  productRows.sort(
    (a, b) =>
      a.partnerName.localeCompare(b.partnerName, "nl") ||
      a.product.reference.localeCompare(b.product.reference, "nl") ||
      a.product.name.localeCompare(b.product.name, "nl") ||
      a.month.localeCompare(b.month),
  );
  return { year, agreements, rows, productRows };
}

/** The procurement CSV's columns, in order (documented in docs/partners.md). */
export const PROCUREMENT_CSV_COLUMNS = [
  "partner",
  "partner_naam",
  "team",
  "team_naam",
  "maand",
  "uren_afgesproken",
  "uren_geregistreerd",
  "uren_individueel",
  "uren_collectief",
  "uren_teamoverleg",
  "uren_werkgroep",
  "uren_overig",
  "medewerkers_met_uren",
  "ontbrekende_weken",
  // Since issue 20: products and euros. Appended, so importers reading by position keep their columns.
  "regel",
  "financiering",
  "afspraak",
  "product",
  "eenheid",
  "aantal_afgesproken",
  "aantal_geleverd",
  "prijs_per_eenheid",
  "bedrag_afgesproken",
  "bedrag_geleverd",
  "budget",
] as const;

const decimalComma = new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });

/** Semicolon-separated, decimal comma, UTF-8 with BOM, text cells neutralised against formulas (packages/core/src/common/csv.ts, like the other exports). */
export function procurementCsv(view: MunicipalityPartnerView): string {
  const euros = (cents: number | null) => (cents === null ? "" : centsToEuros(cents, true));
  const hourBlanks = ["", "", "", "", "", "", "", "", ""];
  const productRows = view.productRows.map((r) => [
    neutraliseFormula(r.partnerSlug),
    neutraliseFormula(r.partnerName),
    "",
    "",
    r.month,
    ...hourBlanks,
    "product",
    r.product.kind,
    neutraliseFormula(r.product.reference),
    neutraliseFormula(r.product.name),
    neutraliseFormula(r.product.unit),
    r.product.agreedQuantity,
    r.quantity,
    euros(r.product.priceCents),
    euros(r.product.agreedCents),
    euros(r.quantity * r.product.priceCents),
    "",
  ]);
  const budgetRows = view.agreements
    .filter((a) => a.budgetCents !== null)
    .map((a) => {
      return [
        neutraliseFormula(a.partnerSlug),
        neutraliseFormula(a.partnerName),
        "",
        "",
        String(view.year),
        ...hourBlanks,
        "budget",
        a.kind,
        neutraliseFormula(a.reference),
        "",
        "",
        "",
        "",
        "",
        euros(a.productsAgreedCents),
        euros(a.productsDeliveredCents),
        euros(a.budgetCents),
      ];
    });
  const hourRows = view.rows.map((r) => [
    neutraliseFormula(r.partnerSlug),
    neutraliseFormula(r.partnerName),
    neutraliseFormula(r.teamSlug),
    neutraliseFormula(r.teamName),
    r.month,
    decimalComma.format(r.cell.agreed),
    decimalComma.format(r.cell.registered),
    ...ACTIVITY_KINDS.map((k) => decimalComma.format(r.cell.activity[k])),
    r.cell.people,
    r.cell.missingWeeks,
    "uren",
    r.funding.join("+"),
    neutraliseFormula(r.references.join("+")),
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
  ]);
  return writeCsv(PROCUREMENT_CSV_COLUMNS, [...hourRows, ...productRows, ...budgetRows], { bom: true });
}
