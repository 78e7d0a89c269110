// The Dutch message catalogue. One file per area under ./nl/, merged here.
import { account, sessionsPage } from "./nl/account";
import { adminHome } from "./nl/admin-home";
import { adminPartners, adminSettings, adminTeams } from "./nl/admin-pages";
import { adminNav } from "./nl/admin-nav";
import { auditPage } from "./nl/audit";
import { auth, passwordReset } from "./nl/auth";
import { buurtenAdmin } from "./nl/admin-buurten";
import { usersAdmin } from "./nl/admin-users";
import { acceptPage, invitationsPage, partnerProposals, proposalsPage } from "./nl/invitations";
import { mailbox } from "./nl/mailbox";
import { notificationsPage } from "./nl/notifications";
import { myTasks } from "./nl/my-tasks";
import { municipality } from "./nl/municipality";
import { partner } from "./nl/partner";
import { agreements, disciplineMatrix, municipalityPartners, partnerDashboard, timeRegistration } from "./nl/partner-hours";
import { partnerExport, partnerProducts } from "./nl/partner-products";
import { common, domainErrors, errorPages } from "./nl/common";
import { team } from "./nl/team";
import { workbudget } from "./nl/workbudget";
import { spends } from "./nl/spends";
import { api } from "./nl/api";
import { handbook, meetings, proposals, search, workgroups } from "./nl/workgroups";
import { cards } from "./nl/cards";
import { questions, stories } from "./nl/knowledge";
import { gate } from "./nl/gate";
import { casework } from "./nl/casework";
import { figures } from "./nl/figures";
import { figuresPages } from "./nl/figures-pages";
import { businessCase } from "./nl/business-case";
import { caseworkHouseholds } from "./nl/casework-households";
import { caseworkPlan } from "./nl/casework-plan";
import { caseworkPrivacy } from "./nl/casework-privacy";
import { caseworkImport } from "./nl/casework-import";
import { socialMap, transfers } from "./nl/casework-socialmap";
import { buurtservice, finder, initiatives, streetsAdmin, teamContact } from "./nl/neighbourhood";

export const nl = {
  businessCase,
  casework,
  figures,
  figuresPages,
  caseworkHouseholds,
  caseworkPlan,
  caseworkPrivacy,
  caseworkImport,
  socialMap,
  transfers,
  workbudget,
  common,
  errorPages,
  domainErrors,
  auth,
  team,
  adminNav,
  account,
  municipality,
  partner,
  agreements,
  timeRegistration,
  disciplineMatrix,
  partnerDashboard,
  municipalityPartners,
  partnerProducts,
  partnerExport,
  sessionsPage,
  passwordReset,
  mailbox,
  auditPage,
  adminHome,
  adminTeams,
  adminPartners,
  adminSettings,
  invitationsPage,
  proposalsPage,
  partnerProposals,
  buurtenAdmin,
  usersAdmin,
  acceptPage,
  notificationsPage,
  myTasks,
  spends,
  api,
  workgroups,
  handbook,
  meetings,
  proposals,
  search,
  cards,
  stories,
  questions,
  gate,
  finder,
  teamContact,
  streetsAdmin,
  buurtservice,
  initiatives,
};
export type Messages = typeof nl;

export function domainErrorMessage(code: string): string {
  return domainErrors[code] ?? errorPages.serverErrorText;
}
