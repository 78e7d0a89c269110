// "Mijn taken" (issue 17): what waits for the signed-in person, per role, on
// one start page. Each list is one query in the scope of the pages it
// summarises (a team's lists in that team's scope, the controller's in the
// municipality scope, the admin's in the admin scope, the partner manager's in
// the partner scope), so RLS is the second wall exactly as on those pages.
// A person's teams are read one transaction per team (a handful at most); the
// lists inside it go out together. A list shows at most LIST_LIMIT items and
// its full count (a window count in the same query): no N+1.
import { as } from "@wijkwerk/authz";
import { queryRows, sql, withScope, type Scope, type Tx } from "@wijkwerk/db";
import { amsterdamDay, type UseCaseContext } from "../common";
import { listJoinRequestsToDecide, listMyActionItems, type JoinRequestToDecide } from "../workgroups";

export const LIST_LIMIT = 20;
/** The completed weeks looked back on for missing hours (the last four, not the current week). */
export const MISSING_WEEKS_BACK = 4;

export interface TaskList<T> {
  total: number;
  items: T[];
}

export interface SpendTask {
  id: string;
  reference: string;
  purpose: string;
  amountCents: number;
  neededOn: string | null;
  /** When the request reached its current status (submitted, info asked, settled…). */
  since: string;
  authorName: string;
  link: string;
}

export interface TeamTasks {
  team: { id: string; slug: string; name: string; role: "coordinator" | "member" | "volunteer" };
  /** Coordinator: the team's submitted requests by others, waiting for endorsement, oldest first. */
  toEndorse: TaskList<SpendTask> | null;
  /** Coordinator: a partner's proposed staff, waiting for confirmation. */
  proposals: TaskList<{ id: string; who: string; partnerName: string | null; createdAt: string; link: string }> | null;
  /** Coordinator: households other teams propose to transfer to this team. */
  transfers: TaskList<{ id: string; fromTeam: string; createdAt: string; link: string }> | null;
  /** Coordinator: the team's people with completed weeks without hours (person-weeks). */
  teamMissingHours: TaskList<{ userId: string; name: string; weeks: number; link: string }> | null;
  /** Own: drafts not yet submitted. */
  drafts: TaskList<SpendTask> | null;
  /** Own: requests where the controller asked for more information. */
  infoRequested: TaskList<SpendTask> | null;
  /** Own: settled requests waiting for their evaluation (dueOn, overdue). */
  evaluationsDue: TaskList<SpendTask & { dueOn: string | null; overdue: boolean }> | null;
  /** Own: completed weeks without registered hours in this team. */
  myMissingWeeks: TaskList<{ week: string; weekStart: string; link: string }> | null;
}

export interface ControllerTasks {
  /** Submitted, endorsed and awaiting a second approval (not the first approver's own), oldest first. */
  approvals: TaskList<SpendTask & { teamName: string; status: string; waitingDays: number }>;
  /** Settled requests whose evaluation date has passed. */
  overdueEvaluations: TaskList<SpendTask & { teamName: string; dueOn: string }>;
}

export interface AdminTasks {
  lockedAccounts: TaskList<{ id: string; name: string; email: string; lockedUntil: string; link: string }>;
  openInvitations: TaskList<{ id: string; email: string; teamName: string | null; expiresAt: string; link: string }>;
}

export interface PartnerTasks {
  partner: { slug: string; name: string };
  /** Person-weeks of the partner's own staff without hours, per team, last completed weeks. */
  missingHours: TaskList<{ teamName: string; weeks: number; link: string }>;
}

export interface MyTasks {
  /** Open workgroup action items assigned to me, earliest due first. */
  actionItems: Awaited<ReturnType<typeof listMyActionItems>>;
  /** Requests to join a closed workgroup that I decide (facilitator, creator, functional admin), oldest first. */
  joinRequests: TaskList<JoinRequestToDecide>;
  teams: TeamTasks[];
  controller: ControllerTasks | null;
  admin: AdminTasks | null;
  partners: PartnerTasks[];
  /** The research office reads figures; nothing waits, the page links there. */
  figures: boolean;
  /** Everything together, for the heading and the empty state. */
  total: number;
  weeksBack: number;
}

/** The person as the checkpoint knows them: no single scope, the use case picks one per list. */
export type TasksPerson = Omit<UseCaseContext, "scope"> & {
  teams: { id: string; slug: string; name: string; role: "coordinator" | "member" | "volunteer" }[];
};

type Row = Record<string, unknown> & { total: number };
const list = <T>(rows: (T & { total: number })[]): TaskList<T> => ({
  total: rows.length ? Number(rows[0].total) : 0,
  items: rows.map(({ total: _total, ...r }) => r as unknown as T),
});

/** The Monday of the current week (Amsterdam) and the first of the weeks looked back on. */
function weeksWindow(now: Date) {
  const today = new Date(`${amsterdamDay(now)}T00:00:00Z`);
  const thisMonday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000);
  const lastMonday = new Date(thisMonday.getTime() - 7 * 86_400_000);
  const first = new Date(lastMonday.getTime() - (MISSING_WEEKS_BACK - 1) * 7 * 86_400_000);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { first: iso(first), last: iso(lastMonday) };
}

const reference = sql`'WB-' || b.year || '-' || lpad(s.number::text, 4, '0')`;
/** When the request last reached `status` (its timeline), else its last change. */
const sinceStatus = sql`coalesce((select max(st.occurred_at) from spend_transitions st where st.spend_id = s.id and st.to_status = s.status), s.updated_at)`;

/** A request list: the columns every SpendTask needs, a window count, oldest first. */
function spendList(where: ReturnType<typeof sql>, link: ReturnType<typeof sql>, extra = sql``, orderBy = sql`since, s.number`) {
  return sql`select s.id, ${reference} as reference, s.purpose, s.amount_cents::int as "amountCents", s.needed_on::text as "neededOn",
      to_json(${sinceStatus}) #>> '{}' as since, u.name as "authorName", ${link} as link, count(*) over ()::int as total ${extra}
    from spend_requests s join budgets b on b.id = s.budget_id join users u on u.id = s.author_id join teams t on t.id = s.team_id
    where ${where}
    order by ${orderBy}
    limit ${LIST_LIMIT}`;
}

async function teamTasks(tx: Tx, person: TasksPerson, team: TasksPerson["teams"][number], today: string, weeks: { first: string; last: string }) {
  const { municipalityId, userId } = person.actor;
  const subject = (name: "Spend" | "Invitation" | "TimeRegistration" | "Household", extra: Record<string, unknown> = {}) =>
    as(name, { municipalityId, teamId: team.id, ...extra });
  const can = person.ability.can.bind(person.ability);
  const coordinator = team.role === "coordinator";
  const teamLink = (path: string) => sql`${`/t/${team.slug}`} || ${path}`;
  const spendLink = sql`${`/t/${team.slug}/werkbudget/`} || s.id`;
  const own = can("create", subject("Spend"));
  const [toEndorse, proposals, transfers, teamMissingHours, drafts, infoRequested, evaluationsDue, myMissingWeeks] = await Promise.all([
    coordinator && can("endorse", subject("Spend", { authorId: null }))
      ? queryRows<SpendTask & Row>(tx, spendList(sql`s.team_id = ${team.id} and s.status = 'submitted' and s.author_id <> ${userId}`, spendLink))
      : null,
    coordinator && can("confirm", subject("Invitation"))
      ? queryRows<Row & { id: string; who: string; partnerName: string | null; createdAt: string; link: string }>(
          tx,
          sql`select i.id, coalesce(nullif(i.proposed_name, ''), i.email) as who, p.name as "partnerName", to_json(i.created_at) #>> '{}' as "createdAt",
                ${teamLink("/uitnodigingen")} as link, count(*) over ()::int as total
              from invitations i left join partner_organisations p on p.id = i.partner_organisation_id
              where i.team_id = ${team.id} and i.confirmation = 'awaiting' and i.accepted_at is null and i.revoked_at is null
              order by i.created_at limit ${LIST_LIMIT}`,
        )
      : null,
    coordinator && can("transfer", subject("Household"))
      ? queryRows<Row & { id: string; fromTeam: string; createdAt: string; link: string }>(
          tx,
          sql`select h.id, ft.name as "fromTeam", to_json(h.created_at) #>> '{}' as "createdAt", ${teamLink("/overdrachten")} as link,
                count(*) over ()::int as total
              from household_transfers h join teams ft on ft.id = h.from_team_id
              where h.to_team_id = ${team.id} and h.status = 'proposed'
              order by h.created_at limit ${LIST_LIMIT}`,
        )
      : null,
    coordinator && can("read", subject("TimeRegistration"))
      ? queryRows<Row & { userId: string; name: string; weeks: number; link: string }>(
          tx,
          sql`select m.user_id as "userId", u.name, count(distinct w)::int as weeks, ${teamLink("/uren/overzicht")} as link, count(*) over ()::int as total
              from team_membership_periods m join users u on u.id = m.user_id
              cross join generate_series(${weeks.first}::date, ${weeks.last}::date, interval '7 days') w
              where m.team_id = ${team.id} and m.role in ('coordinator', 'member') and u.is_active
                and period_overlaps(m.valid_from, m.valid_to, w::date, w::date + 6)
                and not exists (select 1 from time_registrations r where r.user_id = m.user_id and r.team_id = m.team_id and r.week_start = w::date)
              group by m.user_id, u.name
              order by weeks desc, u.name limit ${LIST_LIMIT}`,
        )
      : null,
    own ? queryRows<SpendTask & Row>(tx, spendList(sql`s.team_id = ${team.id} and s.author_id = ${userId} and s.status = 'draft'`, spendLink)) : null,
    own ? queryRows<SpendTask & Row>(tx, spendList(sql`s.team_id = ${team.id} and s.author_id = ${userId} and s.status = 'info_requested'`, spendLink)) : null,
    own
      ? queryRows<SpendTask & Row & { dueOn: string | null; overdue: boolean }>(
          tx,
          spendList(
            sql`s.team_id = ${team.id} and s.author_id = ${userId} and s.status = 'settled'`,
            spendLink,
            sql`, s.evaluation_due_on::text as "dueOn", coalesce(s.evaluation_due_on < ${today}::date, false) as overdue`,
            sql`s.evaluation_due_on nulls last, s.number`,
          ),
        )
      : null,
    can("create", subject("TimeRegistration", { userId }))
      ? queryRows<Row & { week: string; weekStart: string; link: string }>(
          tx,
          sql`select to_char(w, 'IYYY-"W"IW') as week, w::date::text as "weekStart",
                ${teamLink("/uren?week=")} || to_char(w, 'IYYY-"W"IW') as link, count(*) over ()::int as total
              from generate_series(${weeks.first}::date, ${weeks.last}::date, interval '7 days') w
              where exists (select 1 from team_membership_periods m
                            where m.team_id = ${team.id} and m.user_id = ${userId} and m.role in ('coordinator', 'member')
                              and period_overlaps(m.valid_from, m.valid_to, w::date, w::date + 6))
                and not exists (select 1 from time_registrations r where r.user_id = ${userId} and r.team_id = ${team.id} and r.week_start = w::date)
              order by w limit ${LIST_LIMIT}`,
        )
      : null,
  ]);
  const opt = <T>(rows: (T & { total: number })[] | null) => (rows ? list<T>(rows) : null);
  return {
    team,
    toEndorse: opt<SpendTask>(toEndorse),
    proposals: opt(proposals),
    transfers: opt(transfers),
    teamMissingHours: opt(teamMissingHours),
    drafts: opt<SpendTask>(drafts),
    infoRequested: opt<SpendTask>(infoRequested),
    evaluationsDue: opt(evaluationsDue),
    myMissingWeeks: opt(myMissingWeeks),
  } as TeamTasks;
}

async function controllerTasks(tx: Tx, person: TasksPerson, today: string): Promise<ControllerTasks> {
  const { municipalityId, userId } = person.actor;
  const link = sql`'/gemeente/werkbudget/aanvragen/' || s.id`;
  const [approvals, overdue] = await Promise.all([
    queryRows<SpendTask & Row & { teamName: string; status: string; waitingDays: number }>(
      tx,
      spendList(
        sql`s.municipality_id = ${municipalityId} and s.author_id <> ${userId}
            and (s.status in ('submitted', 'endorsed') or (s.status = 'awaiting_second_approval' and s.first_approved_by is distinct from ${userId}))`,
        link,
        sql`, t.name as "teamName", s.status::text as status,
            greatest(0, ${today}::date - ((select min(st.occurred_at) from spend_transitions st where st.spend_id = s.id and st.to_status = 'submitted'
              and st.occurred_at >= coalesce((select max(x.occurred_at) from spend_transitions x where x.spend_id = s.id and x.to_status = 'info_requested'), '-infinity'))
              at time zone 'Europe/Amsterdam')::date)::int as "waitingDays"`,
        sql`"waitingDays" desc nulls last, s.number`,
      ),
    ),
    queryRows<SpendTask & Row & { teamName: string; dueOn: string }>(
      tx,
      spendList(
        sql`s.municipality_id = ${municipalityId} and s.status = 'settled' and s.evaluation_due_on < ${today}::date`,
        link,
        sql`, t.name as "teamName", s.evaluation_due_on::text as "dueOn"`,
        sql`s.evaluation_due_on, s.number`,
      ),
    ),
  ]);
  return { approvals: list(approvals), overdueEvaluations: list(overdue) };
}

async function adminTasks(tx: Tx, person: TasksPerson): Promise<AdminTasks> {
  const { municipalityId } = person.actor;
  const [locked, invited] = await Promise.all([
    queryRows<Row & { id: string; name: string; email: string; lockedUntil: string; link: string }>(
      tx,
      sql`select u.id, u.name, u.email, to_json(u.locked_until) #>> '{}' as "lockedUntil", '/beheer/gebruikers/' || u.id as link, count(*) over ()::int as total
          from users u where u.municipality_id = ${municipalityId} and u.is_active and u.locked_until > now()
          order by u.locked_until desc limit ${LIST_LIMIT}`,
    ),
    queryRows<Row & { id: string; email: string; teamName: string | null; expiresAt: string; link: string }>(
      tx,
      sql`select i.id, i.email, t.name as "teamName", to_json(i.expires_at) #>> '{}' as "expiresAt", '/beheer/uitnodigingen' as link, count(*) over ()::int as total
          from invitations i left join teams t on t.id = i.team_id
          where i.municipality_id = ${municipalityId} and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
            and (i.confirmation is null or i.confirmation = 'confirmed')
          order by i.expires_at limit ${LIST_LIMIT}`,
    ),
  ]);
  return { lockedAccounts: list(locked), openInvitations: list(invited) };
}

async function partnerTasks(tx: Tx, partner: { id: string; slug: string; name: string }, weeks: { first: string; last: string }): Promise<PartnerTasks> {
  const rows = await queryRows<Row & { teamName: string; weeks: number; link: string }>(
    tx,
    sql`select t.name as "teamName", sum(q.missing)::int as weeks, ${`/partner/${partner.slug}`} as link, count(*) over ()::int as total
        from partner_missing_weeks(${partner.id}::uuid, ${weeks.first}::date, ${weeks.last}::date, ${weeks.last}::date) q join teams t on t.id = q.team_id
        group by t.name order by weeks desc, t.name limit ${LIST_LIMIT}`,
  );
  return { partner: { slug: partner.slug, name: partner.name }, missingHours: list(rows) };
}

/** Whether the person has a start page of tasks at all (else their home stays where their work is, e.g. the figures). */
export function hasTasks(person: Pick<TasksPerson, "ability" | "grants" | "actor"> & { teams: unknown[] }): boolean {
  const municipalityId = person.actor.municipalityId;
  return (
    person.teams.length > 0 ||
    person.ability.can("approve", as("Spend", { municipalityId })) ||
    person.ability.can("manage", as("User", { municipalityId })) ||
    person.grants.scopeRoles.some((r) => r.role === "partner_manager" && r.partnerId)
  );
}

/**
 * Everything that waits for this person, per role, each list in the scope of
 * the page it links to. CASL decides which lists exist; RLS and the WHERE decide
 * their rows (own team, own requests, own partner).
 */
export async function myTasks(person: TasksPerson, opts: { now?: Date } = {}): Promise<MyTasks> {
  const now = opts.now ?? new Date();
  const today = amsterdamDay(now);
  const weeks = weeksWindow(now);
  const { municipalityId, userId } = person.actor;
  const scoped = <T>(scope: Scope, fn: (tx: Tx) => Promise<T>) => withScope(person.db, scope, fn);

  const readable = person.teams.filter((t) => person.ability.can("read", as("Team", { id: t.id })));
  const partnerRoles = person.grants.scopeRoles.filter(
    (r) => r.role === "partner_manager" && r.partnerId && person.ability.can("read", as("PartnerOverview", { municipalityId, partnerId: r.partnerId })),
  );
  const isController = person.ability.can("approve", as("Spend", { municipalityId }));
  const isAdmin = person.ability.can("manage", as("User", { municipalityId }));

  const workgroupScope: Scope = { kind: "workgroup", municipalityId, userId };
  const [teams, controller, admin, partners, actionItems, joinRequests] = await Promise.all([
    Promise.all(readable.map((team) => scoped({ kind: "team", municipalityId, teamId: team.id, userId }, (tx) => teamTasks(tx, person, team, today, weeks)))),
    isController ? scoped({ kind: "municipality", municipalityId, userId }, (tx) => controllerTasks(tx, person, today)) : null,
    isAdmin ? scoped({ kind: "admin", municipalityId, userId }, (tx) => adminTasks(tx, person)) : null,
    Promise.all(
      partnerRoles.map((r) =>
        scoped({ kind: "partner", municipalityId, partnerId: r.partnerId!, userId }, async (tx) => {
          const [p] = await queryRows<{ id: string; slug: string; name: string }>(
            tx,
            sql`select id, slug, name from partner_organisations where id = ${r.partnerId}::uuid`,
          );
          return p ? partnerTasks(tx, p, weeks) : null;
        }),
      ),
    ),
    // The workgroups' action items assigned to me (the workgroups door; same list as on the team page).
    listMyActionItems({ ...person, scope: workgroupScope }),
    // The workgroups' join requests I decide (the workgroups door; decided on the group's page).
    listJoinRequestsToDecide({ ...person, scope: workgroupScope }, { limit: LIST_LIMIT }),
  ]);
  const count = (l: TaskList<unknown> | null) => l?.total ?? 0;
  const total =
    teams.reduce(
      (a, t) =>
        a +
        count(t.toEndorse) +
        count(t.proposals) +
        count(t.transfers) +
        count(t.teamMissingHours) +
        count(t.drafts) +
        count(t.infoRequested) +
        count(t.evaluationsDue) +
        count(t.myMissingWeeks),
      0,
    ) +
    count(controller?.approvals ?? null) +
    count(controller?.overdueEvaluations ?? null) +
    count(admin?.lockedAccounts ?? null) +
    count(admin?.openInvitations ?? null) +
    partners.reduce((a, p) => a + count(p?.missingHours ?? null), 0) +
    actionItems.length +
    joinRequests.total;
  return {
    actionItems,
    joinRequests,
    teams,
    controller,
    admin,
    partners: partners.filter((p): p is PartnerTasks => p !== null),
    figures: person.ability.can("read", as("CaseworkFigures", { municipalityId })),
    total,
    weeksBack: MISSING_WEEKS_BACK,
  };
}
