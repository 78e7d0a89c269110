// "What happens next" on a request, for the team's and the controller's
// page: who acts now, what they will do, how long it usually takes. One pure
// function per status; the facts (names, the budget's dates, the measured
// medians) come from getSpend. How long: a date from the budget's settings
// where one exists (the evaluation), else the median measured over the last
// year (at least MIN_MEASURED steps), else the municipality's norm below
// (docs/workbudget.md, "Wat gebeurt er nu?").
import { formatDate, formatMoney } from "../common";
import { nextStepTexts as t } from "./messages";
import type { SpendStatus } from "./spend-lifecycle";

/** The norms in working days, when too few steps were measured (docs/workbudget.md). */
export const NEXT_STEP_NORM_DAYS: Partial<Record<SpendStatus, number>> = {
  submitted: 3,
  endorsed: 5,
  awaiting_second_approval: 3,
  approved: 5,
  paid: 10,
};
/** Fewer measured steps than this and the norm is told instead of the median. */
export const MIN_MEASURED = 5;

export type NextActor = "author" | "coordinator" | "controller" | "second_controller" | "team_then_controller" | "nobody";

export interface NextStepFacts {
  status: SpendStatus;
  /** The viewer is the request's author: "je". */
  viewerIsAuthor: boolean;
  authorName: string;
  coordinatorNames: string[];
  /** The municipality's controllers by name (empty when there are too many to name). */
  controllerNames: string[];
  /** Who asked for information (info_requested) or approved first (awaiting_second_approval). */
  lastActorName: string | null;
  thresholdCents: number;
  neededOn: string | null;
  evaluationDueOn: string | null;
  /** The measured median days per status (time spent in it before the next step) and how many steps it is based on. */
  measured: Partial<Record<SpendStatus, { days: number; count: number }>>;
}

export interface NextStep {
  actor: NextActor;
  who: string;
  what: string;
  /** How long it usually takes; null when nothing waits. */
  when: string | null;
  whenSource: "setting" | "measured" | "norm" | "author" | null;
  /** The request's own date ("nodig op"), while a decision waits. */
  deadline: string | null;
}

function usualDuration(status: SpendStatus, f: NextStepFacts): Pick<NextStep, "when" | "whenSource"> {
  const m = f.measured[status];
  if (m && m.count >= MIN_MEASURED) return { when: t.when.measured(Math.max(1, Math.ceil(m.days))), whenSource: "measured" };
  const norm = NEXT_STEP_NORM_DAYS[status];
  return norm ? { when: t.when.norm(norm), whenSource: "norm" } : { when: null, whenSource: null };
}

const deadlineOf = (f: NextStepFacts) => (f.neededOn ? t.when.neededOn(formatDate(f.neededOn)) : null);
const done = (what: string): NextStep => ({ actor: "nobody", who: t.who.nobody, what, when: null, whenSource: null, deadline: null });
const authorWho = (f: NextStepFacts) => (f.viewerIsAuthor ? t.who.you : t.who.author(f.authorName));

/** One function per status. */
export const NEXT_STEP: Record<SpendStatus, (f: NextStepFacts) => NextStep> = {
  draft: (f) => ({
    actor: "author",
    who: authorWho(f),
    what: f.viewerIsAuthor ? t.what.draftYou : t.what.draftOther(f.authorName),
    when: null,
    whenSource: null,
    deadline: deadlineOf(f),
  }),
  submitted: (f) => ({
    actor: "coordinator",
    who: t.who.coordinator(f.coordinatorNames),
    what: t.what.submitted,
    ...usualDuration("submitted", f),
    deadline: deadlineOf(f),
  }),
  endorsed: (f) => ({
    actor: "controller",
    who: t.who.controller(f.controllerNames),
    what: t.what.endorsed,
    ...usualDuration("endorsed", f),
    deadline: deadlineOf(f),
  }),
  info_requested: (f) => ({
    actor: "author",
    who: authorWho(f),
    what: f.viewerIsAuthor ? t.what.infoRequestedYou(f.lastActorName) : t.what.infoRequestedOther(f.authorName, f.lastActorName),
    when: t.when.authorPace,
    whenSource: "author",
    deadline: deadlineOf(f),
  }),
  awaiting_second_approval: (f) => ({
    actor: "second_controller",
    who: t.who.secondController(f.lastActorName),
    what: t.what.awaitingSecond(formatMoney(f.thresholdCents)),
    ...usualDuration("awaiting_second_approval", f),
    deadline: deadlineOf(f),
  }),
  approved: (f) => ({
    actor: "controller",
    who: t.who.controller(f.controllerNames),
    what: t.what.approved,
    ...usualDuration("approved", f),
    deadline: null,
  }),
  paid: (f) => ({
    actor: "team_then_controller",
    who: t.who.teamAndController(f.controllerNames),
    what: t.what.paid,
    ...usualDuration("paid", f),
    deadline: null,
  }),
  settled: (f) => ({
    actor: "author",
    who: authorWho(f),
    what: f.viewerIsAuthor ? t.what.settledYou : t.what.settledOther(f.authorName),
    when: f.evaluationDueOn ? t.when.evaluationDue(formatDate(f.evaluationDueOn)) : null,
    whenSource: f.evaluationDueOn ? "setting" : null,
    deadline: null,
  }),
  evaluated: () => done(t.what.evaluated),
  rejected: () => done(t.what.rejected),
  cancelled: () => done(t.what.cancelled),
};

export const nextStep = (facts: NextStepFacts): NextStep => NEXT_STEP[facts.status](facts);
