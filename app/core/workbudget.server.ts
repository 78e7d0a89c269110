// Route modules import the workbudget door through this .server module, which Remix
// leaves out of the browser bundle (the door reaches the database driver).
export * from "@wijkwerk/core/workbudget";
import { approveSpend as approve, rejectSpend as reject } from "@wijkwerk/core/workbudget";
import { observeSpendDecision } from "~/lib/metrics.server";

// The two decisions count in the metrics (approvals, rejections, refusals such as
// insufficient_budget: docs/operations.md); these names shadow the door's exports above.
export const approveSpend: typeof approve = (...args) => observeSpendDecision("approve", approve(...args));
export const rejectSpend: typeof reject = (...args) => observeSpendDecision("reject", reject(...args));
