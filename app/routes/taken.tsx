// "Mijn taken": the start page after login (homePathFor) — what waits for the
// signed-in person, per role, each item linking to where the work is done.
// The lists come from one use case (tasks door); CASL decides which lists
// exist, RLS and the queries which rows (docs/my-tasks.md).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { StatusBadge } from "~/components/spend-detail";
import { MyActionItems } from "~/components/workgroup-meetings";
import { requireUser } from "~/context.server";
import { myTasks, type SpendTask, type TaskList } from "~/core/tasks.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatMoney } from "~/lib/format";

const t = nl.myTasks;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const { db, actor, grants, ability, meta, teams } = ctx;
  return myTasks({ db, actor, grants, ability, meta, teams });
}

function Section({
  id,
  title,
  list,
  hint,
  level = 3,
  children,
}: {
  id: string;
  title: string;
  list: TaskList<unknown>;
  hint?: string;
  /** 2 for a list of its own at the top level of the page (not under a team or role heading). */
  level?: 2 | 3;
  children: ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={id} className="space-y-2">
      <Heading id={id} className={level === 2 ? undefined : "text-lg font-semibold"}>
        {title} <span className="font-normal">({list.total})</span>
      </Heading>
      {list.total === 0 ? (
        <p className="hint">{t.nothing}</p>
      ) : (
        <>
          {hint ? <p className="hint">{hint}</p> : null}
          <ul className="space-y-2">{children}</ul>
          {list.total > list.items.length ? <p className="hint">{t.moreThanShown(list.items.length, list.total)}</p> : null}
        </>
      )}
    </section>
  );
}

function SpendItem({ s, children }: { s: Pick<SpendTask, "link" | "reference" | "purpose" | "amountCents">; children?: ReactNode }) {
  return (
    <li className="card space-y-1 p-3">
      <Link to={s.link} className="font-semibold">
        {s.reference}: {s.purpose || t.noDate}
      </Link>
      <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        <span>{formatMoney(s.amountCents)}</span>
        {children}
      </p>
    </li>
  );
}

function SimpleItem({ to, label, detail }: { to: string; label: string; detail?: string | null }) {
  return (
    <li className="card p-3">
      <Link to={to} className="font-semibold">
        {label}
      </Link>
      {detail ? <span className="ml-2 text-sm">{detail}</span> : null}
    </li>
  );
}

export default function MyTasksPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <h1>{t.title}</h1>
        <p>{data.total === 0 ? t.nothingAll : t.waitingCount(data.total)}</p>
      </div>

      {data.actionItems.length > 0 ? <MyActionItems items={data.actionItems} /> : null}

      {/* Shown to whoever decides a pending request (facilitator, creator, functional admin): only then is there work. */}
      {data.joinRequests.total > 0 ? (
        <Section id="taken-werkgroepen" level={2} title={t.joinRequests} list={data.joinRequests} hint={t.joinRequestsHint}>
          {data.joinRequests.items.map((r) => (
            <SimpleItem key={r.id} to={r.link} label={t.joinRequestLabel(r.who, r.groupName)} detail={t.requestedOn(formatDate(r.requestedAt))} />
          ))}
        </Section>
      ) : null}

      {data.controller ? (
        <section aria-labelledby="taken-gemeente" className="space-y-4">
          <h2 id="taken-gemeente">{nl.common.municipality}</h2>
          <Section id="taken-beoordelen" title={t.approvals} list={data.controller.approvals} hint={t.approvalsHint}>
            {data.controller.approvals.items.map((s) => (
              <SpendItem key={s.id} s={s}>
                <span>
                  {t.team} {s.teamName}
                </span>
                <span>
                  {t.neededOn}: {s.neededOn ? formatDate(s.neededOn) : t.noDate}
                </span>
                <span>
                  {t.waiting}: {t.waitingDays(s.waitingDays)}
                </span>
                <StatusBadge status={s.status} />
              </SpendItem>
            ))}
          </Section>
          <Section id="taken-evaluaties-te-laat" title={t.overdueEvaluations} list={data.controller.overdueEvaluations} hint={t.overdueEvaluationsHint}>
            {data.controller.overdueEvaluations.items.map((s) => (
              <SpendItem key={s.id} s={s}>
                <span>
                  {t.team} {s.teamName}
                </span>
                <span>{t.dueOn(formatDate(s.dueOn))}</span>
              </SpendItem>
            ))}
          </Section>
          <p>
            <Link to="/gemeente/werkbudget/aanvragen">{t.allRequests}</Link>
          </p>
        </section>
      ) : null}

      {data.teams.map((team) => (
        <section key={team.team.id} aria-labelledby={`taken-team-${team.team.slug}`} className="space-y-4">
          <h2 id={`taken-team-${team.team.slug}`}>
            <Link to={`/t/${team.team.slug}`}>{t.teamHeading(team.team.name)}</Link>{" "}
            <span className="text-base font-normal">({nl.common.roles[team.team.role]})</span>
          </h2>
          {team.toEndorse ? (
            <Section id={`taken-ondersteunen-${team.team.slug}`} title={t.toEndorse} list={team.toEndorse} hint={t.toEndorseHint}>
              {team.toEndorse.items.map((s) => (
                <SpendItem key={s.id} s={s}>
                  <span>{s.authorName}</span>
                  <span>
                    {t.neededOn}: {s.neededOn ? formatDate(s.neededOn) : t.noDate}
                  </span>
                </SpendItem>
              ))}
            </Section>
          ) : null}
          {team.infoRequested ? (
            <Section id={`taken-informatie-${team.team.slug}`} title={t.infoRequested} list={team.infoRequested} hint={t.infoRequestedHint}>
              {team.infoRequested.items.map((s) => (
                <SpendItem key={s.id} s={s} />
              ))}
            </Section>
          ) : null}
          {team.drafts ? (
            <Section id={`taken-concepten-${team.team.slug}`} title={t.drafts} list={team.drafts} hint={t.draftsHint}>
              {team.drafts.items.map((s) => (
                <SpendItem key={s.id} s={s} />
              ))}
            </Section>
          ) : null}
          {team.evaluationsDue ? (
            <Section id={`taken-evalueren-${team.team.slug}`} title={t.evaluationsDue} list={team.evaluationsDue}>
              {team.evaluationsDue.items.map((s) => (
                <SpendItem key={s.id} s={s}>
                  {s.dueOn ? <span>{t.evaluationDueOn(formatDate(s.dueOn))}</span> : null}
                  {s.overdue ? <span className="badge bg-red-100 text-red-900">{t.evaluationOverdue}</span> : null}
                </SpendItem>
              ))}
            </Section>
          ) : null}
          {team.proposals ? (
            <Section id={`taken-voorstellen-${team.team.slug}`} title={t.proposals} list={team.proposals}>
              {team.proposals.items.map((p) => (
                <SimpleItem key={p.id} to={p.link} label={p.who} detail={t.proposedBy(p.partnerName)} />
              ))}
            </Section>
          ) : null}
          {team.transfers ? (
            <Section id={`taken-overdrachten-${team.team.slug}`} title={t.transfers} list={team.transfers}>
              {team.transfers.items.map((x) => (
                <SimpleItem key={x.id} to={x.link} label={t.transferFrom(x.fromTeam)} detail={formatDate(x.createdAt)} />
              ))}
            </Section>
          ) : null}
          {team.teamMissingHours ? (
            <Section
              id={`taken-teamuren-${team.team.slug}`}
              title={t.teamMissingHours}
              list={team.teamMissingHours}
              hint={t.teamMissingHoursHint(data.weeksBack)}
            >
              {team.teamMissingHours.items.map((p) => (
                <SimpleItem key={p.userId} to={p.link} label={p.name} detail={t.personWeeks(p.weeks)} />
              ))}
            </Section>
          ) : null}
          {team.myMissingWeeks ? (
            <Section id={`taken-mijnuren-${team.team.slug}`} title={t.myMissingWeeks} list={team.myMissingWeeks} hint={t.myMissingWeeksHint(data.weeksBack)}>
              {team.myMissingWeeks.items.map((w) => (
                <SimpleItem key={w.week} to={w.link} label={t.week(w.week, formatDate(w.weekStart))} />
              ))}
            </Section>
          ) : null}
        </section>
      ))}

      {data.admin ? (
        <section aria-labelledby="taken-beheer" className="space-y-4">
          <h2 id="taken-beheer">{nl.common.admin}</h2>
          <Section id="taken-geblokkeerd" title={t.lockedAccounts} list={data.admin.lockedAccounts}>
            {data.admin.lockedAccounts.items.map((u) => (
              <SimpleItem key={u.id} to={u.link} label={`${u.name} (${u.email})`} detail={t.lockedUntil(formatDate(u.lockedUntil))} />
            ))}
          </Section>
          <Section id="taken-uitnodigingen" title={t.openInvitations} list={data.admin.openInvitations}>
            {data.admin.openInvitations.items.map((i) => (
              <SimpleItem
                key={i.id}
                to={i.link}
                label={i.teamName ? `${i.email} (${i.teamName})` : i.email}
                detail={t.invitationExpires(formatDate(i.expiresAt))}
              />
            ))}
          </Section>
        </section>
      ) : null}

      {data.partners.map((p) => (
        <section key={p.partner.slug} aria-labelledby={`taken-partner-${p.partner.slug}`} className="space-y-4">
          <h2 id={`taken-partner-${p.partner.slug}`}>
            <Link to={`/partner/${p.partner.slug}`}>{t.partnerHeading(p.partner.name)}</Link>
          </h2>
          <Section
            id={`taken-partneruren-${p.partner.slug}`}
            title={t.partnerMissingHours}
            list={p.missingHours}
            hint={t.partnerMissingHoursHint(data.weeksBack)}
          >
            {p.missingHours.items.map((m) => (
              <SimpleItem key={m.teamName} to={m.link} label={t.teamHeading(m.teamName)} detail={t.partnerPersonWeeks(m.weeks)} />
            ))}
          </Section>
        </section>
      ))}

      {data.figures && !data.controller && data.teams.length === 0 ? (
        <section aria-labelledby="taken-cijfers" className="space-y-2">
          <h2 id="taken-cijfers">{t.figuresHeading}</h2>
          <p>
            <Link to="/gemeente/cijfers">{t.figuresLink}</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
