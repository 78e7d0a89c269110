// Building blocks for workgroup meetings and proposals: the list of a group's
// decisions (with links to the proposal, the meeting and the handbook page)
// the links to its proposals, and "my action items" for the home page.
import { Link } from "@remix-run/react";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";

const t = nl.meetings;

export interface DecisionItem {
  id: string;
  text: string;
  decidedOn: string;
  recordedByName: string;
  meetingId: string | null;
  proposalId: string | null;
  proposalTitle: string | null;
  handbookPageSlug: string | null;
  handbookPageTitle: string | null;
}

export function DecisionList({
  decisions,
  groupSlug,
  showMeeting = true,
  showPage = true,
}: {
  decisions: DecisionItem[];
  groupSlug: string;
  showMeeting?: boolean;
  showPage?: boolean;
}) {
  if (decisions.length === 0) return <p>{t.noDecisions}</p>;
  return (
    <ul className="space-y-2">
      {decisions.map((d) => (
        <li key={d.id} id={`besluit-${d.id}`} className="card space-y-1">
          <p className="whitespace-pre-line">{d.text}</p>
          <p className="hint">
            {t.decidedOn(formatDate(d.decidedOn), d.recordedByName)}
            {d.proposalId ? (
              <>
                {" · "}
                <Link to={`/werkgroepen/${groupSlug}/voorstellen/${d.proposalId}`}>{t.fromProposal(d.proposalTitle ?? "")}</Link>
              </>
            ) : null}
            {showMeeting && d.meetingId ? (
              <>
                {" · "}
                <Link to={`/werkgroepen/${groupSlug}/overleg/${d.meetingId}`}>{t.atMeeting}</Link>
              </>
            ) : null}
            {showPage && d.handbookPageSlug ? (
              <>
                {" · "}
                <Link to={`/werkgroepen/${groupSlug}/handboek/${d.handbookPageSlug}`}>{t.changesPage(d.handbookPageTitle ?? "")}</Link>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

export interface ProposalLinkItem {
  id: string;
  title: string;
  open: boolean;
  closedAt: string | Date | null;
}

/** A group's proposals as links with their state in brackets: open (`openLabel`, or just "open"), closed, or awaiting the close. */
export function ProposalLinks<P extends ProposalLinkItem>({
  proposals,
  groupSlug,
  openLabel,
}: {
  proposals: P[];
  groupSlug: string;
  openLabel?: (p: P) => string;
}) {
  if (proposals.length === 0) return <p>{nl.proposals.none}</p>;
  return (
    <ul className="list-disc pl-6">
      {proposals.map((p) => (
        <li key={p.id}>
          <Link to={`/werkgroepen/${groupSlug}/voorstellen/${p.id}`}>{p.title}</Link>{" "}
          <span className="hint">
            ({p.open ? (openLabel?.(p) ?? nl.proposals.list.open) : p.closedAt ? nl.proposals.list.closed : nl.proposals.list.awaiting})
          </span>
        </li>
      ))}
    </ul>
  );
}

export interface MyActionItem {
  id: string;
  description: string;
  dueOn: string;
  groupName: string;
  overdue: boolean;
  link: string;
}

/** Open action items assigned to me, for the home page; overdue ones marked in text, not only by colour. */
export function MyActionItems({ items }: { items: MyActionItem[] }) {
  return (
    <section aria-labelledby="mijn-actiepunten" className="card space-y-2">
      <h2 id="mijn-actiepunten">{t.myActions}</h2>
      {items.length === 0 ? (
        <p>{t.myActionsNone}</p>
      ) : (
        <ul className="space-y-1">
          {items.map((i) => (
            <li key={i.id}>
              <Link to={i.link} className="font-semibold">
                {i.description}
              </Link>{" "}
              <span className="hint">
                · {i.groupName} · {t.dueOn} {formatDate(i.dueOn)}
              </span>
              {i.overdue ? <span className="badge badge-danger ml-2">{t.overdue}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
