// One spend request on screen: its status badge, all its facts as a
// description list, and its timeline. Used on the team's pages and on the
// controller's: the props are the shape getSpend returns after it went
// through the loader (dates as strings — or Date objects with single fetch).
import type { ReactNode } from "react";
import { nl } from "~/i18n/nl";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";

const t = nl.spends;

type DateValue = string | Date;

/** The fields of a request that SpendFacts shows (a subset of the spend_requests row). */
export interface SpendFactsSpend {
  status: string;
  amountCents: number;
  neededOn: DateValue | null;
  purpose: string;
  supplier: string;
  rationale: string;
  problemPrevented: string;
  lifeDomains: string[];
  residentRef: string;
  /** The household of the team this request is for (casework), if any. */
  householdId?: string | null;
  normId: string | null;
  expectedReturnCents: number | null;
  customReturnJustification: string | null;
  expectedSocialDomains: string[];
  expectedSocialReturn: string;
  rejectionReason?: string | null;
  createdAt?: DateValue | null;
  paidCents?: number | null;
  paymentDate?: DateValue | null;
  paymentMethod?: string | null;
  paymentReference?: string | null;
  settledCents?: number | null;
  settledAt?: DateValue | null;
  evaluationDueOn?: DateValue | null;
  evaluation?: unknown;
  evaluatedAt?: DateValue | null;
}

export interface SpendFactsNorm {
  label: string;
  amountCents: number;
  unit: string;
  source: string;
  isLocalEstimate: boolean;
}

export interface SpendTimelineEntry {
  id: number | string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string;
  comment: string | null;
  occurredAt: DateValue;
}

/** The evaluation as stored by evaluateSpend (jsonb). */
interface Evaluation {
  prevented?: string;
  realisedReturnCents?: number | null;
  realisedSocialReturn?: string;
  otherRegulationApplied?: boolean;
  otherRegulation?: string | null;
  otherRegulationAmountCents?: number | null;
  otherRegulationLeadDays?: number | null;
}

const statusStyle: Record<string, string> = {
  draft: "bg-gray-200 text-gray-900",
  submitted: "bg-blue-100 text-blue-900",
  endorsed: "bg-indigo-100 text-indigo-900",
  info_requested: "bg-amber-100 text-amber-900",
  awaiting_second_approval: "bg-amber-100 text-amber-900",
  approved: "bg-green-100 text-green-900",
  rejected: "bg-red-100 text-red-900",
  paid: "bg-teal-100 text-teal-900",
  settled: "bg-teal-100 text-teal-900",
  evaluated: "bg-green-200 text-green-950",
  cancelled: "bg-gray-200 text-gray-800",
};

export const statusLabel = (status: string) => t.statuses[status] ?? status;
export const lifeDomainLabel = (code: string) => (t.lifeDomains as Record<string, string>)[code] ?? code;
export const regulationLabel = (code: string) => t.regulations[code] ?? code;

/** The status of a request as a small coloured label (the text carries the meaning, not the colour). */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${statusStyle[status] ?? ""}`}>{statusLabel(status)}</span>;
}

/** Settled, and the evaluation date has passed: shown next to the status in lists. */
export function EvaluationOverdueBadge({ dueOn }: { dueOn: string | null }) {
  return (
    <span className="badge ml-1 bg-red-100 text-red-900" title={dueOn ? t.evaluationOverdueTitle(formatDate(dueOn)) : undefined}>
      {t.evaluationOverdueBadge}
    </span>
  );
}

function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-b border-gray-200 py-2 sm:grid-cols-[16rem_1fr] sm:gap-4">
      <dt className="font-semibold">{label}</dt>
      <dd className="whitespace-pre-line">{children}</dd>
    </div>
  );
}

const orDash = (value: ReactNode) => (value === null || value === undefined || value === "" ? t.facts.notFilled : value);
const domains = (codes: string[]) => (codes.length ? codes.map(lifeDomainLabel).join(", ") : t.facts.notFilled);

function asEvaluation(value: unknown): Evaluation | null {
  return value && typeof value === "object" ? (value as Evaluation) : null;
}

/** All facts of one request: the request itself, then payment, settlement and evaluation when there are any. */
export function SpendFacts(props: {
  reference: string;
  teamName: string;
  authorName: string;
  spend: SpendFactsSpend;
  norm: SpendFactsNorm | null;
  /** The request's money in the ledger (getSpend): what the dashboard and the CSV count for it. */
  ledger?: { reservedCents: number; paidCents: number; committedCents: number; held: boolean } | null;
  headingLevel?: 2 | 3;
}) {
  const { reference, teamName, authorName, spend, norm, ledger } = props;
  // The cost to the workbudget, as the dashboard's "Vastgelegd" and the CSV's vastgelegd_eur.
  const committed = ledger?.held ? ledger.committedCents : null;
  const H = props.headingLevel === 3 ? "h3" : "h2";
  const Sub = props.headingLevel === 3 ? "h4" : "h3";
  const evaluation = asEvaluation(spend.evaluation);
  const paid = (spend.paidCents ?? 0) > 0 || spend.paymentDate;
  const settled = spend.settledCents !== null && spend.settledCents !== undefined;
  return (
    <section aria-labelledby="spend-facts-title" className="card space-y-4">
      <H id="spend-facts-title">{t.facts.title}</H>
      <dl>
        <Fact label={t.facts.reference}>{reference}</Fact>
        <Fact label={t.facts.team}>{teamName}</Fact>
        <Fact label={t.facts.author}>{authorName}</Fact>
        <Fact label={t.facts.status}>
          <StatusBadge status={spend.status} />
        </Fact>
        <Fact label={t.facts.amount}>{formatMoney(spend.amountCents)}</Fact>
        {ledger?.held ? (
          <Fact label={t.facts.committed}>
            {formatMoney(ledger.committedCents)}
            <br />
            <span className="hint">{t.facts.committedParts(formatMoney(ledger.reservedCents), formatMoney(ledger.paidCents))}</span>
          </Fact>
        ) : null}
        <Fact label={t.facts.neededOn}>{orDash(formatDate(spend.neededOn))}</Fact>
        {spend.createdAt ? <Fact label={t.facts.createdAt}>{formatDateTime(spend.createdAt)}</Fact> : null}
        <Fact label={t.facts.purpose}>{orDash(spend.purpose)}</Fact>
        <Fact label={t.facts.supplier}>{orDash(spend.supplier)}</Fact>
        <Fact label={t.facts.rationale}>{orDash(spend.rationale)}</Fact>
        <Fact label={t.facts.problemPrevented}>{orDash(spend.problemPrevented)}</Fact>
        <Fact label={t.facts.lifeDomains}>{domains(spend.lifeDomains)}</Fact>
        <Fact label={t.facts.residentRef}>{orDash(spend.residentRef)}</Fact>
        <Fact label={t.facts.expectedReturn}>
          {norm ? (
            <>
              {norm.label} — {formatMoney(norm.amountCents)} {t.facts.perUnit(norm.unit)}
              {norm.isLocalEstimate ? ` — ${t.facts.localEstimate}` : null}
              <br />
              <span className="hint">
                {t.facts.normSource}: {norm.source}
              </span>
            </>
          ) : spend.expectedReturnCents !== null && spend.expectedReturnCents !== undefined ? (
            <>
              {t.facts.customEstimate}: {formatMoney(spend.expectedReturnCents)}
              <br />
              <span className="hint">
                {t.facts.customJustification}: {orDash(spend.customReturnJustification)}
              </span>
            </>
          ) : (
            t.facts.notFilled
          )}
        </Fact>
        <Fact label={t.facts.expectedSocialReturn}>
          {t.facts.socialDomains}: {domains(spend.expectedSocialDomains)}
          {spend.expectedSocialReturn ? (
            <>
              <br />
              {spend.expectedSocialReturn}
            </>
          ) : null}
        </Fact>
        {spend.rejectionReason ? <Fact label={t.facts.rejectionReason}>{spend.rejectionReason}</Fact> : null}
      </dl>

      {paid ? (
        <>
          <Sub>{t.facts.paymentTitle}</Sub>
          <dl>
            <Fact label={t.facts.paidAmount}>{formatMoney(spend.paidCents ?? 0)}</Fact>
            <Fact label={t.facts.paymentDate}>{orDash(formatDate(spend.paymentDate))}</Fact>
            <Fact label={t.facts.paymentMethod}>{orDash(spend.paymentMethod ? (t.paymentMethods[spend.paymentMethod] ?? spend.paymentMethod) : null)}</Fact>
            <Fact label={t.facts.paymentReference}>{orDash(spend.paymentReference)}</Fact>
          </dl>
        </>
      ) : null}

      {settled ? (
        <>
          <Sub>{t.facts.settlementTitle}</Sub>
          <dl>
            <Fact label={t.facts.settledAmount}>{formatMoney(spend.settledCents ?? 0)}</Fact>
            <Fact label={t.facts.released}>{formatMoney(Math.max(0, spend.amountCents - (spend.settledCents ?? 0)))}</Fact>
            <Fact label={t.facts.settledAt}>{orDash(formatDate(spend.settledAt))}</Fact>
            {spend.evaluationDueOn && !evaluation ? <Fact label={t.facts.evaluationDueOn}>{formatDate(spend.evaluationDueOn)}</Fact> : null}
          </dl>
        </>
      ) : null}

      {evaluation ? (
        <>
          <Sub>{t.facts.evaluationTitle}</Sub>
          <dl>
            <Fact label={t.facts.wasPrevented}>{orDash(evaluation.prevented ? (t.prevented[evaluation.prevented] ?? evaluation.prevented) : null)}</Fact>
            <Fact label={t.facts.realisedReturn}>
              {evaluation.realisedReturnCents !== null && evaluation.realisedReturnCents !== undefined
                ? formatMoney(evaluation.realisedReturnCents)
                : t.facts.unknownAmount}
            </Fact>
            <Fact label={t.facts.realisedSocialReturn}>{orDash(evaluation.realisedSocialReturn)}</Fact>
            <Fact label={t.facts.otherRegulationApplied}>{evaluation.otherRegulationApplied ? nl.common.yes : nl.common.no}</Fact>
            {evaluation.otherRegulationApplied ? (
              <>
                <Fact label={t.facts.otherRegulation}>{orDash(evaluation.otherRegulation ? regulationLabel(evaluation.otherRegulation) : null)}</Fact>
                <Fact label={t.facts.otherRegulationAmount}>
                  {evaluation.otherRegulationAmountCents !== null && evaluation.otherRegulationAmountCents !== undefined
                    ? formatMoney(evaluation.otherRegulationAmountCents)
                    : t.facts.notFilled}
                </Fact>
                {evaluation.otherRegulationAmountCents !== null && evaluation.otherRegulationAmountCents !== undefined ? (
                  <Fact label={t.facts.difference}>
                    {formatMoney((committed ?? spend.settledCents ?? spend.amountCents) - evaluation.otherRegulationAmountCents)}
                  </Fact>
                ) : null}
                <Fact label={t.facts.otherRegulationLeadDays}>
                  {evaluation.otherRegulationLeadDays !== null && evaluation.otherRegulationLeadDays !== undefined
                    ? t.facts.days(evaluation.otherRegulationLeadDays)
                    : t.facts.notFilled}
                </Fact>
              </>
            ) : null}
            {spend.evaluatedAt ? <Fact label={t.facts.evaluatedAt}>{formatDateTime(spend.evaluatedAt)}</Fact> : null}
          </dl>
        </>
      ) : null}
    </section>
  );
}

/** The steps and comments of a request, oldest first: when, who, what, and the comment. */
export function SpendTimeline({ entries, headingLevel }: { entries: SpendTimelineEntry[]; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 3 ? "h3" : "h2";
  return (
    <section aria-labelledby="spend-timeline-title" className="card space-y-2">
      <H id="spend-timeline-title">{t.timeline.title}</H>
      {entries.length === 0 ? (
        <p>{t.timeline.empty}</p>
      ) : (
        <ol className="space-y-3">
          {entries.map((e) => (
            <li key={e.id} className="border-l-4 border-gray-300 pl-3">
              <p>
                <time dateTime={new Date(e.occurredAt).toISOString()} className="hint">
                  {formatDateTime(e.occurredAt)}
                </time>
              </p>
              <p>
                <strong>{t.actions[e.action] ?? e.action}</strong> {t.timeline.by(e.actorName)}
                {e.fromStatus && e.fromStatus !== e.toStatus ? (
                  <span className="hint"> ({t.timeline.statusChange(statusLabel(e.fromStatus), statusLabel(e.toStatus))})</span>
                ) : null}
              </p>
              {e.comment ? <p className="whitespace-pre-line">{e.comment}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** "What happens next" as getSpend tells it (packages/core/src/workbudget/next-step.ts). */
export interface NextStepView {
  actor: string;
  who: string;
  what: string;
  when: string | null;
  deadline: string | null;
}

/** Who acts now, what they will do and how long it usually takes: shown on the team's and the controller's page. */
export function NextStepPanel({ next, headingLevel = 2 }: { next: NextStepView; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="next-step-title" className="card border-l-4 border-blue-700" data-testid="next-step" data-actor={next.actor}>
      <H id="next-step-title">{t.nextStep.title}</H>
      <dl>
        <Fact label={t.nextStep.who}>{next.who}</Fact>
        <Fact label={t.nextStep.what}>{next.what}</Fact>
        {next.when || next.deadline ? <Fact label={t.nextStep.when}>{[next.when, next.deadline].filter(Boolean).join(" ")}</Fact> : null}
      </dl>
    </section>
  );
}

/** The request's own words explained — norm, rendement, leefgebied (ZRM) — with a link to the norm table the viewer may read. */
export function SpendTermsHelp({ normTableHref }: { normTableHref: string | null }) {
  const h = t.help;
  return (
    <details className="card" data-testid="spend-terms-help">
      <summary className="cursor-pointer font-semibold">{h.summary}</summary>
      <div className="mt-2 space-y-2">
        <p>{h.norm}</p>
        <p>{h.rendement}</p>
        <p>{h.leefgebied}</p>
        {normTableHref ? (
          <p>
            <a href={normTableHref}>{h.normTableLink}</a>
          </p>
        ) : null}
      </div>
    </details>
  );
}
