// The Dutch message catalogue. One file per area under ./nl/, merged here.
import { adminNav } from "./nl/admin-nav";
import { auth } from "./nl/auth";
import { common, domainErrors, errorPages } from "./nl/common";
import { team } from "./nl/team";

export const nl = {
  common,
  errorPages,
  domainErrors,
  auth,
  team,
  adminNav,
};
export type Messages = typeof nl;

export function domainErrorMessage(code: string): string {
  return domainErrors[code] ?? errorPages.serverErrorText;
}
