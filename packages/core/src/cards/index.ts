// Cards: Stripe Issuing — the client and its settings, team cards and their
// controls, the outbox to Stripe, the webhook and the reconciliation.
export { createStripeClient, disbursementMode, stripeSettingsFromEnv } from "./stripe-client";
export { handleStripeWebhook } from "./stripe-webhook";
export { type StripeSyncResult, deliverStripeOutbox } from "./stripe-outbox";
export {
  cardPaymentState,
  clearCardPaymentSelection,
  getTeamCard,
  listTeamCards,
  requestTeamCard,
  selectSpendForCardPayment,
  updateCardControls,
} from "./team-cards";
export { cardReconciliation } from "./card-reconciliation";
export { createCardDetailsKey } from "./card-details";

// For tenancy only: the municipality's disbursement setting chooses between these modes.
export { DISBURSEMENT_MODES, type DisbursementMode } from "./stripe-client";
