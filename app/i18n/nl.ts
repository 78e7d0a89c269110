// The Dutch message catalogue. One file per area under ./nl/, merged here.
import { account, sessionsPage } from "./nl/account";
import { adminHome } from "./nl/admin-home";
import { adminNav } from "./nl/admin-nav";
import { auth, passwordReset } from "./nl/auth";
import { acceptPage, invitationsPage } from "./nl/invitations";
import { mailbox } from "./nl/mailbox";
import { municipality } from "./nl/municipality";
import { common, domainErrors, errorPages } from "./nl/common";
import { team } from "./nl/team";

export const nl = {
  common,
  errorPages,
  domainErrors,
  auth,
  team,
  adminNav,
  account,
  municipality,
  sessionsPage,
  passwordReset,
  mailbox,
  adminHome,
  invitationsPage,
  acceptPage,
};
export type Messages = typeof nl;

export function domainErrorMessage(code: string): string {
  return domainErrors[code] ?? errorPages.serverErrorText;
}
