// The casework domain's only door: households and their one plan (1 Gezin 1
// Plan 1 Regisseur), intake, ZRM, arrangements, referrals, closing; contacts
// without a case; break-the-glass, the read log, the AVG export and the
// retention purge; the sociale kaart. Resident data never leaves the case
// team (docs/casework.md, docs/dpia.md).
export * from "./vocabulary";
export * from "./messages";
export { getHouseholdEntry, type HouseholdEntry, type HouseholdHead } from "./access";
// The sociale kaart and household transfers (cw-socialmap slice).
export {
  SOCIAL_MAP_PAGE_SIZE,
  type OfferInput,
  type PickerProvider,
  type ProviderDetail,
  type ProviderInput,
  type ProviderListItem,
  type SocialMapFilter,
  addOffer,
  canKeepSocialMap,
  createProvider,
  getProvider,
  listProvidersForPicker,
  pickProviders,
  searchSocialMap,
  setOfferArchived,
  setProviderArchived,
  socialMapBuurten,
  updateOffer,
  updateProvider,
} from "./social-map";
export { type TransferRow, acceptTransfer, declineTransfer, getTransferForm, listTransfers, proposeTransfer, withdrawTransfer } from "./transfers";
