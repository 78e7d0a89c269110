// Pure rules of the workbudget: which postings a money move makes, how they
// change a budget's balances, and which workflow step is allowed from which
// status. No database here: the use cases in spends.ts apply these inside
// one locked transaction, and the property test checks them against a model.

export type LedgerAccount = "funding" | "available" | "reserved" | "paid";
export type PostingKind = "allocate" | "reserve" | "release" | "pay" | "refund" | "reversal";

export interface Posting {
  account: LedgerAccount;
  amountCents: number;
}

export interface Balances {
  fundedCents: number;
  availableCents: number;
  reservedCents: number;
  paidCents: number;
}

function assertPositiveCents(amount: number) {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`amount must be a positive integer number of cents, got ${amount}`);
}

/**
 * The two legs of a money move, summing to zero:
 * allocate (funding → available), reserve (available → reserved),
 * release (reserved → available), pay (reserved → paid), refund (paid → available).
 */
export function postingsFor(kind: Exclude<PostingKind, "reversal">, amountCents: number): Posting[] {
  assertPositiveCents(amountCents);
  const move = (from: LedgerAccount, to: LedgerAccount): Posting[] => [
    { account: from, amountCents: -amountCents },
    { account: to, amountCents },
  ];
  switch (kind) {
    case "allocate":
      return move("funding", "available");
    case "reserve":
      return move("available", "reserved");
    case "release":
      return move("reserved", "available");
    case "pay":
      return move("reserved", "paid");
    case "refund":
      return move("paid", "available");
  }
}

/** A correction: the same postings with opposite signs. */
export function reversalOf(postings: Posting[]): Posting[] {
  return postings.map((p) => ({ account: p.account, amountCents: -p.amountCents }));
}

export function sumsToZero(postings: Posting[]): boolean {
  return postings.reduce((s, p) => s + p.amountCents, 0) === 0;
}

/**
 * Balances after the postings. "funding" is the negative of what was
 * funded. Throws when any balance would become negative — the caller turns
 * that into "onvoldoende budget"; the database CHECK is the last wall.
 */
export function applyPostings(b: Balances, postings: Posting[]): Balances {
  const d = balanceDeltas(postings);
  const next = {
    fundedCents: b.fundedCents + d.fundedCents,
    availableCents: b.availableCents + d.availableCents,
    reservedCents: b.reservedCents + d.reservedCents,
    paidCents: b.paidCents + d.paidCents,
  };
  if (next.availableCents < 0 || next.reservedCents < 0 || next.paidCents < 0) throw new InsufficientBudget(b, postings);
  return next;
}

/** How postings change the cached balances (funding counts up as the budget's size). */
export function balanceDeltas(postings: Posting[]): Balances {
  const d: Balances = { fundedCents: 0, availableCents: 0, reservedCents: 0, paidCents: 0 };
  for (const p of postings) {
    if (p.account === "funding") d.fundedCents -= p.amountCents;
    if (p.account === "available") d.availableCents += p.amountCents;
    if (p.account === "reserved") d.reservedCents += p.amountCents;
    if (p.account === "paid") d.paidCents += p.amountCents;
  }
  return d;
}

export class InsufficientBudget extends Error {
  constructor(
    readonly balances: Balances,
    readonly postings: Posting[],
  ) {
    super("insufficient budget");
    this.name = "InsufficientBudget";
  }
}

/** The invariant: funded = available + reserved + paid, all non-negative. */
export function balancesConsistent(b: Balances): boolean {
  return b.availableCents >= 0 && b.reservedCents >= 0 && b.paidCents >= 0 && b.fundedCents === b.availableCents + b.reservedCents + b.paidCents;
}

// ── Workflow ───────────────────────────────────────────────────────────────

export const SPEND_STATUSES = [
  "draft",
  "submitted",
  "endorsed",
  "info_requested",
  "awaiting_second_approval",
  "approved",
  "rejected",
  "paid",
  "settled",
  "evaluated",
  "cancelled",
] as const;
export type SpendStatus = (typeof SPEND_STATUSES)[number];

export type SpendAction = "submit" | "endorse" | "request_info" | "approve" | "reject" | "pay" | "settle" | "evaluate" | "cancel";

/** From which statuses each step may be taken. Approval may skip endorsement. */
export const ALLOWED_FROM: Record<SpendAction, readonly SpendStatus[]> = {
  submit: ["draft", "info_requested"],
  endorse: ["submitted"],
  request_info: ["submitted", "endorsed", "awaiting_second_approval"],
  approve: ["submitted", "endorsed", "awaiting_second_approval"],
  reject: ["submitted", "endorsed", "awaiting_second_approval"],
  pay: ["approved"],
  settle: ["paid"],
  evaluate: ["settled"],
  cancel: ["draft", "submitted", "endorsed", "info_requested", "awaiting_second_approval", "approved"],
};

export function canTransition(action: SpendAction, from: SpendStatus): boolean {
  return ALLOWED_FROM[action].includes(from);
}

/**
 * What an approval does: above the budget's threshold the first approval
 * only records itself and waits for a second, different approver; otherwise
 * (or as the second) it approves and reserves.
 */
export function approvalOutcome(input: {
  amountCents: number;
  thresholdCents: number;
  status: SpendStatus;
  firstApprovedBy: string | null;
  approverId: string;
}): "first_approval" | "approve" | "same_approver" {
  const needsTwo = input.amountCents > input.thresholdCents;
  if (!needsTwo) return "approve";
  if (input.status !== "awaiting_second_approval") return "first_approval";
  return input.firstApprovedBy === input.approverId ? "same_approver" : "approve";
}

/** The money moves of settling: release what was never paid, refund what was paid but not used. */
export function settlementPostings(input: {
  reservedCents: number;
  paidCents: number;
  actualCents: number;
}): { kind: "release" | "refund"; amountCents: number }[] {
  if (!Number.isSafeInteger(input.actualCents) || input.actualCents < 0 || input.actualCents > input.paidCents)
    throw new RangeError("actual amount must be between 0 and the amount paid");
  const moves: { kind: "release" | "refund"; amountCents: number }[] = [];
  if (input.reservedCents > 0) moves.push({ kind: "release", amountCents: input.reservedCents });
  if (input.paidCents - input.actualCents > 0) moves.push({ kind: "refund", amountCents: input.paidCents - input.actualCents });
  return moves;
}

/** The date the team is asked to evaluate: N months after settlement (end-of-month safe). */
export function evaluationDueOn(settledOn: string, months: number): string {
  const [y, m, d] = settledOn.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
